//! The TikTok Shop Open API emulator: same paths, versions, signing, envelopes, error codes,
//! rate limits and webhooks as the real service, on one listener for the API host and the auth
//! host. It is a second implementation of the contract: it shares nothing with the client
//! (own verifier, own world model, JSON built from its own structs).

pub mod admin;
pub mod catalog;
pub mod clock;
pub mod commerce;
pub mod faults;
pub mod finance;
pub mod gateway;
pub mod lifecycle;
pub mod multipart;
pub mod reply;
pub mod returns;
pub mod routes;
pub mod seed;
pub mod state;
pub mod verify;
pub mod webhooks;
pub mod world;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use faults::Faults;
use seed::Seed;
use state::SandboxState;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio_util::sync::CancellationToken;
use world::{AppRecord, World};

#[derive(Clone, Debug)]
pub struct SandboxConfig {
    pub listen: SocketAddr,
    pub app_key: String,
    pub app_secret: String,
    pub service_id: String,
    pub redirect_url: Option<String>,
    pub webhook_url: Option<String>,
    pub seed: Seed,
    pub faults: Faults,
    /// Seed of the world's random ids, for reproducible worlds.
    pub rng_seed: u64,
    /// What the order generator makes and how often (`orders_per_minute` 0 = only on request).
    pub mix: commerce::OrderMix,
}

pub const DEFAULT_APP_KEY: &str = "6sandbox0tokshop";
pub const DEFAULT_APP_SECRET: &str = "sandbox-secret-not-for-production";
pub const DEFAULT_SERVICE_ID: &str = "7310000000000000001";

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            app_key: DEFAULT_APP_KEY.into(),
            app_secret: DEFAULT_APP_SECRET.into(),
            service_id: DEFAULT_SERVICE_ID.into(),
            redirect_url: None,
            webhook_url: None,
            seed: Seed::Demo,
            faults: Faults::default(),
            rng_seed: 42,
            mix: commerce::OrderMix::default(),
        }
    }
}

/// A running sandbox. Dropping it does not stop it; call [`SandboxHandle::shutdown`].
pub struct SandboxHandle {
    pub addr: SocketAddr,
    pub state: Arc<SandboxState>,
    cancel: CancellationToken,
}

