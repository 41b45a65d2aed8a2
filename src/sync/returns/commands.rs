//! The returns family's commands: sync now, decisions (checked against the return's type and
//! state before anything is committed, with what would fit), receiving a package, the seller's
//! own label, reasons.

use crate::domain::outbox::OutboxIntent;
use crate::domain::returns::{Return, status_label};
use crate::message::returns::Decide;
use crate::message::{ReturnsAnswer, ReturnsCommand};
use crate::sync::commands::{Wakes, fail, queued};
use crate::sync::fulfilment::plan::invalid;
use crate::sync::orders::shop_ref;
use crate::sync::{SyncCtx, SyncResult, Update, outbox};
use rust_decimal::Decimal;
use std::str::FromStr;

fn load(ctx: &SyncCtx, id: &str) -> SyncResult<Return> {
    ctx.store.get_return(id)?.ok_or_else(|| invalid(format!("return {id} is not in the store (try `returns sync`)")))
}

fn what_fits(r: &Return) -> String {
    let d = r.decisions();
    if d.is_empty() {
        format!("nothing fits now: the return is {} ({})", status_label(&r.status), r.status)
    } else {
        format!("what fits now: {}", d.join(", ").to_lowercase().replace('_', " "))
    }
}

fn amount(s: &str, what: &str) -> SyncResult<Decimal> {
    let d = Decimal::from_str(s.trim()).map_err(|_| invalid(format!("{what} {s:?} is not an amount")))?;
    if d <= Decimal::ZERO || d.scale() > 2 {
        return Err(invalid(format!("{what} must be positive with at most two decimals, got {s}")));
    }
    Ok(d)
}

/// At most this many evidence images go with a rejection.
pub const MAX_EVIDENCE: usize = 9;

/// An evidence image file, checked before anything is queued: readable and an image TikTok
/// takes (it is converted to TikTok's size rules when sent, as product images are).
pub fn evidence(path: &str) -> SyncResult<()> {
    crate::sync::catalog::images::prepare(path, crate::sync::catalog::images::UseCase::Main)
        .map(|_| ())
        .map_err(|e| invalid(format!("evidence image {}: {e}", crate::domain::text::inert_line(path))))
}

fn intent(r: &Return, decision: &str) -> OutboxIntent {
    OutboxIntent::DecideReturn {
        shop_id: r.shop_id.clone(),
        return_id: r.id.clone(),
        order_id: r.order_id.clone(),
        decision: decision.into(),
        seen_update: r.update_time,
        keep_item: false,
        partial: None,
        shipping_fee: None,
        reason: String::new(),
        comment: String::new(),
        label: None,
        images: Vec::new(),
    }
}

/// The intent a decision becomes, after every local check; refused with what would fit.
pub fn plan(ctx: &SyncCtx, d: &Decide) -> SyncResult<OutboxIntent> {
    let r = load(ctx, &d.return_id)?;
    let currency = r.refund.currency.clone();
    if !d.approve {
        let Some(decision) = r.reject_decision() else {
            return Err(invalid(format!("return {} cannot be rejected now; {}", r.id, what_fits(&r))));
        };
        if d.reason.trim().is_empty() {
            return Err(invalid("rejecting needs a reason (see `tokshop returns reasons RETURN_ID`)"));
        }
        if d.images.len() > MAX_EVIDENCE {
            return Err(invalid(format!("at most {MAX_EVIDENCE} evidence images, got {}", d.images.len())));
        }
        let mut i = intent(&r, decision);
        for f in &d.images {
            evidence(f)?;
        }
        if let OutboxIntent::DecideReturn { reason, comment, images, .. } = &mut i {
            *reason = d.reason.clone();
            *comment = d.comment.clone();
            *images = d.images.clone();
        }
        return Ok(i);
    }
    let decision = if d.refund_instead {
        r.decisions().into_iter().find(|x| *x == "ISSUE_REPLACEMENT_REFUND")
    } else {
        r.approve_decision(d.partial.is_some())
    };
    let Some(decision) = decision else {
        let what = if d.partial.is_some() { "a partial refund offer" } else { "approval" };
        return Err(invalid(format!("return {} does not take {what} now; {}", r.id, what_fits(&r))));
    };
    let mut i = intent(&r, decision);
    if let OutboxIntent::DecideReturn { keep_item, partial, shipping_fee, .. } = &mut i {
        if d.keep_item {
            if decision != "APPROVE_RETURN" || !r.can_buyer_keep_item {
                return Err(invalid(format!("return {}: the buyer cannot keep the item here", r.id)));
            }
            *keep_item = true;
        }
        if let Some(p) = &d.partial {
            let a = amount(p, "the partial refund")?;
            if a >= r.refund.total {
                return Err(invalid(format!(
                    "a partial refund must be below the full refund of {} {currency}, got {a}",
                    r.refund.total
                )));
            }
            *partial = Some((a.to_string(), currency.clone()));
        }
        if let Some(f) = &d.shipping_fee {
            let a = amount(f, "the return shipping fee")?;
            if a >= r.refund.total {
                return Err(invalid(format!("the fee {a} would take the whole refund of {}", r.refund.total)));
            }
            *shipping_fee = Some((a.to_string(), currency));
        }
    }
    Ok(i)
}

