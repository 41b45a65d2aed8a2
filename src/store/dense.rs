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
use super::error::StoreResult;
use super::schema::{
    ORDER_BY_STATUS, ORDER_FLAGS, ORDER_PRICE_TODO, ORDER_QUEUE, ORDER_SEARCH, PACKAGE_ORDER, PACKAGE_PARCEL_TODO,
};
use redb::{
    Database, MultimapTableDefinition, ReadableMultimapTable, ReadableTable, TableDefinition, TableHandle,
    WriteTransaction,
};

/// The key-only indexes, rebuilt dense, with their names for progress.
pub(super) const KEY_INDEXES: [(&str, TableDefinition<&str, ()>); 6] = [
    ("order_queue", ORDER_QUEUE),
    ("order_by_status", ORDER_BY_STATUS),
    ("order_flags", ORDER_FLAGS),
    ("order_price_todo", ORDER_PRICE_TODO),
    ("package_order", PACKAGE_ORDER),
    ("package_parcel_todo", PACKAGE_PARCEL_TODO),
];

/// Copy every key of `from` into `to` (made anew), ascending; the count copied.
fn copy_keys(
    txn: &WriteTransaction,
    from: TableDefinition<&str, ()>,
    to: TableDefinition<&str, ()>,
) -> StoreResult<u64> {
    let source = txn.open_table(from)?;
    let mut target = txn.open_table(to)?;
    let mut n = 0;
    for row in source.iter()? {
        target.insert(row?.0.value(), ())?;
        n += 1;
    }
    Ok(n)
}

fn copy_terms(
    txn: &WriteTransaction,
    from: MultimapTableDefinition<&str, &str>,
    to: MultimapTableDefinition<&str, &str>,
) -> StoreResult<u64> {
    let source = txn.open_multimap_table(from)?;
    let mut target = txn.open_multimap_table(to)?;
    let mut n = 0;
    for row in source.iter()? {
        let (term, ids) = row?;
        for id in ids {
            target.insert(term.value(), id?.value())?;
            n += 1;
        }
    }
    Ok(n)
}

/// Rebuild one key index dense, in one transaction; the entries it holds.
fn rebuild_keys(db: &Database, def: TableDefinition<&str, ()>) -> StoreResult<u64> {
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

fn rebuild_terms(db: &Database, name: &str, def: MultimapTableDefinition<&str, &str>) -> StoreResult<u64> {
    let side_name = format!("{name}.dense");
    let side: MultimapTableDefinition<&str, &str> = MultimapTableDefinition::new(&side_name);
    let txn = db.begin_write()?;
    txn.delete_multimap_table(side)?;
    copy_terms(&txn, def, side)?;
    txn.delete_multimap_table(def)?;
    let n = copy_terms(&txn, side, def)?;
    txn.delete_multimap_table(side)?;
    txn.commit()?;
    Ok(n)
}

/// Rebuild every order index dense, reporting each table when it is done.
pub(super) fn rebuild_indexes(db: &Database, progress: &mut dyn FnMut(&Progress)) -> StoreResult<()> {
    for (name, def) in KEY_INDEXES {
        let n = rebuild_keys(db, def)?;
        progress(&Progress { table: name, done: n, total: n });
    }
    let n = rebuild_terms(db, "order_search", ORDER_SEARCH)?;
    progress(&Progress { table: "order_search", done: n, total: n });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::order::Source;
    use crate::store::Store;
    use redb::ReadableTableMetadata;

    type Indexes = (Vec<Vec<String>>, Vec<(String, String)>);

    fn indexes(s: &Store) -> Indexes {
        s.read(|r| {
            let mut keys = Vec::new();
            for (_, def) in KEY_INDEXES {
                let t = r.open_table(def)?;
                keys.push(t.iter()?.map(|e| e.map(|(k, _)| k.value().to_string())).collect::<Result<_, _>>()?);
            }
            let mut terms = Vec::new();
            for row in r.open_multimap_table(ORDER_SEARCH)?.iter()? {
                let (term, ids) = row?;
                for id in ids {
                    terms.push((term.value().to_string(), id?.value().to_string()));
                }
            }
            Ok((keys, terms))
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
        assert!(before.0.iter().all(|k| !k.is_empty()) && !before.1.is_empty(), "every index holds entries");
        let pages = leaf_pages(&s, ORDER_BY_STATUS);
        s.compact().expect("compact");
        let s = Store::open(dir.path()).expect("reopen");
        assert!(indexes(&s) == before, "every index keeps exactly its entries");
        let dense = leaf_pages(&s, ORDER_BY_STATUS);
        assert!(dense * 4 <= pages * 3, "the status index takes at most 3/4 of its pages: {pages} -> {dense}");
        let page = s.order_page(&Default::default(), None, 10).expect("page");
        assert_eq!(page.rows.len(), 10, "the queue reads after the rebuild");
    }
}
