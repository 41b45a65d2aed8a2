//! The signed HTTP client: builds, signs and sends a request, decodes TikTok's envelope,
//! classifies failures, backs off and retries, refreshes an expired token once, and keeps every
//! shop within its rate limit. It knows nothing of the store: tokens come from a [`TokenSource`].

use super::envelope::decode_envelope;
use super::error::{ApiError, ErrorClass};
use super::limiter::{Lane, Limiters};
use super::retry::RetryPolicy;
use super::sign::sign;
use crate::clock::SharedClock;
use crate::domain::Secret;
use futures::future::BoxFuture;
use serde::de::DeserializeOwned;
use std::sync::{Arc, Once};
use std::time::{Duration, Instant};

pub use reqwest::Method;

/// Everything that differs between production and the sandbox is in here: the base URLs.
#[derive(Clone, Debug)]
pub struct ApiConfig {
    pub app_key: String,
    pub app_secret: Secret,
    pub api_base_url: String,
    pub auth_base_url: String,
    /// Permits per second per shop; 0 turns client-side rate limiting off.
    pub qps_per_shop: u32,
    pub retry: RetryPolicy,
    pub timeout: Duration,
}

impl ApiConfig {
    pub fn new(app_key: &str, app_secret: Secret, api_base_url: &str, auth_base_url: &str) -> ApiConfig {
        ApiConfig {
            app_key: app_key.to_string(),
            app_secret,
            api_base_url: api_base_url.trim_end_matches('/').to_string(),
            auth_base_url: auth_base_url.trim_end_matches('/').to_string(),
            qps_per_shop: 50,
            retry: RetryPolicy::default(),
            timeout: Duration::from_secs(30),
        }
    }
}

/// Where the client gets and renews access tokens (the sync layer keeps them in the store).
pub trait TokenSource: Send + Sync {
    fn access_token<'a>(&'a self, shop_id: &'a str) -> BoxFuture<'a, Result<Secret, ApiError>>;
    /// Refresh the shop's grant after TikTok rejected `rejected` with 105002, and return the
    /// new access token (or a newer one someone else already got).
    fn refresh<'a>(&'a self, shop_id: &'a str, rejected: &'a Secret) -> BoxFuture<'a, Result<Secret, ApiError>>;
}

/// How a request authenticates.
#[derive(Clone, Debug)]
pub enum Auth {
    /// Token endpoints on the auth host: not signed, no token header.
    Unsigned,
    /// Signed, with an explicit token (Get Authorized Shops right after the token exchange).
    Token(Secret),
    /// Signed, with the shop's token from the [`TokenSource`]; `cipher` is sent as `shop_cipher`
    /// on shop-scoped endpoints and left out on cipher-less ones (API README §1.6).
    Shop { shop_id: String, cipher: Option<String> },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Host {
    Api,
    Auth,
}

/// A shop to call: its id (for tokens and the rate limiter) and its `shop_cipher`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShopRef {
    pub id: String,
    pub cipher: String,
}

impl ShopRef {
    pub fn auth(&self) -> Auth {
        Auth::Shop { shop_id: self.id.clone(), cipher: Some(self.cipher.clone()) }
    }
}

/// One call to make. Bodies are serialized once: the bytes signed are the bytes sent.
#[derive(Clone, Debug)]
pub struct ApiRequest {
    pub method: Method,
    pub host: Host,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    /// `application/json`, or `multipart/form-data; boundary=…` for uploads.
    pub content_type: String,
    pub auth: Auth,
    pub lane: Lane,
}

impl ApiRequest {
    pub fn new(method: Method, path: impl Into<String>, auth: Auth) -> ApiRequest {
        ApiRequest {
            method,
            host: Host::Api,
            path: path.into(),
            query: Vec::new(),
            body: None,
            content_type: "application/json".into(),
            auth,
            lane: Lane::Fulfillment,
        }
    }

    /// Add a query parameter; empty values are left out (never signed, never sent).
    pub fn query(mut self, key: &str, value: impl ToString) -> ApiRequest {
        let v = value.to_string();
        if !v.is_empty() {
            self.query.push((key.to_string(), v));
        }
        self
    }

    /// Array parameters go as one comma-joined value (API README §1.3).
    pub fn query_list(self, key: &str, values: &[String]) -> ApiRequest {
        let joined = values.join(",");
        self.query(key, joined)
    }

