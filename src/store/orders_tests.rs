use super::*;
use crate::domain::order::OrderStatus;
use crate::domain::order::{OrderLine, Payment};
use rust_decimal::Decimal;

pub fn order(id: &str, status: OrderStatus, update: i64, ship_by: i64) -> Order {
    Order {
        id: id.into(),
        shop_id: "s1".into(),
        status,
        create_time: 1,
        update_time: update,
        buyer_nickname: format!("buyer_{id}"),
        shipping_type: ShippingType::Seller,
        ship_by: Some(ship_by),
        payment: Payment { currency: "USD".into(), total_amount: Decimal::new(1999, 2), ..Payment::default() },
        lines: vec![OrderLine {
            id: format!("{id}-1"),
            seller_sku: format!("SKU-{id}"),
            package_status: "TO_FULFILL".into(),
            ..OrderLine::default()
        }],
        ..Order::default()
    }
}

#[test]
fn newer_wins_and_history_records_each_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = Store::open(dir.path()).expect("open");
    let a1 = order("A", OrderStatus::AwaitingShipment, 100, 500);
    let stats = s.upsert_orders(std::slice::from_ref(&a1), Source::Backfill, 1000).expect("upsert");
    assert_eq!((stats.inserted, stats.status_changed.len()), (1, 1));
    // Older data never overwrites newer.
    let mut a0 = order("A", OrderStatus::Unpaid, 50, 500);
    a0.buyer_nickname = "old".into();
    let stats = s.upsert_orders(&[a0], Source::Webhook, 1001).expect("upsert");
    assert_eq!(stats.stale, 1);
    assert_eq!(s.get_order("A").expect("get").expect("order").status, OrderStatus::AwaitingShipment);
    // The same version again changes nothing.
    assert_eq!(s.upsert_orders(&[a1], Source::Poll, 1002).expect("upsert").unchanged, 1);
    let mut a2 = order("A", OrderStatus::InTransit, 200, 500);
    a2.lines[0].package_id = Some("P1".into());
    a2.lines[0].tracking_number = Some("1Z999".into());
    a2.lines[0].package_status = "FULFILLING".into();
    s.upsert_orders(&[a2], Source::Webhook, 1003).expect("upsert");
    let h = s.order_history("A").expect("history");
    let seen: Vec<(OrderStatus, Source)> = h.iter().map(|c| (c.status.clone(), c.source)).collect();
    assert_eq!(
        seen,
        vec![(OrderStatus::AwaitingShipment, Source::Backfill), (OrderStatus::InTransit, Source::Webhook)]
    );
    let p = s.get_package("P1").expect("get").expect("package derived from the lines");
    assert_eq!(p.tracking_number.as_deref(), Some("1Z999"));
    assert_eq!(s.order_count().expect("count"), 1);
}

#[test]
fn queue_pages_in_deadline_order_with_filters_and_search() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = Store::open(dir.path()).expect("open");
    let mut batch = Vec::new();
    for i in 0..30 {
        let status = if i % 3 == 0 { OrderStatus::Completed } else { OrderStatus::AwaitingShipment };
        let mut o = order(&format!("O{i:02}"), status, 10, 1000 - i);
        o.cancel_requested = i == 7;
        batch.push(o);
    }
    s.upsert_orders(&batch, Source::Backfill, 1).expect("upsert");
    let q = OrderQuery::default();
    let p1 = s.order_page(&q, None, 10).expect("page");
    assert_eq!(p1.rows.len(), 10);
    assert!(p1.rows.iter().all(|r| r.status.is_open()), "open orders first");
    let deadlines: Vec<i64> = p1.rows.iter().map(|r| r.deadline()).collect();
    assert!(deadlines.windows(2).all(|w| w[0] <= w[1]));
    let p2 = s.order_page(&q, p1.next.as_deref(), 100).expect("page");
    assert_eq!(p1.rows.len() + p2.rows.len(), 30);
    assert!(p2.next.is_none());
    let done =
        s.order_page(&OrderQuery { status: Some(OrderStatus::Completed), ..q.clone() }, None, 100).expect("page");
    assert_eq!(done.rows.len(), 10);
    let cancel = s.order_page(&OrderQuery { cancel_requested: true, ..q.clone() }, None, 100).expect("page");
    assert_eq!(cancel.rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), vec!["O07"]);
    let due = s.order_page(&OrderQuery { due_before: Some(975), ..q.clone() }, None, 100).expect("page");
    assert!(due.rows.iter().all(|r| r.deadline() <= 975) && !due.rows.is_empty());
    // "Due before" bounds the status and flag indexes too; contradictory filters give nothing.
    let due_open = s.order_page(
        &OrderQuery { due_before: Some(975), status: Some(OrderStatus::AwaitingShipment), ..q.clone() },
        None,
        100,
    );
    assert_eq!(due_open.expect("page").rows.len(), due.rows.len());
    let due_done = s.order_page(
        &OrderQuery { due_before: Some(975), status: Some(OrderStatus::Completed), ..q.clone() },
        None,
        100,
    );
    assert!(due_done.expect("page").rows.is_empty());
    let held = s.order_page(
        &OrderQuery { on_hold: true, status: Some(OrderStatus::AwaitingShipment), ..q.clone() },
        None,
        100,
    );
    assert!(held.expect("page").rows.is_empty());
    // O07 (the cancel request) must ship by 993.
    let cancel_due = |t| {
        s.order_page(&OrderQuery { cancel_requested: true, due_before: Some(t), ..q.clone() }, None, 100).expect("page")
    };
    assert_eq!(cancel_due(995).rows.len(), 1);
    assert!(cancel_due(990).rows.is_empty());
    for term in ["O05", "sku-o05", "BUYER_O05", "sku-o0"] {
        let r = s.order_page(&OrderQuery { search: Some(term.into()), ..q.clone() }, None, 100).expect("search");
        assert!(r.rows.iter().any(|r| r.id == "O05"), "{term}");
    }
}

