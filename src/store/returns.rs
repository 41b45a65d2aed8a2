//! Returns: newer-wins upserts with the queue index (waiting on the seller by deadline first,
//! then the rest newest first), status history with its source, search terms and the links
//! between orders (original and replacement) and their returns; paged reads for the Returns
//! pane and the headless commands.

use super::Store;
use super::codec::{decode, encode, get_str};
use super::error::StoreResult;
use super::schema::{ORDERS, RETURN_BY_ORDER, RETURN_HISTORY, RETURN_QUEUE, RETURN_SEARCH, RETURNS};
use crate::domain::order::{Order, Source};
use crate::domain::returns::{Return, ReturnStatusChange, ReturnType};
use redb::{ReadableTable, ReadableTableMetadata, WriteTransaction};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

pub fn queue_key(r: &Return) -> String {
    match (r.waiting(), r.deadline) {
        (true, Some(d)) => format!("0{:019}|{}", d.max(0), r.id),
        _ => format!("1{:019}|{}", i64::MAX - r.update_time.max(0), r.id),
    }
}

/// What the queue's filters test, kept as the queue row's value: type, status, arbitration,
/// waiting, shop.
fn facets(r: &Return) -> String {
    format!(
        "{}|{}|{}|{}|{}",
        r.return_type.map(|t| t.as_wire()).unwrap_or(""),
        r.status,
        r.arbitration.as_deref().unwrap_or(""),
        if r.waiting() { "w" } else { "" },
        r.shop_id
    )
}

fn terms(r: &Return) -> BTreeSet<String> {
    let mut t = BTreeSet::new();
    t.insert(format!("ret:{}", r.id));
    t.insert(format!("ord:{}", r.order_id));
    for l in &r.lines {
        if !l.seller_sku.is_empty() {
            t.insert(format!("sku:{}", l.seller_sku.to_lowercase()));
        }
        t.insert(format!("sku:{}", l.sku_id));
    }
    if let Some(tr) = &r.tracking {
        t.insert(format!("trk:{}", tr.to_lowercase()));
    }
    if !r.buyer.is_empty() {
        t.insert(format!("nick:{}", r.buyer.to_lowercase()));
    }
    t
}

/// What an upsert batch did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReturnStats {
    pub inserted: usize,
    pub updated: usize,
    pub stale: usize,
    pub status_changed: Vec<String>,
}

/// Store returns, newer wins (a return older than the stored one is ignored); records already
/// read are kept when the new copy has none (Search Returns does not carry them).
pub fn upsert(txn: &WriteTransaction, rets: &[Return], source: Source, now: i64) -> StoreResult<ReturnStats> {
    let mut stats = ReturnStats::default();
    let mut table = txn.open_table(RETURNS)?;
    let mut queue = txn.open_table(RETURN_QUEUE)?;
    let mut history = txn.open_table(RETURN_HISTORY)?;
    let mut search = txn.open_multimap_table(RETURN_SEARCH)?;
    let mut by_order = txn.open_table(RETURN_BY_ORDER)?;
    let orders = txn.open_table(ORDERS)?;
    for new in rets {
        let old: Option<Return> = get_str(&table, "returns", &new.id)?;
        let mut new = new.clone();
        if let Some(o) = &old {
            if o.update_time > new.update_time {
                stats.stale += 1;
                continue;
            }
            if new.records.is_empty() {
                new.records = o.records.clone();
            }
            if new.buyer.is_empty() {
                new.buyer = o.buyer.clone();
            }
            queue.remove(queue_key(o).as_str())?;
            for term in terms(o) {
                search.remove(term.as_str(), queue_key(o).as_str())?;
            }
        }
        if new.buyer.is_empty()
            && let Some(o) = get_str::<Order>(&orders, "orders", &new.order_id)?
        {
            new.buyer = o.buyer_nickname;
        }
        let changed = old.as_ref().is_none_or(|o| o.status != new.status || o.arbitration != new.arbitration);
        if changed {
            let seq = history.range(format!("{}|", new.id).as_str()..format!("{}|~", new.id).as_str())?.count();
            let status = match &new.arbitration {
                Some(a) if old.as_ref().is_some_and(|o| o.arbitration.as_ref() != Some(a)) => {
                    format!("{} (arbitration {a})", new.status)
                }
                _ => new.status.clone(),
            };
            let c = ReturnStatusChange { status, at: new.update_time, seen_at: now, source };
            history.insert(format!("{}|{seq:05}", new.id).as_str(), encode(&c)?.as_slice())?;
            stats.status_changed.push(new.id.clone());
        }
        match old {
            Some(_) => stats.updated += 1,
            None => stats.inserted += 1,
        }
        queue.insert(queue_key(&new).as_str(), facets(&new).as_str())?;
        // The search index holds queue keys: a search's matches come out in queue order
        // without reading the returns.
        for term in terms(&new) {
            search.insert(term.as_str(), queue_key(&new).as_str())?;
        }
        by_order.insert(format!("{}|{}", new.order_id, new.id).as_str(), ())?;
        if let Some(rep) = &new.replacement_order_id {
            by_order.insert(format!("{rep}|{}", new.id).as_str(), ())?;
        }
        table.insert(new.id.as_str(), encode(&new)?.as_slice())?;
    }
    Ok(stats)
}

