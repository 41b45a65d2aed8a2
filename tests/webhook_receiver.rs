//! The webhook receiver over loopback with a real redb store: signatures, duplicates, malformed
//! bodies; and type 7 / type 6 from the sandbox through the receiver to the shop's status and
//! the Inbox (SHOP-MAN-WHOOK).

use crate::common;

use common::*;
use std::time::Duration;
use tokio::sync::mpsc;
use tokshop::domain::attention::AttentionKind;
use tokshop::domain::notification::Verdict;
use tokshop::domain::shop::ShopStatus;
use tokshop::sandbox::seed::Seed;
use tokshop::sandbox::verify::webhook_signature;
use tokshop::sync::shops::connections;
use tokshop::sync::{engine, webhooks};

async fn post(url: &str, body: &str, sig: Option<&str>) -> u16 {
    let http = tokshop::api::client::http_client(Duration::from_secs(5)).expect("http");
    let mut rb = http.post(url).header("content-type", "application/json").body(body.to_string());
    if let Some(s) = sig {
        rb = rb.header("authorization", s);
    }
    rb.send().await.expect("send").status().as_u16()
}

#[tokio::test]
async fn signature_duplicates_and_malformed_bodies() {
    let sb = sandbox(Seed::Empty).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = sync_ctx(&sb, dir.path());
    let (tx, mut rx) = mpsc::unbounded_channel();
    let r = tokshop::webhook::start(
        "127.0.0.1:0".parse().expect("addr"),
        APP_KEY.into(),
        tokshop::domain::Secret::new(APP_SECRET),
        ctx.store.clone(),
        tx,
        tokshop::clock::system(),
    )
    .await
    .expect("receiver");
    let url = r.webhook_url();
    let sign = |b: &str| webhook_signature(APP_KEY, APP_SECRET, b.as_bytes());
    let good = concat!(
        r#"{"type":7,"tts_notification_id":"7327112393057371910","shop_id":"7494049642642441621","#,
        r#""timestamp":1644412885,"data":{"message":"m","expiration_time":"1627587506"}}"#,
    );

    assert_eq!(post(&url, good, Some(&sign(good))).await, 200);
    assert_eq!(post(&url, good, Some(&sign(good))).await, 200, "a duplicate is acknowledged");
    assert_eq!(post(&url, good, None).await, 401);
    assert_eq!(post(&url, good, Some(&sign("{}"))).await, 401);
    assert_eq!(post(&url, good, Some("Bearer nope")).await, 401);
    let truncated = &good[..40];
    assert_eq!(post(&url, truncated, Some(&sign(truncated))).await, 400);
    let no_type = r#"{"shop_id":"1","data":{}}"#;
    assert_eq!(post(&url, no_type, Some(&sign(no_type))).await, 400);
    let unknown = r#"{"type":99,"tts_notification_id":"1","shop_id":"1","timestamp":1,"data":{}}"#;
    assert_eq!(post(&url, unknown, Some(&sign(unknown))).await, 200);

    let recent = ctx.store.recent_webhooks(100).expect("list");
    let verdicts: Vec<String> = recent.iter().rev().map(|w| w.verdict.label()).collect();
    assert_eq!(
        verdicts,
        vec![
            "accepted",
            "duplicate",
            "bad signature: missing Authorization header",
            "bad signature: signature does not match app_key + body",
            "bad signature: Authorization header is not a hex signature",
            "malformed: body is not a JSON notification: EOF while parsing a string at line 1 column 40",
            "malformed: missing or non-numeric `type`",
            "accepted",
        ]
    );
    // Every delivery was told to the sync layer.
    let mut n = 0;
    while let Ok(ev) = rx.try_recv() {
        assert!(matches!(ev, tokshop::webhook::ReceiverEvent::Stored(_)));
        n += 1;
    }
    assert_eq!(n, 8);
    // Processing happens once per notification; an unconnected shop and an unknown type are noted.
    assert_eq!(webhooks::process_pending(&ctx), 2);
    assert_eq!(webhooks::process_pending(&ctx), 0);
    let notes: Vec<String> =
        ctx.store.recent_webhooks(100).expect("list").into_iter().filter_map(|w| w.processing_note).collect();
    assert!(notes.contains(&"shop 7494049642642441621 is not connected here: ignored".to_string()), "{notes:?}");
    assert!(notes.contains(&"type 99: not acted on by this version".to_string()), "{notes:?}");
    r.shutdown();
    sb.shutdown();
}

