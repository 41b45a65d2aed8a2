//! Shared helpers for integration tests: a sandbox on loopback, a client configured for it,
//! raw signed requests and JSON shape comparison against the official samples.
#![allow(dead_code)]

use serde_json::Value;
use std::sync::Arc;
use tokshop::api::{ApiClient, ApiConfig, TokenSource};
use tokshop::domain::Secret;
use tokshop::sandbox::{self, SandboxConfig, SandboxHandle, seed::Seed};

pub const APP_KEY: &str = "6testappkey";
pub const APP_SECRET: &str = "test-app-secret-123";

pub async fn sandbox(seed: Seed) -> SandboxHandle {
    sandbox::start(SandboxConfig {
        app_key: APP_KEY.into(),
        app_secret: APP_SECRET.into(),
        seed,
        ..SandboxConfig::default()
    })
    .await
    .expect("sandbox starts")
}

pub fn api_config(sb: &SandboxHandle) -> ApiConfig {
    let mut c = ApiConfig::new(APP_KEY, Secret::new(APP_SECRET), &sb.base_url(), &sb.base_url());
    c.retry.min_delay = std::time::Duration::from_millis(20);
    c.retry.max_delay = std::time::Duration::from_millis(200);
    c
}

pub fn client(sb: &SandboxHandle, tokens: Option<Arc<dyn TokenSource>>) -> ApiClient {
    ApiClient::new(api_config(sb), tokshop::clock::system(), tokens).expect("client")
}

/// A signed request sent by hand, returning HTTP status and the whole envelope.
pub async fn raw(
    sb: &SandboxHandle,
    method: reqwest::Method,
    path: &str,
    extra: &[(&str, &str)],
    token: Option<&str>,
    body: Option<&str>,
) -> (u16, Value) {
    let ts = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("time").as_secs().to_string();
    let mut q: Vec<(String, String)> = vec![("app_key".into(), APP_KEY.into()), ("timestamp".into(), ts)];
    q.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let b = body.unwrap_or("");
    let sign = tokshop::api::sign::sign(APP_SECRET, path, &q, b.as_bytes(), "application/json");
    q.push(("sign".into(), sign));
    send(sb, method, path, &q, token, body, Some("application/json")).await
}

/// Send exactly what is given (no signing): for malformed-request tests.
pub async fn send(
    sb: &SandboxHandle,
    method: reqwest::Method,
    path: &str,
    q: &[(String, String)],
    token: Option<&str>,
    body: Option<&str>,
    content_type: Option<&str>,
) -> (u16, Value) {
    let http = tokshop::api::client::http_client(std::time::Duration::from_secs(10)).expect("http");
    let mut rb = http.request(method, format!("{}{}", sb.base_url(), path)).query(q);
    if let Some(ct) = content_type {
        rb = rb.header("content-type", ct);
    }
    if let Some(t) = token {
        rb = rb.header("x-tts-access-token", t);
    }
    if let Some(b) = body {
        rb = rb.body(b.to_string());
    }
    let r = rb.send().await.expect("send");
    let status = r.status().as_u16();
    let v = r.json::<Value>().await.unwrap_or(Value::Null);
    (status, v)
}

pub fn fixture(path: &str) -> Value {
    let p = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&p).expect("fixture exists")).expect("fixture is JSON")
}

/// The JSON type of a value, as the shape comparisons name it.
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Every field of the official sample is present in ours with the same JSON type, and ours has
/// no field the sample lacks. Arrays compare their first elements.
pub fn assert_same_shape(sample: &Value, ours: &Value, at: &str) {
    match (sample, ours) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let o = b.get(k).unwrap_or_else(|| panic!("{at}.{k}: missing in the sandbox response {ours}"));
                assert_same_shape(v, o, &format!("{at}.{k}"));
            }
            for k in b.keys() {
                assert!(a.contains_key(k), "{at}.{k}: the sandbox sends a field the official sample does not have");
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if let (Some(x), Some(y)) = (a.first(), b.first()) {
                assert_same_shape(x, y, &format!("{at}[0]"));
            }
        }
        _ => assert_eq!(kind(sample), kind(ours), "{at}: type differs (sample {sample}, sandbox {ours})"),
    }
}

/// Get a fresh access token for the first seller (or `seller`) through the real code flow.
pub async fn token_for(sb: &SandboxHandle, seller: Option<&str>) -> tokshop::domain::grant::Grant {
    let code = sb.issue_code(seller).expect("code");
    client(sb, None).get_access_token(&code, sb.now()).await.expect("token")
}

