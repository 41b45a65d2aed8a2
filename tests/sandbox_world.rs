//! The sandbox's answers hold together as its world says, and the client keeps what matters to
//! the seller: every order's fees and discounts add up to what the buyer paid (a Colorado buyer
//! pays the retail delivery fee, its lines carry it), dangerous goods are flagged from the
//! product, a package's weight and size come from its items, and a sync stores all of it.

use crate::common;

use common::*;
use rust_decimal::Decimal;
use serde_json::Value;
use tokshop::domain::order::{MoneyRole, Order, OrderLine, Source};
use tokshop::domain::shop::Shop;
use tokshop::sandbox::SandboxHandle;
use tokshop::sandbox::seed::Seed;
use tokshop::sync::SyncCtx;
use tokshop::sync::orders;

fn dec(v: &Value) -> Decimal {
    v.as_str().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("a decimal string, not {v}"))
}

/// The demo world with the beauty shop's US orders synced into a new store.
async fn synced() -> (SandboxHandle, tempfile::TempDir, SyncCtx, Shop) {
    let sb = sandbox(Seed::Demo).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = sync_ctx(&sb, dir.path());
    let shop =
        connect(&ctx, &sb, "maomao", "Maomao Beauty").await.into_iter().find(|s| s.region == "US").expect("US shop");
    orders::sync_shop(&ctx, &shop, &ctx.orders).await.expect("backfill");
    (sb, dir, ctx, shop)
}

#[tokio::test]
async fn fees_add_up_dangerous_goods_and_parcels_reach_the_store() {
    let (sb, _dir, ctx, shop) = synced().await;

    // The sandbox's own orders: per-order fees sit on the lines, and the payment adds up.
    let (mut colorado, mut dangerous) = (0, 0);
    for id in sb.order_ids(&shop.id) {
        let o = sb.order_json(&shop.id, &id).expect("order");
        let p = &o["payment"];
        let line_rdf: Decimal =
            o["line_items"].as_array().expect("lines").iter().map(|l| dec(&l["retail_delivery_fee"])).sum();
        assert_eq!(line_rdf, dec(&p["retail_delivery_fee"]), "lines carry the order's retail delivery fee: {id}");
        if dec(&p["retail_delivery_fee"]) > Decimal::ZERO {
            colorado += 1;
            assert_eq!(
                o["recipient_address"]["district_info"][1]["address_name"], "CO",
                "only Colorado charges it: {id}"
            );
        }
        let stored = ctx.store.get_order(&id).expect("read").expect("stored");
        assert!(stored.payment.adds_up(), "sub_total + shipping + tax + fees = total for {id}: {:?}", stored.payment);
        assert_eq!(stored.payment.retail_delivery_fee, dec(&p["retail_delivery_fee"]));
        let rdf =
            stored.money_breakdown().into_iter().find(|i| i.key == "retail_delivery_fee").expect("in the breakdown");
        assert_eq!((rdf.role, rdf.amount.currency.as_str()), (MoneyRole::Fee, "USD"));
        // The serum is the beauty shop's dangerous good; nothing else is.
        for (l, wire) in stored.lines.iter().zip(o["line_items"].as_array().expect("lines")) {
            assert_eq!(l.is_dangerous_good, l.product_name.starts_with("Hydrating Rose Serum"), "{}", l.product_name);
            dangerous += usize::from(l.is_dangerous_good);
            assert_eq!(l.rts_time, wire["rts_time"].as_i64().filter(|t| *t > 0), "rts_time kept for line {}", l.id);
        }
    }
    assert!(colorado > 0, "the demo history has a Colorado buyer");
    assert!(dangerous > 0, "the demo history sold the serum");

    // Parcels: read for every package, weight and size from the products in it.
    let read = orders::fetch_parcels(&ctx, &shop, 1000).await.expect("parcels");
    assert!(read > 0);
    assert!(ctx.store.packages_without_parcel(&shop.id, 10).expect("todo").is_empty());
    let order = sb
        .order_ids(&shop.id)
        .iter()
        .filter_map(|id| ctx.store.get_order(id).expect("read"))
        .find(|o| o.lines.iter().any(|l| l.package_id.is_some()))
        .expect("a shipped order of the history");
    let pkg_id = order.lines.iter().find_map(|l| l.package_id.clone()).expect("its package");
    let pkg = ctx.store.get_package(&pkg_id).expect("read").expect("package");
    let grams: u32 = order
        .lines
        .iter()
        .filter(|l| l.package_id.as_deref() == Some(&pkg_id))
        .map(|l| grams_of(&l.product_name))
        .sum();
    let weight = pkg.weight.expect("weight stored");
    assert_eq!((weight.value, weight.unit.as_str()), (Decimal::from(grams), "GRAM"));
    assert_eq!(pkg.dimension.expect("size stored").unit, "CM");
    sb.shutdown();
}

#[tokio::test]
async fn a_package_tiktok_no_longer_has_does_not_stop_the_shops_other_parcels() {
    let (sb, _dir, ctx, shop) = synced().await;
    // A package stored before an uncombine that TikTok has since replaced: first on the list.
    let line =
        OrderLine { id: "gone-1".into(), package_id: Some("0000000000000000001".into()), ..OrderLine::default() };
    let o =
        Order { id: "gone".into(), shop_id: shop.id.clone(), update_time: 1, lines: vec![line], ..Order::default() };
    ctx.store.upsert_orders(&[o], Source::Poll, 1).expect("upsert");
    let todo = ctx.store.packages_without_parcel(&shop.id, 1000).expect("todo");
    assert_eq!(todo.first().map(String::as_str), Some("0000000000000000001"));
    let read = orders::fetch_parcels(&ctx, &shop, 1000).await.expect("the others are read");
    assert_eq!(read, todo.len());
    assert!(ctx.store.packages_without_parcel(&shop.id, 10).expect("todo").is_empty(), "not asked again");
    let weighed =
        todo[1..].iter().filter_map(|id| ctx.store.get_package(id).expect("read")).all(|p| p.weight.is_some());
    assert!(weighed, "every other package has its parcel");
    sb.shutdown();
}

/// One unit of the beauty shop's products, packed (the sandbox's catalogue).
fn grams_of(product: &str) -> u32 {
    match product {
        p if p.starts_with("Hydrating Rose Serum") => 120,
        "Matte Lip Tint" => 30,
        "Silk Sleep Mask" => 60,
        "Bamboo Brush Set" => 180,
        other => panic!("not a beauty product: {other}"),
    }
}
