//! The orders family's commands: sync now, the seller's cancel, answers to buyers' requests.

use crate::message::{OrdersAnswer, OrdersCommand};
use crate::sync::commands::{Wakes, fail, queued};
use crate::sync::{SyncCtx, Update, outbox};

pub async fn run(ctx: &SyncCtx, cmd: OrdersCommand, wakes: &Wakes<'_>) {
    match cmd {
        OrdersCommand::SyncOrders { .. } => {
            wakes.orders.notify_one();
            ctx.updates.send(Update::Done("Syncing orders…".into()));
        }
        OrdersCommand::CancelOrder { order_id, reason } => queued(
            ctx,
            wakes,
            super::plan_cancel(ctx, &order_id, &reason, vec![]).and_then(|i| outbox::enqueue(ctx, i)),
        ),
        OrdersCommand::AnswerCancellation { cancel_id, approve, reason, comment } => queued(
            ctx,
            wakes,
            super::plan_answer(ctx, &cancel_id, approve, &reason, &comment).and_then(|i| outbox::enqueue(ctx, i)),
        ),
        OrdersCommand::FetchRejectReasons { cancel_id } => {
            match ctx
                .store
                .get_cancellation(&cancel_id)
                .ok()
                .flatten()
                .and_then(|c| ctx.store.get_shop(&c.shop_id).ok().flatten())
            {
                Some(s) => match ctx.api.reject_reasons(&super::shop_ref(&s), &cancel_id).await {
                    Ok(r) => ctx.updates.send(
                        OrdersAnswer::RejectReasons {
                            cancel_id,
                            reasons: r.into_iter().map(|r| (r.name, r.text)).collect(),
                        }
                        .into(),
                    ),
                    Err(e) => fail(ctx, "Reject reasons", &e),
                },
                None => fail(ctx, "Reject reasons", &format!("cancellation {cancel_id} is not in the store")),
            }
        }
    }
}
