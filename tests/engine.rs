//! The team engine over its socket: many consoles and a script at once, every change reaching
//! every console, roles enforced at the engine for commands sent by hand, a user the config
//! refuses reading nothing, another version refused, and the same output with or without an
//! engine. (`engine_crash.rs` kills it.)

use crate::common;
use crate::ui::{NOW, order_data};

use common::bin::{Env, stderr, stdout, write_private};
use common::*;
use serde_json::Value;
use std::collections::HashMap;
use std::time::Duration;
use tokio::net::UnixStream;
use tokshop::config::{Overrides, Settings};
use tokshop::domain::role::Role;
use tokshop::engine::protocol::{self, Channel, Greeting, Hello, ToConsole, ToEngine};
use tokshop::engine::{self, Engine, client, identity};
use tokshop::message::{FulfilmentCommand, LinkState, ShipRequest, ShopsCommand, Topic, Update};
use tokshop::sandbox::SandboxHandle;
use tokshop::sandbox::seed::Seed;
use tokshop::store::views::ViewSource;

pub struct Team {
    pub env: Env,
    pub engine: Engine,
    pub sb: SandboxHandle,
}

/// The settings a binary run with `env` would load.
pub fn settings_of(env: &Env) -> Settings {
    let vars: HashMap<String, String> = env.vars.iter().cloned().collect();
    Settings::load(&Overrides::default(), &vars).expect("settings")
}

/// An engine in this process over the fixture day of orders, with `team` as the config's
/// `[team]` table.
pub async fn team(team_toml: &str) -> Team {
    let sb = sandbox(Seed::Empty).await;
    let env = Env::new(Some(&sb.base_url()));
    write_private(&env.home.path().join("config/tokshop/config.toml"), team_toml, 0o600);
    let s = settings_of(&env);
    let store = order_data::seeded_store(&s.data_dir, NOW);
    let listen = "127.0.0.1:0".parse().expect("addr");
    let engine = engine::start(&s, store, tokshop::clock::system(), "engine", listen, false).await.expect("engine");
    Team { env, engine, sb }
}

fn me() -> String {
    identity::os_user_name()
}

/// The next update of a console that is not the engine's periodic health.
async fn next(rx: &mut tokio::sync::mpsc::UnboundedReceiver<Update>) -> Update {
    loop {
        match tokio::time::timeout(Duration::from_secs(5), rx.recv()).await {
            Ok(Some(Update::Health(_))) => continue,
            Ok(Some(u)) => return u,
            Ok(None) => panic!("the console's link closed"),
            Err(_) => panic!("no update within 5 s"),
        }
    }
}

/// Wait until a console hears `want`, at most `within`.
async fn hears(rx: &mut tokio::sync::mpsc::UnboundedReceiver<Update>, want: &Update, within: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + within;
    while let Ok(Some(u)) = tokio::time::timeout_at(deadline, rx.recv()).await {
        if &u == want {
            return true;
        }
    }
    false
}

