//! SHOP-CONN-SINGLE, SHOP-CONN-MULTI, SHOP-DISCON-SINGLE, SHOP-MAN-MULTI against the sandbox
//! over loopback, with a real redb store in a temp dir.

use crate::common;

use common::*;
use tokshop::domain::attention::AttentionKind;
use tokshop::domain::outbox::OutboxState;
use tokshop::domain::shop::ShopStatus;
use tokshop::sandbox::seed::Seed;
use tokshop::sync::outbox;
use tokshop::sync::shops::{connections, disconnect, reminders, tokens};

#[tokio::test]
async fn connect_list_refresh_and_disconnect() {
    let sb = sandbox(Seed::Demo).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = sync_ctx(&sb, dir.path());

    // A store must exist first, and its name must be sane.
    let code = sb.issue_code(Some("Maomao Beauty")).expect("code");
    let err = connections::connect_with_code(&ctx, "main", &code, None).await.expect_err("no store yet");
    assert!(err.to_string().contains("tokshop stores add main"), "{err}");
    assert!(connections::add_store(&ctx, "bad name").is_err());
    connections::add_store(&ctx, "main").expect("add store");

    // One store to several shops: both of the seller's shops by default.
    let code = sb.issue_code(Some("Maomao Beauty")).expect("code");
    let linked = connections::connect_with_code(&ctx, "main", &code, None).await.expect("connect");
    assert_eq!(linked.len(), 2);
    // A code is single use.
    let again = connections::connect_with_code(&ctx, "main", &code, None).await.expect_err("reused code");
    assert!(again.to_string().contains("36004004") && again.to_string().contains("already been used"), "{again}");

    let shops = ctx.store.list_shops().expect("shops");
    assert!(shops.iter().all(|s| s.status == ShopStatus::Active && s.store == "main"));
    let grant = ctx.store.get_grant(&shops[0].grant_id).expect("read").expect("grant");
    assert_eq!(grant.seller_name, "Maomao Beauty");

    // The same shops cannot join a second store while connected.
    connections::add_store(&ctx, "other").expect("add");
    let code = sb.issue_code(Some("Maomao Beauty")).expect("code");
    let e = connections::connect_with_code(&ctx, "other", &code, None).await.expect_err("conflict");
    assert!(e.to_string().contains("already connected to store \"main\""), "{e}");

    // Choosing a shop the seller did not authorize names the ones it did.
    connections::add_store(&ctx, "north").expect("add");
    let code = sb.issue_code(Some("Northwind Outfitters")).expect("code");
    let e =
        connections::connect_with_code(&ctx, "north", &code, Some(&["123".to_string()])).await.expect_err("bad shop");
    assert!(e.to_string().contains("not among the shops this seller authorized"), "{e}");
    let code = sb.issue_code(Some("Northwind Outfitters")).expect("code");
    let north = connections::connect_with_code(&ctx, "north", &code, None).await.expect("connect north");
    assert_eq!(north.len(), 1);

    // Refresh rotates both tokens; the old refresh token is dead.
    let gb = shops.iter().find(|s| s.region == "GB").expect("GB shop").clone();
    let before = ctx.store.get_grant(&gb.grant_id).expect("read").expect("grant");
    let after = tokens::refresh_shop(&ctx, &ctx.tokens, &gb.id).await.expect("refresh");
    assert_ne!(before.access_token, after.access_token);
    assert_ne!(before.refresh_token, after.refresh_token);
    let stale = ctx.api.refresh_access_token(&before.refresh_token, sb.now()).await.expect_err("old refresh token");
    assert!(stale.to_string().contains("refresh_token"), "{stale}");

    // Eight days later the access token has expired on TikTok's side: a shop call refreshes
    // once (105002) and succeeds.
    sb.advance_clock(8 * 86_400);
    let hooks = ctx.api.get_shop_webhooks(&gb.id, &gb.cipher).await.expect("call after expiry");
    assert!(hooks.is_empty());
    let renewed = ctx.store.get_grant(&gb.grant_id).expect("read").expect("grant");
    assert_ne!(renewed.access_token, after.access_token);

    // Disconnect the GB shop: sync stops, TikTok deauthorizes it, the credentials stay for the
    // US shop of the same seller.
    let item = disconnect::disconnect(&ctx, &gb.id).expect("disconnect").expect("an outbox item");
    assert_eq!(ctx.store.get_shop(&gb.id).expect("read").expect("shop").status, ShopStatus::Disconnected);
    outbox::drain_once(&ctx).await;
    let done = ctx.store.get_outbox(item.id).expect("read").expect("item");
    assert!(matches!(done.state, OutboxState::Done { .. }), "{:?}", done.state);
    let still = ctx.api.get_authorized_shops(&renewed.access_token).await.expect("shops");
    assert_eq!(still.len(), 1, "TikTok no longer lists the GB shop");
    assert!(ctx.store.get_grant(&gb.grant_id).expect("read").is_some());
    assert!(disconnect::disconnect(&ctx, &gb.id).is_err(), "already disconnected");

    // Disconnect the US shop too: now the credentials go; the history stays.
    let us = shops.iter().find(|s| s.region == "US").expect("US shop").clone();
    disconnect::disconnect(&ctx, &us.id).expect("disconnect");
    outbox::drain_once(&ctx).await;
    assert!(ctx.store.get_grant(&us.grant_id).expect("read").is_none());
    assert_eq!(ctx.store.list_shops().expect("shops").len(), 3);

    // The store can go now that its shops are disconnected; north's cannot.
    connections::remove_store(&ctx, "main").expect("remove main");
    assert!(connections::remove_store(&ctx, "north").is_err());
    let audit = ctx.store.recent_audit(50).expect("audit");
    assert!(audit.iter().any(|a| a.command == "outbox" && a.outcome.to_string().starts_with("ok: deauthorized")));
    sb.shutdown();
}

