//! The human inbox: things that need a person (an authorization about to end, a shop that was
//! deauthorized, a write to TikTok that failed for good), sorted by deadline.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttentionKind {
    /// The seller must re-authorize before the deadline (webhook type 7 or our own countdown).
    Reauthorize,
    /// The seller removed our app (webhook type 6); sync for the shop stopped.
    Deauthorized,
    /// Refreshing an access token failed; the shop cannot sync until someone acts.
    TokenRefreshFailed,
    /// A write to TikTok failed for good; the outbox item says what and why.
    WriteFailed,
    /// A webhook failed its signature check or could not be read.
    WebhookRejected,
    /// Something finished that a person should know about (e.g. shops connected from a callback).
    Notice,
    /// An order to ship is due within a day, or overdue.
    OrderAtRisk,
    /// A buyer asked to cancel; the seller must answer by the deadline.
    CancellationRequest,
    /// Something in the money chain does not add up (order, statement, payment, withdrawal).
    ReconciliationBreak,
    /// A payment to the seller's bank FAILED.
    PaymentFailed,
    /// A return, refund or replacement request (or a returned package) waits on the seller.
    ReturnRequest,
}

impl AttentionKind {
    pub fn label(self) -> &'static str {
        match self {
            AttentionKind::Reauthorize => "re-authorize",
            AttentionKind::Deauthorized => "deauthorized",
            AttentionKind::TokenRefreshFailed => "token refresh failed",
            AttentionKind::WriteFailed => "write failed",
            AttentionKind::WebhookRejected => "webhook rejected",
            AttentionKind::Notice => "notice",
            AttentionKind::OrderAtRisk => "ship-by at risk",
            AttentionKind::CancellationRequest => "cancel request",
            AttentionKind::ReconciliationBreak => "does not reconcile",
            AttentionKind::PaymentFailed => "payment failed",
            AttentionKind::ReturnRequest => "return request",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttentionItem {
    /// Stable key: the same situation updates one item instead of piling up (`reauth:<shop_id>`).
    pub key: String,
    pub kind: AttentionKind,
    pub shop_id: Option<String>,
    pub title: String,
    pub detail: String,
    /// Unix seconds by which someone must act, if there is such a time.
    pub deadline: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub resolved_at: Option<i64>,
}

impl AttentionItem {
    /// Sort key: open items with a deadline first (soonest first), then the rest, newest first.
    pub fn sort_key(&self) -> (u8, i64) {
        match self.deadline {
            Some(d) => (0, d),
            None => (1, -self.updated_at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(deadline: Option<i64>, updated: i64) -> AttentionItem {
        AttentionItem {
            key: format!("{deadline:?}{updated}"),
            kind: AttentionKind::Notice,
            shop_id: None,
            title: String::new(),
            detail: String::new(),
            deadline,
            created_at: 0,
            updated_at: updated,
            resolved_at: None,
        }
    }

    #[test]
    fn deadlines_first_then_newest() {
        let mut v = [item(None, 5), item(Some(50), 1), item(None, 9), item(Some(10), 1)];
        v.sort_by_key(|i| i.sort_key());
        let order: Vec<_> = v.iter().map(|i| (i.deadline, i.updated_at)).collect();
        assert_eq!(order, vec![(Some(10), 1), (Some(50), 1), (None, 9), (None, 5)]);
    }
}
