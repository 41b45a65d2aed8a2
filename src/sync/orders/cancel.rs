//! Cancellations from the seller's side: the seller cancels an order (ORD-CANCEL-SELLER) or
//! answers a buyer's request (ORD-CANCEL-BUYER); each becomes an outbox intent after every
//! local check.

use crate::domain::outbox::OutboxIntent;
use crate::sync::fulfilment::plan::{invalid, order_and_shop};
use crate::sync::{SyncCtx, SyncResult};

/// The seller cancels an order (ORD-CANCEL-SELLER) with a reason valid for its status.
pub fn plan_cancel(ctx: &SyncCtx, order_id: &str, reason: &str, line_ids: Vec<String>) -> SyncResult<OutboxIntent> {
    let (o, shop) = order_and_shop(ctx, order_id)?;
    let valid = crate::domain::package::seller_cancel_reasons(o.status.as_wire());
    if valid.is_empty() {
        return Err(invalid(format!(
            "order {} is {}: it can no longer be cancelled by the seller",
            o.id,
            o.status.label()
        )));
    }
    if !valid.iter().any(|(r, _)| *r == reason) {
        let names: Vec<&str> = valid.iter().map(|(r, _)| *r).collect();
        return Err(invalid(format!(
            "reason {reason:?} does not fit an order that is {}; use one of: {}",
            o.status.label(),
            names.join(", ")
        )));
    }
    Ok(OutboxIntent::CancelOrder { shop_id: shop.id, order_id: o.id, reason: reason.into(), line_ids })
}

/// Answer a buyer's cancellation request (ORD-CANCEL-BUYER).
pub fn plan_answer(
    ctx: &SyncCtx,
    cancel_id: &str,
    approve: bool,
    reason: &str,
    comment: &str,
) -> SyncResult<OutboxIntent> {
    let c = ctx
        .store
        .get_cancellation(cancel_id)?
        .ok_or_else(|| invalid(format!("cancellation {cancel_id} is not in the store")))?;
    if !c.pending() {
        return Err(invalid(format!("cancellation {cancel_id} is no longer waiting for an answer ({})", c.status)));
    }
    if approve {
        return Ok(OutboxIntent::ApproveCancellation { shop_id: c.shop_id, cancel_id: c.id, order_id: c.order_id });
    }
    if reason.is_empty() {
        return Err(invalid("rejecting needs a reason"));
    }
    Ok(OutboxIntent::RejectCancellation {
        shop_id: c.shop_id,
        cancel_id: c.id,
        order_id: c.order_id,
        reason: reason.into(),
        comment: comment.into(),
    })
}
