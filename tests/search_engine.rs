//! Searching the shop's TikTok products from the console through a running engine against the
//! sandbox: `/` with `status:ACTIVATE sku:LV-SER-30` yields the sandbox's matching products (the
//! engine pages Search Products as `products search` does); an unknown status is named in the
//! prompt and nothing reaches the engine; `products search` refuses it too (exit 2).

use crate::live_engine::{attached, heard};
use crate::live_listings_cli::cli_world;
use crate::suggest_engine::console_on;
use crate::ui::{NOW, key, press, type_text};
use crossterm::event::KeyCode;
use std::collections::BTreeSet;
use tokio::task::block_in_place;
use tokshop::engine::views::RemoteViews;
use tokshop::message::{CatalogAnswer, CatalogCommand, Command, Update};
use tokshop::ui::overlays::message::MessageView;
use tokshop::ui::overlays::prompt::Prompt;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_searches_the_shops_tiktok_products_by_status_and_sku() {
    let c = cli_world().await;
    let (eng, _store, cmds, mut rx) = attached(&c).await;
    let us = c.us.clone();
    let want: BTreeSet<String> = {
        let w = c.sb.state.lock();
        let products = w.catalog.shops.get(&us).map(|s| s.products.values().cloned().collect::<Vec<_>>());
        products
            .unwrap_or_default()
            .into_iter()
            .filter(|p| p.status == "ACTIVATE" && p.skus.iter().any(|k| k.seller_sku == "LV-SER-30"))
            .map(|p| p.id)
            .collect()
    };
    assert!(!want.is_empty(), "the sandbox has the live serum");
    let views = RemoteViews::new(eng.server.socket.clone(), false);
    let mut a = block_in_place(|| console_on(&views, &us));

    // A status TikTok does not know: named in the prompt, nothing sent.
    let out = block_in_place(|| {
        assert!(press(&mut a, &views, "search-tiktok-products").is_empty());
        type_text(&mut a, &views, "ACTIVE");
        key(&mut a, &views, KeyCode::Enter)
    });
    assert!(out.is_empty(), "{out:?}");
    let e = a.top::<Prompt>().and_then(|p| p.error.clone()).expect("the reason");
    assert!(e.contains("one of ALL, ACTIVATE, SELLER_DEACTIVATED"), "{e}");

    // The filter typed again: one SearchProducts, answered with the sandbox's matching products.
    let out = block_in_place(|| {
        for _ in 0.."ACTIVE".len() {
            key(&mut a, &views, KeyCode::Backspace);
        }
        type_text(&mut a, &views, "status:ACTIVATE sku:LV-SER-30");
        key(&mut a, &views, KeyCode::Enter)
    });
    let [Command::Catalog(CatalogCommand::SearchProducts { shop_id, status, skus })] = out.as_slice() else {
        panic!("one search: {out:?}")
    };
    assert_eq!((shop_id, status.as_str(), skus.as_slice()), (&us, "ACTIVATE", &["LV-SER-30".to_string()][..]));
    for c in out {
        cmds.send(c).expect("send");
    }
    let answer = heard(&mut rx, "the products", |u| matches!(u, Update::Catalog(CatalogAnswer::Products { .. })));
    let answer = answer.await;
    let Update::Catalog(CatalogAnswer::Products { found, more, .. }) = &answer else { unreachable!() };
    let got: BTreeSet<String> = found.iter().map(|p| p.id.clone()).collect();
    assert_eq!(got, want);
    assert!(!more && found.iter().all(|p| p.status == "ACTIVATE" && p.seller_skus.contains(&"LV-SER-30".into())));
    block_in_place(|| a.on_update(answer, &views, NOW));
    let text: Vec<String> = a.top::<MessageView>().expect("shown").lines().iter().map(|l| l.to_string()).collect();
    assert!(text[0].starts_with(&format!("{} product", want.len())), "{text:?}");
    assert!(text[0].ends_with("· ACTIVATE · sku LV-SER-30"), "{text:?}");
    for id in &want {
        assert!(text.iter().any(|l| l.contains(id.as_str())), "{id} missing: {text:?}");
    }
    eng.stop();
    c.sb.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_refuses_an_unknown_status_naming_the_valid_ones() {
    let c = cli_world().await;
    let o = c.env.run_async(&["products", "search", "--shop", &c.us, "--status", "active"]).await;
    assert_eq!(o.status.code(), Some(2), "a usage error");
    let e = crate::common::bin::stderr(&o);
    assert!(e.contains("Unknown status ACTIVE: one of ALL, ACTIVATE, SELLER_DEACTIVATED"), "{e}");
    c.sb.shutdown();
}
