//! Shipping from the keyboard's point of view, through the outbox, against the sandbox:
//! ORD-3PL-FULFILL, ORD-SPLIT-API, ORD-3PL-UPDATE, ORD-SPLIT-3PL2, ORD-COMBINE-3PL1/3PL2,
//! ORD-4PL-FULFILL, ORD-CANCEL-BUYER, ORD-CANCEL-SELLER, SHOP-MAN-CARRIER; and a crash between
//! a ship call and its commit.

use crate::common;

use common::*;
use tokshop::domain::attention::AttentionKind;
use tokshop::domain::order::{OrderStatus, ShippingType};
use tokshop::domain::outbox::OutboxState;
use tokshop::domain::package::CarrierMapping;
use tokshop::message::ShipRequest;
use tokshop::sandbox::commerce::OrderMix;
use tokshop::sandbox::seed::Seed;
use tokshop::store::fulfilment;
use tokshop::sync::fulfilment::{self as fulfil, warehouses};
use tokshop::sync::orders::{self, plan_answer, plan_cancel, upkeep};
use tokshop::sync::{SyncCtx, outbox};

struct World {
    sb: tokshop::sandbox::SandboxHandle,
    ctx: SyncCtx,
    shop: tokshop::domain::shop::Shop,
    _dir: tempfile::TempDir,
}

/// No unpaid, held, cancelled, split or combined orders unless a test asks for them.
fn calm() -> OrderMix {
    OrderMix {
        unpaid: 0.0,
        on_hold: 0.0,
        buyer_cancel: 0.0,
        seller_center_split: 0.0,
        seller_center_combine: 0.0,
        ..OrderMix::default()
    }
}

async fn world(mix: OrderMix, n: usize) -> World {
    let sb = sandbox(Seed::Empty).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = sync_ctx(&sb, dir.path());
    let shop = connect(&ctx, &sb, "main", "Sandbox Seller").await.remove(0);
    sb.set_mix(mix);
    sb.generate_orders(&shop.id, n);
    orders::sync_shop(&ctx, &shop, &ctx.orders).await.expect("sync");
    warehouses::sync_warehouses(&ctx, &shop, true).await.expect("warehouses");
    World { sb, ctx, shop, _dir: dir }
}

fn map_ups(w: &World) {
    let p = w
        .ctx
        .store
        .warehouses(Some(&w.shop.id))
        .expect("warehouses")
        .into_iter()
        .flat_map(|x| x.delivery_options)
        .flat_map(|o| o.providers)
        .find(|p| p.name == "UPS")
        .expect("UPS");
    let m = CarrierMapping {
        carrier: "UPS Ground".into(),
        shop_id: w.shop.id.clone(),
        delivery_option_id: String::new(),
        provider_id: p.id,
        provider_name: p.name,
    };
    w.ctx.store.write(|t| fulfilment::map_carrier(t, &m)).expect("map");
}

fn seller_orders(w: &World) -> Vec<tokshop::domain::order::Order> {
    let mut v: Vec<_> = w
        .ctx
        .store
        .order_ids(&w.shop.id)
        .expect("ids")
        .into_iter()
        .filter_map(|id| w.ctx.store.get_order(&id).expect("read"))
        .collect();
    v.sort_by(|a, b| a.id.cmp(&b.id));
    v
}

async fn run(w: &World, intent: tokshop::domain::outbox::OutboxIntent) -> OutboxState {
    let item = outbox::enqueue(&w.ctx, intent).expect("queued");
    outbox::drain_once(&w.ctx).await;
    w.ctx.store.get_outbox(item.id).expect("read").expect("item").state
}

