//! Live listings kept in step with the platform (CAT-POST-INVENTORY, CAT-POST-PRICE,
//! CAT-POST-STOP): the stock rules of a shop, what is stopped per product and shop, what was last
//! pushed and read back per TikTok SKU, and the pure decision of what to send, what to leave and
//! what is drift (a difference the seller did not make).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// TikTok's largest quantity per warehouse (Update Inventory: "Valid range: [1, 99,999]"). The
/// reference's lower bound is 1, but a sold-out SKU must reach 0, which Seller Center allows; the
/// sandbox accepts 0 and tokshop sends it.
pub const MAX_QUANTITY: i64 = 99_999;

/// How much of the platform's stock a shop lists (CAT-POST-INVENTORY): `buffer` units kept back,
/// then `share` percent of the rest (rounded down), at most `max`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StockRules {
    pub buffer: i64,
    pub max: Option<i64>,
    /// 1 to 100.
    pub share_pct: u32,
}

impl Default for StockRules {
    fn default() -> Self {
        StockRules { buffer: 0, max: None, share_pct: 100 }
    }
}

impl StockRules {
    /// The quantity a shop lists of `available` units (the platform's stock less what open
    /// orders on every shop hold).
    pub fn listed(&self, available: i64) -> i64 {
        let rest = (available - self.buffer.max(0)).max(0);
        let share = rest.saturating_mul(i64::from(self.share_pct.min(100))) / 100;
        share.min(self.max.unwrap_or(MAX_QUANTITY)).clamp(0, MAX_QUANTITY)
    }

    pub fn describe(&self) -> String {
        let max = self.max.map(|m| format!(", at most {m}")).unwrap_or_default();
        format!("keep {} back, list {}% of the rest{max}", self.buffer, self.share_pct)
    }
}

/// What is not synced for one product on one shop (CAT-POST-STOP).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SyncStops {
    pub stock: bool,
    pub price: bool,
    pub info: bool,
}

impl SyncStops {
    pub fn any(&self) -> bool {
        self.stock || self.price || self.info
    }

    /// "stock, price" (empty when nothing is stopped).
    pub fn describe(&self) -> String {
        [(self.stock, "stock"), (self.price, "price"), (self.info, "info")]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, n)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One TikTok SKU's stock and price as pushed or as read back.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SkuValues {
    pub seller_sku: String,
    /// Available quantity per TikTok warehouse.
    pub warehouses: BTreeMap<String, i64>,
    /// Units TikTok holds for its own orders (Inventory Search `total_committed_quantity`).
    pub committed: i64,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub price: Option<Decimal>,
}

impl SkuValues {
    pub fn available(&self) -> i64 {
        self.warehouses.values().sum()
    }
}

/// A difference between TikTok and what tokshop last pushed that tokshop did not make.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drift {
    pub sku_id: String,
    pub seller_sku: String,
    /// "stock" or "price".
    pub field: String,
    pub ours: String,
    pub theirs: String,
    pub seen_at: i64,
}

/// The sync state of one TikTok product of a shop that is a platform product.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LiveSync {
    pub shop_id: String,
    pub product_id: String,
    pub store: String,
    pub handle: String,
    pub stops: SyncStops,
    /// What tokshop last pushed (or found already there), per TikTok SKU id.
    pub pushed: BTreeMap<String, SkuValues>,
    /// What TikTok said at the last read-back, per TikTok SKU id.
    pub theirs: BTreeMap<String, SkuValues>,
    pub drift: Vec<Drift>,
    /// The last push's outcome for this product ("stock 4 → 3", "price locked by a promotion").
    pub last_outcome: String,
    /// pushed, unchanged, drift, refused, retry, skipped.
    pub last_kind: String,
    pub last_push_at: i64,
    pub read_at: i64,
    /// The seller chose "push ours" over drift: the next push overwrites TikTok once.
    pub push_ours: bool,
}

impl LiveSync {
    pub fn key(&self) -> String {
        key(&self.shop_id, &self.product_id)
    }
}

pub fn key(shop_id: &str, product_id: &str) -> String {
    format!("{shop_id}|{product_id}")
}

/// What tokshop wants one TikTok SKU to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub sku_id: String,
    pub seller_sku: String,
    pub quantity: i64,
    pub price: Option<Decimal>,
}

