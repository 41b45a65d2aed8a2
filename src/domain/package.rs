//! Packages (ORD-3PL-FULFILL, ORD-4PL-FULFILL, splits and combines): what leaves the warehouse,
//! with its carrier, tracking and the orders and lines in it.

use super::catalog::Dimensions;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Package {
    #[serde(with = "crate::domain::ids::id")]
    pub id: String,
    #[serde(with = "crate::domain::ids::id")]
    pub shop_id: String,
    /// TO_FULFILL, PROCESSING, FULFILLING, COMPLETED, CANCELLED (as TikTok names them).
    pub status: String,
    #[serde(with = "crate::domain::ids::list")]
    pub order_ids: Vec<String>,
    #[serde(with = "crate::domain::ids::list")]
    pub line_ids: Vec<String>,
    #[serde(default, with = "crate::domain::ids::opt")]
    pub shipping_provider_id: Option<String>,
    pub shipping_provider_name: Option<String>,
    #[serde(default, with = "crate::domain::ids::opt")]
    pub tracking_number: Option<String>,
    /// SPLIT or COMBINE when the package is one; DEFAULT otherwise.
    pub tag: String,
    /// TIKTOK or SELLER.
    pub shipping_type: String,
    pub update_time: i64,
    /// The parcel's weight and size as TikTok has them (Get Package Detail), once read.
    #[serde(default)]
    pub weight: Option<Weight>,
    #[serde(default)]
    pub dimension: Option<Dimension>,
    /// Its order's ship-by time (the soonest of its orders'), when TikTok gives one.
    #[serde(default)]
    pub ship_by: Option<i64>,
    /// The warehouse it ships from (its order's).
    #[serde(default, with = "crate::domain::ids::id")]
    pub warehouse_id: String,
}

/// A parcel's weight: a decimal and TikTok's unit (GRAM, KILOGRAM, POUND).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weight {
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    pub unit: String,
}

/// A parcel's size: length, width and height in TikTok's unit (CM, INCH).
///
/// Serialized flat (`length`, `width`, `height`, `unit`) through [`DimensionFields`] rather than
/// `#[serde(flatten)]`: flatten needs a self-describing format, and packages are stored compact
/// (postcard, `store/codec.rs`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "DimensionFields", into = "DimensionFields")]
pub struct Dimension {
    pub size: Dimensions,
    pub unit: String,
}

/// [`Dimension`]'s serialized shape.
#[derive(Clone, Serialize, Deserialize)]
struct DimensionFields {
    #[serde(with = "rust_decimal::serde::str")]
    length: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    width: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    height: Decimal,
    unit: String,
}

impl From<DimensionFields> for Dimension {
    fn from(f: DimensionFields) -> Dimension {
        Dimension { size: Dimensions { length: f.length, width: f.width, height: f.height }, unit: f.unit }
    }
}

impl From<Dimension> for DimensionFields {
    fn from(d: Dimension) -> DimensionFields {
        let s = d.size;
        DimensionFields { length: s.length, width: s.width, height: s.height, unit: d.unit }
    }
}

impl std::fmt::Display for Weight {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.value, self.unit.to_lowercase())
    }
}

impl std::fmt::Display for Dimension {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = &self.size;
        write!(f, "{} x {} x {} {}", s.length, s.width, s.height, self.unit.to_lowercase())
    }
}

/// What Get Package Detail adds to a package: its parcel (None when TikTok gives none).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parcel {
    pub weight: Option<Weight>,
    pub dimension: Option<Dimension>,
}

impl Package {
    pub fn shipped(&self) -> bool {
        self.tracking_number.is_some() && self.status != "TO_FULFILL" && self.status != "CANCELLED"
    }

    /// Still to pack and ship.
    pub fn to_fulfil(&self) -> bool {
        !self.shipped() && !matches!(self.status.as_str(), "CANCELLED" | "COMPLETED" | "DELIVERED")
    }
}

/// A cancellation (ORD-CANCEL-BUYER, ORD-CANCEL-SELLER).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancellation {
    pub id: String,
    pub shop_id: String,
    pub order_id: String,
    /// BUYER_CANCEL (needs the seller's answer) or CANCEL.
    pub cancel_type: String,
    pub status: String,
    pub role: String,
    pub reason: String,
    pub reason_text: String,
    /// The seller must answer by then (pending buyer requests).
    pub deadline: Option<i64>,
    pub create_time: i64,
    pub update_time: i64,
}

impl Cancellation {
    pub fn pending(&self) -> bool {
        self.status == "CANCELLATION_REQUEST_PENDING"
    }

    /// What it is, in words.
    pub fn kind_words(&self) -> String {
        match self.cancel_type.as_str() {
            "BUYER_CANCEL" => "the buyer asked to cancel".into(),
            "CANCEL" => "cancelled".into(),
            other => words(other),
        }
    }

