//! `tokshop inbox list` and `tokshop webhooks list`.

use super::output;
use super::session::{CliError, Globals, open_store};
use crate::domain::time::date_time;
use clap::Subcommand;
use serde::Serialize;

#[derive(Subcommand, Debug)]
pub enum InboxCmd {
    /// Open items, soonest deadline first
    List {
        #[arg(long)]
        json: bool,
        /// Include resolved items, and every one however many
        #[arg(long)]
        all: bool,
        /// At most this many (stderr says when more exist)
        #[arg(long, default_value_t = 200)]
        limit: usize,
    },
}

impl InboxCmd {
    /// What the command may change (None: it only reads), for the engine's role check.
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        match self {
            InboxCmd::List { .. } => None,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum WebhooksCmd {
    /// Received notifications, newest first
    List {
        #[arg(long)]
        json: bool,
        /// At most this many (stderr says when more exist)
        #[arg(long, default_value_t = 100)]
        limit: usize,
        /// Every one kept, however many
        #[arg(long)]
        all: bool,
    },
}

impl WebhooksCmd {
    /// What the command may change (None: it only reads), for the engine's role check.
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        match self {
            WebhooksCmd::List { .. } => None,
        }
    }
}

#[derive(Serialize)]
struct InboxRow {
    key: String,
    kind: &'static str,
    shop_id: Option<String>,
    title: String,
    detail: String,
    deadline: Option<i64>,
    #[serde(rename = "create_time")]
    created_at: i64,
    #[serde(rename = "update_time")]
    updated_at: i64,
    #[serde(rename = "resolve_time")]
    resolved_at: Option<i64>,
}

#[derive(Serialize)]
struct WebhookRow {
    seq: u64,
    notification_id: Option<String>,
    #[serde(rename = "type")]
    type_code: Option<i64>,
    shop_id: Option<String>,
    #[serde(rename = "receive_time")]
    received_at: i64,
    verdict: String,
    #[serde(rename = "process_time")]
    processed_at: Option<i64>,
    processing_note: Option<String>,
}

pub async fn run_inbox(g: &Globals, cmd: InboxCmd) -> Result<(), CliError> {
    let (_, store) = open_store(g)?;
    let InboxCmd::List { json, all, limit } = cmd;
    let items = if all { store.all_attention()? } else { store.open_attention()? };
    let items = super::paging::Limit { limit, all }.apply(items, "inbox items");
    let rows: Vec<InboxRow> = items
        .into_iter()
        .map(|i| InboxRow {
            key: i.key,
            kind: i.kind.label(),
            shop_id: i.shop_id,
            title: i.title,
            detail: i.detail,
            deadline: i.deadline,
            created_at: i.created_at,
            updated_at: i.updated_at,
            resolved_at: i.resolved_at,
        })
        .collect();
    if json {
        output::json(&rows);
    } else {
        let t: Vec<Vec<String>> = rows
            .iter()
            .map(|r| vec![r.deadline.map(date_time).unwrap_or_else(|| "-".into()), r.kind.to_string(), r.title.clone()])
            .collect();
        output::table(&["DEADLINE", "KIND", "WHAT"], &t);
    }
    Ok(())
}

pub async fn run_webhooks(g: &Globals, cmd: WebhooksCmd) -> Result<(), CliError> {
    let (_, store) = open_store(g)?;
    let WebhooksCmd::List { json, limit, all } = cmd;
    let limit = super::paging::cap(limit, all);
    let (recent, more) = super::paging::cut(store.recent_webhooks(limit.saturating_add(1))?, limit);
    if more {
        super::paging::say_more(recent.len(), "notifications");
    }
    let rows: Vec<WebhookRow> = recent
        .into_iter()
        .map(|w| WebhookRow {
            seq: w.seq,
            notification_id: w.notification_id,
            type_code: w.type_code,
            shop_id: w.shop_id,
            received_at: w.received_at,
            verdict: w.verdict.label(),
            processed_at: w.processed_at,
            processing_note: w.processing_note,
        })
        .collect();
    if json {
        output::json(&rows);
    } else {
        let t: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                vec![
                    r.seq.to_string(),
                    date_time(r.received_at),
                    r.type_code.map(|t| t.to_string()).unwrap_or_else(|| "-".into()),
                    r.shop_id.clone().unwrap_or_else(|| "-".into()),
                    r.verdict.clone(),
                    r.processing_note.clone().unwrap_or_default(),
                ]
            })
            .collect();
        output::table(&["#", "RECEIVED", "TYPE", "SHOP", "VERDICT", "PROCESSED"], &t);
        let c = store.webhook_counts()?;
        if c.rejected > 0 {
            crate::outln!(
                "{} deliveries rejected in all (bad signature, malformed or duplicate); the newest {} are kept",
                c.rejected,
                crate::store::webhooks::REJECTED_SAMPLE
            );
        }
    }
    Ok(())
}
