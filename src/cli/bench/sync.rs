//! Order sync benchmarks against the in-process sandbox over loopback:
//!
//! - `backfill`: a shop's first sync of N orders (a backdated history), with the rate limit
//!   off, or at a QPS both sides enforce: how long, how close to the allowed rate, and whether
//!   any call was answered 429 after the first second.
//! - `webhook-latency`: a new order from the sandbox's webhook to a frame of the Orders pane
//!   that shows it (receiver, inbox, engine, detail fetch, store, view re-read, render).

use crate::api::ApiConfig;
use crate::cli::bench::{ms, pct};
use crate::cli::session::{CliError, Globals, settings};
use crate::domain::Secret;
use crate::sandbox::commerce::OrderMix;
use crate::sandbox::faults::Faults;
use crate::sandbox::{self, SandboxConfig, SandboxHandle, seed::Seed};
use crate::store::Store;
use crate::sync::orders::{self, OrderSyncSettings};
use crate::sync::shops::connections;
use crate::sync::{AuthSettings, SyncCtx, Updates};
use crate::ui::app::App;
use crate::ui::keymap::Keymap;
use crate::ui::panes::orders::OrdersPane;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

fn calm() -> OrderMix {
    OrderMix {
        unpaid: 0.0,
        on_hold: 0.0,
        buyer_cancel: 0.0,
        seller_center_split: 0.0,
        seller_center_combine: 0.0,
        ..OrderMix::default()
    }
}

/// An in-process sandbox with `seed`, and a sync context over a store in `ctx_dir` whose client
/// keeps to `qps` per shop, with the store "bench".
pub(super) async fn sandbox_and_ctx(
    ctx_dir: &std::path::Path,
    seed: Seed,
    qps: u32,
) -> Result<(SandboxHandle, SyncCtx), CliError> {
    let sb = sandbox::start(SandboxConfig { seed, ..SandboxConfig::default() })
        .await
        .map_err(|e| CliError::failed(e.to_string()))?;
    let mut cfg = ApiConfig::new(
        sandbox::DEFAULT_APP_KEY,
        Secret::new(sandbox::DEFAULT_APP_SECRET),
        &sb.base_url(),
        &sb.base_url(),
    );
    cfg.qps_per_shop = qps;
    let auth = AuthSettings { authorize_url: sb.authorize_url(), service_id: Some(sandbox::DEFAULT_SERVICE_ID.into()) };
    let store = Store::open(ctx_dir)?;
    let ctx = SyncCtx::build(cfg, auth, store, crate::clock::system(), "bench", Updates::none())?;
    connections::add_store(&ctx, "bench")?;
    Ok((sb, ctx))
}