/// The decision for one product: what to send and what differs without the seller's doing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// SKU id → warehouse → quantity, every warehouse of each SKU sent (TikTok's rule).
    pub stock: BTreeMap<String, BTreeMap<String, i64>>,
    pub price: BTreeMap<String, Decimal>,
    pub drift: Vec<Drift>,
    /// SKUs already showing what tokshop wants.
    pub unchanged: usize,
}

/// What TikTok should show of a SKU, given the last push, for a stock difference to count as
/// TikTok's own sales rather than drift: units TikTok committed to orders since the push left
/// its available quantity.
fn expected_available(pushed: &SkuValues, theirs: &SkuValues) -> i64 {
    pushed.available() - (theirs.committed - pushed.committed).max(0)
}

/// Decide, for one product, from the targets, what TikTok shows now (`theirs`, read just
/// before) and what was last pushed. A value TikTok changed on its own since the last push
/// (Seller Center, a promotion) is drift: reported, never overwritten unless `force` (the
/// seller chose "push ours"). A SKU tokshop never pushed has no basis for drift: it is pushed.
pub fn plan(
    targets: &[Target],
    theirs: &BTreeMap<String, SkuValues>,
    pushed: &BTreeMap<String, SkuValues>,
    stops: SyncStops,
    force: bool,
    now: i64,
) -> Plan {
    let mut out = Plan::default();
    for t in targets {
        let Some(now_there) = theirs.get(&t.sku_id) else { continue };
        let last = pushed.get(&t.sku_id);
        let mut same = true;
        if !stops.stock {
            let have = now_there.available();
            let drifted = last.is_some_and(|l| have != expected_available(l, now_there) && have != t.quantity);
            if drifted && !force {
                out.drift.push(drift(t, "stock", t.quantity.to_string(), have.to_string(), now));
                same = false;
            } else if have != t.quantity {
                out.stock.insert(t.sku_id.clone(), spread(t.quantity, &now_there.warehouses));
                same = false;
            }
        }
        if let (false, Some(want)) = (stops.price, t.price) {
            let have = now_there.price;
            let drifted = last.and_then(|l| l.price).is_some_and(|p| have.is_some_and(|h| h != p && h != want));
            if drifted && !force {
                let theirs = have.map(|h| h.to_string()).unwrap_or_default();
                out.drift.push(drift(t, "price", want.to_string(), theirs, now));
                same = false;
            } else if have != Some(want) {
                out.price.insert(t.sku_id.clone(), want);
                same = false;
            }
        }
        if same {
            out.unchanged += 1;
        }
    }
    out
}

fn drift(t: &Target, field: &str, ours: String, theirs: String, now: i64) -> Drift {
    Drift {
        sku_id: t.sku_id.clone(),
        seller_sku: t.seller_sku.clone(),
        field: field.into(),
        ours,
        theirs,
        seen_at: now,
    }
}

