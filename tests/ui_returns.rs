//! The Returns pane in its empty, loaded, error and read-only states at 80x24 and 120x40, the
//! detail with hostile buyer text shown inert, and its dialogs: approve (with the returnless
//! choice), reject asking TikTok for reasons, and the warehouse's receive prompt refusing a
//! half-scanned code.

use crate::ui;

use rust_decimal::Decimal;
use tokshop::domain::order::Source;
use tokshop::domain::returns::{RefundAmount, Return, ReturnLine, ReturnRecord, ReturnType};
use tokshop::message::{Command, ReturnsCommand};
use ui::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const SHOP: &str = "7494049642642441621";

fn ret(id: &str, t: ReturnType, status: &str, next: Option<(&str, i64)>, update: i64) -> Return {
    Return {
        id: id.into(),
        shop_id: SHOP.into(),
        order_id: format!("5764{}", &id[4..]),
        return_type: Some(t),
        status: status.into(),
        role: "BUYER".into(),
        reason: "ecom_order_delivered_refund_and_return_reason_damaged".into(),
        reason_text: "Damaged product".into(),
        return_method: "PLATFORM_SHIPPED".into(),
        provider_name: "UPS".into(),
        document_type: "SHIPPING_LABEL".into(),
        refund: RefundAmount {
            currency: "USD".into(),
            total: Decimal::new(2714, 2),
            subtotal: Decimal::new(2499, 2),
            tax: Decimal::new(215, 2),
            ..Default::default()
        },
        shipping_platform: Decimal::new(599, 2),
        can_buyer_keep_item: true,
        lines: vec![ReturnLine {
            id: "4035001".into(),
            order_line_id: "5760001".into(),
            sku_id: "1729385144994206632".into(),
            sku_name: "Blue, M".into(),
            seller_sku: "NW-JKT-BLU-M".into(),
            product_name: "Trail Jacket".into(),
            refund_total: Decimal::new(2714, 2),
        }],
        next_action: next.map(|(a, _)| a.to_string()),
        deadline: next.map(|(_, d)| d),
        create_time: update - 3600,
        update_time: update,
        records: vec![ReturnRecord {
            role: "Buyer".into(),
            description: "Customer submitted a refund request".into(),
            note: "cracked \u{1b}[31mlid\u{7} see photos".into(),
            reason_text: "Damaged product".into(),
            create_time: update - 3600,
            image_urls: vec!["http://127.0.0.1:9/_sandbox/returns/images/4035-1.png".into()],
        }],
        buyer: "trailrunner88".into(),
        ..Default::default()
    }
}

pub fn with_returns() -> FixedViews {
    let v = loaded();
    let rets = vec![
        ret(
            "4035100000000000001",
            ReturnType::Refund,
            "RETURN_OR_REFUND_REQUEST_PENDING",
            Some(("SELLER_RESPOND_REFUND", NOW - 600)),
            NOW - 9000,
        ),
        ret(
            "4035100000000000002",
            ReturnType::ReturnAndRefund,
            "RETURN_OR_REFUND_REQUEST_PENDING",
            Some(("SELLER_RESPOND_RETURN", NOW + 3000)),
            NOW - 8000,
        ),
        ret(
            "4035100000000000003",
            ReturnType::ReturnAndRefund,
            "BUYER_SHIPPED_ITEM",
            Some(("SELLER_RESPOND_RECEIVE_PACKAGE", NOW + 4 * 86_400)),
            NOW - 7000,
        ),
        ret(
            "4035100000000000004",
            ReturnType::Replacement,
            "REPLACEMENT_REQUEST_PENDING",
            Some(("SELLER_RESPOND_REPLACEMENT", NOW + 30 * 3600)),
            NOW - 6000,
        ),
        {
            let mut r =
                ret("4035100000000000005", ReturnType::Refund, "REFUND_OR_RETURN_REQUEST_REJECT", None, NOW - 5000);
            r.arbitration = Some("IN_PROGRESS".into());
            r
        },
        ret("4035100000000000006", ReturnType::Refund, "RETURN_OR_REFUND_REQUEST_COMPLETE", None, NOW - 4000),
    ];
    let mut rets = rets;
    rets[2].tracking = Some("1Z999AA10123456784".into());
    if let Some((s, _)) = &v.store {
        s.upsert_returns(&rets, Source::Poll, NOW).expect("returns stored");
        // The first return's photo was read: its thumbnail is drawn (half-blocks here).
        let png = tokshop::sandbox::returns::image::png("4035-1.png");
        let jpeg = tokshop::sync::returns::photos::thumbnail(&png).expect("thumbnail");
        let url = rets[0].records[0].image_urls[0].clone();
        s.put_return_photos(&[(url, jpeg)]).expect("photo stored");
    }
    v
}

