//! Read-only mode (`--read-only`, the viewer role): every action of every pane, pressed and its
//! dialogs driven through (first choice, enter, y), sends nothing that writes; a hidden write is
//! refused with a message, never silently; a READ-ONLY mark stays in the status bar.

use crate::ui;

use crossterm::event::KeyCode;
use tokshop::message::Command;
use tokshop::ui::app::App;
use tokshop::ui::panes;
use ui::*;

/// Press `action` in the pane of `table`, then drive whatever opens: enter, y, a few times.
fn drive(v: &FixedViews, table: &str, action: &str) -> (App, Vec<Command>) {
    let mut a = app(true, v);
    let go = format!("go-{table}");
    if a.keymap.action(&go).is_some() {
        press(&mut a, v, &go);
    }
    press(&mut a, v, "select-first");
    let mut sent = press(&mut a, v, action);
    for _ in 0..4 {
        if a.overlays.is_empty() {
            break;
        }
        sent.extend(key(&mut a, v, KeyCode::Enter));
        sent.extend(key(&mut a, v, KeyCode::Char('y')));
    }
    (a, sent)
}

#[test]
fn no_action_of_any_pane_writes_in_read_only_mode_and_a_hidden_one_says_why() {
    let v = loaded();
    let mut checked = 0;
    for spec in panes::specs() {
        for action in spec.actions {
            if app(true, &v).keymap.seqs_for(action).is_empty() {
                continue;
            }
            let (a, sent) = drive(&v, spec.table, action.name);
            let writes: Vec<&Command> = sent.iter().filter(|c| c.needs().is_some()).collect();
            assert!(writes.is_empty(), "{}: {} sent writes {writes:?}", spec.table, action.name);
            if action.hidden(a.access) {
                let t = a.toast.as_ref().map(|t| t.text.clone()).unwrap_or_default();
                assert!(
                    t.contains("Not in read-only mode"),
                    "{}: {} refused silently ({t:?})",
                    spec.table,
                    action.name
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 40, "{checked} actions checked");
}

#[test]
fn the_status_bar_says_read_only_the_whole_time() {
    let v = loaded();
    let mut a = app(true, &v);
    for table in ["shops", "orders", "packages", "inbox", "returns"] {
        press(&mut a, &v, &format!("go-{table}"));
        let screen = draw(&mut a, 80, 24);
        let bar = screen.lines().last().expect("status bar");
        assert!(bar.contains("READ-ONLY"), "{table}: {bar}");
    }
    let mut w = app(false, &v);
    assert!(!draw(&mut w, 80, 24).contains("READ-ONLY"));
}

#[test]
fn an_inbox_reauthorization_is_refused_in_read_only_mode() {
    let v = loaded();
    let mut a = app(true, &v);
    press(&mut a, &v, "go-inbox");
    press(&mut a, &v, "select-first");
    for _ in 0..10 {
        let sent = press(&mut a, &v, "open-item");
        assert!(sent.iter().all(|c| c.needs().is_none()), "{sent:?}");
        key(&mut a, &v, KeyCode::Esc);
        press(&mut a, &v, "go-inbox");
        press(&mut a, &v, "select-next");
    }
}
