//! A barcode scanner is a keyboard that types fast: timed key bursts go through the console's
//! real loop (`ui::run::run`, with the key clock injected: nothing sleeps). A fast burst ending
//! in Enter is a scan, never commands: it opens what it names in any pane, is typed into a text
//! field, is refused by a dialog; the same keys typed slowly are commands as before.

use crate::ui;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use futures::StreamExt;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokshop::message::{Command, OrdersCommand};
use tokshop::ui::app::App;
use tokshop::ui::overlays::confirm::Confirm;
use tokshop::ui::overlays::picker::Picker;
use tokshop::ui::panes::orders::detail::OrderDetail;
use tokshop::ui::panes::returns::ReturnsPane;
use tokshop::ui::run::{Channels, LoopOptions, run};
use ui::*;

/// A key as a scanner or keyboard sends it (capitals shifted).
fn k(c: char) -> KeyEvent {
    let shift = if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
    KeyEvent::new(KeyCode::Char(c), shift)
}

fn enter() -> KeyEvent {
    KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
}

/// `text` then Enter, one key every `step` ms from `start`.
fn typed(text: &str, start: u64, step: u64) -> Vec<(u64, KeyEvent)> {
    let mut at = start;
    let mut out = Vec::new();
    for c in text.chars() {
        out.push((at, k(c)));
        at += step;
    }
    out.push((at, enter()));
    out
}

/// A scanner: 4 ms a key.
fn scan(code: &str) -> Vec<(u64, KeyEvent)> {
    typed(code, 10_000, 4)
}

/// Feed timed keys through the console's loop until they end; the commands it sent.
fn feed(app: &mut App, views: &FixedViews, keys: Vec<(u64, KeyEvent)>) -> Vec<Command> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let ms = Arc::new(AtomicU64::new(0));
    let set = ms.clone();
    let events = futures::stream::iter(keys).map(move |(at, key)| {
        set.store(at, Ordering::SeqCst);
        Ok(Event::Key(key))
    });
    let (_updates_tx, updates) = tokio::sync::mpsc::unbounded_channel();
    let (commands, mut sent) = tokio::sync::mpsc::unbounded_channel();
    let opts = LoopOptions { key_ms: Some(Box::new(move || ms.load(Ordering::SeqCst))), ..LoopOptions::default() };
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let clock: tokshop::clock::SharedClock = tokshop::clock::ManualClock::new(NOW);
    rt.block_on(run(&mut terminal, app, views, Channels { updates, commands }, clock, events, opts)).expect("loop");
    let mut out = Vec::new();
    while let Ok(c) = sent.try_recv() {
        out.push(c);
    }
    out
}

fn toast(a: &App) -> String {
    a.toast.as_ref().map(|t| t.text.clone()).unwrap_or_default()
}

fn detail_id(a: &App) -> Option<String> {
    a.top::<OrderDetail>().map(|d| d.view.order.id.clone())
}

fn shown_ids(a: &App) -> Vec<String> {
    orders(a).rows().iter().map(|r| r.id.clone()).collect()
}

#[test]
fn a_scanned_order_id_opens_its_detail_from_any_pane_and_switches_nothing() {
    let v = loaded();
    let mut a = app(false, &v);
    press(&mut a, &v, "go-inbox");
    let sent = feed(&mut a, &v, scan("576461413038785703"));
    assert!(sent.is_empty(), "a scan sends nothing: {sent:?}");
    assert_eq!(detail_id(&a).as_deref(), Some("576461413038785703"));
    assert_eq!(a.current_table(), "orders");
    assert!(toast(&a).contains("Scanned order 576461413038785703"), "{}", toast(&a));
}

#[test]
fn the_same_keys_typed_by_a_person_are_commands() {
    let v = loaded();
    let mut a = app(false, &v);
    press(&mut a, &v, "go-inbox");
    let inbox = a.current;
    // Digits switch panes when a person types them (150 ms apart).
    feed(&mut a, &v, typed("576461413038785703", 10_000, 150));
    assert!(detail_id(&a).as_deref() != Some("576461413038785703"));
    assert_ne!(a.current, inbox, "typed digits switched panes");
}

#[test]
fn a_scanned_tracking_number_opens_its_order() {
    let v = loaded();
    let mut a = app(false, &v);
    feed(&mut a, &v, scan("1Z999AA10123456784"));
    assert_eq!(detail_id(&a).as_deref(), Some("576461413038785705"));
}

#[test]
fn a_scanned_package_shows_only_its_orders_until_esc() {
    let v = loaded();
    let mut a = app(false, &v);
    feed(&mut a, &v, scan("1153000000000000900"));
    assert_eq!(a.current_table(), "orders");
    assert!(a.overlays.is_empty());
    assert_eq!(shown_ids(&a), ["576461413038785709", "576461413038785710"]);
    assert!(draw(&mut a, 120, 40).contains("scanned package 1153000000000000900"));
    key(&mut a, &v, KeyCode::Esc);
    assert!(shown_ids(&a).len() > 2, "esc shows every order again");
}

