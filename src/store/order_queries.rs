//! Paged reads of the order queue, its filters and search, and of packages: each page reads
//! at most a bounded number of index entries, so a keystroke stays fast on a huge store.

use super::Store;
use super::codec::decode;
use super::error::StoreResult;
use super::orders::queue_key;
use super::schema::{ORDER_BY_STATUS, ORDER_FLAGS, ORDER_QUEUE, ORDER_ROWS, ORDER_TERMS, PACKAGE_ORDER, PACKAGES};
use crate::domain::order::{OrderRow, OrderStatus, ShippingType};
use crate::domain::package::Package;
use std::collections::BTreeSet;

/// Orders read per search term prefix at most (a SKU can be on every order; the multimap before
/// v17 read as many per term): the first of them by term, then id, make the page.
const SEARCH_READ: usize = 2_000;

/// What the order queue is narrowed to.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OrderQuery {
    pub status: Option<OrderStatus>,
    pub shop_id: Option<String>,
    pub shipping_type: Option<ShippingType>,
    /// Only open orders due before this time (due soon or overdue).
    pub due_before: Option<i64>,
    pub on_hold: bool,
    pub cancel_requested: bool,
    /// Order id, seller SKU, buyer nickname or tracking number (prefixes of SKU and nickname too).
    pub search: Option<String>,
    /// Only these orders (what a scan named), whatever the search.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
    /// Not these shops' orders (disconnected shops, hidden unless asked for).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub except_shops: Vec<String>,
}

impl OrderQuery {
    fn keeps(&self, r: &OrderRow) -> bool {
        self.status.as_ref().is_none_or(|s| &r.status == s)
            && self.shop_id.as_ref().is_none_or(|s| &r.shop_id == s)
            && self.shipping_type.as_ref().is_none_or(|s| &r.shipping_type == s)
            && self.due_before.is_none_or(|t| r.status.is_open() && r.deadline() <= t)
            && (!self.on_hold || r.on_hold)
            && (!self.cancel_requested || r.cancel_requested)
            && !self.except_shops.contains(&r.shop_id)
    }
}

/// A page of the queue: rows with the index keys to continue from (`next`: the last key looked
/// at, when more rows may follow).
pub type OrderPage = super::views::Page<OrderRow>;

/// Most index entries one page read looks at, so a keystroke stays fast on a huge store; the
/// page then ends early with `next` set, and reading on continues from there.
const SCAN_LIMIT: usize = 10_000;

