//! The append-only audit log: what was done, when, by which command, with what outcome.

use super::role::Role;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: u64,
    pub at: i64,
    /// Who acted, as a person reads it: `alice (support, console)`, or the engine's own work.
    pub actor: String,
    /// The OS user (empty for the engine's own work), their role, and where they acted from.
    #[serde(default)]
    pub user: String,
    #[serde(default)]
    pub role: Option<Role>,
    #[serde(default)]
    pub via: String,
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

/// Which entries the Audit pane and `tokshop audit list` show.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    /// One OS user's entries only.
    pub user: Option<String>,
    /// Failures and refusals only.
    pub failures: bool,
}

impl AuditQuery {
    pub fn matches(&self, e: &AuditEntry) -> bool {
        self.user.as_ref().is_none_or(|u| &e.user == u) && (!self.failures || matches!(e.outcome, Outcome::Failed(_)))
    }
}
