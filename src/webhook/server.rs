//! The receiver: `POST /webhooks/tiktok` (verify, commit, then acknowledge) and
//! `GET /oauth/callback` (the seller's browser lands here with the auth code after consenting).

use super::guard::{DoorCounts, GuardedListener, Limits};
use super::ingest::Ingestor;
use super::payload::parse_envelope;
use super::verify;
use crate::clock::SharedClock;
use crate::domain::Secret;
use crate::domain::notification::Verdict;
use crate::store::{IncomingWebhook, Store};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

pub const WEBHOOK_PATH: &str = "/webhooks/tiktok";
pub const CALLBACK_PATH: &str = "/oauth/callback";

/// What the receiver tells the sync layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiverEvent {
    /// A delivery was committed to the webhook inbox (or rejected and recorded).
    Stored(Verdict),
    /// The seller's browser came back with a code (or a denial) for a pending authorization.
    AuthCallback { state: String, code: Option<String>, error: Option<String> },
}

struct Ctx {
    app_key: String,
    app_secret: Secret,
    store: Store,
    ingestor: Ingestor,
    events: mpsc::UnboundedSender<ReceiverEvent>,
    clock: SharedClock,
    noise: Noise,
}

/// Rejected deliveries are logged at most once per [`NOISE_EVERY`] seconds, with how many
/// arrived since: a flood of unsigned requests is one line, not one line each.
#[derive(Default)]
struct Noise {
    state: std::sync::Mutex<(i64, u64)>,
}

const NOISE_EVERY: i64 = 10;

impl Noise {
    fn rejected(&self, now: i64, verdict: &Verdict) {
        let Ok(mut s) = self.state.lock() else { return };
        s.1 += 1;
        if now - s.0 >= NOISE_EVERY {
            tracing::warn!("webhook {} ({} rejected in the last {NOISE_EVERY} s or more)", verdict.label(), s.1);
            *s = (now, 0);
        }
    }
}

pub struct Receiver {
    pub addr: SocketAddr,
    /// Connections refused over the cap and closed idle.
    pub door: Arc<DoorCounts>,
    cancel: CancellationToken,
}

impl Receiver {
    pub fn callback_url(&self) -> String {
        format!("http://{}{CALLBACK_PATH}", self.addr)
    }
    pub fn webhook_url(&self) -> String {
        format!("http://{}{WEBHOOK_PATH}", self.addr)
    }
    pub fn shutdown(&self) {
        self.cancel.cancel();
    }
}

pub async fn start(
    listen: SocketAddr,
    app_key: String,
    app_secret: Secret,
    store: Store,
    events: mpsc::UnboundedSender<ReceiverEvent>,
    clock: SharedClock,
) -> Result<Receiver, String> {
    start_with(listen, app_key, app_secret, store, events, clock, Limits::default()).await
}

/// [`start`] with the door's limits given (tests and the bench use small ones).
pub async fn start_with(
    listen: SocketAddr,
    app_key: String,
    app_secret: Secret,
    store: Store,
    events: mpsc::UnboundedSender<ReceiverEvent>,
    clock: SharedClock,
    limits: Limits,
) -> Result<Receiver, String> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| format!("cannot listen for webhooks on {listen} ({e}); set webhook_listen to a free address"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let ingestor = Ingestor::start(store.clone());
    let ctx = Arc::new(Ctx { app_key, app_secret, store, ingestor, events, clock, noise: Noise::default() });
    let app = Router::new()
        .route(WEBHOOK_PATH, post(receive))
        .route(CALLBACK_PATH, get(callback))
        .route("/healthz", get(|| async { "ok" }))
        .layer(DefaultBodyLimit::max(1024 * 1024))
        .with_state(ctx);
    let cancel = CancellationToken::new();
    let c = cancel.clone();
    let door = Arc::new(DoorCounts::default());
    let listener = GuardedListener::new(listener, limits, door.clone());
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).with_graceful_shutdown(c.cancelled_owned()).await {
            tracing::error!("webhook receiver stopped: {e}");
        }
    });
    Ok(Receiver { addr, door, cancel })
}

async fn receive(State(ctx): State<Arc<Ctx>>, headers: HeaderMap, body: Bytes) -> Response {
    let now = ctx.clock.now();
    let sig = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    let mut w = IncomingWebhook {
        received_at: now,
        body: body.to_vec(),
        notification_id: None,
        type_code: None,
        shop_id: None,
        verdict: Verdict::Accepted,
    };
    let status = match verify::check(&ctx.app_key, ctx.app_secret.expose(), &body, sig) {
        Err(why) => {
            w.verdict = Verdict::BadSignature(why);
            StatusCode::UNAUTHORIZED
        }
        Ok(()) => match parse_envelope(&body) {
            Err(why) => {
                w.verdict = Verdict::Malformed(why);
                StatusCode::BAD_REQUEST
            }
            Ok(env) => {
                w.notification_id = env.notification_id;
                w.type_code = Some(env.type_code);
                w.shop_id = env.shop_id;
                StatusCode::OK
            }
        },
    };
    match ctx.ingestor.submit(w).await {
        Ok(verdict) => {
            if !matches!(verdict, Verdict::Accepted | Verdict::Duplicate) {
                ctx.noise.rejected(now, &verdict);
            }
            let _ = ctx.events.send(ReceiverEvent::Stored(verdict));
            status.into_response()
        }
        // Not durable: no acknowledgement, TikTok retries. The cause goes to the log, never to the sender.
        Err(e) => {
            tracing::error!("webhook not stored: {e}");
            page(StatusCode::SERVICE_UNAVAILABLE, "not stored; retry later\n".into())
        }
    }
}

fn page(status: StatusCode, text: String) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

async fn callback(State(ctx): State<Arc<Ctx>>, Query(q): Query<HashMap<String, String>>) -> Response {
    let state = q.get("state").cloned().unwrap_or_default();
    let now = ctx.clock.now();
    let pending = match ctx.store.get_pending_auth(&state) {
        Ok(Some(p)) if p.expires_at > now => p,
        Ok(_) => {
            return page(
                StatusCode::BAD_REQUEST,
                "This authorization link is unknown or has expired. Start again from tokshop.\n".into(),
            );
        }
        Err(e) => {
            tracing::error!("oauth callback: cannot read the store: {e}");
            return page(StatusCode::SERVICE_UNAVAILABLE, "tokshop cannot read its store; see its log.\n".into());
        }
    };
    let code = q.get("code").filter(|c| !c.is_empty() && c.as_str() != "null").cloned();
    let error = q.get("error").cloned();
    let text = match (&code, &error) {
        (Some(_), _) => {
            format!("tokshop received the authorization for store {:?}. You can close this page.\n", pending.store)
        }
        (None, Some(e)) => {
            format!("The authorization was not granted ({e}). You can close this page.\n")
        }
        (None, None) => {
            return page(StatusCode::BAD_REQUEST, "The callback carries no code.\n".into());
        }
    };
    let _ = ctx.events.send(ReceiverEvent::AuthCallback { state, code, error });
    page(StatusCode::OK, text)
}
