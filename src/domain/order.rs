//! Orders as tokshop keeps them (ORD-SYNC-IMPORT, ORD-SYNC-UPDATE, ORD-SYNC-TAX): status,
//! deadlines, buyer, lines, payment and tax, packages. Money is `Decimal` with its currency.

pub use super::order_money::{MoneyItem, MoneyRole, Payment};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrderStatus {
    Unpaid,
    OnHold,
    AwaitingShipment,
    PartiallyShipping,
    AwaitingCollection,
    InTransit,
    Delivered,
    Completed,
    Cancelled,
    Unknown(String),
}

impl OrderStatus {
    /// From the API (`CANCEL` is how webhook type 1 spells it).
    pub fn from_wire(s: &str) -> OrderStatus {
        match s {
            "UNPAID" => OrderStatus::Unpaid,
            "ON_HOLD" => OrderStatus::OnHold,
            "AWAITING_SHIPMENT" => OrderStatus::AwaitingShipment,
            "PARTIALLY_SHIPPING" => OrderStatus::PartiallyShipping,
            "AWAITING_COLLECTION" => OrderStatus::AwaitingCollection,
            "IN_TRANSIT" => OrderStatus::InTransit,
            "DELIVERED" => OrderStatus::Delivered,
            "COMPLETED" => OrderStatus::Completed,
            "CANCELLED" | "CANCEL" => OrderStatus::Cancelled,
            other => OrderStatus::Unknown(other.to_string()),
        }
    }

    pub fn as_wire(&self) -> &str {
        match self {
            OrderStatus::Unpaid => "UNPAID",
            OrderStatus::OnHold => "ON_HOLD",
            OrderStatus::AwaitingShipment => "AWAITING_SHIPMENT",
            OrderStatus::PartiallyShipping => "PARTIALLY_SHIPPING",
            OrderStatus::AwaitingCollection => "AWAITING_COLLECTION",
            OrderStatus::InTransit => "IN_TRANSIT",
            OrderStatus::Delivered => "DELIVERED",
            OrderStatus::Completed => "COMPLETED",
            OrderStatus::Cancelled => "CANCELLED",
            OrderStatus::Unknown(s) => s,
        }
    }

    pub fn label(&self) -> &str {
        match self {
            OrderStatus::Unpaid => "unpaid",
            OrderStatus::OnHold => "on hold",
            OrderStatus::AwaitingShipment => "to ship",
            OrderStatus::PartiallyShipping => "part shipped",
            OrderStatus::AwaitingCollection => "to collect",
            OrderStatus::InTransit => "in transit",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Completed => "completed",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::Unknown(s) => s,
        }
    }

    /// Orders someone still has to ship.
    pub fn to_ship(&self) -> bool {
        matches!(self, OrderStatus::AwaitingShipment | OrderStatus::PartiallyShipping)
    }

    /// Orders still moving through the queue (not delivered, completed or cancelled).
    pub fn is_open(&self) -> bool {
        matches!(
            self,
            OrderStatus::Unpaid
                | OrderStatus::OnHold
                | OrderStatus::AwaitingShipment
                | OrderStatus::PartiallyShipping
                | OrderStatus::AwaitingCollection
        )
    }

    /// One byte per status, for index keys.
    pub fn code(&self) -> char {
        match self {
            OrderStatus::Unpaid => 'a',
            OrderStatus::OnHold => 'b',
            OrderStatus::AwaitingShipment => 'c',
            OrderStatus::PartiallyShipping => 'd',
            OrderStatus::AwaitingCollection => 'e',
            OrderStatus::InTransit => 'f',
            OrderStatus::Delivered => 'g',
            OrderStatus::Completed => 'h',
            OrderStatus::Cancelled => 'i',
            OrderStatus::Unknown(_) => 'z',
        }
    }

    pub const FILTERABLE: [OrderStatus; 9] = [
        OrderStatus::Unpaid,
        OrderStatus::OnHold,
        OrderStatus::AwaitingShipment,
        OrderStatus::PartiallyShipping,
        OrderStatus::AwaitingCollection,
        OrderStatus::InTransit,
        OrderStatus::Delivered,
        OrderStatus::Completed,
        OrderStatus::Cancelled,
    ];
}

/// Who moves the parcel: the seller's own carrier (3PL) or TikTok shipping (4PL).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ShippingType {
    Seller,
    Tiktok,
    Unknown(String),
}

