//! The order tables and packages from JSON to the compact encoding (`codec.rs`), on open, for a
//! store written before it; then `redb` compaction, on demand too (`tokshop store compact`).
//!
//! - A **backup copy** of the file is written first (`tokshop-v{N}-backup.redb` beside it, N the
//!   schema version found, 0600), before any migration step writes, and kept.
//! - The migration steps themselves ([`v14_compact_orders`], [`v15_compact_packages`],
//!   [`v16_numeric_ids`]) only mark the conversion as pending;
//!   the conversion then runs **table by table in bounded transactions** of [`BATCH`] records,
//!   each durable and each recording the last key it converted (and the phase: into a side
//!   table `{table}.compact`, then back into the table made anew, so its pages are as dense as
//!   a new store's: values rewritten in place would leave the old, larger values' pages mostly
//!   empty, and compaction moves pages without merging them). A store killed half-way **resumes**
//!   where it stopped at the next open, before anything reads it.
//! - **Progress** is reported after every transaction (table, records done, total).
//! - When every table is converted, the mark goes and the file is **compacted**.
//!
//! A record that cannot be decoded is left as it is (and logged): `tokshop store check` names it.

use super::codec::{decode, encode_bin, is_bin};
use super::error::{StoreError, StoreResult};
use super::schema::{META, ORDER_HISTORY, ORDER_PRICES, ORDER_ROWS, ORDERS, PACKAGES};
use crate::domain::order::{Order, OrderRow, PriceDetail, StatusChange};
use crate::domain::package::Package;
use redb::{Database, ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition, WriteTransaction};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::ops::Bound;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// Records converted per transaction: bounded memory and a bounded loss of work if killed.
pub const BATCH: usize = 2_000;

/// Present in `meta` while the conversion is still to finish.
const PENDING: &str = "compact_pending";

/// How far the conversion is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub table: &'static str,
    pub done: u64,
    pub total: u64,
}

/// The order tables v14 converts; packages joined them in v15.
const ORDER_TABLES: [&str; 4] = ["orders", "order_rows", "order_history", "order_prices"];
/// Every table a conversion (or a compaction) copies anew.
const COPIED_TABLES: [&str; 5] = ["orders", "order_rows", "order_history", "order_prices", "packages"];

/// Forget where each copied table's conversion stood, so the next one starts from the beginning.
fn clear_marks(meta: &mut redb::Table<&str, &[u8]>) -> StoreResult<()> {
    for t in COPIED_TABLES {
        meta.remove(cursor_key(t).as_str())?;
        meta.remove(phase_key(t).as_str())?;
    }
    Ok(())
}

/// Mark the order tables for conversion; [`finish`] converts them after the migrations commit.
pub(super) fn v14_compact_orders(txn: &WriteTransaction) -> StoreResult<()> {
    txn.open_table(META)?.insert(PENDING, [].as_slice())?;
    Ok(())
}

/// Mark packages for conversion too. On a store whose order tables are compact already (a v14
/// store, no conversion pending) those are marked done, so only packages are rewritten; on a
/// store that v14 has just marked, or whose conversion was stopped, every table still to do is.
pub(super) fn v15_compact_packages(txn: &WriteTransaction) -> StoreResult<()> {
    pending_but_done(txn, &ORDER_TABLES)
}

/// Mark a conversion pending; unless one was already, with `done` marked done (not copied).
fn pending_but_done(txn: &WriteTransaction, done: &[&str]) -> StoreResult<()> {
    let mut meta = txn.open_table(META)?;
    if meta.get(PENDING)?.is_none() {
        for t in done {
            meta.insert(phase_key(t).as_str(), b"done".as_slice())?;
        }
        meta.insert(PENDING, [].as_slice())?;
    }
    Ok(())
}

/// Every table copied anew: version 2 of the compact encoding writes ids as numbers. A table
/// marked done by [`v15_compact_packages`] (or by a conversion stopped half-way) holds version
/// 1 values, so none stays marked done; one still being copied goes on from its cursor, and
/// both phases of the copy convert what is not version 2 yet.
pub(super) fn v16_numeric_ids(txn: &WriteTransaction) -> StoreResult<()> {
    let mut meta = txn.open_table(META)?;
    for t in COPIED_TABLES {
        let done = meta.get(phase_key(t).as_str())?.is_some_and(|v| v.value() == b"done");
        if done {
            meta.remove(phase_key(t).as_str())?;
        }
    }
    meta.insert(PENDING, [].as_slice())?;
    Ok(())
}

