//! `tokshop listings push|rules|stop|resume|drift`: live listings kept in step with the platform
//! (CAT-POST-INVENTORY, CAT-POST-PRICE, CAT-POST-STOP), from scripts.

use crate::cli::catalog::mappings::shop;
use crate::cli::output;
use crate::cli::session::{CliError, Globals, open_ctx};
use crate::domain::listing_sync::{LiveSync, StockRules, SyncStops};
use crate::domain::outbox::OutboxState;
use crate::store::listing_sync as live;
use crate::sync::SyncCtx;
use crate::sync::catalog::drift;
use serde_json::json;

#[derive(clap::Args, Debug)]
pub struct StopArgs {
    pub sku_or_handle: String,
    #[arg(long)]
    pub shop: String,
    #[arg(long)]
    pub stock: bool,
    #[arg(long)]
    pub price: bool,
    #[arg(long)]
    pub info: bool,
}

impl StopArgs {
    /// The fields named (none: all three).
    fn fields(&self) -> SyncStops {
        if !(self.stock || self.price || self.info) {
            return SyncStops { stock: true, price: true, info: true };
        }
        SyncStops { stock: self.stock, price: self.price, info: self.info }
    }
}

/// A live product's sync as `--json` shows it: a price drift beside the catalogue's currency.
fn row(store: &crate::store::Store, s: &LiveSync) -> Result<serde_json::Value, CliError> {
    let currency = store.get_product(&s.store, &s.handle)?.map(|p| p.currency);
    let drift: Vec<_> = s
        .drift
        .iter()
        .map(|d| {
            json!({
                "sku_id": d.sku_id, "seller_sku": d.seller_sku, "field": d.field, "ours": d.ours, "theirs": d.theirs,
                "currency": if d.field == "price" { currency.clone() } else { None }, "seen_time": d.seen_at,
            })
        })
        .collect();
    Ok(json!({
        "product_id": s.product_id, "handle": s.handle, "outcome": s.last_kind, "note": s.last_outcome,
        "stopped": s.stops, "drift": drift, "push_time": s.last_push_at,
    }))
}

/// A TikTok product of a shop (`listings list`): `update_time`, the origin as a word.
pub fn listing_json(l: &crate::domain::listing::Listing) -> serde_json::Value {
    json!({
        "shop_id": l.shop_id, "product_id": l.product_id, "store": l.store, "handle": l.handle, "title": l.title,
        "origin": format!("{:?}", l.origin).to_lowercase(), "status": l.status, "audit": l.audit,
        "reasons": l.reasons, "warnings": l.warnings, "skus": l.skus, "sku_links": l.sku_links,
        "idempotency_key": l.idempotency_key, "update_time": l.updated_at,
    })
}

/// `listings push`: push what waits now, shop by shop, and report every product's outcome.
pub async fn push(g: &Globals, only: Option<String>, as_json: bool) -> Result<(), CliError> {
    let mut ctx = open_ctx(g)?;
    crate::cli::progress::attach(&mut ctx);
    let shops = match &only {
        Some(id) => vec![shop(&ctx, id)?],
        None => ctx.store.list_shops()?.into_iter().filter(|s| s.status.syncs()).collect(),
    };
    let t0 = ctx.now();
    let mut docs = Vec::new();
    let mut failed = 0;
    for s in &shops {
        ctx.store.write(|t| live::push_now(t, &s.id, t0))?;
        let before: Vec<u64> = pending_ids(&ctx, &s.id);
        crate::sync::outbox::drain_background(&ctx, Some(&s.id)).await;
        let items: Vec<_> = before.iter().filter_map(|id| ctx.store.get_outbox(*id).ok().flatten()).collect();
        let pushed: Vec<LiveSync> = ctx.store.live_syncs(&s.id)?.into_iter().filter(|x| x.last_push_at >= t0).collect();
        let mut calls = Vec::new();
        for i in &items {
            let (state, note) = match &i.state {
                OutboxState::Done { note, .. } => ("done", note.clone()),
                OutboxState::Failed { reason, .. } => ("failed", reason.clone()),
                OutboxState::Pending => ("retrying", i.last_error.clone().unwrap_or_default()),
            };
            failed += usize::from(state != "done");
            if !as_json {
                crate::outln!("{}: outbox #{} {state}: {note}", s.name, i.id);
            }
            calls.push(json!({"id": i.id, "state": state, "note": note}));
        }
        if as_json {
            let products = pushed.iter().map(|x| row(&ctx.store, x)).collect::<Result<Vec<_>, _>>()?;
            docs.push(json!({
                "shop_id": s.id,
                "outbox": calls,
                "products": products,
                "waiting": ctx.store.changed_count(&s.id)?,
            }));
        } else {
            if items.is_empty() {
                crate::outln!("{}: nothing waits to be pushed", s.name);
            }
            let rows: Vec<Vec<String>> = pushed
                .iter()
                .map(|x| vec![x.product_id.clone(), x.handle.clone(), x.last_kind.clone(), x.last_outcome.clone()])
                .collect();
            if !rows.is_empty() {
                output::table(&["PRODUCT", "HANDLE", "OUTCOME", "WHAT"], &rows);
            }
        }
    }
    if as_json {
        output::json(&json!(docs));
    }
    if failed > 0 {
        return Err(CliError::failed(format!("{failed} push(es) did not finish; see above")));
    }
    Ok(())
}