    /// Where it stands, in words.
    pub fn status_words(&self) -> String {
        match self.status.as_str() {
            "CANCELLATION_REQUEST_PENDING" => "waiting for your answer".into(),
            "CANCELLATION_REQUEST_SUCCESS" => "done: the order is cancelled".into(),
            "CANCELLATION_REQUEST_CANCEL" | "CANCELLATION_REQUEST_CANCELLED" => "withdrawn by the buyer".into(),
            "CANCELLATION_REQUEST_REJECT" | "CANCELLATION_REQUEST_REJECTED" => "rejected: the order stays".into(),
            "CANCELLATION_REQUEST_COMPLETE" => "complete".into(),
            other => words(other.strip_prefix("CANCELLATION_REQUEST_").unwrap_or(other)),
        }
    }
}

/// A wire name in words: `SYSTEM_CANCEL` → "system cancel".
pub fn words(wire: &str) -> String {
    wire.to_lowercase().replace('_', " ")
}

/// The reasons a seller may cancel with, by order status (return-and-refund/cancel-reasons,
/// US market): (order statuses, reason name, text).
pub const SELLER_CANCEL_REASONS: [(&[&str], &str, &str); 8] = [
    (&["UNPAID"], "seller_cancel_unpaid_reason_out_of_stock", "Out of stock"),
    (&["UNPAID"], "seller_cancel_unpaid_reason_wrong_price", "Pricing error"),
    (&["UNPAID"], "seller_cancel_unpaid_reason_buyer_hasnt_paid_within_time_allowed", "Buyer did not pay on time"),
    (&["UNPAID"], "seller_cancel_unpaid_reason_buyer_requested_cancellation", "Buyer requested cancellation"),
    (&["ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"], "seller_cancel_reason_out_of_stock", "Out of stock"),
    (&["ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"], "seller_cancel_reason_wrong_price", "Pricing error"),
    (
        &["ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"],
        "seller_cancel_paid_reason_address_not_deliver",
        "Unable to deliver to buyer address",
    ),
    (
        &["ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"],
        "seller_cancel_paid_reason_buyer_requested_cancellation",
        "Buyer requested cancellation",
    ),
];

/// Seller cancel reasons valid for an order status.
pub fn seller_cancel_reasons(status: &str) -> Vec<(&'static str, &'static str)> {
    SELLER_CANCEL_REASONS.iter().filter(|(s, _, _)| s.contains(&status)).map(|(_, n, t)| (*n, *t)).collect()
}

/// TikTok refuses tracking numbers with spaces or special characters (21004012): letters and
/// digits only, at most 40 of them.
pub fn validate_tracking(t: &str) -> Result<(), String> {
    if t.is_empty() {
        return Err("the tracking number is empty".into());
    }
    if t.len() > 40 || !t.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!("tracking number {t:?} is not valid: letters and digits only, at most 40"));
    }
    Ok(())
}

/// A TikTok warehouse of a shop (CAT-PRE-WAREHOUSE).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warehouse {
    pub id: String,
    pub shop_id: String,
    pub name: String,
    pub effect_status: String,
    /// SALES_WAREHOUSE or RETURN_WAREHOUSE.
    pub kind: String,
    pub is_default: bool,
    pub address: String,
    pub delivery_options: Vec<DeliveryOption>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryOption {
    pub id: String,
    pub name: String,
    /// STANDARD, EXPRESS, ECONOMY (TikTok shipping) or SEND_BY_SELLER.
    pub kind: String,
    pub providers: Vec<ShippingProvider>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingProvider {
    pub id: String,
    pub name: String,
}

/// One of the seller's own carriers, as the platform names it (SHOP-MAN-CARRIER).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Carrier {
    pub name: String,
    /// `https://…{tracking}…`, for people following a parcel.
    pub tracking_url: Option<String>,
}

/// A platform carrier mapped to a TikTok shipping provider for a shop (and delivery option).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarrierMapping {
    pub carrier: String,
    pub shop_id: String,
    /// Empty: every delivery option of the shop.
    pub delivery_option_id: String,
    pub provider_id: String,
    pub provider_name: String,
}

/// The mapping a carrier ships with for a shop and delivery option: one made for that very
/// option first, else one made for every option of the shop.
pub fn find_mapping<'a>(
    all: &'a [CarrierMapping],
    carrier: &str,
    shop_id: &str,
    delivery_option_id: &str,
) -> Option<&'a CarrierMapping> {
    all.iter()
        .find(|m| m.carrier == carrier && m.shop_id == shop_id && m.delivery_option_id == delivery_option_id)
        .or_else(|| {
            all.iter().find(|m| m.carrier == carrier && m.shop_id == shop_id && m.delivery_option_id.is_empty())
        })
}
