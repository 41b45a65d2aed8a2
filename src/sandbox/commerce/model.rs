//! The sandbox's own model of a shop's commerce: orders with their line items (one line per
//! unit: the 202309 line-item schema has no quantity, so a unit is a line), packages,
//! cancellations, warehouses, delivery options and shipping providers.

use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, Default)]
pub struct SbAddress {
    pub name: String,
    pub first_name: String,
    pub last_name: String,
    pub phone_masked: String,
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub state: String,
    pub postal_code: String,
    pub region_code: String,
}

impl SbAddress {
    pub fn full(&self) -> String {
        let l2 = if self.line2.is_empty() { String::new() } else { format!(" {}", self.line2) };
        format!("{}{l2}, {}, {} {}", self.line1, self.city, self.state, self.postal_code)
    }
}

#[derive(Clone, Debug)]
pub struct SbLine {
    pub id: String,
    pub sku_id: String,
    pub product_id: String,
    pub product_name: String,
    pub sku_name: String,
    pub seller_sku: String,
    pub original_price: Decimal,
    pub sale_price: Decimal,
    pub seller_discount: Decimal,
    pub platform_discount: Decimal,
    pub tax_rate: Decimal,
    pub tax_amount: Decimal,
    pub package_id: Option<String>,
    pub cancelled: Option<(String, &'static str)>,
    pub is_gift: bool,
}

#[derive(Clone, Debug)]
pub struct SbOrder {
    pub id: String,
    pub shop_id: String,
    pub status: &'static str,
    pub create_time: i64,
    pub update_time: i64,
    pub paid_time: Option<i64>,
    pub user_id: String,
    pub buyer_nickname: String,
    pub buyer_message: String,
    pub seller_note: String,
    /// SELLER (the seller's own carrier) or TIKTOK (TikTok shipping).
    pub shipping_type: &'static str,
    pub delivery_option_id: String,
    pub delivery_option_name: String,
    pub warehouse_id: String,
    pub currency: &'static str,
    pub shipping_fee: Decimal,
    pub shipping_fee_discount: Decimal,
    pub is_cod: bool,
    pub is_sample_order: bool,
    pub is_on_hold_order: bool,
    pub is_replacement_order: bool,
    pub replaced_order_id: Option<String>,
    pub is_buyer_request_cancel: bool,
    pub request_cancel_time: Option<i64>,
    pub cancel_order_sla_time: Option<i64>,
    pub cancel_reason: Option<String>,
    pub cancel_time: Option<i64>,
    pub cancellation_initiator: Option<&'static str>,
    pub rts_sla_time: i64,
    pub tts_sla_time: i64,
    pub collection_due_time: i64,
    pub delivery_due_time: i64,
    pub rts_time: Option<i64>,
    pub collection_time: Option<i64>,
    pub delivery_time: Option<i64>,
    pub address: SbAddress,
    pub has_updated_recipient_address: bool,
    pub lines: Vec<SbLine>,
    /// The US retail delivery fee the buyer paid at checkout (Colorado), once per order.
    pub retail_delivery_fee: Decimal,
}

impl SbOrder {
    pub fn live_lines(&self) -> impl Iterator<Item = &SbLine> {
        self.lines.iter().filter(|l| l.cancelled.is_none())
    }
    pub fn subtotal(&self) -> Decimal {
        self.live_lines().map(|l| l.sale_price).sum()
    }
    pub fn original_total(&self) -> Decimal {
        self.live_lines().map(|l| l.original_price).sum()
    }
    pub fn seller_discount(&self) -> Decimal {
        self.live_lines().map(|l| l.seller_discount).sum()
    }
    pub fn platform_discount(&self) -> Decimal {
        self.live_lines().map(|l| l.platform_discount).sum()
    }
    pub fn product_tax(&self) -> Decimal {
        self.live_lines().map(|l| l.tax_amount).sum()
    }
    /// What the buyer paid for shipping (after the seller's shipping discount).
    pub fn shipping_paid(&self) -> Decimal {
        self.shipping_fee - self.shipping_fee_discount
    }
    /// Fees on top of items, shipping and tax. The sandbox charges one: the US retail delivery
    /// fee; the others of the reference (small order fee TH, buyer service fee and shipping
    /// insurance ID, pfand DE, handling and item insurance) are zero in its US and UK shops.
    pub fn fees(&self) -> Decimal {
        self.retail_delivery_fee
    }
    /// `sub_total + shipping_fee + tax + fees`: the buyer's payment (API README §5.3 relations).
    pub fn total(&self) -> Decimal {
        self.subtotal() + self.shipping_paid() + self.product_tax() + self.fees()
    }
    /// The line that carries the order's per-order fees (the first), so lines add up to the order.
    pub fn fee_line(&self) -> Option<&str> {
        self.lines.first().map(|l| l.id.as_str())
    }
    pub fn is_open(&self) -> bool {
        matches!(self.status, "UNPAID" | "ON_HOLD" | "AWAITING_SHIPMENT" | "PARTIALLY_SHIPPING")
    }
}

#[derive(Clone, Debug)]
pub struct SbPackage {
    pub id: String,
    pub order_ids: Vec<String>,
    pub line_ids: Vec<String>,
    /// TO_FULFILL, PROCESSING, FULFILLING, COMPLETED, CANCELLED.
    pub status: &'static str,
    pub shipping_type: &'static str,
    pub tracking_number: Option<String>,
    pub provider_id: Option<String>,
    pub provider_name: Option<String>,
    pub handover_method: Option<&'static str>,
    pub pickup_slot: Option<(i64, i64)>,
    pub shipped_time: Option<i64>,
    /// How many times its tracking number was updated after shipping.
    pub tracking_updates: u32,
    /// DEFAULT, SPLIT or COMBINE.
    pub tag: &'static str,
    pub create_time: i64,
    pub update_time: i64,
    pub label_token: Option<String>,
}

#[derive(Clone, Debug)]
pub struct SbCancellation {
    pub id: String,
    pub order_id: String,
    /// CANCEL (seller/system) or BUYER_CANCEL.
    pub cancel_type: &'static str,
    pub status: &'static str,
    pub role: &'static str,
    pub reason: String,
    pub reason_text: String,
    pub line_ids: Vec<String>,
    pub create_time: i64,
    pub update_time: i64,
    pub deadline: Option<i64>,
    /// Decisions already taken, by idempotency key.
    pub decided_keys: BTreeSet<String>,
}

#[derive(Clone, Debug)]
pub struct SbWarehouse {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub is_default: bool,
    pub address: SbAddress,
    /// (latitude, longitude) as TikTok writes them: decimal strings.
    pub geolocation: (&'static str, &'static str),
}

#[derive(Clone, Debug)]
pub struct SbDeliveryOption {
    pub id: String,
    pub name: String,
    /// STANDARD, EXPRESS, ECONOMY or SEND_BY_SELLER.
    pub kind: &'static str,
    pub providers: Vec<(String, String)>,
}

#[derive(Clone, Debug)]
pub struct SbProduct {
    pub product_id: String,
    pub name: String,
    pub skus: Vec<(String, String, String, Decimal)>,
    /// One unit packed: grams and (length, width, height) in centimetres.
    pub grams: u32,
    pub dims_cm: (u32, u32, u32),
    /// A hazmat item (TikTok's `is_dangerous_good`): packed and labelled apart.
    pub dangerous_good: bool,
}

/// One shop's commerce world.
#[derive(Clone, Debug, Default)]
pub struct ShopCommerce {
    pub currency: &'static str,
    pub region: String,
    pub orders: BTreeMap<String, SbOrder>,
    /// (update_time, order id) and (create_time, order id): the search indexes.
    pub by_update: BTreeSet<(i64, String)>,
    pub by_create: BTreeSet<(i64, String)>,
    pub packages: BTreeMap<String, SbPackage>,
    pub cancellations: BTreeMap<String, SbCancellation>,
    pub warehouses: Vec<SbWarehouse>,
    pub delivery_options: Vec<SbDeliveryOption>,
    pub products: Vec<SbProduct>,
    /// Tracking events per order: (unix millis, description).
    pub tracking: BTreeMap<String, Vec<(i64, String)>>,
    /// Tracking number to package id: TikTok refuses a number already in use (21011025).
    pub tracking_numbers: BTreeMap<String, String>,
}

impl ShopCommerce {
    /// Give a package its tracking number, keeping the tracking index right.
    pub fn set_tracking(&mut self, pkg_id: &str, tracking: &str) {
        if let Some(p) = self.packages.get_mut(pkg_id) {
            if let Some(old) = p.tracking_number.replace(tracking.to_string()) {
                self.tracking_numbers.remove(&old);
            }
            self.tracking_numbers.insert(tracking.to_string(), pkg_id.to_string());
        }
    }