impl Store {
    /// A page of the queue in deadline order after `after` (an index key), or from the start.
    pub fn order_page(&self, q: &OrderQuery, after: Option<&str>, limit: usize) -> StoreResult<OrderPage> {
        if !q.ids.is_empty() {
            let ids: BTreeSet<String> = q.ids.iter().take(super::views::scan::SCAN_ORDERS).cloned().collect();
            return self.read(|r| page_of_ids(&r.open_table(ORDER_ROWS)?, q, ids, after, limit));
        }
        if let Some(term) = q.search.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            return self.search_page(q, term, after, limit);
        }
        // Filters that cannot both hold give nothing, without a scan.
        if q.on_hold && q.status.as_ref().is_some_and(|s| *s != OrderStatus::OnHold) {
            return Ok(OrderPage::default());
        }
        if q.due_before.is_some() && q.status.as_ref().is_some_and(|s| !s.is_open()) {
            return Ok(OrderPage::default());
        }
        self.read(|r| {
            let rows = r.open_table(ORDER_ROWS)?;
            // Every index key is one prefix character, then the deadline, then the id: the
            // prefix picks the index range and "due before" bounds it.
            let (table, prefix): (_, char) = if q.cancel_requested {
                (r.open_table(ORDER_FLAGS)?, 'c')
            } else if q.on_hold {
                (r.open_table(ORDER_FLAGS)?, 'h')
            } else if let Some(s) = &q.status {
                (r.open_table(ORDER_BY_STATUS)?, s.code())
            } else {
                (r.open_table(ORDER_QUEUE)?, '0')
            };
            let lo = prefix.to_string();
            let hi = match q.due_before {
                Some(t) => format!("{prefix}{:019}|~", t.max(0)),
                None if prefix == '0' => "2".to_string(),
                None => char::from_u32(prefix as u32 + 1).unwrap_or('~').to_string(),
            };
            let start = after.map(|a| format!("{a}\u{1}")).unwrap_or(lo);
            let mut page = OrderPage::default();
            if start.as_str() >= hi.as_str() {
                return Ok(page);
            }
            let mut last: Option<String> = None;
            for (scanned, entry) in table.range(start.as_str()..hi.as_str())?.enumerate() {
                let (k, _) = entry?;
                if scanned >= SCAN_LIMIT || page.rows.len() >= limit {
                    page.next = last;
                    break;
                }
                let key = k.value().to_string();
                let id = key.rsplit('|').next().unwrap_or("");
                if let Some(v) = rows.get(id)? {
                    let row: OrderRow = decode("order_rows", id, v.value())?;
                    if q.keeps(&row) {
                        page.rows.push(row);
                        page.keys.push(key.clone());
                    }
                }
                last = Some(key);
            }
            Ok(page)
        })
    }

    fn search_page(&self, q: &OrderQuery, term: &str, after: Option<&str>, limit: usize) -> StoreResult<OrderPage> {
        self.read(|r| {
            let rows = r.open_table(ORDER_ROWS)?;
            let search = r.open_table(ORDER_TERMS)?;
            let t = term.to_lowercase();
            let mut ids: BTreeSet<String> = BTreeSet::new();
            if rows.get(term)?.is_some() {
                ids.insert(term.to_string());
            }
            // A package id finds its orders; the last digits of an order id find it.
            if let Some(v) = r.open_table(PACKAGES)?.get(term)? {
                let p: Package = decode("packages", term, v.value())?;
                ids.extend(p.order_ids);
            }
            let digits = t.len() >= 4 && t.chars().all(|c| c.is_ascii_digit());
            let reversed = format!("rid:{}", t.chars().rev().collect::<String>());
            let mut terms: Vec<String> = ["sku:", "nick:", "trk:", "name:"].iter().map(|p| format!("{p}{t}")).collect();
            if digits {
                terms.push(reversed);
                for entry in rows.range(t.as_str()..format!("{t}\u{10ffff}").as_str())?.take(200) {
                    ids.insert(entry?.0.value().to_string());
                }
            }
            for prefix in terms {
                ids.extend(super::order_terms::ids_under(&search, &prefix, SEARCH_READ)?);
            }
            page_of_ids(&rows, q, ids, after, limit)
        })
    }

    /// Packages, newest first, after an index key.
    pub fn package_page(&self, after: Option<&str>, limit: usize) -> StoreResult<super::views::Page<Package>> {
        self.read(|r| {
            let idx = r.open_table(PACKAGE_ORDER)?;
            let pk = r.open_table(PACKAGES)?;
            let start = after.map(|a| format!("{a}\u{1}")).unwrap_or_default();
            let mut out = Vec::new();
            let mut keys = Vec::new();
            let mut more = false;
            for entry in idx.range(start.as_str()..)? {
                let (k, _) = entry?;
                if out.len() == limit {
                    more = true;
                    break;
                }
                let key = k.value().to_string();
                let id = key.rsplit('|').next().unwrap_or("").to_string();
                if let Some(v) = pk.get(id.as_str())? {
                    out.push(decode("packages", &id, v.value())?);
                    keys.push(key);
                }
            }
            let next = if more { keys.last().cloned() } else { None };
            Ok(super::views::Page { rows: out, keys, next })
        })
    }
}

/// The rows of these ids the query keeps, in queue order, a page after `after`.
fn page_of_ids(
    rows: &redb::ReadOnlyTable<&'static str, &'static [u8]>,
    q: &OrderQuery,
    ids: BTreeSet<String>,
    after: Option<&str>,
    limit: usize,
) -> StoreResult<OrderPage> {
    let mut found: Vec<(String, OrderRow)> = Vec::new();
    for id in ids {
        if let Some(v) = rows.get(id.as_str())? {
            let row: OrderRow = decode("order_rows", &id, v.value())?;
            if q.keeps(&row) {
                found.push((queue_key(&row), row));
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let mut page = OrderPage::default();
    for (k, row) in found.into_iter().filter(|(k, _)| after.is_none_or(|a| k.as_str() > a)) {
        if page.rows.len() == limit {
            page.next = page.keys.last().cloned();
            break;
        }
        page.keys.push(k);
        page.rows.push(row);
    }
    Ok(page)
}
