//! The orders' search terms (`sku:…`, `nick:…`, `trk:…`, `name:…`, `rid:…`, lower case): one
//! key `{term}\0{order id}` per term an order has, in a plain key table.
//!
//! Until schema v17 they were a redb multimap (term -> order ids). A multimap insert reads the
//! term's value set and writes it back (two B-tree operations where a plain key is one: the
//! multimap was a quarter of an order insert's CPU), and its entries cannot be rebuilt dense
//! (redb's ascending-load fast path applies to keys, not to the values of one key: after
//! `store compact` the multimap stayed 54 % full where the key indexes reach 85 %). A term and
//! its id in one key sort the same way, so a prefix of a term finds its orders by one range.
//!
//! A NUL never appears in a term (it is taken out), so the first NUL of a key ends its term.

use super::convert::{BATCH, Progress};
use super::error::StoreResult;
use super::schema::{META, ORDER_SEARCH, ORDER_TERMS, ORDERS};
use crate::domain::order::Order;
use redb::{Database, ReadableDatabase, ReadableTable, ReadableTableMetadata, Table, WriteTransaction};
use std::collections::BTreeSet;
use std::ops::Bound;

/// Present in `meta` while the terms are still to fill from the orders (v17), with the last
/// order id done.
const FILL: &str = "order_terms_fill";

/// A term as stored and looked for: without NUL.
pub fn clean(term: &str) -> String {
    term.replace('\0', "")
}

/// The key of an order's term (any NUL in the term taken out).
pub fn key(term: &str, id: &str) -> String {
    let mut k = String::with_capacity(term.len() + 1 + id.len());
    k.extend(term.chars().filter(|&c| c != '\0'));
    k.push('\0');
    k.push_str(id);
    k
}

/// The order id a key ends with: after the first NUL, which ends the term.
fn id_of(key: &str) -> &str {
    key.split_once('\0').map(|(_, id)| id).unwrap_or("")
}

/// Move an order's terms from `old` to `new`: most updates change none and write nothing.
pub(super) fn update(
    t: &mut Table<&str, ()>,
    id: &str,
    old: &BTreeSet<String>,
    new: &BTreeSet<String>,
) -> StoreResult<()> {
    for term in old.difference(new) {
        t.remove(key(term, id).as_str())?;
    }
    for term in new.difference(old) {
        t.insert(key(term, id).as_str(), ())?;
    }
    Ok(())
}

/// The ids of orders having a term that starts with `prefix`, at most `limit`.
pub(super) fn ids_under(
    t: &impl ReadableTable<&'static str, ()>,
    prefix: &str,
    limit: usize,
) -> StoreResult<Vec<String>> {
    let lo = clean(prefix);
    let hi = format!("{lo}\u{10ffff}");
    let mut out = Vec::new();
    for row in t.range(lo.as_str()..hi.as_str())?.take(limit) {
        out.push(id_of(row?.0.value()).to_string());
    }
    Ok(out)
}

/// The ids of orders having exactly `term`, at most `limit`.
pub(super) fn ids_of(t: &impl ReadableTable<&'static str, ()>, term: &str, limit: usize) -> StoreResult<Vec<String>> {
    let term = clean(term);
    let (lo, hi) = (format!("{term}\0"), format!("{term}\u{1}"));
    let mut out = Vec::new();
    for row in t.range(lo.as_str()..hi.as_str())?.take(limit) {
        out.push(id_of(row?.0.value()).to_string());
    }
    Ok(out)
}

/// v17: the multimap goes, and the terms are filled from the orders after the migrations
/// commit ([`fill`], bounded and resumable), before anything reads the store.
pub(super) fn v17_order_terms(txn: &WriteTransaction) -> StoreResult<()> {
    txn.delete_multimap_table(ORDER_SEARCH)?;
    txn.open_table(ORDER_TERMS)?;
    txn.open_table(META)?.insert(FILL, [].as_slice())?;
    super::convert::rebuild_indexes_after_migrating(txn)
}

/// Fill the terms from the orders, [`BATCH`] orders per durable transaction from where an
/// earlier run stopped; nothing to do unless v17 asked for it.
pub(super) fn fill(db: &Database, progress: &mut dyn FnMut(&Progress)) -> StoreResult<()> {
    let Some(mut after) = db.begin_read()?.open_table(META)?.get(FILL)?.map(|v| v.value().to_vec()) else {
        return Ok(());
    };
    let total = db.begin_read()?.open_table(ORDERS)?.len()?;
    let mut done = 0;
    loop {
        let txn = db.begin_write()?;
        let mut seen = 0;
        {
            let orders = txn.open_table(ORDERS)?;
            let mut terms = txn.open_table(ORDER_TERMS)?;
            let from = String::from_utf8_lossy(&after).into_owned();
            let lower = match from.is_empty() {
                true => Bound::Unbounded,
                false => Bound::Excluded(from.as_str()),
            };
            for row in orders.range::<&str>((lower, Bound::Unbounded))?.take(BATCH) {
                let (k, v) = row?;
                seen += 1;
                after = k.value().as_bytes().to_vec();
                match super::codec::decode::<Order>("orders", k.value(), v.value()) {
                    Ok(o) => update(&mut terms, &o.id, &BTreeSet::new(), &super::orders::search_terms(&o))?,
                    Err(e) => tracing::warn!("store: not searchable: {e}"),
                }
            }
            let mut meta = txn.open_table(META)?;
            match seen < BATCH {
                true => meta.remove(FILL)?,
                false => meta.insert(FILL, after.as_slice())?,
            };
        }
        txn.commit()?;
        done += seen as u64;
        progress(&Progress { table: "order_terms", done, total });
        if seen < BATCH {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use redb::TableDefinition;

    const T: TableDefinition<&str, ()> = TableDefinition::new("t");

    #[test]
    fn a_prefix_finds_its_orders_and_an_exact_term_only_its_own() {
        let f = tempfile::NamedTempFile::new().expect("file");
        let db = Database::create(f.path()).expect("db");
        let txn = db.begin_write().expect("write");
        {
            let mut t = txn.open_table(T).expect("t");
            let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
            update(&mut t, "1", &BTreeSet::new(), &set(&["sku:mb-serum", "nick:ann"])).expect("1");
            update(&mut t, "2", &BTreeSet::new(), &set(&["sku:mb-serum-30", "nick:ann\0x"])).expect("2");
            update(&mut t, "3", &BTreeSet::new(), &set(&["sku:mb"])).expect("3");
            update(&mut t, "3", &set(&["sku:mb"]), &set(&["sku:lm"])).expect("3 again");
            assert_eq!(ids_under(&t, "sku:mb", 10).expect("prefix"), ["1", "2"]);
            assert_eq!(ids_under(&t, "sku:mb", 1).expect("bounded"), ["1"]);
            assert_eq!(ids_of(&t, "sku:mb-serum", 10).expect("exact"), ["1"]);
            assert_eq!(ids_of(&t, "sku:mb", 10).expect("moved away"), Vec::<String>::new());
            assert_eq!(ids_of(&t, "sku:lm", 10).expect("moved to"), ["3"]);
            assert_eq!(ids_under(&t, "nick:ann", 10).expect("nick"), ["1", "2"]);
            assert_eq!(ids_of(&t, "nick:ann", 10).expect("a NUL is no end of a term"), ["1"]);
            assert_eq!(ids_of(&t, "nick:annx", 10).expect("it is taken out"), ["2"]);
            assert_eq!(t.len().expect("len"), 5, "an unchanged term is written once");
        }
        txn.commit().expect("commit");
    }
}
