//! Applying TikTok's quality suggestions from the Listings pane (`Q`): the suggestions listed
//! with the issue each answers, the seller ticks what to apply, sees them beside what is there
//! (`tests/ui_quality_suggest.rs` for that step's choices and edits), the field diff is shown,
//! and only `y` sends `ApplyQuality`; a read-only console reads the report and is offered nothing.

use crate::ui;
use crate::ui_listing_flows::{listings_at, only};
use crossterm::event::KeyCode;
use tokshop::message::{CatalogAnswer, CatalogCommand, QualityChoice, QualityField, QualityOffer, Update};
use tokshop::ui::overlays::confirm::Confirm;
use tokshop::ui::overlays::message::MessageView;
use tokshop::ui::overlays::picker::Picker;
use tokshop::ui::overlays::suggest::{Choice, SuggestView};
use ui::order_data::US;
use ui::*;

const TITLE_ISSUE: &str = "TITLE TITLE_LESS_THAN_40_CHARACTERS: Extend the title to at least 40 characters.";

fn choice(field: QualityField, text: &str, from: &str) -> QualityChoice {
    QualityChoice { field, text: text.into(), from: from.into() }
}

/// TikTok's answer about the live brush set: a suggested title, SEO words, a recommended
/// description and an image issue that is not text.
pub(crate) fn answer() -> Update {
    let offer = QualityOffer {
        live: true,
        title: "Bamboo Brush Set".into(),
        description: "<p>Brushes</p>".into(),
        choices: vec![
            choice(QualityField::Title, "Bamboo Brush Set - Vegan Makeup Brushes, 12 Pieces", TITLE_ISSUE),
            choice(QualityField::SeoWord, "vegan", TITLE_ISSUE),
            choice(QualityField::SeoWord, "travel", "SEO words"),
            choice(QualityField::Description, "<p>Twelve vegan bamboo brushes for travel.</p>", "recommended"),
            choice(
                QualityField::Other,
                "the first image with a white background (tokshop listings whiten)",
                "IMAGE MAIN_IMG_LESS_THAN_5_IMAGES: Assign 5 or more product images.",
            ),
        ],
    };
    Update::from(CatalogAnswer::Quality {
        shop_id: US.into(),
        handle: "bamboo-brush-set".into(),
        lines: vec!["bamboo-brush-set on Maomao US: quality POOR, 2 recommendation(s) left".into()],
        offer: Some(offer),
    })
}

#[test]
fn the_seller_ticks_suggestions_sees_the_diff_and_only_y_sends_them() {
    let (views, mut a) = listings_at(0);
    let CatalogCommand::Quality { handle, .. } = only(press(&mut a, &views, "listing-quality")) else {
        panic!("a quality command")
    };
    assert_eq!(handle, "bamboo-brush-set");
    a.on_update(answer(), &views, NOW);
    let p = a.top::<Picker>().expect("the suggestions to tick");
    assert!(p.multi && p.items.len() == 5);
    assert!(!p.items[4].enabled, "an image issue is shown, not applied as text");
    assert!(p.items[0].label.starts_with("title: ") && p.items[0].detail == TITLE_ISSUE);
    crate::snap!("listings_quality_pick_80x24", draw(&mut a, 80, 24));
    crate::snap!("listings_quality_pick_120x40", draw(&mut a, 120, 40));
    // Tick the suggested title and the word "travel": the title gets the word at its end.
    key(&mut a, &views, KeyCode::Char(' '));
    key(&mut a, &views, KeyCode::Down);
    key(&mut a, &views, KeyCode::Down);
    key(&mut a, &views, KeyCode::Char(' '));
    assert!(key(&mut a, &views, KeyCode::Enter).is_empty(), "nothing leaves before the diff is approved");
    let v = a.top::<SuggestView>().expect("the ticked title beside the current one");
    assert_eq!((v.fields[0].choice, v.fields[1].choice), (Choice::Take, Choice::Keep), "ticked: taken");
    assert!(key(&mut a, &views, KeyCode::Enter).is_empty(), "nothing leaves before the diff is approved");
    let c = a.top::<Confirm>().expect("the diff to approve");
    let want = "title:\n  - Bamboo Brush Set\n  + Bamboo Brush Set - Vegan Makeup Brushes, 12 Pieces travel\n\nSend it";
    assert!(c.message.starts_with(want), "{}", c.message);
    crate::snap!("listings_quality_diff_80x24", draw(&mut a, 80, 24));
    crate::snap!("listings_quality_diff_120x40", draw(&mut a, 120, 40));
    let CatalogCommand::ApplyQuality { shop_id, handle, title, description, .. } =
        only(key(&mut a, &views, KeyCode::Char('y')))
    else {
        panic!("the suggestions applied")
    };
    assert_eq!((shop_id.as_str(), handle.as_str()), (US, "bamboo-brush-set"));
    assert_eq!(title.as_deref(), Some("Bamboo Brush Set - Vegan Makeup Brushes, 12 Pieces travel"));
    assert_eq!(description, None, "an unticked field is left alone");
}

