//! Processing the webhook inbox, exactly once per notification: each delivery's effects and its
//! "processed" mark commit together. Type 7 (SHOP-MAN-WHOOK) marks the shop "re-authorize by
//! <date>"; type 6 marks it deauthorized and stops its sync.

use super::{SyncCtx, Topic, Update};
use crate::domain::attention::{AttentionItem, AttentionKind};
use crate::domain::audit::Outcome;
use crate::domain::notification::{Notification, WebhookRecord};
use crate::domain::shop::ShopStatus;
use crate::domain::time::date;
use crate::store::{StoreError, attention, audit, shops, webhooks};
use crate::webhook::payload::{decode, parse_envelope};
use redb::WriteTransaction;

/// Process every pending delivery; returns how many were handled.
pub fn process_pending(ctx: &SyncCtx) -> usize {
    let mut handled = 0;
    let mut shops_changed = false;
    loop {
        let batch = match ctx.store.pending_webhooks(256) {
            Ok(b) => b,
            Err(e) => {
                ctx.health.error(None, ctx.now(), &format!("cannot read the webhook inbox: {e}"));
                return handled;
            }
        };
        if batch.is_empty() {
            break;
        }
        for rec in batch {
            shops_changed |= touches_shops(&rec);
            let now = ctx.now();
            let res = ctx.store.write(|t| {
                let note = apply(t, ctx, &rec, now)?;
                webhooks::mark_processed(t, rec.seq, &note, now)
            });
            if let Err(e) = res {
                ctx.health.error(rec.shop_id.as_deref(), now, &format!("webhook #{} not processed: {e}", rec.seq));
                return handled;
            }
            handled += 1;
        }
    }
    if handled > 0 {
        ctx.updates.send(Update::Changed(Topic::Webhooks));
    }
    // Orders and products changed by a webhook are fetched, and announced, by the fetcher; here
    // only what the webhook itself changes: a shop's authorization (types 6 and 7).
    if shops_changed {
        ctx.updates.send(Update::Changed(Topic::Shops));
        ctx.updates.send(Update::Changed(Topic::Inbox));
    }
    handled
}

/// Whether a delivery changes a shop's status (re-authorize by, deauthorized).
fn touches_shops(rec: &WebhookRecord) -> bool {
    let Ok(env) = parse_envelope(rec.body.as_bytes()) else { return false };
    matches!(
        decode(&env),
        Ok(Notification::UpcomingAuthorizationExpiration { .. } | Notification::SellerDeauthorization { .. })
    )
}

