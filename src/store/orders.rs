//! Orders: newer-wins upserts in batches with the queue indexes, status history and the
//! packages derived from line items; paged reads for the order queue and search.

use super::Store;
use super::codec::{decode, encode_bin};
use super::error::StoreError;
use super::schema::{
    ORDER_BY_STATUS, ORDER_FLAGS, ORDER_HISTORY, ORDER_PRICE_TODO, ORDER_PRICES, ORDER_QUEUE, ORDER_ROWS, ORDER_TERMS,
    ORDERS, PACKAGE_ORDER, PACKAGE_PARCEL_TODO, PACKAGES,
};
use crate::domain::order::{Order, OrderRow, PriceDetail, ShippingType, Source, StatusChange};
use crate::domain::package::Package;
use redb::{ReadTransaction, ReadableTable, ReadableTableMetadata, Table, TableDefinition, WriteTransaction};
use std::collections::{BTreeMap, BTreeSet};

pub use super::order_queries::{OrderPage, OrderQuery};

/// What an upsert batch did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpsertStats {
    pub inserted: usize,
    pub updated: usize,
    /// Older than what is stored: ignored.
    pub stale: usize,
    pub unchanged: usize,
    /// Orders whose status changed (or that are new).
    pub status_changed: Vec<String>,
}

pub(super) fn queue_key(r: &OrderRow) -> String {
    format!("{}{:019}|{}", if r.status.is_open() { '0' } else { '1' }, r.deadline(), r.id)
}

fn status_key(r: &OrderRow) -> String {
    format!("{}{:019}|{}", r.status.code(), r.deadline(), r.id)
}

fn flag_keys(r: &OrderRow) -> Vec<String> {
    let mut v = Vec::new();
    if r.cancel_requested {
        v.push(format!("c{:019}|{}", r.deadline(), r.id));
    }
    if r.on_hold {
        v.push(format!("h{:019}|{}", r.deadline(), r.id));
    }
    v
}

/// Packages to fulfil first, soonest ship-by first; then the rest, newest first.
pub(super) fn package_key(p: &Package) -> String {
    match p.to_fulfil() {
        true => format!("0{:019}|{}", p.ship_by.unwrap_or(i64::MAX / 4).max(0), p.id),
        false => format!("1{:019}|{}", i64::MAX - p.update_time.max(0), p.id),
    }
}

/// What finds an order: SKUs, tracking numbers, the buyer's nickname, the recipient's name (whole
/// and each word) and the order id reversed (so its last digits find it).
pub fn search_terms(o: &Order) -> BTreeSet<String> {
    let mut t = BTreeSet::new();
    t.insert(format!("rid:{}", o.id.chars().rev().collect::<String>()));
    let name = o.address.name.trim().to_lowercase();
    if !name.is_empty() {
        for word in name.split_whitespace() {
            t.insert(format!("name:{word}"));
        }
        t.insert(format!("name:{name}"));
    }
    for l in &o.lines {
        if !l.seller_sku.is_empty() {
            t.insert(format!("sku:{}", l.seller_sku.to_lowercase()));
        }
        if let Some(tr) = &l.tracking_number {
            t.insert(format!("trk:{}", tr.to_lowercase()));
        }
    }
    if !o.buyer_nickname.is_empty() {
        t.insert(format!("nick:{}", o.buyer_nickname.to_lowercase()));
    }
    if let Some(tr) = &o.tracking_number {
        t.insert(format!("trk:{}", tr.to_lowercase()));
    }
    t
}

/// Packages as the order's lines describe them.
fn packages_of(o: &Order) -> BTreeMap<String, Package> {
    let tag = match o.split_or_combine.as_deref() {
        Some("COMBINED") => "COMBINE",
        Some("SPLIT") => "SPLIT",
        _ => "DEFAULT",
    };
    let mut out: BTreeMap<String, Package> = BTreeMap::new();
    for l in &o.lines {
        let Some(pid) = &l.package_id else { continue };
        let p = out.entry(pid.clone()).or_insert_with(|| Package {
            id: pid.clone(),
            shop_id: o.shop_id.clone(),
            status: l.package_status.clone(),
            order_ids: vec![o.id.clone()],
            line_ids: vec![],
            shipping_provider_id: l.shipping_provider_id.clone(),
            shipping_provider_name: l.shipping_provider_name.clone(),
            tracking_number: l.tracking_number.clone(),
            tag: tag.into(),
            shipping_type: match o.shipping_type {
                ShippingType::Tiktok => "TIKTOK".into(),
                _ => "SELLER".into(),
            },
            update_time: o.update_time,
            weight: None,
            dimension: None,
            ship_by: o.ship_by,
            warehouse_id: o.warehouse_id.clone(),
        });
        p.line_ids.push(l.id.clone());
    }
    out
}

