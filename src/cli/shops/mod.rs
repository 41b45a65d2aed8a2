//! `tokshop shops auth-url|connect|list|disconnect|refresh-token`.

pub mod stores;

use crate::cli::output;
use crate::cli::session::{CliError, Globals, open_ctx, open_store};
use crate::domain::authorization::AuthPurpose;
use crate::domain::grant::Grant;
use crate::domain::shop::{Shop, ShopStatus};
use crate::domain::time::date_time;
use crate::sync::outbox;
use crate::sync::shops::{connections, disconnect, tokens};
use clap::Subcommand;
use serde::Serialize;

#[derive(Subcommand, Debug)]
pub enum ShopsCmd {
    /// Print the seller authorization link (with a CSRF state) for a store
    AuthUrl {
        #[arg(long)]
        store: String,
        /// Renew the authorization behind this shop instead of connecting new shops
        #[arg(long, value_name = "SHOP_ID")]
        reauthorize: Option<String>,
    },
    /// Exchange a seller's auth code and link the authorized shops to a store
    Connect {
        #[arg(long)]
        store: String,
        #[arg(long = "auth-code", value_name = "CODE")]
        auth_code: String,
        /// Link only these shops (default: every authorized shop)
        #[arg(long = "shop", value_name = "SHOP_ID")]
        shops: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// List shops (never a token)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Stop a shop's sync, deauthorize it on TikTok, delete its credentials (keeps history)
    Disconnect {
        shop_id: String,
        /// Confirm: this is a dangerous action
        #[arg(long)]
        yes: bool,
    },
    /// Refresh the access token behind a shop now
    RefreshToken { shop_id: String },
}

impl ShopsCmd {
    /// What the command may change (None: it only reads), for the engine's role check.
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        use crate::domain::role::Capability;
        match self {
            ShopsCmd::List { .. } => None,
            _ => Some(Capability::Shops),
        }
    }
}

/// A shop as scripts see it: never a token.
#[derive(Serialize, Debug)]
pub struct ShopRow {
    pub id: String,
    pub name: String,
    pub region: String,
    pub seller_type: String,
    pub code: String,
    pub store: String,
    pub status: &'static str,
    pub status_label: String,
    pub reauthorize_by: Option<i64>,
    #[serde(rename = "access_token_expire_in")]
    pub access_token_expires_at: Option<i64>,
    #[serde(rename = "refresh_token_expire_in")]
    pub authorization_expires_at: Option<i64>,
    #[serde(rename = "connect_time")]
    pub connected_at: i64,
    #[serde(rename = "update_time")]
    pub updated_at: i64,
}

fn status_key(s: &ShopStatus) -> &'static str {
    match s {
        ShopStatus::Active => "active",
        ShopStatus::ReauthorizeBy(_) => "reauthorize_by",
        ShopStatus::ReauthorizationRequired => "reauthorization_required",
        ShopStatus::Deauthorized => "deauthorized",
        ShopStatus::Disconnected => "disconnected",
    }
}

pub fn row(s: &Shop, grant: Option<&Grant>) -> ShopRow {
    ShopRow {
        id: s.id.clone(),
        name: s.name.clone(),
        region: s.region.clone(),
        seller_type: s.seller_type.as_wire().to_string(),
        code: s.code.clone(),
        store: s.store.clone(),
        status: status_key(&s.status),
        status_label: s.status.label(),
        reauthorize_by: match s.status {
            ShopStatus::ReauthorizeBy(t) => Some(t),
            _ => None,
        },
        access_token_expires_at: grant.map(|g| g.access_token_expire_in),
        authorization_expires_at: grant.map(|g| g.refresh_token_expire_in),
        connected_at: s.connected_at,
        updated_at: s.updated_at,
    }
}

fn print_rows(rows: &[ShopRow]) {
    let t: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.name.clone(),
                r.region.clone(),
                r.seller_type.clone(),
                r.store.clone(),
                r.status_label.clone(),
                r.access_token_expires_at.map(date_time).unwrap_or_else(|| "-".into()),
                r.authorization_expires_at.map(date_time).unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    output::table(&["SHOP ID", "NAME", "REGION", "TYPE", "STORE", "STATUS", "TOKEN EXPIRES", "AUTHORIZED UNTIL"], &t);
}