fn pending_ids(ctx: &SyncCtx, shop_id: &str) -> Vec<u64> {
    ctx.store
        .all_outbox()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| i.shop_id == shop_id && i.intent.background() && i.state == OutboxState::Pending)
        .map(|i| i.id)
        .collect()
}

/// `listings rules`: show, or change, a shop's stock rules (a change pushes every live product).
pub fn rules(
    g: &Globals,
    id: &str,
    buffer: Option<i64>,
    max: Option<String>,
    share: Option<u32>,
) -> Result<(), CliError> {
    let ctx = open_ctx(g)?;
    let s = shop(&ctx, id)?;
    let mut r: StockRules = ctx.store.stock_rules(&s.id)?;
    let changing = buffer.is_some() || max.is_some() || share.is_some();
    if let Some(b) = buffer {
        if b < 0 {
            return Err(CliError::usage("--buffer must be 0 or more"));
        }
        r.buffer = b;
    }
    if let Some(m) = max {
        r.max = match m.trim() {
            "none" | "" => None,
            n => Some(
                n.parse::<i64>()
                    .ok()
                    .filter(|n| *n >= 0)
                    .ok_or_else(|| CliError::usage("--max takes a number ≥ 0, or none"))?,
            ),
        };
    }
    if let Some(p) = share {
        if !(1..=100).contains(&p) {
            return Err(CliError::usage("--share takes a percentage from 1 to 100"));
        }
        r.share_pct = p;
    }
    if changing {
        let now = ctx.now();
        let n = ctx.store.write(|t| live::put_rules(t, &s.id, &r, now))?;
        crate::outln!("{}: {}; {n} live product(s) queued for a push", s.name, r.describe());
    } else {
        crate::outln!("{}: {}", s.name, r.describe());
    }
    Ok(())
}

/// `listings stop|resume`: per product and shop, for stock, price and/or info.
pub fn stop(g: &Globals, a: &StopArgs, stopping: bool) -> Result<(), CliError> {
    let ctx = open_ctx(g)?;
    let s = shop(&ctx, &a.shop)?;
    let p = crate::cli::catalog::mappings::product_of(&ctx, &s, &a.sku_or_handle)?;
    // Not on the shop is a usage error too (exit 2), named before anything is written.
    crate::cli::catalog::live_edit::product_id_on(&ctx, &s, &a.sku_or_handle)?;
    let f = a.fields();
    let stops = crate::sync::catalog::stops::set(&ctx, &s, &p.store, &p.handle, f, stopping)?;
    let now_stopped = stops.describe();
    crate::outln!(
        "{} on {}: sync {} for {}; stopped now: {}",
        p.handle,
        s.name,
        if stopping { "stopped" } else { "resumed" },
        f.describe(),
        if now_stopped.is_empty() { "nothing".into() } else { now_stopped }
    );
    Ok(())
}

/// `listings drift`: read TikTok back and show what differs; or resolve a product's drift.
pub async fn drift(
    g: &Globals,
    id: &str,
    as_json: bool,
    push_ours: &[String],
    take_theirs: &[String],
) -> Result<(), CliError> {
    let ctx = open_ctx(g)?;
    let s = shop(&ctx, id)?;
    if !push_ours.is_empty() || !take_theirs.is_empty() {
        for (list, ours) in [(push_ours, true), (take_theirs, false)] {
            for x in list {
                let p = crate::cli::catalog::mappings::product_of(&ctx, &s, x)?;
                crate::outln!("{}", drift::resolve(&ctx, &s, &p.store, &p.handle, ours)?);
            }
        }
        return Ok(());
    }
    let found = drift::check(&ctx, &s, true).await?;
    if as_json {
        output::json(&json!(found.iter().map(|x| row(&ctx.store, x)).collect::<Result<Vec<_>, _>>()?));
    } else if found.is_empty() {
        crate::outln!("{}: TikTok shows what tokshop pushed, no drift", s.name);
    } else {
        let rows: Vec<Vec<String>> = found
            .iter()
            .flat_map(|x| {
                x.drift.iter().map(|d| {
                    vec![x.handle.clone(), d.seller_sku.clone(), d.field.clone(), d.theirs.clone(), d.ours.clone()]
                })
            })
            .collect();
        output::table(&["HANDLE", "SKU", "FIELD", "TIKTOK", "OURS"], &rows);
        crate::outln!("resolve with --push-ours SKU_OR_HANDLE or --take-theirs SKU_OR_HANDLE");
    }
    Ok(())
}
