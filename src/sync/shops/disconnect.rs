//! Disconnecting a shop (SHOP-DISCON-SINGLE): stop its sync at once, deauthorize it on TikTok
//! through the outbox, delete the credentials no live shop needs, keep its history (the shop
//! stays listed as disconnected).

use crate::api::ApiError;
use crate::domain::audit::Outcome;
use crate::domain::outbox::{OutboxIntent, OutboxItem};
use crate::domain::shop::ShopStatus;
use crate::store::{StoreError, attention, audit, outbox, shops};
use crate::sync::{SyncCtx, SyncError, SyncResult, Topic, Update};

/// Mark the shop disconnected and queue its deauthorization. Returns the outbox item, if TikTok
/// still has something to revoke.
pub fn disconnect(ctx: &SyncCtx, shop_id: &str) -> SyncResult<Option<OutboxItem>> {
    let now = ctx.now();
    let item = ctx.store.write(|t| {
        let mut shop = shops::get_shop_w(t, shop_id)?
            .ok_or_else(|| StoreError::NotFound(format!("no shop {shop_id} is known here")))?;
        if shop.status == ShopStatus::Disconnected {
            return Err(StoreError::Conflict(format!("shop {shop_id} ({}) is already disconnected", shop.name)));
        }
        let was = shop.status.clone();
        shop.status = ShopStatus::Disconnected;
        shop.updated_at = now;
        shops::put_shop(t, &shop)?;
        for prefix in ["reauth:", "refresh:"] {
            attention::resolve_for_shop(t, prefix, shop_id, now)?;
        }
        let item = if was == ShopStatus::Deauthorized {
            // The seller already removed the app: nothing left to revoke on TikTok.
            crate::sync::shops::connections::gc_grants(t)?;
            audit::append(
                t,
                now,
                &ctx.actor,
                "shops disconnect",
                shop_id,
                Outcome::Ok("already deauthorized by the seller; credentials deleted".into()),
            )?;
            None
        } else {
            let key = format!("deauthorize:{}:{}", shop.id, shop.connected_at);
            let intent = OutboxIntent::DeauthorizeShop {
                shop_id: shop.id.clone(),
                cipher: shop.cipher.clone(),
                grant_id: shop.grant_id.clone(),
            };
            let item = outbox::enqueue(t, &key, &shop.id, intent, now, &ctx.actor)?;
            audit::append(
                t,
                now,
                &ctx.actor,
                "shops disconnect",
                shop_id,
                Outcome::Ok(format!("sync stopped; deauthorization queued as outbox #{}", item.id)),
            )?;
            Some(item)
        };
        Ok(item)
    });
    let item = item.map_err(|e| match e {
        StoreError::NotFound(m) | StoreError::Conflict(m) => SyncError::Invalid(m),
        other => SyncError::Store(other),
    })?;
    ctx.updates.send(Update::Changed(Topic::Shops));
    ctx.updates.send(Update::Changed(Topic::Inbox));
    Ok(item)
}

/// The outbox's deauthorization of a disconnected shop: `DELETE /authorization/202403/shops`
/// with the grant's own token (refreshed first when due).
pub async fn perform(ctx: &SyncCtx, intent: &OutboxIntent) -> Result<String, ApiError> {
    let OutboxIntent::DeauthorizeShop { shop_id, cipher, grant_id } = intent else {
        return Err(ApiError::decode("outbox", format!("{} is not a shops intent", intent.label()), None));
    };
    let grant =
        ctx.store.get_grant(grant_id).map_err(|e| ApiError::transport("outbox", e.to_string(), None))?.ok_or_else(
            || {
                ApiError::decode(
                    "DELETE /authorization/202403/shops",
                    format!("no credentials left for shop {shop_id}"),
                    None,
                )
            },
        )?;
    let grant = if grant.needs_refresh(ctx.now()) { ctx.tokens.refresh_grant(&grant).await? } else { grant };
    let rid = ctx.api.deauthorize_shop_with(cipher, &grant.access_token).await?;
    Ok(format!("deauthorized on TikTok (request_id {rid})"))
}