    /// Change an order and keep the update-time index right.
    pub fn touch(&mut self, order_id: &str, now: i64) {
        if let Some(o) = self.orders.get_mut(order_id) {
            self.by_update.remove(&(o.update_time, o.id.clone()));
            o.update_time = now.max(o.update_time);
            self.by_update.insert((o.update_time, o.id.clone()));
        }
    }

    pub fn insert(&mut self, o: SbOrder) {
        self.by_update.insert((o.update_time, o.id.clone()));
        self.by_create.insert((o.create_time, o.id.clone()));
        self.orders.insert(o.id.clone(), o);
    }

    pub fn product(&self, product_id: &str) -> Option<&SbProduct> {
        self.products.iter().find(|p| p.product_id == product_id)
    }

    pub fn warehouse(&self, id: &str) -> Option<&SbWarehouse> {
        self.warehouses.iter().find(|w| w.id == id)
    }

    pub fn provider(&self, provider_id: &str) -> Option<(String, String)> {
        self.delivery_options.iter().flat_map(|d| d.providers.iter()).find(|(id, _)| id == provider_id).cloned()
    }

    /// Package of a line, if any.
    pub fn package_of(&self, line: &SbLine) -> Option<&SbPackage> {
        line.package_id.as_ref().and_then(|p| self.packages.get(p))
    }

    pub fn line_shipped(&self, line: &SbLine) -> bool {
        self.package_of(line).is_some_and(|p| p.shipped_time.is_some())
    }
}