/// Every type the order tables and packages keep compact comes back exactly as written, with every optional
/// field set and unset: postcard would fail on `skip_serializing_if` or `flatten`.
#[test]
fn compact_values_round_trip_every_field() {
    use super::super::codec::{decode, encode_bin, is_bin};
    use crate::domain::order::{LinePrice, LineTax, PriceDetail};
    fn back<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(v: &T) {
        let b = encode_bin(v).expect("encode");
        assert!(is_bin(&b));
        assert_eq!(&decode::<T>("t", "k", &b).expect("decode"), v);
        // The JSON an older store holds decodes too.
        assert_eq!(&decode::<T>("t", "k", &serde_json::to_vec(v).expect("json")).expect("decode json"), v);
    }
    let bare = order("1", OrderStatus::Unknown("NEW_ONE".into()), 5, 9);
    let mut full = order("2", OrderStatus::AwaitingShipment, 5, 9);
    full.paid_time = Some(3);
    full.replaced_order_id = Some("0".into());
    full.cancel_deadline = Some(4);
    full.cancel_reason = Some("r".into());
    full.cancellation_initiator = Some("BUYER".into());
    full.collection_due = Some(6);
    full.delivery_due = Some(7);
    full.tracking_number = Some("T".into());
    full.shipping_provider = Some("USPS".into());
    full.split_or_combine = Some("SPLIT".into());
    full.package_ids = vec!["p".into()];
    full.rts_time = Some(8);
    full.payment_method = Some("card".into());
    full.shipping_type = ShippingType::Unknown("DRONE".into());
    full.lines[0].taxes =
        vec![LineTax { tax_type: "VAT".into(), amount: Decimal::new(12, 1), rate: Decimal::new(2, 1) }];
    full.lines[0].package_id = Some("p".into());
    full.lines[0].tracking_number = Some("T".into());
    full.lines[0].rts_time = Some(8);
    full.lines[0].is_dangerous_good = true;
    let price = PriceDetail {
        currency: "USD".into(),
        total: Decimal::new(1999, 2),
        lines: vec![LinePrice { id: "l".into(), sale_price: Decimal::new(5, 0), ..LinePrice::default() }],
        ..PriceDetail::default()
    };
    full.price = Some(price.clone());
    for o in [&bare, &full] {
        back(o);
        back(&OrderRow::from(o));
    }
    back(&price);
    back(&StatusChange { status: OrderStatus::Cancelled, at: 1, seen_at: 2, source: Source::Action });
    // Packages, with and without their parcel (whose size serializes flat, without `flatten`).
    use crate::domain::package::{Dimension, Package, Weight};
    let bare = Package { id: "p".into(), line_ids: vec!["l".into()], ..Package::default() };
    let parcel = Package {
        shipping_provider_id: Some("7117".into()),
        shipping_provider_name: Some("USPS".into()),
        tracking_number: Some("T".into()),
        weight: Some(Weight { value: Decimal::new(4505, 1), unit: "GRAM".into() }),
        dimension: Some(Dimension {
            size: crate::domain::catalog::Dimensions {
                length: Decimal::new(30, 0),
                width: Decimal::new(255, 1),
                height: Decimal::new(6, 0),
            },
            unit: "CM".into(),
        }),
        ship_by: Some(9),
        ..bare.clone()
    };
    back(&bare);
    back(&parcel);
    let json = serde_json::to_value(&parcel).expect("json");
    assert_eq!(json["dimension"], serde_json::json!({"length": "30", "width": "25.5", "height": "6", "unit": "CM"}));
    // A tag this tokshop does not know is refused, not misread.
    assert!(decode::<StatusChange>("t", "k", &[0x02, 0, 0]).is_err());
}

