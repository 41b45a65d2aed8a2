//! Console flows: keys pressed through the keymap by action name, an injected clock, no sleeps.

use crate::ui;

use crossterm::event::KeyCode;
use tokshop::domain::shop::{AuthorizedShop, SellerType};

use ui::*;

#[test]
fn connect_dialog_from_store_name_to_linked_shops() {
    let views = loaded();
    let mut a = app(false, &views);
    assert!(press(&mut a, &views, "connect-shop").is_empty());
    // The text field takes keys before the keymap: "q" types, it does not quit.
    let typed = type_text(&mut a, &views, "q-new");
    assert!(typed.is_empty() && !a.quit);
    let cmds = key(&mut a, &views, KeyCode::Enter);
    // The dialog pre-fills the selected row's store, and typing replaces it; a name not in the
    // list is created.
    assert_eq!(
        cmds,
        vec![tokshop::message::Command::from(tokshop::message::ShopsCommand::BeginConnect {
            store: "q-new".into(),
            create_store: true
        })]
    );
    a.on_update(
        tokshop::message::Update::from(tokshop::message::ShopsAnswer::AuthLink {
            state: "s1".into(),
            url: "https://x/open/authorize?state=s1".into(),
        }),
        &views,
        NOW,
    );
    // Submitting an empty code says what is missing instead of sending anything.
    assert!(key(&mut a, &views, KeyCode::Enter).is_empty());
    type_text(&mut a, &views, " ROW_code123 ");
    assert_eq!(
        key(&mut a, &views, KeyCode::Enter),
        vec![tokshop::message::Command::from(tokshop::message::ShopsCommand::SubmitCode {
            state: "s1".into(),
            code: "ROW_code123".into()
        })]
    );
    let shop = |id: &str| AuthorizedShop {
        id: id.into(),
        name: format!("Shop {id}"),
        region: "GB".into(),
        seller_type: SellerType::Local,
        cipher: "c".into(),
        code: "x".into(),
    };
    a.on_update(
        tokshop::message::Update::from(tokshop::message::ShopsAnswer::AuthorizedShops {
            state: "s1".into(),
            shops: vec![(shop("1"), None), (shop("2"), None), (shop("3"), Some("elsewhere".into()))],
        }),
        &views,
        NOW,
    );
    // Untick the second shop; the third belongs to another store and cannot be ticked.
    key(&mut a, &views, KeyCode::Down);
    key(&mut a, &views, KeyCode::Char(' '));
    key(&mut a, &views, KeyCode::Down);
    key(&mut a, &views, KeyCode::Char(' '));
    assert_eq!(
        key(&mut a, &views, KeyCode::Enter),
        vec![tokshop::message::Command::from(tokshop::message::ShopsCommand::LinkShops {
            state: "s1".into(),
            shop_ids: vec!["1".into()]
        })]
    );
    a.on_update(
        tokshop::message::Update::from(tokshop::message::ShopsAnswer::Linked {
            state: "s1".into(),
            names: vec!["Shop 1 (GB)".into()],
        }),
        &views,
        NOW,
    );
    assert!(a.overlays.is_empty(), "the dialog closes once the shops are linked");
}

#[test]
fn esc_after_naming_a_new_store_takes_the_store_back() {
    let views = loaded();
    let mut a = app(false, &views);
    press(&mut a, &views, "connect-shop");
    type_text(&mut a, &views, "pop-up");
    key(&mut a, &views, KeyCode::Enter);
    assert_eq!(
        key(&mut a, &views, KeyCode::Esc),
        vec![tokshop::message::Command::from(tokshop::message::ShopsCommand::CancelConnect {
            state: String::new(),
            created_store: Some("pop-up".into()),
        })],
        "the store made for this attempt is removed with it"
    );
    assert!(a.overlays.is_empty());
}

#[test]
fn a_failed_exchange_lets_the_operator_paste_again_and_esc_cancels() {
    let views = loaded();
    let mut a = app(false, &views);
    press(&mut a, &views, "connect-shop");
    key(&mut a, &views, KeyCode::Enter);
    a.on_update(
        tokshop::message::Update::from(tokshop::message::ShopsAnswer::AuthLink { state: "s2".into(), url: "u".into() }),
        &views,
        NOW,
    );
    type_text(&mut a, &views, "bad");
    key(&mut a, &views, KeyCode::Enter);
    a.on_update(
        tokshop::message::Update::from(tokshop::message::ShopsAnswer::AuthFailed {
            state: "s2".into(),
            message: "code 36004004: Invalid auth code".into(),
        }),
        &views,
        NOW,
    );
    let Some(d) = a.top::<tokshop::ui::overlays::connect::ConnectDialog>() else { panic!("dialog still open") };
    assert_eq!(d.error.as_deref(), Some("code 36004004: Invalid auth code"));
    assert!(d.wants_text());
    assert_eq!(
        key(&mut a, &views, KeyCode::Esc),
        vec![tokshop::message::Command::from(tokshop::message::ShopsCommand::CancelConnect {
            state: "s2".into(),
            created_store: None,
        })]
    );
    assert!(a.overlays.is_empty());
}

