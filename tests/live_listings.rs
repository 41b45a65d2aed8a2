//! Live listings kept in step with the platform over loopback (CAT-POST-INVENTORY,
//! CAT-POST-PRICE, CAT-POST-STOP): a change reaches every shop where the product is live,
//! coalesced to one call per product; a promotion's price lock is explained, not retried; a
//! Seller Center edit is drift and waits for the seller's choice; stopped fields stay; units an
//! order holds lower every shop; the shop's stock rules apply.

use crate::common::*;
use rust_decimal::Decimal;
use serde_json::json;
use tokshop::domain::catalog::parse_json;
use tokshop::domain::listing_sync::{StockRules, SyncStops};
use tokshop::domain::order::Source;
use tokshop::domain::order::{Order, OrderLine, OrderStatus};
use tokshop::domain::shop::Shop;
use tokshop::sandbox::seed::Seed;
use tokshop::store::catalog as store_catalog;
use tokshop::store::listing_sync as live;
use tokshop::sync::catalog::{drift, listing};
use tokshop::sync::{SyncCtx, outbox};

pub struct Live {
    pub sb: tokshop::sandbox::SandboxHandle,
    pub ctx: SyncCtx,
    pub us: Shop,
    pub uk: Shop,
    pub _dir: tempfile::TempDir,
}

/// Maomao Beauty's US and UK shops both sell `glow-serum` (two SKUs), made in Seller Center and
/// matched by SKU, and its first push has set both shops to the platform's stock.
pub async fn live_world() -> Live {
    let sb = sandbox(Seed::Demo).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = sync_ctx(&sb, &dir.path().join("data"));
    let shops = connect(&ctx, &sb, "main", "Maomao Beauty").await;
    let by = |r: &str| shops.iter().find(|s| s.region == r).cloned().expect("shop");
    let (us, uk) = (by("US"), by("GB"));
    let text = json!({"products": [
        {"handle": "glow-serum", "title": "Glow Serum", "vendor": "Maomao", "product_type": "Serums",
         "options": ["Size"],
         "variants": [{"sku": "LV-SER-30", "option_values": ["30 ml"], "price": "20.00", "inventory": 10},
                      {"sku": "LV-SER-50", "option_values": ["50 ml"], "price": "20.00", "inventory": 4}]}
    ]})
    .to_string();
    let (products, errors) = parse_json(&text, "main", "USD");
    assert!(errors.is_empty(), "{errors:?}");
    ctx.store.import_products(&products, ctx.now()).expect("import");
    for s in [&us, &uk] {
        sb.seller_center_product(&s.id, "Glow Serum", "Serums", &[("LV-SER-30", "20.00"), ("LV-SER-50", "20.00")])
            .or_else(|| {
                sb.seller_center_product(&s.id, "Glow Serum", "Mugs", &[("LV-SER-30", "20.00"), ("LV-SER-50", "20.00")])
            })
            .expect("a live product");
        listing::match_products(&ctx, s).await.expect("match");
    }
    outbox::drain_background(&ctx, None).await;
    for s in [&us, &uk] {
        assert_eq!(stock(&sb, s, "LV-SER-30"), 10, "the first push sets TikTok to the platform's stock");
        assert_eq!(stock(&sb, s, "LV-SER-50"), 4);
    }
    Live { sb, ctx, us, uk, _dir: dir }
}

pub fn stock(sb: &tokshop::sandbox::SandboxHandle, s: &Shop, sku: &str) -> i64 {
    sb.sku_state(&s.id, sku).expect("sku").0
}

fn price(sb: &tokshop::sandbox::SandboxHandle, s: &Shop, sku: &str) -> String {
    sb.sku_state(&s.id, sku).expect("sku").1
}

/// A catalogue edit as `catalog set` makes it.
pub fn set(ctx: &SyncCtx, sku: &str, stock: Option<i64>, price: Option<&str>) {
    let mut p = ctx.store.product_by_sku(Some("main"), sku).expect("read").expect("product");
    let v = p.variants.iter_mut().find(|v| v.sku == sku).expect("variant");
    if let Some(n) = stock {
        v.inventory = n;
    }
    if let Some(pr) = price {
        v.price = pr.parse().expect("price");
    }
    p.updated_at = ctx.now();
    ctx.store.write(|t| store_catalog::put_product(t, &p)).expect("save");
}

