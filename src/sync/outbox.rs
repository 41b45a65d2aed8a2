//! The outbox drain: performs committed intents, records each outcome, retries what is
//! retryable with a growing delay, and hands what is not to a person through the Inbox.

use super::SyncResult;
use super::{SyncCtx, Topic, Update};
use crate::api::{ApiError, ErrorClass};
use crate::domain::attention::{AttentionItem, AttentionKind};
use crate::domain::audit::Outcome;
use crate::domain::family::Family;
use crate::domain::outbox::{MAX_ATTEMPTS, OutboxIntent, OutboxItem, OutboxState};
use crate::store::{attention, audit, outbox};
use crate::sync::fulfilment::plan::invalid;

/// Seconds to wait before attempt `n + 1` (capped at ten minutes).
fn delay(attempts: u32) -> i64 {
    (5i64 << attempts.min(7)).min(600)
}

/// Run every due item once; returns how many were attempted.
pub async fn drain_once(ctx: &SyncCtx) -> usize {
    let due = match ctx.store.due_outbox(ctx.now()) {
        Ok(d) => d.into_iter().filter(|i| !i.intent.background()).collect::<Vec<_>>(),
        Err(e) => {
            ctx.health.error(None, ctx.now(), &format!("cannot read the outbox: {e}"));
            return 0;
        }
    };
    let n = due.len();
    for item in due {
        execute(ctx, item).await;
    }
    n
}

/// Run the due background items (stock and price pushes), one shop's after another's in line
/// but the shops side by side, apart from the main drain so a push never holds up a shipment.
/// `shop`: only that shop's. Returns how many were attempted.
pub async fn drain_background(ctx: &SyncCtx, shop: Option<&str>) -> usize {
    let due = match ctx.store.due_outbox(ctx.now()) {
        Ok(d) => d,
        Err(e) => {
            ctx.health.error(None, ctx.now(), &format!("cannot read the outbox: {e}"));
            return 0;
        }
    };
    let mut by_shop: std::collections::BTreeMap<String, Vec<OutboxItem>> = std::collections::BTreeMap::new();
    for i in due.into_iter().filter(|i| i.intent.background() && shop.is_none_or(|s| s == i.shop_id)) {
        by_shop.entry(i.shop_id.clone()).or_default().push(i);
    }
    let n = by_shop.values().map(Vec::len).sum();
    futures::future::join_all(by_shop.into_values().map(|items| async move {
        for item in items {
            execute(ctx, item).await;
        }
    }))
    .await;
    n
}

/// Each family performs its own intents.
async fn perform(ctx: &SyncCtx, intent: &OutboxIntent, key: &str) -> Result<String, ApiError> {
    match intent.family() {
        Family::Shops => super::shops::disconnect::perform(ctx, intent).await,
        Family::Fulfilment => super::fulfilment::exec::perform(ctx, intent).await,
        Family::Orders => super::orders::exec::perform(ctx, intent, key).await,
        Family::Catalog => super::catalog::listing_exec::perform(ctx, intent).await,
        Family::Returns => super::returns::exec::perform(ctx, intent, key).await,
        Family::Inbox | Family::Finance => {
            Err(ApiError::decode("outbox", format!("{} names no write", intent.label()), None))
        }
    }
}