#[tokio::test]
async fn ship_split_and_update_tracking_with_the_sellers_carrier() {
    let w = world(OrderMix { multi_line: 1.0, multi_unit: 0.0, tiktok_shipping: 0.0, ..calm() }, 3).await;
    let os = seller_orders(&w);
    let o = &os[0];
    // An unmapped carrier blocks shipping and says how to map it.
    let req = ShipRequest {
        order_id: o.id.clone(),
        carrier: "UPS Ground".into(),
        tracking: "1Z999AA10123456784".into(),
        line_ids: vec![],
    };
    let e = fulfil::plan_ship(&w.ctx, &req).expect_err("unmapped");
    assert!(e.to_string().contains("is not mapped") && e.to_string().contains("tokshop carriers map"), "{e}");
    map_ups(&w);
    assert!(
        fulfil::plan_ship(&w.ctx, &ShipRequest { tracking: "1Z 99".into(), ..req.clone() })
            .expect_err("bad tracking")
            .to_string()
            .contains("letters and digits")
    );

    // Split at item level: ship the first line now (ORD-SPLIT-API), the rest later.
    let first = ShipRequest { line_ids: vec![o.lines[0].id.clone()], ..req.clone() };
    let st = run(&w, fulfil::plan_ship(&w.ctx, &first).expect("plan")).await;
    assert!(matches!(st, OutboxState::Done { .. }), "{st:?}");
    assert_eq!(w.ctx.store.get_order(&o.id).expect("read").expect("o").status, OrderStatus::PartiallyShipping);
    let rest = ShipRequest { tracking: "1Z999AA10123456785".into(), ..req.clone() };
    assert!(matches!(run(&w, fulfil::plan_ship(&w.ctx, &rest).expect("plan")).await, OutboxState::Done { .. }));
    let shipped = w.ctx.store.get_order(&o.id).expect("read").expect("o");
    assert_eq!(shipped.status, OrderStatus::InTransit);
    let history: Vec<_> = w.ctx.store.order_history(&o.id).expect("history").iter().map(|h| h.source).collect();
    assert!(
        history.contains(&tokshop::domain::order::Source::Action),
        "our own action shows in the history: {history:?}"
    );

    // Update the tracking once (ORD-3PL-UPDATE); the second time TikTok's once-only rule speaks.
    let pkg = shipped.lines[0].package_id.clone().expect("package");
    let st =
        run(&w, fulfil::plan_update_tracking(&w.ctx, &pkg, "UPS Ground", "1Z999AA10123456799").expect("plan")).await;
    assert!(matches!(st, OutboxState::Done { .. }), "{st:?}");
    let st =
        run(&w, fulfil::plan_update_tracking(&w.ctx, &pkg, "UPS Ground", "1Z999AA10123456700").expect("plan")).await;
    match st {
        OutboxState::Failed { reason, .. } => {
            assert!(reason.contains("21011051") && reason.contains("only be updated once"), "{reason}")
        }
        other => panic!("expected the once-only rule, got {other:?}"),
    }
    let inbox = w.ctx.store.open_attention().expect("inbox");
    assert!(
        inbox.iter().any(|i| i.kind == AttentionKind::WriteFailed && i.title.starts_with("Could not update tracking")),
        "{inbox:?}"
    );
    // The other package, two days later: TikTok's 48-hour window speaks.
    let other = shipped.lines[1].package_id.clone().expect("package");
    assert_ne!(other, pkg);
    w.sb.advance_clock(49 * 3600);
    let st =
        run(&w, fulfil::plan_update_tracking(&w.ctx, &other, "UPS Ground", "1Z999AA10123456701").expect("plan")).await;
    match st {
        OutboxState::Failed { reason, .. } => {
            assert!(reason.contains("21011050") && reason.contains("within a certain number of hours"), "{reason}")
        }
        other => panic!("expected the 48-hour window, got {other:?}"),
    }

    // Batch ship the other two orders in one go.
    let reqs: Vec<ShipRequest> = os[1..]
        .iter()
        .enumerate()
        .map(|(i, o)| ShipRequest {
            order_id: o.id.clone(),
            carrier: "UPS Ground".into(),
            tracking: format!("1ZBATCH{i:04}"),
            line_ids: vec![],
        })
        .collect();
    for r in &reqs {
        outbox::enqueue(&w.ctx, fulfil::plan_ship(&w.ctx, r).expect("plan")).expect("queue");
    }
    outbox::drain_once(&w.ctx).await;
    for r in &reqs {
        assert_eq!(w.ctx.store.get_order(&r.order_id).expect("read").expect("o").status, OrderStatus::InTransit);
    }
    assert_store_matches_sandbox(&w.sb, &w.ctx.store, &w.shop.id);
    w.sb.shutdown();
}

