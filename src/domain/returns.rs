//! Returns, refunds and replacements as tokshop keeps them (RET-*): the request, its lines and
//! amounts as exact decimals with their currency, return shipping, the buyer's evidence, the
//! seller's deadline, the status history with its sources, and which decisions fit now.

use super::order::Source;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// REFUND (refund only), RETURN_AND_REFUND or REPLACEMENT.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReturnType {
    Refund,
    ReturnAndRefund,
    Replacement,
}

impl ReturnType {
    pub fn from_wire(s: &str) -> ReturnType {
        match s {
            "REFUND" => ReturnType::Refund,
            "REPLACEMENT" => ReturnType::Replacement,
            _ => ReturnType::ReturnAndRefund,
        }
    }
    pub fn as_wire(self) -> &'static str {
        match self {
            ReturnType::Refund => "REFUND",
            ReturnType::ReturnAndRefund => "RETURN_AND_REFUND",
            ReturnType::Replacement => "REPLACEMENT",
        }
    }
    /// The word the console and `--type` use.
    pub fn word(self) -> &'static str {
        match self {
            ReturnType::Refund => "refund",
            ReturnType::ReturnAndRefund => "return",
            ReturnType::Replacement => "replacement",
        }
    }
    pub fn parse_word(s: &str) -> Option<ReturnType> {
        [ReturnType::Refund, ReturnType::ReturnAndRefund, ReturnType::Replacement].into_iter().find(|t| t.word() == s)
    }
}

/// Refund amounts (search-returns `refund_amount`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundAmount {
    pub currency: String,
    pub total: Decimal,
    pub subtotal: Decimal,
    pub shipping: Decimal,
    pub tax: Decimal,
    pub retail_delivery_fee: Decimal,
    pub buyer_service_fee: Decimal,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnLine {
    pub id: String,
    pub order_line_id: String,
    pub sku_id: String,
    pub sku_name: String,
    pub seller_sku: String,
    pub product_name: String,
    pub refund_total: Decimal,
}