fn each(name: &str, views: &FixedViews, read_only: bool, setup: impl Fn(&mut tokshop::ui::app::App, &FixedViews)) {
    for (w, h) in SIZES {
        let mut a = app(read_only, views);
        setup(&mut a, views);
        snap!(format!("{name}_{w}x{h}"), draw(&mut a, w, h));
    }
}

#[test]
fn returns_pane() {
    each("returns_empty", &empty(), false, |a, v| {
        press(a, v, "go-returns");
    });
    let views = with_returns();
    each("returns_loaded", &views, false, |a, v| {
        press(a, v, "go-returns");
    });
    each("returns_error", &broken(), false, |a, v| {
        press(a, v, "go-returns");
    });
    each("returns_read_only", &views, true, |a, v| {
        press(a, v, "go-returns");
    });
    each("returns_waiting_filter", &views, false, |a, v| {
        press(a, v, "go-returns");
        press(a, v, "waiting");
        press(a, v, "return-type");
    });
    // Hostile buyer text is inert on screen.
    let mut a = app(false, &views);
    press(&mut a, &views, "go-returns");
    let screen = draw(&mut a, 120, 40);
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{7}'));
    assert!(screen.contains("overdue") || screen.contains("10m"), "the overdue one first:\n{screen}");
}

#[test]
fn returns_dialogs() {
    let views = with_returns();
    // The first row (overdue refund only): approve is one confirmation, then the command.
    each("returns_approve_confirm", &views, false, |a, v| {
        press(a, v, "go-returns");
        press(a, v, "approve-return");
    });
    let mut a = app(false, &views);
    press(&mut a, &views, "go-returns");
    press(&mut a, &views, "approve-return");
    let cmds = key(&mut a, &views, crossterm::event::KeyCode::Char('y'));
    assert!(
        matches!(cmds.as_slice(), [Command::Returns(ReturnsCommand::Decide(d))] if d.approve && !d.keep_item),
        "{cmds:?}"
    );
    // A return and refund: approve or a returnless refund.
    each("returns_approve_choice", &views, false, |a, v| {
        press(a, v, "go-returns");
        press(a, v, "select-next");
        press(a, v, "approve-return");
    });
    // Rejecting asks TikTok for the reasons valid now.
    let mut a = app(false, &views);
    press(&mut a, &views, "go-returns");
    let cmds = press(&mut a, &views, "reject-return");
    assert!(matches!(cmds.as_slice(), [Command::Returns(ReturnsCommand::FetchReasons { .. })]), "{cmds:?}");
    // The warehouse scans half a code: nothing fires.
    each("returns_receive_half_scan", &views, false, |a, v| {
        press(a, v, "go-returns");
        press(a, v, "receive");
        for c in "1Z999".chars() {
            key(a, v, crossterm::event::KeyCode::Char(c));
        }
        key(a, v, crossterm::event::KeyCode::Enter);
    });
    let mut a = app(false, &views);
    press(&mut a, &views, "go-returns");
    press(&mut a, &views, "receive");
    for c in "1Z999AA10123456784".chars() {
        key(&mut a, &views, crossterm::event::KeyCode::Char(c));
    }
    key(&mut a, &views, crossterm::event::KeyCode::Enter);
    let cmds = choose(&mut a, &views, 1);
    assert!(cmds.is_empty(), "a confirmation comes first: {cmds:?}");
    let cmds = key(&mut a, &views, crossterm::event::KeyCode::Char('y'));
    assert!(matches!(cmds.as_slice(), [Command::Returns(ReturnsCommand::Receive { accept: true, .. })]), "{cmds:?}");
}

#[test]
fn one_return_over_the_whole_screen_scrolls_to_its_end_and_no_further() {
    let views = with_returns();
    each("returns_full", &views, false, |a, v| {
        press(a, v, "go-returns");
        press(a, v, "open-return");
    });
    let mut a = app(false, &views);
    press(&mut a, &views, "go-returns");
    press(&mut a, &views, "open-return");
    let top = draw(&mut a, 80, 24);
    assert!(top.contains("Return 4035100000000000001"), "{top}");
    press(&mut a, &views, "select-last");
    let end = draw(&mut a, 80, 24);
    assert!(end.contains("Now:"), "the last line shows at the end:\n{end}");
    snap!("returns_full_end_80x24", end.clone());
    for _ in 0..50 {
        press(&mut a, &views, "select-next");
    }
    assert_eq!(draw(&mut a, 80, 24), end, "scrolling stops at the end");
    // A decision key acts on the open return; esc closes it.
    let cmds = press(&mut a, &views, "reject-return");
    assert!(matches!(cmds.as_slice(), [Command::Returns(ReturnsCommand::FetchReasons { .. })]), "{cmds:?}");
}