fn product_id(w: &Live, s: &Shop) -> String {
    w.ctx.store.listings_of(&s.id, "main", "glow-serum").expect("listings").remove(0).product_id
}

#[tokio::test]
async fn a_change_reaches_every_live_shop_once_however_many_changes_came() {
    let w = live_world().await;
    let (inv0, _) = w.sb.push_counters();
    for n in 1..=100 {
        set(&w.ctx, "LV-SER-30", Some(n), None);
    }
    assert_eq!(w.ctx.store.changed_count(&w.us.id).expect("count"), 1, "one product waits, not 100 changes");
    outbox::drain_background(&w.ctx, None).await;
    assert_eq!((stock(&w.sb, &w.us, "LV-SER-30"), stock(&w.sb, &w.uk, "LV-SER-30")), (100, 100));
    assert_eq!(w.sb.push_counters().0 - inv0, 2, "one Update Inventory per shop for 100 changes");
    // A price in the platform's currency reaches the US shop; the UK shop sells in GBP.
    set(&w.ctx, "LV-SER-50", None, Some("22.50"));
    outbox::drain_background(&w.ctx, None).await;
    assert_eq!(price(&w.sb, &w.us, "LV-SER-50"), "22.50");
    assert_eq!(price(&w.sb, &w.uk, "LV-SER-50"), "20.00", "no USD price is pushed to a GBP shop");
    let state = w.ctx.store.live_sync(&w.us.id, &product_id(&w, &w.us)).expect("read").expect("state");
    assert_eq!(state.last_kind, "pushed", "{}", state.last_outcome);
    assert!(state.last_outcome.contains("price 22.50 USD"), "{}", state.last_outcome);
    // Nothing changed: nothing is sent.
    let before = w.sb.push_counters();
    w.ctx.store.write(|t| live::mark(t, &w.us.id, &product_id(&w, &w.us), 1)).expect("mark");
    outbox::drain_background(&w.ctx, None).await;
    assert_eq!(w.sb.push_counters(), before, "TikTok already shows it: no call");
    w.sb.shutdown();
}

#[tokio::test]
async fn a_promotion_lock_is_explained_not_retried_and_stock_still_goes() {
    let w = live_world().await;
    w.sb.lock_price(&product_id(&w, &w.us), true);
    set(&w.ctx, "LV-SER-30", Some(6), Some("25.00"));
    outbox::drain_background(&w.ctx, Some(&w.us.id)).await;
    assert_eq!(stock(&w.sb, &w.us, "LV-SER-30"), 6);
    assert_eq!(price(&w.sb, &w.us, "LV-SER-30"), "20.00");
    let state = w.ctx.store.live_sync(&w.us.id, &product_id(&w, &w.us)).expect("read").expect("state");
    assert_eq!(state.last_kind, "refused");
    assert!(state.last_outcome.contains("price locked by a promotion on TikTok (12052038)"), "{}", state.last_outcome);
    assert_eq!(w.ctx.store.changed_count(&w.us.id).expect("count"), 0, "not retried");
    let pending = w
        .ctx
        .store
        .all_outbox()
        .expect("outbox")
        .into_iter()
        .filter(|i| i.shop_id == w.us.id && i.state == tokshop::domain::outbox::OutboxState::Pending)
        .count();
    assert_eq!(pending, 0, "the push item is done, its product's outcome says why");
    w.sb.shutdown();
}

