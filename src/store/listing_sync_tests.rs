//! Stock and price kept in step, at the store: a change marks every shop selling the product
//! in the same transaction, pushes coalesce into one queued batch per shop, a push clears only
//! what it sent, and open orders hold units across shops until they ship or are cancelled.

use super::*;
use crate::domain::catalog::Variant;
use crate::domain::order::{OrderLine, OrderStatus};
use crate::domain::outbox::OutboxState;
use crate::domain::shop::ShopStatus;
use rust_decimal::Decimal;

fn shop(id: &str) -> Shop {
    crate::store::shops::tests::shop(id, "web", ShopStatus::Active)
}

fn product(stock: i64, price: i64) -> Product {
    Product {
        store: "web".into(),
        handle: "mug".into(),
        title: "Mug".into(),
        currency: "USD".into(),
        variants: vec![Variant {
            sku: "MUG-1".into(),
            price: Decimal::new(price, 2),
            inventory: stock,
            ..Variant::default()
        }],
        ..Product::default()
    }
}

fn listing(shop_id: &str, product_id: &str, status: &str) -> Listing {
    Listing {
        shop_id: shop_id.into(),
        product_id: product_id.into(),
        store: "web".into(),
        handle: "mug".into(),
        status: status.into(),
        origin: Origin::Matched,
        updated_at: 5,
        ..Listing::default()
    }
}

/// Two shops on one platform store, both selling the mug live.
fn setup() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = Store::open(dir.path()).expect("open");
    s.write(|t| {
        crate::store::shops::put_shop(t, &shop("s1"))?;
        crate::store::shops::put_shop(t, &shop("s2"))?;
        crate::store::catalog::put_product(t, &product(10, 1200))?;
        crate::store::listing::put_listing(t, &listing("s1", "p1", "ACTIVATE"))?;
        crate::store::listing::put_listing(t, &listing("s2", "p2", "ACTIVATE"))?;
        Ok(())
    })
    .expect("setup");
    (dir, s)
}

fn pushes(s: &Store, shop_id: &str) -> Vec<u64> {
    let mut v: Vec<u64> = s
        .all_outbox()
        .expect("outbox")
        .into_iter()
        .filter_map(|i| match i.intent {
            OutboxIntent::PushListings { shop_id: s, batch } if s == shop_id => Some(batch),
            _ => None,
        })
        .collect();
    v.sort();
    v
}

fn claim_all(s: &Store, shop_id: &str, batch: u64) -> Vec<(String, u64)> {
    s.write(|t| claim(t, shop_id, batch)).expect("claim")
}

/// The first queued push of a shop runs and sends every change it claimed.
fn push_first_batch(s: &Store, shop_id: &str) {
    for (p, seq) in claim_all(s, shop_id, 1) {
        let sync = LiveSync { shop_id: shop_id.into(), product_id: p, ..LiveSync::default() };
        s.write(|t| record(t, &sync, Some(seq))).expect("record");
    }
}

#[test]
fn a_listing_that_goes_live_is_pushed_once_on_its_own_shop() {
    let (_d, s) = setup();
    assert_eq!(pushes(&s, "s1"), vec![1]);
    assert_eq!(pushes(&s, "s2"), vec![1]);
    assert_eq!((s.changed_count("s1").expect("n"), s.changed_count("s2").expect("n")), (1, 1));
    // Stored again unchanged, or a later version still live: nothing more to push.
    let mut again = listing("s1", "p1", "ACTIVATE");
    again.updated_at = 6;
    again.title = "Mug!".into();
    s.write(|t| crate::store::listing::put_listing(t, &again).map(|_| ())).expect("put");
    assert_eq!(s.write(|t| claim(t, "s1", 1)).expect("claim").len(), 1);
    assert_eq!(pushes(&s, "s1"), vec![1]);
}

#[test]
fn a_listing_that_is_not_live_is_never_pushed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = Store::open(dir.path()).expect("open");
    s.write(|t| {
        crate::store::shops::put_shop(t, &shop("s1"))?;
        crate::store::listing::put_listing(t, &listing("s1", "p1", "DRAFT"))?;
        let mut unmatched = listing("s1", "p2", "ACTIVATE");
        unmatched.origin = Origin::Unmatched;
        crate::store::listing::put_listing(t, &unmatched)?;
        let mut no_product = listing("s1", "p3", "ACTIVATE");
        no_product.handle = String::new();
        crate::store::listing::put_listing(t, &no_product)?;
        Ok(())
    })
    .expect("put");
    assert_eq!(s.changed_count("s1").expect("n"), 0);
    assert!(pushes(&s, "s1").is_empty());
}