/// Accept or reject a received package (the warehouse).
pub fn plan_receive(ctx: &SyncCtx, return_id: &str, accept: bool, reason: &str) -> SyncResult<OutboxIntent> {
    let r = load(ctx, return_id)?;
    let decision = if accept { "APPROVE_RECEIVED_PACKAGE" } else { "REJECT_RECEIVED_PACKAGE" };
    if !r.decisions().contains(&decision) {
        return Err(invalid(format!("return {}: no package waits to be received; {}", r.id, what_fits(&r))));
    }
    if !accept && reason.trim().is_empty() {
        return Err(invalid("rejecting a package needs a reason (see `tokshop returns reasons RETURN_ID`)"));
    }
    let mut i = intent(&r, decision);
    if let OutboxIntent::DecideReturn { reason: rs, .. } = &mut i {
        *rs = reason.to_string();
    }
    Ok(i)
}

/// Approve a return with the seller's own label (RET-SHIP-LABEL: given to the buyer outside
/// TikTok Shop, since TikTok's return API takes no label). The file is checked and copied
/// under the labels directory and kept with the return; TikTok gets a plain APPROVE_RETURN.
pub fn plan_label(
    ctx: &SyncCtx,
    return_id: &str,
    file: &str,
    carrier: &str,
    tracking: &str,
    qr: bool,
) -> SyncResult<OutboxIntent> {
    let r = load(ctx, return_id)?;
    if !r.decisions().contains(&"APPROVE_RETURN") {
        return Err(invalid(format!("return {}: a label goes with approving a return; {}", r.id, what_fits(&r))));
    }
    let kept = keep_label(ctx, &r.id, file)?;
    let label = crate::store::return_labels::SellerLabel {
        return_id: r.id.clone(),
        file: kept,
        carrier: carrier.trim().to_string(),
        tracking: tracking.trim().to_string(),
        document_type: if qr { "QR_CODE" } else { "SHIPPING_LABEL" }.into(),
        created_at: ctx.now(),
    };
    ctx.store.put_return_label(&label)?;
    Ok(intent(&r, "APPROVE_RETURN"))
}

/// A label file larger than this is refused (labels are a page).
const MAX_LABEL_BYTES: u64 = 10 << 20;

/// Copy the seller's label file to `<labels dir>/returns/<return id>-<name>` (0600 through the
/// process umask); its path.
fn keep_label(ctx: &SyncCtx, return_id: &str, file: &str) -> SyncResult<String> {
    let shown = crate::domain::text::inert_line(file).into_owned();
    let src = std::path::Path::new(file);
    let ext = src.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if !matches!(ext.as_str(), "pdf" | "png" | "jpg" | "jpeg") {
        return Err(invalid(format!("label {shown}: a PDF, PNG or JPG file is needed")));
    }
    let meta = std::fs::metadata(src).map_err(|e| invalid(format!("label {shown}: {e}")))?;
    if !meta.is_file() || meta.len() == 0 || meta.len() > MAX_LABEL_BYTES {
        return Err(invalid(format!("label {shown}: not a file of 1 byte to 10 MB")));
    }
    let dir = ctx.labels.dir.join("returns");
    std::fs::create_dir_all(&dir).map_err(|e| invalid(format!("cannot make {}: {e}", dir.display())))?;
    let name: String = src
        .file_name()
        .map(|n| {
            n.to_string_lossy().chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '-' }).collect()
        })
        .unwrap_or_else(|| format!("label.{ext}"));
    let dest = dir.join(format!("{return_id}-{name}"));
    std::fs::copy(src, &dest).map_err(|e| invalid(format!("label {shown}: cannot copy it: {e}")))?;
    Ok(dest.display().to_string())
}

