//! The append-only audit log: what was done, when, by which command, with what outcome.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: u64,
    pub at: i64,
    /// Who acted: `cli`, `console`, `daemon`, `sync`, `webhook`.
    pub actor: String,
    /// The command or action name, e.g. `shops connect`, `disconnect-shop`.
    pub command: String,
    /// What it acted on: a shop id, a store name.
    pub target: String,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Ok(String),
    Failed(String),
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Ok(s) if s.is_empty() => f.write_str("ok"),
            Outcome::Ok(s) => write!(f, "ok: {s}"),
            Outcome::Failed(s) => write!(f, "failed: {s}"),
        }
    }
}
