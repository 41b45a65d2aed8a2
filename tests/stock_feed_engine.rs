//! A stock feed (`tokshop catalog stock` on stdin) with the engine running reaches TikTok by
//! itself, through the engine's coalesced push: a burst of 2,000 lines for two SKUs ends as one
//! Update Inventory per shop, with the feed's last values, and no `listings push` is run.

use crate::common::bin::{stderr, stdout};
use crate::live_listings_cli::cli_world;
use std::time::Duration;
use tokshop::engine::{client, protocol};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stock_feed_reaches_every_shop_through_the_engines_coalesced_push() {
    let mut c = cli_world().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    c.env.set("TOKSHOP_WEBHOOK_LISTEN", &format!("127.0.0.1:{port}"));
    let socket = protocol::socket_path(&c.env.data_dir());
    let mut engine = c
        .env
        .command(&["daemon"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn the engine");
    for _ in 0..400 {
        if client::alive(&socket) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(client::alive(&socket), "the engine answers");
    let calls = || c.sb.state.lock().catalog.live.inventory_calls;
    let before = calls();

    let mut feed = String::new();
    for i in 0..1000 {
        feed.push_str(&format!("LV-SER-30,{}\nLV-SER-50,{}\n", 100 + i % 50, 60 + i % 30));
    }
    feed.push_str("LV-SER-30,7\nLV-SER-50,2\n");
    let o = c.env.run_with_stdin(&["catalog", "stock"], feed.into_bytes()).await;
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("2002 applied"), "{}", stdout(&o));

    let stock = |shop: &str, sku: &str| c.sb.sku_state(shop, sku).map(|s| s.0);
    let want = |shop: &str| stock(shop, "LV-SER-30") == Some(7) && stock(shop, "LV-SER-50") == Some(2);
    for _ in 0..400 {
        if want(&c.us) && want(&c.uk) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(want(&c.us) && want(&c.uk), "TikTok shows the feed's last values on both shops");
    // Give a stray second push the time to happen, then count: one call per product and shop.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(calls() - before, 2, "one Update Inventory per shop for the whole feed");

    let o = c.env.run_async(&["daemon", "stop"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let status = tokio::task::spawn_blocking(move || engine.wait()).await.expect("join").expect("wait");
    assert!(status.success());
    c.sb.shutdown();
}
