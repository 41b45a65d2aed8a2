//! The checks `tokshop init` makes before it keeps an answer: the secret signs a real request,
//! the webhook port can be taken and answers from this host, the public address reaches it. The
//! receiver that answers during init is a small one of its own, which also takes the seller's
//! code when the browser comes back to `/oauth/callback`.

use crate::api::client::{ApiClient, ApiConfig, ApiRequest, Auth, Method};
use crate::api::error::{EXPIRED_CREDENTIALS, INVALID_SIGN, OVERLOADED_PARAMETER};
use crate::domain::Secret;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

/// Sign one real request with the app key and secret: Get Authorized Shops with a token that
/// cannot be valid. TikTok checks the app key, the timestamp and the signature before the
/// token (API README §8, "validation order observed in the wild"), so an answer about the token
/// means the key and the secret are right. Ok: what was shown; Err: what to fix.
pub async fn app_signs(api_base_url: &str, app_key: &str, secret: &Secret) -> Result<String, String> {
    let mut cfg = ApiConfig::new(app_key, secret.clone(), api_base_url, api_base_url);
    cfg.retry.max_retries = 0;
    cfg.timeout = Duration::from_secs(15);
    cfg.qps_per_shop = 0;
    let client = ApiClient::new(cfg, crate::clock::system(), None).map_err(|e| e.to_string())?;
    let path = crate::api::authorization::AUTHORIZED_SHOPS_PATH;
    let req = ApiRequest::new(Method::GET, path, Auth::Token(Secret::new("tokshop-init-check")));
    let seen = format!("a request signed with this secret (GET {path} at {api_base_url})");
    let e = match client.call::<serde_json::Value>(&req).await {
        Ok(_) => return Ok(format!("TikTok accepted {seen}")),
        Err(e) => e,
    };
    let m = e.message.to_lowercase();
    match e.code {
        Some(INVALID_SIGN) => Err(format!(
            "TikTok refused the signature ({INVALID_SIGN}: {}): the app secret does not go with app key {app_key}. \
             Copy the secret again from Partner Center (App & Service, your app, App secret) and run tokshop init \
             again",
            e.message
        )),
        Some(OVERLOADED_PARAMETER) if m.contains("app_key") => Err(format!(
            "TikTok does not know app key {app_key} ({OVERLOADED_PARAMETER}: {}): copy the app key from Partner \
             Center, and check api_base_url ({api_base_url}) is the API host",
            e.message
        )),
        Some(OVERLOADED_PARAMETER) if m.contains("timestamp") => Err(format!(
            "TikTok refused this machine's time ({}): its clock is more than 5 minutes off; set it right \
             (timedatectl set-ntp true) and run tokshop init again",
            e.message
        )),
        Some(OVERLOADED_PARAMETER) | Some(EXPIRED_CREDENTIALS) => {
            Ok(format!("TikTok accepted the signature of {seen}: it only refused the made-up access token"))
        }
        Some(code) => Ok(format!("TikTok took the signature of {seen} and answered {code}: {}", e.message)),
        None => Err(format!(
            "cannot reach TikTok at {api_base_url} ({}): check the network, a proxy, and api_base_url",
            e.message
        )),
    }
}

/// What the seller's browser brought back to `/oauth/callback`: the code, or TikTok's error.
pub type Callback = Result<String, String>;

/// init's own receiver on `webhook_listen`: `/healthz` and `/oauth/callback` (the code for
/// `state`), until dropped.
pub struct Door {
    pub addr: SocketAddr,
    pub codes: mpsc::UnboundedReceiver<Callback>,
    state: Arc<std::sync::Mutex<String>>,
    cancel: CancellationToken,
}

impl Door {
    /// The authorization the callback takes a code for (the state of its link).
    pub fn expect_state(&self, state: &str) {
        if let Ok(mut s) = self.state.lock() {
            *s = state.to_string();
        }
    }
}

impl Drop for Door {
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}

struct DoorCtx {
    state: Arc<std::sync::Mutex<String>>,
    codes: mpsc::UnboundedSender<Callback>,
}

