//! The console as one of a team: the Audit pane (who did what, filtered by user or to
//! failures), the user and role in the tab bar, actions hidden from a role that may not take
//! them, and the banner while the engine is lost.

use crate::ui::*;
use tokshop::domain::actor::Actor;
use tokshop::domain::audit::Outcome;
use tokshop::domain::role::Role;
use tokshop::message::{LinkState, Update};
use tokshop::ui::panes::audit::AuditPane;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// A morning's audit log: two people and the engine.
pub fn with_log() -> FixedViews {
    let v = loaded();
    let store = &v.store.as_ref().expect("store").0;
    let alice = Actor::person("alice", Role::Support, "console");
    let bob = Actor::person("bob", Role::Warehouse, "command");
    let entries = [
        (NOW - 3_600, &bob, "orders ship", "576486316948490001", Outcome::Ok("shipped with UPS 1Z999AA1".into())),
        (NOW - 3_000, &Actor::system("engine"), "outbox", "ship order 576486316948490001", Outcome::Ok("done".into())),
        (
            NOW - 1_200,
            &alice,
            "fulfilment ship",
            "576486316948490002",
            Outcome::Failed("refused: alice is support: shipping needs the fulfilment capability".into()),
        ),
        (NOW - 600, &alice, "orders cancel", "576486316948490003", Outcome::Ok(String::new())),
    ];
    for (at, who, what, target, outcome) in entries {
        store.audit(at, who, what, target, outcome).expect("audit");
    }
    v
}

fn each_size(name: &str, views: &FixedViews, setup: impl Fn(&mut tokshop::ui::app::App, &FixedViews)) {
    for (w, h) in SIZES {
        let mut a = app(false, views);
        setup(&mut a, views);
        snap!(format!("{name}_{w}x{h}"), draw(&mut a, w, h));
    }
}

fn audit(a: &tokshop::ui::app::App) -> &AuditPane {
    a.pane::<AuditPane>().expect("the audit pane")
}

#[test]
fn audit_pane_in_every_state() {
    each_size("audit_empty", &empty(), |a, v| {
        press(a, v, "go-audit");
    });
    each_size("audit_loaded", &with_log(), |a, v| {
        press(a, v, "go-audit");
        press(a, v, "select-next");
    });
    each_size("audit_error", &broken(), |a, v| {
        press(a, v, "go-audit");
    });
}

#[test]
fn audit_filters_by_user_and_to_failures() {
    let v = with_log();
    let mut a = app(false, &v);
    press(&mut a, &v, "go-audit");
    assert_eq!(audit(&a).window.rows().len(), 4, "newest first, everyone's");
    assert_eq!(audit(&a).selected().map(|e| e.command.as_str()), Some("orders cancel"));
    press(&mut a, &v, "audit-user");
    // everyone, alice, bob
    choose(&mut a, &v, 2);
    let users: Vec<&str> = audit(&a).window.rows().iter().map(|e| e.user.as_str()).collect();
    assert_eq!(users, ["alice", "alice"]);
    press(&mut a, &v, "audit-failures");
    let rows = audit(&a).window.rows();
    assert_eq!(rows.len(), 1);
    assert!(matches!(rows[0].outcome, Outcome::Failed(_)));
    each_size("audit_filtered", &v, |a, v| {
        press(a, v, "go-audit");
        press(a, v, "audit-user");
        choose(a, v, 2);
        press(a, v, "audit-failures");
    });
    press(&mut a, &v, "audit-user");
    choose(&mut a, &v, 1);
    press(&mut a, &v, "audit-failures");
    assert_eq!(audit(&a).window.rows().len(), 4, "back to everything");
}

#[test]
fn the_tab_bar_names_the_user_and_role_and_hides_what_the_role_may_not_do() {
    let v = loaded();
    each_size("team_support_orders", &v, |a, v| {
        a.attached_as("alice", Role::Support);
        press(a, v, "go-orders");
    });
    let mut a = app(false, &v);
    a.attached_as("alice", Role::Support);
    press(&mut a, &v, "go-orders");
    let screen = draw(&mut a, 120, 40);
    let hints = |s: &str| s.lines().rev().nth(1).unwrap_or_default().to_string();
    assert!(screen.contains("alice (support)"), "{screen}");
    assert!(!hints(&screen).contains(" ship "), "support is not offered shipping: {screen}");
    assert!(hints(&screen).contains(" cancel "), "support answers cancellations: {screen}");
    a.attached_as("wes", Role::Warehouse);
    let screen = draw(&mut a, 120, 40);
    assert!(screen.contains("wes (warehouse)") && hints(&screen).contains(" ship "), "{screen}");
}

#[test]
fn a_lost_engine_shows_a_banner_until_the_console_is_back() {
    let v = loaded();
    each_size("team_engine_lost", &v, |a, v| {
        a.attached_as("alice", Role::Admin);
        a.on_update(Update::Link(LinkState::Lost("the engine stopped".into())), v, NOW);
    });
    let mut a = app(false, &v);
    a.attached_as("alice", Role::Admin);
    a.on_update(Update::Link(LinkState::Lost("the engine stopped".into())), &v, NOW);
    assert!(draw(&mut a, 120, 40).contains("engine lost: the engine stopped"));
    let back = LinkState::Attached { user: "alice".into(), role: Role::Viewer, engine_pid: 7 };
    a.on_update(Update::Link(back), &v, NOW);
    let screen = draw(&mut a, 120, 40);
    assert!(!screen.contains("engine lost"), "{screen}");
    assert!(screen.contains("Reattached") && screen.contains("alice (read-only)"), "{screen}");
}
