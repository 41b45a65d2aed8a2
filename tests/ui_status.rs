//! The status line and the log: every failure is in the log (`L`), any key dismisses the
//! message (and the engine's ✗ error), `M` shows the last message whole, a cut is marked with an
//! ellipsis, and help and the order detail stop scrolling at their end.

use crate::ui;

use crossterm::event::KeyCode;
use tokshop::message::Update;
use tokshop::ui::app::App;
use tokshop::ui::overlays::help::Help;
use tokshop::ui::overlays::message::MessageView;
use tokshop::ui::panes::orders::detail::OrderDetail;
use ui::*;

fn logged(a: &App) -> Vec<String> {
    a.logs.lines().into_iter().map(|l| l.message).collect()
}

#[test]
fn every_failure_is_in_the_log() {
    let v = loaded();
    let mut a = app(false, &v);
    // A failure the engine reports, and one an action finds itself.
    a.on_update(Update::Failed("TikTok refused the shipment: code 21011001".into()), &v, NOW);
    press(&mut a, &v, "go-orders");
    a.toast("Order 576461413038785799 is not in the store yet", true, NOW);
    let log = logged(&a);
    assert!(log.iter().any(|l| l.contains("code 21011001")), "{log:?}");
    assert!(log.iter().any(|l| l.contains("576461413038785799")), "{log:?}");
    press(&mut a, &v, "log");
    assert!(draw(&mut a, 120, 40).contains("TikTok refused the shipment: code 21011001"));
    // A message that is not a failure stays out of it.
    a.toast("Pulling orders from TikTok…", false, NOW);
    assert!(!logged(&a).iter().any(|l| l.contains("Pulling")));
}

#[test]
fn any_key_dismisses_the_message_and_the_engine_error() {
    let v = loaded();
    let mut a = app(false, &v);
    a.on_update(Update::Failed("the carrier is not mapped".into()), &v, NOW);
    assert!(draw(&mut a, 120, 40).contains("the carrier is not mapped"));
    key(&mut a, &v, KeyCode::Char('j'));
    assert!(a.toast.is_none());
    assert!(!draw(&mut a, 120, 40).contains("the carrier is not mapped"), "dismissed");
    // The engine's last error (✗ in the status bar) goes too, until a new one comes.
    let mut h = a.health.clone();
    h.last_error = Some((NOW - 5, "GET /order/202309/orders/search: timed out".into()));
    a.on_update(Update::Health(h.clone()), &v, NOW);
    assert!(draw(&mut a, 120, 40).contains("✗ GET /order/202309/orders/search: timed out"));
    key(&mut a, &v, KeyCode::Char('k'));
    assert!(!draw(&mut a, 120, 40).contains("✗ GET"), "dismissed");
    h.last_error = Some((NOW, "POST /fulfillment/202309/packages/ship: code 21011001".into()));
    a.on_update(Update::Health(h), &v, NOW);
    assert!(draw(&mut a, 120, 40).contains("✗ POST /fulfillment"), "a new error shows");
    assert!(logged(&a).iter().any(|l| l.contains("timed out")), "engine errors are logged too");
}

#[test]
fn a_long_message_is_marked_cut_and_m_shows_it_whole() {
    let v = loaded();
    let mut a = app(false, &v);
    let long = format!("Cannot ship order 576461413038785701: {} END-OF-MESSAGE", "the reason is long. ".repeat(8));
    a.on_update(Update::Failed(long.clone()), &v, NOW);
    let screen = draw(&mut a, 80, 24);
    let hint = screen.lines().nth(22).expect("hint line");
    assert!(hint.contains("…") && hint.contains("M whole message"), "{hint}");
    assert!(!screen.contains("END-OF-MESSAGE"));
    press(&mut a, &v, "message");
    assert!(a.top::<MessageView>().is_some());
    let screen = draw(&mut a, 80, 24);
    assert!(screen.contains("END-OF-MESSAGE"), "{screen}");
    assert!(screen.contains("576461413038785701"));
}

#[test]
fn help_stops_scrolling_at_its_end() {
    let v = loaded();
    let mut a = app(false, &v);
    press(&mut a, &v, "help");
    draw(&mut a, 80, 24);
    press(&mut a, &v, "select-last");
    let end = a.top::<Help>().expect("help").scroll;
    assert!(end > 0);
    for _ in 0..30 {
        press(&mut a, &v, "select-next");
    }
    assert_eq!(a.top::<Help>().expect("help").scroll, end, "no further than its end");
    let screen = draw(&mut a, 80, 24);
    assert!(screen.contains("In text fields keys type text"), "its last lines show");
    press(&mut a, &v, "select-prev");
    assert_eq!(a.top::<Help>().expect("help").scroll, end - 1, "one key up moves up at once");
}

#[test]
fn the_order_detail_stops_scrolling_at_its_end() {
    let v = loaded();
    let mut a = app(false, &v);
    press(&mut a, &v, "go-orders");
    press(&mut a, &v, "open-order");
    draw(&mut a, 80, 24);
    for _ in 0..200 {
        press(&mut a, &v, "select-next");
    }
    let end = a.top::<OrderDetail>().expect("detail").scroll;
    assert!(end > 0 && end < 200, "{end}");
    press(&mut a, &v, "select-prev");
    assert_eq!(a.top::<OrderDetail>().expect("detail").scroll, end - 1);
}

#[test]
fn a_long_tracking_number_is_never_cut_in_the_queue() {
    let v = loaded();
    let (store, _) = v.store.as_ref().expect("store");
    let mut o = ui::order_data::orders(NOW).into_iter().find(|o| o.id == "576461413038785705").expect("fixture");
    let long = "9400111899223197428490123456";
    o.tracking_number = Some(long.into());
    o.lines.iter_mut().for_each(|l| l.tracking_number = Some(long.into()));
    o.update_time += 10;
    store.upsert_orders(&[o], tokshop::domain::order::Source::Poll, NOW).expect("stored");
    let mut a = app(false, &v);
    press(&mut a, &v, "go-orders");
    assert!(draw(&mut a, 120, 40).contains(long), "the whole tracking number shows");
}

#[test]
fn a_long_prompt_question_wraps_instead_of_being_cut() {
    let v = loaded();
    let mut a = app(false, &v);
    let help = "Reject: the buyer's reason does not match what the package held when it left the warehouse. \
                A comment for the buyer (optional), enter to go on: LAST-WORDS";
    a.push(tokshop::ui::overlays::prompt::Prompt::new("Reject the cancellation", help, "", |_, _, _| Ok(vec![])));
    let screen = draw(&mut a, 80, 24);
    assert!(screen.contains("LAST-WORDS"), "{screen}");
}
