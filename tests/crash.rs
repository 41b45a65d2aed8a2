//! `kill -9` during webhook ingestion loses no acknowledged webhook: every notification that got
//! its 200 is in the store after the crash, exactly once.

use crate::common;

use common::bin::{Env, stderr, stdout};
use common::*;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokshop::sandbox::verify::webhook_signature;

#[tokio::test]
async fn kill_9_during_ingestion_loses_nothing_acknowledged() {
    let mut env = Env::new(Some("http://127.0.0.1:9"));
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    env.set("TOKSHOP_WEBHOOK_LISTEN", &format!("127.0.0.1:{port}"));
    let mut child = env
        .command(&["daemon"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let http = tokshop::api::client::http_client(Duration::from_secs(5)).expect("http");
    let url = format!("http://127.0.0.1:{port}/webhooks/tiktok");
    let mut up = false;
    for _ in 0..200 {
        if http.get(format!("http://127.0.0.1:{port}/healthz")).send().await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(up, "daemon up");

    let acked: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut senders = Vec::new();
    for t in 0..16 {
        let (http, url, acked) = (http.clone(), url.clone(), acked.clone());
        senders.push(tokio::spawn(async move {
            for n in 0..100_000 {
                let id = format!("{t}{n:07}");
                let body = format!(
                    concat!(
                        r#"{{"type":1,"tts_notification_id":"{id}","shop_id":"7494049642642441621","#,
                        r#""timestamp":1718305585,"data":{{"order_id":"5766","order_status":"UNPAID","#,
                        r#""update_time":1718305585}}}}"#,
                    ),
                    id = id,
                );
                let sig = webhook_signature(APP_KEY, APP_SECRET, body.as_bytes());
                let sent = http
                    .post(&url)
                    .header("authorization", sig)
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await;
                match sent {
                    Ok(r) if r.status().as_u16() == 200 => acked.lock().expect("lock").push(id),
                    Ok(_) => {}
                    Err(_) => return,
                }
            }
        }));
    }
    // Let a few hundred land, then pull the plug mid-stream (waiting up to 30 s: a busy CI
    // machine acknowledges slowly, and the kill must come after enough have landed).
    for _ in 0..3000 {
        if acked.lock().expect("lock").len() >= 400 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-9", &pid]).status().expect("kill").success());
    let _ = tokio::task::spawn_blocking(move || child.wait()).await;
    for s in senders {
        let _ = s.await;
    }
    let acked: Vec<String> = acked.lock().expect("lock").clone();
    assert!(acked.len() >= 100, "enough deliveries were acknowledged before the crash: {}", acked.len());

    // The store opens after the crash and holds every acknowledged notification, once.
    let o = env.run_async(&["webhooks", "list", "--json", "--limit", "10000000"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let mut accepted: HashMap<String, usize> = HashMap::new();
    for r in rows.as_array().expect("array") {
        if r["verdict"] == "accepted" {
            *accepted.entry(r["notification_id"].as_str().unwrap_or("").to_string()).or_default() += 1;
        }
    }
    let stored: HashSet<&String> = accepted.keys().collect();
    let missing: Vec<&String> = acked.iter().filter(|id| !stored.contains(id)).collect();
    assert!(
        missing.is_empty(),
        "{} acknowledged webhooks lost, e.g. {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
    assert!(accepted.values().all(|n| *n == 1), "each notification is stored once");
}
