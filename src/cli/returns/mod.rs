//! `tokshop returns sync|list|show|reasons|approve|reject|receive|label`: the Returns pane's
//! work for scripts. Money is printed as decimal strings with their currency; every decision is
//! checked against the return's type and state before anything is sent, and goes through the
//! outbox with its idempotency key.

mod show;

use crate::cli::orders::settle;
use crate::cli::output;
use crate::cli::session::{CliError, Globals, open_ctx, open_store};
use crate::domain::returns::{ReturnType, status_label};
use crate::domain::time::date_time;
use crate::message::returns::Decide;
use crate::store::returns::ReturnQuery;
use crate::sync::orders::shop_ref;
use crate::sync::returns::{self as sync, commands as plan};
use crate::sync::{SyncCtx, outbox};
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum ReturnsCmd {
    /// Pull returns now (backfill on first run, then by update time from the saved cursor)
    Sync {
        #[arg(long)]
        shop: Option<String>,
        /// Re-read from this unix time instead of the saved cursor
        #[arg(long)]
        since: Option<i64>,
    },
    /// The queue: waiting on you by deadline first, then the rest newest first
    List {
        #[arg(long)]
        shop: Option<String>,
        /// refund, return or replacement
        #[arg(long = "type")]
        kind: Option<String>,
        /// A return status (RETURN_OR_REFUND_REQUEST_PENDING, BUYER_SHIPPED_ITEM, ...)
        #[arg(long)]
        status: Option<String>,
        /// Only what waits on the seller
        #[arg(long)]
        waiting: bool,
        /// At most this many (stderr says when more exist)
        #[arg(long, default_value_t = 200)]
        limit: usize,
        /// Every one, however many
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// One return: lines, amounts, shipping, evidence, history, linked orders, decisions allowed now
    Show {
        return_id: String,
        #[arg(long)]
        json: bool,
    },
    /// TikTok's reasons to reject this return in its current state
    Reasons {
        return_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Approve with the decision that fits the return's type and state
    Approve {
        return_id: String,
        /// A returnless refund: the buyer keeps the item
        #[arg(long)]
        keep_item: bool,
        /// Offer a partial refund of this amount instead
        #[arg(long, value_name = "AMOUNT")]
        partial: Option<String>,
        /// Deduct a return shipping fee from the buyer's refund
        #[arg(long, value_name = "AMOUNT")]
        shipping_fee: Option<String>,
        /// A replacement request: refund instead of replacing
        #[arg(long)]
        refund_instead: bool,
        /// Confirm: the decision cannot be undone
        #[arg(long)]
        yes: bool,
    },
    /// Reject with one of TikTok's reasons for this state
    Reject {
        return_id: String,
        #[arg(long)]
        reason: String,
        #[arg(long, default_value = "")]
        comment: String,
        /// Evidence images (JPG, PNG, WEBP; up to 9): checked now, uploaded to TikTok with the rejection
        #[arg(long = "image", value_name = "FILE")]
        images: Vec<std::path::PathBuf>,
        #[arg(long)]
        yes: bool,
    },
    /// The warehouse: a scanned return tracking number or order id, then accept or reject the package
    Receive {
        tracking_or_order: String,
        #[arg(long, conflicts_with = "reject")]
        accept: bool,
        #[arg(long)]
        reject: bool,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        yes: bool,
    },
    /// Approve a return with your own return label (or QR code) for the buyer
    Label {
        return_id: String,
        #[arg(long)]
        file: std::path::PathBuf,
        #[arg(long, default_value = "")]
        carrier: String,
        #[arg(long, default_value = "")]
        tracking: String,
        /// The file is a QR code rather than a printable label
        #[arg(long)]
        qr: bool,
    },
}

impl ReturnsCmd {
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        use crate::domain::role::Capability;
        match self {
            ReturnsCmd::Sync { .. }
            | ReturnsCmd::List { .. }
            | ReturnsCmd::Show { .. }
            | ReturnsCmd::Reasons { .. } => None,
            ReturnsCmd::Approve { .. } | ReturnsCmd::Reject { .. } | ReturnsCmd::Label { .. } => {
                Some(Capability::Returns)
            }
            ReturnsCmd::Receive { .. } => Some(Capability::ReceiveReturns),
        }
    }
}

fn confirm(yes: bool, what: &str) -> Result<(), CliError> {
    if yes { Ok(()) } else { Err(CliError::usage(format!("{what} cannot be undone; run with --yes to confirm"))) }
}

async fn queue(ctx: &SyncCtx, i: crate::domain::outbox::OutboxIntent) -> Result<(), CliError> {
    let label = i.label();
    let item = outbox::enqueue(ctx, i)?;
    let note = settle(ctx, item.id).await?;
    crate::outln!("{label}: {note}");
    Ok(())
}

pub async fn run(g: &Globals, cmd: ReturnsCmd) -> Result<(), CliError> {
    match cmd {
        ReturnsCmd::Sync { shop, since } => {
            let mut ctx = open_ctx(g)?;
            crate::cli::progress::attach(&mut ctx);
            let shops: Vec<_> = ctx
                .store
                .list_shops()?
                .into_iter()
                .filter(|s| s.status.syncs() && shop.as_ref().is_none_or(|id| &s.id == id))
                .collect();
            if shops.is_empty() {
                return Err(CliError::failed("no connected shop to sync (tokshop shops list)"));
            }
            for s in &shops {
                let st = sync::sync_shop(&ctx, s, since).await?;
                crate::outln!(
                    "{} ({}): {} page(s), {} return(s) read, {} new, {} updated, {} older than stored",
                    s.name,
                    s.id,
                    st.pages,
                    st.fetched,
                    st.inserted,
                    st.updated,
                    st.stale
                );
            }
        }
        ReturnsCmd::List { shop, kind, status, waiting, limit, all, json } => {
            let (_, store) = open_store(g)?;
            let return_type = match kind.as_deref() {
                None => None,
                Some(k) => Some(ReturnType::parse_word(k).ok_or_else(|| {
                    CliError::usage(format!("unknown type {k:?}; use refund, return or replacement"))
                })?),
            };
            let q = ReturnQuery { shop_id: shop, return_type, status, waiting, ..Default::default() };
            let limit = crate::cli::paging::cap(limit, all);
            let (rows, more) = crate::cli::paging::collect(limit, |after, n| store.return_page(&q, after, n))?;
            if more {
                crate::cli::paging::say_more(rows.len(), "returns");
            }
            if json {
                output::json(&rows.iter().map(show::row_json).collect::<Vec<_>>());
            } else {
                let t: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.deadline.filter(|_| r.waiting()).map(date_time).unwrap_or_else(|| "-".into()),
                            r.id.clone(),
                            r.type_word().to_string(),
                            status_label(&r.status).to_string(),
                            r.order_id.clone(),
                            r.buyer.clone(),
                            format!("{} {}", r.refund.total, r.refund.currency),
                            r.arbitration.clone().unwrap_or_default(),
                        ]
                    })
                    .collect();
                output::table(&["DEADLINE", "RETURN", "TYPE", "STATUS", "ORDER", "BUYER", "REFUND", "ARBITRATION"], &t);
            }
        }
        ReturnsCmd::Show { return_id, json } => {
            let (_, store) = open_store(g)?;
            show::show(&store, &return_id, json)?;
        }
        ReturnsCmd::Reasons { return_id, json } => {
            let ctx = open_ctx(g)?;
            let r = ctx.store.get_return(&return_id)?.ok_or_else(|| {
                CliError::failed(format!("return {return_id} is not in the store; run tokshop returns sync"))
            })?;
            let shop = ctx.store.get_shop(&r.shop_id)?.ok_or_else(|| CliError::failed("the shop is not connected"))?;
            let reasons = ctx.api.return_reject_reasons(&shop_ref(&shop), &return_id).await?;
            if json {
                let v: Vec<_> = reasons.iter().map(|r| serde_json::json!({"name": r.name, "text": r.text})).collect();
                output::json(&v);
            } else if reasons.is_empty() {
                crate::outln!("Return {return_id} cannot be rejected now ({})", status_label(&r.status));
            } else {
                output::table(
                    &["NAME", "TEXT"],
                    &reasons.into_iter().map(|r| vec![r.name, r.text]).collect::<Vec<_>>(),
                );
            }
        }
        ReturnsCmd::Approve { return_id, keep_item, partial, shipping_fee, refund_instead, yes } => {
            confirm(yes, &format!("a decision on return {return_id}"))?;
            let ctx = open_ctx(g)?;
            let d = Decide {
                return_id,
                approve: true,
                keep_item,
                partial: partial.clone(),
                shipping_fee,
                refund_instead,
                ..Default::default()
            };
            let mut i = plan::plan(&ctx, &d)?;
            if partial.is_some() {
                i = plan::check_partial(&ctx, i).await?;
            }
            queue(&ctx, i).await?;
        }
        ReturnsCmd::Reject { return_id, reason, comment, images, yes } => {
            confirm(yes, &format!("rejecting return {return_id}"))?;
            let images = images.iter().map(|f| f.display().to_string()).collect();
            let ctx = open_ctx(g)?;
            let d = Decide { return_id, reason, comment, images, ..Default::default() };
            queue(&ctx, plan::plan(&ctx, &d)?).await?;
        }
        ReturnsCmd::Receive { tracking_or_order, accept, reject, reason, yes } => {
            if accept == reject {
                return Err(CliError::usage("give --accept, or --reject --reason NAME"));
            }
            confirm(yes, "a decision on a returned package")?;
            let ctx = open_ctx(g)?;
            let found: Vec<_> =
                ctx.store.find_return(&tracking_or_order)?.into_iter().filter(|r| r.received()).collect();
            let r = match found.as_slice() {
                [one] => one.clone(),
                [] => {
                    return Err(CliError::failed(format!(
                        "no received package waits under {tracking_or_order:?} (a return tracking number or order id)"
                    )));
                }
                many => {
                    let ids: Vec<&str> = many.iter().map(|r| r.id.as_str()).collect();
                    return Err(CliError::failed(format!("{} returns match: {}", ids.len(), ids.join(", "))));
                }
            };
            let i = plan::plan_receive(&ctx, &r.id, accept, reason.as_deref().unwrap_or(""))?;
            queue(&ctx, i).await?;
        }
        ReturnsCmd::Label { return_id, file, carrier, tracking, qr } => {
            let ctx = open_ctx(g)?;
            let path = file.display().to_string();
            queue(&ctx, plan::plan_label(&ctx, &return_id, &path, &carrier, &tracking, qr)?).await?;
        }
    }
    Ok(())
}
