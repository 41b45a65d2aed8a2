//! Index tables rebuilt dense, before the file is compacted.
//!
//! redb splits a full leaf in half, so an index that grows in the middle of its key space (every
//! queue, status and ship-by key, each shop's `{shop}|{id}` to-dos, the search terms) ends up
//! with leaves about half full, and `compact()` moves pages without merging them. redb packs
//! leaves only on an ascending load (a key past every other goes to a new leaf and the full one
//! is left as it is: the fast path in its `btree_mutator.rs`). So each index is copied in key
//! order into a side table, then back into itself made anew, in **one transaction per table**:
//! a rebuild killed half-way leaves the table as it was, and the next open does it again (the
//! conversion's pending mark is still set).
//! Measured on 1,000,000 orders in the README (`bench upserts` prints each table's bytes).

use super::convert::Progress;
use super::error::StoreError;
use super::schema::{
    ORDER_BY_STATUS, ORDER_FLAGS, ORDER_PRICE_TODO, ORDER_QUEUE, ORDER_TERMS, PACKAGE_ORDER, PACKAGE_PARCEL_TODO,
};
use redb::{Database, ReadableTable, TableDefinition, TableHandle, WriteTransaction};

/// The key-only indexes, rebuilt dense, with their names for progress.
pub(super) const KEY_INDEXES: [(&str, TableDefinition<&str, ()>); 7] = [
    ("order_queue", ORDER_QUEUE),
    ("order_by_status", ORDER_BY_STATUS),
    ("order_flags", ORDER_FLAGS),
    ("order_price_todo", ORDER_PRICE_TODO),
    ("package_order", PACKAGE_ORDER),
    ("package_parcel_todo", PACKAGE_PARCEL_TODO),
    ("order_terms", ORDER_TERMS),
];

/// Copy every key of `from` into `to` (made anew), ascending; the count copied.
fn copy_keys(
    txn: &WriteTransaction,
    from: TableDefinition<&str, ()>,
    to: TableDefinition<&str, ()>,
) -> Result<u64, StoreError> {
    let source = txn.open_table(from)?;
    let mut target = txn.open_table(to)?;
    let mut n = 0;
    for row in source.iter()? {
        target.insert(row?.0.value(), ())?;
        n += 1;
    }
    Ok(n)
}

/// Rebuild one key index dense, in one transaction; the entries it holds.
fn rebuild_keys(db: &Database, def: TableDefinition<&str, ()>) -> Result<u64, StoreError> {
    let side_name = format!("{}.dense", def.name());
    let side: TableDefinition<&str, ()> = TableDefinition::new(&side_name);
    let txn = db.begin_write()?;
    txn.delete_table(side)?;
    copy_keys(&txn, def, side)?;
    txn.delete_table(def)?;
    let n = copy_keys(&txn, side, def)?;
    txn.delete_table(side)?;
    txn.commit()?;
    Ok(n)
}

/// Rebuild every order index dense, reporting each table when it is done.
pub(super) fn rebuild_indexes(db: &Database, progress: &mut dyn FnMut(&Progress)) -> Result<(), StoreError> {
    for (name, def) in KEY_INDEXES {
        let n = rebuild_keys(db, def)?;
        progress(&Progress { table: name, done: n, total: n });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::order::Source;
    use crate::store::Store;
    use redb::{ReadableDatabase, ReadableTableMetadata};

    fn indexes(s: &Store) -> Vec<Vec<String>> {
        s.read(|r| {
            let mut keys = Vec::new();
            for (_, def) in KEY_INDEXES {
                let t = r.open_table(def)?;
                keys.push(t.iter()?.map(|e| e.map(|(k, _)| k.value().to_string())).collect::<Result<_, _>>()?);
            }
            Ok(keys)
        })
        .expect("indexes")
    }

    fn leaf_pages(s: &Store, def: TableDefinition<&str, ()>) -> u64 {
        s.read(|r| Ok(r.open_table(def)?.stats()?.leaf_pages())).expect("stats")
    }

    #[test]
    fn compacting_rebuilds_the_indexes_dense_keeping_every_entry() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        let now = 1_700_000_000;
        // Deadlines fall anywhere, so the status index grows in the middle and splits its leaves.
        for first in (0..4_000).step_by(50) {
            let orders: Vec<_> =
                (first..first + 50).map(|i| crate::cli::bench::orders::synth_order(i, 0, now)).collect();
            s.upsert_orders(&orders, Source::Backfill, now).expect("upsert");
        }
        let before = indexes(&s);
        assert!(before.iter().all(|k| !k.is_empty()), "every index holds entries");
        let pages = leaf_pages(&s, ORDER_BY_STATUS);
        let term_pages = leaf_pages(&s, ORDER_TERMS);
        s.compact().expect("compact");
        let s = Store::open(dir.path()).expect("reopen");
        assert!(indexes(&s) == before, "every index keeps exactly its entries");
        let dense = leaf_pages(&s, ORDER_BY_STATUS);
        assert!(dense * 4 <= pages * 3, "the status index takes at most 3/4 of its pages: {pages} -> {dense}");
        let terms = leaf_pages(&s, ORDER_TERMS);
        assert!(terms * 4 <= term_pages * 3, "so do the search terms: {term_pages} -> {terms}");
        let page = s.order_page(&Default::default(), None, 10).expect("page");
        assert_eq!(page.rows.len(), 10, "the queue reads after the rebuild");
    }

    #[test]
    fn the_rebuild_reports_each_index_with_the_entries_it_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = Database::create(dir.path().join("t.redb")).expect("db");
        let txn = db.begin_write().expect("txn");
        {
            let mut q = txn.open_table(ORDER_QUEUE).expect("queue");
            for k in ["c", "a", "b"] {
                q.insert(k, ()).expect("insert");
            }
            txn.open_table(ORDER_TERMS).expect("terms").insert("mug\u{0}1", ()).expect("insert");
        }
        txn.commit().expect("commit");
        let mut seen = Vec::new();
        rebuild_indexes(&db, &mut |p| seen.push((p.table, p.done, p.total))).expect("rebuild");
        let want: Vec<_> = KEY_INDEXES
            .iter()
            .map(|(name, _)| match *name {
                "order_queue" => (*name, 3, 3),
                "order_terms" => (*name, 1, 1),
                _ => (*name, 0, 0),
            })
            .collect();
        assert_eq!(seen, want);
        let r = db.begin_read().expect("read");
        let keys: Vec<String> = r
            .open_table(ORDER_QUEUE)
            .expect("queue")
            .iter()
            .expect("iter")
            .map(|e| e.expect("row").0.value().into())
            .collect();
        assert_eq!(keys, ["a", "b", "c"]);
    }
}
