//! Live listings kept in step (CAT-POST-INVENTORY, CAT-POST-PRICE, CAT-POST-STOP): which live
//! products changed since their last push (marked in the same transaction as the change, so a
//! `kill -9` between a change and its push loses nothing), one queued push per shop in the
//! outbox (coalesced: it reads the latest values when it runs), each product's sync state, the
//! shops' stock rules and the units open orders hold per platform SKU.

use super::Store;
use super::codec::{decode, get_str, put_str};
use super::error::StoreError;
use super::schema::{LISTING_BY_PRODUCT, LISTINGS, PRODUCT_SKUS, SHOPS};
use crate::domain::actor::Actor;
use crate::domain::catalog::Product;
use crate::domain::listing::{Listing, Origin};
use crate::domain::listing_sync::{LiveSync, StockRules, key};
use crate::domain::order::{Order, OrderStatus};
use crate::domain::outbox::OutboxIntent;
use crate::domain::shop::Shop;
use redb::{ReadableTable, TableDefinition, WriteTransaction};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Sync state per `shop|product_id` ([`LiveSync`]).
pub const LIVE_SYNC: TableDefinition<&str, &[u8]> = TableDefinition::new("live_sync");
/// Products changed since their last push: `shop|product_id` → the change's sequence.
pub const LIVE_DIRTY: TableDefinition<&str, u64> = TableDefinition::new("live_dirty");
/// Per shop: the stock rules (`rules|shop`) and the push queue (`queue|shop`).
pub const LIVE_SHOPS: TableDefinition<&str, &[u8]> = TableDefinition::new("live_shops");
/// Units held per platform SKU (`store|sku`) by open orders, and each order's holds
/// (`order|id` → JSON map), plus the change sequence (`seq`).
pub const LIVE_HELD: TableDefinition<&str, &[u8]> = TableDefinition::new("live_held");

/// Schema v10: the live-listing tables.
pub fn v13_listing_sync(txn: &WriteTransaction) -> Result<(), StoreError> {
    txn.open_table(LIVE_SYNC)?;
    txn.open_table(LIVE_DIRTY)?;
    txn.open_table(LIVE_SHOPS)?;
    txn.open_table(LIVE_HELD)?;
    Ok(())
}

/// A shop's push queue: the newest batch queued, and whether its push has started (a change
/// after that needs a new batch; a change before it rides along).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushQueue {
    pub batch: u64,
    pub started: bool,
}

/// The keys of one shop's rows (`shop|…`).
fn shop_range(shop_id: &str) -> (String, String) {
    let lo = format!("{shop_id}|");
    let hi = format!("{lo}\u{10ffff}");
    (lo, hi)
}

fn actor() -> Actor {
    Actor::system("stock and price sync")
}

fn next_change(txn: &WriteTransaction) -> Result<u64, StoreError> {
    let mut t = txn.open_table(LIVE_HELD)?;
    let n: u64 = get_str(&t, "live_held", "seq")?.unwrap_or(0) + 1;
    put_str(&mut t, "seq", &n)?;
    Ok(n)
}

/// Mark one live product of a shop changed and make sure a push of the shop is queued.
pub fn mark(txn: &WriteTransaction, shop_id: &str, product_id: &str, now: i64) -> Result<(), StoreError> {
    let seq = next_change(txn)?;
    txn.open_table(LIVE_DIRTY)?.insert(key(shop_id, product_id).as_str(), seq)?;
    ensure_queued(txn, shop_id, now)
}

fn ensure_queued(txn: &WriteTransaction, shop_id: &str, now: i64) -> Result<(), StoreError> {
    let qkey = format!("queue|{shop_id}");
    let mut q: PushQueue = {
        let t = txn.open_table(LIVE_SHOPS)?;
        get_str(&t, "live_shops", &qkey)?.unwrap_or(PushQueue { batch: 0, started: true })
    };
    if !q.started {
        return Ok(());
    }
    q = PushQueue { batch: q.batch + 1, started: false };
    put_str(&mut txn.open_table(LIVE_SHOPS)?, &qkey, &q)?;
    let intent = OutboxIntent::PushListings { shop_id: shop_id.into(), batch: q.batch };
    super::outbox::enqueue(txn, &intent.key(), shop_id, intent, now, &actor())?;
    Ok(())
}

fn is_live(l: &Listing) -> bool {
    l.status == "ACTIVATE" && l.origin != Origin::Unmatched && !l.handle.is_empty()
}

/// The live listings of a platform product on every shop.
fn live_listings_of(txn: &WriteTransaction, store: &str, handle: &str) -> Result<Vec<Listing>, StoreError> {
    let shops: Vec<String> = {
        let t = txn.open_table(SHOPS)?;
        let mut v = Vec::new();
        for row in t.iter()? {
            v.push(row?.0.value().to_string());
        }
        v
    };
    let idx = txn.open_table(LISTING_BY_PRODUCT)?;
    let listings = txn.open_table(LISTINGS)?;
    let mut out = Vec::new();
    for shop in shops {
        let lo = format!("{shop}|{store}|{handle}|");
        let hi = format!("{lo}\u{10ffff}");
        for row in idx.range(lo.as_str()..hi.as_str())? {
            let k = row?.0.value().to_string();
            let product_id = k.rsplit('|').next().unwrap_or("");
            if let Some(l) = get_str::<Listing>(&listings, "listings", &key(&shop, product_id))?
                && is_live(&l)
            {
                out.push(l);
            }
        }
    }
    Ok(out)
}

