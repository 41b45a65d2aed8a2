//! Where the store's bytes go: the order tables' entries and the bytes their pages take, as redb
//! counts them (`TableStats`), for `tokshop bench upserts` and the bytes-per-order figure.

use super::Store;
use super::error::StoreResult;
use super::schema::{ORDER_HISTORY, ORDER_PRICES, ORDER_ROWS, ORDERS, PACKAGES};
use redb::{ReadableTableMetadata, TableStats};

/// One table: its entries, the bytes of its keys and values, and of its pages in all (keys and
/// values, page metadata, and the unused space in its pages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableSize {
    pub table: &'static str,
    pub entries: u64,
    pub stored_bytes: u64,
    pub page_bytes: u64,
}

fn size(table: &'static str, entries: u64, s: TableStats) -> TableSize {
    TableSize {
        table,
        entries,
        stored_bytes: s.stored_bytes(),
        page_bytes: s.stored_bytes() + s.metadata_bytes() + s.fragmented_bytes(),
    }
}

impl Store {
    /// The order tables, packages and their indexes, biggest first.
    pub fn order_table_sizes(&self) -> StoreResult<Vec<TableSize>> {
        self.read(|r| {
            let mut out = Vec::new();
            for (name, def) in [
                ("orders", ORDERS),
                ("order_rows", ORDER_ROWS),
                ("order_history", ORDER_HISTORY),
                ("order_prices", ORDER_PRICES),
                ("packages", PACKAGES),
            ] {
                let t = r.open_table(def)?;
                out.push(size(name, t.len()?, t.stats()?));
            }
            for (name, def) in super::dense::KEY_INDEXES {
                let t = r.open_table(def)?;
                out.push(size(name, t.len()?, t.stats()?));
            }
            out.sort_by_key(|t| std::cmp::Reverse(t.page_bytes));
            Ok(out)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::order::Source;

    #[test]
    fn every_order_table_is_counted_with_its_entries() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        let now = 1_700_000_000;
        let orders: Vec<_> = (0..50).map(|i| crate::cli::bench::orders::synth_order(i, 0, now)).collect();
        s.upsert_orders(&orders, Source::Backfill, now).expect("upsert");
        let sizes = s.order_table_sizes().expect("sizes");
        let get = |n: &str| sizes.iter().find(|t| t.table == n).expect(n).clone();
        assert_eq!(sizes.len(), 12);
        assert_eq!((get("orders").entries, get("order_rows").entries, get("packages").entries), (50, 50, 50));
        assert_eq!(get("order_prices").entries, 0);
        assert!(get("order_terms").entries >= 50, "at least one term per order");
        assert!(sizes.iter().all(|t| t.page_bytes >= t.stored_bytes));
        assert!(get("orders").stored_bytes > 50 * 100, "orders hold their bodies");
        assert!(sizes.windows(2).all(|w| w[0].page_bytes >= w[1].page_bytes), "biggest first");
    }
}