type Bytes<'t> = Table<'t, &'static str, &'static [u8]>;
type Keys<'t> = Table<'t, &'static str, ()>;

/// Store a package an order describes, keeping what the order does not say (other orders'
/// lines of a combined package, the parcel read from Get Package Detail); a package whose parcel
/// is not known yet is queued for reading.
fn put_package(
    pk: &mut Bytes,
    idx: &mut Keys,
    parcels: &mut Keys,
    rows: &Bytes,
    order: &Order,
    mut new: Package,
) -> Result<(), StoreError> {
    let old: Option<Package> = match pk.get(new.id.as_str())? {
        Some(v) => Some(decode("packages", &new.id, v.value())?),
        None => None,
    };
    match &old {
        Some(old) => {
            new.weight = old.weight.clone();
            new.dimension = old.dimension.clone();
        }
        None => {
            parcels.insert(format!("{}|{}", new.shop_id, new.id).as_str(), ())?;
        }
    }
    let Some(old) = old else {
        idx.insert(package_key(&new).as_str(), ())?;
        pk.insert(new.id.as_str(), encode_bin(&new)?.as_slice())?;
        return Ok(());
    };
    // What the package is (status, tracking, carrier): the newer version wins, whichever order
    // brought it. Which orders and lines it holds: each order speaks for its own lines, so an
    // order joining a combined package joins it even when another order's update is newer.
    let newer = new.update_time >= old.update_time;
    let mine: BTreeSet<&String> = order.lines.iter().map(|l| &l.id).collect();
    let mut lines: Vec<String> = old.line_ids.iter().filter(|l| !mine.contains(l)).cloned().collect();
    lines.extend(new.line_ids.iter().cloned());
    let mut orders = old.order_ids.clone();
    for o in &new.order_ids {
        if !orders.contains(o) {
            orders.push(o.clone());
        }
    }
    // A package ships by the earliest of its orders' deadlines as they stand now.
    let ship_by = earliest_ship_by(rows, &orders, &order.id, order.ship_by)?;
    if !newer {
        new = old.clone();
    }
    new.line_ids = lines;
    new.order_ids = orders;
    new.ship_by = ship_by;
    // Nothing is written for a package the order leaves as it was; its index row moves only
    // when what it sorts by changed.
    if new == old {
        return Ok(());
    }
    let (was, is) = (package_key(&old), package_key(&new));
    if was != is {
        idx.remove(was.as_str())?;
        idx.insert(is.as_str(), ())?;
    }
    pk.insert(new.id.as_str(), encode_bin(&new)?.as_slice())?;
    Ok(())
}

/// The earliest deadline of a package's orders: `known`'s is given, the others' are read from
/// their stored rows (none for the usual package of one order).
fn earliest_ship_by(
    rows: &Bytes,
    order_ids: &[String],
    known: &str,
    deadline: Option<i64>,
) -> Result<Option<i64>, StoreError> {
    let mut earliest = deadline;
    for id in order_ids.iter().filter(|id| *id != known) {
        let Some(v) = rows.get(id.as_str())? else { continue };
        let row: OrderRow = decode("order_rows", id, v.value())?;
        earliest = match (earliest, row.ship_by) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    Ok(earliest)
}

/// Take an order's lines out of a package it no longer has (a split or combine was undone): the
/// orders left in it ship by their own deadlines; a package left empty is gone, and so is its
/// parcel still to read (TikTok answers 21011028 for a package id it no longer has).
fn leave_package(
    pk: &mut Bytes,
    idx: &mut Keys,
    parcels: &mut Keys,
    rows: &Bytes,
    order: &Order,
    package_id: &str,
) -> Result<(), StoreError> {
    let old: Option<Package> = match pk.get(package_id)? {
        Some(v) => Some(decode("packages", package_id, v.value())?),
        None => None,
    };
    let Some(mut p) = old else { return Ok(()) };
    idx.remove(package_key(&p).as_str())?;
    let mine: BTreeSet<&String> = order.lines.iter().map(|l| &l.id).collect();
    p.line_ids.retain(|l| !mine.contains(l));
    p.order_ids.retain(|o| o != &order.id);
    if p.line_ids.is_empty() {
        pk.remove(package_id)?;
        parcels.remove(format!("{}|{}", p.shop_id, package_id).as_str())?;
    } else {
        p.ship_by = earliest_ship_by(rows, &p.order_ids, &order.id, None)?;
        idx.insert(package_key(&p).as_str(), ())?;
        pk.insert(package_id, encode_bin(&p)?.as_slice())?;
    }
    Ok(())
}

fn append_history(h: &mut Bytes, id: &str, change: &StatusChange) -> Result<(), StoreError> {
    let lo = format!("{id}|");
    let hi = format!("{id}|~");
    let next = match h.range(lo.as_str()..hi.as_str())?.next_back() {
        Some(row) => {
            let (k, _) = row?;
            k.value().rsplit('|').next().and_then(|n| n.parse::<u32>().ok()).unwrap_or(0) + 1
        }
        None => 0,
    };
    h.insert(format!("{id}|{next:05}").as_str(), encode_bin(change)?.as_slice())?;
    Ok(())
}

/// Move an order's queue, status and flag index rows, only those whose key changed (most
/// updates keep them all).
fn move_index_rows<'t>(
    queue: &mut Keys<'t>,
    by_status: &mut Keys<'t>,
    flags: &mut Keys<'t>,
    old: Option<&OrderRow>,
    row: &OrderRow,
) -> Result<(), StoreError> {
    for (table, was, is) in
        [(&mut *queue, old.map(queue_key), queue_key(row)), (&mut *by_status, old.map(status_key), status_key(row))]
    {
        if was.as_ref() != Some(&is) {
            if let Some(k) = &was {
                table.remove(k.as_str())?;
            }
            table.insert(is.as_str(), ())?;
        }
    }
    let (was, is) = (old.map(flag_keys).unwrap_or_default(), flag_keys(row));
    for k in was.iter().filter(|k| !is.contains(k)) {
        flags.remove(k.as_str())?;
    }
    for k in is.iter().filter(|k| !was.contains(k)) {
        flags.insert(k.as_str(), ())?;
    }
    Ok(())
}

