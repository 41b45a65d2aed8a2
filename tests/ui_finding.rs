//! Finding things: the Inbox filters by kind, `?` opens help at the current pane's actions, and
//! `:` opens a palette that finds any action of the current pane or the global ones by fuzzy
//! name and runs it (refusing what this console may not do).

use crate::ui;

use crossterm::event::KeyCode;
use tokshop::domain::attention::AttentionKind;
use tokshop::ui::overlays::help::Help;
use tokshop::ui::overlays::palette::Palette;
use tokshop::ui::pane::Pane;
use tokshop::ui::panes::inbox::InboxPane;
use ui::*;

#[test]
fn the_inbox_filters_by_kind() {
    let v = loaded();
    let mut a = app(false, &v);
    press(&mut a, &v, "go-inbox");
    let kinds = |a: &tokshop::ui::app::App| {
        a.pane::<InboxPane>().expect("inbox").items().iter().map(|i| i.kind).collect::<Vec<_>>()
    };
    let all = kinds(&a);
    assert!(all.len() >= 2);
    press(&mut a, &v, "filter-kind");
    let first = all[0];
    assert!(kinds(&a).iter().all(|k| *k == first), "only {first:?}");
    assert!(draw(&mut a, 120, 40).contains(&format!("kind: {}", first.label())));
    let mut seen = vec![first];
    for _ in 0..10 {
        press(&mut a, &v, "filter-kind");
        let now = kinds(&a);
        if now.len() == all.len() {
            break;
        }
        seen.push(now[0]);
    }
    assert!(seen.contains(&AttentionKind::WriteFailed), "{seen:?}");
    assert_eq!(kinds(&a), all, "and back to every kind");
    assert_eq!(a.pane::<InboxPane>().expect("inbox").badge(), Some(all.len().to_string()), "the tab counts all");
}

#[test]
fn help_opens_at_the_current_panes_actions() {
    let v = loaded();
    let mut a = app(false, &v);
    press(&mut a, &v, "go-packages");
    press(&mut a, &v, "help");
    assert!(a.top::<Help>().is_some());
    let screen = draw(&mut a, 120, 40);
    let first = screen.lines().find(|l| l.contains("Packages") || l.contains("Everywhere")).expect("a heading");
    assert!(first.contains("Packages"), "the pane's section first: {first}");
}

#[test]
fn the_palette_finds_an_action_by_fuzzy_name_and_runs_it() {
    let v = loaded();
    let mut a = app(false, &v);
    press(&mut a, &v, "go-orders");
    press(&mut a, &v, "palette");
    let p = a.top::<Palette>().expect("palette");
    assert!(p.names().contains(&"filter-hold") && p.names().contains(&"quit"), "the pane's and the global ones");
    assert!(!p.names().contains(&"uncombine"), "not another pane's");
    type_text(&mut a, &v, "fhold");
    assert_eq!(a.top::<Palette>().expect("palette").names().first(), Some(&"filter-hold"));
    key(&mut a, &v, KeyCode::Enter);
    assert!(a.overlays.is_empty());
    assert!(orders(&a).query.on_hold, "it ran");
    // A global one, from another pane.
    press(&mut a, &v, "go-packages");
    press(&mut a, &v, "palette");
    type_text(&mut a, &v, "go shops");
    key(&mut a, &v, KeyCode::Enter);
    assert_eq!(a.current_table(), "shops");
}

#[test]
fn the_palette_offers_no_write_in_read_only_mode() {
    let v = loaded();
    let mut a = app(true, &v);
    press(&mut a, &v, "go-orders");
    press(&mut a, &v, "palette");
    let names = a.top::<Palette>().expect("palette").names();
    assert!(!names.contains(&"ship-orders") && !names.contains(&"cancel-order"), "{names:?}");
    assert!(names.contains(&"search"));
}

fn ctrl(a: &mut tokshop::ui::app::App, v: &FixedViews, c: char) {
    use crossterm::event::{KeyEvent, KeyModifiers};
    a.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL), v, NOW);
}

/// Every text input edits with the same keys (one editor, ratatui-textarea): the orders search,
/// the palette and a prompt take Home, ←, Ctrl-w and Ctrl-u alike.
#[test]
fn every_text_input_edits_with_the_same_keys() {
    let v = loaded();
    let mut a = app(false, &v);
    press(&mut a, &v, "go-orders");
    press(&mut a, &v, "search");
    type_text(&mut a, &v, "ose mist");
    key(&mut a, &v, KeyCode::Home);
    type_text(&mut a, &v, "r");
    ctrl(&mut a, &v, 'e');
    ctrl(&mut a, &v, 'w');
    type_text(&mut a, &v, "oil");
    assert!(draw(&mut a, 120, 40).contains("search: rose oil█"));
    key(&mut a, &v, KeyCode::Enter);
    assert_eq!(orders(&a).query.search.as_deref(), Some("rose oil"));

    press(&mut a, &v, "palette");
    assert!(a.top::<Palette>().is_some());
    type_text(&mut a, &v, "holdx");
    key(&mut a, &v, KeyCode::Left);
    key(&mut a, &v, KeyCode::Backspace);
    key(&mut a, &v, KeyCode::Home);
    type_text(&mut a, &v, "f");
    assert_eq!(a.top::<Palette>().expect("palette").query.text(), "fholx");
    ctrl(&mut a, &v, 'u');
    ctrl(&mut a, &v, 'u');
    ctrl(&mut a, &v, 'u');
    assert_ne!(a.top::<Palette>().expect("palette").query.text(), "fholx", "ctrl-u undoes");
    key(&mut a, &v, KeyCode::Esc);

    // A prompt: the carrier name typed, its start fixed after Home.
    a.push(tokshop::ui::overlays::prompt::Prompt::new("Name", "a name", "", |_, _, _| Ok(vec![])));
    type_text(&mut a, &v, "edEx Home");
    key(&mut a, &v, KeyCode::Home);
    type_text(&mut a, &v, "F");
    ctrl(&mut a, &v, 'e');
    ctrl(&mut a, &v, 'w');
    assert_eq!(a.top::<tokshop::ui::overlays::prompt::Prompt>().expect("prompt").value(), "FedEx");
}