#[tokio::test]
async fn a_crash_between_the_call_and_its_commit_never_ships_twice() {
    let w = world(OrderMix { multi_line: 0.0, tiktok_shipping: 0.0, ..calm() }, 1).await;
    map_ups(&w);
    let o = seller_orders(&w).remove(0);
    let req = ShipRequest {
        order_id: o.id.clone(),
        carrier: "UPS Ground".into(),
        tracking: "1ZCRASH0001".into(),
        line_ids: vec![],
    };
    let intent = fulfil::plan_ship(&w.ctx, &req).expect("plan");
    let item = outbox::enqueue(&w.ctx, intent.clone()).expect("queued");
    // The drain sent the call, TikTok shipped it, and the process died before recording it.
    let tokshop::domain::outbox::OutboxIntent::MarkShipped { tracking, provider_id, .. } = &intent else {
        panic!("mark shipped")
    };
    let sr = orders::shop_ref(&w.shop);
    w.ctx.api.mark_package_shipped(&sr, &o.id, &[], tracking, provider_id).await.expect("first call");
    // After the restart the item is still pending; the retry looks first.
    outbox::drain_once(&w.ctx).await;
    match w.ctx.store.get_outbox(item.id).expect("read").expect("item").state {
        OutboxState::Done { note, .. } => assert!(note.contains("already shipped"), "{note}"),
        other => panic!("{other:?}"),
    }
    let sandbox_order = w.sb.order_json(&w.shop.id, &o.id).expect("order");
    assert_eq!(sandbox_order["packages"].as_array().map(Vec::len), Some(1), "one package, not two");
    w.sb.shutdown();
}

#[tokio::test]
async fn seller_center_splits_and_combines_can_be_fulfilled() {
    let w = world(
        OrderMix { multi_line: 1.0, multi_unit: 0.0, tiktok_shipping: 0.0, seller_center_combine: 1.0, ..calm() },
        1,
    )
    .await;
    map_ups(&w);
    let os = seller_orders(&w);
    assert_eq!(os.len(), 2, "a pair from one buyer");
    // The seller splits the first order in Seller Center (ORD-SPLIT-3PL2): a PACKAGE_UPDATE
    // webhook or the next poll brings the packages; each ships as its own package.
    let split = w.sb.seller_center_split(&w.shop.id, &os[0].id).expect("split");
    orders::sync_shop(&w.ctx, &w.shop, &w.ctx.orders).await.expect("poll");
    let o = w.ctx.store.get_order(&os[0].id).expect("read").expect("o");
    assert_eq!(o.split_or_combine.as_deref(), Some("SPLIT"));
    let first_pkg_lines: Vec<String> =
        o.lines.iter().filter(|l| l.package_id.as_deref() == Some(split[0].as_str())).map(|l| l.id.clone()).collect();
    let intent = fulfil::plan_ship(
        &w.ctx,
        &ShipRequest {
            order_id: o.id.clone(),
            carrier: "UPS Ground".into(),
            tracking: "1ZSPLIT01".into(),
            line_ids: first_pkg_lines,
        },
    )
    .expect("plan");
    assert!(
        matches!(intent, tokshop::domain::outbox::OutboxIntent::ShipPackage { .. }),
        "a pre-made package ships as itself: {intent:?}"
    );
    assert!(matches!(run(&w, intent).await, OutboxState::Done { .. }));
    assert_eq!(w.ctx.store.get_order(&o.id).expect("read").expect("o").status, OrderStatus::PartiallyShipping);

    // Combine the second order with... nothing left to combine with: the first is split. Make
    // a fresh pair and combine it through the API (ORD-COMBINE-3PL1).
    w.sb.generate_orders(&w.shop.id, 1);
    orders::sync_shop(&w.ctx, &w.shop, &w.ctx.orders).await.expect("poll");
    let groups = w.ctx.api.combinable_packages(&orders::shop_ref(&w.shop)).await.expect("combinable");
    let (pre, members) = (groups[0].id.clone(), groups[0].order_ids.clone());
    let st = run(
        &w,
        tokshop::domain::outbox::OutboxIntent::Combine {
            shop_id: w.shop.id.clone(),
            pre_package_id: pre,
            order_ids: members.clone(),
        },
    )
    .await;
    assert!(matches!(st, OutboxState::Done { .. }), "{st:?}");
    let a = w.ctx.store.get_order(&members[0]).expect("read").expect("o");
    assert_eq!(a.split_or_combine.as_deref(), Some("COMBINED"));
    // Shipping one order of a combined package ships the whole package, both orders.
    let intent = fulfil::plan_ship(
        &w.ctx,
        &ShipRequest {
            order_id: a.id.clone(),
            carrier: "UPS Ground".into(),
            tracking: "1ZCOMBINED1".into(),
            line_ids: vec![],
        },
    )
    .expect("plan");
    assert!(matches!(run(&w, intent).await, OutboxState::Done { .. }));
    for id in &members {
        assert_eq!(w.ctx.store.get_order(id).expect("read").expect("o").status, OrderStatus::InTransit, "{id}");
    }
    assert_store_matches_sandbox(&w.sb, &w.ctx.store, &w.shop.id);
    w.sb.shutdown();
}

