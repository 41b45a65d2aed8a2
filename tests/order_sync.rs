//! ORD-SYNC-IMPORT / UPDATE / WHOOK reliability against the sandbox over loopback: backfill and
//! polls with a durable cursor, webhooks duplicated, reordered and dropped, injected faults, and
//! kill -9 in the middle of a backfill.

use crate::common;

use common::bin::{Env, stderr, stdout};
use common::*;
use std::time::Duration;
use tokshop::domain::order::Source;
use tokshop::sandbox::commerce::OrderMix;
use tokshop::sandbox::faults::Faults;
use tokshop::sandbox::seed::Seed;
use tokshop::sync::{engine, orders};

fn busy_mix() -> OrderMix {
    OrderMix {
        unpaid: 0.3,
        on_hold: 0.3,
        buyer_cancel: 0.2,
        seller_center_split: 0.3,
        seller_center_combine: 0.2,
        ..OrderMix::default()
    }
}

#[tokio::test]
async fn backfill_then_polls_follow_every_change() {
    let sb = sandbox(Seed::Demo).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = sync_ctx(&sb, dir.path());
    let shop = connect(&ctx, &sb, "north", "Northwind Outfitters").await.remove(0);
    let s = orders::sync_shop(&ctx, &shop, &ctx.orders).await.expect("backfill");
    assert_eq!(s.upserts.inserted, 40);
    assert_eq!(assert_store_matches_sandbox(&sb, &ctx.store, &shop.id), 40);
    // Every order's first history entry says it came from the backfill.
    let any = ctx.store.order_ids(&shop.id).expect("ids").remove(0);
    assert_eq!(ctx.store.order_history(&any).expect("history")[0].source, Source::Backfill);

    sb.set_mix(busy_mix());
    let made = sb.generate_orders(&shop.id, 15).len();
    assert!(made >= 15);
    for _ in 0..4 {
        sb.advance_clock(6 * 3600);
        let s = orders::sync_shop(&ctx, &shop, &ctx.orders).await.expect("poll");
        assert!(s.pages >= 1);
    }
    assert_eq!(assert_store_matches_sandbox(&sb, &ctx.store, &shop.id), 40 + made);
    // Tax per order and line (ORD-SYNC-TAX).
    assert!(orders::fetch_prices(&ctx, &shop, 1000).await.expect("prices") >= 15);
    let o = ctx.store.get_order(&any).expect("read").expect("order");
    let p = o.price.expect("price detail stored");
    assert!(!p.lines.is_empty());
    sb.shutdown();
}

struct Live {
    sb: tokshop::sandbox::SandboxHandle,
    ctx: tokshop::sync::SyncCtx,
    engine: engine::EngineHandle,
    receiver: tokshop::webhook::Receiver,
    _dir: tempfile::TempDir,
}

/// A console-like setup: receiver, engine with a slow poll (so webhooks do the work).
async fn live(faults: Faults) -> (Live, tokshop::domain::shop::Shop) {
    let sb = sandbox(Seed::Demo).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = sync_ctx(&sb, dir.path());
    let (receiver, rx) = receiver(&ctx.store).await;
    sb.set_webhook_url(Some(receiver.webhook_url()));
    let shop = connect(&ctx, &sb, "north", "Northwind Outfitters").await.remove(0);
    orders::sync_shop(&ctx, &shop, &ctx.orders).await.expect("backfill");
    sb.set_faults(faults);
    let intervals = engine::Intervals { orders: Duration::from_secs(3600), ..engine::Intervals::default() };
    let engine = engine::spawn(ctx.clone(), rx, intervals);
    (Live { sb, ctx, engine, receiver, _dir: dir }, shop)
}

#[tokio::test]
async fn webhooks_bring_new_orders_and_replays_change_nothing() {
    let (l, shop) = live(Faults::default()).await;
    // Let the engine's first poll round finish, so these orders arrive by webhook.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let ids = l.sb.generate_orders(&shop.id, 5);
    wait_until("webhook-driven fetches", || {
        ids.iter().all(|id| l.ctx.store.get_order_row(id).ok().flatten().is_some())
    })
    .await;
    let first = ids[0].clone();
    assert_eq!(l.ctx.store.order_history(&first).expect("history")[0].source, Source::Webhook);

    // Replay every delivery, newest first: duplicates are acknowledged and not processed, and
    // nothing goes back in time.
    let http = tokshop::api::client::http_client(Duration::from_secs(5)).expect("http");
    let mut bodies: Vec<Vec<u8>> = l.sb.deliveries().into_iter().map(|d| d.body).collect();
    bodies.reverse();
    for b in &bodies {
        let sig = tokshop::sandbox::verify::webhook_signature(APP_KEY, APP_SECRET, b);
        let r = http
            .post(l.receiver.webhook_url())
            .header("authorization", sig)
            .body(b.clone())
            .send()
            .await
            .expect("post");
        assert_eq!(r.status().as_u16(), 200);
    }
    // A stale notification with a fresh id: it only triggers a fetch of the current state.
    let stale = format!(
        concat!(
            r#"{{"type":1,"tts_notification_id":"999","shop_id":"{}","timestamp":1,"#,
            r#""data":{{"order_id":"{first}","order_status":"UNPAID","is_on_hold_order":false,"update_time":1}}}}"#,
        ),
        shop.id,
        first = first,
    );
    let sig = tokshop::sandbox::verify::webhook_signature(APP_KEY, APP_SECRET, stale.as_bytes());
    http.post(l.receiver.webhook_url()).header("authorization", sig).body(stale).send().await.expect("post");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let dup = l
        .ctx
        .store
        .recent_webhooks(10_000)
        .expect("list")
        .iter()
        .filter(|w| w.verdict == tokshop::domain::notification::Verdict::Duplicate)
        .count();
    assert_eq!(dup, bodies.len());
    assert_store_matches_sandbox(&l.sb, &l.ctx.store, &shop.id);
    l.engine.stop();
    l.sb.shutdown();
}

