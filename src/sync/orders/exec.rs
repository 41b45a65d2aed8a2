//! Performing the orders family's outbox intents (cancellations), and re-reading orders after
//! any intent that touched them. Each intent first reads the order back from TikTok and skips
//! the call when the effect is already there.

use crate::api::ApiError;
use crate::domain::order::{OrderStatus, Source};
use crate::domain::outbox::OutboxIntent;
use crate::sync::SyncCtx;
use crate::sync::fulfilment::exec::{current, shop_of};
use crate::sync::orders::poll::refresh_orders;
use crate::sync::orders::upkeep;

pub async fn perform(ctx: &SyncCtx, intent: &OutboxIntent, key: &str) -> Result<String, ApiError> {
    let endpoint = intent.label();
    let (_, sr) = shop_of(ctx, intent.shop_id(), &endpoint)?;
    match intent {
        OutboxIntent::ApproveCancellation { cancel_id, order_id, .. } => {
            let o = current(ctx, &sr, order_id, &endpoint).await?;
            if o.status == OrderStatus::Cancelled {
                return Ok("the order is already cancelled (checked before calling)".into());
            }
            ctx.api.approve_cancellation(&sr, cancel_id, key).await?;
            Ok("cancellation approved".into())
        }
        OutboxIntent::RejectCancellation { cancel_id, reason, comment, .. } => {
            ctx.api.reject_cancellation(&sr, cancel_id, key, reason, comment).await?;
            Ok("cancellation rejected".into())
        }
        OutboxIntent::CancelOrder { order_id, reason, line_ids, .. } => {
            let o = current(ctx, &sr, order_id, &endpoint).await?;
            if o.status == OrderStatus::Cancelled {
                return Ok("the order is already cancelled (checked before calling)".into());
            }
            let r = ctx.api.cancel_order(&sr, order_id, reason, line_ids).await?;
            Ok(format!("cancelled ({})", r.cancel_status))
        }
        other => Err(ApiError::decode(&endpoint, format!("{} is not an orders intent", other.label()), None)),
    }
}

/// After an intent finished: re-read its orders (and their cancellations).
pub async fn after(ctx: &SyncCtx, intent: &OutboxIntent) {
    let ids = intent.order_ids();
    if ids.is_empty() {
        return;
    }
    let Ok(Some(shop)) = ctx.store.get_shop(intent.shop_id()) else { return };
    if let Err(e) = refresh_orders(ctx, &shop, &ids, Source::Action).await {
        tracing::warn!("could not re-read orders after {}: {e}", intent.label());
    }
    if matches!(
        intent,
        OutboxIntent::ApproveCancellation { .. }
            | OutboxIntent::RejectCancellation { .. }
            | OutboxIntent::CancelOrder { .. }
    ) {
        let _ = upkeep::sync_cancellations(ctx, &shop, &ids).await;
    }
}
