//! Webhook-driven read-back: a Seller Center edit of a live product's price and stock reaches
//! tokshop as webhook 15 (`change_source` SELLER_CENTER); the engine reads that product's stock
//! and prices back at once and records the drift, without `listings drift` or the hourly read,
//! and never overwrites TikTok on its own.

use crate::live_engine::{attached, heard};
use crate::live_listings_cli::cli_world;
use std::time::Duration;
use tokshop::message::{Topic, Update};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seller_center_edit_shows_as_drift_within_seconds_through_its_webhook() {
    let c = cli_world().await;
    let (eng, store, _cmds, mut rx) = attached(&c).await;
    let url = eng.running.receiver.as_ref().expect("the engine receives webhooks").webhook_url();
    c.sb.set_webhook_url(Some(url));
    let us = c.us.clone();
    let pid = store.listings_of(&us, "main", "glow-serum").expect("read")[0].product_id.clone();
    let drift = || store.live_sync(&us, &pid).ok().flatten().map(|s| s.drift.len()).unwrap_or_default();
    assert_eq!(drift(), 0, "no drift before the edit");

    c.sb.seller_center_edit(&us, "LV-SER-30", Some(77), Some("18.00"));
    heard(&mut rx, "the shop's Listings topic", |u| *u == Update::Changed(Topic::Listings(us.clone()))).await;
    crate::common::until("the drift is recorded", || drift() == 2).await;
    let types: Vec<i64> = c.sb.deliveries().iter().map(|d| d.type_code).collect();
    assert!(types.contains(&15), "webhook 15 was sent: {types:?}");
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(c.sb.sku_state(&us, "LV-SER-30").expect("sku"), (77, "18.00".to_string()), "never overwritten");
    // The other shop's product was not touched, so it shows no drift.
    let uk_pid = store.listings_of(&c.uk, "main", "glow-serum").expect("read")[0].product_id.clone();
    assert!(store.live_sync(&c.uk, &uk_pid).expect("read").expect("state").drift.is_empty());
    eng.stop();
    c.sb.shutdown();
}