/// A sync context over a fresh store in a temp dir, talking to `sb`.
pub fn sync_ctx(sb: &SandboxHandle, dir: &std::path::Path) -> tokshop::sync::SyncCtx {
    let store = tokshop::store::Store::open(dir).expect("store opens");
    let auth = tokshop::sync::AuthSettings {
        authorize_url: sb.authorize_url(),
        service_id: Some(tokshop::sandbox::DEFAULT_SERVICE_ID.into()),
    };
    tokshop::sync::SyncCtx::build(
        api_config(sb),
        auth,
        store,
        tokshop::clock::system(),
        "test",
        tokshop::sync::Updates::none(),
    )
    .expect("ctx")
}

pub mod bin;
pub mod reference;

/// Every field the sandbox sends exists in the official sample with the same JSON type (no
/// misnamed fields); `extra` lists fields the official SDK documents that the sample lacks.
pub fn assert_subset_shape(sample: &Value, ours: &Value, at: &str, extra: &[&str]) {
    match (sample, ours) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                match a.get(k) {
                    Some(s) => assert_subset_shape(s, v, &format!("{at}.{k}"), extra),
                    None => assert!(
                        extra.contains(&k.as_str()),
                        "{at}.{k}: the sandbox sends a field the official sample does not have"
                    ),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if let Some(x) = a.first() {
                for y in b {
                    assert_subset_shape(x, y, &format!("{at}[]"), extra);
                }
            }
        }
        _ => assert_eq!(kind(sample), kind(ours), "{at}: type differs (sample {sample}, sandbox {ours})"),
    }
}

/// The shops of a seller (id, cipher) through the real API.
pub async fn shops_of(sb: &SandboxHandle, token: &str) -> Vec<(String, String, String)> {
    let (_, env) = raw(sb, reqwest::Method::GET, "/authorization/202309/shops", &[], Some(token), None).await;
    env["data"]["shops"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|s| {
                    (
                        s["id"].as_str().unwrap_or("").to_string(),
                        s["cipher"].as_str().unwrap_or("").to_string(),
                        s["region"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Connect a demo seller's shops to a new store and return the linked shops.
pub async fn connect(
    ctx: &tokshop::sync::SyncCtx,
    sb: &SandboxHandle,
    store: &str,
    seller: &str,
) -> Vec<tokshop::domain::shop::Shop> {
    let _ = tokshop::sync::shops::connections::add_store(ctx, store);
    let code = sb.issue_code(Some(seller)).expect("code");
    tokshop::sync::shops::connections::connect_with_code(ctx, store, &code, None).await.expect("connect")
}

/// Every order of the shop in the store equals the sandbox's, order by order: status,
/// update_time, lines with their packages and tracking.
pub fn assert_store_matches_sandbox(sb: &SandboxHandle, store: &tokshop::store::Store, shop_id: &str) -> usize {
    let ids = sb.order_ids(shop_id);
    let mut stored = store.order_ids(shop_id).expect("ids");
    stored.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(stored, expected, "the same orders, each once");
    for id in &ids {
        let want = sb.order_json(shop_id, id).expect("sandbox order");
        let got = store.get_order(id).expect("read").unwrap_or_else(|| panic!("order {id} missing"));
        assert_eq!(got.status.as_wire(), want["status"].as_str().unwrap_or(""), "status of {id}");
        assert_eq!(got.update_time, want["update_time"].as_i64().unwrap_or(0), "update_time of {id}");
        let lines: Vec<(String, Option<String>, Option<String>)> = want["line_items"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|l| {
                        // The sandbox sends "" for a package or tracking number not there yet.
                        let text = |k: &str| l[k].as_str().filter(|s| !s.is_empty()).map(String::from);
                        (l["id"].as_str().unwrap_or("").to_string(), text("package_id"), text("tracking_number"))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let have: Vec<(String, Option<String>, Option<String>)> =
            got.lines.iter().map(|l| (l.id.clone(), l.package_id.clone(), l.tracking_number.clone())).collect();
        assert_eq!(have, lines, "lines of {id}");
    }
    ids.len()
}

pub async fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
    for _ in 0..400 {
        if f() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("timed out waiting for {what}");
}

/// A webhook receiver on loopback for `store`, with the channel its events go to (the engine's
/// input).
pub async fn receiver(
    store: &tokshop::store::Store,
) -> (tokshop::webhook::Receiver, tokio::sync::mpsc::UnboundedReceiver<tokshop::webhook::ReceiverEvent>) {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let r = tokshop::webhook::start(
        "127.0.0.1:0".parse().expect("addr"),
        APP_KEY.into(),
        Secret::new(APP_SECRET),
        store.clone(),
        tx,
        tokshop::clock::system(),
    )
    .await
    .expect("receiver");
    (r, rx)
}

/// Wait until `f` holds, polling every 25 ms, at most 10 s (the engine and the sandbox act
/// within a second); panics naming `what` otherwise.
pub async fn until(what: &str, mut f: impl FnMut() -> bool) {
    for _ in 0..400 {
        if f() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("{what}: not within 10 s");
}
