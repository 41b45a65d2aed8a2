//! `tokshop bench finance-sync`: a shop's first finance sync over a year of statements (and their
//! transactions, payments and withdrawals) at a QPS limit enforced by the sandbox and the client,
//! with an order page read every 200 ms alongside on the orders lane: the share of the limit the
//! finance lane uses, the 429s, and how long orders wait while it runs.

use crate::cli::bench::{ms, pct};
use crate::cli::session::CliError;
use crate::sandbox::faults::Faults;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub async fn finance_sync(orders: usize, qps: u32) -> Result<(), CliError> {
    let dir = std::env::temp_dir().join(format!("tokshop-bench-finance-sync-{}", std::process::id()));
    let (sb, ctx, shop) = super::sync::sandbox_with_shop(&dir, qps).await?;
    let t = Instant::now();
    sb.generate_history(&shop.id, orders, 365);
    sb.tick();
    crate::outln!(
        "finance-sync: {orders} orders over a year in the sandbox, settled in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    sb.set_faults(Faults { qps, ..Faults::default() });
    sb.reset_call_log();
    let done = AtomicBool::new(false);
    let alongside = super::sync::orders_alongside(&ctx, &shop, &done);
    let t = Instant::now();
    let since = ctx.now() - 366 * 86_400;
    let sync = async {
        let r = crate::sync::finance::sync_shop(&ctx, &shop, Some(since)).await;
        done.store(true, Ordering::Relaxed);
        r
    };
    let (stats, mut waits) = tokio::join!(sync, alongside);
    let stats = stats?;
    let elapsed = t.elapsed();
    let log = sb.call_log();
    let first = log.first.unwrap_or_else(Instant::now);
    let late = log.limited.iter().filter(|at| at.duration_since(first) > Duration::from_secs(1)).count();
    let finance_calls = log.calls.saturating_sub(waits.len() as u64);
    let rate = finance_calls as f64 / elapsed.as_secs_f64();
    crate::outln!(
        "  {qps} QPS limit on both sides: {} statements ({} with transactions pulled), {} transactions, {} payments, \
         {} withdrawals in {:.1} s",
        stats.statements,
        stats.pulled,
        stats.transactions,
        stats.payments,
        stats.withdrawals,
        elapsed.as_secs_f64()
    );
    let all = log.calls as f64 / elapsed.as_secs_f64();
    let share = if qps > 0 {
        format!(
            " = {:.0}% of the allowed rate ({:.0}% with the order reads alongside)",
            100.0 * rate / f64::from(qps),
            100.0 * all / f64::from(qps)
        )
    } else {
        String::new()
    };
    crate::outln!(
        "  {rate:.1} finance calls/s{share}; 429 answers: {} in all, {late} after the first second",
        log.limited.len()
    );
    waits.sort();
    crate::outln!(
        "  an order page alongside ({} reads): p50 {}, p99 {}, max {}",
        waits.len(),
        ms(pct(&waits, 0.5)),
        ms(pct(&waits, 0.99)),
        ms(pct(&waits, 1.0))
    );
    sb.shutdown();
    drop(ctx);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
