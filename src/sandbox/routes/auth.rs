//! The auth host on the same listener: seller consent (`/open/authorize`) and the unsigned
//! token endpoints `/api/v2/token/get` and `/api/v2/token/refresh` (API README §3).

use crate::sandbox::reply::Reply;
use crate::sandbox::state::SandboxState;
use crate::sandbox::world::ACCESS_TOKEN_TTL;
use axum::http::Uri;
use serde_json::json;
use std::collections::BTreeMap;

/// Outcome of a consent: where to send the seller's browser, or a page to show.
pub enum Consent {
    Redirect(String),
    Page(u16, String),
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `GET /open/authorize?service_id=..&state=..[&seller=..|&shop_id=..][&deny=1]`: the seller (the
/// first one, or `seller` by open_id, shop id or name, or `shop_id`'s) consents at once; the code goes to the
/// configured redirect URL with the state.
pub fn consent(state: &SandboxState, q: &BTreeMap<String, String>) -> Consent {
    let now = state.clock.now();
    let mut w = state.lock();
    if q.get("service_id") != Some(&w.app.service_id) {
        return Consent::Page(
            400,
            format!(
                "Unknown service_id {:?}: this sandbox serves {}.\n",
                q.get("service_id").map(String::as_str).unwrap_or(""),
                w.app.service_id
            ),
        );
    }
    let st = q.get("state").cloned().unwrap_or_default();
    let redirect = w.app.redirect_url.clone();
    if q.get("deny").is_some_and(|v| v == "1") {
        return match redirect {
            Some(r) => Consent::Redirect(format!(
                "{r}{}code=null&error=auth_denied&state={}",
                if r.contains('?') { "&" } else { "?" },
                enc(&st)
            )),
            None => Consent::Page(403, "The seller denied the authorization.\n".into()),
        };
    }
    // Without `seller`, the first seller who has not authorized the app yet logs in (so a
    // demo's "connect" reaches a new seller), else the first seller.
    // A re-authorization link names its shop: that shop's seller logs in.
    let seller = match q.get("seller").or(q.get("shop_id")) {
        Some(s) => w.find_seller(s),
        None => w
            .seller_order
            .iter()
            .find(|id| w.authorizations.get(*id).is_none_or(|a| a.ended || a.shops.is_empty()))
            .cloned()
            .or_else(|| w.first_seller()),
    };
    let Some(open_id) = seller else {
        return Consent::Page(404, "No such seller in this sandbox.\n".into());
    };
    let code = w.issue_code(&open_id, now);
    match redirect {
        Some(r) => Consent::Redirect(format!(
            "{r}{}code={}&state={}",
            if r.contains('?') { "&" } else { "?" },
            enc(&code),
            enc(&st)
        )),
        None => Consent::Page(200, format!("Authorization granted. Auth code (single use, 30 minutes):\n{code}\n")),
    }
}

fn check_app(state: &SandboxState, q: &BTreeMap<String, String>) -> Result<(), Reply> {
    let app = state.app();
    if q.get("app_key") != Some(&app.app_key) {
        return Err(Reply::invalid_app_key());
    }
    if q.get("app_secret") != Some(&app.app_secret) {
        return Err(Reply::invalid_param("Invalid credentials. The `app_secret` query parameter is invalid."));
    }
    Ok(())
}

fn token_data(w: &crate::sandbox::world::World, open_id: &str, access: &str, access_exp: i64) -> serde_json::Value {
    let (refresh, refresh_exp, scopes) = w
        .authorizations
        .get(open_id)
        .map(|a| (a.refresh_token.clone(), a.expires_at, a.scopes.clone()))
        .unwrap_or_default();
    let seller = w.sellers.get(open_id);
    json!({
        "access_token": access,
        "access_token_expire_in": access_exp,
        "refresh_token": refresh,
        "refresh_token_expire_in": refresh_exp,
        "open_id": open_id,
        "seller_name": seller.map(|s| s.name.clone()).unwrap_or_default(),
        "seller_base_region": seller.map(|s| s.base_region.clone()).unwrap_or_default(),
        "user_type": 0,
        "granted_scopes": scopes,
    })
}

/// An unsigned JSON route of the auth host (no gateway: no signature, token or cipher).
pub struct TokenRoute {
    pub path: &'static str,
    pub handler: fn(&SandboxState, &Uri) -> Reply,
}

/// The auth host's token routes (GET only), from which the listener's router is built.
pub fn token_routes() -> Vec<TokenRoute> {
    vec![
        TokenRoute { path: "/api/v2/token/get", handler: token_get },
        TokenRoute { path: "/api/v2/token/refresh", handler: token_refresh },
    ]
}

/// `GET /api/v2/token/get`: exchange a single-use auth code.
pub fn token_get(state: &SandboxState, uri: &Uri) -> Reply {
    let q = crate::sandbox::gateway::parse_query(uri);
    if let Err(r) = check_app(state, &q) {
        return r;
    }
    if q.get("grant_type").map(String::as_str) != Some("authorized_code") {
        return Reply::invalid_param("Invalid grant_type. Only `authorized_code` is accepted.");
    }
    let now = state.clock.now();
    let mut w = state.lock();
    let code = q.get("auth_code").cloned().unwrap_or_default();
    let open_id = match w.codes.get_mut(&code) {
        None => {
            return Reply::err(400, 36004004, "Invalid auth code. The auth_code is not valid for this app.");
        }
        Some(c) if c.used => {
            return Reply::err(400, 36004004, "Invalid auth code. The auth_code has already been used.");
        }
        Some(c) if c.expires_at <= now => {
            return Reply::err(400, 36004004, "Invalid auth code. The auth_code has expired.");
        }
        Some(c) => {
            c.used = true;
            c.open_id.clone()
        }
    };
    let Some(access) = w.authorize(&open_id, now) else {
        return Reply::err(400, 36004004, "Invalid auth code. The seller no longer exists.");
    };
    let exp = w.access_tokens.get(&access).map(|t| t.expires_at).unwrap_or(now + ACCESS_TOKEN_TTL);
    Reply::ok(token_data(&w, &open_id, &access, exp))
}

/// `GET /api/v2/token/refresh`: rotate the refresh token and mint a new access token.
pub fn token_refresh(state: &SandboxState, uri: &Uri) -> Reply {
    let q = crate::sandbox::gateway::parse_query(uri);
    if let Err(r) = check_app(state, &q) {
        return r;
    }
    if q.get("grant_type").map(String::as_str) != Some("refresh_token") {
        return Reply::invalid_param("Invalid grant_type. Only `refresh_token` is accepted.");
    }
    let now = state.clock.now();
    let mut w = state.lock();
    let presented = q.get("refresh_token").cloned().unwrap_or_default();
    let Some(open_id) = w.authorizations.values().find(|a| a.refresh_token == presented).map(|a| a.open_id.clone())
    else {
        return Reply::invalid_param("Invalid credentials. The `refresh_token` is invalid or was already rotated.");
    };
    let (expires_at, ended) = w.authorizations.get(&open_id).map(|a| (a.expires_at, a.ended)).unwrap_or((0, true));
    if ended || expires_at <= now {
        return Reply::err(
            401,
            105002,
            "Expired credentials. The authorization has ended; the seller must re-authorize.",
        );
    }
    let new_refresh = w.token_text("TTP_", 40);
    if let Some(a) = w.authorizations.get_mut(&open_id) {
        a.refresh_token = new_refresh;
    }
    let access = w.mint_access_token(&open_id, now);
    let exp = (now + ACCESS_TOKEN_TTL).min(expires_at);
    if let Some(t) = w.access_tokens.get_mut(&access) {
        t.expires_at = exp;
    }
    Reply::ok(token_data(&w, &open_id, &access, exp))
}
