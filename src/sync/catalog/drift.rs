//! Drift (CAT-POST-INVENTORY, CAT-POST-PRICE): TikTok's stock and price read back (Inventory
//! Search, 100 products a call; Get Product for prices) and held against what tokshop last
//! pushed. A difference the seller did not make (a Seller Center edit, a promotion, a push TikTok
//! accepted but did not apply) is recorded and shown; it is resolved only by the seller's choice:
//! "push ours" (the next push overwrites TikTok once) or "take theirs" (TikTok's value becomes
//! the basis; a price is kept as this shop's price in the listing settings).

use crate::api::ApiError;
use crate::domain::listing_sync::{LiveSync, plan};
use crate::domain::shop::Shop;
use crate::store::listing as store_listing;
use crate::store::listing_sync as live;
use crate::sync::catalog::push::targets;
use crate::sync::orders::shop_ref;
use crate::sync::{SyncCtx, SyncError, SyncResult};

/// Read back every live product of a shop and record what drifted; returns the products with
/// drift. `prices`: also read each product's prices (one Get Product each).
pub async fn check(ctx: &SyncCtx, shop: &Shop, prices: bool) -> SyncResult<Vec<LiveSync>> {
    check_some(ctx, shop, None, prices).await
}

/// Read back the named products only (after a webhook said TikTok changed them), stock and
/// prices; products that are not live or not linked to a platform product are skipped.
pub async fn check_products(ctx: &SyncCtx, shop: &Shop, product_ids: &[String]) -> SyncResult<Vec<LiveSync>> {
    check_some(ctx, shop, Some(product_ids), true).await
}

async fn check_some(ctx: &SyncCtx, shop: &Shop, only: Option<&[String]>, prices: bool) -> SyncResult<Vec<LiveSync>> {
    let listings: Vec<_> = ctx
        .store
        .listings(Some(&shop.id))?
        .into_iter()
        .filter(|l| {
            l.status == "ACTIVATE" && !l.handle.is_empty() && l.origin != crate::domain::listing::Origin::Unmatched
        })
        .filter(|l| only.is_none_or(|ids| ids.contains(&l.product_id)))
        .collect();
    if listings.is_empty() {
        return Ok(Vec::new());
    }
    let rules = ctx.store.stock_rules(&shop.id)?;
    let mut drifted = Vec::new();
    for chunk in listings.chunks(crate::api::inventory::SEARCH_BATCH) {
        let ids: Vec<String> = chunk.iter().map(|l| l.product_id.clone()).collect();
        let inv = ctx.api.inventory_search(&shop_ref(shop), &ids).await?;
        let mut read: Vec<Result<LiveSync, ApiError>> = Vec::with_capacity(chunk.len());
        for group in chunk.chunks(8) {
            let jobs = group.iter().map(|l| {
                let mut theirs = inv.get(&l.product_id).cloned().unwrap_or_default();
                let rules = rules.clone();
                async move {
                    let mut state = ctx.store.live_sync(&shop.id, &l.product_id).ok().flatten().unwrap_or_default();
                    state.shop_id.clone_from(&shop.id);
                    state.product_id.clone_from(&l.product_id);
                    state.store.clone_from(&l.store);
                    state.handle.clone_from(&l.handle);
                    if prices && !state.stops.price {
                        for (sku, p) in ctx.api.sku_prices(&shop_ref(shop), &l.product_id).await? {
                            theirs.entry(sku).or_default().price = Some(p);
                        }
                    } else {
                        for (sku, v) in theirs.iter_mut() {
                            v.price = state.pushed.get(sku).and_then(|p| p.price);
                        }
                    }
                    let Some(p) = ctx.store.get_product(&l.store, &l.handle).ok().flatten() else { return Ok(state) };
                    let wanted = targets(ctx, shop, l, &p, &rules);
                    let now = ctx.now();
                    // Only what differs from the last push counts; a value never pushed is no drift.
                    let mut plan = plan(&wanted, &theirs, &state.pushed, state.stops, false, now);
                    plan.drift.retain(|d| state.pushed.contains_key(&d.sku_id));
                    state.drift = plan.drift;
                    state.theirs = theirs;
                    state.read_at = now;
                    Ok(state)
                }
            });
            read.extend(futures::future::join_all(jobs).await);
        }
        let mut states = Vec::new();
        for r in read {
            states.push(r?);
        }
        ctx.store.write(|t| {
            for s in &states {
                live::record(t, s, None)?;
            }
            Ok(())
        })?;
        drifted.extend(states.into_iter().filter(|s| !s.drift.is_empty()));
    }
    Ok(drifted)
}

/// The seller's choice on a product's drift: push ours (queued through the outbox) or take
/// theirs. Returns what was done.
pub fn resolve(ctx: &SyncCtx, shop: &Shop, store: &str, handle: &str, push_ours: bool) -> SyncResult<String> {
    let listings = ctx.store.listings_of(&shop.id, store, handle)?;
    let Some(l) = listings.into_iter().find(|l| l.status == "ACTIVATE") else {
        return Err(SyncError::Invalid(format!("{handle} is not live on {}", shop.name)));
    };
    let mut state = ctx.store.live_sync(&shop.id, &l.product_id)?.filter(|s| !s.drift.is_empty()).ok_or_else(|| {
        SyncError::Invalid(format!("{handle} shows no drift on {} (tokshop listings drift)", shop.name))
    })?;
    let now = ctx.now();
    let n = state.drift.len();
    if push_ours {
        state.push_ours = true;
        state.drift.clear();
        ctx.store.write(|t| {
            live::record(t, &state, None)?;
            live::mark(t, &shop.id, &l.product_id, now)
        })?;
        return Ok(format!("{handle}: ours will overwrite TikTok's {n} drifted value(s) on the next push"));
    }
    let mut draft = ctx.store.draft(&shop.id, store, handle)?.unwrap_or_else(|| crate::domain::listing::ListingDraft {
        shop_id: shop.id.clone(),
        store: store.into(),
        handle: handle.into(),
        ..Default::default()
    });
    for d in std::mem::take(&mut state.drift) {
        let Some(theirs) = state.theirs.get(&d.sku_id).cloned() else { continue };
        let basis = state.pushed.entry(d.sku_id.clone()).or_default();
        if d.field == "stock" {
            basis.warehouses = theirs.warehouses.clone();
            basis.committed = theirs.committed;
        } else if let Some(p) = theirs.price {
            basis.price = Some(p);
            let sku = l.sku_links.get(&d.sku_id).cloned().unwrap_or(d.seller_sku.clone());
            draft.prices.insert(sku, p);
        }
    }
    ctx.store.write(|t| {
        store_listing::put_draft(t, &draft)?;
        live::record(t, &state, None)
    })?;
    Ok(format!("{handle}: TikTok's {n} value(s) taken; the platform's next change is pushed again"))
}
