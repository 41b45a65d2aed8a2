//! Webhook notifications as the rest of tokshop sees them, and the receiver's verdict on each.
//! Type numbers and topics: API README §4.3.

use serde::{Deserialize, Serialize};

/// What the receiver decided about one delivery.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Stored, to be processed.
    Accepted,
    /// Same `tts_notification_id` as an earlier delivery: acknowledged, not processed again.
    Duplicate,
    /// Signature missing or wrong: 401, nothing processed.
    BadSignature(String),
    /// Not a readable notification: 400.
    Malformed(String),
}

impl Verdict {
    pub fn label(&self) -> String {
        match self {
            Verdict::Accepted => "accepted".into(),
            Verdict::Duplicate => "duplicate".into(),
            Verdict::BadSignature(r) => format!("bad signature: {r}"),
            Verdict::Malformed(r) => format!("malformed: {r}"),
        }
    }
}

/// A notification's meaning, decoded from its `type` and `data`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notification {
    /// Type 6 SELLER_DEAUTHORIZATION.
    SellerDeauthorization { message: String },
    /// Type 7 UPCOMING_AUTHORIZATION_EXPIRATION (`expiration_time` is a string of seconds).
    UpcomingAuthorizationExpiration { message: String, expiration_time: i64 },
    /// Types 1 (ORDER_STATUS_CHANGE), 3 (RECIPIENT_ADDRESS_UPDATE) and 4 (PACKAGE_UPDATE): these
    /// orders changed; fetch them.
    OrdersChanged { order_ids: Vec<String> },
    /// Type 11 CANCELLATION_STATUS_CHANGE.
    CancellationChanged { order_id: String, cancel_id: String },
    /// Types 5, 15, 16 and 37: a product's status, audit or content changed; fetch it.
    ProductChanged { product_id: String },
    /// A type this version does not act on yet; kept in the inbox table as received.
    Other { type_code: i64 },
    /// Type 12 RETURN_STATUS_CHANGE: fetch the return and its records.
    ReturnChanged { order_id: String, return_id: String },
}

/// One stored delivery, as listed by `tokshop webhooks list`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookRecord {
    pub seq: u64,
    pub received_at: i64,
    pub notification_id: Option<String>,
    pub type_code: Option<i64>,
    pub shop_id: Option<String>,
    pub verdict: Verdict,
    /// The raw body as received (truncated for rejected deliveries).
    pub body: String,
    pub processed_at: Option<i64>,
    pub processing_note: Option<String>,
}
