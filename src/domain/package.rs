//! Packages (ORD-3PL-FULFILL, ORD-4PL-FULFILL, splits and combines): what leaves the warehouse,
//! with its carrier, tracking and the orders and lines in it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Package {
    pub id: String,
    pub shop_id: String,
    /// TO_FULFILL, PROCESSING, FULFILLING, COMPLETED, CANCELLED (as TikTok names them).
    pub status: String,
    pub order_ids: Vec<String>,
    pub line_ids: Vec<String>,
    pub shipping_provider_id: Option<String>,
    pub shipping_provider_name: Option<String>,
    pub tracking_number: Option<String>,
    /// SPLIT or COMBINE when the package is one; DEFAULT otherwise.
    pub tag: String,
    /// TIKTOK or SELLER.
    pub shipping_type: String,
    pub update_time: i64,
}

impl Package {
    pub fn shipped(&self) -> bool {
        self.tracking_number.is_some() && self.status != "TO_FULFILL" && self.status != "CANCELLED"
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