/// A platform product changed (import, console edit, `catalog set`, a stock feed): every shop
/// where it is live gets a push, unless neither a price nor a stock moved.
pub fn product_changed(
    txn: &WriteTransaction,
    old: Option<&Product>,
    new: &Product,
    now: i64,
) -> Result<(), StoreError> {
    let values = |p: &Product| -> Vec<(String, i64, String)> {
        p.variants.iter().map(|v| (v.sku.clone(), v.inventory, v.price.normalize().to_string())).collect()
    };
    if old.is_some_and(|o| values(o) == values(new)) {
        return Ok(());
    }
    for l in live_listings_of(txn, &new.store, &new.handle)? {
        mark(txn, &l.shop_id, &l.product_id, now)?;
    }
    Ok(())
}

/// A listing stored: one that turned live (or was matched live) gets its first push.
pub fn listing_changed(txn: &WriteTransaction, old: Option<&Listing>, new: &Listing) -> Result<(), StoreError> {
    if is_live(new) && !old.is_some_and(|o| is_live(o) && o.handle == new.handle) {
        mark(txn, &new.shop_id, &new.product_id, new.updated_at)?;
    }
    Ok(())
}

/// Whether an order's status holds stock: placed and not yet shipped or cancelled.
fn holds(status: &OrderStatus) -> bool {
    matches!(
        status,
        OrderStatus::Unpaid | OrderStatus::OnHold | OrderStatus::AwaitingShipment | OrderStatus::PartiallyShipping
    )
}

/// An order stored: the units it holds (lines neither shipped nor cancelled, by platform SKU)
/// move the shared stock, and every shop selling those SKUs gets a push, so two shops never sell
/// the last unit twice. Units are held until the order ships or is cancelled (the platform's own
/// stock falls when it ships).
pub fn order_changed(txn: &WriteTransaction, o: &Order, now: i64) -> Result<(), StoreError> {
    let shop: Option<Shop> = get_str(&txn.open_table(SHOPS)?, "shops", &o.shop_id)?;
    let Some(shop) = shop else { return Ok(()) };
    let mut want: BTreeMap<String, i64> = BTreeMap::new();
    if holds(&o.status) {
        let listings = txn.open_table(LISTINGS)?;
        for line in o.lines.iter().filter(|l| !l.cancelled && l.rts_time.is_none()) {
            let linked = get_str::<Listing>(&listings, "listings", &key(&o.shop_id, &line.product_id))?
                .and_then(|l| l.sku_links.get(&line.sku_id).cloned());
            let sku = linked.unwrap_or_else(|| line.seller_sku.clone());
            if !sku.is_empty() {
                *want.entry(sku).or_default() += 1;
            }
        }
    }
    let okey = format!("order|{}", o.id);
    let mut t = txn.open_table(LIVE_HELD)?;
    let had: BTreeMap<String, i64> = get_str(&t, "live_held", &okey)?.unwrap_or_default();
    if had == want {
        return Ok(());
    }
    let mut moved = Vec::new();
    for sku in had.keys().chain(want.keys()) {
        let delta = want.get(sku).copied().unwrap_or(0) - had.get(sku).copied().unwrap_or(0);
        if delta == 0 || moved.contains(sku) {
            continue;
        }
        let hkey = format!("held|{}|{sku}", shop.store);
        let n: i64 = get_str(&t, "live_held", &hkey)?.unwrap_or(0);
        put_str(&mut t, &hkey, &(n + delta).max(0))?;
        moved.push(sku.clone());
    }
    if want.is_empty() {
        t.remove(okey.as_str())?;
    } else {
        put_str(&mut t, &okey, &want)?;
    }
    drop(t);
    for sku in moved {
        let handle =
            txn.open_table(PRODUCT_SKUS)?.get(format!("{}|{sku}", shop.store).as_str())?.map(|h| h.value().to_string());
        if let Some(h) = handle {
            for l in live_listings_of(txn, &shop.store, &h)? {
                mark(txn, &l.shop_id, &l.product_id, now)?;
            }
        }
    }
    Ok(())
}

/// Start push `batch` of a shop: later changes queue the next batch. Returns the changed
/// products with their change sequences.
pub fn claim(txn: &WriteTransaction, shop_id: &str, batch: u64) -> Result<Vec<(String, u64)>, StoreError> {
    let qkey = format!("queue|{shop_id}");
    let mut shops = txn.open_table(LIVE_SHOPS)?;
    let q: PushQueue = get_str(&shops, "live_shops", &qkey)?.unwrap_or_default();
    if q.batch <= batch && !q.started {
        put_str(&mut shops, &qkey, &PushQueue { batch: q.batch, started: true })?;
    }
    let t = txn.open_table(LIVE_DIRTY)?;
    let (lo, hi) = shop_range(shop_id);
    let mut out = Vec::new();
    for row in t.range(lo.as_str()..hi.as_str())? {
        let (k, v) = row?;
        out.push((k.value().rsplit('|').next().unwrap_or("").to_string(), v.value()));
    }
    Ok(out)
}