    pub fn json_body<B: serde::Serialize>(mut self, body: &B) -> ApiRequest {
        // Serializing plain DTOs cannot fail; fall back to an empty object rather than panic.
        self.body = Some(serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec()));
        self
    }

    /// A `multipart/form-data` body: text fields and one file in the `data` field (uploads).
    pub fn multipart(mut self, fields: &[(&str, &str)], filename: &str, file: &[u8]) -> ApiRequest {
        let seed = file.iter().take(64).fold(file.len() as u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(*b)));
        let boundary = format!("tokshop-{:016x}{:08x}", seed, std::process::id());
        let mut body = Vec::with_capacity(file.len() + 512);
        for (k, v) in fields {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
            );
        }
        let safe_name: String = filename.chars().filter(|c| *c != '"' && *c != '\r' && *c != '\n').collect();
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"data\"; \
                filename=\"{safe_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(file);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        self.body = Some(body);
        self.content_type = format!("multipart/form-data; boundary={boundary}");
        self
    }

    pub fn lane(mut self, lane: Lane) -> ApiRequest {
        self.lane = lane;
        self
    }

    pub fn endpoint(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    pub(crate) fn shop_id(&self) -> &str {
        match &self.auth {
            Auth::Shop { shop_id, .. } => shop_id,
            _ => "",
        }
    }
}

/// A decoded success: the `data` and the request id TikTok gave it.
#[derive(Clone, Debug)]
pub struct ApiResponse<T> {
    pub data: T,
    pub request_id: String,
}

struct Inner {
    http: reqwest::Client,
    cfg: ApiConfig,
    limiters: Limiters,
    clock: SharedClock,
    tokens: Option<Arc<dyn TokenSource>>,
}

#[derive(Clone)]
pub struct ApiClient {
    inner: Arc<Inner>,
}

static TLS_PROVIDER: Once = Once::new();