#[tokio::test]
async fn tiktok_shipping_drop_off_and_label() {
    let w = world(OrderMix { tiktok_shipping: 1.0, ..calm() }, 1).await;
    let o = seller_orders(&w).remove(0);
    assert_eq!(o.shipping_type, ShippingType::Tiktok);
    let st = run(&w, fulfil::plan_tiktok_ship(&w.ctx, &o.id, None, None).expect("plan")).await;
    assert!(matches!(st, OutboxState::Done { .. }), "{st:?}");
    let o = w.ctx.store.get_order(&o.id).expect("read").expect("o");
    assert_eq!(o.status, OrderStatus::AwaitingCollection);
    let pkg = o.lines[0].package_id.clone().expect("package");
    let mut ctx = w.ctx.clone();
    ctx.labels.dir = w._dir.path().join("labels");
    ctx.labels.print_command = Some("true".into());
    let path = fulfil::print_label(&ctx, &pkg).await.expect("label");
    // A label carries the buyer's address: the owner's alone, in a directory that is too.
    let mode = |p: &std::path::Path| {
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(p).expect("meta").permissions()) & 0o777
    };
    assert_eq!((mode(&path), mode(&ctx.labels.dir)), (0o600, 0o700));
    assert!(std::fs::read(&path).expect("saved").starts_with(b"%PDF-"));
    ctx.labels.print_command = Some("false".into());
    let e = fulfil::print_label(&ctx, &pkg).await.expect_err("printer fails");
    assert!(e.to_string().contains("the label is saved at"), "{e}");
    w.sb.shutdown();
}

#[tokio::test]
async fn cancellation_requests_and_seller_cancels() {
    let w = world(OrderMix { tiktok_shipping: 0.0, ..calm() }, 2).await;
    let os = seller_orders(&w);
    // A buyer asks to cancel: an Inbox item with the response deadline.
    let cid = w.sb.buyer_cancel_request(&w.shop.id, &os[0].id).expect("request");
    upkeep::sync_cancellations(&w.ctx, &w.shop, &[]).await.expect("cancellations");
    let item = w
        .ctx
        .store
        .open_attention()
        .expect("inbox")
        .into_iter()
        .find(|i| i.kind == AttentionKind::CancellationRequest)
        .expect("inbox item");
    assert!(item.deadline.is_some());
    assert!(plan_answer(&w.ctx, &cid, false, "", "").is_err(), "rejecting needs a reason");
    let st = run(&w, plan_answer(&w.ctx, &cid, true, "", "").expect("plan")).await;
    assert!(matches!(st, OutboxState::Done { .. }), "{st:?}");
    assert_eq!(w.ctx.store.get_order(&os[0].id).expect("read").expect("o").status, OrderStatus::Cancelled);
    assert!(
        !w.ctx.store.open_attention().expect("inbox").iter().any(|i| i.kind == AttentionKind::CancellationRequest),
        "answered requests leave the Inbox"
    );

    // The seller cancels: the reason must suit the status.
    let e =
        plan_cancel(&w.ctx, &os[1].id, "seller_cancel_unpaid_reason_out_of_stock", vec![]).expect_err("wrong reason");
    assert!(e.to_string().contains("seller_cancel_reason_out_of_stock"), "{e}");
    let st = run(&w, plan_cancel(&w.ctx, &os[1].id, "seller_cancel_reason_out_of_stock", vec![]).expect("plan")).await;
    assert!(matches!(st, OutboxState::Done { .. }), "{st:?}");
    assert_eq!(w.ctx.store.get_order(&os[1].id).expect("read").expect("o").status, OrderStatus::Cancelled);
    assert!(
        plan_cancel(&w.ctx, &os[1].id, "seller_cancel_reason_out_of_stock", vec![]).is_err(),
        "a cancelled order cannot be cancelled"
    );
    w.sb.shutdown();
}

