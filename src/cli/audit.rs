//! `tokshop audit list`: who did what. Every write (from a console, a command or the engine's
//! own work) with its OS user, role, where it came from, what it was and its outcome.

use super::output;
use super::session::{CliError, Globals, open_store};
use crate::domain::time::date_time;
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum AuditCmd {
    /// Entries newest first
    List {
        /// Only this OS user's
        #[arg(long)]
        user: Option<String>,
        /// Only entries at or after this time (unix seconds)
        #[arg(long)]
        since: Option<i64>,
        /// At most this many (stderr says when more exist)
        #[arg(long, default_value_t = 200)]
        limit: usize,
        /// Every one, however many
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
}

impl AuditCmd {
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        match self {
            AuditCmd::List { .. } => None,
        }
    }
}

pub async fn run(g: &Globals, cmd: AuditCmd) -> Result<(), CliError> {
    let AuditCmd::List { user, since, limit, all, json } = cmd;
    let (_, store) = open_store(g)?;
    let limit = super::paging::cap(limit, all);
    let (entries, more) =
        super::paging::cut(store.audit_entries(user.as_deref(), since, limit.saturating_add(1))?, limit);
    if more {
        super::paging::say_more(entries.len(), "entries");
    }
    if json {
        output::json(&entries.iter().map(entry_json).collect::<Vec<_>>());
        return Ok(());
    }
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                date_time(e.at),
                if e.user.is_empty() { "-".into() } else { e.user.clone() },
                e.role.map(|r| r.name().to_string()).unwrap_or_else(|| "-".into()),
                if e.via.is_empty() { e.actor.clone() } else { e.via.clone() },
                e.command.clone(),
                e.target.clone(),
                e.outcome.to_string(),
            ]
        })
        .collect();
    output::table(&["WHEN", "USER", "ROLE", "VIA", "WHAT", "ON", "OUTCOME"], &rows);
    Ok(())
}

/// An entry as `--json` shows it: its time as `create_time`, the outcome as `ok`/`failed` and a
/// note.
fn entry_json(e: &crate::domain::audit::AuditEntry) -> serde_json::Value {
    use crate::domain::audit::Outcome;
    let (outcome, note) = match &e.outcome {
        Outcome::Ok(n) => ("ok", n),
        Outcome::Failed(n) => ("failed", n),
    };
    serde_json::json!({
        "seq": e.seq, "create_time": e.at, "actor": e.actor, "user": e.user, "role": e.role, "via": e.via,
        "command": e.command, "target": e.target, "outcome": outcome, "note": note,
    })
}
