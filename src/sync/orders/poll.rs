//! Order sync (ORD-SYNC-IMPORT, ORD-SYNC-UPDATE, ORD-SYNC-WHOOK, ORD-SYNC-TAX): a backfill on
//! connect and incremental polls, both walking `update_time` windows with a durable cursor
//! (page by page, so a crash resumes where it stopped); detail fetches for the orders webhooks
//! name; price detail with tax for new orders.

use crate::api::orders::OrderSearch;
use crate::api::{Lane, ShopRef};
use crate::domain::order::{Order, Source};
use crate::domain::shop::Shop;
use crate::store::cursors::{self, Cursor};
use crate::store::orders::{self as order_store, UpsertStats};
use crate::sync::progress::Lookback;
use crate::sync::{SyncCtx, SyncResult, Topic, Update};

pub const CONCERN: &str = "orders";

#[derive(Clone, Copy, Debug)]
pub struct OrderSyncSettings {
    /// How far back the first sync of a shop reads.
    pub lookback_secs: i64,
    /// The width of one `update_time` window.
    pub window_secs: i64,
    /// How far each poll re-reads before the cursor, so nothing on a boundary is missed.
    pub overlap_secs: i64,
    pub page_size: u32,
}

impl Default for OrderSyncSettings {
    fn default() -> Self {
        OrderSyncSettings { lookback_secs: 90 * 86_400, window_secs: 7 * 86_400, overlap_secs: 300, page_size: 100 }
    }
}

/// What one sync pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncStats {
    pub pages: usize,
    pub fetched: usize,
    pub upserts: UpsertStats,
}

pub fn shop_ref(s: &Shop) -> ShopRef {
    ShopRef { id: s.id.clone(), cipher: s.cipher.clone() }
}

fn merge(into: &mut UpsertStats, s: UpsertStats) {
    into.inserted += s.inserted;
    into.updated += s.updated;
    into.stale += s.stale;
    into.unchanged += s.unchanged;
    into.status_changed.extend(s.status_changed);
}

/// One pass: from the cursor (or the look-back) on, window by window, page by page. Each
/// page's orders and the cursor's progress commit together, so a crash resumes at the page it
/// stopped on. The last window has no upper bound and the cursor then moves to the newest
/// `update_time` TikTok returned, so a clock difference between us and TikTok loses nothing.
pub async fn sync_shop(ctx: &SyncCtx, shop: &Shop, settings: &OrderSyncSettings) -> SyncResult<SyncStats> {
    let sr = shop_ref(shop);
    let now = ctx.now();
    let cursor = ctx.store.get_cursor(&shop.id, CONCERN)?;
    let source = if cursor.is_none() { Source::Backfill } else { Source::Poll };
    let lane = if source == Source::Backfill { Lane::Catalogue } else { Lane::Fulfillment };
    let c = cursor.unwrap_or(Cursor { synced_until: now - settings.lookback_secs, ..Cursor::default() });
    let window_end = |ws: i64| if ws + settings.window_secs <= now { Some(ws + settings.window_secs) } else { None };
    let fetch = |ws: i64, we: Option<i64>, token: Option<String>| {
        let filter = OrderSearch { update_time_ge: Some(ws), update_time_lt: we, ..OrderSearch::default() };
        let sr = &sr;
        async move { ctx.api.search_orders(sr, &filter, settings.page_size, token.as_deref(), lane).await }
    };
    let mut synced = c.synced_until;
    // Where the next page comes from: (window start, window end, page token).
    let (mut ws, mut we, token) = match (&c.page_token, c.window_start) {
        (Some(t), Some(start)) => (start, c.window_end, Some(t.clone())),
        _ => {
            let ws = synced - settings.overlap_secs;
            (ws, window_end(ws), None)
        }
    };
    let mut newest = synced;
    let mut stats = SyncStats::default();
    // Pages are stored in order by a writer while the next ones are fetched; pages commit with
    // the cursor to the page after them, so a crash resumes after the last stored page and
    // pages fetched but not yet stored are simply fetched again. When the writer falls behind,
    // the pages waiting for it commit together (one transaction, the last page's cursor).
    let (tx, mut rx) = tokio::sync::mpsc::channel::<(Vec<Order>, Cursor)>(8);
    let (store, shop_id, updates) = (ctx.store.clone(), shop.id.clone(), ctx.updates.clone());
    let clock = ctx.clock.clone();
    let writer = tokio::task::spawn_blocking(move || -> SyncResult<UpsertStats> {
        let mut total = UpsertStats::default();
        while let Some((mut orders, mut cur)) = rx.blocking_recv() {
            for _ in 0..7 {
                match rx.try_recv() {
                    Ok((more, later)) => {
                        orders.extend(more);
                        cur = later;
                    }
                    Err(_) => break,
                }
            }
            let t = clock.now();
            let up = store.write(|w| {
                let s = order_store::upsert(w, &orders, source, t)?;
                cursors::put_cursor(w, &shop_id, CONCERN, &cur)?;
                Ok(s)
            })?;
            if up.inserted + up.updated > 0 {
                updates.send(Update::Changed(Topic::Orders(shop_id.clone())));
                updates.send(Update::Changed(Topic::Packages(shop_id.clone())));
            }
            merge(&mut total, up);
        }
        Ok(total)
    });
    let mut next_page = Some((ws, we, token));
    let mut gauge = (source == Source::Backfill).then(|| {
        let label = format!("Backfill of {}", shop.name);
        Lookback::new(&ctx.updates, format!("backfill {}", shop.id), label, "orders", ws, now)
    });
    while let Some((a, b, tok)) = next_page.take() {
        (ws, we) = (a, b);
        let page = match fetch(ws, we, tok).await {
            Ok(p) => p,
            Err(e) => {
                drop(tx);
                let _ = writer.await;
                return Err(e.into());
            }
        };
        stats.pages += 1;
        stats.fetched += page.orders.len();
        if let Some(g) = gauge.as_mut() {
            g.page(ws, we, page.orders.len() as u64, page.total_count, !page.next_page_token.is_empty());
        }
        newest = page.orders.iter().map(|o| o.update_time).fold(newest, i64::max);
        let cur = if !page.next_page_token.is_empty() {
            let token = Some(page.next_page_token.clone());
            next_page = Some((ws, we, token.clone()));
            Cursor {
                synced_until: synced,
                page_token: token,
                updated_at: ctx.now(),
                window_start: Some(ws),
                window_end: we,
            }
        } else {
            synced = match we {
                Some(end) => synced.max(end),
                None => synced.max(newest),
            };
            next_page = we.map(|end| (end, window_end(end), None));
            Cursor {
                synced_until: synced,
                page_token: None,
                updated_at: ctx.now(),
                window_start: None,
                window_end: None,
            }
        };
        if tx.send((page.orders, cur)).await.is_err() {
            break; // the writer stopped: its error is below
        }
    }
    drop(tx);
    let up = writer.await.map_err(|e| crate::sync::SyncError::Invalid(format!("the order writer stopped: {e}")))??;
    merge(&mut stats.upserts, up);
    if let Some(g) = gauge.as_mut() {
        g.finish(stats.fetched as u64);
    }
    ctx.health.ok(&shop.id, ctx.now());
    Ok(stats)
}

