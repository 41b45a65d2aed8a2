//! Finance sync: statements, payments and withdrawals pulled daily and on demand, each list
//! walked page by page with a durable cursor (a crash resumes at the page it stopped on; every
//! write is keyed by TikTok's ids, so nothing doubles); each statement's transactions pulled
//! once it is cut, and again when TikTok's totals for it change; unsettled orders refreshed;
//! an order's money pulled when someone opens it. Every call takes the Finance lane, the
//! lowest of the shop's rate budget, so orders and fulfilment never wait for it.

pub mod commands;

use super::{SyncCtx, SyncResult, Topic, Update};
use crate::domain::attention::{AttentionItem, AttentionKind};
use crate::domain::shop::Shop;
use crate::store::cursors::{Cursor, put_cursor};
use crate::store::finance as fs;
use crate::sync::orders::poll::shop_ref;

/// TikTok keeps finance data from 2023-07-01 (Get Statements).
pub const FINANCE_EPOCH: i64 = 1_688_169_600;
/// How far back each sync re-reads, to see statements and payments TikTok changed.
pub const REREAD_SECS: i64 = 35 * 86_400;
const PAGE: u32 = 100;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FinanceStats {
    pub statements: usize,
    /// Statements whose transactions were pulled (new or changed).
    pub pulled: usize,
    pub transactions: usize,
    pub payments: usize,
    pub withdrawals: usize,
    pub unsettled: usize,
}

fn start(c: &Option<Cursor>, since: Option<i64>, now: i64) -> i64 {
    since
        .unwrap_or_else(|| c.as_ref().map(|c| c.synced_until - REREAD_SECS).unwrap_or(now - 366 * 86_400))
        .max(FINANCE_EPOCH)
}