fn apply(t: &WriteTransaction, ctx: &SyncCtx, rec: &WebhookRecord, now: i64) -> Result<String, StoreError> {
    let env = match parse_envelope(rec.body.as_bytes()) {
        Ok(e) => e,
        Err(why) => return Ok(format!("not processed: {why}")),
    };
    let notification = match decode(&env) {
        Ok(n) => n,
        Err(why) => return Ok(format!("not processed: {why}")),
    };
    let Some(shop_id) = env.shop_id.clone() else {
        return Ok("no shop_id: ignored".into());
    };
    let shop = shops::get_shop_w(t, &shop_id)?;
    match notification {
        Notification::Other { type_code } => Ok(format!("type {type_code}: not acted on by this version")),
        _ if shop.as_ref().is_none_or(|s| s.status == ShopStatus::Disconnected) => {
            Ok(format!("shop {shop_id} is not connected here: ignored"))
        }
        Notification::OrdersChanged { order_ids } => {
            if !shop.as_ref().is_some_and(|s| s.status.syncs()) {
                return Ok("shop is not syncing: ignored".into());
            }
            let n = order_ids.len();
            if ctx.hints.send(super::Hint {
                shop_id: shop_id.clone(),
                order_ids,
                cancellations: false,
                product_ids: vec![],
                return_ids: vec![],
            }) {
                Ok(format!("fetching {n} order(s)"))
            } else {
                Ok("no fetcher running: the next poll picks it up".into())
            }
        }
        Notification::ProductChanged { product_id } => {
            if !shop.as_ref().is_some_and(|s| s.status.syncs()) {
                return Ok("shop is not syncing: ignored".into());
            }
            let hint = super::Hint {
                shop_id: shop_id.clone(),
                order_ids: vec![],
                cancellations: false,
                product_ids: vec![product_id.clone()],
                return_ids: vec![],
            };
            if ctx.hints.send(hint) {
                Ok(format!("fetching product {product_id}"))
            } else {
                Ok("no fetcher running: the next poll picks it up".into())
            }
        }
        Notification::ReturnChanged { order_id, return_id } => {
            if !shop.as_ref().is_some_and(|s| s.status.syncs()) {
                return Ok("shop is not syncing: ignored".into());
            }
            let hint = super::Hint {
                shop_id: shop_id.clone(),
                order_ids: vec![],
                cancellations: false,
                product_ids: vec![],
                return_ids: vec![return_id.clone()],
            };
            if ctx.hints.send(hint) {
                Ok(format!("fetching return {return_id} of order {order_id}"))
            } else {
                Ok("no fetcher running: the next poll picks it up".into())
            }
        }
        Notification::CancellationChanged { order_id, cancel_id } => {
            if !shop.as_ref().is_some_and(|s| s.status.syncs()) {
                return Ok("shop is not syncing: ignored".into());
            }
            if ctx.hints.send(super::Hint {
                shop_id: shop_id.clone(),
                order_ids: vec![order_id.clone()],
                cancellations: true,
                product_ids: vec![],
                return_ids: vec![],
            }) {
                Ok(format!("fetching order {order_id} and cancellation {cancel_id}"))
            } else {
                Ok("no fetcher running: the next poll picks it up".into())
            }
        }
        Notification::UpcomingAuthorizationExpiration { message, expiration_time } => {
            let Some(mut s) = shop else {
                return Ok(String::new());
            };
            if s.status == ShopStatus::Deauthorized {
                return Ok("shop already deauthorized: ignored".into());
            }
            s.status = ShopStatus::ReauthorizeBy(expiration_time);
            s.updated_at = now;
            shops::put_shop(t, &s)?;
            attention::upsert(
                t,
                AttentionItem {
                    key: format!("reauth:{}", s.id),
                    kind: AttentionKind::Reauthorize,
                    shop_id: Some(s.id.clone()),
                    title: format!("Re-authorize {} ({}) by {}", s.name, s.region, date(expiration_time)),
                    detail: format!("TikTok: {message}"),
                    deadline: Some(expiration_time),
                    created_at: now,
                    updated_at: now,
                    resolved_at: None,
                },
            )?;
            Ok(format!("re-authorize by {}", date(expiration_time)))
        }
        Notification::SellerDeauthorization { message } => {
            let Some(mut s) = shop else {
                return Ok(String::new());
            };
            s.status = ShopStatus::Deauthorized;
            s.updated_at = now;
            shops::put_shop(t, &s)?;
            attention::resolve_for_shop(t, "reauth:", &s.id, now)?;
            attention::upsert(
                t,
                AttentionItem {
                    key: format!("deauth:{}", s.id),
                    kind: AttentionKind::Deauthorized,
                    shop_id: Some(s.id.clone()),
                    title: format!("{} ({}) was deauthorized by the seller: sync stopped", s.name, s.region),
                    detail: format!("TikTok: {message} Re-authorize the shop to resume, or disconnect it."),
                    deadline: None,
                    created_at: now,
                    updated_at: now,
                    resolved_at: None,
                },
            )?;
            audit::append(
                t,
                now,
                &ctx.actor,
                "webhook SELLER_DEAUTHORIZATION",
                &s.id,
                Outcome::Ok("sync stopped".into()),
            )?;
            Ok("deauthorized; sync stopped".into())
        }
    }
}
