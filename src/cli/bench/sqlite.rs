//! The SQLite side of `tokshop bench upserts` (feature `sqlite-bench`): the same orders upserted
//! with the same work as the redb store does per order (read the stored row, newer wins,
//! the order and its queue row, status and deadline indexes, the store's search terms, history
//! on a status change, its packages and their queue index, the price and parcel to-dos of a new
//! order), in WAL mode with synchronous=FULL so each batch is as durable as a redb commit.
//!
//! Until 2026-12-06 it wrote fewer search terms than the store (SKUs, nickname and tracking, not
//! the recipient's name and words nor the reversed id) and no to-dos or package index: about 10
//! B-tree writes per new order against the store's 17, which flattered SQLite's inserts.

use crate::cli::bench::orders::synth_order;
use crate::cli::session::CliError;
use crate::domain::order::Order;
use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;
use std::time::{Duration, Instant};

fn err(e: rusqlite::Error) -> CliError {
    CliError::failed(format!("sqlite: {e}"))
}

fn open(path: &Path) -> Result<Connection, CliError> {
    let _ = std::fs::remove_file(path);
    let c = Connection::open(path).map_err(err)?;
    c.execute_batch(
        "PRAGMA journal_mode=WAL;
         PRAGMA synchronous=FULL;
         CREATE TABLE orders (id TEXT PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID;
         CREATE TABLE order_rows (id TEXT PRIMARY KEY, shop_id TEXT, status TEXT, deadline INTEGER, update_time INTEGER,
                                  cancel_requested INTEGER, on_hold INTEGER, row BLOB NOT NULL) WITHOUT ROWID;
         CREATE INDEX rows_queue ON order_rows (deadline, id);
         CREATE INDEX rows_status ON order_rows (status, deadline, id);
         CREATE INDEX rows_flags ON order_rows (cancel_requested, on_hold, deadline);
         CREATE TABLE order_search (term TEXT, order_id TEXT, PRIMARY KEY (term, order_id)) WITHOUT ROWID;
         CREATE TABLE order_history (order_id TEXT, seq INTEGER, body BLOB, PRIMARY KEY (order_id, seq)) WITHOUT ROWID;
         CREATE TABLE order_price_todo (shop_id TEXT, order_id TEXT, PRIMARY KEY (shop_id, order_id)) WITHOUT ROWID;
         CREATE TABLE packages (id TEXT PRIMARY KEY, body BLOB NOT NULL, update_time INTEGER, queue TEXT) WITHOUT ROWID;
         CREATE INDEX packages_queue ON packages (queue, id);
         CREATE TABLE package_parcel_todo (shop_id TEXT, package_id TEXT, PRIMARY KEY (shop_id, package_id))
             WITHOUT ROWID;",
    )
    .map_err(err)?;
    Ok(c)
}

fn upsert_batch(c: &mut Connection, orders: &[Order], now: i64) -> Result<(), CliError> {
    let tx = c.transaction().map_err(err)?;
    {
        let mut get = tx.prepare_cached("SELECT status, update_time FROM order_rows WHERE id = ?1").map_err(err)?;
        let mut put_order =
            tx.prepare_cached("INSERT OR REPLACE INTO orders (id, body) VALUES (?1, ?2)").map_err(err)?;
        let mut put_row = tx
            .prepare_cached(
                "INSERT OR REPLACE INTO order_rows (id, shop_id, status, deadline, update_time, cancel_requested, \
                    on_hold, row)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .map_err(err)?;
        let mut put_term =
            tx.prepare_cached("INSERT OR IGNORE INTO order_search (term, order_id) VALUES (?1, ?2)").map_err(err)?;
        let mut put_hist = tx
            .prepare_cached(
                "INSERT INTO order_history (order_id, seq, body)
                 VALUES (?1, (SELECT COALESCE(MAX(seq), -1) + 1 FROM order_history WHERE order_id = ?1), ?2)",
            )
            .map_err(err)?;
        let mut put_pkg = tx
            .prepare_cached(
                "INSERT INTO packages (id, body, update_time, queue) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(id) DO \
                UPDATE SET body = excluded.body, update_time = excluded.update_time, queue = excluded.queue \
                WHERE excluded.update_time >= packages.update_time",
            )
            .map_err(err)?;
        let mut put_todo = tx
            .prepare_cached("INSERT OR IGNORE INTO order_price_todo (shop_id, order_id) VALUES (?1, ?2)")
            .map_err(err)?;
        let mut put_parcel = tx
            .prepare_cached("INSERT OR IGNORE INTO package_parcel_todo (shop_id, package_id) VALUES (?1, ?2)")
            .map_err(err)?;
        for o in orders {
            let old: Option<(String, i64)> =
                get.query_row(params![o.id], |r| Ok((r.get(0)?, r.get(1)?))).optional().map_err(err)?;
            if old.as_ref().is_some_and(|(_, t)| *t > o.update_time) {
                continue;
            }
            let row = crate::domain::order::OrderRow::from(o);
            let body = serde_json::to_vec(o).map_err(|e| CliError::failed(e.to_string()))?;
            let row_body = serde_json::to_vec(&row).map_err(|e| CliError::failed(e.to_string()))?;
            put_order.execute(params![o.id, body]).map_err(err)?;
            put_row
                .execute(params![
                    o.id,
                    o.shop_id,
                    o.status.as_wire(),
                    o.deadline(),
                    o.update_time,
                    o.cancel_requested,
                    row.on_hold,
                    row_body
                ])
                .map_err(err)?;
            // The store's own terms: SKUs, tracking, nickname, the recipient's name and words,
            // the id reversed.
            for term in crate::store::orders::search_terms(o) {
                put_term.execute(params![term, o.id]).map_err(err)?;
            }
            if old.is_none() {
                put_todo.execute(params![o.shop_id, o.id]).map_err(err)?;
            }
            if old.as_ref().map(|(s, _)| s.as_str()) != Some(o.status.as_wire()) {
                let change = serde_json::json!({
                    "status": o.status.as_wire(), "at": o.update_time, "seen_at": now, "source": "Poll"
                });
                put_hist.execute(params![o.id, serde_json::to_vec(&change).unwrap_or_default()]).map_err(err)?;
            }
            for p in &o.package_ids {
                let pkg = serde_json::json!({
                    "id": p, "shop_id": o.shop_id, "order_ids": [o.id], "tracking_number": o.tracking_number
                });
                let queue = match o.tracking_number {
                    None => format!("0{:019}", o.ship_by.unwrap_or(0).max(0)),
                    Some(_) => format!("1{:019}", i64::MAX - o.update_time.max(0)),
                };
                put_pkg
                    .execute(params![p, serde_json::to_vec(&pkg).unwrap_or_default(), o.update_time, queue])
                    .map_err(err)?;
                if old.is_none() {
                    put_parcel.execute(params![o.shop_id, p]).map_err(err)?;
                }
            }
        }
    }
    tx.commit().map_err(err)
}

fn pass(c: &mut Connection, n: u64, batch: u64, version: i64, now: i64) -> Result<Duration, CliError> {
    let mut spent = Duration::ZERO;
    let mut i = 0;
    while i < n {
        let orders: Vec<Order> = (i..(i + batch).min(n)).map(|k| synth_order(k, version, now)).collect();
        let t = Instant::now();
        upsert_batch(c, &orders, now)?;
        spent += t.elapsed();
        i += batch;
    }
    Ok(spent)
}

/// (insert pass, update pass) over the same orders as the redb run.
pub fn upserts(path: &Path, n: u64, batch: u64, now: i64) -> Result<(Duration, Duration), CliError> {
    let mut c = open(path)?;
    let insert = pass(&mut c, n, batch, 0, now)?;
    let update = pass(&mut c, n, batch, 1, now)?;
    Ok((insert, update))
}