#[test]
fn a_scanned_sku_shows_its_orders_waiting_to_ship() {
    let v = loaded();
    let mut a = app(false, &v);
    feed(&mut a, &v, scan("MUG-WHT"));
    // One awaiting shipment, one partially shipped; none of its shipped orders.
    assert_eq!(shown_ids(&a), ["576461413038785702", "576461413038785708"]);
    assert!(toast(&a).contains("SKU MUG-WHT waiting to ship: 2 orders"), "{}", toast(&a));
    // A SKU whose only order has shipped.
    feed(&mut a, &v, scan("TEE-WHT-L"));
    assert!(toast(&a).contains("no order waits to ship"), "{}", toast(&a));
}

#[test]
fn a_scan_that_names_nothing_says_so() {
    let v = loaded();
    let mut a = app(false, &v);
    let before = a.current;
    let sent = feed(&mut a, &v, scan("9780201633610"));
    assert!(sent.is_empty());
    assert_eq!(toast(&a), "Nothing matches 9780201633610");
    assert!(a.toast.as_ref().is_some_and(|t| t.error));
    assert_eq!(a.current, before);
}

#[test]
fn a_scanned_return_tracking_number_opens_the_return() {
    let v = loaded();
    let (store, _) = v.store.as_ref().expect("store");
    let r = tokshop::domain::returns::Return {
        id: "4035100000000000009".into(),
        shop_id: "7494049642642441621".into(),
        order_id: "576461413038785706".into(),
        status: "BUYER_SHIPPED_ITEM".into(),
        tracking: Some("RT123456789GB".into()),
        update_time: NOW - 60,
        ..Default::default()
    };
    store.upsert_returns(&[r], tokshop::domain::order::Source::Poll, NOW).expect("stored");
    let mut a = app(false, &v);
    feed(&mut a, &v, scan("RT123456789GB"));
    assert_eq!(a.current_table(), "returns");
    let p = a.pane::<ReturnsPane>().expect("returns pane");
    assert_eq!(p.selected().map(|r| r.id.as_str()), Some("4035100000000000009"));
}

#[test]
fn a_scan_over_a_dialog_never_chooses() {
    let v = loaded();
    let mut a = app(false, &v);
    press(&mut a, &v, "go-orders");
    press(&mut a, &v, "cancel-order");
    assert!(a.top::<Picker>().is_some(), "the reasons picker is open");
    let sent = feed(&mut a, &v, scan("576461413038785703"));
    assert!(sent.is_empty());
    assert!(a.top::<Picker>().is_some(), "the scan's Enter picked nothing");
    assert_eq!(a.overlays.len(), 1);
    assert!(toast(&a).contains("not used"), "{}", toast(&a));
}

#[test]
fn a_scan_into_a_text_field_is_typed_and_waits_for_enter() {
    let v = loaded();
    let mut a = app(false, &v);
    press(&mut a, &v, "go-orders");
    press(&mut a, &v, "search");
    feed(&mut a, &v, scan("1Z999AA10123456784"));
    assert_eq!(
        orders(&a).search_input.as_ref().map(|f| f.text()).as_deref(),
        Some("1Z999AA10123456784"),
        "typed, not yet searched"
    );
    key(&mut a, &v, KeyCode::Enter);
    assert_eq!(shown_ids(&a), ["576461413038785705"]);
}

#[test]
fn a_scan_over_an_order_detail_opens_the_next_order() {
    let v = loaded();
    let mut a = app(false, &v);
    feed(&mut a, &v, scan("576461413038785701"));
    feed(&mut a, &v, scan("576461413038785702"));
    assert_eq!(detail_id(&a).as_deref(), Some("576461413038785702"));
    assert_eq!(a.overlays.len(), 1);
}

#[test]
fn a_dangerous_confirmation_takes_neither_enter_nor_a_burst() {
    let v = loaded();
    let mut a = app(false, &v);
    press(&mut a, &v, "go-orders");
    press(&mut a, &v, "cancel-order");
    choose(&mut a, &v, 1);
    assert!(a.top::<Confirm>().is_some_and(|c| c.danger), "a red confirmation");
    assert!(key(&mut a, &v, KeyCode::Enter).is_empty(), "Enter alone does not confirm");
    // A short fast burst with a y in it (not a scan: no Enter) is let go as keys, but not taken.
    let sent = feed(&mut a, &v, vec![(5_000, k('y')), (5_003, k('1')), (5_006, k('2'))]);
    assert!(sent.is_empty(), "{sent:?}");
    assert!(a.top::<Confirm>().is_some());
    // y on its own does.
    let sent = feed(&mut a, &v, vec![(9_000, k('y'))]);
    assert!(matches!(sent.as_slice(), [Command::Orders(OrdersCommand::CancelOrder { .. })]), "{sent:?}");
}