#[test]
fn disconnect_confirms_and_read_only_hides_it() {
    let views = loaded();
    let mut a = app(false, &views);
    press(&mut a, &views, "select-next");
    assert!(press(&mut a, &views, "disconnect-shop").is_empty());
    assert!(a.top::<tokshop::ui::overlays::confirm::Confirm>().is_some());
    assert_eq!(
        key(&mut a, &views, KeyCode::Char('y')),
        vec![tokshop::message::Command::from(tokshop::message::ShopsCommand::Disconnect {
            shop_id: "7494049642642441622".into()
        })]
    );

    let mut a = app(false, &views);
    press(&mut a, &views, "select-next");
    press(&mut a, &views, "disconnect-shop");
    assert!(key(&mut a, &views, KeyCode::Char('n')).is_empty());
    assert!(a.overlays.is_empty());

    let mut ro = app(true, &views);
    press(&mut ro, &views, "select-next");
    assert!(press(&mut ro, &views, "disconnect-shop").is_empty());
    assert!(ro.overlays.is_empty(), "read-only: no dangerous action at all");
}

#[test]
fn sequences_panes_refresh_and_inbox_actions() {
    let views = loaded();
    let mut a = app(false, &views);
    press(&mut a, &views, "go-inbox");
    assert!(a.is_showing::<tokshop::ui::panes::inbox::InboxPane>());
    // Open the re-authorization item: the dialog starts a re-authorization of its shop.
    assert_eq!(
        press(&mut a, &views, "open-item"),
        vec![tokshop::message::Command::from(tokshop::message::ShopsCommand::BeginReauthorize {
            shop_id: "7494049642642441733".into()
        })]
    );
    key(&mut a, &views, KeyCode::Esc);
    assert_eq!(
        press(&mut a, &views, "dismiss-item"),
        vec![tokshop::message::Command::from(tokshop::message::InboxCommand::ResolveAttention {
            key: "reauth:7494049642642441733".into()
        })]
    );
    press(&mut a, &views, "go-shops");
    assert!(a.is_showing::<tokshop::ui::panes::shops::ShopsPane>());
    press(&mut a, &views, "select-last");
    assert!(press(&mut a, &views, "refresh-token").is_empty(), "a disconnected shop has no token to refresh");
    press(&mut a, &views, "select-first");
    press(&mut a, &views, "select-next");
    assert_eq!(
        press(&mut a, &views, "refresh-token"),
        vec![tokshop::message::Command::from(tokshop::message::ShopsCommand::RefreshToken {
            shop_id: "7494049642642441622".into()
        })]
    );
    // Removing a store that still has shops is refused with a reason; an empty one confirms.
    press(&mut a, &views, "select-first");
    assert!(press(&mut a, &views, "remove-store").is_empty());
    assert!(a.toast.as_ref().is_some_and(|t| t.error && t.text.contains("disconnect them first")));
    press(&mut a, &views, "help");
    assert!(a.top::<tokshop::ui::overlays::help::Help>().is_some());
    press(&mut a, &views, "help");
    assert!(a.overlays.is_empty());
    press(&mut a, &views, "quit");
    assert!(a.quit);
}

#[test]
fn add_store_prompt_validates() {
    let views = empty();
    let mut a = app(false, &views);
    press(&mut a, &views, "add-store");
    type_text(&mut a, &views, "bad name");
    assert!(key(&mut a, &views, KeyCode::Enter).is_empty());
    let Some(p) = a.top::<tokshop::ui::overlays::prompt::Prompt>() else { panic!("prompt stays open") };
    assert!(p.error.as_deref().unwrap_or("").contains("not valid"));
    for _ in 0..5 {
        key(&mut a, &views, KeyCode::Backspace);
    }
    type_text(&mut a, &views, "-two");
    assert_eq!(
        key(&mut a, &views, KeyCode::Enter),
        vec![tokshop::message::Command::from(tokshop::message::ShopsCommand::AddStore { name: "bad-two".into() })]
    );
}
