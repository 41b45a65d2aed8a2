//! Order flows in the console, keys through the keymap against the fixture day in a real store:
//! batch ship, map-it-now, split, TikTok handover, tracking update, cancel, answer, combine,
//! uncombine, labels, search and filters, Inbox actions, carrier mapping.

use crate::ui;

use crossterm::event::KeyCode;
use tokshop::domain::attention::{AttentionItem, AttentionKind};
use tokshop::domain::package::CarrierMapping;
use tokshop::message::Command;
use tokshop::message::ShipRequest;
use tokshop::ui::app::App;
use ui::order_data::{GB, US};
use ui::*;

/// Queue order of the fixture day (soonest ship-by first).
const QUEUE: [&str; 10] = [
    "576461413038785701",
    "576461413038785702",
    "576461413038785708",
    "576461413038785709",
    "576461413038785710",
    "576461413038785703",
    "576461413038785704",
    "576461413038785705",
    "576461413038785706",
    "576461413038785707",
];

fn at(a: &mut App, v: &FixedViews, id: &str) {
    press(a, v, "go-orders");
    press(a, v, "select-first");
    let i = QUEUE.iter().position(|q| *q == id).expect("in queue");
    for _ in 0..i {
        press(a, v, "select-next");
    }
    assert_eq!(orders(a).current().map(|r| r.id.as_str()), Some(id));
}

fn enter(a: &mut App, v: &FixedViews) -> Vec<Command> {
    key(a, v, KeyCode::Enter)
}

#[test]
fn the_queue_is_sorted_by_ship_by_and_filters_and_search_narrow_it() {
    let v = loaded();
    let mut a = app(false, &v);
    press(&mut a, &v, "go-orders");
    let ids: Vec<&str> = orders(&a).rows().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, QUEUE);
    press(&mut a, &v, "filter-cancel");
    assert_eq!(orders(&a).rows().iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), vec!["576461413038785703"]);
    press(&mut a, &v, "filter-cancel");
    press(&mut a, &v, "filter-hold");
    assert_eq!(orders(&a).rows().len(), 1);
    press(&mut a, &v, "filter-hold");
    press(&mut a, &v, "filter-shipping");
    assert!(orders(&a).rows().iter().all(|r| r.id != "576461413038785702"), "seller shipping only");
    press(&mut a, &v, "filter-shipping");
    assert_eq!(
        orders(&a).rows().iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        vec!["576461413038785702"],
        "TikTok shipping only"
    );
    press(&mut a, &v, "filter-shipping");
    press(&mut a, &v, "filter-shop");
    assert!(
        orders(&a).rows().iter().all(|r| r.shop_id == US),
        "shops in the Shops pane's order: Maomao Beauty US first"
    );
    press(&mut a, &v, "filter-shop");
    assert!(orders(&a).rows().iter().all(|r| r.shop_id == GB) && orders(&a).rows().len() == 2);
    // Northwind and the disconnected Lumen Home (its history) follow, then every shop again.
    for _ in 0..3 {
        press(&mut a, &v, "filter-shop");
    }
    assert_eq!(orders(&a).rows().len(), 10, "the shop filter cycles back to every shop");
    press(&mut a, &v, "filter-due");
    assert_eq!(orders(&a).rows().len(), 5, "due within a day or overdue");
    press(&mut a, &v, "filter-due");
    // Search: by tracking number, SKU prefix and buyer; esc drops it. Keys type, they do not act.
    press(&mut a, &v, "search");
    type_text(&mut a, &v, "1z999aa10123456784");
    assert!(a.overlays.is_empty() && !a.quit);
    enter(&mut a, &v);
    assert_eq!(orders(&a).rows().iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), vec!["576461413038785705"]);
    press(&mut a, &v, "search");
    for _ in 0..18 {
        key(&mut a, &v, KeyCode::Backspace);
    }
    type_text(&mut a, &v, "sock");
    enter(&mut a, &v);
    assert_eq!(orders(&a).rows().len(), 2);
    press(&mut a, &v, "search");
    key(&mut a, &v, KeyCode::Esc);
    assert_eq!(orders(&a).rows().len(), 10);
    press(&mut a, &v, "filter-status");
    assert!(
        orders(&a)
            .rows()
            .iter()
            .all(|r| r.status.to_ship() && r.status == tokshop::domain::order::OrderStatus::AwaitingShipment)
    );
}

