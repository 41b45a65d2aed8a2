//! TikTok's recommended title and description beside the current ones (`Q`, then enter in the
//! list): per field keep, take TikTok's or edit it in the console's text editor; the edited text
//! is what the diff shows and `y` sends; esc in the editor drops the edit, esc in the view
//! cancels, a text TikTok's rules refuse is named and nothing is sent. Snapshots of the view
//! (two columns at 120 wide, stacked at 80) and of the editor.

use crate::ui;
use crate::ui_listing_flows::{listings_at, only};
use crate::ui_quality_apply::answer;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tokshop::message::{CatalogCommand, Command};
use tokshop::ui::app::App;
use tokshop::ui::overlays::confirm::Confirm;
use tokshop::ui::overlays::prompt::Prompt;
use tokshop::ui::overlays::suggest::{Choice, SuggestView};
use ui::*;

const TIKTOK_TITLE: &str = "Bamboo Brush Set - Vegan Makeup Brushes, 12 Pieces";

/// The side-by-side view of the brush set, only TikTok's recommended description ticked in the
/// list (the title beside TikTok's suggested one, kept).
fn side_by_side() -> (FixedViews, App) {
    let (views, mut a) = listings_at(0);
    press(&mut a, &views, "listing-quality");
    a.on_update(answer(), &views, NOW);
    for k in [KeyCode::Down, KeyCode::Down, KeyCode::Down, KeyCode::Char(' '), KeyCode::Enter] {
        assert!(key(&mut a, &views, k).is_empty());
    }
    (views, a)
}

fn ctrl(a: &mut App, views: &FixedViews, c: char) -> Vec<Command> {
    a.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL), views, NOW)
}

#[test]
fn the_current_and_recommended_texts_stand_side_by_side_and_an_edit_is_what_y_sends() {
    let (views, mut a) = side_by_side();
    let v = a.top::<SuggestView>().expect("the current and TikTok's texts");
    assert_eq!((v.fields[0].now.as_str(), v.fields[0].tiktok.as_deref()), ("Bamboo Brush Set", Some(TIKTOK_TITLE)));
    let tiktok_description = Some("<p>Twelve vegan bamboo brushes for travel.</p>");
    assert_eq!(v.fields[1].tiktok.as_deref(), tiktok_description);
    assert_eq!((v.fields[0].choice, v.fields[1].choice), (Choice::Keep, Choice::Take), "the ticked one taken");
    let wide = draw(&mut a, 120, 40);
    assert!(wide.contains("✓ now") && wide.contains("│ TikTok's"), "two columns at 120:\n{wide}");
    assert!(wide.lines().any(|l| l.contains("Bamboo Brush Set") && l.contains(TIKTOK_TITLE)), "side by side:\n{wide}");
    crate::snap!("listings_quality_side_by_side_120x40", wide);
    let narrow = draw(&mut a, 80, 24);
    assert!(narrow.contains("✓ now: Bamboo Brush Set") && narrow.contains("TikTok's: Bamboo Brush Set - Vegan"));
    crate::snap!("listings_quality_side_by_side_80x24", narrow);

    // e: the editor, prefilled with TikTok's title; the seller changes its last word.
    assert!(key(&mut a, &views, KeyCode::Char('e')).is_empty());
    let p = a.top::<Prompt>().expect("the editor");
    assert_eq!(p.value(), TIKTOK_TITLE);
    crate::snap!("listings_quality_edit_80x24", draw(&mut a, 80, 24));
    crate::snap!("listings_quality_edit_120x40", draw(&mut a, 120, 40));
    ctrl(&mut a, &views, 'w');
    type_text(&mut a, &views, "Brushes");
    assert!(key(&mut a, &views, KeyCode::Enter).is_empty(), "an edit sends nothing");
    let edited = "Bamboo Brush Set - Vegan Makeup Brushes, 12 Brushes";
    let v = a.top::<SuggestView>().expect("back beside the current title");
    assert_eq!((v.fields[0].choice, v.fields[0].edited.as_deref()), (Choice::Edit, Some(edited)));
    assert!(draw(&mut a, 120, 40).contains("✓ yours"));
    // ↓ k t: TikTok's description kept out, then taken as it is. Enter: the diff shows the
    // edit; y sends it.
    key(&mut a, &views, KeyCode::Down);
    key(&mut a, &views, KeyCode::Char('k'));
    assert_eq!(
        a.top::<SuggestView>().map(|v| (v.fields[0].choice, v.fields[1].choice)),
        Some((Choice::Edit, Choice::Keep))
    );
    key(&mut a, &views, KeyCode::Char('t'));
    assert!(key(&mut a, &views, KeyCode::Enter).is_empty());
    let c = a.top::<Confirm>().expect("the diff");
    assert!(c.message.starts_with(&format!("title:\n  - Bamboo Brush Set\n  + {edited}\n")), "{}", c.message);
    assert!(c.message.contains("  + <p>Twelve vegan bamboo brushes for travel.</p>"), "{}", c.message);
    let CatalogCommand::ApplyQuality { title, description, .. } = only(key(&mut a, &views, KeyCode::Char('y'))) else {
        panic!("the choice applied")
    };
    assert_eq!((title.as_deref(), description.as_deref()), (Some(edited), tiktok_description));
}

