//! The finance executor: pulls on demand.

use super::super::commands::{Wakes, fail};
use super::super::{SyncCtx, Update};
use crate::message::finance::FinanceCommand;

pub async fn run(ctx: &SyncCtx, c: FinanceCommand, _wakes: &Wakes<'_>) {
    match c {
        FinanceCommand::Sync { shop_id } => {
            for (shop, r) in super::sync_all(ctx, shop_id.as_deref(), None).await {
                match r {
                    Ok(s) => ctx.updates.send(Update::Done(format!(
                        "Finance of {}: {} statement(s), {} pulled, {} payment(s)",
                        shop.name, s.statements, s.pulled, s.payments
                    ))),
                    Err(e) => fail(ctx, &format!("finance sync of {}", shop.name), &e),
                }
            }
        }
        FinanceCommand::FetchOrder { shop_id, order_id } => {
            let shop = match super::super::commands::live_shop(ctx, &shop_id) {
                Ok(s) => s,
                Err(e) => return fail(ctx, "order money", &e),
            };
            if let Err(e) = super::fetch_order(ctx, &shop, &order_id).await {
                fail(ctx, &format!("money of order {order_id}"), &e);
            }
        }
    }
}