#[test]
fn words_alone_extend_the_current_title_and_n_sends_nothing() {
    let (views, mut a) = listings_at(0);
    press(&mut a, &views, "listing-quality");
    a.on_update(answer(), &views, NOW);
    for k in [KeyCode::Down, KeyCode::Char(' '), KeyCode::Down, KeyCode::Char(' '), KeyCode::Down] {
        key(&mut a, &views, k);
    }
    key(&mut a, &views, KeyCode::Char(' '));
    key(&mut a, &views, KeyCode::Enter);
    key(&mut a, &views, KeyCode::Enter);
    let c = a.top::<Confirm>().expect("the diff");
    assert!(c.message.contains("  + Bamboo Brush Set vegan travel\n"), "{}", c.message);
    assert!(c.message.contains("description:\n  - <p>Brushes</p>\n  + <p>Twelve vegan"), "{}", c.message);
    assert!(key(&mut a, &views, KeyCode::Char('n')).is_empty());
    assert!(a.top::<Confirm>().is_none());
}

#[test]
fn two_titles_are_refused_and_a_read_only_console_only_reads_the_report() {
    let (views, mut a) = listings_at(0);
    press(&mut a, &views, "listing-quality");
    let mut two = answer();
    if let Update::Catalog(CatalogAnswer::Quality { offer: Some(o), .. }) = &mut two {
        o.choices.insert(1, choice(QualityField::Title, "Bamboo Brush Set for Travel and Home Use, 12", "recommended"));
    }
    a.on_update(two, &views, NOW);
    key(&mut a, &views, KeyCode::Char(' '));
    key(&mut a, &views, KeyCode::Down);
    key(&mut a, &views, KeyCode::Char(' '));
    assert!(key(&mut a, &views, KeyCode::Enter).is_empty());
    assert!(a.top::<Confirm>().is_none(), "no diff for two titles");
    assert!(draw(&mut a, 120, 40).contains("Pick one title"));

    let views = loaded();
    let mut r = app(true, &views);
    press(&mut r, &views, "go-listings");
    assert_eq!(press(&mut r, &views, "listing-quality").len(), 1, "the report is a read");
    r.on_update(answer(), &views, NOW);
    assert!(r.top::<Picker>().is_none(), "nothing to apply offered");
    assert!(r.top::<MessageView>().is_some());
    // Nothing to choose or edit either, whatever is pressed.
    for k in [KeyCode::Enter, KeyCode::Char('e'), KeyCode::Char('t'), KeyCode::Char('y')] {
        assert!(key(&mut r, &views, k).is_empty(), "{k:?} sends nothing");
        assert!(r.top::<SuggestView>().is_none() && r.top::<Confirm>().is_none(), "{k:?}");
    }
    let screen = draw(&mut r, 120, 40);
    for hint in ["e edit", "take TikTok's", "y yes"] {
        assert!(!screen.contains(hint), "read-only offers no {hint:?}: {screen}");
    }
}
