//! The sandbox's API gateway: what TikTok checks before any business logic, in the order it is
//! observed to check it (API README §8): path and version, method, app_key, sign presence,
//! timestamp window (against wall time), content type, signature, rate limit, access token,
//! shop_cipher rules; then injected faults; then the route's handler under the world lock.

use super::reply::Reply;
use super::state::SandboxState;
use super::verify;
use super::world::{ShopRecord, World};
use axum::body::Bytes;
use axum::http::{HeaderMap, Method, Uri};
use rand::RngExt;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CipherRule {
    /// Shop-scoped: `shop_cipher` must be present and belong to the token's seller.
    Required,
    /// App- or seller-level: `shop_cipher` must not be sent.
    Forbidden,
    /// Either: checked like `Required` when sent (Recommend Category).
    Optional,
}

pub type Handler = fn(&mut World, &Call) -> Reply;

pub struct Route {
    pub method: Method,
    /// `/family/YYYYMM/resource/{id}`: `{...}` segments capture path parameters.
    pub pattern: &'static str,
    pub cipher: CipherRule,
    pub handler: Handler,
}

/// A request that passed the gateway.
pub struct Call {
    pub now: i64,
    pub path_params: Vec<String>,
    pub query: BTreeMap<String, String>,
    pub body: Bytes,
    /// The seller whose access token made the call.
    pub open_id: String,
    /// The shop named by `shop_cipher`, on shop-scoped routes.
    pub shop: Option<ShopRecord>,
    /// The request's `Content-Type` (multipart uploads need its boundary).
    pub content_type: String,
}

impl Call {
    pub fn json(&self) -> Result<serde_json::Value, Reply> {
        if self.body.is_empty() {
            return Ok(serde_json::json!({}));
        }
        serde_json::from_slice(&self.body).map_err(|e| Reply::invalid_param(format!("Invalid request body: {e}")))
    }

    pub fn shop_id(&self) -> &str {
        self.shop.as_ref().map(|s| s.id.as_str()).unwrap_or("")
    }
}

fn match_pattern(pattern: &str, path: &str) -> Option<Vec<String>> {
    let mut params = Vec::new();
    let mut p = pattern.split('/');
    let mut q = path.split('/');
    loop {
        match (p.next(), q.next()) {
            (None, None) => return Some(params),
            (Some(a), Some(b)) if a.starts_with('{') && !b.is_empty() => params.push(b.to_string()),
            (Some(a), Some(b)) if a == b => {}
            _ => return None,
        }
    }
}

/// The path with its version segment blanked, to tell "bad version" from "no such path".
fn unversioned(path: &str) -> String {
    path.split('/')
        .enumerate()
        .map(|(i, s)| if i == 2 && s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()) { "*" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

pub fn parse_query(uri: &Uri) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(q) = uri.query() {
        for (k, v) in form_urlencoded_pairs(q) {
            // Like the official Go sample's `Get`: the first value of a repeated key counts.
            out.entry(k).or_insert(v);
        }
    }
    out
}

fn form_urlencoded_pairs(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Run a request through the gateway and its route. Returns the reply (and HTTP status).
pub async fn dispatch(state: &SandboxState, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Reply {
    let path = uri.path().to_string();
    let candidates: Vec<(&Route, Vec<String>)> =
        state.routes.iter().filter_map(|r| match_pattern(r.pattern, &path).map(|p| (r, p))).collect();
    if candidates.is_empty() {
        let bare = unversioned(&path);
        if state.routes.iter().any(|r| match_pattern(&unversioned(r.pattern), &bare).is_some()) {
            return Reply::invalid_version();
        }
        return Reply::invalid_path();
    }
    let Some((route, path_params)) = candidates.into_iter().find(|(r, _)| r.method == method) else {
        return Reply::invalid_method();
    };
    let query = parse_query(&uri);
    let app = state.app();
    if query.get("app_key") != Some(&app.app_key) {
        return Reply::invalid_app_key();
    }
    let Some(sign) = query.get("sign") else {
        return Reply::missing_sign();
    };
    let wall = super::clock::SandboxClock::wall();
    match query.get("timestamp").map(|t| t.parse::<i64>()) {
        Some(Ok(t)) if t < 0 => return Reply::bad_timestamp("must not be lesser than 0"),
        Some(Ok(t)) if t < wall - 300 => {
            return Reply::bad_timestamp("must not be earlier than 5 minutes before the current time");
        }
        Some(Ok(t)) if t > wall + 30 => {
            return Reply::bad_timestamp("must not exceed the current time by more than 30 seconds");
        }
        Some(Ok(_)) => {}
        _ => return Reply::bad_timestamp("must not be lesser than 0"),
    }
    let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
    let media = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let multipart = media == "multipart/form-data";
    if media != "application/json" && !multipart {
        return Reply::bad_content_type();
    }
    if !verify::verify(&app.app_secret, &path, &query, &body, multipart, sign) {
        return Reply::bad_sign();
    }
    let cipher = query.get("shop_cipher").cloned();
    let limit_key = format!("{}/{}", app.app_key, cipher.as_deref().unwrap_or("-"));
    let faults = state.faults();
    if !state.take_rate(&limit_key, faults.qps) {
        return Reply::rate_limited();
    }
    let now = state.clock.now();
    let token = headers.get("x-tts-access-token").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let open_id = {
        let w = state.lock();
        match w.access_tokens.get(&token) {
            None => return Reply::bad_token(),
            Some(t) if t.expires_at <= now => return Reply::expired_token(),
            Some(t) => t.open_id.clone(),
        }
    };
    let shop = match (route.cipher, cipher) {
        (CipherRule::Required, None) => return Reply::missing_cipher(),
        (CipherRule::Forbidden, Some(_)) => return Reply::unexpected_cipher(),
        (CipherRule::Forbidden, None) | (CipherRule::Optional, None) => None,
        (CipherRule::Required | CipherRule::Optional, Some(c)) => {
            let w = state.lock();
            match w.shop_by_cipher(&c) {
                Some(s) if s.seller_open_id == open_id && w.shop_authorized(&s.id, now) => Some(s.clone()),
                _ => return Reply::token_shop_mismatch(),
            }
        }
    };
    if faults.latency_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(faults.latency_ms)).await;
    }
    let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let reply = {
        let mut w = state.lock();
        if faults.error_rate > 0.0 && w.rng.random_bool(faults.error_rate) {
            return Reply::internal();
        }
        let call = Call { now, path_params, query, body, open_id, shop, content_type };
        (route.handler)(&mut w, &call)
    };
    state.flush_outgoing();
    if faults.reply_delay_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(faults.reply_delay_ms)).await;
    }
    reply
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert_eq!(match_pattern("/a/202309/b/{id}", "/a/202309/b/12"), Some(vec!["12".into()]));
        assert_eq!(match_pattern("/a/202309/b/{id}", "/a/202309/b/"), None);
        assert_eq!(match_pattern("/a/202309/b", "/a/202309/b/c"), None);
        assert_eq!(unversioned("/authorization/202311/shops"), "/authorization/*/shops");
    }

    #[test]
    fn query_decoding_keeps_first_and_decodes() {
        let uri: Uri = "/x?page_token=a%2Bb%2F%3D&k=1&k=2&e=".parse().expect("uri");
        let q = parse_query(&uri);
        assert_eq!(q.get("page_token").map(String::as_str), Some("a+b/="));
        assert_eq!(q.get("k").map(String::as_str), Some("1"));
        assert_eq!(q.get("e").map(String::as_str), Some(""));
    }
}