#[tokio::test]
async fn type_7_then_type_6_from_the_sandbox() {
    let sb = sandbox(Seed::Demo).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = sync_ctx(&sb, dir.path());
    let (r, rx) = receiver(&ctx.store).await;
    sb.set_webhook_url(Some(r.webhook_url()));
    let eng = engine::spawn(ctx.clone(), rx, engine::Intervals::default());

    connections::add_store(&ctx, "north").expect("add");
    let code = sb.issue_code(Some("Northwind Outfitters")).expect("code");
    let shop = connections::connect_with_code(&ctx, "north", &code, None).await.expect("connect").remove(0);
    let grant = ctx.store.get_grant(&shop.grant_id).expect("read").expect("grant");

    // The sandbox sees 20 days left and sends type 7; the shop must show its deadline.
    crate::common::until("type 7 to mark the shop", || {
        matches!(ctx.store.get_shop(&shop.id).ok().flatten().map(|s| s.status), Some(ShopStatus::ReauthorizeBy(_)))
    })
    .await;
    let s = ctx.store.get_shop(&shop.id).expect("read").expect("shop");
    assert_eq!(s.status, ShopStatus::ReauthorizeBy(grant.refresh_token_expire_in));
    let item = ctx
        .store
        .open_attention()
        .expect("inbox")
        .into_iter()
        .find(|i| i.key == format!("reauth:{}", shop.id))
        .expect("inbox item");
    assert_eq!(item.kind, AttentionKind::Reauthorize);
    assert_eq!(item.deadline, Some(grant.refresh_token_expire_in));
    assert!(item.detail.contains("expiring in 20 days"), "{}", item.detail);

    // A day later (sandbox clock) the daily reminder arrives again: same item, not a new one.
    sb.advance_clock(86_400);
    crate::common::until("the second reminder", || {
        ctx.store
            .recent_webhooks(10_000)
            .map(|w| w.iter().filter(|x| x.type_code == Some(7)).count() >= 2)
            .unwrap_or(false)
    })
    .await;
    assert_eq!(
        ctx.store.open_attention().expect("inbox").iter().filter(|i| i.kind == AttentionKind::Reauthorize).count(),
        1
    );

    // The seller removes the app: type 6 stops the shop's sync and says so.
    sb.revoke("Northwind Outfitters", None).expect("revoke");
    crate::common::until("type 6 to deauthorize", || {
        ctx.store.get_shop(&shop.id).ok().flatten().map(|s| s.status) == Some(ShopStatus::Deauthorized)
    })
    .await;
    let items = ctx.store.open_attention().expect("inbox");
    assert!(
        items.iter().any(|i| i.kind == AttentionKind::Deauthorized && i.title.contains("sync stopped")),
        "{items:?}"
    );
    assert!(!items.iter().any(|i| i.kind == AttentionKind::Reauthorize), "the reminder is moot once deauthorized");
    // No calls are made for a deauthorized shop.
    let e = ctx.api.get_shop_webhooks(&shop.id, &shop.cipher).await.expect_err("no calls");
    assert!(e.to_string().contains("deauthorized"), "{e}");
    assert!(ctx.store.recent_webhooks(50).expect("list").iter().all(|w| w.verdict == Verdict::Accepted));
    eng.stop();
    r.shutdown();
    sb.shutdown();
}

#[tokio::test]
async fn sandbox_retries_on_its_own_clock_and_can_drop() {
    let sb = sandbox(Seed::Demo).await;
    // Nothing listens here yet.
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let url = format!("http://127.0.0.1:{port}/webhooks/tiktok");
    sb.set_webhook_url(Some(url));
    let before = sb.now();
    let _ = token_for(&sb, Some("Northwind Outfitters")).await;
    crate::common::until("the first attempt to fail", || sb.deliveries().iter().any(|d| d.attempts == 1)).await;
    let after = sb.now();
    let d = sb.deliveries().into_iter().find(|d| d.type_code == 7).expect("a type 7");
    // The failure happened somewhere between `before` and `after` (the clock may tick on a busy machine).
    assert!(
        (before + 120..=after + 120).contains(&d.due_at),
        "first retry 2 minutes after the failure: due {} not within {}..={}",
        d.due_at,
        before + 120,
        after + 120
    );

    // Now a receiver listens; the retry goes out when the sandbox clock reaches it.
    let dir = tempfile::tempdir().expect("tempdir");
    let store = tokshop::store::Store::open(dir.path()).expect("store");
    let (tx, _rx) = mpsc::unbounded_channel();
    let r = tokshop::webhook::start(
        format!("127.0.0.1:{port}").parse().expect("addr"),
        APP_KEY.into(),
        tokshop::domain::Secret::new(APP_SECRET),
        store.clone(),
        tx,
        tokshop::clock::system(),
    )
    .await
    .expect("receiver");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(store.webhook_counts().expect("counts").total, 0, "not before its time");
    sb.advance_clock(120);
    crate::common::until("the retry to land", || store.webhook_counts().map(|c| c.total == 1).unwrap_or(false)).await;

    // Dropped webhooks never go out.
    sb.set_faults(tokshop::sandbox::faults::Faults { drop_webhook_rate: 1.0, ..Default::default() });
    sb.revoke("Northwind Outfitters", None).expect("revoke");
    let dropped = sb.deliveries().into_iter().find(|d| d.type_code == 6).expect("type 6");
    assert_eq!(dropped.status, tokshop::sandbox::webhooks::DeliveryStatus::Dropped);
    r.shutdown();
    sb.shutdown();
}