/// Fetch these orders now (webhook hints, our own actions) and upsert them.
pub async fn refresh_orders(ctx: &SyncCtx, shop: &Shop, ids: &[String], source: Source) -> SyncResult<UpsertStats> {
    let sr = shop_ref(shop);
    let mut total = UpsertStats::default();
    for chunk in ids.chunks(50) {
        let orders: Vec<Order> = ctx.api.get_orders(&sr, chunk).await?;
        let now = ctx.now();
        let s = ctx.store.upsert_orders(&orders, source, now)?;
        merge(&mut total, s);
    }
    if total.inserted + total.updated > 0 {
        ctx.updates.send(Update::Changed(Topic::Orders(shop.id.clone())));
        ctx.updates.send(Update::Changed(Topic::Packages(shop.id.clone())));
    }
    Ok(total)
}

/// TikTok's code for a package id the shop does not have.
const PACKAGE_NOT_IN_SHOP: i64 = 21011028;

/// Read the parcel (weight, dimensions) of up to `limit` packages that lack it.
pub async fn fetch_parcels(ctx: &SyncCtx, shop: &Shop, limit: usize) -> SyncResult<usize> {
    let sr = shop_ref(shop);
    let ids = ctx.store.packages_without_parcel(&shop.id, limit)?;
    for id in &ids {
        let parcel = match ctx.api.get_package_parcel(&sr, id).await {
            Ok(parcel) => parcel,
            // A package TikTok no longer has for the shop (uncombined or split again since it was
            // stored; 21011028 "The package does not belong to the current shop", API README,
            // Fulfillment codes): nothing to read. Its entry goes, so the shop's other parcels are
            // still read instead of this one failing every cycle ahead of them.
            Err(e) if e.code == Some(PACKAGE_NOT_IN_SHOP) => {
                tracing::warn!(shop = %shop.id, package = %id, "package gone from TikTok: no parcel to read");
                crate::domain::package::Parcel::default()
            }
            Err(e) => return Err(e.into()),
        };
        ctx.store.put_parcel(&shop.id, id, &parcel)?;
    }
    Ok(ids.len())
}

/// Fetch price detail (tax) for up to `limit` orders that lack it.
pub async fn fetch_prices(ctx: &SyncCtx, shop: &Shop, limit: usize) -> SyncResult<usize> {
    let sr = shop_ref(shop);
    let ids = ctx.store.orders_without_price(&shop.id, limit)?;
    let mut gauge = (ids.len() >= crate::sync::progress::LONG).then(|| {
        let label = format!("Price details of {}", shop.name);
        crate::sync::progress::Tracker::new(&ctx.updates, format!("prices {}", shop.id), label, "orders")
    });
    for (i, id) in ids.iter().enumerate() {
        if let Some(g) = gauge.as_mut() {
            g.report(i as u64, Some(ids.len() as u64), false);
        }
        let p = ctx.api.get_price_detail(&sr, id).await?;
        ctx.store.write(|t| order_store::put_price(t, &shop.id, id, &p))?;
    }
    if let Some(g) = gauge.as_mut() {
        g.finish(ids.len() as u64);
    }
    Ok(ids.len())
}