#[test]
fn batch_ship_asks_each_tracking_number_then_confirms() {
    let v = loaded();
    let mut a = app(false, &v);
    at(&mut a, &v, "576461413038785701");
    press(&mut a, &v, "toggle-select");
    press(&mut a, &v, "select-next");
    press(&mut a, &v, "toggle-select");
    press(&mut a, &v, "toggle-select");
    // 701, 708 (partially shipping: its second line), 709; and 705 which has shipped.
    at(&mut a, &v, "576461413038785705");
    press(&mut a, &v, "toggle-select");
    assert_eq!(orders(&a).marked.len(), 4);
    assert!(press(&mut a, &v, "ship-orders").is_empty());
    let Some(p) = a.top::<tokshop::ui::overlays::picker::Picker>() else { panic!("carrier picker") };
    assert!(p.message.contains("Left out: 576461413038785705 is in transit"), "{}", p.message);
    choose(&mut a, &v, 2);
    // A scanner types the number and presses enter; a bad one keeps the prompt with a reason.
    type_text(&mut a, &v, "1Z-999");
    assert!(enter(&mut a, &v).is_empty());
    let Some(p) = a.top::<tokshop::ui::overlays::prompt::Prompt>() else { panic!("prompt stays") };
    assert!(p.error.as_deref().unwrap_or("").contains("letters and digits only"));
    for _ in 0..6 {
        key(&mut a, &v, KeyCode::Backspace);
    }
    for t in ["1Z999AA10000000001", "1Z999AA10000000001"] {
        type_text(&mut a, &v, t);
        enter(&mut a, &v);
    }
    let Some(p) = a.top::<tokshop::ui::overlays::prompt::Prompt>() else { panic!("prompt stays") };
    assert!(p.error.as_deref().unwrap_or("").contains("already the tracking number"), "{:?}", p.error);
    for _ in 0..18 {
        key(&mut a, &v, KeyCode::Backspace);
    }
    type_text(&mut a, &v, "1Z999AA10000000002");
    enter(&mut a, &v);
    type_text(&mut a, &v, "1Z999AA10000000003");
    enter(&mut a, &v);
    assert!(a.top::<tokshop::ui::overlays::confirm::Confirm>().is_some());
    let req = |o: &str, t: &str| ShipRequest {
        order_id: o.into(),
        carrier: "UPS Ground".into(),
        tracking: t.into(),
        line_ids: vec![],
    };
    assert_eq!(
        key(&mut a, &v, KeyCode::Char('y')),
        vec![tokshop::message::Command::from(tokshop::message::FulfilmentCommand::Ship {
            requests: vec![
                req("576461413038785701", "1Z999AA10000000001"),
                req("576461413038785708", "1Z999AA10000000002"),
                req("576461413038785709", "1Z999AA10000000003"),
            ]
        })]
    );
    assert!(a.overlays.is_empty());
}

