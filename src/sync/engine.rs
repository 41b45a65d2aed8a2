//! The engine: runs console commands, processes webhooks as they land (and fetches the orders
//! they name), polls orders, cancellations and warehouses per shop, refreshes tokens ahead of
//! expiry, keeps the reminder countdown and the ship-by risk check, drains the outbox and
//! publishes health. A command pressed many times runs once at a time (one job slot per key).

use super::commands::{self, Wakes};
use super::fulfilment::warehouses;
use super::orders::{self, upkeep};
use super::shops::{connections, reminders, tokens};
use super::{Command, Hint, Hints, SyncCtx, Topic, Update, outbox, webhooks};
use crate::domain::order::Source;
use crate::webhook::ReceiverEvent;
use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{Notify, mpsc};
use tokio_util::sync::CancellationToken;

pub struct EngineHandle {
    /// Commands run as the engine's own actor, answers to its own updates (a console in this
    /// process).
    pub commands: mpsc::UnboundedSender<Command>,
    /// Commands from the engine's clients, each run as its sender with answers routed back.
    pub jobs: mpsc::UnboundedSender<Job>,
    cancel: CancellationToken,
}

/// A client's command: who sent it (for the audit log and the outbox) and where its answers go.
pub struct Job {
    pub cmd: Command,
    pub actor: crate::domain::actor::Actor,
    pub updates: super::Updates,
}

impl EngineHandle {
    pub fn stop(&self) {
        self.cancel.cancel();
    }
}

/// How often the slower duties run.
#[derive(Clone, Copy, Debug)]
pub struct Intervals {
    pub housekeeping: Duration,
    pub outbox: Duration,
    pub health: Duration,
    /// Order, cancellation and warehouse polling (webhooks are hints; polling is the truth).
    pub orders: Duration,
    /// Finance (statements, payments, withdrawals): daily, and on demand.
    pub finance: Duration,
}

impl Default for Intervals {
    fn default() -> Self {
        Intervals {
            housekeeping: Duration::from_secs(30),
            outbox: Duration::from_secs(2),
            health: Duration::from_millis(1000),
            orders: Duration::from_secs(60),
            finance: Duration::from_secs(86_400),
        }
    }
}

