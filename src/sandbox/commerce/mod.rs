//! The commerce side of the sandbox: orders, packages, cancellations and logistics per shop,
//! an order generator and a lifecycle engine on the sandbox clock.

pub mod cancel_ops;
pub mod generator;
pub mod json;
pub mod lifecycle;
pub mod model;
pub mod money_json;
pub mod ops;
pub mod package_json;
pub mod package_ops;
pub mod pdf;
pub mod seed;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Something that happens to a shop's orders at a given sandbox time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ev {
    Pay {
        shop: String,
        order: String,
    },
    ReleaseHold {
        shop: String,
        order: String,
    },
    Collect {
        shop: String,
        package: String,
    },
    Deliver {
        shop: String,
        order: String,
    },
    Complete {
        shop: String,
        order: String,
    },
    BuyerCancelRequest {
        shop: String,
        order: String,
    },
    CancelDeadline {
        shop: String,
        cancel: String,
    },
    SellerCenterSplit {
        shop: String,
        order: String,
    },
    SellerCenterCombine {
        shop: String,
        orders: Vec<String>,
    },
    AddressUpdate {
        shop: String,
        order: String,
    },
    /// A product's audit result falls due (the catalogue side).
    ProductAudit {
        shop: String,
        product: String,
    },
}

/// Due events in time order.
#[derive(Clone, Debug, Default)]
pub struct Schedule {
    events: BTreeMap<(i64, u64), Ev>,
    seq: u64,
}

impl Schedule {
    pub fn at(&mut self, t: i64, ev: Ev) {
        self.seq += 1;
        self.events.insert((t, self.seq), ev);
    }

    /// Remove and return the events due at `now`.
    pub fn due(&mut self, now: i64) -> Vec<Ev> {
        let later = self.events.split_off(&(now + 1, 0));
        let due = std::mem::replace(&mut self.events, later);
        due.into_values().collect()
    }

    /// Remove and return the events due at `now`, with their times.
    pub fn due_timed(&mut self, now: i64) -> Vec<(i64, Ev)> {
        let later = self.events.split_off(&(now + 1, 0));
        let due = std::mem::replace(&mut self.events, later);
        due.into_iter().map(|((t, _), ev)| (t, ev)).collect()
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
}

/// What kinds of orders the generator makes (shares between 0 and 1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OrderMix {
    /// New orders per minute of sandbox time, per shop (0 = none).
    pub orders_per_minute: f64,
    pub multi_line: f64,
    pub multi_unit: f64,
    pub tiktok_shipping: f64,
    pub unpaid: f64,
    pub on_hold: f64,
    pub sample: f64,
    pub cod: f64,
    pub replacement: f64,
    /// Share of orders whose buyer later asks to cancel.
    pub buyer_cancel: f64,
    /// Share of multi-line orders the seller splits in Seller Center.
    pub seller_center_split: f64,
    /// Share of orders followed by a second order of the same buyer, combined in Seller Center.
    pub seller_center_combine: f64,
    /// Share of delivered orders whose buyer opens an after-sales request (refund, return or
    /// replacement) within three days of delivery. 0 unless asked (the demo asks).
    pub after_sales: f64,
}

impl Default for OrderMix {
    fn default() -> Self {
        OrderMix {
            orders_per_minute: 0.0,
            multi_line: 0.35,
            multi_unit: 0.2,
            tiktok_shipping: 0.3,
            unpaid: 0.1,
            on_hold: 0.4,
            sample: 0.03,
            cod: 0.03,
            replacement: 0.02,
            buyer_cancel: 0.05,
            seller_center_split: 0.05,
            seller_center_combine: 0.03,
            after_sales: 0.0,
        }
    }
}

impl OrderMix {
    pub fn validate(&self) -> Result<(), String> {
        let shares = [
            ("multi_line", self.multi_line),
            ("multi_unit", self.multi_unit),
            ("tiktok_shipping", self.tiktok_shipping),
            ("unpaid", self.unpaid),
            ("on_hold", self.on_hold),
            ("sample", self.sample),
            ("cod", self.cod),
            ("replacement", self.replacement),
            ("buyer_cancel", self.buyer_cancel),
            ("seller_center_split", self.seller_center_split),
            ("seller_center_combine", self.seller_center_combine),
            ("after_sales", self.after_sales),
        ];
        for (k, v) in shares {
            if !(0.0..=1.0).contains(&v) {
                return Err(format!("{k} must be between 0 and 1, got {v}"));
            }
        }
        if !(0.0..=10_000.0).contains(&self.orders_per_minute) {
            return Err(format!("orders_per_minute must be between 0 and 10000, got {}", self.orders_per_minute));
        }
        Ok(())
    }
}

/// The order status a type-1 webhook carries (its doc spells CANCEL).
pub fn webhook_status(status: &str) -> &str {
    if status == "CANCELLED" { "CANCEL" } else { status }
}

/// How long the seller may change a shipped package's tracking number (hours). The reference
/// page says only "within a certain number of hours" (21011050); 48 is the sandbox's choice.
pub const TRACKING_UPDATE_WINDOW_SECS: i64 = 48 * 3600;
/// How long the seller has to answer a buyer's cancellation request before it is granted.
pub const CANCEL_RESPONSE_SECS: i64 = 48 * 3600;
/// The post-payment remorse window (ON_HOLD).
pub const HOLD_SECS: i64 = 3600;
