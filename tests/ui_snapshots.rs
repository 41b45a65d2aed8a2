//! Every pane in its empty, loaded, error and read-only states at 80x24 and 120x40, the help
//! overlay, and the dialogs, as insta snapshots in `snapshots/`.
#![allow(clippy::panic)]

#[path = "common/ui.rs"]
mod ui;

use tokshop::sync::health::HealthSnapshot;
use ui::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn each_size(name: &str, views: &FixedViews, read_only: bool, setup: impl Fn(&mut tokshop::ui::app::App)) {
    for (w, h) in SIZES {
        let mut a = app(read_only, views);
        setup(&mut a);
        snap!(format!("{name}_{w}x{h}"), draw(&mut a, w, h));
    }
}

#[test]
fn shops_pane() {
    each_size("shops_empty", &empty(), false, |a| a.health = HealthSnapshot::default());
    each_size("shops_loaded", &loaded(), false, |a| {
        press(a, "select-next");
        press(a, "select-next");
    });
    each_size("shops_error", &broken(), false, |a| {
        a.health.last_error = Some((NOW, "GET /authorization/202309/shops: code 36009003: Internal error (HTTP 500)".into()));
    });
    each_size("shops_read_only", &loaded(), true, |_| {});
}

#[test]
fn inbox_pane() {
    each_size("inbox_empty", &empty(), false, |a| {
        press(a, "go-inbox");
    });
    each_size("inbox_loaded", &loaded(), false, |a| {
        press(a, "go-inbox");
    });
    each_size("inbox_error", &broken(), false, |a| {
        press(a, "go-inbox");
    });
    each_size("inbox_read_only", &loaded(), true, |a| {
        press(a, "go-inbox");
    });
}

#[test]
fn help_overlay() {
    each_size("help", &loaded(), false, |a| {
        press(a, "help");
    });
    each_size("help_read_only", &loaded(), true, |a| {
        press(a, "help");
    });
}

#[test]
fn dialogs() {
    let views = loaded();
    let mut a = app(false, &views);
    press(&mut a, "select-next");
    press(&mut a, "disconnect-shop");
    snap!("confirm_disconnect_80x24", draw(&mut a, 80, 24));

    let mut a = app(false, &views);
    press(&mut a, "connect-shop");
    snap!("connect_store_80x24", draw(&mut a, 80, 24));
    key(&mut a, crossterm::event::KeyCode::Enter);
    a.on_update(
        tokshop::sync::Update::AuthLink {
            state: "5f0c".into(),
            url: "https://services.tiktokshop.com/open/authorize?service_id=7310000000000000001&state=5f0c".into(),
        },
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
    a.on_update(tokshop::sync::Update::AuthorizedShops { state: "5f0c".into(), shops }, &views, NOW);
    snap!("connect_choose_80x24", draw(&mut a, 80, 24));

    let mut a = app(false, &views);
    a.logs.push(tokshop::logging::LogLine { at: NOW - 20, level: "WARN".into(), message: "retrying after 400ms: Internal error".into() });
    press(&mut a, "log");
    snap!("log_overlay_80x24", draw(&mut a, 80, 24));
}