/// Every warehouse of a SKU must be sent (Update Inventory). The platform has one stock: the
/// other warehouses keep what TikTok shows, and the first (by id) takes the rest of the target,
/// so the SKU's total is the target whenever the others hold no more than it.
pub fn spread(target: i64, warehouses: &BTreeMap<String, i64>) -> BTreeMap<String, i64> {
    let mut out = warehouses.clone();
    let Some(first) = warehouses.keys().next().cloned() else { return out };
    let others: i64 = warehouses.iter().filter(|(k, _)| **k != first).map(|(_, v)| *v).sum();
    out.insert(first, (target - others).max(0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(q: i64, committed: i64, price: Option<i64>) -> SkuValues {
        SkuValues {
            seller_sku: "A".into(),
            warehouses: BTreeMap::from([("w1".into(), q)]),
            committed,
            price: price.map(Decimal::from),
        }
    }

    fn target(q: i64, price: Option<i64>) -> Target {
        Target { sku_id: "s1".into(), seller_sku: "A".into(), quantity: q, price: price.map(Decimal::from) }
    }

    #[test]
    fn rules_keep_back_share_and_cap() {
        assert_eq!(StockRules::default().listed(7), 7);
        assert_eq!(StockRules::default().listed(-3), 0);
        let r = StockRules { buffer: 2, max: Some(10), share_pct: 50 };
        assert_eq!(r.listed(2), 0);
        assert_eq!(r.listed(7), 2, "half of 5, rounded down");
        assert_eq!(r.listed(100), 10);
        assert_eq!(StockRules { share_pct: 100, max: None, buffer: 0 }.listed(1_000_000), MAX_QUANTITY);
    }

    #[test]
    fn a_change_is_pushed_and_an_equal_value_is_left() {
        let theirs = BTreeMap::from([("s1".to_string(), vals(5, 0, Some(10)))]);
        let pushed = theirs.clone();
        let p = plan(&[target(3, Some(12))], &theirs, &pushed, SyncStops::default(), false, 1);
        assert_eq!(p.stock["s1"]["w1"], 3);
        assert_eq!(p.price["s1"], Decimal::from(12));
        let p = plan(&[target(5, Some(10))], &theirs, &pushed, SyncStops::default(), false, 1);
        assert_eq!((p.stock.len(), p.price.len(), p.unchanged), (0, 0, 1));
    }

    #[test]
    fn tiktoks_own_sales_are_not_drift_but_a_seller_center_edit_is() {
        let pushed = BTreeMap::from([("s1".to_string(), vals(5, 0, Some(10)))]);
        // Two sold on TikTok: 3 available, 2 committed. The platform now says 3 too.
        let sold = BTreeMap::from([("s1".to_string(), vals(3, 2, Some(10)))]);
        let p = plan(&[target(4, None)], &sold, &pushed, SyncStops::default(), false, 1);
        assert!(p.drift.is_empty(), "{:?}", p.drift);
        assert_eq!(p.stock["s1"]["w1"], 4);
        // Someone set 50 in Seller Center: drift, nothing sent.
        let edited = BTreeMap::from([("s1".to_string(), vals(50, 0, Some(9)))]);
        let p = plan(&[target(4, Some(10))], &edited, &pushed, SyncStops::default(), false, 7);
        assert_eq!(p.drift.len(), 2, "{:?}", p.drift);
        assert_eq!(
            (p.drift[0].field.as_str(), p.drift[0].theirs.as_str(), p.drift[0].ours.as_str()),
            ("stock", "50", "4")
        );
        assert!(p.stock.is_empty() && p.price.is_empty());
        // "Push ours" sends anyway.
        let p = plan(&[target(4, Some(10))], &edited, &pushed, SyncStops::default(), true, 7);
        assert_eq!((p.stock["s1"]["w1"], p.price["s1"]), (4, Decimal::from(10)));
    }

    #[test]
    fn stopped_fields_are_neither_sent_nor_drift() {
        let pushed = BTreeMap::from([("s1".to_string(), vals(5, 0, Some(10)))]);
        let theirs = BTreeMap::from([("s1".to_string(), vals(50, 0, Some(9)))]);
        let stops = SyncStops { stock: true, price: true, info: false };
        let p = plan(&[target(4, Some(10))], &theirs, &pushed, stops, false, 1);
        assert_eq!(p, Plan { unchanged: 1, ..Plan::default() });
        assert_eq!(stops.describe(), "stock, price");
    }

    #[test]
    fn units_already_committed_at_the_last_push_are_not_counted_as_new_sales() {
        // At the push: 5 available, 1 already committed. Two more sold since: 3 available, 3 committed.
        let pushed = BTreeMap::from([("s1".to_string(), vals(5, 1, None))]);
        let sold = BTreeMap::from([("s1".to_string(), vals(3, 3, None))]);
        let p = plan(&[target(4, None)], &sold, &pushed, SyncStops::default(), false, 1);
        assert!(p.drift.is_empty(), "{:?}", p.drift);
        assert_eq!(p.stock["s1"]["w1"], 4);
    }

    #[test]
    fn stock_rules_read_back_as_a_sentence() {
        assert_eq!(StockRules::default().describe(), "keep 0 back, list 100% of the rest");
        let r = StockRules { buffer: 2, max: Some(10), share_pct: 50 };
        assert_eq!(r.describe(), "keep 2 back, list 50% of the rest, at most 10");
    }

    #[test]
    fn any_one_stopped_field_counts_as_stopped() {
        assert!(!SyncStops::default().any());
        for s in [
            SyncStops { stock: true, ..SyncStops::default() },
            SyncStops { price: true, ..SyncStops::default() },
            SyncStops { info: true, ..SyncStops::default() },
        ] {
            assert!(s.any(), "{s:?}");
        }
    }

    #[test]
    fn every_warehouse_is_sent_and_the_first_takes_the_rest() {
        let w = BTreeMap::from([("a".to_string(), 9), ("b".to_string(), 2)]);
        assert_eq!(spread(5, &w), BTreeMap::from([("a".to_string(), 3), ("b".to_string(), 2)]));
        assert_eq!(spread(1, &w)["a"], 0);
    }
}