#[test]
fn an_unmapped_carrier_is_mapped_on_the_spot() {
    let v = loaded();
    let mut a = app(false, &v);
    at(&mut a, &v, "576461413038785703");
    // A GB order with a pending cancellation request is refused with the reason.
    press(&mut a, &v, "ship-orders");
    assert!(a.toast.as_ref().is_some_and(|t| t.error && t.text.contains("cancellation request")));
    at(&mut a, &v, "576461413038785701");
    press(&mut a, &v, "ship-orders");
    // Royal Mail (1) is not mapped for the US shop: the providers of its delivery option follow.
    let cmds = choose(&mut a, &v, 1);
    assert!(cmds.is_empty());
    let Some(p) = a.top::<tokshop::ui::overlays::picker::Picker>() else { panic!("map-it-now picker") };
    assert!(p.message.contains("not mapped"));
    let cmds = choose(&mut a, &v, 2);
    assert_eq!(
        cmds,
        vec![tokshop::message::Command::from(tokshop::message::FulfilmentCommand::MapCarrier {
            mapping: CarrierMapping {
                carrier: "Royal Mail".into(),
                shop_id: US.into(),
                delivery_option_id: ui::order_data::US_OPTION.into(),
                provider_id: "7117859084333745966".into(),
                provider_name: "USPS".into(),
            }
        })]
    );
    assert!(a.top::<tokshop::ui::overlays::prompt::Prompt>().is_some(), "then the tracking number");
}

#[test]
fn split_into_packages_or_ship_some_lines_now() {
    let v = loaded();
    let mut a = app(false, &v);
    at(&mut a, &v, "576461413038785701");
    press(&mut a, &v, "split-ship");
    assert!(enter(&mut a, &v).is_empty(), "nothing ticked");
    key(&mut a, &v, KeyCode::Char(' '));
    enter(&mut a, &v);
    choose(&mut a, &v, 2);
    assert_eq!(
        key(&mut a, &v, KeyCode::Char('y')),
        vec![tokshop::message::Command::from(tokshop::message::FulfilmentCommand::SplitOrder {
            order_id: "576461413038785701".into(),
            groups: vec![vec!["577000000000000101".into()], vec!["577000000000000102".into()]]
        })]
    );
    press(&mut a, &v, "split-ship");
    key(&mut a, &v, KeyCode::Down);
    key(&mut a, &v, KeyCode::Char(' '));
    enter(&mut a, &v);
    choose(&mut a, &v, 1);
    choose(&mut a, &v, 2);
    type_text(&mut a, &v, "1Z999AA10000000009");
    enter(&mut a, &v);
    assert_eq!(
        key(&mut a, &v, KeyCode::Char('y')),
        vec![tokshop::message::Command::from(tokshop::message::FulfilmentCommand::Ship {
            requests: vec![ShipRequest {
                order_id: "576461413038785701".into(),
                carrier: "UPS Ground".into(),
                tracking: "1Z999AA10000000009".into(),
                line_ids: vec!["577000000000000102".into()],
            }]
        })]
    );
}

#[test]
fn tiktok_shipping_picks_a_handover_and_prints_the_label() {
    let v = loaded();
    let mut a = app(false, &v);
    at(&mut a, &v, "576461413038785702");
    assert_eq!(
        press(&mut a, &v, "ship-orders"),
        vec![tokshop::message::Command::from(tokshop::message::FulfilmentCommand::FetchHandoverSlots {
            package_id: "1153000000000000201".into()
        })]
    );
    a.on_update(
        tokshop::message::Update::from(tokshop::message::FulfilmentAnswer::HandoverSlots {
            package_id: "1153000000000000201".into(),
            can_pickup: true,
            can_drop_off: true,
            slots: vec![(NOW + 3600, NOW + 7200)],
        }),
        &v,
        NOW,
    );
    let Some(p) = a.top::<tokshop::ui::overlays::picker::Picker>() else { panic!("handover picker") };
    assert_eq!(p.items.len(), 2);
    choose(&mut a, &v, 2);
    assert_eq!(
        key(&mut a, &v, KeyCode::Char('y')),
        vec![tokshop::message::Command::from(tokshop::message::FulfilmentCommand::ShipTiktok {
            order_id: "576461413038785702".into(),
            package_id: Some("1153000000000000201".into()),
            pickup_slot: Some((NOW + 3600, NOW + 7200))
        })]
    );
    assert_eq!(
        press(&mut a, &v, "print-label"),
        vec![tokshop::message::Command::from(tokshop::message::FulfilmentCommand::PrintLabel {
            package_id: "1153000000000000201".into()
        })]
    );
    // A seller-shipped order has no TikTok label.
    at(&mut a, &v, "576461413038785701");
    assert!(press(&mut a, &v, "print-label").is_empty());
    assert!(a.toast.as_ref().is_some_and(|t| t.error));
}

