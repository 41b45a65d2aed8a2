//! Per-shop upkeep besides orders: cancellations (with the Inbox items for buyer requests and
//! their deadlines), warehouses (CAT-PRE-WAREHOUSE) and the ship-by risk check.

use crate::domain::attention::{AttentionItem, AttentionKind};
use crate::domain::shop::Shop;
use crate::domain::time::{date_time, relative};
use crate::store::cursors::{self, Cursor};
use crate::store::{attention, fulfilment};
use crate::sync::orders::shop_ref;
use crate::sync::{SyncCtx, SyncResult, Topic, Update};

pub const CANCEL_CONCERN: &str = "cancellations";
/// Orders due within this long are "at risk".
pub const RISK_WINDOW_SECS: i64 = 24 * 3600;

/// Pull cancellations changed since the cursor (or these orders') and raise or settle Inbox items.
pub async fn sync_cancellations(ctx: &SyncCtx, shop: &Shop, order_ids: &[String]) -> SyncResult<usize> {
    let sr = shop_ref(shop);
    let cursor = ctx.store.get_cursor(&shop.id, CANCEL_CONCERN)?;
    let since = if order_ids.is_empty() { cursor.as_ref().map(|c| c.synced_until - 300) } else { None };
    let started = ctx.now();
    let list = ctx.api.search_cancellations(&sr, since, order_ids).await?;
    let now = ctx.now();
    let changed = ctx.store.write(|t| {
        let changed = fulfilment::upsert_cancellations(t, &list)?;
        for c in &changed {
            let key = format!("cancel:{}", c.id);
            if c.pending() && c.cancel_type == "BUYER_CANCEL" {
                let due =
                    c.deadline.map(|d| format!(" by {} ({})", date_time(d), relative(d, now))).unwrap_or_default();
                attention::upsert(
                    t,
                    AttentionItem {
                        key,
                        kind: AttentionKind::CancellationRequest,
                        shop_id: Some(shop.id.clone()),
                        title: format!("Buyer asks to cancel order {}: answer{due}", c.order_id),
                        detail: format!(
                            "Reason: {}. Approve or reject it from the order (Orders pane, enter); without \
                            an answer TikTok grants it at the deadline.",
                            c.reason_text
                        ),
                        deadline: c.deadline,
                        created_at: now,
                        updated_at: now,
                        resolved_at: None,
                    },
                )?;
            } else {
                attention::resolve(t, &key, now)?;
            }
        }
        if order_ids.is_empty() {
            cursors::put_cursor(
                t,
                &shop.id,
                CANCEL_CONCERN,
                &Cursor { synced_until: started, page_token: None, updated_at: now, ..Default::default() },
            )?;
        }
        Ok(changed.len())
    })?;
    if changed > 0 {
        ctx.updates.send(Update::Changed(Topic::Inbox));
        ctx.updates.send(Update::Changed(Topic::Orders(shop.id.clone())));
    }
    Ok(changed)
}

/// Raise an Inbox item for every order to ship that is due within a day or overdue; settle
/// the ones that shipped, were cancelled or moved.
pub fn check_at_risk(ctx: &SyncCtx) -> SyncResult<usize> {
    let now = ctx.now();
    let due = ctx.store.orders_due_before(now + RISK_WINDOW_SECS, 500)?;
    let at_risk: Vec<_> = due.into_iter().filter(|r| r.status.to_ship()).collect();
    let open: Vec<AttentionItem> =
        ctx.store.open_attention()?.into_iter().filter(|i| i.kind == AttentionKind::OrderAtRisk).collect();
    let mut raised = 0;
    ctx.store.write(|t| {
        for r in &at_risk {
            let Some(by) = r.ship_by else { continue };
            let key = format!("risk:{}", r.id);
            let title = if by <= now {
                format!("Order {} is overdue: ship-by was {}", r.id, date_time(by))
            } else {
                format!("Order {} must ship {} ({})", r.id, relative(by, now), date_time(by))
            };
            if open.iter().any(|i| i.key == key && i.title == title) {
                continue;
            }
            attention::upsert(
                t,
                AttentionItem {
                    key,
                    kind: AttentionKind::OrderAtRisk,
                    shop_id: Some(r.shop_id.clone()),
                    title,
                    detail: format!(
                        "{} item(s) for {}. Ship it from the Orders pane (s), or cancel it if it cannot go out.",
                        r.items, r.buyer_nickname
                    ),
                    deadline: Some(by),
                    created_at: now,
                    updated_at: now,
                    resolved_at: None,
                },
            )?;
            raised += 1;
        }
        for item in &open {
            let id = item.key.trim_start_matches("risk:");
            if !at_risk.iter().any(|r| r.id == id) {
                attention::resolve(t, &item.key, now)?;
                raised += 1;
            }
        }
        Ok(())
    })?;
    if raised > 0 {
        ctx.updates.send(Update::Changed(Topic::Inbox));
    }
    Ok(raised)
}