#[tokio::test]
async fn polling_recovers_what_dropped_webhooks_lost() {
    let (l, shop) = live(Faults { drop_webhook_rate: 0.3, ..Faults::default() }).await;
    l.sb.set_mix(busy_mix());
    l.sb.generate_orders(&shop.id, 20);
    l.sb.advance_clock(2 * 3600);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let dropped =
        l.sb.deliveries().iter().filter(|d| d.status == tokshop::sandbox::webhooks::DeliveryStatus::Dropped).count();
    assert!(dropped > 0, "some webhooks were lost");
    // One poll interval later everything is there.
    engine::poll_round(&l.ctx).await;
    assert_store_matches_sandbox(&l.sb, &l.ctx.store, &shop.id);
    l.engine.stop();
    l.sb.shutdown();
}

#[tokio::test]
async fn faults_do_not_leave_the_store_behind() {
    let (l, shop) = live(Faults { error_rate: 0.1, qps: 20, latency_ms: 5, ..Faults::default() }).await;
    l.sb.set_mix(busy_mix());
    l.sb.generate_orders(&shop.id, 25);
    l.sb.advance_clock(3 * 3600);
    engine::poll_round(&l.ctx).await;
    assert_store_matches_sandbox(&l.sb, &l.ctx.store, &shop.id);
    l.engine.stop();
    l.sb.shutdown();
}

#[tokio::test]
async fn kill_9_during_backfill_resumes_from_the_cursor() {
    let sb = sandbox(Seed::Empty).await;
    let shop_id = sb.sellers()[0].2[0].clone();
    let _ = token_for(&sb, None).await;
    sb.set_mix(OrderMix {
        unpaid: 0.0,
        on_hold: 0.0,
        buyer_cancel: 0.0,
        seller_center_split: 0.0,
        seller_center_combine: 0.0,
        ..OrderMix::default()
    });
    sb.generate_orders(&shop_id, 3000);
    let mut env = Env::new(Some(&sb.base_url()));
    env.set("TOKSHOP_QPS_PER_SHOP", "0");
    let code = sb.issue_code(None).expect("code");
    assert!(env.run_async(&["stores", "add", "main"]).await.status.success());
    let o = env.run_async(&["shops", "connect", "--store", "main", "--auth-code", &code]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    // The 90-day backfill walks 13 weekly windows (the first 12 empty: the orders are recent),
    // then 30 pages of orders at 60 ms each: pull the plug about halfway through those, judged by
    // the calls the sandbox has seen (not by a clock: a cold start of the binary can take longer
    // than the whole sync). Waiting for only the first order page left nothing stored when the
    // machine was busy.
    sb.set_faults(Faults { latency_ms: 60, ..Faults::default() });
    sb.reset_call_log();
    let mut child = env.command(&["orders", "sync"]).spawn().expect("spawn");
    wait_until("half the order pages served", || sb.call_log().calls >= 13 + 15).await;
    assert!(std::process::Command::new("kill").args(["-9", &child.id().to_string()]).status().expect("kill").success());
    let _ = tokio::task::spawn_blocking(move || child.wait()).await;
    let partial = {
        let s = tokshop::store::Store::open(&env.data_dir()).expect("the store opens after kill -9");
        let n = s.order_ids(&shop_id).expect("ids").len();
        assert!(
            s.get_cursor(&shop_id, orders::CONCERN).expect("cursor").is_some(),
            "the cursor was saved page by page"
        );
        n
    };
    assert!(partial > 0 && partial < 3000, "killed mid-way ({partial} of 3000 stored)");
    sb.set_faults(Faults::default());
    let o = env.run_async(&["orders", "sync"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let read: usize = out
        .split(" order(s) read")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("stats line");
    assert!(read < 3000, "resumed, not restarted: read {read} ({out})");
    let store = tokshop::store::Store::open(&env.data_dir()).expect("store");
    assert_eq!(assert_store_matches_sandbox(&sb, &store, &shop_id), 3000);
    sb.shutdown();
}
