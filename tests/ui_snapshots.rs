//! Every pane in its empty, loaded, error and read-only states at 80x24 and 120x40, the help
//! overlay, and the dialogs, as insta snapshots in `snapshots/`.

use crate::ui;

use tokshop::domain::health::HealthSnapshot;
use ui::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn each_size(name: &str, views: &FixedViews, read_only: bool, setup: impl Fn(&mut tokshop::ui::app::App, &FixedViews)) {
    for (w, h) in SIZES {
        let mut a = app(read_only, views);
        setup(&mut a, views);
        snap!(format!("{name}_{w}x{h}"), draw(&mut a, w, h));
    }
}

#[test]
fn shops_pane() {
    each_size("shops_empty", &empty(), false, |a, _| a.health = HealthSnapshot::default());
    each_size("shops_loaded", &loaded(), false, |a, v| {
        press(a, v, "select-next");
        press(a, v, "select-next");
    });
    each_size("shops_error", &broken(), false, |a, _| {
        a.health.last_error =
            Some((NOW, "GET /authorization/202309/shops: code 36009003: Internal error (HTTP 500)".into()));
    });
    each_size("shops_read_only", &loaded(), true, |_, _| {});
}

#[test]
fn inbox_pane() {
    each_size("inbox_empty", &empty(), false, |a, v| {
        press(a, v, "go-inbox");
    });
    each_size("inbox_loaded", &loaded(), false, |a, v| {
        press(a, v, "go-inbox");
    });
    each_size("inbox_error", &broken(), false, |a, v| {
        press(a, v, "go-inbox");
    });
    each_size("inbox_read_only", &loaded(), true, |a, v| {
        press(a, v, "go-inbox");
    });
}

#[test]
fn help_overlay() {
    each_size("help", &loaded(), false, |a, v| {
        press(a, v, "help");
    });
    each_size("help_read_only", &loaded(), true, |a, v| {
        press(a, v, "help");
    });
}

#[test]
fn dialogs() {
    let views = loaded();
    let mut a = app(false, &views);
    press(&mut a, &views, "select-next");
    press(&mut a, &views, "disconnect-shop");
    snap!("confirm_disconnect_80x24", draw(&mut a, 80, 24));

    let mut a = app(false, &views);
    press(&mut a, &views, "connect-shop");
    snap!("connect_store_80x24", draw(&mut a, 80, 24));
    key(&mut a, &views, crossterm::event::KeyCode::Enter);
    a.on_update(
        tokshop::message::Update::from(tokshop::message::ShopsAnswer::AuthLink {
            state: "5f0c".into(),
            url: "https://services.tiktokshop.com/open/authorize?service_id=7310000000000000001&state=5f0c".into(),
        }),
        &views,
        NOW,
    );
    snap!("connect_waiting_80x24", draw(&mut a, 80, 24));
    let shops = vec![
        (
            tokshop::domain::shop::AuthorizedShop {
                id: "1".into(),
                name: "Lumen Home UK".into(),
                region: "GB".into(),
                seller_type: tokshop::domain::shop::SellerType::Local,
                cipher: "c".into(),
                code: "x".into(),
            },
            None,
        ),
        (
            tokshop::domain::shop::AuthorizedShop {
                id: "2".into(),
                name: "Lumen Home US".into(),
                region: "US".into(),
                seller_type: tokshop::domain::shop::SellerType::Local,
                cipher: "c".into(),
                code: "y".into(),
            },
            Some("other-store".into()),
        ),
    ];
    a.on_update(
        tokshop::message::Update::from(tokshop::message::ShopsAnswer::AuthorizedShops { state: "5f0c".into(), shops }),
        &views,
        NOW,
    );
    snap!("connect_choose_80x24", draw(&mut a, 80, 24));

    let mut a = app(false, &views);
    a.logs.push(tokshop::logging::LogLine {
        at: NOW - 20,
        level: "WARN".into(),
        message: "retrying after 400ms: Internal error".into(),
    });
    press(&mut a, &views, "log");
    snap!("log_overlay_80x24", draw(&mut a, 80, 24));
}

#[test]
fn orders_pane() {
    each_size("orders_empty", &empty(), false, |a, v| {
        press(a, v, "go-orders");
    });
    let views = loaded();
    each_size("orders_loaded", &views, false, |a, v| {
        press(a, v, "go-orders");
        press(a, v, "select-next");
        press(a, v, "toggle-select");
    });
    each_size("orders_error", &broken(), false, |a, v| {
        press(a, v, "go-orders");
    });
    each_size("orders_read_only", &views, true, |a, v| {
        press(a, v, "go-orders");
    });
    // Filters narrow the queue and say so; a search is typed in the filter line.
    each_size("orders_due_soon", &views, false, |a, v| {
        press(a, v, "go-orders");
        press(a, v, "filter-due");
        press(a, v, "search");
        type_text(a, v, "ivy");
    });
}