/// Upsert a batch of orders in one transaction: an order older than the stored one is ignored
/// (newer wins); every status change is recorded with its source.
pub fn upsert(txn: &WriteTransaction, orders: &[Order], source: Source, now: i64) -> Result<UpsertStats, StoreError> {
    let mut stats = UpsertStats::default();
    let mut t_orders = txn.open_table(ORDERS)?;
    let mut t_rows = txn.open_table(ORDER_ROWS)?;
    let mut queue = txn.open_table(ORDER_QUEUE)?;
    let mut by_status = txn.open_table(ORDER_BY_STATUS)?;
    let mut flags = txn.open_table(ORDER_FLAGS)?;
    let mut terms = txn.open_table(ORDER_TERMS)?;
    let mut todo = txn.open_table(ORDER_PRICE_TODO)?;
    let mut history = txn.open_table(ORDER_HISTORY)?;
    let mut pk = txn.open_table(PACKAGES)?;
    let mut pk_idx = txn.open_table(PACKAGE_ORDER)?;
    let mut parcels = txn.open_table(PACKAGE_PARCEL_TODO)?;
    for o in orders {
        let old: Option<OrderRow> = match t_rows.get(o.id.as_str())? {
            Some(v) => Some(decode("order_rows", &o.id, v.value())?),
            None => None,
        };
        if old.as_ref().is_some_and(|old| old.update_time > o.update_time) {
            stats.stale += 1;
            continue;
        }
        // The price detail lives in its own table; API orders never carry one.
        let body = match o.price {
            None => encode_bin(o)?,
            Some(_) => encode_bin(&Order { price: None, ..o.clone() })?,
        };
        let old_body = match &old {
            Some(_) => t_orders.get(o.id.as_str())?.map(|v| v.value().to_vec()),
            None => None,
        };
        // Same update time: the same version (webhook and poll overlap) unless its content
        // differs (TikTok's seconds can hold two changes); equal is not older, so it may win.
        // The same version writes nothing at all.
        if old.as_ref().is_some_and(|old| old.update_time == o.update_time) && old_body.as_ref() == Some(&body) {
            stats.unchanged += 1;
            continue;
        }
        let row = OrderRow::from(o);
        move_index_rows(&mut queue, &mut by_status, &mut flags, old.as_ref(), &row)?;
        t_orders.insert(o.id.as_str(), body.as_slice())?;
        t_rows.insert(o.id.as_str(), encode_bin(&row)?.as_slice())?;
        super::listing_sync::order_changed(txn, o, now)?;
        // Search terms are diffed against the stored version's: most updates change none.
        let old_terms = match &old_body {
            Some(b) => search_terms(&decode::<Order>("orders", &o.id, b)?),
            None => BTreeSet::new(),
        };
        super::order_terms::update(&mut terms, &o.id, &old_terms, &search_terms(o))?;
        if old.as_ref().map(|r| &r.status) != Some(&o.status) {
            append_history(
                &mut history,
                &o.id,
                &StatusChange { status: o.status.clone(), at: o.update_time, seen_at: now, source },
            )?;
            stats.status_changed.push(o.id.clone());
        }
        match &old {
            None => {
                todo.insert(format!("{}|{}", o.shop_id, o.id).as_str(), ())?;
                stats.inserted += 1;
            }
            Some(_) => stats.updated += 1,
        }
        let now_pk = packages_of(o);
        if let Some(old) = &old {
            for gone in old.package_ids.iter().filter(|p| !now_pk.contains_key(*p)) {
                leave_package(&mut pk, &mut pk_idx, &mut parcels, &t_rows, o, gone)?;
            }
        }
        for (_, p) in now_pk {
            put_package(&mut pk, &mut pk_idx, &mut parcels, &t_rows, o, p)?;
        }
    }
    Ok(stats)
}