#[tokio::test]
async fn a_seller_center_edit_is_drift_and_waits_for_the_sellers_choice() {
    let w = live_world().await;
    w.sb.seller_center_edit(&w.us.id, "LV-SER-30", Some(77), Some("18.00"));
    set(&w.ctx, "LV-SER-30", Some(9), None);
    outbox::drain_background(&w.ctx, None).await;
    assert_eq!(stock(&w.sb, &w.us, "LV-SER-30"), 77, "never overwritten without a choice");
    assert_eq!(stock(&w.sb, &w.uk, "LV-SER-30"), 9, "the other shop follows the platform");
    let found = drift::check(&w.ctx, &w.us, true).await.expect("drift");
    assert_eq!(found.len(), 1);
    let fields: Vec<(&str, &str, &str)> =
        found[0].drift.iter().map(|d| (d.field.as_str(), d.theirs.as_str(), d.ours.as_str())).collect();
    assert_eq!(fields, vec![("stock", "77", "9"), ("price", "18.00", "20.00")]);
    assert!(drift::check(&w.ctx, &w.uk, true).await.expect("drift").is_empty());
    // Push ours: the next push overwrites TikTok once.
    drift::resolve(&w.ctx, &w.us, "main", "glow-serum", true).expect("push ours");
    outbox::drain_background(&w.ctx, None).await;
    assert_eq!((stock(&w.sb, &w.us, "LV-SER-30"), price(&w.sb, &w.us, "LV-SER-30").as_str()), (9, "20.00"));
    // Take theirs: TikTok's price becomes this shop's price, its stock the basis until the next change.
    w.sb.seller_center_edit(&w.us.id, "LV-SER-30", Some(40), Some("19.00"));
    assert_eq!(drift::check(&w.ctx, &w.us, true).await.expect("drift").len(), 1);
    drift::resolve(&w.ctx, &w.us, "main", "glow-serum", false).expect("take theirs");
    assert!(drift::check(&w.ctx, &w.us, true).await.expect("drift").is_empty());
    let draft = w.ctx.store.draft(&w.us.id, "main", "glow-serum").expect("read").expect("draft");
    assert_eq!(draft.prices.get("LV-SER-30"), Some(&Decimal::new(1900, 2)));
    set(&w.ctx, "LV-SER-30", Some(8), None);
    outbox::drain_background(&w.ctx, None).await;
    assert_eq!((stock(&w.sb, &w.us, "LV-SER-30"), price(&w.sb, &w.us, "LV-SER-30").as_str()), (8, "19.00"));
    w.sb.shutdown();
}

#[tokio::test]
async fn a_stopped_field_stays_and_resuming_pushes_it() {
    let w = live_world().await;
    let pid = product_id(&w, &w.us);
    let mut st = w.ctx.store.live_sync(&w.us.id, &pid).expect("read").expect("state");
    st.stops = SyncStops { stock: true, price: false, info: false };
    w.ctx.store.write(|t| live::record(t, &st, None)).expect("stop");
    set(&w.ctx, "LV-SER-30", Some(3), None);
    outbox::drain_background(&w.ctx, None).await;
    assert_eq!((stock(&w.sb, &w.us, "LV-SER-30"), stock(&w.sb, &w.uk, "LV-SER-30")), (10, 3));
    st.stops = SyncStops::default();
    w.ctx
        .store
        .write(|t| {
            live::record(t, &st, None)?;
            live::mark(t, &w.us.id, &pid, 1)
        })
        .expect("resume");
    outbox::drain_background(&w.ctx, None).await;
    assert_eq!(stock(&w.sb, &w.us, "LV-SER-30"), 3);
    w.sb.shutdown();
}

fn order_for(w: &Live, s: &Shop, id: &str, status: OrderStatus, at: i64) -> Order {
    let pid = product_id(w, s);
    let l = w.ctx.store.listing(&s.id, &pid).expect("read").expect("listing");
    let sku = l.skus.iter().find(|k| k.seller_sku == "LV-SER-50").expect("sku").id.clone();
    Order {
        id: id.into(),
        shop_id: s.id.clone(),
        status,
        update_time: at,
        lines: vec![OrderLine {
            id: format!("{id}-1"),
            sku_id: sku,
            product_id: pid,
            seller_sku: "LV-SER-50".into(),
            ..OrderLine::default()
        }],
        ..Order::default()
    }
}