/// Take `listen` and answer on it; Err says why it cannot be taken and what to do.
pub async fn open_door(listen: SocketAddr) -> Result<Door, String> {
    let listener = match tokio::net::TcpListener::bind(listen).await {
        Ok(l) => l,
        Err(e) => return Err(why_busy(listen, e).await),
    };
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let (tx, codes) = mpsc::unbounded_channel();
    let state = Arc::new(std::sync::Mutex::new(String::new()));
    let ctx = Arc::new(DoorCtx { state: state.clone(), codes: tx });
    let app = Router::new()
        .route(crate::webhook::server::CALLBACK_PATH, get(callback))
        .route("/healthz", get(|| async { "ok" }))
        .with_state(ctx);
    let cancel = CancellationToken::new();
    let c = cancel.clone();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).with_graceful_shutdown(c.cancelled_owned()).await;
    });
    Ok(Door { addr, codes, state, cancel })
}

async fn why_busy(listen: SocketAddr, e: std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::AddrInUse => {
            if healthz(&format!("http://{}", reach(listen))).await.is_ok() {
                format!(
                    "{listen} is taken by a tokshop engine already running: stop it (tokshop daemon stop, or \
                     systemctl --user stop tokshop) and run tokshop init again, or answer another address"
                )
            } else {
                format!("{listen} is in use by another program: answer a free port (e.g. 127.0.0.1:8788)")
            }
        }
        std::io::ErrorKind::PermissionDenied => format!(
            "cannot listen on {listen} ({e}): ports below 1024 need root; listen on a port above 1024 and let the \
             TLS proxy in front take 443"
        ),
        std::io::ErrorKind::AddrNotAvailable => {
            format!("{} is not an address of this host ({e}): answer 127.0.0.1 or 0.0.0.0 with a port", listen.ip())
        }
        _ => format!("cannot listen on {listen}: {e}"),
    }
}

/// The address to reach a listener from this host (0.0.0.0 and :: are every address).
pub fn reach(listen: SocketAddr) -> SocketAddr {
    let mut a = listen;
    if a.ip().is_unspecified() {
        a.set_ip(if a.is_ipv4() { [127, 0, 0, 1].into() } else { std::net::Ipv6Addr::LOCALHOST.into() });
    }
    a
}

/// `GET {base}/healthz` answers `ok`.
pub async fn healthz(base: &str) -> Result<(), String> {
    let http = crate::api::client::http_client(Duration::from_secs(5)).map_err(|e| e.to_string())?;
    let url = format!("{}/healthz", base.trim_end_matches('/'));
    match http.get(&url).send().await {
        Ok(r) if r.status().is_success() => match r.text().await {
            Ok(t) if t.trim() == "ok" => Ok(()),
            _ => Err(format!("{url} answered, but not tokshop's \"ok\": something else serves that address")),
        },
        Ok(r) => Err(format!("{url} answered HTTP {}", r.status().as_u16())),
        Err(e) => Err(format!("{url} did not answer ({})", e.without_url())),
    }
}

async fn callback(
    State(ctx): State<Arc<DoorCtx>>,
    Query(q): Query<HashMap<String, String>>,
) -> (axum::http::StatusCode, String) {
    let expected = ctx.state.lock().map(|s| s.clone()).unwrap_or_default();
    let state = q.get("state").cloned().unwrap_or_default();
    if expected.is_empty() || state != expected {
        return (
            axum::http::StatusCode::BAD_REQUEST,
            "This authorization link is not the one tokshop init is waiting for.\n".into(),
        );
    }
    let code = q.get("code").filter(|c| !c.is_empty() && c.as_str() != "null").cloned();
    match code {
        Some(c) => {
            let _ = ctx.codes.send(Ok(c));
            (
                axum::http::StatusCode::OK,
                "tokshop received the authorization. Go back to the terminal; you can close this page.\n".into(),
            )
        }
        None => {
            let why = q.get("error").cloned().unwrap_or_else(|| "no code came back".into());
            let _ = ctx.codes.send(Err(why.clone()));
            (axum::http::StatusCode::BAD_REQUEST, format!("The authorization did not complete: {why}\n"))
        }
    }
}