/// The Returns pane's and `returns list`'s filters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnQuery {
    pub shop_id: Option<String>,
    pub return_type: Option<ReturnType>,
    pub status: Option<String>,
    /// Only returns in (or after) arbitration.
    pub arbitration: bool,
    /// Only returns waiting on the seller.
    pub waiting: bool,
    /// A return id, order id, buyer, SKU or return tracking number.
    pub search: Option<String>,
}

impl ReturnQuery {
    /// The same test as `matches`, on a queue row's facets.
    fn matches_facets(&self, f: &str) -> bool {
        let mut p = f.split('|');
        let (t, st, arb, w, shop) = (p.next(), p.next(), p.next(), p.next(), p.next());
        self.shop_id.as_deref().is_none_or(|s| shop == Some(s))
            && self.return_type.is_none_or(|x| t == Some(x.as_wire()))
            && self.status.as_deref().is_none_or(|s| st.is_some_and(|x| x.eq_ignore_ascii_case(s)))
            && (!self.arbitration || arb.is_some_and(|a| !a.is_empty()))
            && (!self.waiting || w == Some("w"))
    }

    fn matches(&self, r: &Return) -> bool {
        self.shop_id.as_ref().is_none_or(|s| &r.shop_id == s)
            && self.return_type.is_none_or(|t| r.return_type == Some(t))
            && self.status.as_ref().is_none_or(|s| r.status.eq_ignore_ascii_case(s))
            && (!self.arbitration || r.arbitration.is_some())
            && (!self.waiting || r.waiting())
    }
}

/// A return with what the detail shows beside it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnDetail {
    pub ret: Return,
    pub history: Vec<ReturnStatusChange>,
    /// The order's status (if stored), and whether it is itself a replacement.
    pub order_status: Option<String>,
    pub order_is_replacement: bool,
    /// The buyer's photos (every record's URLs, with the thumbnails read so far).
    #[serde(default)]
    pub photos: Vec<super::return_photos::ReturnPhoto>,
    /// The seller's own label, given to the buyer outside TikTok.
    #[serde(default)]
    pub seller_label: Option<super::return_labels::SellerLabel>,
}

impl Store {
    pub fn upsert_returns(&self, rets: &[Return], source: Source, now: i64) -> StoreResult<ReturnStats> {
        self.write(|t| upsert(t, rets, source, now))
    }

    pub fn get_return(&self, id: &str) -> StoreResult<Option<Return>> {
        self.read(|r| get_str(&r.open_table(RETURNS)?, "returns", id))
    }

    pub fn return_count(&self) -> StoreResult<u64> {
        self.read(|r| Ok(r.open_table(RETURNS)?.len()?))
    }

    pub fn return_history(&self, id: &str) -> StoreResult<Vec<ReturnStatusChange>> {
        self.read(|r| {
            let t = r.open_table(RETURN_HISTORY)?;
            let mut out = Vec::new();
            for row in t.range(format!("{id}|").as_str()..format!("{id}|~").as_str())? {
                let (k, v) = row?;
                out.push(decode("return_history", k.value(), v.value())?);
            }
            Ok(out)
        })
    }