#[tokio::test]
async fn countdown_reminds_and_reauthorization_keeps_the_shop() {
    let sb = sandbox(Seed::Demo).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = sync_ctx(&sb, dir.path());
    connections::add_store(&ctx, "north").expect("add");
    let code = sb.issue_code(Some("Northwind Outfitters")).expect("code");
    let shop = connections::connect_with_code(&ctx, "north", &code, None).await.expect("connect").remove(0);

    // Northwind's authorization ends in 20 days: the 30-day reminder is due.
    assert_eq!(reminders::check(&ctx), 1);
    assert_eq!(reminders::check(&ctx), 0, "the same threshold reminds once");
    let s = ctx.store.get_shop(&shop.id).expect("read").expect("shop");
    assert!(matches!(s.status, ShopStatus::ReauthorizeBy(_)), "{:?}", s.status);
    let items = ctx.store.open_attention().expect("inbox");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].kind, AttentionKind::Reauthorize);
    assert!(items[0].deadline.is_some());

    // Re-authorize: the same shop, same connected_at, status active again, reminder resolved.
    let (pending, url) = connections::begin_reauthorize(&ctx, &shop.id, false).expect("begin");
    assert!(url.contains(&format!("state={}", pending.state)) && url.contains("service_id="), "{url}");
    let code = sb.issue_code(Some("Northwind Outfitters")).expect("code");
    connections::exchange(&ctx, &pending.state, &code).await.expect("exchange");
    let linked = connections::link(&ctx, &pending.state, None).expect("link");
    assert_eq!(linked[0].connected_at, shop.connected_at);
    assert_eq!(ctx.store.get_shop(&shop.id).expect("read").expect("shop").status, ShopStatus::Active);
    assert!(ctx.store.open_attention().expect("inbox").is_empty());
    sb.shutdown();
}

#[tokio::test]
async fn ended_authorization_requires_reauthorization() {
    let sb = sandbox(Seed::Demo).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = sync_ctx(&sb, dir.path());
    connections::add_store(&ctx, "north").expect("add");
    let code = sb.issue_code(Some("Northwind Outfitters")).expect("code");
    let shop = connections::connect_with_code(&ctx, "north", &code, None).await.expect("connect").remove(0);
    // 21 days on: TikTok ends the authorization; refresh fails for good.
    sb.advance_clock(21 * 86_400);
    let e = tokens::refresh_shop(&ctx, &ctx.tokens, &shop.id).await.expect_err("refresh after the end");
    assert!(e.to_string().contains("105002"), "{e}");
    let s = ctx.store.get_shop(&shop.id).expect("read").expect("shop");
    assert_eq!(s.status, ShopStatus::ReauthorizationRequired);
    let items = ctx.store.open_attention().expect("inbox");
    assert!(items.iter().any(|i| i.kind == AttentionKind::TokenRefreshFailed), "{items:?}");
    sb.shutdown();
}