/// Order pages read every 200 ms on the fulfilment lane until `done`: how long each took.
pub(super) async fn orders_alongside(
    ctx: &SyncCtx,
    shop: &crate::domain::shop::Shop,
    done: &std::sync::atomic::AtomicBool,
) -> Vec<Duration> {
    let sr = crate::sync::orders::poll::shop_ref(shop);
    let mut waits = Vec::new();
    while !done.load(std::sync::atomic::Ordering::Relaxed) {
        let t = Instant::now();
        let search = crate::api::orders::OrderSearch::default();
        if ctx.api.search_orders(&sr, &search, 20, None, crate::api::limiter::Lane::Fulfillment).await.is_ok() {
            waits.push(t.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    waits
}

pub(super) async fn sandbox_with_shop(
    ctx_dir: &std::path::Path,
    qps: u32,
) -> Result<(SandboxHandle, SyncCtx, crate::domain::shop::Shop), CliError> {
    let (sb, ctx) = sandbox_and_ctx(ctx_dir, Seed::Empty, qps).await?;
    let code = sb.issue_code(Some("Sandbox Seller")).map_err(CliError::failed)?;
    let shop = connections::connect_with_code(&ctx, "bench", &code, None)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| CliError::failed("the sandbox seller has no shop"))?;
    Ok((sb, ctx, shop))
}

pub async fn backfill(n: usize, qps: u32, days: i64) -> Result<(), CliError> {
    let dir = std::env::temp_dir().join(format!("tokshop-bench-backfill-{}", std::process::id()));
    let (sb, ctx, shop) = sandbox_with_shop(&dir, qps).await?;
    sb.set_mix(calm());
    let t = Instant::now();
    sb.generate_history(&shop.id, n, days);
    let made = sb.order_ids(&shop.id).len();
    crate::outln!(
        "backfill: {made} orders over {days} days in the sandbox (made in {:.1} s)",
        t.elapsed().as_secs_f64()
    );
    sb.set_faults(Faults { qps, ..Faults::default() });
    sb.reset_call_log();
    let settings = OrderSyncSettings { lookback_secs: (days + 1) * 86_400, ..OrderSyncSettings::default() };
    let t = Instant::now();
    let stats = orders::sync_shop(&ctx, &shop, &settings).await?;
    let elapsed = t.elapsed();
    let log = sb.call_log();
    let stored = ctx.store.order_ids(&shop.id)?.len();
    let first = log.first.unwrap_or_else(Instant::now);
    let late_429 = log.limited.iter().filter(|at| at.duration_since(first) > Duration::from_secs(1)).count();
    let rate = log.calls as f64 / elapsed.as_secs_f64();
    let limit = if qps == 0 { "rate limiting off".to_string() } else { format!("{qps} QPS limit on both sides") };
    crate::outln!(
        "  {limit}: {stored} orders stored in {:.1} s ({:.0} orders/s), {} pages",
        elapsed.as_secs_f64(),
        stored as f64 / elapsed.as_secs_f64(),
        stats.pages
    );
    let mut calls = format!("  {} API calls, {:.1} calls/s", log.calls, rate);
    if qps > 0 {
        calls.push_str(&format!(" = {:.0}% of the allowed rate", 100.0 * rate / f64::from(qps)));
    }
    crate::outln!("{calls}; 429 answers: {} in all, {late_429} after the first second", log.limited.len());
    sb.shutdown();
    drop(ctx);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

pub async fn webhook_latency(g: &Globals, orders: usize) -> Result<(), CliError> {
    let sb = sandbox::start(SandboxConfig { seed: Seed::Empty, mix: calm(), ..SandboxConfig::default() })
        .await
        .map_err(|e| CliError::failed(e.to_string()))?;
    let dir = std::env::temp_dir().join(format!("tokshop-bench-latency-{}", std::process::id()));
    let mut s = settings(g)?;
    crate::cli::demo::use_sandbox(&mut s, &sb);
    s.data_dir = dir.clone();
    let store = Store::open(&dir)?;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let listen = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
    let running =
        crate::cli::runtime::start(&s, store.clone(), crate::clock::system(), "bench", Updates::new(tx), listen, true)
            .await?;
    if let Some(r) = &running.receiver {
        sb.set_webhook_url(Some(r.webhook_url()));
    }
    connections::add_store(&running.ctx, "bench")?;
    let code = sb.issue_code(Some("Sandbox Seller")).map_err(CliError::failed)?;
    let shop = connections::connect_with_code(&running.ctx, "bench", &code, None)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| CliError::failed("the sandbox seller has no shop"))?;
    let keymap = Keymap::load(None).map_err(|e| CliError::failed(e.to_string()))?;
    let mut app = App::new(keymap, false, crate::logging::LogRing::default());
    app.load(&store);
    app.show::<OrdersPane>(&crate::ui::Cx { views: &store, now: crate::clock::Clock::now(&crate::clock::SystemClock) });
    let mut term = Terminal::new(TestBackend::new(120, 40)).map_err(|e| CliError::failed(e.to_string()))?;
    // Let the first poll settle so each measurement is one webhook's path.
    tokio::time::sleep(Duration::from_millis(500)).await;
    while rx.try_recv().is_ok() {}
    let mut lat = Vec::new();
    let mut missed = 0;
    for _ in 0..orders {
        let t0 = Instant::now();
        let Some(id) = sb.generate_orders(&shop.id, 1).into_iter().next() else { continue };
        let deadline = t0 + Duration::from_secs(10);
        let mut seen = false;
        while Instant::now() < deadline && !seen {
            let u = match tokio::time::timeout(Duration::from_millis(200), rx.recv()).await {
                Ok(Some(u)) => u,
                Ok(None) => break,
                Err(_) => continue,
            };
            let now = crate::clock::Clock::now(&crate::clock::SystemClock);
            app.on_update(u, &store, now);
            while let Ok(u) = rx.try_recv() {
                app.on_update(u, &store, now);
            }
            term.draw(|f| app.render(f, now)).map_err(|e| CliError::failed(e.to_string()))?;
            seen = term
                .backend()
                .buffer()
                .content()
                .chunks(120)
                .any(|row| row.iter().map(|c| c.symbol()).collect::<String>().contains(&id));
        }
        if seen {
            lat.push(t0.elapsed());
        } else {
            missed += 1;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    lat.sort();
    crate::outln!(
        "webhook-latency: {orders} new orders, sandbox webhook to a frame of the Orders pane showing the order"
    );
    crate::outln!(
        "  p50 {}  p99 {}  max {}  (not on screen within 10 s: {missed})",
        ms(pct(&lat, 0.5)),
        ms(pct(&lat, 0.99)),
        ms(pct(&lat, 1.0))
    );
    running.stop();
    sb.shutdown();
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