/// A reqwest client on rustls with the ring provider (no OpenSSL).
pub fn http_client(timeout: Duration) -> Result<reqwest::Client, ApiError> {
    TLS_PROVIDER.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(10))
        .user_agent(concat!("tokshop/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| ApiError::transport("client", format!("cannot build the HTTP client: {}", e.without_url()), None))
}

impl ApiClient {
    pub fn new(
        cfg: ApiConfig,
        clock: SharedClock,
        tokens: Option<Arc<dyn TokenSource>>,
    ) -> Result<ApiClient, ApiError> {
        let http = http_client(cfg.timeout)?;
        let limiters = Limiters::new(cfg.qps_per_shop);
        Ok(ApiClient { inner: Arc::new(Inner { http, cfg, limiters, clock, tokens }) })
    }

    pub fn config(&self) -> &ApiConfig {
        &self.inner.cfg
    }

    /// The HTTP client itself, for unsigned reads (a return's photos).
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    pub fn limiters(&self) -> &Limiters {
        &self.inner.limiters
    }

    /// Make the call, with retries, back-off and one token refresh on 105002.
    pub async fn call<T: DeserializeOwned>(&self, req: &ApiRequest) -> Result<ApiResponse<T>, ApiError> {
        // Built on the first retry only: the happy path pays nothing for it.
        let mut delays: Option<Box<dyn Iterator<Item = Duration> + Send>> = None;
        let mut refreshed = false;
        let mut token = self.token_for(req).await?;
        loop {
            let err = match self.attempt::<T>(req, token.as_ref()).await {
                Ok(r) => return Ok(r),
                Err(e) => e,
            };
            match err.class {
                ErrorClass::Reauthenticate if !refreshed => {
                    refreshed = true;
                    token = Some(self.refresh_for(req, token.as_ref(), &err).await?);
                }
                ErrorClass::Retryable => {
                    let delay = delays.get_or_insert_with(|| Box::new(self.inner.cfg.retry.delays())).next();
                    let Some(delay) = delay else { return Err(err) };
                    if err.is_rate_limited() {
                        self.inner.limiters.gate(req.shop_id()).back_off(delay);
                    }
                    tracing::warn!(
                        endpoint = %err.endpoint,
                        code = ?err.code,
                        "retrying after {delay:?}: {}",
                        err.message
                    );
                    tokio::time::sleep(delay).await;
                }
                _ => return Err(err),
            }
        }
    }

    async fn token_for(&self, req: &ApiRequest) -> Result<Option<Secret>, ApiError> {
        match &req.auth {
            Auth::Unsigned => Ok(None),
            Auth::Token(t) => Ok(Some(t.clone())),
            Auth::Shop { shop_id, .. } => match &self.inner.tokens {
                Some(src) => src.access_token(shop_id).await.map(Some),
                None => Err(ApiError::transport(&req.endpoint(), "no token source for shop-scoped calls", None)),
            },
        }
    }

    async fn refresh_for(
        &self,
        req: &ApiRequest,
        rejected: Option<&Secret>,
        original: &ApiError,
    ) -> Result<Secret, ApiError> {
        match (&req.auth, &self.inner.tokens, rejected) {
            (Auth::Shop { shop_id, .. }, Some(src), Some(t)) => src.refresh(shop_id, t).await,
            _ => Err(original.clone()),
        }
    }

    async fn attempt<T: DeserializeOwned>(
        &self,
        req: &ApiRequest,
        token: Option<&Secret>,
    ) -> Result<ApiResponse<T>, ApiError> {
        let cfg = &self.inner.cfg;
        let endpoint = req.endpoint();
        let base = match req.host {
            Host::Api => &cfg.api_base_url,
            Host::Auth => &cfg.auth_base_url,
        };
        let mut query = Vec::with_capacity(req.query.len() + 4);
        query.extend(req.query.iter().cloned());
        let body = req.body.clone().unwrap_or_default();
        let content_type = req.content_type.as_str();
        if !matches!(req.auth, Auth::Unsigned) {
            query.push(("app_key".into(), cfg.app_key.clone()));
            query.push(("timestamp".into(), self.inner.clock.now().to_string()));
            if let Auth::Shop { cipher: Some(c), .. } = &req.auth {
                query.push(("shop_cipher".into(), c.clone()));
            }
            let s = sign(cfg.app_secret.expose(), &req.path, &query, &body, content_type);
            query.push(("sign".into(), s));
        }
        let url = build_url(base, &req.path, &query);
        self.inner.limiters.gate(req.shop_id()).acquire(req.lane).await;
        let mut builder = self.inner.http.request(req.method.clone(), url).header("content-type", content_type);
        if let Some(t) = token {
            builder = builder.header("x-tts-access-token", t.expose());
        }
        if req.body.is_some() {
            builder = builder.body(body);
        }
        let started = Instant::now();
        let resp = builder.send().await.map_err(|e| transport_error(&endpoint, e))?;
        let status = resp.status().as_u16();
        let bytes = resp.bytes().await.map_err(|e| transport_error(&endpoint, e))?;
        let out = decode_envelope::<T>(&endpoint, status, &bytes);
        let elapsed_ms = started.elapsed().as_millis() as u64;
        tracing::debug!(endpoint = %endpoint, status, elapsed_ms, ok = out.is_ok(), "api call");
        out
    }
}

/// `base + path + ?k=v&...` with keys and values percent-encoded (RFC 3986 unreserved kept).
fn build_url(base: &str, path: &str, query: &[(String, String)]) -> String {
    fn push_encoded(out: &mut String, s: &str) {
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                out.push(b as char);
            } else {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
    let mut url = String::with_capacity(base.len() + path.len() + 160);
    url.push_str(base);
    url.push_str(path);
    for (i, (k, v)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        push_encoded(&mut url, k);
        url.push('=');
        push_encoded(&mut url, v);
    }
    url
}

fn transport_error(endpoint: &str, e: reqwest::Error) -> ApiError {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else {
        "transport error"
    };
    // `without_url`: token URLs carry app_secret in the query.
    ApiError::transport(endpoint, format!("{kind}: {}", e.without_url()), None)
}

#[cfg(test)]
mod tests {
    use super::build_url;

    #[test]
    fn urls_encode_tokens_and_lists() {
        let q = vec![("page_token".to_string(), "a+b/c=".to_string()), ("ids".to_string(), "1,2".to_string())];
        assert_eq!(build_url("http://h", "/p/202309/x", &q), "http://h/p/202309/x?page_token=a%2Bb%2Fc%3D&ids=1%2C2");
        assert_eq!(build_url("http://h", "/p", &[]), "http://h/p");
    }
}
