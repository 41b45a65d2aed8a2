//! Returns, refunds and replacements on the sandbox clock (API README §5.6, reference pages
//! `return-and-refund/*`): buyers open refund-only, return-and-refund and replacement requests on
//! delivered orders; the seller answers before `seller_next_action_response[].deadline`, or
//! TikTok approves when it passes; the buyer ships the item back, the package arrives, the seller
//! accepts or rejects it; partial-refund offers the buyer accepts or declines; a rejection the
//! buyer appeals goes to arbitration; an approved replacement becomes a replacement order
//! (`is_replacement_order`, `replaced_order_id`) that ships like any other order. Every change
//! sends webhook 12 (RETURN_STATUS_CHANGE).

pub mod image;
pub mod json;
pub mod lifecycle;
pub mod ops;
pub mod seed;

use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// How long the seller has to answer a new request before TikTok approves it (the reference
/// pages give the deadline per return, not its length; 48 hours like cancellations).
pub const RESPOND_SECS: i64 = 48 * 3600;
/// How long the seller has to inspect a package that arrived before TikTok accepts it.
pub const RECEIVE_SECS: i64 = 5 * 86_400;
/// How long an approved refund takes to reach the buyer (SUCCESS → COMPLETE).
pub const REFUND_SECS: i64 = 2 * 3600;

/// One piece of the buyer's (or seller's) evidence: Get Return Records.
#[derive(Clone, Debug)]
pub struct SbRecord {
    pub event: &'static str,
    pub role: &'static str,
    pub description: String,
    pub note: String,
    pub reason_text: String,
    pub create_time: i64,
    /// Image file names served under `/_sandbox/returns/images/`.
    pub images: Vec<String>,
}

/// A return, refund or replacement request.
#[derive(Clone, Debug)]
pub struct SbReturn {
    pub id: String,
    pub shop_id: String,
    pub order_id: String,
    /// REFUND, RETURN_AND_REFUND or REPLACEMENT.
    pub return_type: &'static str,
    pub status: &'static str,
    pub role: &'static str,
    pub reason: String,
    pub reason_text: String,
    /// IN_PROGRESS, SUPPORT_BUYER, SUPPORT_SELLER or CLOSED once the buyer appealed.
    pub arbitration: Option<&'static str>,
    pub line_ids: Vec<String>,
    pub create_time: i64,
    pub update_time: i64,
    /// What the seller must do next and by when.
    pub next_action: Option<(&'static str, i64)>,
    /// PLATFORM or BUYER_ARRANGE.
    pub shipment_type: &'static str,
    /// DROP_OFF or PICKUP.
    pub handover_method: &'static str,
    /// SELLER_SHIPPED, BUYER_SHIPPED or PLATFORM_SHIPPED.
    pub return_method: &'static str,
    pub tracking: Option<String>,
    pub provider: Option<(String, String)>,
    /// SHIPPING_LABEL or QR_CODE, with the seller's own label when they gave one.
    pub document_type: Option<&'static str>,
    pub label_file: Option<String>,
    /// Who pays the return shipping: BUYER, SELLER or PLATFORM, and how much it costs.
    pub shipping_payer: &'static str,
    pub return_shipping_fee: Decimal,
    /// The part of the return shipping fee deducted from the buyer's refund (RET-SHIP-FEE).
    pub fee_deducted: Decimal,
    pub partial_refund: Option<Decimal>,
    pub buyer_rejected_partial_refund: Option<bool>,
    pub can_buyer_keep_item: bool,
    pub buyer_keeps_item: bool,
    /// When the returned package reached the seller's warehouse.
    pub received_time: Option<i64>,
    pub replacement_order_id: Option<String>,
    pub records: Vec<SbRecord>,
    /// Decisions already taken, by idempotency key (a repeat is a no-op).
    pub decided_keys: BTreeSet<String>,
    /// The refund paid (time, amount), once the request completed.
    pub refunded: Option<(i64, Decimal)>,
    pub currency: &'static str,
    pub warehouse_address: String,
}

/// Something that happens to a return at a given sandbox time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum REv {
    /// The seller's deadline passed: TikTok acts for them.
    Deadline {
        shop: String,
        ret: String,
        action: &'static str,
    },
    BuyerShips {
        shop: String,
        ret: String,
    },
    PackageArrives {
        shop: String,
        ret: String,
    },
    BuyerAnswersOffer {
        shop: String,
        ret: String,
        accept: bool,
    },
    BuyerAppeals {
        shop: String,
        ret: String,
    },
    Arbitrate {
        shop: String,
        ret: String,
        buyer_wins: bool,
    },
    RefundCompletes {
        shop: String,
        ret: String,
    },
    /// The buyer of a delivered order opens a request (the mix's `after_sales`).
    BuyerOpens {
        shop: String,
        order: String,
        ask: lifecycle::Ask,
    },
}

/// Every shop's returns, and their schedule.
#[derive(Clone, Debug, Default)]
pub struct ReturnsWorld {
    pub by_shop: BTreeMap<String, BTreeMap<String, SbReturn>>,
    schedule: BTreeMap<(i64, u64), REv>,
    seq: u64,
}

impl ReturnsWorld {
    pub fn at(&mut self, t: i64, ev: REv) {
        self.seq += 1;
        self.schedule.insert((t, self.seq), ev);
    }

    /// Remove and return the events due at `now`, with their times.
    pub fn due(&mut self, now: i64) -> Vec<(i64, REv)> {
        let later = self.schedule.split_off(&(now + 1, 0));
        let due = std::mem::replace(&mut self.schedule, later);
        due.into_iter().map(|((t, _), ev)| (t, ev)).collect()
    }

    pub fn get(&self, shop: &str, id: &str) -> Option<&SbReturn> {
        self.by_shop.get(shop).and_then(|m| m.get(id))
    }

    pub fn get_mut(&mut self, shop: &str, id: &str) -> Option<&mut SbReturn> {
        self.by_shop.get_mut(shop).and_then(|m| m.get_mut(id))
    }

    pub fn of_order<'a>(&'a self, shop: &str, order: &'a str) -> impl Iterator<Item = &'a SbReturn> + 'a {
        self.by_shop.get(shop).into_iter().flat_map(|m| m.values()).filter(move |r| r.order_id == order)
    }

    pub fn len(&self) -> usize {
        self.by_shop.values().map(|m| m.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The refunds an order's returns paid to the buyer: `(time, amount, currency)`, oldest first.
/// For the finance side: each is money leaving the seller's settlement (a negative
/// transaction on the order), dated when the refund completed.
pub fn refunds_of_order(w: &crate::sandbox::world::World, order_id: &str) -> Vec<(i64, Decimal, &'static str)> {
    let mut out: Vec<(i64, Decimal, &'static str)> = w
        .returns
        .by_shop
        .values()
        .flat_map(|m| m.values())
        .filter(|r| r.order_id == order_id)
        .filter_map(|r| r.refunded.map(|(at, amount)| (at, amount, r.currency)))
        .collect();
    out.sort_by_key(|x| x.0);
    out
}
