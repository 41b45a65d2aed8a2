//! Stopping and resuming a live product's sync on a shop, per field (CAT-POST-STOP): the CLI's
//! `listings stop|resume` and the Listings pane's key share this. Resuming marks the product
//! for a push, so it catches up at once.

use crate::domain::listing_sync::SyncStops;
use crate::domain::shop::Shop;
use crate::store::listing_sync as live;
use crate::sync::{SyncCtx, SyncError, SyncResult};

/// Set the `fields` named to `stopping` on every listing of the product on the shop; what is
/// stopped afterwards.
pub fn set(
    ctx: &SyncCtx,
    shop: &Shop,
    store: &str,
    handle: &str,
    fields: SyncStops,
    stopping: bool,
) -> SyncResult<SyncStops> {
    let on: Vec<_> =
        ctx.store.listings_of(&shop.id, store, handle)?.into_iter().filter(|l| l.status != "DELETED").collect();
    if on.is_empty() {
        return Err(SyncError::Invalid(format!("{handle} is not on {} (tokshop listings list)", shop.name)));
    }
    let now = ctx.now();
    let mut stops = SyncStops::default();
    for l in &on {
        let mut st = ctx.store.live_sync(&shop.id, &l.product_id)?.unwrap_or_default();
        st.shop_id.clone_from(&shop.id);
        st.product_id.clone_from(&l.product_id);
        st.store = store.to_string();
        st.handle = handle.to_string();
        let set = |flag: &mut bool, named: bool| {
            if named {
                *flag = stopping;
            }
        };
        set(&mut st.stops.stock, fields.stock);
        set(&mut st.stops.price, fields.price);
        set(&mut st.stops.info, fields.info);
        stops = st.stops;
        ctx.store.write(|t| {
            live::record(t, &st, None)?;
            if !stopping && l.status == "ACTIVATE" {
                live::mark(t, &shop.id, &l.product_id, now)?;
            }
            Ok(())
        })?;
    }
    Ok(stops)
}

/// Refuse a write of a live product's information (its title, description, gallery,
/// attributes, package: `listings edit`, a quality suggestion, a white first image) while its
/// information sync is stopped on the shop (`listings stop --info`). `what` names the product as
/// the seller did. The one check every such write asks, before anything is sent.
pub fn refuse_if_info_stopped(ctx: &SyncCtx, shop: &Shop, product_id: &str, what: &str) -> SyncResult<()> {
    if ctx.store.live_sync(&shop.id, product_id)?.is_some_and(|x| x.stops.info) {
        let resume = format!("tokshop listings resume {what} --shop {} --info", shop.id);
        return Err(SyncError::Invalid(format!(
            "information sync of {what} on {} is stopped: nothing sent ({resume})",
            shop.name
        )));
    }
    Ok(())
}