#[test]
fn order_detail_overlay() {
    let views = loaded();
    each_size("order_detail", &views, false, |a, v| {
        press(a, v, "go-orders");
        press(a, v, "open-order");
    });
}

#[test]
fn packages_pane() {
    each_size("packages_empty", &empty(), false, |a, v| {
        press(a, v, "go-packages");
    });
    let views = loaded();
    each_size("packages_loaded", &views, false, |a, v| {
        press(a, v, "go-packages");
    });
    each_size("packages_error", &broken(), false, |a, v| {
        press(a, v, "go-packages");
    });
    each_size("packages_read_only", &views, true, |a, v| {
        press(a, v, "go-packages");
    });
}

#[test]
fn mapping_pane() {
    each_size("mapping_empty", &empty(), false, |a, v| {
        press(a, v, "go-mapping");
    });
    let views = loaded();
    each_size("mapping_loaded", &views, false, |a, v| {
        press(a, v, "go-mapping");
    });
    each_size("mapping_error", &broken(), false, |a, v| {
        press(a, v, "go-mapping");
    });
    each_size("mapping_read_only", &views, true, |a, v| {
        press(a, v, "go-mapping");
    });
}

#[test]
fn shipping_dialogs() {
    use crossterm::event::KeyCode;
    let views = loaded();
    let mut a = app(false, &views);
    press(&mut a, &views, "go-orders");
    press(&mut a, &views, "ship-orders");
    snap!("ship_carrier_80x24", draw(&mut a, 80, 24));
    // Royal Mail is not mapped for the US shop: "map it now" offers the shop's providers.
    key(&mut a, &views, KeyCode::Enter);
    snap!("ship_map_now_80x24", draw(&mut a, 80, 24));
    key(&mut a, &views, KeyCode::Esc);
    press(&mut a, &views, "ship-orders");
    choose(&mut a, &views, 2);
    type_text(&mut a, &views, "1Z 999");
    key(&mut a, &views, KeyCode::Enter);
    snap!("ship_tracking_error_80x24", draw(&mut a, 80, 24));
    for _ in 0..4 {
        key(&mut a, &views, KeyCode::Backspace);
    }
    type_text(&mut a, &views, "999AA10123456799");
    key(&mut a, &views, KeyCode::Enter);
    snap!("ship_confirm_80x24", draw(&mut a, 80, 24));
}

#[test]
fn listings_pane() {
    each_size("listings_empty", &empty(), false, |a, v| {
        press(a, v, "go-listings");
    });
    let views = loaded();
    // The rain jacket is selected: its check names every missing field with its fix.
    each_size("listings_loaded", &views, false, |a, v| {
        press(a, v, "go-listings");
        press(a, v, "select-next");
        press(a, v, "select-next");
    });
    each_size("listings_error", &broken(), false, |a, v| {
        press(a, v, "go-listings");
    });
    each_size("listings_read_only", &views, true, |a, v| {
        press(a, v, "go-listings");
    });
    // The live brush set, the rejected serum with TikTok's reason, the unmatched Seller Center product.
    for (name, downs) in [("listings_live", 0), ("listings_rejected", 3), ("listings_unmatched", 4)] {
        let mut a = app(false, &views);
        press(&mut a, &views, "go-listings");
        for _ in 0..downs {
            press(&mut a, &views, "select-next");
        }
        snap!(format!("{name}_120x40"), draw(&mut a, 120, 40));
    }
    // The US shop fails a prerequisite: listing there is blocked until Seller Center is fixed.
    let mut a = app(false, &views);
    press(&mut a, &views, "go-listings");
    press(&mut a, &views, "listings-shop");
    snap!("listings_prerequisite_failed_120x40", draw(&mut a, 120, 40));
    // At 80x24 the rain jacket's check report does not fit: the detail scrolls.
    let mut a = app(false, &views);
    press(&mut a, &views, "go-listings");
    press(&mut a, &views, "select-next");
    press(&mut a, &views, "select-next");
    press(&mut a, &views, "detail-down");
    press(&mut a, &views, "detail-down");
    snap!("listings_detail_scrolled_80x24", draw(&mut a, 80, 24));
}