#[test]
fn tracking_update_cancel_and_answer_go_through_pickers_and_confirmations() {
    let v = loaded();
    let mut a = app(false, &v);
    at(&mut a, &v, "576461413038785705");
    press(&mut a, &v, "update-tracking");
    choose(&mut a, &v, 2);
    type_text(&mut a, &v, "1Z999AA10123456785");
    enter(&mut a, &v);
    assert_eq!(
        key(&mut a, &v, KeyCode::Char('y')),
        vec![tokshop::message::Command::from(tokshop::message::FulfilmentCommand::UpdateTracking {
            package_id: "1153000000000000501".into(),
            carrier: "UPS Ground".into(),
            tracking: "1Z999AA10123456785".into()
        })]
    );
    // Seller cancel: reasons valid for an order awaiting shipment.
    at(&mut a, &v, "576461413038785701");
    press(&mut a, &v, "cancel-order");
    let Some(p) = a.top::<tokshop::ui::overlays::picker::Picker>() else { panic!("reasons") };
    assert_eq!(p.items.len(), 4);
    choose(&mut a, &v, 1);
    assert_eq!(
        key(&mut a, &v, KeyCode::Char('y')),
        vec![tokshop::message::Command::from(tokshop::message::OrdersCommand::CancelOrder {
            order_id: "576461413038785701".into(),
            reason: "seller_cancel_reason_out_of_stock".into()
        })]
    );
    // A delivered order cannot be cancelled by the seller.
    at(&mut a, &v, "576461413038785706");
    press(&mut a, &v, "cancel-order");
    assert!(a.overlays.is_empty() && a.toast.as_ref().is_some_and(|t| t.text.contains("can no longer cancel")));
    // Reject the buyer's request with one of TikTok's reasons and a comment.
    at(&mut a, &v, "576461413038785703");
    press(&mut a, &v, "answer-cancel");
    assert_eq!(
        choose(&mut a, &v, 2),
        vec![tokshop::message::Command::from(tokshop::message::OrdersCommand::FetchRejectReasons {
            cancel_id: "4035318504086196001".into()
        })]
    );
    a.on_update(
        tokshop::message::Update::from(tokshop::message::OrdersAnswer::RejectReasons {
            cancel_id: "4035318504086196001".into(),
            reasons: vec![("seller_reject_apply_product_has_been_packed".into(), "Product has been packed".into())],
        }),
        &v,
        NOW,
    );
    choose(&mut a, &v, 1);
    type_text(&mut a, &v, "Already packed, sorry");
    enter(&mut a, &v);
    assert_eq!(
        key(&mut a, &v, KeyCode::Char('y')),
        vec![tokshop::message::Command::from(tokshop::message::OrdersCommand::AnswerCancellation {
            cancel_id: "4035318504086196001".into(),
            approve: false,
            reason: "seller_reject_apply_product_has_been_packed".into(),
            comment: "Already packed, sorry".into()
        })]
    );
}

#[test]
fn read_only_hides_writes_and_dangerous_actions() {
    let v = loaded();
    let mut a = app(true, &v);
    at(&mut a, &v, "576461413038785701");
    for action in ["ship-orders", "split-ship", "cancel-order", "combine-orders", "update-tracking"] {
        assert!(press(&mut a, &v, action).is_empty());
        assert!(a.overlays.is_empty(), "{action} does nothing in read-only mode");
    }
    // Detail still opens, and order keys inside it stay inert.
    press(&mut a, &v, "open-order");
    assert!(a.top::<tokshop::ui::panes::orders::detail::OrderDetail>().is_some());
    key(&mut a, &v, KeyCode::Char('s'));
    assert_eq!(a.overlays.len(), 1);
}

