//! Packages as orders describe them: a combined package holds every order's lines whichever
//! order updated last, ships by the earliest deadline, keeps its tag and shipping type, moves in
//! the package list when its deadline moves, and lets an order leave without taking the others.

use super::tests::order;
use super::*;
use crate::domain::order::OrderStatus;

fn in_package(mut o: Order, package: &str, tag: Option<&str>) -> Order {
    o.lines[0].package_id = Some(package.into());
    o.lines[0].tracking_number = Some(format!("1Z{}", o.id));
    o.split_or_combine = tag.map(Into::into);
    o
}

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = Store::open(dir.path()).expect("open");
    (dir, s)
}

fn package(s: &Store, id: &str) -> Package {
    s.get_package(id).expect("get").expect("package")
}

fn put(s: &Store, o: Order) {
    s.upsert_orders(&[o], Source::Poll, 1).expect("upsert");
}

#[test]
fn a_later_ship_by_moves_a_single_order_package_down_the_package_list() {
    let (_dir, s) = open();
    let a = |t, ship_by| in_package(order("A", OrderStatus::AwaitingShipment, t, ship_by), "P1", None);
    put(&s, a(100, 500));
    put(&s, in_package(order("B", OrderStatus::AwaitingShipment, 100, 600), "P2", None));
    put(&s, a(110, 800));
    assert_eq!(package(&s, "P1").ship_by, Some(800));
    let page = s.package_page(None, 10).expect("page");
    let ids: Vec<&str> = page.rows.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["P2", "P1"], "P2 is due first now");
    assert_eq!(page.keys.len(), 2, "no row is left under the old deadline");
}

#[test]
fn a_combined_package_holds_both_orders_lines_and_ships_by_the_earliest_deadline() {
    let (_dir, s) = open();
    let a = |t| in_package(order("A", OrderStatus::AwaitingShipment, t, 500), "PC", Some("COMBINED"));
    let b = |t| in_package(order("B", OrderStatus::AwaitingShipment, t, 700), "PC", Some("COMBINED"));
    put(&s, a(100));
    put(&s, b(100));
    assert_eq!(package(&s, "PC").ship_by, Some(500), "B's later deadline does not hide A's");
    put(&s, a(110));
    put(&s, b(120));
    let p = package(&s, "PC");
    assert_eq!(p.order_ids, ["A", "B"]);
    assert_eq!(p.line_ids, ["A-1", "B-1"]);
    assert_eq!((p.tag.as_str(), p.ship_by), ("COMBINE", Some(500)));
    // The package id finds both orders.
    let q = OrderQuery { search: Some("PC".into()), ..OrderQuery::default() };
    let found: Vec<String> = s.order_page(&q, None, 10).expect("search").rows.into_iter().map(|r| r.id).collect();
    assert_eq!(found, ["A", "B"]);
}

#[test]
fn an_order_joins_a_combined_package_even_when_the_other_orders_update_is_newer() {
    let (_dir, s) = open();
    put(&s, in_package(order("A", OrderStatus::AwaitingShipment, 200, 500), "PC", Some("COMBINED")));
    put(&s, in_package(order("B", OrderStatus::AwaitingShipment, 100, 400), "PC", Some("COMBINED")));
    let p = package(&s, "PC");
    assert_eq!(
        (p.order_ids.clone(), p.line_ids.clone()),
        (vec!["A".to_string(), "B".into()], vec!["A-1".into(), "B-1".into()])
    );
    assert_eq!(p.ship_by, Some(400), "B's deadline is the earlier");
    assert_eq!(p.tracking_number.as_deref(), Some("1ZA"), "what the package is: the newer version's");
    assert_eq!(p.update_time, 200);
}

#[test]
fn an_order_taken_out_of_a_combined_package_leaves_the_other_order_in_it() {
    let (_dir, s) = open();
    put(&s, in_package(order("A", OrderStatus::AwaitingShipment, 100, 500), "PC", Some("COMBINED")));
    put(&s, in_package(order("B", OrderStatus::AwaitingShipment, 100, 700), "PC", Some("COMBINED")));
    put(&s, in_package(order("B", OrderStatus::AwaitingShipment, 110, 700), "PB", None));
    let pc = package(&s, "PC");
    assert_eq!((pc.order_ids, pc.line_ids), (vec!["A".to_string()], vec!["A-1".to_string()]));
    assert_eq!(package(&s, "PB").order_ids, ["B"]);
    let page = s.package_page(None, 10).expect("page");
    assert_eq!(page.rows.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["PC", "PB"]);
}

#[test]
fn a_tiktok_shipped_split_package_keeps_its_tag_and_shipping_type() {
    let (_dir, s) = open();
    let mut o = in_package(order("S", OrderStatus::AwaitingShipment, 100, 500), "PS", Some("SPLIT"));
    o.shipping_type = ShippingType::Tiktok;
    put(&s, o);
    let p = package(&s, "PS");
    assert_eq!((p.tag.as_str(), p.shipping_type.as_str()), ("SPLIT", "TIKTOK"));
    put(&s, in_package(order("D", OrderStatus::AwaitingShipment, 100, 500), "PD", None));
    let p = package(&s, "PD");
    assert_eq!((p.tag.as_str(), p.shipping_type.as_str()), ("DEFAULT", "SELLER"));
}

#[test]
fn a_combined_package_ships_by_its_orders_deadlines_as_they_stand_now() {
    let (_dir, s) = open();
    let a = |t, ship_by| in_package(order("A", OrderStatus::AwaitingShipment, t, ship_by), "PC", Some("COMBINED"));
    put(&s, a(100, 500));
    put(&s, in_package(order("B", OrderStatus::AwaitingShipment, 100, 700), "PC", Some("COMBINED")));
    assert_eq!(package(&s, "PC").ship_by, Some(500));
    put(&s, a(110, 800));
    assert_eq!(package(&s, "PC").ship_by, Some(700), "A's deadline moved past B's");
    put(&s, in_package(order("B", OrderStatus::AwaitingShipment, 120, 700), "PB", None));
    assert_eq!(package(&s, "PC").ship_by, Some(800), "B left: A's own deadline");
    let page = s.package_page(None, 10).expect("page");
    assert_eq!(
        page.rows.iter().map(|p| (p.id.as_str(), p.ship_by)).collect::<Vec<_>>(),
        [("PB", Some(700)), ("PC", Some(800))]
    );
}

#[test]
fn a_package_left_empty_is_gone_and_no_longer_waits_for_its_parcel() {
    let (_dir, s) = open();
    put(&s, in_package(order("A", OrderStatus::AwaitingShipment, 100, 500), "P1", None));
    assert_eq!(s.packages_without_parcel("s1", 10).expect("to-do"), ["P1"]);
    put(&s, in_package(order("A", OrderStatus::AwaitingShipment, 110, 500), "P2", None));
    assert_eq!(s.get_package("P1").expect("get"), None);
    assert_eq!(s.packages_without_parcel("s1", 10).expect("to-do"), ["P2"]);
    assert_eq!(s.package_page(None, 10).expect("page").keys.len(), 1);
}