#[tokio::test]
async fn an_order_holding_units_lowers_every_shop_until_it_is_cancelled() {
    let w = live_world().await;
    set(&w.ctx, "LV-SER-50", Some(1), None);
    outbox::drain_background(&w.ctx, None).await;
    assert_eq!((stock(&w.sb, &w.us, "LV-SER-50"), stock(&w.sb, &w.uk, "LV-SER-50")), (1, 1));
    // The last unit sells on the US shop: TikTok lowers that shop itself; tokshop lowers the UK.
    w.sb.sell(&w.us.id, "LV-SER-50", 1);
    let now = w.ctx.now();
    w.ctx
        .store
        .upsert_orders(&[order_for(&w, &w.us, "9001", OrderStatus::AwaitingShipment, now)], Source::Poll, now)
        .expect("order");
    assert_eq!(w.ctx.store.held("main", "LV-SER-50").expect("held"), 1);
    outbox::drain_background(&w.ctx, None).await;
    assert_eq!((stock(&w.sb, &w.us, "LV-SER-50"), stock(&w.sb, &w.uk, "LV-SER-50")), (0, 0), "never sold twice");
    let us = w.ctx.store.live_sync(&w.us.id, &product_id(&w, &w.us)).expect("read").expect("state");
    assert!(us.drift.is_empty(), "TikTok's own sale is not drift: {:?}", us.drift);
    w.ctx
        .store
        .upsert_orders(&[order_for(&w, &w.us, "9001", OrderStatus::Cancelled, now + 5)], Source::Poll, now)
        .expect("cancelled");
    assert_eq!(w.ctx.store.held("main", "LV-SER-50").expect("held"), 0);
    outbox::drain_background(&w.ctx, None).await;
    let uk = w.ctx.store.live_sync(&w.uk.id, &product_id(&w, &w.uk)).expect("read").expect("state");
    assert_eq!(stock(&w.sb, &w.uk, "LV-SER-50"), 1, "the unit is back on sale: {uk:?}");
    w.sb.shutdown();
}

#[tokio::test]
async fn a_shops_stock_rules_keep_back_share_and_cap() {
    let w = live_world().await;
    let rules = StockRules { buffer: 2, max: Some(3), share_pct: 50 };
    let n = w.ctx.store.write(|t| live::put_rules(t, &w.uk.id, &rules, 1)).expect("rules");
    assert_eq!(n, 1);
    outbox::drain_background(&w.ctx, None).await;
    // 10 - 2 = 8, half is 4, at most 3; 4 - 2 = 2, half is 1.
    assert_eq!((stock(&w.sb, &w.uk, "LV-SER-30"), stock(&w.sb, &w.uk, "LV-SER-50")), (3, 1));
    assert_eq!(
        (stock(&w.sb, &w.us, "LV-SER-30"), stock(&w.sb, &w.us, "LV-SER-50")),
        (10, 4),
        "other shops keep theirs"
    );
    w.sb.shutdown();
}

#[tokio::test]
async fn with_errors_and_rate_limits_tiktok_ends_equal_to_the_platform() {
    let w = live_world().await;
    w.sb.set_faults(tokshop::sandbox::faults::Faults { error_rate: 0.1, qps: 5, ..Default::default() });
    for (i, sku) in ["LV-SER-30", "LV-SER-50"].iter().enumerate() {
        set(&w.ctx, sku, Some(40 + i as i64), None);
    }
    for _ in 0..20 {
        w.ctx
            .store
            .write(|t| {
                live::push_now(t, &w.us.id, 0)?;
                live::push_now(t, &w.uk.id, 0)
            })
            .expect("due");
        outbox::drain_background(&w.ctx, None).await;
        if w.ctx.store.changed_count(&w.us.id).expect("n") + w.ctx.store.changed_count(&w.uk.id).expect("n") == 0 {
            break;
        }
    }
    w.sb.set_faults(Default::default());
    for s in [&w.us, &w.uk] {
        assert_eq!((stock(&w.sb, s, "LV-SER-30"), stock(&w.sb, s, "LV-SER-50")), (40, 41), "SKU by SKU on {}", s.name);
    }
    w.sb.shutdown();
}