#[test]
fn the_detail_acts_on_its_order_and_combines_and_uncombines() {
    let v = loaded();
    let mut a = app(false, &v);
    at(&mut a, &v, "576461413038785709");
    press(&mut a, &v, "open-order");
    let Some(d) = a.top::<tokshop::ui::panes::orders::detail::OrderDetail>() else { panic!("detail") };
    assert_eq!(d.view.order.id, "576461413038785709");
    assert_eq!(
        key(&mut a, &v, KeyCode::Char('b')),
        vec![tokshop::message::Command::from(tokshop::message::FulfilmentCommand::FetchCombinable {
            shop_id: US.into()
        })]
    );
    a.on_update(
        tokshop::message::Update::from(tokshop::message::FulfilmentAnswer::Combinable {
            shop_id: US.into(),
            groups: vec![
                ("1153000000000000999".into(), vec!["576461413038785701".into(), "576461413038785702".into()]),
                ("1153000000000000900".into(), vec!["576461413038785709".into(), "576461413038785710".into()]),
            ],
        }),
        &v,
        NOW,
    );
    // The group with the order at hand comes first.
    choose(&mut a, &v, 1);
    assert_eq!(
        key(&mut a, &v, KeyCode::Char('y')),
        vec![tokshop::message::Command::from(tokshop::message::FulfilmentCommand::Combine {
            shop_id: US.into(),
            pre_package_id: "1153000000000000900".into(),
            order_ids: vec!["576461413038785709".into(), "576461413038785710".into()]
        })]
    );
    key(&mut a, &v, KeyCode::Esc);
    assert!(a.overlays.is_empty());
    press(&mut a, &v, "go-packages");
    // To fulfil first by ship-by: the combined package (ship by in 20h) is the fourth.
    for _ in 0..3 {
        press(&mut a, &v, "select-next");
    }
    assert_eq!(
        a.pane::<tokshop::ui::panes::packages::PackagesPane>()
            .expect("packages pane")
            .selected()
            .map(|p| p.id.as_str()),
        Some("1153000000000000900")
    );
    press(&mut a, &v, "uncombine");
    assert_eq!(
        key(&mut a, &v, KeyCode::Char('y')),
        vec![tokshop::message::Command::from(tokshop::message::FulfilmentCommand::Uncombine {
            package_id: "1153000000000000900".into()
        })]
    );
    press(&mut a, &v, "select-next");
    press(&mut a, &v, "uncombine");
    assert!(a.overlays.is_empty(), "a package of one order has nothing to uncombine");
    press(&mut a, &v, "open-package");
    assert!(a.top::<tokshop::ui::panes::orders::detail::OrderDetail>().is_some());
}