pub fn spawn(
    mut ctx: SyncCtx,
    mut events: mpsc::UnboundedReceiver<ReceiverEvent>,
    intervals: Intervals,
) -> EngineHandle {
    let (tx, mut rx) = mpsc::unbounded_channel::<Command>();
    let (jobs_tx, mut jobs_rx) = mpsc::unbounded_channel::<Job>();
    let (hint_tx, hint_rx) = mpsc::unbounded_channel::<Hint>();
    ctx.hints = Hints::new(hint_tx);
    let cancel = CancellationToken::new();
    let wake = Arc::new(Notify::new());
    let outbox_wake = Arc::new(Notify::new());
    let orders_wake = Arc::new(Notify::new());
    let slots: Arc<Mutex<HashSet<String>>> = Arc::default();

    // Commands from the console.
    {
        let (ctx, cancel, outbox_wake, orders_wake) =
            (ctx.clone(), cancel.clone(), outbox_wake.clone(), orders_wake.clone());
        tokio::spawn(async move {
            loop {
                let (cmd, ctx) = tokio::select! {
                    _ = cancel.cancelled() => return,
                    c = rx.recv() => match c { Some(c) => (c, ctx.clone()), None => return },
                    j = jobs_rx.recv() => match j {
                        Some(j) => (j.cmd, SyncCtx { actor: j.actor, updates: j.updates, ..ctx.clone() }),
                        None => return,
                    },
                };
                let key = format!("{}:{cmd:?}", ctx.actor);
                if let Ok(mut s) = slots.lock()
                    && !s.insert(key.clone())
                {
                    continue;
                }
                let (slots, outbox_wake, orders_wake) = (slots.clone(), outbox_wake.clone(), orders_wake.clone());
                tokio::spawn(async move {
                    commands::run(&ctx, cmd, &Wakes { outbox: &outbox_wake, orders: &orders_wake }).await;
                    if let Ok(mut s) = slots.lock() {
                        s.remove(&key);
                    }
                });
            }
        });
    }
    // Receiver events: wake the webhook processor, follow authorization callbacks.
    {
        let (ctx, cancel, wake, orders_wake) = (ctx.clone(), cancel.clone(), wake.clone(), orders_wake.clone());
        tokio::spawn(async move {
            loop {
                let ev = tokio::select! {
                    _ = cancel.cancelled() => return,
                    e = events.recv() => match e { Some(e) => e, None => return },
                };
                match ev {
                    ReceiverEvent::Stored(_) => {
                        wake.notify_one();
                        ctx.updates.send(Update::Changed(Topic::Webhooks));
                    }
                    ReceiverEvent::AuthCallback { state, code, error } => {
                        let (ctx, orders_wake) = (ctx.clone(), orders_wake.clone());
                        tokio::spawn(async move {
                            connections::on_callback(&ctx, &state, code.as_deref(), error.as_deref()).await;
                            orders_wake.notify_one();
                        });
                    }
                }
            }
        });
    }
    // The webhook processor: on every stored delivery, and once a second as a safety net.
    {
        let (ctx, cancel) = (ctx.clone(), cancel.clone());
        tokio::spawn(async move {
            loop {
                let c = ctx.clone();
                let _ = tokio::task::spawn_blocking(move || webhooks::process_pending(&c)).await;
                tokio::select! {
                    _ = cancel.cancelled() => return,
                    _ = wake.notified() => {}
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                }
            }
        });
    }
    tokio::spawn(fetcher(ctx.clone(), hint_rx, cancel.clone()));
    tokio::spawn(poller(ctx.clone(), orders_wake.clone(), intervals.orders, cancel.clone()));
    // Finance: daily (its calls take the lowest lane, behind orders and fulfilment).
    {
        let (ctx, cancel) = (ctx.clone(), cancel.clone());
        tokio::spawn(async move {
            // The first pass waits a little: connecting and the order backfill go first.
            tokio::select! {
                _ = cancel.cancelled() => return,
                _ = tokio::time::sleep(intervals.finance.min(Duration::from_secs(15))) => {}
            }
            loop {
                for (shop, r) in super::finance::sync_all(&ctx, None, None).await {
                    if let Err(e) = r {
                        tracing::warn!("finance sync of {} failed: {e}", shop.name);
                    }
                }
                tokio::select! {
                    _ = cancel.cancelled() => return,
                    _ = tokio::time::sleep(intervals.finance) => {}
                }
            }
        });
    }
    // Housekeeping: tokens ahead of expiry, the reminder countdown.
    {
        let (ctx, cancel) = (ctx.clone(), cancel.clone());
        tokio::spawn(async move {
            loop {
                tokens::refresh_due(&ctx, &ctx.tokens).await;
                reminders::check(&ctx);
                tokio::select! {
                    _ = cancel.cancelled() => return,
                    _ = tokio::time::sleep(intervals.housekeeping) => {}
                }
            }
        });
    }
    // The outbox drain.
    {
        let (ctx, cancel) = (ctx.clone(), cancel.clone());
        tokio::spawn(async move {
            loop {
                outbox::drain_once(&ctx).await;
                tokio::select! {
                    _ = cancel.cancelled() => return,
                    _ = outbox_wake.notified() => {}
                    _ = tokio::time::sleep(intervals.outbox) => {}
                }
            }
        });
    }
    tokio::spawn(super::catalog::push::run(ctx.clone(), cancel.clone()));
    // Health for the status bar.
    {
        let (ctx, cancel) = (ctx.clone(), cancel.clone());
        tokio::spawn(async move {
            loop {
                ctx.updates.send(Update::Health(
                    ctx.health.snapshot(ctx.api.limiters().snapshot(), ctx.api.config().qps_per_shop),
                ));
                tokio::select! {
                    _ = cancel.cancelled() => return,
                    _ = tokio::time::sleep(intervals.health) => {}
                }
            }
        });
    }
    EngineHandle { commands: tx, jobs: jobs_tx, cancel }
}

/// A product webhook (a Seller Center edit arrives as type 15 with `change_source`
/// `SELLER_CENTER`) reads the live products' stock and prices back at once, so drift shows in
/// seconds rather than at the hourly read-back.
async fn read_back(ctx: &SyncCtx, shop: &crate::domain::shop::Shop, products: &[String]) {
    match super::catalog::drift::check_products(ctx, shop, products).await {
        Ok(drifted) => {
            if !drifted.is_empty() {
                tracing::info!("{} product(s) of {} drifted on TikTok", drifted.len(), shop.name);
            }
            ctx.updates.send(Update::Changed(Topic::Listings(shop.id.clone())));
        }
        Err(e) => tracing::warn!("reading back products of {} after a webhook failed: {e}", shop.name),
    }
}

