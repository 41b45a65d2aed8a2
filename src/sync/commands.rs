//! What each console command does: the command goes to its family's executor. Long work runs
//! here, on the engine's tasks, never in the UI.

use super::{Command, SyncCtx, SyncResult, Update};
use crate::domain::outbox::OutboxItem;
use crate::domain::shop::Shop;
use tokio::sync::Notify;

/// Whom a command may wake.
pub struct Wakes<'a> {
    pub outbox: &'a Notify,
    pub orders: &'a Notify,
}

pub async fn run(ctx: &SyncCtx, cmd: Command, wakes: &Wakes<'_>) {
    match cmd {
        Command::Shops(c) => super::shops::commands::run(ctx, c, wakes).await,
        Command::Orders(c) => super::orders::commands::run(ctx, c, wakes).await,
        Command::Fulfilment(c) => super::fulfilment::commands::run(ctx, c, wakes).await,
        Command::Catalog(c) => super::catalog::commands::run(ctx, c, wakes).await,
        Command::Inbox(c) => super::inbox::run(ctx, c, wakes),
        Command::Finance(c) => super::finance::commands::run(ctx, c, wakes).await,
        Command::Returns(c) => super::returns::commands::run(ctx, c, wakes).await,
    }
}

/// A command failed: the status bar and the console say what and why.
pub fn fail(ctx: &SyncCtx, what: &str, e: &dyn std::fmt::Display) {
    ctx.health.error(None, ctx.now(), &format!("{what}: {e}"));
    ctx.updates.send(Update::Failed(format!("{what}: {e}")));
}

/// An intent was committed to the outbox (or refused before): wake the drain and say so.
pub fn queued(ctx: &SyncCtx, wakes: &Wakes, r: SyncResult<OutboxItem>) {
    match r {
        Ok(item) => {
            wakes.outbox.notify_one();
            ctx.updates.send(Update::Done(format!("Queued: {} (outbox #{})", item.intent.label(), item.id)));
        }
        Err(e) => ctx.updates.send(Update::Failed(e.to_string())),
    }
}

/// A shop that is connected and syncing.
pub fn live_shop(ctx: &SyncCtx, id: &str) -> SyncResult<Shop> {
    ctx.store
        .get_shop(id)?
        .filter(|s| s.status.syncs())
        .ok_or_else(|| super::SyncError::Invalid(format!("shop {id} is not connected and syncing")))
}
