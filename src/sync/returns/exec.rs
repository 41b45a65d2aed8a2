//! Performing return decisions from the outbox. Each first reads the return back from TikTok
//! and skips the call when the decision no longer fits because it (or another) was already
//! taken, so a crash between the call and its commit never decides twice; TikTok's own
//! `idempotency_key` (the outbox key) guards the call itself.

use crate::api::returns::{ApproveBody, EvidenceImage, MoneyDto, Rejection, ReturnsQuery};
use crate::api::{ApiError, Lane};
use crate::domain::order::Source;
use crate::domain::outbox::OutboxIntent;
use crate::sync::SyncCtx;
use crate::sync::fulfilment::exec::shop_of;

pub async fn perform(ctx: &SyncCtx, intent: &OutboxIntent, key: &str) -> Result<String, ApiError> {
    let endpoint = intent.label();
    let OutboxIntent::DecideReturn {
        shop_id,
        return_id,
        decision,
        seen_update,
        keep_item,
        partial,
        shipping_fee,
        reason,
        comment,
        images,
        ..
    } = intent
    else {
        return Err(ApiError::decode(&endpoint, format!("{endpoint} is not a returns intent"), None));
    };
    let (_, sr) = shop_of(ctx, shop_id, &endpoint)?;
    let q = ReturnsQuery { return_ids: vec![return_id.clone()], ..Default::default() };
    let now = ctx.api.search_returns(&sr, &q, "", Lane::Returns).await?;
    let Some(cur) = now.returns.into_iter().next() else {
        return Err(ApiError::decode(&endpoint, format!("TikTok does not know return {return_id}"), None));
    };
    if cur.update_time > *seen_update && !cur.decisions().contains(&decision.as_str()) {
        return Ok(format!("already decided: the return is now {} (checked before calling)", cur.status));
    }
    if decision.starts_with("REJECT_") {
        let mut evidence = Vec::new();
        for path in images {
            evidence.push(upload_evidence(ctx, &sr, path, &endpoint).await?);
        }
        let body = Rejection {
            decision: decision.clone(),
            reject_reason: reason.clone(),
            comment: comment.clone(),
            images: evidence,
        };
        ctx.api.reject_return(&sr, return_id, key, &body).await?;
        let with = if images.is_empty() { String::new() } else { format!(", {} image(s)", images.len()) };
        return Ok(format!("rejected ({reason}{with})"));
    }
    let money =
        |m: &Option<(String, String)>| m.as_ref().map(|(a, c)| MoneyDto { amount: a.clone(), currency: c.clone() });
    let body = ApproveBody {
        decision: decision.clone(),
        buyer_keep_item: *keep_item,
        partial_refund: money(partial),
        return_shipping_fee: money(shipping_fee),
    };
    ctx.api.approve_return(&sr, return_id, key, &body).await?;
    Ok(format!("{} sent", decision.to_lowercase().replace('_', " ")))
}

/// Upload one evidence image (Upload Product Image, MAIN_IMAGE rules): a file gone or changed
/// since the command was checked is refused with its name, and the decision is not sent.
async fn upload_evidence(
    ctx: &SyncCtx,
    sr: &crate::api::ShopRef,
    path: &str,
    endpoint: &str,
) -> Result<EvidenceImage, ApiError> {
    use crate::sync::catalog::images::{UseCase, prepare};
    let p = prepare(path, UseCase::Main).map_err(|e| {
        ApiError::decode(endpoint, format!("evidence image {}: {e}", crate::domain::text::inert_line(path)), None)
    })?;
    let up = ctx.api.upload_image(sr, &p.file_name, &p.bytes, UseCase::Main.wire()).await?;
    let mime = if p.file_name.ends_with(".png") { "image/png" } else { "image/jpeg" };
    Ok(EvidenceImage { image_id: up.uri, mime_type: mime.into(), width: up.width, height: up.height })
}

/// After a decision finished (done or refused): read the return back.
pub async fn after(ctx: &SyncCtx, intent: &OutboxIntent) {
    let OutboxIntent::DecideReturn { shop_id, return_id, shipping_fee, .. } = intent else { return };
    let Ok(Some(shop)) = ctx.store.get_shop(shop_id) else { return };
    if let Err(e) = super::refresh(ctx, &shop, std::slice::from_ref(return_id), Source::Action).await {
        return tracing::warn!("could not re-read return {return_id}: {e}");
    }
    if let Some((amount, currency)) = shipping_fee {
        check_fee(ctx, return_id, amount, currency);
    }
}

/// A return shipping fee is not part of TikTok's documented Approve Return body, so what TikTok
/// did with it is read back (`shipping_fee_amount.buyer_paid_return_shipping_fee`): a fee it did
/// not apply is never silent, it lands in the Inbox with what the buyer was refunded.
fn check_fee(ctx: &SyncCtx, return_id: &str, amount: &str, currency: &str) {
    use crate::domain::attention::{AttentionItem, AttentionKind};
    let Ok(Some(r)) = ctx.store.get_return(return_id) else { return };
    let asked = rust_decimal::Decimal::from_str_exact(amount).unwrap_or_default();
    // The buyer may already pay part of the return shipping: applied means at least the fee.
    if r.shipping_buyer >= asked {
        return;
    }
    let now = ctx.now();
    let item = AttentionItem {
        key: format!("return-fee:{return_id}"),
        kind: AttentionKind::WriteFailed,
        shop_id: Some(r.shop_id.clone()),
        title: format!("Return {return_id}: the return shipping fee was not applied"),
        detail: format!(
            "You asked to deduct {amount} {currency}; TikTok shows the buyer paying {} {currency} of the return \
             shipping and refunds {} {}. Charge the fee in Seller Center if it still applies.",
            r.shipping_buyer, r.refund.total, r.refund.currency
        ),
        deadline: None,
        created_at: now,
        updated_at: now,
        resolved_at: None,
    };
    if let Err(e) = ctx.store.write(|t| crate::store::attention::upsert(t, item)) {
        tracing::warn!("return fee check of {return_id} not recorded: {e}");
    }
    ctx.updates.send(crate::sync::Update::Changed(crate::sync::Topic::Inbox));
}