#[tokio::test]
async fn background_refresh_and_the_7_and_1_day_reminders() {
    let sb = sandbox(Seed::Demo).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ctx = sync_ctx(&sb, dir.path());
    // Our own clock, moved by hand (token endpoints are unsigned, so no timestamp window).
    let clock = tokshop::clock::ManualClock::new(sb.now());
    ctx.clock = clock.clone();
    connections::add_store(&ctx, "north").expect("add");
    let code = sb.issue_code(Some("Northwind Outfitters")).expect("code");
    let shop = connections::connect_with_code(&ctx, "north", &code, None).await.expect("connect").remove(0);
    let g0 = ctx.store.get_grant(&shop.grant_id).expect("read").expect("grant");

    // Nothing to refresh yet; six and a half days on, the token is within a day of expiry.
    tokens::refresh_due(&ctx, &ctx.tokens).await;
    assert_eq!(ctx.store.get_grant(&shop.grant_id).expect("read").expect("grant").access_token, g0.access_token);
    clock.advance(6 * 86_400 + 43_200);
    let tokens =
        tokshop::sync::shops::tokens::StoreTokens::new(ctx.store.clone(), ctx.api.clone(), clock.clone(), "test");
    tokens::refresh_due(&ctx, &tokens).await;
    let g1 = ctx.store.get_grant(&shop.grant_id).expect("read").expect("grant");
    assert_ne!(g1.access_token, g0.access_token, "refreshed ahead of expiry");

    // 30-day reminder now (20 days left), 7-day and 1-day ones later, each once.
    assert_eq!(reminders::check(&ctx), 1);
    clock.set(g1.refresh_token_expire_in - 7 * 86_400 + 60);
    assert_eq!(reminders::check(&ctx), 1);
    assert_eq!(reminders::check(&ctx), 0);
    clock.set(g1.refresh_token_expire_in - 86_400 + 60);
    assert_eq!(reminders::check(&ctx), 1);
    // The operator dismissed it? The next threshold re-opens the same item.
    assert_eq!(ctx.store.open_attention().expect("inbox").len(), 1);
    // Past the end: re-authorization required, once.
    clock.set(g1.refresh_token_expire_in + 1);
    assert_eq!(reminders::check(&ctx), 1);
    assert_eq!(reminders::check(&ctx), 0);
    assert_eq!(ctx.store.get_shop(&shop.id).expect("read").expect("shop").status, ShopStatus::ReauthorizationRequired);
    sb.shutdown();
}

