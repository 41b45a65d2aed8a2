//! Text written by strangers never acts on a terminal. The sandbox's hostile seed gives a shop,
//! buyers, addresses, messages and products carrying window-title, hyperlink, clear-screen and
//! cursor sequences, C1 CSI, DEL and a right-to-left override. Every plain-text command and
//! every pane shows them as visible escapes; `--json` escapes them and still decodes to them.

use crate::common;
use crate::engine::settings_of;
use crate::ui::{draw, key};

use common::bin::{Env, stderr, stdout};
use common::*;
use crossterm::event::KeyCode;
use tokshop::domain::text::is_active;
use tokshop::sandbox::seed::{Seed, hostile};

fn assert_inert(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|c| is_active(*c)) {
        panic!("{what} printed U+{:04X} raw:\n{text}", c as u32);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_and_every_pane_shows_hostile_text_inert() {
    let sb = sandbox(Seed::Hostile).await;
    let env = Env::new(Some(&sb.base_url()));
    assert!(env.run_async(&["stores", "add", "main"]).await.status.success());
    let code = sb.issue_code(Some(&hostile("Evil Seller"))).expect("code");
    let o = env.run_async(&["shops", "connect", "--store", "main", "--auth-code", &code]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_inert("shops connect", &(stdout(&o) + &stderr(&o)));
    let o = env.run_async(&["orders", "sync"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_inert("orders sync", &(stdout(&o) + &stderr(&o)));

    let listed = env.run_async(&["orders", "list", "--json"]).await;
    let orders: serde_json::Value = serde_json::from_str(&stdout(&listed)).expect("JSON decodes");
    assert_inert("orders list --json", &stdout(&listed));
    let id = orders[0]["id"].as_str().expect("an order").to_string();
    assert!(stdout(&listed).contains("\\u009b") && stdout(&listed).contains("\\u202e"), "escaped in JSON");
    assert!(orders.to_string().contains('\u{1b}') || stdout(&listed).contains("\\u001b"), "lossless");

    let commands: Vec<Vec<&str>> = vec![
        vec!["shops", "list"],
        vec!["orders", "list"],
        vec!["orders", "show", &id],
        vec!["orders", "show", &id, "--json"],
        vec!["packages", "list"],
        vec!["warehouses", "list"],
        vec!["webhooks", "list"],
        vec!["inbox", "list"],
        vec!["audit", "list"],
        vec!["shops", "list", "--json"],
    ];
    for c in &commands {
        let o = env.run_async(c).await;
        assert_inert(&c.join(" "), &(stdout(&o) + &stderr(&o)));
    }
    let shown = stdout(&env.run_async(&["orders", "show", &id]).await);
    assert!(shown.contains("\\x1b]0;pwned") && shown.contains("\\u202e"), "shown as visible escapes:\n{shown}");

    // The console: an engine on the data dir and a console's view of it, every pane drawn.
    let s = settings_of(&env);
    let store = tokshop::store::Store::open(&s.data_dir).expect("open");
    let listen = "127.0.0.1:0".parse().expect("addr");
    let e = tokshop::engine::start(&s, store, tokshop::clock::system(), "engine", listen, false).await.expect("engine");
    let socket = tokshop::engine::protocol::socket_path(&s.data_dir);
    let screens = tokio::task::spawn_blocking(move || {
        let views = tokshop::engine::views::RemoteViews::new(socket, false);
        let mut app = tokshop::ui::app::App::new(
            tokshop::ui::keymap::Keymap::load(None).expect("keymap"),
            false,
            tokshop::logging::LogRing::default(),
        );
        app.load(&views);
        let mut screens = Vec::new();
        for n in 1..=tokshop::ui::panes::PANES.len() {
            let digit = char::from_digit(n as u32, 10).expect("digit");
            key(&mut app, &views, KeyCode::Char(digit));
            key(&mut app, &views, KeyCode::Enter);
            screens.push((n, draw(&mut app, 120, 40)));
        }
        screens
    })
    .await
    .expect("console");
    for (n, screen) in &screens {
        assert_inert(&format!("pane {n}"), screen);
    }
    assert!(screens.iter().any(|(_, s)| s.contains("\\x1b]0;pwned")), "a pane shows the escapes visibly");
    e.stop();
    sb.shutdown();
}