#[test]
fn a_burst_of_changes_rides_one_queued_push_per_shop() {
    let (_d, s) = setup();
    for stock in 0..50 {
        s.write(|t| crate::store::catalog::put_product(t, &product(stock, 1200))).expect("change");
    }
    assert_eq!(pushes(&s, "s1"), vec![1], "one push queued for the whole burst");
    assert_eq!(pushes(&s, "s2"), vec![1]);
    let claimed = claim_all(&s, "s1", 1);
    assert_eq!(claimed.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(), vec!["p1"]);
    assert_eq!(s.push_queue("s1").expect("q"), PushQueue { batch: 1, started: true });
    // A change after the push started needs a push of its own, and only one.
    s.write(|t| crate::store::catalog::put_product(t, &product(99, 1200))).expect("change");
    s.write(|t| crate::store::catalog::put_product(t, &product(98, 1200))).expect("change");
    assert_eq!(pushes(&s, "s1"), vec![1, 2]);
    assert_eq!(s.push_queue("s1").expect("q"), PushQueue { batch: 2, started: false });
    // Claiming an older batch again does not start the newer one.
    claim_all(&s, "s1", 1);
    assert!(!s.push_queue("s1").expect("q").started);
}

#[test]
fn an_edit_that_moves_neither_stock_nor_price_pushes_nothing() {
    let (_d, s) = setup();
    push_first_batch(&s, "s1");
    assert_eq!(s.changed_count("s1").expect("n"), 0);
    let mut retitled = product(10, 1200);
    retitled.title = "Big mug".into();
    retitled.variants[0].price = Decimal::new(12000, 3); // 12.000 is 12.00
    s.write(|t| crate::store::catalog::put_product(t, &retitled)).expect("edit");
    assert_eq!(s.changed_count("s1").expect("n"), 0, "the same price and stock");
    s.write(|t| crate::store::catalog::put_product(t, &product(10, 1250))).expect("price");
    assert_eq!(s.changed_count("s1").expect("n"), 1, "a new price");
}

#[test]
fn a_push_clears_only_the_change_it_sent() {
    let (_d, s) = setup();
    let claimed = claim_all(&s, "s1", 1);
    let (p, seq) = claimed[0].clone();
    // A change lands while the push is on the wire.
    s.write(|t| crate::store::catalog::put_product(t, &product(3, 1200))).expect("change");
    let sync = LiveSync { shop_id: "s1".into(), product_id: p.clone(), ..LiveSync::default() };
    s.write(|t| record(t, &sync, Some(seq))).expect("record");
    assert_eq!(s.changed_count("s1").expect("n"), 1, "the newer change still waits");
    assert_eq!(s.live_sync("s1", &p).expect("get"), Some(sync.clone()));
    let newer = claim_all(&s, "s1", 2);
    s.write(|t| record(t, &sync, Some(newer[0].1))).expect("record");
    assert_eq!(s.changed_count("s1").expect("n"), 0);
    // Recording state alone never clears a change.
    s.write(|t| mark(t, "s1", &p, 9)).expect("mark");
    s.write(|t| record(t, &sync, None)).expect("record");
    assert_eq!(s.changed_count("s1").expect("n"), 1);
    assert_eq!(s.live_syncs("s1").expect("all").len(), 1);
    assert!(s.live_syncs("s2").expect("all").is_empty());
}

fn open_order(id: &str, status: OrderStatus, units: usize) -> Order {
    Order {
        id: id.into(),
        shop_id: "s1".into(),
        status,
        update_time: 10,
        lines: (0..units)
            .map(|i| OrderLine { id: format!("{id}-{i}"), seller_sku: "MUG-1".into(), ..OrderLine::default() })
            .collect(),
        ..Order::default()
    }
}

