//! Orders: polling now, seller cancellations and answers to buyers' cancellation requests.

use crate::domain::role::Capability;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrdersCommand {
    /// Poll orders now (all syncing shops, or one).
    SyncOrders {
        shop_id: Option<String>,
    },
    CancelOrder {
        order_id: String,
        reason: String,
    },
    AnswerCancellation {
        cancel_id: String,
        approve: bool,
        reason: String,
        comment: String,
    },
    FetchRejectReasons {
        cancel_id: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrdersAnswer {
    /// Reasons a buyer's cancellation request can be rejected with: (name, text).
    RejectReasons { cancel_id: String, reasons: Vec<(String, String)> },
}

impl OrdersCommand {
    pub fn needs(&self) -> Option<Capability> {
        match self {
            OrdersCommand::SyncOrders { .. } | OrdersCommand::FetchRejectReasons { .. } => None,
            OrdersCommand::CancelOrder { .. } | OrdersCommand::AnswerCancellation { .. } => {
                Some(Capability::Cancellations)
            }
        }
    }
}