impl ShippingType {
    pub fn from_wire(s: &str) -> ShippingType {
        match s {
            "SELLER" => ShippingType::Seller,
            "TIKTOK" => ShippingType::Tiktok,
            other => ShippingType::Unknown(other.to_string()),
        }
    }
    pub fn label(&self) -> &str {
        match self {
            ShippingType::Seller => "seller",
            ShippingType::Tiktok => "tiktok",
            ShippingType::Unknown(s) => s,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub name: String,
    /// Masked by TikTok, e.g. `(+1)213-***-1234`: shown as given.
    pub phone: String,
    pub full_address: String,
    pub postal_code: String,
    pub region_code: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineTax {
    pub tax_type: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub rate: Decimal,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    #[serde(with = "crate::domain::ids::id")]
    pub id: String,
    #[serde(with = "crate::domain::ids::id")]
    pub sku_id: String,
    #[serde(with = "crate::domain::ids::id")]
    pub product_id: String,
    pub product_name: String,
    pub sku_name: String,
    pub seller_sku: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub original_price: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub sale_price: Decimal,
    pub display_status: String,
    #[serde(default, with = "crate::domain::ids::opt")]
    pub package_id: Option<String>,
    pub package_status: String,
    #[serde(default, with = "crate::domain::ids::opt")]
    pub tracking_number: Option<String>,
    #[serde(default, with = "crate::domain::ids::opt")]
    pub shipping_provider_id: Option<String>,
    pub shipping_provider_name: Option<String>,
    pub taxes: Vec<LineTax>,
    pub cancelled: bool,
    /// A hazmat SKU: packed and labelled apart (TikTok's `is_dangerous_good`).
    #[serde(default)]
    pub is_dangerous_good: bool,
    /// When the seller shipped this line (unix seconds), once shipped.
    #[serde(default)]
    pub rts_time: Option<i64>,
}

impl OrderLine {
    /// A line that still has to leave the warehouse.
    pub fn to_ship(&self) -> bool {
        !self.cancelled
            && self.tracking_number.is_none()
            && matches!(self.package_status.as_str(), "TO_FULFILL" | "" | "PROCESSING" | "TO FULFILL")
            && !matches!(self.display_status.as_str(), "IN_TRANSIT" | "DELIVERED" | "COMPLETED" | "AWAITING_COLLECTION")
    }
}

/// Get Price Detail: totals and tax, per order and per line (ORD-SYNC-TAX).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceDetail {
    pub currency: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub payment: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub subtotal: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub tax_amount: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub tax_rate: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub shipping_sale_price: Decimal,
    /// (line id, sale price, tax amount, tax rate).
    pub lines: Vec<LinePrice>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinePrice {
    #[serde(with = "crate::domain::ids::id")]
    pub id: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub sale_price: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub tax_amount: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub tax_rate: Decimal,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    #[serde(with = "crate::domain::ids::id")]
    pub id: String,
    #[serde(with = "crate::domain::ids::id")]
    pub shop_id: String,
    pub status: OrderStatus,
    pub create_time: i64,
    pub update_time: i64,
    pub paid_time: Option<i64>,
    #[serde(with = "crate::domain::ids::id")]
    pub buyer_user_id: String,
    pub buyer_nickname: String,
    pub buyer_message: String,
    pub shipping_type: ShippingType,
    #[serde(with = "crate::domain::ids::id")]
    pub delivery_option_id: String,
    pub delivery_option_name: String,
    #[serde(with = "crate::domain::ids::id")]
    pub warehouse_id: String,
    pub is_cod: bool,
    pub is_sample: bool,
    pub is_on_hold_order: bool,
    pub is_replacement: bool,
    #[serde(default, with = "crate::domain::ids::opt")]
    pub replaced_order_id: Option<String>,
    pub cancel_requested: bool,
    pub cancel_deadline: Option<i64>,
    pub cancel_reason: Option<String>,
    pub cancellation_initiator: Option<String>,
    /// When it must be handed over (`rts_sla_time`, else `shipping_due_time`).
    pub ship_by: Option<i64>,
    pub collection_due: Option<i64>,
    pub delivery_due: Option<i64>,
    #[serde(default, with = "crate::domain::ids::opt")]
    pub tracking_number: Option<String>,
    pub shipping_provider: Option<String>,
    /// COMBINED or SPLIT.
    pub split_or_combine: Option<String>,
    #[serde(with = "crate::domain::ids::list")]
    pub package_ids: Vec<String>,
    pub payment: Payment,
    pub address: Address,
    pub lines: Vec<OrderLine>,
    pub price: Option<PriceDetail>,
    /// When the seller shipped the order (unix seconds), once shipped.
    #[serde(default)]
    pub rts_time: Option<i64>,
    /// How the buyer paid, for display (`payment_method_name`), when TikTok says.
    #[serde(default)]
    pub payment_method: Option<String>,
    /// The seller's own note on the order, from Seller Center (`seller_note`).
    #[serde(default)]
    pub seller_note: String,
}

impl Default for OrderStatus {
    fn default() -> Self {
        OrderStatus::Unknown(String::new())
    }
}

impl Default for ShippingType {
    fn default() -> Self {
        ShippingType::Unknown(String::new())
    }
}

impl Order {
    /// The deadline the queue sorts by: ship-by for orders to ship, else far away.
    pub fn deadline(&self) -> i64 {
        match (&self.status, self.ship_by) {
            (s, Some(t)) if s.is_open() => t,
            _ => i64::MAX / 4,
        }
    }

    pub fn lines_to_ship(&self) -> impl Iterator<Item = &OrderLine> {
        self.lines.iter().filter(|l| l.to_ship())
    }

    /// Every price, discount, tax and fee the buyer paid, labelled, in the order's currency.
    pub fn money_breakdown(&self) -> Vec<MoneyItem> {
        self.payment.breakdown()
    }

    /// Whether a line of the order is a dangerous good (packed and labelled apart).
    pub fn has_dangerous_goods(&self) -> bool {
        self.lines.iter().any(|l| l.is_dangerous_good && !l.cancelled)
    }
}

/// Where a status change was learned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    Backfill,
    Poll,
    Webhook,
    /// Our own action (ship, cancel, ...) followed by a re-read.
    Action,
}

impl Source {
    pub fn label(self) -> &'static str {
        match self {
            Source::Backfill => "backfill",
            Source::Poll => "poll",
            Source::Webhook => "webhook",
            Source::Action => "our action",
        }
    }
}

/// One entry of an order's status history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: OrderStatus,
    /// The order's `update_time` when the change was seen.
    pub at: i64,
    pub seen_at: i64,
    pub source: Source,
}