impl SandboxHandle {
    /// `http://127.0.0.1:PORT`: the API base, the auth base and the admin base at once.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn authorize_url(&self) -> String {
        format!("{}/open/authorize", self.base_url())
    }

    pub fn issue_code(&self, seller: Option<&str>) -> Result<String, String> {
        let v = admin::issue_code_for(&self.state, seller)?;
        Ok(v["code"].as_str().unwrap_or_default().to_string())
    }

    pub fn advance_clock(&self, secs: i64) -> i64 {
        let now = self.state.clock.advance(secs);
        lifecycle::tick(&self.state);
        now
    }

    pub fn set_faults(&self, f: Faults) {
        self.state.lock().faults = f;
    }

    pub fn set_webhook_url(&self, url: Option<String>) {
        self.state.lock().app.webhook_url = url;
    }

    pub fn set_redirect_url(&self, url: Option<String>) {
        self.state.lock().app.redirect_url = url;
    }

    pub fn revoke(&self, seller: &str, shop: Option<&str>) -> Result<Vec<String>, String> {
        admin::revoke_for(&self.state, seller, shop)
    }

    pub fn set_authorization_end(&self, seller: &str, at: i64) -> Result<(), String> {
        admin::set_authorization_end(&self.state, seller, at)?;
        lifecycle::tick(&self.state);
        Ok(())
    }

    pub fn deliveries(&self) -> Vec<webhooks::Delivery> {
        self.state.deliveries().items.clone()
    }

    /// Seller names with their shop ids, in the world's order.
    pub fn sellers(&self) -> Vec<(String, String, Vec<String>)> {
        let w = self.state.lock();
        w.seller_order
            .iter()
            .filter_map(|id| w.sellers.get(id))
            .map(|s| (s.open_id.clone(), s.name.clone(), s.shop_ids.clone()))
            .collect()
    }

    pub fn now(&self) -> i64 {
        self.state.clock.now()
    }

    /// Make `count` orders for a shop now (as if buyers just bought). Returns their ids.
    pub fn generate_orders(&self, shop_id: &str, count: usize) -> Vec<String> {
        let now = self.now();
        let mut w = self.state.lock();
        let mut out = Vec::new();
        for _ in 0..count {
            out.extend(commerce::generator::generate(&mut w, shop_id, now));
        }
        drop(w);
        self.state.flush_outgoing();
        out
    }

    /// A backdated history of `count` orders over the last `days` days, shipped and completed
    /// as their age says (no webhooks: nobody was listening then).
    pub fn generate_history(&self, shop_id: &str, count: usize, days: i64) {
        let now = self.now();
        let mut w = self.state.lock();
        commerce::generator::history(&mut w, shop_id, now, count, days);
    }

    /// Make these listing prerequisite checks fail for a shop (empty: all pass).
    pub fn set_failing_prerequisites(&self, shop_id: &str, items: &[&str]) {
        self.state
            .lock()
            .catalog
            .failing_prerequisites
            .insert(shop_id.into(), items.iter().map(|s| s.to_string()).collect());
    }

    /// Sandbox seconds from a product's submission to its audit result.
    pub fn set_audit_secs(&self, secs: i64) {
        self.state.lock().catalog.audit_secs = secs;
    }

    /// A product of a shop as Get Product shows it.
    pub fn product_json(&self, shop_id: &str, product_id: &str) -> Option<serde_json::Value> {
        let w = self.state.lock();
        let p = w.catalog.shops.get(shop_id)?.products.get(product_id)?;
        Some(catalog::product_json::product(p, &routes::products_write::view(&w, shop_id, &p.category_version)))
    }

    /// A live product made "in Seller Center" (not through the API): its id.
    pub fn seller_center_product(
        &self,
        shop_id: &str,
        title: &str,
        category_name: &str,
        skus: &[(&str, &str)],
    ) -> Option<String> {
        let now = self.now();
        let mut w = self.state.lock();
        catalog::seed::seller_center_product(&mut w, shop_id, title, category_name, skus, now)
    }

    /// Every product of a shop: (id, status, audit, seller SKUs).
    pub fn products(&self, shop_id: &str) -> Vec<(String, String, String, Vec<String>)> {
        let w = self.state.lock();
        w.catalog
            .shops
            .get(shop_id)
            .map(|s| {
                s.products
                    .values()
                    .map(|p| {
                        (
                            p.id.clone(),
                            p.status.to_string(),
                            p.audit.to_string(),
                            p.skus.iter().map(|k| k.seller_sku.clone()).collect(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Calls the rate limiter saw since the last reset, and when it answered 429.
    pub fn call_log(&self) -> faults::CallLog {
        self.state.buckets.lock().map(|b| b.log()).unwrap_or_default()
    }

    pub fn reset_call_log(&self) {
        if let Ok(mut b) = self.state.buckets.lock() {
            b.reset_log();
        }
    }

    pub fn set_mix(&self, mix: commerce::OrderMix) {
        self.state.lock().mix = mix;
    }

    /// The buyer of an order asks to cancel it (as from the TikTok app).
    pub fn buyer_cancel_request(&self, shop_id: &str, order_id: &str) -> Option<String> {
        let now = self.now();
        let id = commerce::cancel_ops::buyer_request(&mut self.state.lock(), shop_id, order_id, now);
        self.state.flush_outgoing();
        id
    }

    /// The seller splits an order in Seller Center (first line, then the rest).
    pub fn seller_center_split(&self, shop_id: &str, order_id: &str) -> Result<Vec<String>, String> {
        let now = self.now();
        let mut w = self.state.lock();
        let lines = w
            .commerce
            .get(shop_id)
            .ok_or("no such shop")?
            .orders
            .get(order_id)
            .ok_or("no such order")?
            .lines
            .iter()
            .map(|l| l.id.clone())
            .collect::<Vec<_>>();
        let (a, b) = lines.split_at(1);
        let r = commerce::ops::split(
            &mut w,
            shop_id,
            order_id,
            vec![("1".into(), a.to_vec()), ("2".into(), b.to_vec())],
            "ROLE_SELLER",
            now,
        )
        .map(|v| v.into_iter().map(|(_, p)| p).collect())
        .map_err(|e| e.message);
        drop(w);
        self.state.flush_outgoing();
        r
    }

    /// The seller combines orders in Seller Center.
    pub fn seller_center_combine(&self, shop_id: &str, orders: &[String]) -> Result<String, String> {
        let now = self.now();
        let mut w = self.state.lock();
        let c = w.commerce.get(shop_id).ok_or("no such shop")?;
        let (pre, _) = commerce::ops::combinable(c)
            .into_iter()
            .find(|(_, m)| orders.iter().all(|o| m.contains(o)))
            .ok_or("those orders cannot be combined")?;
        let (done, errors) =
            commerce::ops::combine(&mut w, shop_id, vec![(pre, Some(orders.to_vec()))], "ROLE_SELLER", now)
                .map_err(|e| e.message)?;
        drop(w);
        self.state.flush_outgoing();
        done.first().map(|(p, _)| p.clone()).ok_or_else(|| errors.first().map(|e| e.1.clone()).unwrap_or_default())
    }

    /// Run the order lifecycle up to the sandbox's now (tests call this after moving the clock).
    pub fn tick(&self) {
        lifecycle::tick(&self.state);
    }

    /// The sandbox's own view of an order, as its API would return it.
    pub fn order_json(&self, shop_id: &str, order_id: &str) -> Option<serde_json::Value> {
        let w = self.state.lock();
        let c = w.commerce.get(shop_id)?;
        c.orders.get(order_id).map(|o| commerce::json::order(c, o, commerce::json::OrderPage::Detail))
    }

    /// Every order id of a shop.
    pub fn order_ids(&self, shop_id: &str) -> Vec<String> {
        self.state.lock().commerce.get(shop_id).map(|c| c.orders.keys().cloned().collect()).unwrap_or_default()
    }

    /// The buyer of a delivered order opens a request (`refund`, `return` or `replacement`).
    pub fn open_return(&self, shop_id: &str, order_id: &str, kind: &str, note: Option<&str>) -> Option<String> {
        use returns::lifecycle::Ask;
        let ask = match kind {
            "refund" => Ask::Refund,
            "return" => Ask::ReturnAndRefund,
            _ => Ask::Replacement,
        };
        let now = self.now();
        let id = returns::lifecycle::open(&mut self.state.lock(), shop_id, order_id, ask, now, note);
        self.state.flush_outgoing();
        id
    }

    /// A return as Search Returns shows it.
    pub fn return_json(&self, shop_id: &str, return_id: &str) -> Option<serde_json::Value> {
        let w = self.state.lock();
        w.returns.get(shop_id, return_id).map(|r| returns::json::return_order(&w, r))
    }

    /// A return's records as Get Return Records shows them.
    pub fn return_records_json(&self, shop_id: &str, return_id: &str) -> Option<serde_json::Value> {
        let w = self.state.lock();
        w.returns.get(shop_id, return_id).map(|r| returns::json::records(&w, r))
    }

    /// Every return id of a shop, and delivered orders with none yet.
    pub fn return_ids(&self, shop_id: &str) -> Vec<String> {
        self.state.lock().returns.by_shop.get(shop_id).map(|m| m.keys().cloned().collect()).unwrap_or_default()
    }

    /// Buyers open up to `n` requests on delivered orders, spread over the last `days` days
    /// (for benchmarks); returns how many were opened.
    pub fn open_returns(&self, shop_id: &str, n: usize, days: i64) -> usize {
        use returns::lifecycle::Ask;
        let now = self.now();
        let mut w = self.state.lock();
        let orders = returns::seed::returnable(&w, shop_id);
        let mut made = 0;
        for (i, o) in orders.iter().take(n).enumerate() {
            let ask = [Ask::Refund, Ask::ReturnAndRefund, Ask::Replacement][i % 3];
            let age = (i as i64 * 7919) % (days.max(1) * 86_400);
            if returns::lifecycle::open(&mut w, shop_id, o, ask, now - age, None).is_some() {
                made += 1;
            }
        }
        w.outgoing.clear();
        made
    }

    pub fn returnable_orders(&self, shop_id: &str) -> Vec<String> {
        returns::seed::returnable(&self.state.lock(), shop_id)
    }

    pub fn shutdown(&self) {
        self.cancel.cancel();
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("cannot listen on {addr}: {message}")]
    Bind { addr: SocketAddr, message: String },
    #[error("{0}")]
    Config(String),
}

/// Start the sandbox on `cfg.listen` (port 0 picks a free port) with its background tasks.
pub async fn start(cfg: SandboxConfig) -> Result<SandboxHandle, SandboxError> {
    cfg.faults.validate().map_err(SandboxError::Config)?;
    let app = AppRecord {
        app_key: cfg.app_key.clone(),
        app_secret: cfg.app_secret.clone(),
        service_id: cfg.service_id.clone(),
        redirect_url: cfg.redirect_url.clone(),
        webhook_url: cfg.webhook_url.clone(),
    };
    cfg.mix.validate().map_err(SandboxError::Config)?;
    let mut world = World::new(app, cfg.rng_seed);
    world.faults = cfg.faults.clone();
    seed::apply(&mut world, cfg.seed, clock::SandboxClock::wall());
    world.mix = cfg.mix.clone();
    let state = Arc::new(SandboxState {
        world: Mutex::new(world),
        clock: clock::SandboxClock::default(),
        buckets: Mutex::new(faults::Buckets::default()),
        routes: routes::all(),
        deliveries: Mutex::new(webhooks::Deliveries::default()),
    });
    let listener = tokio::net::TcpListener::bind(cfg.listen)
        .await
        .map_err(|e| SandboxError::Bind { addr: cfg.listen, message: e.to_string() })?;
    let addr = listener.local_addr().map_err(|e| SandboxError::Bind { addr: cfg.listen, message: e.to_string() })?;
    state.lock().base_url = format!("http://{addr}");
    let mut router = Router::new().route("/open/authorize", get(authorize));
    for t in routes::auth::token_routes() {
        let handler = t.handler;
        router = router.route(
            t.path,
            any(move |State(s): State<Arc<SandboxState>>, method: Method, uri: Uri| async move {
                token(&s, method, &uri, handler)
            }),
        );
    }
    let router = router.fallback(api).with_state(state.clone()).nest("/_sandbox", admin::router(state.clone()));
    let cancel = CancellationToken::new();
    let http = sender_client();
    let c = cancel.clone();
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).with_graceful_shutdown(c.cancelled_owned()).await;
    });
    for task in [tokio::spawn(webhooks::run_sender(state.clone(), http)), tokio::spawn(lifecycle::run(state.clone()))] {
        let c = cancel.clone();
        tokio::spawn(async move {
            c.cancelled().await;
            task.abort();
        });
    }
    Ok(SandboxHandle { addr, state, cancel })
}

fn sender_client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().build().unwrap_or_default()
}

fn respond(state: &SandboxState, reply: reply::Reply) -> Response {
    let rid = state.lock().request_id(state.clock.now());
    let status = StatusCode::from_u16(reply.http).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, [(header::CONTENT_TYPE, "application/json")], reply.body(&rid).to_string()).into_response()
}

async fn api(
    State(s): State<Arc<SandboxState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let reply = gateway::dispatch(&s, method, uri, headers, body).await;
    respond(&s, reply)
}

fn token(s: &SandboxState, method: Method, uri: &Uri, handler: fn(&SandboxState, &Uri) -> reply::Reply) -> Response {
    if method != Method::GET {
        return respond(s, reply::Reply::invalid_method());
    }
    respond(s, handler(s, uri))
}

async fn authorize(State(s): State<Arc<SandboxState>>, Query(q): Query<BTreeMap<String, String>>) -> Response {
    match routes::auth::consent(&s, &q) {
        routes::auth::Consent::Redirect(to) => (StatusCode::FOUND, [(header::LOCATION, to)]).into_response(),
        routes::auth::Consent::Page(code, text) => (
            StatusCode::from_u16(code).unwrap_or(StatusCode::OK),
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            text,
        )
            .into_response(),
    }
}
