//! The order queue as a newcomer meets it: the header says how many show of how many, a
//! cancelled order keeps its lines (marked cancelled), cancellations read as words in separate
//! fields, search finds recipients, nicknames, the last digits of an order id, SKUs, tracking
//! numbers and packages, and a disconnected shop's orders are hidden until asked for.

use crate::ui;

use crossterm::event::KeyCode;
use tokshop::domain::order::{Order, Source};
use tokshop::ui::app::App;
use ui::*;

const LUMEN: &str = "7494049642642441899";

/// Store a changed fixture order (newer, so it wins).
fn change(v: &FixedViews, id: &str, f: impl FnOnce(&mut Order)) {
    let (store, _) = v.store.as_ref().expect("store");
    let mut o = ui::order_data::orders(NOW).into_iter().find(|o| o.id == id).expect("fixture order");
    f(&mut o);
    o.update_time += 10;
    store.upsert_orders(&[o], Source::Poll, NOW).expect("stored");
}

fn search(a: &mut App, v: &FixedViews, text: &str) -> Vec<String> {
    press(a, v, "go-orders");
    press(a, v, "search");
    key(a, v, KeyCode::Esc);
    press(a, v, "search");
    type_text(a, v, text);
    key(a, v, KeyCode::Enter);
    orders(a).rows().iter().map(|r| r.id.clone()).collect()
}

#[test]
fn the_header_says_how_many_show_of_how_many() {
    let v = loaded();
    let mut a = app(false, &v);
    press(&mut a, &v, "go-orders");
    assert!(draw(&mut a, 120, 40).contains("10 orders"));
    press(&mut a, &v, "filter-hold");
    let screen = draw(&mut a, 120, 40);
    assert!(screen.contains("1 shown of 10 orders"), "{screen}");
}

#[test]
fn a_cancelled_order_keeps_its_lines_marked_cancelled() {
    let v = loaded();
    change(&v, "576461413038785707", |o| o.lines.iter_mut().for_each(|l| l.cancelled = true));
    let mut a = app(false, &v);
    let found = search(&mut a, &v, "576461413038785707");
    assert_eq!(found, ["576461413038785707"]);
    assert_eq!(orders(&a).rows()[0].items, 1, "its line counts, not 0");
    press(&mut a, &v, "open-order");
    let screen = draw(&mut a, 120, 40);
    assert!(screen.contains("Lines (1, all cancelled)"), "{screen}");
    assert!(screen.contains("CAP-RED"));
    assert!(screen.contains("cancelled ·"), "the line is marked cancelled");
}

#[test]
fn a_cancellation_reads_as_words_in_separate_fields() {
    let v = loaded();
    let mut a = app(false, &v);
    search(&mut a, &v, "576461413038785703");
    press(&mut a, &v, "open-order");
    let screen = draw(&mut a, 120, 40);
    for want in ["the buyer asked to cancel", "waiting for your answer", "Cancellation id", "4035318504086196001"] {
        assert!(screen.contains(want), "{want} in {screen}");
    }
    assert!(!screen.contains("BUYER") && !screen.contains("CANCELLATION_REQUEST"), "{screen}");
}

#[test]
fn search_finds_recipients_nicknames_last_digits_skus_tracking_and_packages() {
    let v = loaded();
    change(&v, "576461413038785702", |o| o.address.name = "Ben Kowalski".into());
    let mut a = app(false, &v);
    assert_eq!(search(&mut a, &v, "kowal"), ["576461413038785702"], "a word of the recipient's name");
    assert_eq!(search(&mut a, &v, "Ben Kowalski"), ["576461413038785702"], "the whole name");
    assert_eq!(search(&mut a, &v, "785703"), ["576461413038785703"], "the last digits of the order id");
    assert_eq!(search(&mut a, &v, "5764614130387857").len(), 10, "its first digits");
    assert_eq!(search(&mut a, &v, "ivy"), ["576461413038785709", "576461413038785710"]);
    assert_eq!(search(&mut a, &v, "mug-wht"), ["576461413038785702", "576461413038785708"]);
    assert_eq!(search(&mut a, &v, "1Z999AA10123456800"), ["576461413038785708"]);
    assert_eq!(search(&mut a, &v, "1153000000000000900"), ["576461413038785709", "576461413038785710"]);
}

#[test]
fn a_disconnected_shops_orders_are_hidden_until_asked_for_then_marked() {
    let v = loaded();
    change(&v, "576461413038785701", |o| {
        o.id = "576461413038785799".into();
        o.shop_id = LUMEN.into();
    });
    let mut a = app(false, &v);
    press(&mut a, &v, "go-orders");
    let ids = |a: &App| orders(a).rows().iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert!(!ids(&a).contains(&"576461413038785799".to_string()), "hidden by default");
    assert!(draw(&mut a, 120, 40).contains("10 shown of 11 orders"));
    press(&mut a, &v, "show-disconnected");
    assert!(ids(&a).contains(&"576461413038785799".to_string()), "shown on request");
    let screen = draw(&mut a, 120, 40);
    assert!(screen.contains("with disconnected shops (X)"), "{screen}");
    let row = screen.lines().find(|l| l.contains("576461413038785799")).expect("its row");
    assert!(row.contains('X'), "marked: {row}");
    press(&mut a, &v, "show-disconnected");
    assert!(!ids(&a).contains(&"576461413038785799".to_string()), "hidden again");
}

#[test]
fn packages_to_fulfil_come_first_by_ship_by_with_carrier_and_warehouse_by_name() {
    let v = loaded();
    let mut a = app(false, &v);
    press(&mut a, &v, "go-packages");
    let p = a.pane::<tokshop::ui::panes::packages::PackagesPane>().expect("packages pane");
    let ids: Vec<&str> = p.window.rows().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        &ids[..5],
        [
            "1153000000000000101",
            "1153000000000000201",
            "1153000000000000802",
            "1153000000000000900",
            "1153000000000000301"
        ],
        "to fulfil, soonest ship-by first"
    );
    assert!(p.window.rows()[5..].iter().all(|p| !p.to_fulfil()), "then the rest");
    let screen = draw(&mut a, 120, 40);
    let row = screen.lines().find(|l| l.contains("1153000000000000201")).expect("row");
    assert!(row.contains("5h") && row.contains("TikTok") && row.contains("San Jose DC"), "{row}");
    assert!(!screen.contains("7068517275539719942"), "warehouses by name, not id");
    press(&mut a, &v, "open-package");
    assert!(draw(&mut a, 120, 40).contains("Warehouse         San Jose DC"));
}

#[test]
fn a_long_buyer_is_cut_with_an_ellipsis_and_the_order_id_whole() {
    let v = loaded();
    change(&v, "576461413038785701", |o| o.buyer_nickname = "averyveryverylongbuyernickname".into());
    let mut a = app(false, &v);
    press(&mut a, &v, "go-orders");
    let screen = draw(&mut a, 80, 24);
    let line = screen.lines().find(|l| l.contains("576461413038785701")).expect("the order's row");
    assert!(line.contains("averyvery") && line.contains('…'), "{line}");
    assert!(!line.contains("averyveryverylongbuyernickname"), "{line}");
}