#[test]
fn an_open_order_holds_its_units_on_every_shop_until_it_ships_or_is_cancelled() {
    let (_d, s) = setup();
    push_first_batch(&s, "s1");
    push_first_batch(&s, "s2");
    let o = open_order("o1", OrderStatus::AwaitingShipment, 2);
    s.write(|t| order_changed(t, &o, 20)).expect("order");
    assert_eq!(s.held("web", "MUG-1").expect("held"), 2);
    assert_eq!((s.changed_count("s1").expect("n"), s.changed_count("s2").expect("n")), (1, 1), "both shops pushed");
    // The same order stored again holds nothing more.
    s.write(|t| order_changed(t, &o, 21)).expect("again");
    assert_eq!(s.held("web", "MUG-1").expect("held"), 2);
    let other = open_order("o2", OrderStatus::Unpaid, 1);
    s.write(|t| order_changed(t, &other, 22)).expect("order");
    assert_eq!(s.held("web", "MUG-1").expect("held"), 3);
    // One line cancelled, then the order ships: its units are released.
    let mut part = o.clone();
    part.lines[0].cancelled = true;
    s.write(|t| order_changed(t, &part, 23)).expect("cancel a line");
    assert_eq!(s.held("web", "MUG-1").expect("held"), 2);
    let mut shipped = part.clone();
    shipped.lines[1].rts_time = Some(30);
    s.write(|t| order_changed(t, &shipped, 24)).expect("ship");
    assert_eq!(s.held("web", "MUG-1").expect("held"), 1);
    for status in [OrderStatus::Cancelled, OrderStatus::Completed, OrderStatus::InTransit, OrderStatus::Delivered] {
        let mut o2 = other.clone();
        o2.status = status.clone();
        s.write(|t| order_changed(t, &o2, 25)).expect("done");
        assert_eq!(s.held("web", "MUG-1").expect("held"), 0, "{status:?} holds nothing");
        s.write(|t| order_changed(t, &other, 26)).expect("reopen");
        assert_eq!(s.held("web", "MUG-1").expect("held"), 1, "{status:?}");
    }
    for status in [OrderStatus::OnHold, OrderStatus::PartiallyShipping] {
        let mut o2 = other.clone();
        o2.status = status.clone();
        s.write(|t| order_changed(t, &o2, 27)).expect("still open");
        assert_eq!(s.held("web", "MUG-1").expect("held"), 1, "{status:?} still holds");
    }
}

#[test]
fn a_hand_linked_sku_holds_the_platform_sku_it_was_linked_to() {
    let (_d, s) = setup();
    let mut linked = listing("s1", "p1", "ACTIVATE");
    linked.updated_at = 7;
    linked.sku_links.insert("tt-sku-1".into(), "MUG-1".into());
    s.write(|t| crate::store::listing::put_listing(t, &linked).map(|_| ())).expect("link");
    let mut o = open_order("o1", OrderStatus::AwaitingShipment, 1);
    o.lines[0].seller_sku = "SOMETHING-ELSE".into();
    o.lines[0].product_id = "p1".into();
    o.lines[0].sku_id = "tt-sku-1".into();
    s.write(|t| order_changed(t, &o, 20)).expect("order");
    assert_eq!(s.held("web", "MUG-1").expect("held"), 1);
    assert_eq!(s.held("web", "SOMETHING-ELSE").expect("held"), 0);
}

#[test]
fn an_order_of_a_shop_tokshop_does_not_know_holds_nothing() {
    let (_d, s) = setup();
    let mut o = open_order("o1", OrderStatus::AwaitingShipment, 1);
    o.shop_id = "elsewhere".into();
    s.write(|t| order_changed(t, &o, 20)).expect("order");
    assert_eq!(s.held("web", "MUG-1").expect("held"), 0);
}

#[test]
fn new_stock_rules_push_every_live_product_of_that_shop_only() {
    let (_d, s) = setup();
    push_first_batch(&s, "s1");
    push_first_batch(&s, "s2");
    s.write(|t| crate::store::listing::put_listing(t, &listing("s1", "p9", "SELLER_DEACTIVATED")).map(|_| ()))
        .expect("inactive");
    s.write(|t| crate::store::listing::put_listing(t, &listing("s1", "p8", "ACTIVATE")).map(|_| ())).expect("live");
    push_first_batch(&s, "s1");
    let rules = StockRules { buffer: 2, ..StockRules::default() };
    assert_eq!(s.write(|t| put_rules(t, "s1", &rules, 30)).expect("rules"), 2, "two live products");
    assert_eq!(s.stock_rules("s1").expect("rules"), rules);
    assert_eq!(s.stock_rules("s2").expect("rules"), StockRules::default());
    assert_eq!((s.changed_count("s1").expect("n"), s.changed_count("s2").expect("n")), (2, 0));
}

#[test]
fn push_now_requeues_a_push_that_gave_up_and_makes_it_due() {
    let (_d, s) = setup();
    // The queued push failed for good while a change still waits.
    let item = s.all_outbox().expect("outbox").into_iter().find(|i| i.shop_id == "s1").expect("push");
    claim_all(&s, "s1", 1);
    let mut failed = item.clone();
    failed.state = OutboxState::Failed { at: 40, reason: "gave up".into() };
    s.write(|t| crate::store::outbox::put(t, &failed)).expect("fail");
    s.write(|t| push_now(t, "s1", 50)).expect("push now");
    let pending: Vec<_> = s
        .all_outbox()
        .expect("outbox")
        .into_iter()
        .filter(|i| i.shop_id == "s1" && i.state == OutboxState::Pending)
        .collect();
    assert_eq!(pending.len(), 1, "a new push queued");
    assert_eq!(pending[0].next_attempt_at, 50);
    // A queued push scheduled later is made due now.
    let mut later = pending[0].clone();
    later.next_attempt_at = 500;
    s.write(|t| crate::store::outbox::put(t, &later)).expect("later");
    s.write(|t| push_now(t, "s1", 60)).expect("push now");
    assert_eq!(s.get_outbox(later.id).expect("get").expect("item").next_attempt_at, 60);
    assert_eq!(pushes(&s, "s1").len(), 2, "no third push");
    // The other shop's push is left as it was.
    let s2 = s.all_outbox().expect("outbox").into_iter().find(|i| i.shop_id == "s2").expect("s2");
    assert_eq!(s2.next_attempt_at, 5);
}