/// The first `limit` ids a `{shop}|{id}` to-do table holds for a shop.
pub(super) fn queued(
    r: &ReadTransaction,
    table: TableDefinition<&str, ()>,
    shop_id: &str,
    limit: usize,
) -> Result<Vec<String>, StoreError> {
    let t = r.open_table(table)?;
    let (lo, hi) = (format!("{shop_id}|"), format!("{shop_id}|~"));
    let mut out = Vec::new();
    for row in t.range(lo.as_str()..hi.as_str())?.take(limit) {
        let (k, _) = row?;
        out.push(k.value().rsplit('|').next().unwrap_or("").to_string());
    }
    Ok(out)
}

/// Store an order's price detail (ORD-SYNC-TAX).
pub fn put_price(txn: &WriteTransaction, shop_id: &str, order_id: &str, p: &PriceDetail) -> Result<(), StoreError> {
    txn.open_table(ORDER_PRICES)?.insert(order_id, encode_bin(p)?.as_slice())?;
    txn.open_table(ORDER_PRICE_TODO)?.remove(format!("{shop_id}|{order_id}").as_str())?;
    Ok(())
}

impl Store {
    pub fn upsert_orders(&self, orders: &[Order], source: Source, now: i64) -> Result<UpsertStats, StoreError> {
        self.write(|t| upsert(t, orders, source, now))
    }

    /// An order with its price detail.
    pub fn get_order(&self, id: &str) -> Result<Option<Order>, StoreError> {
        self.read(|r| {
            let Some(v) = r.open_table(ORDERS)?.get(id)? else { return Ok(None) };
            let mut o: Order = decode("orders", id, v.value())?;
            if let Some(p) = r.open_table(ORDER_PRICES)?.get(id)? {
                o.price = Some(decode("order_prices", id, p.value())?);
            }
            Ok(Some(o))
        })
    }

    pub fn get_order_row(&self, id: &str) -> Result<Option<OrderRow>, StoreError> {
        self.read(|r| match r.open_table(ORDER_ROWS)?.get(id)? {
            Some(v) => decode("order_rows", id, v.value()).map(Some),
            None => Ok(None),
        })
    }

    pub fn order_history(&self, id: &str) -> Result<Vec<StatusChange>, StoreError> {
        self.read(|r| {
            let t = r.open_table(ORDER_HISTORY)?;
            let (lo, hi) = (format!("{id}|"), format!("{id}|~"));
            let mut out = Vec::new();
            for row in t.range(lo.as_str()..hi.as_str())? {
                let (k, v) = row?;
                out.push(decode("order_history", k.value(), v.value())?);
            }
            Ok(out)
        })
    }

    pub fn order_count(&self) -> Result<u64, StoreError> {
        self.read(|r| Ok(r.open_table(ORDER_ROWS)?.len()?))
    }

    /// Orders still without their price detail, for a shop.
    pub fn orders_without_price(&self, shop_id: &str, limit: usize) -> Result<Vec<String>, StoreError> {
        self.read(|r| queued(r, ORDER_PRICE_TODO, shop_id, limit))
    }

    pub fn get_package(&self, id: &str) -> Result<Option<Package>, StoreError> {
        self.read(|r| match r.open_table(PACKAGES)?.get(id)? {
            Some(v) => decode("packages", id, v.value()).map(Some),
            None => Ok(None),
        })
    }

    /// Open orders due before `t` (for the at-risk check), soonest first.
    pub fn orders_due_before(&self, t: i64, limit: usize) -> Result<Vec<OrderRow>, StoreError> {
        Ok(self.order_page(&OrderQuery { due_before: Some(t), ..OrderQuery::default() }, None, limit)?.rows)
    }

    /// Every stored order id of a shop (tests and reconciliation).
    pub fn order_ids(&self, shop_id: &str) -> Result<Vec<String>, StoreError> {
        self.read(|r| {
            let rows = r.open_table(ORDER_ROWS)?;
            let mut out = Vec::new();
            for e in rows.iter()? {
                let (k, v) = e?;
                let row: OrderRow = decode("order_rows", k.value(), v.value())?;
                if row.shop_id == shop_id {
                    out.push(row.id);
                }
            }
            Ok(out)
        })
    }
}

#[cfg(test)]
#[path = "orders_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "orders_package_tests.rs"]
mod package_tests;

#[cfg(test)]
#[path = "orders_props.rs"]
mod props;