#[test]
fn mapping_catalog_sections() {
    let views = loaded();
    for (n, name) in [(1, "categories"), (2, "brands"), (3, "attributes")] {
        each_size(&format!("mapping_{name}"), &views, false, |a, v| {
            press(a, v, "go-mapping");
            for _ in 0..n {
                press(a, v, "mapping-section");
            }
        });
    }
    each_size("mapping_categories_empty", &empty(), false, |a, v| {
        press(a, v, "go-mapping");
        press(a, v, "mapping-section");
    });
}

#[test]
fn listing_dialogs() {
    let views = loaded();
    // The category picker: fuzzy search over the cached tree, then browsing it.
    let mut a = app(false, &views);
    press(&mut a, &views, "go-mapping");
    press(&mut a, &views, "mapping-section");
    press(&mut a, &views, "select-next");
    press(&mut a, &views, "map-carrier");
    snap!("category_picker_80x24", draw(&mut a, 80, 24));
    type_text(&mut a, &views, "serum");
    snap!("category_picker_search_80x24", draw(&mut a, 80, 24));

    // Hazmat is always asked; "Yes" asks which.
    let mut a = app(false, &views);
    press(&mut a, &views, "go-listings");
    press(&mut a, &views, "select-next");
    press(&mut a, &views, "answer-hazmat");
    snap!("hazmat_ask_80x24", draw(&mut a, 80, 24));
    choose(&mut a, &views, 2);
    snap!("hazmat_kinds_80x24", draw(&mut a, 80, 24));

    // Listing asks for confirmation and says what happens (the mug was never checked: the
    // engine checks it before anything leaves).
    let mut a = app(false, &views);
    press(&mut a, &views, "go-listings");
    press(&mut a, &views, "select-next");
    press(&mut a, &views, "list-product");
    snap!("list_confirm_80x24", draw(&mut a, 80, 24));
    // The rejected serum is resubmitted as the same TikTok product: the confirmation says so.
    let mut a = app(false, &views);
    press(&mut a, &views, "go-listings");
    for _ in 0..3 {
        press(&mut a, &views, "select-next");
    }
    press(&mut a, &views, "list-product");
    snap!("resubmit_confirm_80x24", draw(&mut a, 80, 24));
}

/// An order with TikTok's full money breakdown (product and shipping discounts, a retail
/// delivery fee), a dangerous good, a ready-to-ship time and a weighed parcel: every fee and
/// discount is in the detail, with the parcel's size.
#[test]
fn order_detail_with_fees_discounts_and_a_parcel() {
    use rust_decimal::Decimal;
    use tokshop::domain::package::{Dimension, Parcel, Weight};
    let views = loaded();
    let Some((store, _)) = &views.store else { panic!("a store") };
    let mut o = ui::order_data::orders(NOW).remove(0);
    let d = |cents: i64| Decimal::new(cents, 2);
    o.id = "576461413038785799".into();
    o.update_time += 60;
    o.rts_time = Some(NOW - 1800);
    o.payment_method = Some("Visa".into());
    o.lines[0].is_dangerous_good = true;
    for l in &mut o.lines {
        l.package_id = Some("1153000000000000799".into());
    }
    let p = &mut o.payment;
    (p.original_total_product_price, p.seller_discount, p.platform_discount) = (d(3998), d(500), d(300));
    (p.sub_total, p.original_shipping_fee, p.shipping_fee_seller_discount) = (d(3198), d(599), d(100));
    (p.shipping_fee, p.product_tax, p.tax, p.retail_delivery_fee) = (d(499), d(256), d(256), d(28));
    p.total_amount = p.sub_total + p.shipping_fee + p.tax + p.retail_delivery_fee;
    assert!(p.adds_up(), "the fixture's money adds up");
    store.upsert_orders(&[o.clone()], tokshop::domain::order::Source::Webhook, NOW).expect("order");
    let pkg = "1153000000000000799";
    let parcel = Parcel {
        weight: Some(Weight { value: Decimal::new(450, 0), unit: "GRAM".into() }),
        dimension: Some(Dimension {
            size: tokshop::domain::catalog::Dimensions {
                length: Decimal::new(30, 0),
                width: Decimal::new(25, 0),
                height: Decimal::new(6, 0),
            },
            unit: "CM".into(),
        }),
    };
    store.put_parcel(&o.shop_id, pkg, &parcel).expect("parcel");
    let mut a = app(false, &views);
    press(&mut a, &views, "go-orders");
    press(&mut a, &views, "search");
    type_text(&mut a, &views, &o.id);
    key(&mut a, &views, crossterm::event::KeyCode::Enter);
    press(&mut a, &views, "open-order");
    snap!("order_detail_money_120x40", draw(&mut a, 120, 40));
}