#[tokio::test]
async fn carriers_import_from_a_csv_through_the_engine_and_bad_rows_are_named() {
    let sb = sandbox(Seed::Empty).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut ctx = sync_ctx(&sb, dir.path());
    ctx.updates = tokshop::sync::Updates::new(tx);
    let csv = dir.path().join("carriers.csv");
    std::fs::write(
        &csv,
        "name,tracking_url\nUPS Ground,https://www.ups.com/track?tracknum={tracking}\n\"Royal Mail, Tracked \
            48\",\n,https://x\n",
    )
    .expect("csv");
    let (a, b) = (tokio::sync::Notify::new(), tokio::sync::Notify::new());
    let wakes = tokshop::sync::commands::Wakes { outbox: &a, orders: &b };
    tokshop::sync::commands::run(
        &ctx,
        tokshop::message::Command::from(tokshop::message::FulfilmentCommand::ImportCarriers { path: csv.clone() }),
        &wakes,
    )
    .await;
    let names: Vec<String> = ctx.store.carriers().expect("carriers").into_iter().map(|c| c.name).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"Royal Mail, Tracked 48".to_string()));
    let mut failed = None;
    while let Ok(u) = rx.try_recv() {
        if let tokshop::sync::Update::Failed(m) = u {
            failed = Some(m);
        }
    }
    let m = failed.expect("the bad row is reported");
    assert!(m.contains("2 carrier(s)") && m.contains("line 4: column `name` is empty"), "{m}");
    // A missing file says which.
    tokshop::sync::commands::run(
        &ctx,
        tokshop::message::Command::from(tokshop::message::FulfilmentCommand::ImportCarriers {
            path: dir.path().join("nope.csv"),
        }),
        &wakes,
    )
    .await;
    let mut msgs = Vec::new();
    while let Ok(u) = rx.try_recv() {
        msgs.push(format!("{u:?}"));
    }
    assert!(msgs.iter().any(|m| m.contains("Cannot read") && m.contains("nope.csv")), "{msgs:?}");
    sb.shutdown();
}

#[tokio::test]
async fn buyers_open_after_sales_requests_on_delivered_orders_by_themselves() {
    let w = world(OrderMix { after_sales: 1.0, multi_line: 0.0, tiktok_shipping: 0.0, ..calm() }, 2).await;
    map_ups(&w);
    let os = seller_orders(&w);
    for (n, o) in os.iter().enumerate() {
        let req = ShipRequest {
            order_id: o.id.clone(),
            carrier: "UPS Ground".into(),
            tracking: format!("1ZAFTER000{n}"),
            line_ids: vec![],
        };
        outbox::enqueue(&w.ctx, fulfil::plan_ship(&w.ctx, &req).expect("plan")).expect("queued");
    }
    outbox::drain_once(&w.ctx).await;
    assert!(w.sb.return_ids(&w.shop.id).is_empty(), "nothing before delivery");
    // Delivered within days; every buyer (after_sales = 1) opens a request within three more.
    w.sb.advance_clock(10 * 86_400);
    let opened: Vec<serde_json::Value> =
        w.sb.return_ids(&w.shop.id).iter().filter_map(|id| w.sb.return_json(&w.shop.id, id)).collect();
    assert_eq!(opened.len(), os.len(), "one request per delivered order: {opened:?}");
    for o in &os {
        assert!(opened.iter().any(|r| r["order_id"] == o.id.as_str()), "order {} has its request", o.id);
    }
    // Each one was told with a webhook 12.
    let twelve = w.sb.deliveries().iter().filter(|d| d.type_code == 12).count();
    assert!(twelve >= os.len(), "webhooks 12: {twelve}");
    w.sb.shutdown();
}
