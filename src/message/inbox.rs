//! The Inbox of things that need a person: dismissing an item, retrying a failed write.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InboxCommand {
    ResolveAttention {
        key: String,
    },
    /// Send a write TikTok refused, or that gave up, again (the same outbox item and key).
    RetryOutbox {
        id: u64,
    },
}
