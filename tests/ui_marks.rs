//! Marked orders in the queue: Esc clears them, and an order that ships leaves the marks.

use crate::ui;

use crossterm::event::KeyCode;
use tokshop::ui::app::App;
use ui::*;

fn at(a: &mut App, v: &FixedViews, id: &str) {
    press(a, v, "go-orders");
    press(a, v, "select-first");
    for _ in 0..40 {
        if orders(a).current().map(|r| r.id.as_str()) == Some(id) {
            return;
        }
        press(a, v, "select-next");
    }
    panic!("order {id} not in the queue");
}

#[test]
fn esc_clears_the_marks_and_a_shipped_order_is_no_longer_marked() {
    let v = loaded();
    let mut a = app(false, &v);
    for id in ["576461413038785701", "576461413038785709"] {
        at(&mut a, &v, id);
        press(&mut a, &v, "toggle-select");
    }
    assert_eq!(orders(&a).marked.len(), 2);
    key(&mut a, &v, KeyCode::Esc);
    assert!(orders(&a).marked.is_empty(), "Esc clears the marks");
    for id in ["576461413038785701", "576461413038785709"] {
        at(&mut a, &v, id);
        press(&mut a, &v, "toggle-select");
    }
    // 701 ships (the batch went through for it); 709 did not and stays marked for another try.
    let (store, _) = v.store.as_ref().expect("store");
    let mut shipped =
        ui::order_data::orders(NOW).into_iter().find(|o| o.id == "576461413038785701").expect("fixture order");
    shipped.status = tokshop::domain::order::OrderStatus::AwaitingCollection;
    shipped.update_time += 60;
    store.upsert_orders(&[shipped.clone()], tokshop::domain::order::Source::Webhook, NOW).expect("upsert");
    a.on_update(tokshop::message::Update::Changed(tokshop::message::Topic::Orders(shipped.shop_id)), &v, NOW);
    let marked: Vec<&String> = orders(&a).marked.iter().collect();
    assert_eq!(marked, vec!["576461413038785709"]);
}