#[test]
fn a_live_listing_stored_again_after_its_push_is_not_pushed_again() {
    let (_d, s) = setup();
    push_first_batch(&s, "s1");
    let mut again = listing("s1", "p1", "ACTIVATE");
    again.updated_at = 6;
    again.title = "Mug!".into();
    s.write(|t| crate::store::listing::put_listing(t, &again).map(|_| ())).expect("put");
    assert_eq!(s.changed_count("s1").expect("n"), 0, "still live, same product");
    assert_eq!(pushes(&s, "s1"), vec![1]);
}

#[test]
fn a_draft_that_goes_live_or_a_live_listing_moved_to_another_product_is_pushed() {
    let (_d, s) = setup();
    push_first_batch(&s, "s1");
    s.write(|t| crate::store::listing::put_listing(t, &listing("s1", "p3", "DRAFT")).map(|_| ())).expect("draft");
    assert_eq!(s.changed_count("s1").expect("n"), 0, "a draft is not pushed");
    let mut live = listing("s1", "p3", "ACTIVATE");
    live.updated_at = 6;
    s.write(|t| crate::store::listing::put_listing(t, &live).map(|_| ())).expect("live");
    assert_eq!(pushes(&s, "s1"), vec![1, 2]);
    let claimed = claim_all(&s, "s1", 2);
    assert_eq!(claimed.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(), ["p3"]);
    for (p, seq) in claimed {
        let sync = LiveSync { shop_id: "s1".into(), product_id: p, ..LiveSync::default() };
        s.write(|t| record(t, &sync, Some(seq))).expect("record");
    }
    assert_eq!(s.changed_count("s1").expect("n"), 0);
    let mut moved = listing("s1", "p1", "ACTIVATE");
    moved.handle = "cup".into();
    moved.updated_at = 7;
    s.write(|t| crate::store::listing::put_listing(t, &moved).map(|_| ())).expect("moved");
    assert_eq!(s.changed_count("s1").expect("n"), 1, "its new product's stock and price are pushed");
}

#[test]
fn a_queued_push_is_credited_to_the_stock_and_price_sync() {
    let (_d, s) = setup();
    let item = s.all_outbox().expect("outbox").into_iter().find(|i| i.shop_id == "s1").expect("push");
    assert_eq!(item.actor, Actor::system("stock and price sync"));
}

#[test]
fn a_new_store_answers_every_live_listing_question_with_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = Store::open(dir.path()).expect("open");
    assert_eq!(s.live_sync("s1", "p1").expect("sync"), None);
    assert!(s.live_syncs("s1").expect("syncs").is_empty());
    assert_eq!(s.stock_rules("s1").expect("rules"), StockRules::default());
    assert_eq!(s.push_queue("s1").expect("queue"), PushQueue::default());
    assert_eq!(s.held("web", "MUG-1").expect("held"), 0);
    assert_eq!(s.changed_count("s1").expect("n"), 0);
}

#[test]
fn each_products_sync_state_is_read_back_per_shop_in_product_order() {
    let (_d, s) = setup();
    let sync = |shop: &str, p: &str, outcome: &str| LiveSync {
        shop_id: shop.into(),
        product_id: p.into(),
        last_outcome: outcome.into(),
        ..LiveSync::default()
    };
    s.write(|t| {
        record(t, &sync("s1", "p2", "stock 4 → 3"), None)?;
        record(t, &sync("s1", "p1", "unchanged"), None)?;
        record(t, &sync("s2", "p1", "price locked by a promotion"), None)
    })
    .expect("record");
    assert_eq!(s.live_sync("s1", "p2").expect("sync"), Some(sync("s1", "p2", "stock 4 → 3")));
    assert_eq!(
        s.live_syncs("s1").expect("syncs"),
        vec![sync("s1", "p1", "unchanged"), sync("s1", "p2", "stock 4 → 3")]
    );
    assert_eq!(s.changed_count("s1").expect("n"), 1, "recorded without its change: still waiting");
}
