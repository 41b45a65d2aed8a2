//! The Inbox family's commands: dismissing an item, retrying a write that failed.

use super::commands::{Wakes, fail};
use super::{SyncCtx, Topic, Update};
use crate::message::InboxCommand;
use crate::store::attention;

pub fn run(ctx: &SyncCtx, cmd: InboxCommand, wakes: &Wakes<'_>) {
    match cmd {
        InboxCommand::ResolveAttention { key } => {
            let now = ctx.now();
            match ctx.store.write(|t| attention::resolve(t, &key, now)) {
                Ok(_) => ctx.updates.send(Update::Changed(Topic::Inbox)),
                Err(e) => fail(ctx, "Dismiss", &e),
            }
        }
        InboxCommand::RetryOutbox { id } => match super::outbox::retry(ctx, id) {
            Ok(item) => {
                wakes.outbox.notify_one();
                ctx.updates.send(Update::Done(format!("Retrying: {}", item.intent.label())));
            }
            Err(e) => fail(ctx, "Retry", &e),
        },
    }
}