/// Have the indexes rebuilt and the file compacted after the migrations commit, without copying
/// the tables again unless a conversion is pending already (v17's new search terms).
pub(super) fn rebuild_indexes_after_migrating(txn: &WriteTransaction) -> StoreResult<()> {
    pending_but_done(txn, &COPIED_TABLES)
}

/// The backup written before migrating a store of schema `found`.
pub fn backup_path(dir: &Path, found: u64) -> PathBuf {
    dir.join(format!("tokshop-v{found}-backup.redb"))
}

/// Copy the store's file before the first migration step writes (kept if it exists: an earlier
/// open was killed after making it). Written under a write transaction, as `store backup` does.
pub(super) fn backup_before_migrating(db: &Database, path: &Path, found: u64) -> StoreResult<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let out = backup_path(dir, found);
    if out.exists() {
        return Ok(());
    }
    let tmp = out.with_extension("partial");
    let txn = db.begin_write()?;
    let copied = std::fs::copy(path, &tmp).map_err(|e| StoreError::io(format!("cannot write {}", tmp.display()), e));
    txn.abort()?;
    copied?;
    std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| StoreError::io(format!("cannot set permissions on {}", tmp.display()), e))?;
    std::fs::rename(&tmp, &out).map_err(|e| StoreError::io(format!("cannot write {}", out.display()), e))?;
    tracing::info!("store: backup before migrating from schema v{found}: {}", out.display());
    Ok(())
}

fn cursor_key(table: &str) -> String {
    format!("compact_cursor:{table}")
}

fn phase_key(table: &str) -> String {
    format!("compact_phase:{table}")
}

/// Where a table's conversion stands: copying it compact into its side table, or copying that
/// back into the table made anew (rewritten values would leave the old tree's pages sparse,
/// which compaction does not merge), or done.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Copy,
    Back,
    Done,
}

fn meta_get(db: &Database, key: &str) -> StoreResult<Option<Vec<u8>>> {
    Ok(db.begin_read()?.open_table(META)?.get(key)?.map(|v| v.value().to_vec()))
}

/// How a record's value is rewritten (key, stored bytes).
type Convert<'a> = dyn Fn(&str, &[u8]) -> StoreResult<Vec<u8>> + 'a;

/// Copy the records after `after` from `from` into `to`, [`BATCH`] at a time, each batch one
/// durable transaction that records the last key copied; `end` runs in the last one.
#[allow(clippy::too_many_arguments)]
fn copy_batches(
    db: &Database,
    from: TableDefinition<&str, &[u8]>,
    to: TableDefinition<&str, &[u8]>,
    name: &'static str,
    convert: &Convert<'_>,
    progress: &mut dyn FnMut(&Progress),
    end: &dyn Fn(&WriteTransaction) -> StoreResult<()>,
) -> StoreResult<()> {
    let total = db.begin_read()?.open_table(from)?.len()?;
    let mut after = meta_get(db, &cursor_key(name))?.map(|v| String::from_utf8_lossy(&v).into_owned());
    let mut done = match &after {
        Some(a) => db.begin_read()?.open_table(from)?.range::<&str>(..=a.as_str())?.count() as u64,
        None => 0,
    };
    loop {
        let txn = db.begin_write()?;
        let mut seen = 0;
        let mut last: Option<String> = None;
        {
            let source = txn.open_table(from)?;
            let mut target = txn.open_table(to)?;
            let lower = match &after {
                Some(a) => Bound::Excluded(a.as_str()),
                None => Bound::Unbounded,
            };
            for row in source.range::<&str>((lower, Bound::Unbounded))?.take(BATCH) {
                let (k, v) = row?;
                target.insert(k.value(), convert(k.value(), v.value())?.as_slice())?;
                seen += 1;
                last = Some(k.value().to_string());
            }
            if let Some(k) = &last {
                txn.open_table(META)?.insert(cursor_key(name).as_str(), k.as_bytes())?;
            }
        }
        let finished = seen < BATCH as u64;
        if finished {
            txn.open_table(META)?.remove(cursor_key(name).as_str())?;
            end(&txn)?;
        }
        txn.commit()?;
        done += seen;
        progress(&Progress { table: name, done, total });
        if finished {
            return Ok(());
        }
        after = last;
    }
}