async fn execute(ctx: &SyncCtx, mut item: OutboxItem) {
    let result = perform(ctx, &item.intent, &item.idempotency_key).await;
    let now = ctx.now();
    item.attempts += 1;
    item.updated_at = now;
    let label = item.intent.label();
    let finished = match &result {
        Ok(note) => {
            item.state = OutboxState::Done { at: now, note: note.clone() };
            item.last_error = None;
            true
        }
        Err(e) if e.class == ErrorClass::Retryable && item.attempts < MAX_ATTEMPTS => {
            item.last_error = Some(e.to_string());
            item.next_attempt_at = now + delay(item.attempts);
            false
        }
        Err(e) => {
            item.state = OutboxState::Failed { at: now, reason: e.to_string() };
            item.last_error = Some(e.to_string());
            true
        }
    };
    let res = ctx.store.write(|t| {
        outbox::put(t, &item)?;
        if !finished {
            return Ok(());
        }
        match &item.state {
            OutboxState::Done { note, .. } => {
                audit::append(t, now, &item.actor, "outbox", &label, Outcome::Ok(note.clone()))?;
                attention::resolve(t, &format!("outbox:{}", item.id), now)?;
            }
            OutboxState::Failed { reason, .. } => {
                audit::append(t, now, &item.actor, "outbox", &label, Outcome::Failed(reason.clone()))?;
                attention::upsert(
                    t,
                    AttentionItem {
                        key: format!("outbox:{}", item.id),
                        kind: AttentionKind::WriteFailed,
                        shop_id: Some(item.shop_id.clone()),
                        title: format!("Could not {label}"),
                        detail: format!(
                            "{reason}. Outbox #{} (queued by {}) gave up after {} attempt(s).",
                            item.id, item.actor, item.attempts
                        ),
                        deadline: None,
                        created_at: now,
                        updated_at: now,
                        resolved_at: None,
                    },
                )?;
            }
            OutboxState::Pending => {}
        }
        // A finished deauthorization (done or not) leaves the credentials with no use.
        if let OutboxIntent::DeauthorizeShop { .. } = item.intent {
            super::shops::connections::gc_grants(t)?;
        }
        Ok(())
    });
    if let Err(e) = res {
        tracing::error!("cannot record the outcome of outbox #{}: {e}", item.id);
    }
    if result.is_ok() || finished {
        // Read back what TikTok now says, so the queue and the status history show it.
        super::orders::exec::after(ctx, &item.intent).await;
        super::returns::exec::after(ctx, &item.intent).await;
    }
    match (&result, finished) {
        (Ok(note), _) => ctx.updates.send(Update::Done(format!("{label}: {note}"))),
        (Err(e), true) => {
            ctx.health.error(Some(&item.shop_id), now, &e.to_string());
            ctx.updates.send(Update::Failed(format!("{label}: {e}")));
        }
        (Err(e), false) => tracing::warn!("{label} will be retried: {e}"),
    }
    ctx.updates.send(Update::Changed(Topic::Inbox));
    ctx.updates.send(Update::Changed(touched(&item.intent)));
}

/// The view an intent's outcome changes.
fn touched(intent: &OutboxIntent) -> Topic {
    let shop = intent.shop_id().to_string();
    match intent.family() {
        Family::Shops | Family::Inbox => Topic::Shops,
        Family::Finance => Topic::Finance(shop),
        Family::Orders | Family::Fulfilment => Topic::Orders(shop),
        Family::Catalog => Topic::Listings(shop),
        Family::Returns => Topic::Returns(shop),
    }
}

/// Commit an intent to the outbox (the same intent twice is the same item).
pub fn enqueue(ctx: &SyncCtx, intent: OutboxIntent) -> SyncResult<OutboxItem> {
    let now = ctx.now();
    let label = intent.label();
    let shop = intent.shop_id().to_string();
    let item = ctx.store.write(|t| {
        let item = outbox::enqueue(t, &intent.key(), &shop, intent, now, &ctx.actor)?;
        audit::append(t, now, &ctx.actor, "queue", &label, Outcome::Ok(format!("outbox #{}", item.id)))?;
        Ok(item)
    })?;
    ctx.updates.send(Update::Changed(touched(&item.intent)));
    Ok(item)
}

/// Put a failed outbox item back in line (the Inbox's retry action).
pub fn retry(ctx: &SyncCtx, id: u64) -> SyncResult<OutboxItem> {
    let mut item = ctx.store.get_outbox(id)?.ok_or_else(|| invalid(format!("no outbox item #{id}")))?;
    let now = ctx.now();
    item.state = crate::domain::outbox::OutboxState::Pending;
    item.attempts = 0;
    item.next_attempt_at = now;
    ctx.store.write(|t| {
        outbox::put(t, &item)?;
        crate::store::attention::resolve(t, &format!("outbox:{id}"), now)?;
        audit::append(t, now, &ctx.actor, "retry", &item.intent.label(), Outcome::Ok(String::new()))
    })?;
    ctx.updates.send(Update::Changed(Topic::Inbox));
    Ok(item)
}

#[cfg(test)]
mod tests {
    #[test]
    fn delays_grow_and_cap() {
        assert_eq!(super::delay(1), 10);
        assert_eq!(super::delay(2), 20);
        assert_eq!(super::delay(20), 600);
    }
}