#[test]
fn inbox_items_lead_to_their_action() {
    let mut v = loaded();
    let item = |key: &str, kind| AttentionItem {
        key: key.into(),
        kind,
        shop_id: Some(US.into()),
        title: key.into(),
        detail: String::new(),
        deadline: None,
        created_at: NOW,
        updated_at: NOW,
        resolved_at: None,
    };
    v.inbox = Ok(tokshop::store::views::InboxView {
        items: vec![
            item("outbox:7", AttentionKind::WriteFailed),
            item("risk:576461413038785701", AttentionKind::OrderAtRisk),
            item("cancel:4035318504086196001", AttentionKind::CancellationRequest),
        ],
    });
    let mut a = app(false, &v);
    press(&mut a, &v, "go-inbox");
    assert_eq!(
        press(&mut a, &v, "open-item"),
        vec![tokshop::message::Command::from(tokshop::message::InboxCommand::RetryOutbox { id: 7 })]
    );
    press(&mut a, &v, "select-next");
    press(&mut a, &v, "open-item");
    assert!(a.is_showing::<tokshop::ui::panes::orders::OrdersPane>());
    let Some(d) = a.top::<tokshop::ui::panes::orders::detail::OrderDetail>() else { panic!("the order at risk opens") };
    assert_eq!(d.view.order.id, "576461413038785701");
    key(&mut a, &v, KeyCode::Esc);
    press(&mut a, &v, "go-inbox");
    press(&mut a, &v, "select-last");
    press(&mut a, &v, "open-item");
    let Some(p) = a.top::<tokshop::ui::overlays::picker::Picker>() else { panic!("approve or reject") };
    assert!(p.message.contains("No longer needed"));
    choose(&mut a, &v, 1);
    assert_eq!(
        key(&mut a, &v, KeyCode::Char('y')),
        vec![tokshop::message::Command::from(tokshop::message::OrdersCommand::AnswerCancellation {
            cancel_id: "4035318504086196001".into(),
            approve: true,
            reason: String::new(),
            comment: String::new()
        })]
    );
    // Read-only: neither a retry nor an answer.
    let mut ro = app(true, &v);
    press(&mut ro, &v, "go-inbox");
    assert!(press(&mut ro, &v, "open-item").is_empty());
    press(&mut ro, &v, "select-last");
    assert!(press(&mut ro, &v, "open-item").is_empty());
    assert!(ro.overlays.is_empty());
}

#[test]
fn carriers_are_added_imported_and_mapped_per_shop_and_option() {
    let v = loaded();
    let mut a = app(false, &v);
    press(&mut a, &v, "go-mapping");
    press(&mut a, &v, "add-carrier");
    assert!(enter(&mut a, &v).is_empty(), "a name is needed");
    type_text(&mut a, &v, "DHL Express");
    assert_eq!(
        enter(&mut a, &v),
        vec![tokshop::message::Command::from(tokshop::message::FulfilmentCommand::AddCarrier {
            name: "DHL Express".into()
        })]
    );
    press(&mut a, &v, "import-carriers");
    type_text(&mut a, &v, "/tmp/carriers.csv");
    assert_eq!(
        enter(&mut a, &v),
        vec![tokshop::message::Command::from(tokshop::message::FulfilmentCommand::ImportCarriers {
            path: "/tmp/carriers.csv".into()
        })]
    );
    // Royal Mail, first row: map it for the GB shop's every option, as Royal Mail.
    press(&mut a, &v, "map-carrier");
    let Some(p) = a.top::<tokshop::ui::overlays::picker::Picker>() else { panic!("shop picker") };
    assert_eq!(p.items.len(), 3, "every live shop");
    choose(&mut a, &v, 2);
    choose(&mut a, &v, 1);
    assert_eq!(
        choose(&mut a, &v, 1),
        vec![tokshop::message::Command::from(tokshop::message::FulfilmentCommand::MapCarrier {
            mapping: CarrierMapping {
                carrier: "Royal Mail".into(),
                shop_id: GB.into(),
                delivery_option_id: String::new(),
                provider_id: "6617675021119438849".into(),
                provider_name: "Royal Mail".into(),
            }
        })]
    );
    // A shop whose warehouses were never pulled says what to do.
    press(&mut a, &v, "map-carrier");
    choose(&mut a, &v, 3);
    assert!(a.toast.as_ref().is_some_and(|t| t.text.contains("pull its warehouses")));
    press(&mut a, &v, "refresh-warehouses");
    assert_eq!(
        choose(&mut a, &v, 2),
        vec![tokshop::message::Command::from(tokshop::message::FulfilmentCommand::RefreshWarehouses {
            shop_id: US.into()
        })]
    );
    press(&mut a, &v, "remove-carrier");
    assert_eq!(
        key(&mut a, &v, KeyCode::Char('y')),
        vec![tokshop::message::Command::from(tokshop::message::FulfilmentCommand::RemoveCarrier {
            name: "Royal Mail".into()
        })]
    );
}