/// Convert one table to the compact encoding, [`BATCH`] records per durable transaction, from
/// where an earlier run stopped: into a side table, then back into the table made anew.
fn convert_table<T: Serialize + DeserializeOwned>(
    db: &Database,
    def: TableDefinition<&str, &[u8]>,
    name: &'static str,
    progress: &mut dyn FnMut(&Progress),
) -> StoreResult<()> {
    let side_name = format!("{name}.compact");
    let side: TableDefinition<&str, &[u8]> = TableDefinition::new(&side_name);
    let set = |txn: &WriteTransaction, p: &[u8]| -> StoreResult<()> {
        txn.open_table(META)?.insert(phase_key(name).as_str(), p)?;
        Ok(())
    };
    let mut phase = match meta_get(db, &phase_key(name))?.as_deref() {
        Some(b"back") => Phase::Back,
        Some(b"done") => Phase::Done,
        _ => Phase::Copy,
    };
    // Both phases convert: a side table an older tokshop filled holds an older encoding.
    let compact = |key: &str, v: &[u8]| -> StoreResult<Vec<u8>> {
        if is_bin(v) {
            return Ok(v.to_vec());
        }
        match decode::<T>(name, key, v) {
            Ok(value) => encode_bin(&value),
            Err(e) => {
                tracing::warn!("store: left as it was while converting: {e}");
                Ok(v.to_vec())
            }
        }
    };
    if phase == Phase::Copy {
        let end = |txn: &WriteTransaction| -> StoreResult<()> {
            txn.delete_table(def)?;
            set(txn, b"back")
        };
        copy_batches(db, def, side, name, &compact, progress, &end)?;
        phase = Phase::Back;
    }
    if phase == Phase::Back {
        let end = |txn: &WriteTransaction| -> StoreResult<()> {
            txn.delete_table(side)?;
            set(txn, b"done")
        };
        copy_batches(db, side, def, name, &compact, progress, &end)?;
    }
    Ok(())
}

/// Whether a conversion is pending (a store migrated from before the compact encoding).
pub fn pending(db: &Database) -> StoreResult<bool> {
    Ok(db.begin_read()?.open_table(META)?.get(PENDING)?.is_some())
}

/// Finish a pending conversion, then compact the file. Nothing to do on a store that has none.
pub(super) fn finish(db: &mut Database, progress: &mut dyn FnMut(&Progress)) -> StoreResult<()> {
    if !pending(db)? {
        return Ok(());
    }
    convert_table::<Order>(db, ORDERS, "orders", progress)?;
    convert_table::<OrderRow>(db, ORDER_ROWS, "order_rows", progress)?;
    convert_table::<StatusChange>(db, ORDER_HISTORY, "order_history", progress)?;
    convert_table::<PriceDetail>(db, ORDER_PRICES, "order_prices", progress)?;
    convert_table::<Package>(db, PACKAGES, "packages", progress)?;
    super::order_terms::fill(db, progress)?;
    super::dense::rebuild_indexes(db, progress)?;
    let txn = db.begin_write()?;
    {
        let mut meta = txn.open_table(META)?;
        meta.remove(PENDING)?;
        clear_marks(&mut meta)?;
    }
    txn.commit()?;
    progress(&Progress { table: "compacting", done: 0, total: 0 });
    compact(db)?;
    Ok(())
}

/// `tokshop store compact`: the order tables and packages copied anew and the indexes rebuilt
/// (so their pages are packed, see `dense.rs`), through the same resumable steps as a
/// conversion (a compaction killed half-way finishes at the next open), then the file compacted.
pub(super) fn rebuild_and_compact(db: &mut Database, progress: &mut dyn FnMut(&Progress)) -> StoreResult<()> {
    let txn = db.begin_write()?;
    {
        let mut meta = txn.open_table(META)?;
        if meta.get(PENDING)?.is_none() {
            clear_marks(&mut meta)?;
            meta.insert(PENDING, [].as_slice())?;
        }
    }
    txn.commit()?;
    finish(db, progress)
}

/// Compact the file (redb moves pages down and truncates it).
pub(super) fn compact(db: &mut Database) -> StoreResult<()> {
    while db.compact().map_err(|e| StoreError::Db(format!("cannot compact the store: {e}")))? {}
    Ok(())
}

/// Log a conversion's progress at most once a second, and its end.
pub fn logged() -> impl FnMut(&Progress) {
    let mut last = std::time::Instant::now();
    move |p: &Progress| {
        if last.elapsed().as_secs() >= 1 || p.done == p.total {
            last = std::time::Instant::now();
            tracing::info!("store: converting {} to the compact encoding: {} of {}", p.table, p.done, p.total);
        }
    }
}