/// What the order queue shows per row: small, so a page of a million orders is cheap.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRow {
    #[serde(with = "crate::domain::ids::id")]
    pub id: String,
    #[serde(with = "crate::domain::ids::id")]
    pub shop_id: String,
    pub status: OrderStatus,
    pub ship_by: Option<i64>,
    pub create_time: i64,
    pub update_time: i64,
    pub buyer_nickname: String,
    pub items: u32,
    pub first_sku: String,
    pub currency: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    pub shipping_type: ShippingType,
    pub on_hold: bool,
    pub cancel_requested: bool,
    pub is_cod: bool,
    pub is_sample: bool,
    pub split_or_combine: Option<String>,
    #[serde(default, with = "crate::domain::ids::opt")]
    pub tracking_number: Option<String>,
    #[serde(default, with = "crate::domain::ids::list")]
    pub package_ids: Vec<String>,
}

impl OrderRow {
    /// The queue's sort time: ship-by for open orders, far away otherwise.
    pub fn deadline(&self) -> i64 {
        match self.ship_by {
            Some(t) if self.status.is_open() => t.max(0),
            _ => i64::MAX / 4,
        }
    }
}

impl From<&Order> for OrderRow {
    fn from(o: &Order) -> Self {
        OrderRow {
            id: o.id.clone(),
            shop_id: o.shop_id.clone(),
            status: o.status.clone(),
            ship_by: o.ship_by,
            create_time: o.create_time,
            update_time: o.update_time,
            buyer_nickname: o.buyer_nickname.clone(),
            // A cancelled order counts the lines it had (all cancelled), not nothing.
            items: match o.lines.iter().filter(|l| !l.cancelled).count() {
                0 => o.lines.len(),
                n => n,
            } as u32,
            first_sku: o.lines.first().map(|l| l.seller_sku.clone()).unwrap_or_default(),
            currency: o.payment.currency.clone(),
            total: o.payment.total_amount,
            shipping_type: o.shipping_type.clone(),
            on_hold: o.status == OrderStatus::OnHold,
            cancel_requested: o.cancel_requested,
            is_cod: o.is_cod,
            is_sample: o.is_sample,
            split_or_combine: o.split_or_combine.clone(),
            tracking_number: o.tracking_number.clone(),
            package_ids: {
                let mut v: Vec<String> =
                    o.lines.iter().filter_map(|l| l.package_id.clone()).chain(o.package_ids.iter().cloned()).collect();
                v.sort();
                v.dedup();
                v
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_and_cancel_spelling() {
        for s in OrderStatus::FILTERABLE {
            assert_eq!(OrderStatus::from_wire(s.as_wire()), s);
        }
        assert_eq!(OrderStatus::from_wire("CANCEL"), OrderStatus::Cancelled);
        assert_eq!(OrderStatus::from_wire("ON_FIRE"), OrderStatus::Unknown("ON_FIRE".into()));
    }
}