pub async fn run(ctx: &SyncCtx, cmd: ReturnsCommand, wakes: &Wakes<'_>) {
    match cmd {
        ReturnsCommand::Sync { shop_id, since } => {
            let shops = ctx.store.list_shops().unwrap_or_default();
            for s in shops.iter().filter(|s| s.status.syncs() && shop_id.as_ref().is_none_or(|id| &s.id == id)) {
                match super::sync_shop(ctx, s, since).await {
                    Ok(st) => ctx.updates.send(Update::Done(format!("{}: {} return(s) read", s.name, st.fetched))),
                    Err(e) => fail(ctx, "Return sync", &e),
                }
            }
        }
        ReturnsCommand::Refresh { return_id } => {
            let shop = load(ctx, &return_id).ok().and_then(|r| ctx.store.get_shop(&r.shop_id).ok().flatten());
            if let Some(s) = shop
                && let Err(e) = super::refresh(ctx, &s, &[return_id], crate::domain::order::Source::Action).await
            {
                fail(ctx, "Return", &e);
            }
        }
        ReturnsCommand::Decide(d) => {
            let checked = match (plan(ctx, &d), &d.partial) {
                (Ok(i), Some(_)) => check_partial(ctx, i).await,
                (r, _) => r,
            };
            queued(ctx, wakes, checked.and_then(|i| outbox::enqueue(ctx, i)))
        }
        ReturnsCommand::Receive { return_id, accept, reason } => {
            queued(ctx, wakes, plan_receive(ctx, &return_id, accept, &reason).and_then(|i| outbox::enqueue(ctx, i)))
        }
        ReturnsCommand::Label { return_id, file, carrier, tracking, qr_code } => queued(
            ctx,
            wakes,
            plan_label(ctx, &return_id, &file, &carrier, &tracking, qr_code).and_then(|i| outbox::enqueue(ctx, i)),
        ),
        ReturnsCommand::FetchReasons { return_id } => {
            let found = load(ctx, &return_id).ok().and_then(|r| ctx.store.get_shop(&r.shop_id).ok().flatten());
            match found {
                Some(s) => match ctx.api.return_reject_reasons(&shop_ref(&s), &return_id).await {
                    Ok(r) => ctx.updates.send(
                        ReturnsAnswer::Reasons {
                            return_id,
                            reasons: r.into_iter().map(|r| (r.name, r.text)).collect(),
                        }
                        .into(),
                    ),
                    Err(e) => fail(ctx, "Reject reasons", &e),
                },
                None => fail(ctx, "Reject reasons", &format!("return {return_id} is not in the store")),
            }
        }
    }
}

/// A partial refund is checked against Calculate Refund for the return's lines.
pub async fn check_partial(ctx: &SyncCtx, i: OutboxIntent) -> SyncResult<OutboxIntent> {
    let OutboxIntent::DecideReturn { return_id, partial: Some((amount, _)), .. } = &i else { return Ok(i) };
    let r = load(ctx, return_id)?;
    let shop = ctx.store.get_shop(&r.shop_id)?.ok_or_else(|| invalid("the return's shop is not connected"))?;
    let lines: Vec<String> = r.lines.iter().map(|l| l.order_line_id.clone()).collect();
    let full = ctx.api.calculate_refund(&shop_ref(&shop), &r.order_id, &lines).await?;
    let a = Decimal::from_str(amount).unwrap_or_default();
    if a >= full.total {
        return Err(invalid(format!(
            "a partial refund must be below what TikTok calculates for the lines: {} {}",
            full.total, full.currency
        )));
    }
    Ok(i)
}
