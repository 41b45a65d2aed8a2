//! `kill -9` of the engine while a script writes through it: every write the script was told
//! succeeded is in the store afterwards, once; an attached console says the engine is lost and
//! reattaches by itself when an engine is back.

use crate::common;

use common::bin::{Env, stderr, stdout};
use serde_json::Value;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokshop::engine::{client, protocol};
use tokshop::message::{LinkState, Update};

fn daemon(env: &Env) -> std::process::Child {
    env.command(&["daemon"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn the engine")
}

/// The console's next link state (other updates skipped).
async fn link(rx: &mut tokio::sync::mpsc::UnboundedReceiver<Update>) -> LinkState {
    loop {
        match tokio::time::timeout(Duration::from_secs(10), rx.recv()).await {
            Ok(Some(Update::Link(l))) => return l,
            Ok(Some(_)) => continue,
            _ => panic!("no link news within 10 s"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_of_the_engine_loses_no_acknowledged_write_and_consoles_reattach() {
    let mut env = Env::new(Some("http://127.0.0.1:9"));
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    env.set("TOKSHOP_WEBHOOK_LISTEN", &format!("127.0.0.1:{port}"));
    let socket = protocol::socket_path(&env.data_dir());
    let mut engine = daemon(&env);
    crate::common::until("the engine answers", || client::alive(&socket)).await;
    let (_cmds, mut console) = client::events(socket.clone(), false);
    assert!(matches!(link(&mut console).await, LinkState::Attached { .. }));

    // A script adds carriers one command at a time; each exit 0 is an acknowledgement.
    let env = Arc::new(env);
    let acked: Arc<Mutex<Vec<String>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (env, acked, stop) = (env.clone(), acked.clone(), stop.clone());
        tokio::task::spawn_blocking(move || {
            for i in 0.. {
                if stop.load(Ordering::SeqCst) {
                    return;
                }
                let name = format!("Carrier {i}");
                let o = env.run(&["carriers", "add", &name]);
                if o.status.success() {
                    acked.lock().expect("lock").push(name);
                }
            }
        })
    };
    crate::common::until("a few writes acknowledged", || acked.lock().expect("lock").len() >= 3).await;
    let pid = engine.id().to_string();
    assert!(std::process::Command::new("kill").args(["-9", &pid]).status().expect("kill").success());
    let _ = tokio::task::spawn_blocking(move || engine.wait()).await;
    assert!(matches!(link(&mut console).await, LinkState::Lost(_)), "the console says the engine is lost");
    stop.store(true, Ordering::SeqCst);
    writer.await.expect("writer");

    let mut engine = daemon(&env);
    crate::common::until("the engine is back", || client::alive(&socket)).await;
    assert!(matches!(link(&mut console).await, LinkState::Attached { .. }), "the console reattached");
    let o = env.run_async(&["carriers", "list", "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let names: Vec<String> =
        v.as_array().expect("list").iter().filter_map(|c| c["name"].as_str().map(String::from)).collect();
    for name in acked.lock().expect("lock").iter() {
        assert_eq!(names.iter().filter(|n| *n == name).count(), 1, "{name}: acknowledged, so stored once");
    }
    let o = env.run_async(&["daemon", "stop"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let status = tokio::task::spawn_blocking(move || engine.wait()).await.expect("join").expect("wait");
    assert!(status.success(), "the engine stops cleanly when asked");
}