#[test]
fn an_order_is_found_by_its_recipients_whole_name_and_each_word_of_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = Store::open(dir.path()).expect("open");
    let mut n = order("N1", OrderStatus::AwaitingShipment, 100, 500);
    n.address.name = "Ada Lovelace".into();
    s.upsert_orders(&[n, order("N2", OrderStatus::AwaitingShipment, 100, 500)], Source::Poll, 1).expect("upsert");
    for term in ["lovelace", "Ada Lovelace", "ada"] {
        let q = OrderQuery { search: Some(term.into()), ..OrderQuery::default() };
        let ids: Vec<String> = s.order_page(&q, None, 10).expect("search").rows.into_iter().map(|r| r.id).collect();
        assert_eq!(ids, ["N1"], "searching {term:?}");
    }
    let nameless = search_terms(&order("N2", OrderStatus::AwaitingShipment, 100, 500));
    assert!(nameless.iter().all(|t| !t.starts_with("name:")), "no name term for an order without one: {nameless:?}");
}

#[test]
fn an_update_to_a_stored_order_is_counted_as_updated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = Store::open(dir.path()).expect("open");
    s.upsert_orders(&[order("A", OrderStatus::AwaitingShipment, 100, 500)], Source::Poll, 1).expect("upsert");
    let b = [order("A", OrderStatus::InTransit, 200, 500), order("B", OrderStatus::AwaitingShipment, 200, 500)];
    let st = s.upsert_orders(&b, Source::Poll, 2).expect("upsert");
    assert_eq!((st.inserted, st.updated, st.stale, st.unchanged), (1, 1, 0, 0));
}

#[test]
fn a_price_detail_is_kept_apart_and_takes_the_order_off_the_price_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = Store::open(dir.path()).expect("open");
    let a = order("A", OrderStatus::AwaitingShipment, 100, 500);
    s.upsert_orders(&[a.clone(), order("B", OrderStatus::AwaitingShipment, 100, 500)], Source::Poll, 1)
        .expect("upsert");
    assert_eq!(s.orders_without_price("s1", 10).expect("to-do"), ["A", "B"]);
    assert_eq!(s.orders_without_price("s1", 1).expect("to-do"), ["A"]);
    assert!(s.orders_without_price("s2", 10).expect("to-do").is_empty());
    let price = PriceDetail { currency: "USD".into(), total: Decimal::new(1999, 2), ..PriceDetail::default() };
    s.write(|t| put_price(t, "s1", "A", &price)).expect("price");
    assert_eq!(s.orders_without_price("s1", 10).expect("to-do"), ["B"]);
    assert_eq!(s.get_order("A").expect("get").expect("A").price, Some(price.clone()));
    // The same version carrying its price detail is the same version: nothing is written.
    let st = s.upsert_orders(&[Order { price: Some(price), ..a }], Source::Poll, 2).expect("upsert");
    assert_eq!((st.unchanged, st.updated), (1, 0));
}

#[test]
fn rows_counts_and_ids_read_back_per_shop() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = Store::open(dir.path()).expect("open");
    let mut c = order("C", OrderStatus::AwaitingShipment, 100, 500);
    c.shop_id = "s2".into();
    let batch = [order("A", OrderStatus::AwaitingShipment, 100, 500), order("B", OrderStatus::Unpaid, 100, 500), c];
    s.upsert_orders(&batch, Source::Poll, 1).expect("upsert");
    assert_eq!(s.order_count().expect("count"), 3);
    assert_eq!(s.order_ids("s1").expect("ids"), ["A", "B"]);
    assert_eq!(s.order_ids("s2").expect("ids"), ["C"]);
    let row = s.get_order_row("B").expect("row").expect("B");
    assert_eq!((row.id.as_str(), &row.status), ("B", &OrderStatus::Unpaid));
    assert_eq!(s.get_order_row("Z").expect("row"), None);
}

#[test]
fn orders_due_before_lists_only_open_orders_due_by_then() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = Store::open(dir.path()).expect("open");
    let batch = [
        order("A", OrderStatus::AwaitingShipment, 100, 500),
        order("B", OrderStatus::AwaitingShipment, 100, 900),
        order("C", OrderStatus::Completed, 100, 100),
    ];
    s.upsert_orders(&batch, Source::Poll, 1).expect("upsert");
    let due: Vec<String> = s.orders_due_before(600, 10).expect("due").into_iter().map(|r| r.id).collect();
    assert_eq!(due, ["A"]);
}