pub async fn run(g: &Globals, cmd: ShopsCmd) -> Result<(), CliError> {
    match cmd {
        ShopsCmd::List { json } => {
            let (_, store) = open_store(g)?;
            let grants = store.list_grants()?;
            let rows: Vec<ShopRow> = store
                .list_shops()?
                .iter()
                .map(|s| {
                    row(s, grants.iter().find(|gr| gr.open_id == s.grant_id && s.status != ShopStatus::Disconnected))
                })
                .collect();
            if json { output::json(&rows) } else { print_rows(&rows) }
        }
        ShopsCmd::AuthUrl { store, reauthorize } => {
            let ctx = open_ctx(g)?;
            let (p, url) = match reauthorize {
                Some(shop) => connections::begin_reauthorize(&ctx, &shop, false)?,
                None => connections::begin(&ctx, &store, AuthPurpose::Connect, false)?,
            };
            crate::outln!("{url}");
            crate::errln!(
                "Send this link to the seller. The code comes back to the receiver's {} (tokshop daemon or the console \
                    must be running), or paste it: tokshop shops connect --store {} --auth-code CODE. \
                    The link's state {} is valid until {}.",
                crate::webhook::server::CALLBACK_PATH,
                p.store,
                p.state,
                date_time(p.expires_at)
            );
        }
        ShopsCmd::Connect { store, auth_code, shops, json } => {
            let ctx = open_ctx(g)?;
            let chosen = (!shops.is_empty()).then_some(shops.as_slice());
            let linked = connections::connect_with_code(&ctx, &store, &auth_code, chosen).await?;
            let grants = ctx.store.list_grants()?;
            let rows: Vec<ShopRow> =
                linked.iter().map(|s| row(s, grants.iter().find(|gr| gr.open_id == s.grant_id))).collect();
            if json {
                output::json(&rows);
            } else {
                crate::outln!("Connected {} shop(s) to store {store}:", rows.len());
                print_rows(&rows);
            }
        }
        ShopsCmd::Disconnect { shop_id, yes } => {
            if !yes {
                return Err(CliError::usage(format!(
                    "disconnecting stops the shop's sync, deauthorizes it on TikTok and deletes its credentials; run \
                        `tokshop shops disconnect {shop_id} --yes` to confirm"
                )));
            }
            let ctx = open_ctx(g)?;
            let item = disconnect::disconnect(&ctx, &shop_id)?;
            match item {
                None => crate::outln!(
                    "Disconnected shop {shop_id} (the seller had already deauthorized it); credentials deleted."
                ),
                Some(item) => {
                    outbox::drain_once(&ctx).await;
                    match ctx.store.get_outbox(item.id)?.map(|i| i.state) {
                        Some(crate::domain::outbox::OutboxState::Done { note, .. }) => {
                            crate::outln!(
                                "Disconnected shop {shop_id}: sync stopped, {note}, credentials deleted; its history \
                                    is kept."
                            )
                        }
                        Some(crate::domain::outbox::OutboxState::Failed { reason, .. }) => {
                            crate::outln!(
                                "Disconnected shop {shop_id} locally (sync stopped, credentials deleted), but TikTok \
                                    did not deauthorize it: {reason}"
                            );
                            return Err(CliError::failed(
                                "the deauthorization on TikTok failed; see tokshop inbox list",
                            ));
                        }
                        _ => crate::outln!(
                            "Disconnected shop {shop_id}: sync stopped; the deauthorization on TikTok failed for now \
                                and stays queued (outbox #{}) for the daemon or console to retry.",
                            item.id
                        ),
                    }
                }
            }
        }
        ShopsCmd::RefreshToken { shop_id } => {
            let ctx = open_ctx(g)?;
            let t = ctx.tokens.clone();
            let grant = tokens::refresh_shop(&ctx, &t, &shop_id).await?;
            crate::outln!(
                "Refreshed the token of shop {shop_id}: valid until {}; authorization until {}.",
                date_time(grant.access_token_expire_in),
                date_time(grant.refresh_token_expire_in)
            );
        }
    }
    Ok(())
}
