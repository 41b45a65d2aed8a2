//! The live-product keys of the Listings pane: stop or resume sync, settle a drift, and TikTok's quality report.

use crate::ui;
use crate::ui_listing_flows::{listings_at, only};
use tokshop::message::CatalogCommand;
use ui::order_data::US;
use ui::*;

#[test]
fn live_sync_keys_stop_or_resume_and_resolve_drift_on_the_live_product() {
    // The brush set is live, its price sync stopped and its stock drifted on TikTok.
    let (views, mut a) = listings_at(0);
    let CatalogCommand::SetLiveSync { shop_id, handle, stop, .. } = only(press(&mut a, &views, "toggle-live-sync"))
    else {
        panic!("a sync command")
    };
    assert_eq!((shop_id.as_str(), handle.as_str(), stop), (US, "bamboo-brush-set", false), "stopped: resume");
    let CatalogCommand::ResolveDrift { push_ours, .. } = only(press(&mut a, &views, "push-ours")) else {
        panic!("a drift command")
    };
    assert!(push_ours);
    let CatalogCommand::ResolveDrift { push_ours, .. } = only(press(&mut a, &views, "take-theirs")) else {
        panic!("a drift command")
    };
    assert!(!push_ours);
    // A product that is not live sends nothing.
    let (views, mut a) = listings_at(1);
    assert!(press(&mut a, &views, "toggle-live-sync").is_empty());
    assert!(press(&mut a, &views, "push-ours").is_empty());
}

#[test]
fn quality_key_asks_the_engine_and_shows_the_report() {
    let (views, mut a) = listings_at(1);
    let CatalogCommand::Quality { shop_id, handle, .. } = only(press(&mut a, &views, "listing-quality")) else {
        panic!("a quality command")
    };
    assert_eq!((shop_id.as_str(), handle.as_str()), (US, "enamel-mug"));
    // Another product's report is not this one's.
    let answer = |handle: &str| {
        tokshop::message::Update::from(tokshop::message::CatalogAnswer::Quality {
            shop_id: US.into(),
            handle: handle.into(),
            lines: vec![
                format!("{handle} (before listing) on Maomao US: quality POOR, 2 recommendation(s) left"),
                "  TITLE TITLE_LESS_THAN_40_CHARACTERS: Extend the title to at least 40 characters. (reaches FAIR)"
                    .into(),
                "    suggested: Enamel Mug - Camping Mugs Outdoor Drinkware".into(),
                "apply: tokshop listings diagnose enamel-mug --shop 1 --apply title,description,image".into(),
            ],
            offer: None,
        })
    };
    a.on_update(answer("rain-jacket"), &views, NOW);
    assert!(a.overlays.is_empty());
    a.on_update(answer("enamel-mug"), &views, NOW);
    assert!(a.top::<tokshop::ui::overlays::message::MessageView>().is_some());
    crate::snap!("listings_quality_80x24", draw(&mut a, 80, 24));
    crate::snap!("listings_quality_120x40", draw(&mut a, 120, 40));
}

#[test]
fn a_read_only_console_is_told_what_is_stopped_and_drifted_but_offered_no_write() {
    // The brush set: its price sync stopped, its stock drifted on TikTok.
    let views = loaded();
    let mut w = app(false, &views);
    press(&mut w, &views, "go-listings");
    let writer = draw(&mut w, 120, 40);
    assert!(writer.contains("stopped for price (x resumes)"), "{writer}");
    assert!(writer.contains("O: push ours · T: take theirs"), "{writer}");
    let mut r = app(true, &views);
    press(&mut r, &views, "go-listings");
    let reader = draw(&mut r, 120, 40);
    assert!(reader.contains("stopped for price"), "{reader}");
    assert!(reader.contains("drift: "), "the drift itself is shown: {reader}");
    for hint in ["resumes", "push ours", "take theirs"] {
        assert!(!reader.contains(hint), "read-only offers no {hint:?}: {reader}");
    }
}
