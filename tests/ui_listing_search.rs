//! Searching the shop's TikTok products from the Listings pane (`/`): the filter is asked, a bad
//! one is named in the prompt and nothing is sent; the engine's answer is shown with a header
//! (how many, which shop, what was searched), every TikTok text sanitised; esc closes it. A
//! read-only console may search too.

use crate::ui;
use crate::ui_listing_flows::{listings_at, only};
use crossterm::event::KeyCode;
use tokshop::message::{CatalogAnswer, CatalogCommand, FoundProduct, Update};
use tokshop::ui::overlays::message::MessageView;
use tokshop::ui::overlays::prompt::Prompt;
use ui::order_data::US;
use ui::*;

fn found(id: &str, title: &str, status: &str, audit: &str, skus: &[&str]) -> FoundProduct {
    let seller_skus = skus.iter().map(|s| s.to_string()).collect();
    FoundProduct { id: id.into(), title: title.into(), status: status.into(), audit: audit.into(), seller_skus }
}

fn answer(more: bool) -> Update {
    let found = vec![
        found("1731560000000000001", "Bamboo Brush Set", "ACTIVATE", "APPROVED", &["BB-SET-1"]),
        found(
            "1731560000000000002",
            "Glow Serum \u{1b}[31mRED\u{202e}evil",
            "ACTIVATE",
            "APPROVED",
            &["LV-SER-30", "LV-SER-50"],
        ),
        found("1731560000000000003", "Enamel Mug", "ACTIVATE", "AUDITING", &[]),
    ];
    Update::from(CatalogAnswer::Products {
        shop_id: US.into(),
        shop_name: "Maomao Beauty (US)".into(),
        status: "ACTIVATE".into(),
        skus: vec![],
        found,
        more,
    })
}

#[test]
fn slash_asks_a_filter_sends_the_search_and_shows_the_answer() {
    let (views, mut a) = listings_at(0);
    assert!(key(&mut a, &views, KeyCode::Char('/')).is_empty());
    assert!(a.top::<Prompt>().is_some(), "the filter is asked");
    type_text(&mut a, &views, "status:activate sku:LV-SER-30");
    let CatalogCommand::SearchProducts { shop_id, status, skus } = only(key(&mut a, &views, KeyCode::Enter)) else {
        panic!("a search")
    };
    assert_eq!((shop_id.as_str(), status.as_str(), skus), (US, "ACTIVATE", vec!["LV-SER-30".to_string()]));
    a.on_update(answer(false), &views, NOW);
    let v = a.top::<MessageView>().expect("the products");
    let text: Vec<String> = v.lines().iter().map(|l| l.to_string()).collect();
    assert_eq!(text[0], "3 products on Maomao Beauty (US) · ACTIVATE");
    assert!(
        text.iter().any(|l| l.contains("1731560000000000002 · ACTIVATE · audit APPROVED · SKUs LV-SER-30, LV-SER-50"))
    );
    assert!(!text.iter().any(|l| l.contains('\u{1b}') || l.contains('\u{202e}')), "sanitised: {text:?}");
    let status = a.toast.as_ref().map(|t| t.text.as_str());
    assert_eq!(status, Some("Found 3 products on Maomao Beauty (US)"), "no longer searching");
    crate::snap!("listings_search_80x24", draw(&mut a, 80, 24));
    crate::snap!("listings_search_120x40", draw(&mut a, 120, 40));
    assert!(key(&mut a, &views, KeyCode::Esc).is_empty());
    assert!(a.overlays.is_empty(), "esc closes");
}

#[test]
fn an_unknown_status_is_named_and_nothing_is_sent() {
    let (views, mut a) = listings_at(0);
    key(&mut a, &views, KeyCode::Char('/'));
    type_text(&mut a, &views, "ACTIVE");
    assert!(key(&mut a, &views, KeyCode::Enter).is_empty(), "nothing sent");
    let p = a.top::<Prompt>().expect("the prompt stays");
    let e = p.error.clone().unwrap_or_default();
    assert!(e.contains("Unknown status ACTIVE: one of ALL, ACTIVATE, SELLER_DEACTIVATED"), "{e}");
}

#[test]
fn more_than_shown_is_said_and_a_read_only_console_may_search() {
    let views = loaded();
    let mut a = app(true, &views);
    for action in ["go-listings", "search-tiktok-products"] {
        assert!(press(&mut a, &views, action).is_empty(), "{action} sends nothing yet");
    }
    assert!(matches!(only(key(&mut a, &views, KeyCode::Enter)), CatalogCommand::SearchProducts { .. }));
    a.on_update(answer(true), &views, NOW);
    let text: Vec<String> = a.top::<MessageView>().expect("shown").lines().iter().map(|l| l.to_string()).collect();
    assert_eq!(text[0], "The first 3 products on Maomao Beauty (US) · ACTIVATE");
    assert!(text[1].starts_with("More exist"), "{text:?}");
    let status = a.toast.as_ref().map(|t| t.text.as_str());
    assert_eq!(status, Some("Found the first 3 products on Maomao Beauty (US)"));
}