    /// The returns of an order (as original or as replacement).
    pub fn returns_of_order(&self, order_id: &str) -> StoreResult<Vec<Return>> {
        self.read(|r| {
            let idx = r.open_table(RETURN_BY_ORDER)?;
            let t = r.open_table(RETURNS)?;
            let mut out = Vec::new();
            for row in idx.range(format!("{order_id}|").as_str()..format!("{order_id}|~").as_str())? {
                let (k, _) = row?;
                let id = k.value().rsplit('|').next().unwrap_or("").to_string();
                if let Some(x) = get_str::<Return>(&t, "returns", &id)? {
                    out.push(x);
                }
            }
            Ok(out)
        })
    }

    pub fn return_detail(&self, id: &str) -> StoreResult<Option<ReturnDetail>> {
        let Some(ret) = self.get_return(id)? else { return Ok(None) };
        let history = self.return_history(id)?;
        let order = self.get_order(&ret.order_id)?;
        let urls: Vec<String> = ret.records.iter().flat_map(|x| x.image_urls.iter().cloned()).collect();
        let photos = self.return_photos(&urls)?;
        let seller_label = self.return_label(id)?;
        Ok(Some(ReturnDetail {
            photos,
            seller_label,
            order_status: order.as_ref().map(|o| o.status.as_wire().to_string()),
            order_is_replacement: order.is_some_and(|o| o.is_replacement),
            ret,
            history,
        }))
    }

    /// A page of the queue after a key (waiting on the seller by deadline, then newest).
    pub fn return_page(
        &self,
        q: &ReturnQuery,
        after: Option<&str>,
        limit: usize,
    ) -> StoreResult<super::views::Page<Return>> {
        self.read(|r| {
            let t = r.open_table(RETURNS)?;
            let mut page = super::views::Page::default();
            let ids: Vec<(String, String)> = match q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(s) => {
                    let s = s.to_lowercase();
                    let idx = r.open_multimap_table(RETURN_SEARCH)?;
                    let mut set = BTreeSet::new();
                    for p in ["ret", "ord", "sku", "trk", "nick"] {
                        for v in idx.get(format!("{p}:{s}").as_str())? {
                            let key = v?.value().to_string();
                            if after.is_none_or(|a| key.as_str() > a) {
                                set.insert(key);
                            }
                        }
                    }
                    set.into_iter()
                        .map(|key| {
                            let id = key.rsplit('|').next().unwrap_or("").to_string();
                            (key, id)
                        })
                        .collect()
                }
                None => {
                    let queue = r.open_table(RETURN_QUEUE)?;
                    let start = after.map(|a| format!("{a}\u{0}")).unwrap_or_default();
                    let mut v = Vec::new();
                    for row in queue.range(start.as_str()..)? {
                        let (k, f) = row?;
                        if !q.matches_facets(f.value()) {
                            continue;
                        }
                        let key = k.value().to_string();
                        let id = key.rsplit('|').next().unwrap_or("").to_string();
                        v.push((key, id));
                        if v.len() > limit {
                            break;
                        }
                    }
                    v
                }
            };
            for (key, id) in ids {
                let Some(x) = get_str::<Return>(&t, "returns", &id)? else { continue };
                if !q.matches(&x) {
                    continue;
                }
                if page.rows.len() == limit {
                    page.next = page.keys.last().cloned();
                    break;
                }
                page.keys.push(key);
                page.rows.push(x);
            }
            Ok(page)
        })
    }

    /// Find a return by a scanned return tracking number or an order id (the receive prompt).
    pub fn find_return(&self, code: &str) -> StoreResult<Vec<Return>> {
        let code = code.trim();
        if code.is_empty() {
            return Ok(vec![]);
        }
        if let Some(r) = self.get_return(code)? {
            return Ok(vec![r]);
        }
        let q = ReturnQuery { search: Some(code.to_string()), ..Default::default() };
        let mut found = self.return_page(&q, None, 20)?.rows;
        // The tracking number of the seller's own label names its return too.
        for id in self.returns_by_label_tracking(code)? {
            if !found.iter().any(|r| r.id == id)
                && let Some(r) = self.get_return(&id)?
            {
                found.push(r);
            }
        }
        Ok(found)
    }
}