/// A raw connection, as a script written by hand would open it.
async fn raw(socket: &std::path::Path, hello: &Hello) -> (protocol::Conn, Greeting) {
    let mut conn = protocol::framed(UnixStream::connect(socket).await.expect("connect"));
    protocol::send(&mut conn, hello).await.expect("hello");
    let g = protocol::recv::<Greeting>(&mut conn).await.expect("greeting").expect("an answer");
    (conn, g)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_consoles_and_a_script_share_one_engine_and_every_change_reaches_every_console() {
    let t = team("").await;
    let socket = t.engine.server.socket.clone();
    let mut consoles = Vec::new();
    for _ in 0..10 {
        let (cmds, mut rx) = client::events(socket.clone(), false);
        match next(&mut rx).await {
            Update::Link(LinkState::Attached { user, role, .. }) => {
                assert_eq!(user, me());
                assert_eq!(role, Role::Admin, "the data dir's owner is admin");
            }
            other => panic!("expected to attach, got {other:?}"),
        }
        consoles.push((cmds, rx));
    }
    // The script: `orders list --json` through the engine, again and again, while changes land.
    let expected = t.engine.server.store.order_count().expect("count") as usize;
    let env = &t.env;
    let script = async {
        let mut outputs = Vec::new();
        for _ in 0..5 {
            let o = env.run_async(&["orders", "list", "--json", "--limit", "1000"]).await;
            assert!(o.status.success(), "{}", stderr(&o));
            outputs.push(stdout(&o));
        }
        outputs
    };
    // A change from a script and one from a console while the script runs.
    let changes = async {
        let o = env.run_async(&["carriers", "add", "DHL Express"]).await;
        assert!(o.status.success(), "{}", stderr(&o));
        let _ = consoles[3].0.send(ShopsCommand::AddStore { name: "second-store".into() }.into());
    };
    let (outputs, ()) = tokio::join!(script, changes);
    for out in &outputs {
        let v: Value = serde_json::from_str(out).expect("one JSON document");
        assert_eq!(v.as_array().map(Vec::len), Some(expected), "every order, once");
        assert_eq!(out, &outputs[0], "the same answer every time");
    }
    for (i, (_, rx)) in consoles.iter_mut().enumerate() {
        let script_wrote = Update::Changed(Topic::Everything);
        assert!(hears(rx, &script_wrote, Duration::from_secs(1)).await, "console {i}: the script's change");
        assert!(hears(rx, &Update::Changed(Topic::Shops), Duration::from_secs(1)).await, "console {i}: shops");
    }
    // Each console reads the same views through the engine as the store holds.
    let views = tokshop::engine::views::RemoteViews::new(socket.clone(), false);
    let store = t.engine.server.store.clone();
    tokio::task::spawn_blocking(move || {
        assert_eq!(views.carriers().expect("carriers"), store.carriers_view().expect("carriers"));
        let q = tokshop::store::views::OrderQuery::default();
        assert_eq!(views.orders(&q, None, 50).expect("page"), store.order_page(&q, None, 50).expect("page"));
    })
    .await
    .expect("views");
    // Who did what: the script's write and the console's, each once, with its user and where from.
    let log = t.engine.server.store.audit_entries(Some(&me()), None, 50).expect("audit");
    assert!(log.iter().any(|e| e.command.starts_with("carriers add") && e.via == "command"), "{log:?}");
    assert!(log.iter().any(|e| e.command == "stores add" && e.via == "console"), "{log:?}");
    assert_eq!(log.len(), 2, "one entry per action: {log:?}");
    t.engine.stop();
    t.sb.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_support_user_cannot_ship_or_disconnect_even_by_hand() {
    let t = team(&format!("[team.roles]\n{} = \"support\"\n", me())).await;
    let socket = t.engine.server.socket.clone();
    let (mut conn, g) = raw(&socket, &Hello::new(Channel::Events, false)).await;
    let Greeting::Welcome(w) = g else { panic!("support is welcome: {g:?}") };
    assert_eq!(w.role, Role::Support);
    let ship = FulfilmentCommand::Ship {
        requests: vec![ShipRequest {
            order_id: "576461413038785701".into(),
            carrier: "UPS".into(),
            tracking: "1Z999AA10123456784".into(),
            line_ids: vec![],
        }],
    };
    let disconnect = ShopsCommand::Disconnect { shop_id: "7494049642642441621".into() };
    for (cmd, need) in [(ship.into(), "warehouse role"), (disconnect.into(), "admin role")] {
        protocol::send(&mut conn, &ToEngine::Command(cmd)).await.expect("send");
        let answer = loop {
            match protocol::recv::<ToConsole>(&mut conn).await.expect("recv").expect("open") {
                ToConsole::Update(Update::Failed(m)) => break m,
                _ => continue,
            }
        };
        assert!(answer.starts_with("Refused:") && answer.contains(need) && answer.contains("support"), "{answer}");
    }
    assert_eq!(t.engine.server.store.all_outbox().expect("outbox").len(), 0, "nothing queued for TikTok");
    // A script is refused alike, and told which role it needs.
    let o = t.env.run_async(&["shops", "disconnect", "7494049642642441621", "--yes"]).await;
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("refused") && stderr(&o).contains("admin"), "{}", stderr(&o));
    let refused = t.engine.server.store.audit_entries(Some(&me()), None, 10).expect("audit");
    assert_eq!(refused.iter().filter(|e| e.outcome.to_string().contains("refused")).count(), 3, "{refused:?}");
    assert!(refused.iter().all(|e| e.role == Some(Role::Support)));
    // Reading is allowed.
    let o = t.env.run_async(&["orders", "list", "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    t.engine.stop();
    t.sb.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_the_config_refuses_reads_and_writes_nothing() {
    let t = team(&format!("[team.roles]\n{} = \"none\"\n", me())).await;
    let socket = t.engine.server.socket.clone();
    for channel in [Channel::Views, Channel::Events, Channel::Command, Channel::Control] {
        let (mut conn, g) = raw(&socket, &Hello::new(channel, false)).await;
        let Greeting::Refused(why) = g else { panic!("refused on {channel:?}") };
        assert!(why.contains("may not use this data dir") && why.contains(&me()), "{why}");
        // Whatever it sends next goes nowhere: the engine has closed the connection.
        let _ = protocol::send(&mut conn, &tokshop::engine::views::ViewCall::Shops).await;
        assert!(matches!(protocol::recv::<Value>(&mut conn).await, Ok(None) | Err(_)));
    }
    let o = t.env.run_async(&["orders", "list", "--json"]).await;
    assert_ne!(o.status.code(), Some(0));
    assert!(stdout(&o).is_empty(), "no order reaches a refused user");
    assert!(stderr(&o).contains("may not use this data dir"), "{}", stderr(&o));
    t.engine.stop();
    t.sb.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_console_of_another_version_is_refused_with_a_message() {
    let t = team("").await;
    let socket = t.engine.server.socket.clone();
    let old = Hello { version: "0.0.1".into(), ..Hello::new(Channel::Events, false) };
    let (_, g) = raw(&socket, &old).await;
    let Greeting::Refused(why) = g else { panic!("another version is refused") };
    assert!(why.contains("0.0.1") && why.contains(env!("CARGO_PKG_VERSION")), "{why}");
    assert!(why.contains("tokshop daemon stop"), "says what to do: {why}");
    // A client that vanishes mid-frame leaves the engine serving the others.
    let mut half = std::os::unix::net::UnixStream::connect(&socket).expect("connect");
    std::io::Write::write_all(&mut half, &[0, 0, 1, 0, b'{']).expect("half a frame");
    drop(half);
    let (_, g) = raw(&socket, &Hello::new(Channel::Control, false)).await;
    assert!(matches!(g, Greeting::Welcome(_)), "still serving: {g:?}");
    t.engine.stop();
    t.sb.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn headless_commands_print_the_same_with_or_without_an_engine() {
    let sb = sandbox(Seed::Empty).await;
    let env = Env::new(Some(&sb.base_url()));
    let s = settings_of(&env);
    drop(order_data::seeded_store(&s.data_dir, NOW));
    let commands: [&[&str]; 4] = [
        &["orders", "list", "--json"],
        &["orders", "list"],
        &["stores", "list"],
        &["orders", "show", "576461413038785701", "--json"],
    ];
    let mut alone = Vec::new();
    for c in commands {
        let o = env.run_async(c).await;
        alone.push((o.status.code(), stdout(&o), stderr(&o)));
    }
    let store = tokshop::store::Store::open(&s.data_dir).expect("open");
    let listen = "127.0.0.1:0".parse().expect("addr");
    let e = engine::start(&s, store, tokshop::clock::system(), "engine", listen, false).await.expect("engine");
    for (c, before) in commands.iter().zip(&alone) {
        let o = env.run_async(c).await;
        assert_eq!(&(o.status.code(), stdout(&o), stderr(&o)), before, "{c:?}");
    }
    let o = env.run_async(&["daemon", "status", "--json"]).await;
    let st: Value = serde_json::from_str(&stdout(&o)).expect("status JSON");
    assert_eq!(st["pid"], std::process::id());
    assert!(st["clients"].as_array().is_some_and(|c| c.iter().any(|c| c["channel"] == "Control")), "{st}");
    e.stop();
    sb.shutdown();
}
