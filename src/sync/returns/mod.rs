//! The returns family: returns pulled by `update_time` windows with a durable cursor (backfill
//! on connect, then polling), webhook 12 fetching that return and its records at once,
//! newer-wins upserts with every status change kept with its time and source; decisions go
//! through the outbox (`exec.rs`), console commands through `commands.rs`.

pub mod commands;
pub mod exec;
pub mod photos;

use crate::api::returns::ReturnsQuery;
use crate::api::{Lane, ShopRef};
use crate::domain::order::Source;
use crate::domain::returns::Return;
use crate::domain::shop::Shop;
use crate::store::cursors::{self, Cursor};
use crate::store::returns::{self as store, ReturnStats};
use crate::sync::orders::shop_ref;
use crate::sync::progress::Lookback;
use crate::sync::{SyncCtx, SyncResult, Topic, Update};

pub const CONCERN: &str = "returns";

/// The Inbox follows what waits on the seller: an item per waiting return, by deadline,
/// resolved once it no longer waits.
fn attend(t: &redb::WriteTransaction, rets: &[Return], now: i64) -> crate::store::StoreResult<()> {
    use crate::domain::attention::{AttentionItem, AttentionKind};
    use crate::store::attention;
    for r in rets {
        let key = format!("return:{}", r.id);
        if !r.waiting() {
            attention::resolve(t, &key, now)?;
            continue;
        }
        let what = match r.next_action.as_deref() {
            Some("SELLER_RESPOND_RECEIVE_PACKAGE") => "returned package to inspect",
            Some("SELLER_RESPOND_REPLACEMENT") => "replacement request",
            Some("SELLER_RESPOND_RETURN") => "return request",
            _ => "refund request",
        };
        attention::upsert(
            t,
            AttentionItem {
                key,
                kind: AttentionKind::ReturnRequest,
                shop_id: Some(r.shop_id.clone()),
                title: format!("{} on order {}: decide", what, r.order_id),
                detail: format!(
                    "Return {} ({}, {} {}). Without a decision by the deadline, {}.",
                    r.id,
                    r.reason_text,
                    r.refund.total,
                    r.refund.currency,
                    r.on_deadline()
                ),
                deadline: r.deadline,
                created_at: now,
                updated_at: now,
                resolved_at: None,
            },
        )?;
    }
    Ok(())
}
/// How far back a first sync reads, and the window of one query.
pub const LOOKBACK_SECS: i64 = 90 * 86_400;
pub const WINDOW_SECS: i64 = 7 * 86_400;
const OVERLAP_SECS: i64 = 300;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReturnSyncStats {
    pub pages: usize,
    pub fetched: usize,
    pub inserted: usize,
    pub updated: usize,
    pub stale: usize,
}

fn add(s: &mut ReturnSyncStats, u: &ReturnStats) {
    s.inserted += u.inserted;
    s.updated += u.updated;
    s.stale += u.stale;
}

/// Read the records (evidence) of these returns and store them with the returns.
async fn with_records(ctx: &SyncCtx, sr: &ShopRef, mut rets: Vec<Return>, ids: &[String]) -> Vec<Return> {
    for r in rets.iter_mut().filter(|r| ids.contains(&r.id)) {
        match ctx.api.return_records(sr, &r.id).await {
            Ok(recs) => r.records = recs,
            Err(e) => tracing::warn!("records of return {} not read: {e}", r.id),
        }
    }
    photos::read_new(ctx, &rets).await;
    rets
}

