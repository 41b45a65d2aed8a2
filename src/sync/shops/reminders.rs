//! Our own re-authorization countdown on `refresh_token_expire_in` (SHOP-MAN-WHOOK): reminders
//! 30, 7 and 1 days ahead even when the type-7 webhook is lost, and "re-authorization required"
//! once the authorization has ended.

use crate::domain::attention::{AttentionItem, AttentionKind};
use crate::domain::shop::ShopStatus;
use crate::domain::time::date;
use crate::store::{attention, cursors, shops};
use crate::sync::{SyncCtx, Topic, Update};

/// One pass over every grant; returns how many reminders were raised.
pub fn check(ctx: &SyncCtx) -> usize {
    let now = ctx.now();
    let Ok(grants) = ctx.store.list_grants() else {
        return 0;
    };
    let mut raised = 0;
    for g in grants {
        let last = ctx.store.get_cursor(&g.open_id, "reauth-reminder").ok().flatten().unwrap_or_default();
        let expired = g.authorization_expired(now);
        let due = g.reminder_due(now);
        // `synced_until` holds the smallest threshold (in days) already reminded; 0 = none.
        let fresh = match due {
            Some(d) => last.synced_until == 0 || d < last.synced_until,
            None => false,
        };
        if (expired && last.synced_until == -1) || (!fresh && !expired) {
            continue;
        }
        let res = ctx.store.write(|t| {
            for mut s in shops::all_shops_w(t)?.into_iter().filter(|s| s.grant_id == g.open_id && s.status.syncs()) {
                if expired {
                    s.status = ShopStatus::ReauthorizationRequired;
                } else if !matches!(s.status, ShopStatus::ReauthorizeBy(_)) {
                    s.status = ShopStatus::ReauthorizeBy(g.refresh_token_expire_in);
                }
                s.updated_at = now;
                shops::put_shop(t, &s)?;
                let title = if expired {
                    format!(
                        "{} ({}): the authorization ended {}; re-authorize to resume",
                        s.name,
                        s.region,
                        date(g.refresh_token_expire_in)
                    )
                } else {
                    format!("Re-authorize {} ({}) by {}", s.name, s.region, date(g.refresh_token_expire_in))
                };
                attention::upsert(
                    t,
                    AttentionItem {
                        key: format!("reauth:{}", s.id),
                        kind: AttentionKind::Reauthorize,
                        shop_id: Some(s.id.clone()),
                        title,
                        detail: format!(
                            "The seller's authorization (refresh token) ends {}. Send the seller a new authorization \
                                link (r on the Shops pane, or tokshop shops auth-url).",
                            crate::domain::time::date_time(g.refresh_token_expire_in)
                        ),
                        deadline: Some(g.refresh_token_expire_in),
                        created_at: now,
                        updated_at: now,
                        resolved_at: None,
                    },
                )?;
            }
            let mark = if expired { -1 } else { due.unwrap_or(0) };
            cursors::put_cursor(
                t,
                &g.open_id,
                "reauth-reminder",
                &cursors::Cursor {
                    synced_until: mark,
                    page_token: None,
                    updated_at: now,
                    window_start: None,
                    window_end: None,
                },
            )
        });
        if res.is_ok() {
            raised += 1;
        }
    }
    if raised > 0 {
        ctx.updates.send(Update::Changed(Topic::Shops));
        ctx.updates.send(Update::Changed(Topic::Inbox));
    }
    raised
}