/// Walk one list from its cursor: `fetch(ge, token)` gives a page's items and next token,
/// `store` writes a page; the cursor and the page commit together.
async fn walk<T, F, Fut, S>(
    ctx: &SyncCtx,
    shop: &Shop,
    concern: &str,
    since: Option<i64>,
    fetch: F,
    mut store: S,
) -> SyncResult<usize>
where
    F: Fn(i64, Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<crate::api::finance::FinPage<T>, crate::api::ApiError>>,
    S: FnMut(&redb::WriteTransaction, &[T]) -> crate::store::StoreResult<()>,
{
    let now = ctx.now();
    let c = ctx.store.get_cursor(&shop.id, concern)?;
    let (ge, mut token) = match c.as_ref().and_then(|c| c.page_token.clone().zip(c.window_start)) {
        Some((t, ws)) if since.is_none() => (ws, Some(t)),
        _ => (start(&c, since, now), None),
    };
    let mut n = 0;
    loop {
        let page = fetch(ge, token.clone()).await?;
        n += page.items.len();
        let next = Some(page.next_page_token.clone()).filter(|t| !t.is_empty());
        let cursor = match &next {
            Some(t) => Cursor {
                synced_until: c.as_ref().map(|c| c.synced_until).unwrap_or(ge),
                page_token: Some(t.clone()),
                updated_at: now,
                window_start: Some(ge),
                window_end: None,
            },
            None => {
                Cursor { synced_until: now, page_token: None, updated_at: now, window_start: None, window_end: None }
            }
        };
        ctx.store.write(|t| {
            store(t, &page.items)?;
            put_cursor(t, &shop.id, concern, &cursor)
        })?;
        match next {
            Some(t) => token = Some(t),
            None => return Ok(n),
        }
    }
}

/// Statements cut this recently have their orders' money read with them; older ones (a first
/// year-long backfill) leave it to when an order is opened, so a backfill costs one call per
/// statement, not one per order.
const ORDER_MONEY_WINDOW: i64 = 35 * 86_400;

/// Pull every page of a statement's transactions and replace what the store has; with
/// `orders`, read the money of each order in it too.
pub async fn pull_transactions(ctx: &SyncCtx, shop: &Shop, statement_id: &str, orders: bool) -> SyncResult<usize> {
    let sr = shop_ref(shop);
    let mut token: Option<String> = None;
    let mut all = Vec::new();
    let mut reserve;
    loop {
        let p = ctx.api.get_statement_transactions(&sr, statement_id, PAGE, token.as_deref()).await?;
        reserve = p.reserve;
        all.extend(p.items);
        if p.next_page_token.is_empty() {
            break;
        }
        token = Some(p.next_page_token);
    }
    ctx.store.write(|t| fs::replace_transactions(t, statement_id, &all, reserve))?;
    // Each order that appears in the statement: its money to the SKU, read once, so the order
    // detail shows what TikTok paid without anyone asking first. A failure here only leaves
    // it to be read when the order is opened.
    let mut ids: Vec<&str> = all.iter().filter(|t| orders && t.kind == "ORDER").map(|t| t.order_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    for order_id in ids {
        if order_id.is_empty() || ctx.store.order_money(order_id)?.is_some() {
            continue;
        }
        match ctx.api.get_order_transactions(&sr, order_id, ctx.now()).await {
            Ok(m) => ctx.store.write(|t| fs::put_order_money(t, &m))?,
            Err(e) => tracing::debug!("finance: order {order_id}'s money not read now: {e}"),
        }
    }
    Ok(all.len())
}

/// One finance pass over a shop: statements (and the transactions of those new or changed),
/// payments, withdrawals, unsettled orders; then the Inbox hears of failed payments and of
/// statements that do not reconcile.
pub async fn sync_shop(ctx: &SyncCtx, shop: &Shop, since: Option<i64>) -> SyncResult<FinanceStats> {
    let sr = shop_ref(shop);
    let mut stats = FinanceStats::default();
    let mut todo = Vec::new();
    // A first sync pulls a year of statements, one call or more each: the gauge follows it.
    let first = ctx.store.get_cursor(&shop.id, "finance-statements")?.is_none();
    stats.statements = walk(
        ctx,
        shop,
        "finance-statements",
        since,
        |ge, tok| {
            let sr = sr.clone();
            async move { ctx.api.get_statements(&sr, ge, None, PAGE, tok.as_deref()).await }
        },
        |t, items| {
            todo.extend(fs::put_statements(t, items)?);
            Ok(())
        },
    )
    .await?;
    // Statements whose transactions are still to pull: the ones just seen, and any a crash or
    // an error left behind.
    let pending =
        ctx.store.statements(&fs::read::StatementFilter { shop_id: Some(shop.id.clone()), ..Default::default() })?;
    for s in pending.iter().filter(|s| s.needs_transactions()) {
        if !todo.contains(&s.id) {
            todo.push(s.id.clone());
        }
    }
    let recent = ctx.now() - ORDER_MONEY_WINDOW;
    let mut gauge = first.then(|| {
        let label = format!("Statements of {}", shop.name);
        crate::sync::progress::Tracker::new(&ctx.updates, format!("finance backfill {}", shop.id), label, "statements")
    });
    for id in &todo {
        let orders = pending.iter().find(|s| &s.id == id).is_none_or(|s| s.time >= recent);
        stats.transactions += pull_transactions(ctx, shop, id, orders).await?;
        stats.pulled += 1;
        if let Some(g) = gauge.as_mut() {
            g.report(stats.pulled as u64, Some(todo.len() as u64), false);
        }
    }
    if let Some(g) = gauge.as_mut() {
        g.finish(stats.pulled as u64);
    }
    stats.payments = walk(
        ctx,
        shop,
        "finance-payments",
        since,
        |ge, tok| {
            let sr = sr.clone();
            async move { ctx.api.get_payments(&sr, ge, PAGE, tok.as_deref()).await }
        },
        fs::put_payments,
    )
    .await?;
    stats.withdrawals = walk(
        ctx,
        shop,
        "finance-withdrawals",
        since,
        |ge, tok| {
            let sr = sr.clone();
            async move { ctx.api.get_withdrawals(&sr, ge, PAGE, tok.as_deref()).await }
        },
        fs::put_withdrawals,
    )
    .await?;
    let mut unsettled = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let p = ctx.api.get_unsettled(&sr, PAGE, token.as_deref()).await?;
        unsettled.extend(p.items);
        if p.next_page_token.is_empty() {
            break;
        }
        token = Some(p.next_page_token);
    }
    stats.unsettled = unsettled.len();
    ctx.store.write(|t| fs::replace_unsettled(t, &shop.id, &unsettled))?;
    tell_inbox(ctx, shop)?;
    ctx.updates.send(Update::Changed(Topic::Finance(shop.id.clone())));
    Ok(stats)
}

/// Failed payments and reconciliation breaks become Inbox items (one per payment, one per
/// shop for the breaks), resolved when they clear.
pub fn tell_inbox(ctx: &SyncCtx, shop: &Shop) -> SyncResult<()> {
    let now = ctx.now();
    let report = ctx.store.reconcile(&shop.id, None, None)?;
    let failed: Vec<_> = ctx.store.payments(Some(&shop.id))?.into_iter().filter(|p| p.status == "FAILED").collect();
    let item = |key: String, kind, title: String, detail: String| AttentionItem {
        key,
        kind,
        shop_id: Some(shop.id.clone()),
        title,
        detail,
        deadline: None,
        created_at: now,
        updated_at: now,
        resolved_at: None,
    };
    ctx.store.write(|t| {
        use crate::store::attention::{resolve, upsert};
        for p in &failed {
            upsert(
                t,
                item(
                    format!("payment-failed:{}", p.id),
                    AttentionKind::PaymentFailed,
                    format!("Payment {} of {} FAILED", p.id, shop.name),
                    format!("{} {} did not reach the bank account {}", p.amount, p.currency, p.bank_account),
                ),
            )?;
        }
        let key = format!("recon:{}", shop.id);
        let breaks: Vec<_> = report.breaks.iter().filter(|b| b.link != "payment" || b.what != "status").collect();
        if breaks.is_empty() {
            resolve(t, &key, now)?;
        } else {
            let first =
                breaks.first().map(|b| format!("{} {}: {} ≠ {} {}", b.link, b.subject, b.left, b.right, b.currency));
            upsert(
                t,
                item(
                    key,
                    AttentionKind::ReconciliationBreak,
                    format!("{} reconciliation break(s) in {}", breaks.len(), shop.name),
                    first.unwrap_or_default(),
                ),
            )?;
        }
        Ok(())
    })?;
    ctx.updates.send(Update::Changed(Topic::Inbox));
    Ok(())
}

/// Pull one order's money (when someone opens it, or it appears in a statement).
pub async fn fetch_order(ctx: &SyncCtx, shop: &Shop, order_id: &str) -> SyncResult<crate::domain::finance::OrderMoney> {
    let m = ctx.api.get_order_transactions(&shop_ref(shop), order_id, ctx.now()).await?;
    ctx.store.write(|t| fs::put_order_money(t, &m))?;
    ctx.updates.send(Update::Changed(Topic::Finance(shop.id.clone())));
    Ok(m)
}

/// Every syncing shop, one after another (the engine's daily run and `finance sync`).
pub async fn sync_all(ctx: &SyncCtx, only: Option<&str>, since: Option<i64>) -> Vec<(Shop, SyncResult<FinanceStats>)> {
    let shops = ctx.store.list_shops().unwrap_or_default();
    let mut out = Vec::new();
    for s in shops.into_iter().filter(|s| s.status.syncs() && only.is_none_or(|o| o == s.id)) {
        let r = sync_shop(ctx, &s, since).await;
        out.push((s, r));
    }
    out
}