/// Pull a shop's returns updated since its cursor (a backfill of `LOOKBACK_SECS` the first
/// time, or since `since`), window by window, saving the cursor with every page.
pub async fn sync_shop(ctx: &SyncCtx, shop: &Shop, since: Option<i64>) -> SyncResult<ReturnSyncStats> {
    let sr = shop_ref(shop);
    let now = ctx.now();
    let cursor = if since.is_some() { None } else { ctx.store.get_cursor(&shop.id, CONCERN)? };
    let source = if cursor.is_none() { Source::Backfill } else { Source::Poll };
    let lane = if source == Source::Backfill { Lane::Catalogue } else { Lane::Returns };
    let c = cursor.unwrap_or(Cursor { synced_until: since.unwrap_or(now - LOOKBACK_SECS), ..Cursor::default() });
    let end_of = |ws: i64| if ws + WINDOW_SECS <= now { Some(ws + WINDOW_SECS) } else { None };
    let (mut ws, mut we, mut token) = match (&c.page_token, c.window_start) {
        (Some(t), Some(start)) => (start, c.window_end, t.clone()),
        _ => {
            let ws = c.synced_until - OVERLAP_SECS;
            (ws, end_of(ws), String::new())
        }
    };
    let mut synced = c.synced_until;
    let mut newest = synced;
    let mut stats = ReturnSyncStats::default();
    // A first sync reads 90 days: the console's gauge and a headless bar follow it.
    let mut gauge = (source == Source::Backfill).then(|| {
        let label = format!("Returns of {}", shop.name);
        Lookback::new(&ctx.updates, format!("returns backfill {}", shop.id), label, "returns", ws, now)
    });
    loop {
        let q = ReturnsQuery { update_time_ge: Some(ws), update_time_lt: we, ..Default::default() };
        let page = ctx.api.search_returns(&sr, &q, &token, lane).await?;
        stats.pages += 1;
        stats.fetched += page.returns.len();
        if let Some(g) = gauge.as_mut() {
            g.page(ws, we, page.returns.len() as u64, None, !page.next_page_token.is_empty());
        }
        newest = page.returns.iter().map(|r| r.update_time).fold(newest, i64::max);
        // Evidence is read for what waits on the seller (a backfill of closed returns skips it).
        let want: Vec<String> =
            page.returns.iter().filter(|r| source == Source::Poll || r.waiting()).map(|r| r.id.clone()).collect();
        let rets = with_records(ctx, &sr, page.returns, &want).await;
        let more = !page.next_page_token.is_empty();
        let cur = if more {
            Cursor {
                synced_until: synced,
                page_token: Some(page.next_page_token.clone()),
                updated_at: ctx.now(),
                window_start: Some(ws),
                window_end: we,
            }
        } else {
            synced = match we {
                Some(end) => synced.max(end),
                None => synced.max(newest),
            };
            Cursor { synced_until: synced, page_token: None, updated_at: ctx.now(), ..Cursor::default() }
        };
        let t = ctx.now();
        let up = ctx.store.write(|w| {
            let s = store::upsert(w, &rets, source, t)?;
            attend(w, &rets, t)?;
            cursors::put_cursor(w, &shop.id, CONCERN, &cur)?;
            Ok(s)
        })?;
        add(&mut stats, &up);
        if up.inserted + up.updated > 0 {
            ctx.updates.send(Update::Changed(Topic::Returns(shop.id.clone())));
            ctx.updates.send(Update::Changed(Topic::Inbox));
        }
        if more {
            token = page.next_page_token;
            continue;
        }
        match we {
            Some(end) => {
                (ws, we, token) = (end, end_of(end), String::new());
            }
            None => break,
        }
    }
    if let Some(g) = gauge.as_mut() {
        g.finish(stats.fetched as u64);
    }
    ctx.health.ok(&shop.id, ctx.now());
    Ok(stats)
}

/// Fetch these returns (and their records) now: a webhook 12 or our own decision.
pub async fn refresh(ctx: &SyncCtx, shop: &Shop, ids: &[String], source: Source) -> SyncResult<ReturnStats> {
    let sr = shop_ref(shop);
    let mut total = ReturnStats::default();
    for chunk in ids.chunks(50) {
        let q = ReturnsQuery { return_ids: chunk.to_vec(), ..Default::default() };
        let page = ctx.api.search_returns(&sr, &q, "", Lane::Returns).await?;
        let rets = with_records(ctx, &sr, page.returns, chunk).await;
        // A replacement order is read with its return, so both ends of the link are here.
        let replacements: Vec<String> = rets.iter().filter_map(|r| r.replacement_order_id.clone()).collect();
        let t = ctx.now();
        let up = ctx.store.write(|w| {
            let s = store::upsert(w, &rets, source, t)?;
            attend(w, &rets, t)?;
            Ok(s)
        })?;
        total.inserted += up.inserted;
        total.updated += up.updated;
        total.stale += up.stale;
        total.status_changed.extend(up.status_changed);
        let missing: Vec<String> =
            replacements.into_iter().filter(|o| ctx.store.get_order(o).ok().flatten().is_none()).collect();
        if !missing.is_empty() {
            let _ = crate::sync::orders::refresh_orders(ctx, shop, &missing, source).await;
        }
    }
    ctx.updates.send(Update::Changed(Topic::Returns(shop.id.clone())));
    ctx.updates.send(Update::Changed(Topic::Inbox));
    Ok(total)
}

/// Every syncing shop's returns (the poller's round).
pub async fn poll(ctx: &SyncCtx, shop: &Shop) {
    if let Err(e) = sync_shop(ctx, shop, None).await {
        tracing::warn!("return sync of {} failed: {e}", shop.name);
        ctx.health.error(Some(&shop.id), ctx.now(), &format!("return sync: {e}"));
    }
}
