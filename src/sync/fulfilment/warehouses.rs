//! Warehouses, their delivery options and shipping providers per shop (CAT-PRE-WAREHOUSE,
//! SHOP-MAN-CARRIER): what carriers map to and where stock is kept.

use crate::domain::shop::Shop;
use crate::store::cursors::{self, Cursor};
use crate::store::fulfilment;
use crate::sync::orders::poll::shop_ref;
use crate::sync::{SyncCtx, SyncResult, Topic, Update};

pub const WAREHOUSE_CONCERN: &str = "warehouses";

/// Pull the shop's warehouses, delivery options and providers when they are a day old.
pub async fn sync_warehouses(ctx: &SyncCtx, shop: &Shop, force: bool) -> SyncResult<bool> {
    let now = ctx.now();
    let fresh = ctx.store.get_cursor(&shop.id, WAREHOUSE_CONCERN)?.is_some_and(|c| now - c.updated_at < 86_400);
    if fresh && !force {
        return Ok(false);
    }
    let list = ctx.api.get_warehouses(&shop_ref(shop)).await?;
    ctx.store.write(|t| {
        fulfilment::put_warehouses(t, &shop.id, &list)?;
        cursors::put_cursor(
            t,
            &shop.id,
            WAREHOUSE_CONCERN,
            &Cursor { synced_until: now, page_token: None, updated_at: now, ..Default::default() },
        )
    })?;
    ctx.updates.send(Update::Changed(Topic::Carriers));
    Ok(true)
}
