//! The outbox: every write to TikTok is first committed here as an intent with an idempotency
//! key; the drain performs it, records the outcome and retries what is retryable.

use serde::{Deserialize, Serialize};

/// What we intend TikTok to do. Each variant names one write endpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutboxIntent {
    /// `DELETE /authorization/202403/shops` for a shop we are disconnecting.
    DeauthorizeShop { shop_id: String, cipher: String, grant_id: String },
}

impl OutboxIntent {
    pub fn label(&self) -> String {
        match self {
            OutboxIntent::DeauthorizeShop { shop_id, .. } => format!("deauthorize shop {shop_id}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutboxState {
    Pending,
    Done { at: i64, note: String },
    Failed { at: i64, reason: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxItem {
    pub id: u64,
    pub idempotency_key: String,
    pub shop_id: String,
    pub intent: OutboxIntent,
    pub state: OutboxState,
    pub attempts: u32,
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// Give up on a retryable failure after this many attempts and hand it to a person.
pub const MAX_ATTEMPTS: u32 = 8;