/// One entry of the buyer's (or seller's, or TikTok's) record: Get Return Records.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnRecord {
    pub role: String,
    pub description: String,
    pub note: String,
    pub reason_text: String,
    pub create_time: i64,
    pub image_urls: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnStatusChange {
    pub status: String,
    /// The return's `update_time` when the change was seen.
    pub at: i64,
    pub seen_at: i64,
    pub source: Source,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Return {
    pub id: String,
    pub shop_id: String,
    pub order_id: String,
    pub return_type: Option<ReturnType>,
    pub status: String,
    pub role: String,
    pub reason: String,
    pub reason_text: String,
    pub arbitration: Option<String>,
    pub shipment_type: String,
    pub handover_method: String,
    /// SELLER_SHIPPED, BUYER_SHIPPED or PLATFORM_SHIPPED.
    pub return_method: String,
    pub tracking: Option<String>,
    pub provider_name: String,
    /// SHIPPING_LABEL or QR_CODE.
    pub document_type: String,
    pub label_url: Option<String>,
    pub warehouse_address: String,
    pub refund: RefundAmount,
    /// Return shipping paid by the buyer (deducted from the refund), the seller, the platform.
    pub shipping_buyer: Decimal,
    pub shipping_seller: Decimal,
    pub shipping_platform: Decimal,
    pub partial_refund: Option<Decimal>,
    pub buyer_rejected_partial_refund: Option<bool>,
    pub can_buyer_keep_item: bool,
    pub lines: Vec<ReturnLine>,
    /// What the seller must do next (SELLER_RESPOND_*) and by when.
    pub next_action: Option<String>,
    pub deadline: Option<i64>,
    pub replacement_order_id: Option<String>,
    pub create_time: i64,
    pub update_time: i64,
    pub records: Vec<ReturnRecord>,
    /// The buyer's nickname, from the order (for search).
    #[serde(default)]
    pub buyer: String,
}

impl Return {
    /// Waiting on the seller: a next action with a deadline, not in arbitration.
    pub fn waiting(&self) -> bool {
        self.next_action.is_some() && self.arbitration.as_deref() != Some("IN_PROGRESS")
    }

    pub fn received(&self) -> bool {
        self.next_action.as_deref() == Some("SELLER_RESPOND_RECEIVE_PACKAGE")
    }

    /// The decisions TikTok accepts now (the sandbox and the reference agree on these).
    pub fn decisions(&self) -> Vec<&'static str> {
        if self.arbitration.as_deref() == Some("IN_PROGRESS") {
            return vec![];
        }
        match (self.return_type, self.status.as_str()) {
            (Some(ReturnType::Refund), "RETURN_OR_REFUND_REQUEST_PENDING") => {
                vec!["APPROVE_REFUND", "OFFER_PARTIAL_REFUND", "REJECT_REFUND"]
            }
            (Some(ReturnType::ReturnAndRefund), "RETURN_OR_REFUND_REQUEST_PENDING") => {
                vec!["APPROVE_RETURN", "OFFER_PARTIAL_REFUND", "REJECT_RETURN"]
            }
            (Some(ReturnType::ReturnAndRefund), "AWAITING_BUYER_SHIP") => vec!["DIRECT_REFUND"],
            (Some(ReturnType::ReturnAndRefund), "BUYER_SHIPPED_ITEM") if self.received() => {
                vec!["APPROVE_RECEIVED_PACKAGE", "REJECT_RECEIVED_PACKAGE", "DIRECT_REFUND"]
            }
            (Some(ReturnType::ReturnAndRefund), "BUYER_SHIPPED_ITEM") => vec!["DIRECT_REFUND"],
            (Some(ReturnType::Replacement), "REPLACEMENT_REQUEST_PENDING") => {
                vec!["APPROVE_REPLACEMENT", "ISSUE_REPLACEMENT_REFUND", "REJECT_REPLACEMENT"]
            }
            _ => vec![],
        }
    }

    /// The approve decision that fits the return's type and state, if any.
    pub fn approve_decision(&self, partial: bool) -> Option<&'static str> {
        let d = self.decisions();
        if partial {
            return d.into_iter().find(|x| *x == "OFFER_PARTIAL_REFUND");
        }
        d.into_iter().find(|x| x.starts_with("APPROVE_")).or(if self.status == "AWAITING_BUYER_SHIP" {
            Some("DIRECT_REFUND")
        } else {
            None
        })
    }

    pub fn reject_decision(&self) -> Option<&'static str> {
        self.decisions().into_iter().find(|x| x.starts_with("REJECT_"))
    }

    /// What happens when the deadline passes (shown next to it).
    pub fn on_deadline(&self) -> &'static str {
        match self.next_action.as_deref() {
            Some("SELLER_RESPOND_RETURN") => "TikTok approves the return",
            Some("SELLER_RESPOND_RECEIVE_PACKAGE") => "TikTok accepts the package and refunds",
            Some("SELLER_RESPOND_REPLACEMENT") => "TikTok sends a replacement",
            Some(_) => "TikTok approves the refund",
            None => "",
        }
    }

    pub fn type_word(&self) -> &'static str {
        self.return_type.map(ReturnType::word).unwrap_or("return")
    }
}

/// An amount to the cent (at least two decimals), as TikTok writes them.
pub fn cents(d: Decimal) -> String {
    let mut d = d;
    if d.scale() < 2 {
        d.rescale(2);
    }
    d.to_string()
}

/// A return status in words.
pub fn status_label(s: &str) -> &'static str {
    match s {
        "RETURN_OR_REFUND_REQUEST_PENDING" => "requested",
        "REFUND_OR_RETURN_REQUEST_REJECT" => "rejected",
        "AWAITING_BUYER_SHIP" => "awaiting buyer ship",
        "BUYER_SHIPPED_ITEM" => "on its way back",
        "REJECT_RECEIVE_PACKAGE" => "package rejected",
        "RETURN_OR_REFUND_REQUEST_SUCCESS" => "refund approved",
        "RETURN_OR_REFUND_REQUEST_CANCEL" => "cancelled",
        "RETURN_OR_REFUND_REQUEST_COMPLETE" => "refunded",
        "REPLACEMENT_REQUEST_PENDING" => "replacement requested",
        "REPLACEMENT_REQUEST_REJECT" => "replacement rejected",
        "REPLACEMENT_REQUEST_REFUND_SUCCESS" => "refund instead",
        "REPLACEMENT_REQUEST_CANCEL" => "replacement cancelled",
        "REPLACEMENT_REQUEST_COMPLETE" => "replaced",
        "AWAITING_BUYER_RESPONSE" => "offer to buyer",
        _ => "unknown",
    }
}

#[cfg(test)]
#[path = "returns_tests.rs"]
mod tests;