#[tokio::test]
async fn the_callback_links_shops_or_asks_the_operator() {
    use tokshop::domain::authorization::AuthPurpose;
    let sb = sandbox(Seed::Demo).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (utx, mut urx) = tokio::sync::mpsc::unbounded_channel();
    let mut ctx = sync_ctx(&sb, dir.path());
    ctx.updates = tokshop::sync::Updates::new(utx);
    let (r, rx) = receiver(&ctx.store).await;
    sb.set_redirect_url(Some(r.callback_url()));
    let eng = tokshop::sync::engine::spawn(ctx.clone(), rx, tokshop::sync::engine::Intervals::default());
    let http = tokshop::api::client::http_client(std::time::Duration::from_secs(5)).expect("http");
    connections::add_store(&ctx, "main").expect("add");

    // A link from `shops auth-url` (not interactive): every authorized shop is linked.
    let (_, url) = connections::begin(&ctx, "main", AuthPurpose::Connect, false).expect("begin");
    let page =
        http.get(format!("{url}&seller=Maomao%20Beauty")).send().await.expect("consent").text().await.expect("page");
    assert!(page.contains("received the authorization for store \"main\""), "{page}");
    for _ in 0..200 {
        if ctx.store.list_shops().expect("shops").len() == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(ctx.store.list_shops().expect("shops").len(), 2);
    assert!(ctx.store.open_attention().expect("inbox").iter().any(|i| i.title.starts_with("Connected")));

    // From the console (interactive): the shops come back for the operator to choose.
    let (p, url) = connections::begin(&ctx, "main", AuthPurpose::Connect, true).expect("begin");
    http.get(format!("{url}&seller=Lumen%20Home")).send().await.expect("consent");
    let shops = loop {
        match tokio::time::timeout(std::time::Duration::from_secs(5), urx.recv())
            .await
            .expect("an update")
            .expect("open")
        {
            tokshop::message::Update::Shops(tokshop::message::ShopsAnswer::AuthorizedShops { state, shops }) => {
                assert_eq!(state, p.state);
                break shops;
            }
            _ => continue,
        }
    };
    assert_eq!(shops.len(), 1);
    assert_eq!(ctx.store.list_shops().expect("shops").len(), 2, "nothing linked until the operator chooses");
    // A stale or forged state is refused by the callback.
    let bad = http.get(format!("{}?code=x&state=forged", r.callback_url())).send().await.expect("callback");
    assert_eq!(bad.status().as_u16(), 400);
    eng.stop();
    r.shutdown();
    sb.shutdown();
}

#[tokio::test]
async fn a_cancelled_connection_takes_back_the_store_it_created_but_never_a_used_one() {
    let sb = sandbox(Seed::Demo).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = sync_ctx(&sb, dir.path());
    let (a, b) = (tokio::sync::Notify::new(), tokio::sync::Notify::new());
    let wakes = tokshop::sync::commands::Wakes { outbox: &a, orders: &b };
    let run = |c: tokshop::message::ShopsCommand| tokshop::sync::commands::run(&ctx, c.into(), &wakes);
    let names = |ctx: &tokshop::sync::SyncCtx| -> Vec<String> {
        ctx.store.list_stores().expect("stores").into_iter().map(|s| s.name).collect()
    };
    run(tokshop::message::ShopsCommand::BeginConnect { store: "pop-up".into(), create_store: true }).await;
    assert_eq!(names(&ctx), vec!["pop-up".to_string()], "Enter makes the store, as before");
    run(tokshop::message::ShopsCommand::CancelConnect { state: String::new(), created_store: Some("pop-up".into()) })
        .await;
    assert!(names(&ctx).is_empty(), "Esc takes it back");
    // A store that got a shop in the meantime stays.
    let shops = connect(&ctx, &sb, "main", "Maomao Beauty").await;
    assert!(!shops.is_empty());
    run(tokshop::message::ShopsCommand::CancelConnect { state: String::new(), created_store: Some("main".into()) })
        .await;
    assert_eq!(names(&ctx), vec!["main".to_string()]);
    sb.shutdown();
}

/// What the seller's browser gets from an authorization link without a redirect URL: the code.
async fn consent(url: &str) -> String {
    let body = reqwest::get(url).await.expect("consent page").text().await.expect("body");
    body.lines().last().expect("the code").trim().to_string()
}

#[tokio::test]
async fn reauthorizing_consents_as_the_shops_own_seller_and_moves_the_expiry() {
    let sb = sandbox(Seed::Demo).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = sync_ctx(&sb, dir.path());
    connections::add_store(&ctx, "north").expect("add");
    let code = sb.issue_code(Some("Northwind Outfitters")).expect("code");
    let shop = connections::connect_with_code(&ctx, "north", &code, None).await.expect("connect").remove(0);
    let open_id = ctx.store.get_shop(&shop.id).expect("read").expect("shop").grant_id;
    let before = ctx.store.get_grant(&open_id).expect("read").expect("grant").refresh_token_expire_in;
    sb.advance_clock(3 * 86_400);
    // The link the console opens: the sandbox's consent page must log in Northwind's seller,
    // not the first seller who has not authorized yet.
    let (pending, url) = connections::begin_reauthorize(&ctx, &shop.id, false).expect("begin");
    let code = consent(&url).await;
    let p = connections::exchange(&ctx, &pending.state, &code).await.expect("exchange");
    assert_eq!(p.grant.as_ref().map(|g| g.seller_name.as_str()), Some("Northwind Outfitters"));
    connections::link(&ctx, &pending.state, None).expect("link");
    let after = ctx.store.get_grant(&open_id).expect("read").expect("grant").refresh_token_expire_in;
    assert!(after >= before + 3 * 86_400, "the authorization's end moved: {before} -> {after}");
    sb.shutdown();
}

#[tokio::test]
async fn a_token_tiktok_no_longer_knows_means_reauthorize_in_the_inbox_never_active() {
    // A demo data dir reopened: the store's grants come from a sandbox that is gone.
    let old = sandbox(Seed::Demo).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let shop = {
        let ctx = sync_ctx(&old, dir.path());
        connections::add_store(&ctx, "north").expect("add");
        let code = old.issue_code(Some("Northwind Outfitters")).expect("code");
        connections::connect_with_code(&ctx, "north", &code, None).await.expect("connect").remove(0)
    };
    old.shutdown();
    let sb = sandbox(Seed::Demo).await;
    let ctx = sync_ctx(&sb, dir.path());
    let settings = tokshop::sync::orders::OrderSyncSettings::default();
    let e = tokshop::sync::orders::sync_shop(&ctx, &shop, &settings).await.expect_err("a refused token");
    let s = ctx.store.get_shop(&shop.id).expect("read").expect("shop");
    assert_eq!(s.status, ShopStatus::ReauthorizationRequired, "{e}");
    let items = ctx.store.open_attention().expect("inbox");
    assert!(items.iter().any(|i| i.kind == AttentionKind::TokenRefreshFailed && i.title.contains("re-authorize")));
    sb.shutdown();
}