/// Fetch the orders webhooks name, batching hints that arrive together (up to 50 ids a call).
async fn fetcher(ctx: SyncCtx, mut rx: mpsc::UnboundedReceiver<Hint>, cancel: CancellationToken) {
    loop {
        let first = tokio::select! {
            _ = cancel.cancelled() => return,
            h = rx.recv() => match h { Some(h) => h, None => return },
        };
        // Per shop: orders, whether their cancellations too, products, returns.
        type Wanted = (Vec<String>, bool, Vec<String>, Vec<String>);
        let mut batch: BTreeMap<String, Wanted> = BTreeMap::new();
        let mut add = |h: Hint| {
            let e = batch.entry(h.shop_id).or_default();
            for id in h.order_ids {
                if !e.0.contains(&id) {
                    e.0.push(id);
                }
            }
            e.1 |= h.cancellations;
            for id in h.product_ids {
                if !e.2.contains(&id) {
                    e.2.push(id);
                }
            }
            for id in h.return_ids {
                if !e.3.contains(&id) {
                    e.3.push(id);
                }
            }
        };
        add(first);
        tokio::time::sleep(Duration::from_millis(20)).await;
        while let Ok(h) = rx.try_recv() {
            add(h);
        }
        for (shop_id, (ids, cancellations, products, returns)) in batch {
            let Ok(Some(shop)) = ctx.store.get_shop(&shop_id) else { continue };
            if !shop.status.syncs() {
                continue;
            }
            for p in &products {
                if let Err(e) = super::catalog::listing::refresh(&ctx, &shop, p).await {
                    tracing::warn!("fetching product {p} of {} after a webhook failed: {e}", shop.name);
                }
            }
            if !products.is_empty() {
                read_back(&ctx, &shop, &products).await;
            }
            if !returns.is_empty()
                && let Err(e) = super::returns::refresh(&ctx, &shop, &returns, Source::Webhook).await
            {
                tracing::warn!("fetching {} return(s) of {} after a webhook failed: {e}", returns.len(), shop.name);
            }
            if ids.is_empty() {
                continue;
            }
            if let Err(e) = orders::refresh_orders(&ctx, &shop, &ids, Source::Webhook).await {
                tracing::warn!("fetching {} order(s) of {} after a webhook failed: {e}", ids.len(), shop.name);
                ctx.health.error(Some(&shop.id), ctx.now(), &e.to_string());
            }
            if cancellations && let Err(e) = upkeep::sync_cancellations(&ctx, &shop, &ids).await {
                tracing::warn!("fetching cancellations of {} failed: {e}", shop.name);
            }
        }
    }
}

/// One polling round over every syncing shop (concurrently), then the risk check.
pub async fn poll_round(ctx: &SyncCtx) {
    let shops: Vec<_> = ctx.store.list_shops().unwrap_or_default().into_iter().filter(|s| s.status.syncs()).collect();
    let jobs = shops.iter().map(|shop| async move {
        if let Err(e) = orders::sync_shop(ctx, shop, &ctx.orders).await {
            tracing::warn!("order sync of {} failed: {e}", shop.name);
            ctx.health.error(Some(&shop.id), ctx.now(), &format!("order sync: {e}"));
            return;
        }
        if let Err(e) = upkeep::sync_cancellations(ctx, shop, &[]).await {
            tracing::warn!("cancellation sync of {} failed: {e}", shop.name);
        }
        super::returns::poll(ctx, shop).await;
        if let Err(e) = warehouses::sync_warehouses(ctx, shop, false).await {
            tracing::warn!("warehouse sync of {} failed: {e}", shop.name);
        }
        if let Err(e) = orders::fetch_prices(ctx, shop, 200).await {
            tracing::warn!("price detail of {} failed: {e}", shop.name);
        }
        if let Err(e) = orders::fetch_parcels(ctx, shop, 200).await {
            tracing::warn!("package parcels of {} failed: {e}", shop.name);
        }
        // Listings under review: the poll behind the audit webhooks.
        if let Err(e) = super::catalog::listing::follow_pending(ctx, shop).await {
            tracing::warn!("following listings of {} failed: {e}", shop.name);
        }
    });
    futures::future::join_all(jobs).await;
    if let Err(e) = upkeep::check_at_risk(ctx) {
        tracing::warn!("ship-by check failed: {e}");
    }
}

async fn poller(ctx: SyncCtx, wake: Arc<Notify>, every: Duration, cancel: CancellationToken) {
    loop {
        poll_round(&ctx).await;
        tokio::select! {
            _ = cancel.cancelled() => return,
            _ = wake.notified() => {}
            _ = tokio::time::sleep(every) => {}
        }
    }
}