#[test]
fn esc_in_the_editor_drops_the_edit_and_esc_in_the_view_sends_nothing() {
    let (views, mut a) = side_by_side();
    key(&mut a, &views, KeyCode::Char('t'));
    key(&mut a, &views, KeyCode::Char('e'));
    type_text(&mut a, &views, " for travel");
    assert!(key(&mut a, &views, KeyCode::Esc).is_empty());
    let v = a.top::<SuggestView>().expect("the view again");
    assert_eq!((v.fields[0].choice, v.fields[0].edited.as_deref()), (Choice::Take, None), "the edit is dropped");
    // k keeps the current title again; esc leaves with nothing sent.
    key(&mut a, &views, KeyCode::Char('k'));
    assert_eq!(a.top::<SuggestView>().map(|v| v.fields[0].choice), Some(Choice::Keep));
    assert!(key(&mut a, &views, KeyCode::Esc).is_empty());
    assert!(a.overlays.is_empty(), "nothing left open");
    assert!(draw(&mut a, 120, 40).contains("Cancelled: nothing sent"));
    // Esc on the diff after an edit sends nothing either.
    let (views, mut a) = side_by_side();
    key(&mut a, &views, KeyCode::Char('e'));
    type_text(&mut a, &views, "!");
    key(&mut a, &views, KeyCode::Enter);
    key(&mut a, &views, KeyCode::Enter);
    assert!(a.top::<Confirm>().is_some());
    assert!(key(&mut a, &views, KeyCode::Esc).is_empty());
    assert!(a.overlays.is_empty());
}

#[test]
fn a_text_tiktoks_rules_refuse_is_named_and_nothing_is_sent() {
    let (views, mut a) = side_by_side();
    // An emptied title: the editor stays open and says why.
    key(&mut a, &views, KeyCode::Char('e'));
    ctrl(&mut a, &views, 'j');
    assert!(key(&mut a, &views, KeyCode::Enter).is_empty());
    let p = a.top::<Prompt>().expect("the editor stays open");
    assert!(p.error.as_deref().is_some_and(|e| e.starts_with("the title is empty")), "{:?}", p.error);
    // Too long: 300 characters are named against TikTok's 255.
    type_text(&mut a, &views, &"x".repeat(300));
    assert!(key(&mut a, &views, KeyCode::Enter).is_empty());
    let e = a.top::<Prompt>().and_then(|p| p.error.clone()).unwrap_or_default();
    assert!(e.starts_with("the title is 300 characters; TikTok allows 255"), "{e}");
    assert!(draw(&mut a, 120, 40).contains("TikTok allows 255"));
    key(&mut a, &views, KeyCode::Esc);
    // Keeping both fields: nothing to review, the view stays and says so.
    key(&mut a, &views, KeyCode::Down);
    key(&mut a, &views, KeyCode::Char('k'));
    assert!(key(&mut a, &views, KeyCode::Enter).is_empty());
    let v = a.top::<SuggestView>().expect("the view stays");
    assert!(v.error.as_deref().is_some_and(|e| e.contains("already shows this")), "{:?}", v.error);
    assert!(a.top::<Confirm>().is_none());
}