/// Record a product's sync state; with `seq`, its change is pushed unless a newer one came.
pub fn record(txn: &WriteTransaction, s: &LiveSync, seq: Option<u64>) -> Result<(), StoreError> {
    put_str(&mut txn.open_table(LIVE_SYNC)?, &s.key(), s)?;
    if let Some(seq) = seq {
        let mut d = txn.open_table(LIVE_DIRTY)?;
        let current = d.get(s.key().as_str())?.map(|g| g.value());
        if current == Some(seq) {
            d.remove(s.key().as_str())?;
        }
    }
    Ok(())
}

/// A shop's stock rules changed: every live product of the shop is pushed again.
pub fn put_rules(txn: &WriteTransaction, shop_id: &str, rules: &StockRules, now: i64) -> Result<usize, StoreError> {
    put_str(&mut txn.open_table(LIVE_SHOPS)?, &format!("rules|{shop_id}"), rules)?;
    let live: Vec<Listing> = {
        let t = txn.open_table(LISTINGS)?;
        let (lo, hi) = shop_range(shop_id);
        let mut v = Vec::new();
        for row in t.range(lo.as_str()..hi.as_str())? {
            let (k, val) = row?;
            let l: Listing = decode("listings", k.value(), val.value())?;
            if is_live(&l) {
                v.push(l);
            }
        }
        v
    };
    for l in &live {
        mark(txn, shop_id, &l.product_id, now)?;
    }
    Ok(live.len())
}

impl Store {
    pub fn live_sync(&self, shop_id: &str, product_id: &str) -> Result<Option<LiveSync>, StoreError> {
        self.read(|r| get_str(&r.open_table(LIVE_SYNC)?, "live_sync", &key(shop_id, product_id)))
    }

    /// Every product's sync state on a shop, in product id order.
    pub fn live_syncs(&self, shop_id: &str) -> Result<Vec<LiveSync>, StoreError> {
        self.read(|r| {
            let t = r.open_table(LIVE_SYNC)?;
            let (lo, hi) = shop_range(shop_id);
            let mut out = Vec::new();
            for row in t.range(lo.as_str()..hi.as_str())? {
                let (k, v) = row?;
                out.push(decode("live_sync", k.value(), v.value())?);
            }
            Ok(out)
        })
    }

    pub fn stock_rules(&self, shop_id: &str) -> Result<StockRules, StoreError> {
        self.read(|r| {
            Ok(get_str(&r.open_table(LIVE_SHOPS)?, "live_shops", &format!("rules|{shop_id}"))?.unwrap_or_default())
        })
    }

    pub fn push_queue(&self, shop_id: &str) -> Result<PushQueue, StoreError> {
        self.read(|r| {
            Ok(get_str(&r.open_table(LIVE_SHOPS)?, "live_shops", &format!("queue|{shop_id}"))?.unwrap_or_default())
        })
    }

    /// Units open orders hold of a platform SKU.
    pub fn held(&self, store: &str, sku: &str) -> Result<i64, StoreError> {
        self.read(|r| Ok(get_str(&r.open_table(LIVE_HELD)?, "live_held", &format!("held|{store}|{sku}"))?.unwrap_or(0)))
    }

    /// How many products of a shop wait for a push.
    pub fn changed_count(&self, shop_id: &str) -> Result<usize, StoreError> {
        self.read(|r| {
            let t = r.open_table(LIVE_DIRTY)?;
            let (lo, hi) = shop_range(shop_id);
            Ok(t.range(lo.as_str()..hi.as_str())?.count())
        })
    }
}

/// Before a push asked for now: queue one if products of the shop wait and none is queued (a
/// push that gave up), and make the shop's queued pushes due now.
pub fn push_now(txn: &WriteTransaction, shop_id: &str, now: i64) -> Result<(), StoreError> {
    let waiting = {
        let t = txn.open_table(LIVE_DIRTY)?;
        let (lo, hi) = shop_range(shop_id);
        t.range(lo.as_str()..hi.as_str())?.next().is_some()
    };
    if waiting {
        ensure_queued(txn, shop_id, now)?;
    }
    let due: Vec<crate::domain::outbox::OutboxItem> = {
        let t = txn.open_table(super::schema::OUTBOX)?;
        let mut v = Vec::new();
        for row in t.iter()? {
            let (k, val) = row?;
            let i: crate::domain::outbox::OutboxItem = decode("outbox", k.value(), val.value())?;
            if i.shop_id == shop_id && i.intent.background() && i.state == crate::domain::outbox::OutboxState::Pending {
                v.push(i);
            }
        }
        v
    };
    for mut i in due {
        i.next_attempt_at = now;
        super::outbox::put(txn, &i)?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "listing_sync_tests.rs"]
mod tests;
