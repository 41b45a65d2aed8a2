//! Admin routes under `/_sandbox/` (unsigned, for tests, scripts and training): issue auth
//! codes without a browser, move the clock, set faults, make a seller revoke the app, shorten
//! an authorization, and read the webhook delivery log.

use super::faults::Faults;
use super::lifecycle;
use super::state::SandboxState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;

type S = State<Arc<SandboxState>>;
type R = Result<Json<Value>, (StatusCode, Json<Value>)>;

fn bad(status: StatusCode, msg: impl Into<String>) -> (StatusCode, Json<Value>) {
    (status, Json(json!({"error": msg.into()})))
}

pub fn router(state: Arc<SandboxState>) -> Router {
    Router::new()
        .route("/auth_codes", post(issue_code))
        .route("/clock", get(clock).post(advance))
        .route("/faults", get(get_faults).put(set_faults))
        .route("/sellers/{seller}/revoke", post(revoke))
        .route("/sellers/{seller}/authorization_end", post(authorization_end))
        .route("/webhooks", get(webhooks))
        .route("/world", get(world))
        .route("/config", put(set_config))
        .route("/docs/{file}", get(document))
        .route("/returns/images/{file}", get(super::routes::returns::image))
        .route("/returns/open", post(super::routes::returns::buyer_opens))
        .route("/orders/generate", post(generate))
        .route("/orders/mix", get(get_mix).put(set_mix))
        .route("/catalog", get(get_catalog).put(set_catalog))
        .merge(super::catalog::live_admin::router())
        .merge(super::catalog::optimize::router())
        .with_state(state)
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct CodeReq {
    seller: Option<String>,
}

pub fn issue_code_for(state: &SandboxState, seller: Option<&str>) -> Result<Value, String> {
    let now = state.clock.now();
    let mut w = state.lock();
    let open_id = match seller {
        Some(s) => w.find_seller(s).ok_or_else(|| format!("no seller {s:?} in this sandbox"))?,
        None => w.first_seller().ok_or("this sandbox has no sellers")?,
    };
    let code = w.issue_code(&open_id, now);
    Ok(json!({"code": code, "open_id": open_id, "expires_at": now + super::world::AUTH_CODE_TTL}))
}

async fn issue_code(State(s): S, body: Option<Json<CodeReq>>) -> R {
    let req = body.map(|b| b.0).unwrap_or_default();
    issue_code_for(&s, req.seller.as_deref()).map(Json).map_err(|e| bad(StatusCode::NOT_FOUND, e))
}

async fn clock(State(s): S) -> R {
    Ok(Json(json!({"now": s.clock.now(), "offset": s.clock.offset()})))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    advance_secs: i64,
}

async fn advance(State(s): S, Json(a): Json<Advance>) -> R {
    if a.advance_secs < 0 {
        return Err(bad(
            StatusCode::BAD_REQUEST,
            "advance_secs must not be negative: the sandbox clock only moves forward",
        ));
    }
    let now = s.clock.advance(a.advance_secs);
    lifecycle::tick(&s);
    Ok(Json(json!({"now": now})))
}

async fn get_faults(State(s): S) -> R {
    Ok(Json(serde_json::to_value(s.faults()).unwrap_or_default()))
}

async fn set_faults(State(s): S, Json(f): Json<Faults>) -> R {
    f.validate().map_err(|e| bad(StatusCode::BAD_REQUEST, e))?;
    s.lock().faults = f.clone();
    Ok(Json(serde_json::to_value(f).unwrap_or_default()))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Revoke {
    shop_id: Option<String>,
}

/// The seller removes the app in Seller Center: the shops are deauthorized (type 6 each).
pub fn revoke_for(state: &SandboxState, seller: &str, shop: Option<&str>) -> Result<Vec<String>, String> {
    let mut w = state.lock();
    let open_id = w.find_seller(seller).ok_or_else(|| format!("no seller {seller:?}"))?;
    let auth = w
        .authorizations
        .get(&open_id)
        .cloned()
        .ok_or_else(|| format!("seller {seller:?} has not authorized the app"))?;
    let shops: Vec<String> = auth.shops.iter().filter(|id| shop.is_none_or(|s| s == id.as_str())).cloned().collect();
    if shops.is_empty() {
        return Err("no such authorized shop".into());
    }
    for id in &shops {
        if let Some(a) = w.authorizations.get_mut(&open_id) {
            a.shops.remove(id);
        }
        w.emit(6, id, json!({"message": format!("Shop_id {id} is deauthorized from your APP by merchant.")}));
    }
    if w.authorizations.get(&open_id).is_some_and(|a| a.shops.is_empty()) {
        w.authorizations.remove(&open_id);
        w.access_tokens.retain(|_, t| t.open_id != open_id);
    }
    drop(w);
    state.flush_outgoing();
    Ok(shops)
}

async fn revoke(State(s): S, Path(seller): Path<String>, body: Option<Json<Revoke>>) -> R {
    let req = body.map(|b| b.0).unwrap_or_default();
    revoke_for(&s, &seller, req.shop_id.as_deref())
        .map(|v| Json(json!({"deauthorized": v})))
        .map_err(|e| bad(StatusCode::NOT_FOUND, e))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct End {
    at: i64,
}

pub fn set_authorization_end(state: &SandboxState, seller: &str, at: i64) -> Result<(), String> {
    let mut w = state.lock();
    let open_id = w.find_seller(seller).ok_or_else(|| format!("no seller {seller:?}"))?;
    let a =
        w.authorizations.get_mut(&open_id).ok_or_else(|| format!("seller {seller:?} has not authorized the app"))?;
    a.expires_at = at;
    Ok(())
}

async fn authorization_end(State(s): S, Path(seller): Path<String>, Json(e): Json<End>) -> R {
    set_authorization_end(&s, &seller, e.at).map_err(|m| bad(StatusCode::NOT_FOUND, m))?;
    lifecycle::tick(&s);
    Ok(Json(json!({"authorization_end": e.at})))
}

async fn webhooks(State(s): S) -> R {
    Ok(Json(serde_json::to_value(&s.deliveries().items).unwrap_or_default()))
}

async fn world(State(s): S) -> R {
    let w = s.lock();
    let sellers: Vec<Value> = w
        .seller_order
        .iter()
        .filter_map(|id| w.sellers.get(id))
        .map(|sel| {
            let auth = w.authorizations.get(&sel.open_id);
            json!({
                "open_id": sel.open_id,
                "name": sel.name,
                "base_region": sel.base_region,
                "authorization_end": auth.map(|a| a.expires_at),
                "shops": sel.shop_ids.iter().filter_map(|id| w.shops.get(id)).map(|sh| json!({
                    "id": sh.id, "name": sh.name, "region": sh.region, "seller_type": sh.seller_type,
                    "authorized": auth.is_some_and(|a| a.shops.contains(&sh.id)),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(Json(json!({"now": s.clock.now(), "service_id": w.app.service_id, "sellers": sellers})))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigReq {
    webhook_url: Option<String>,
    redirect_url: Option<String>,
}

async fn set_config(State(s): S, Json(c): Json<ConfigReq>) -> R {
    let mut w = s.lock();
    if let Some(u) = c.webhook_url {
        w.app.webhook_url = Some(u).filter(|u| !u.is_empty());
    }
    if let Some(u) = c.redirect_url {
        w.app.redirect_url = Some(u).filter(|u| !u.is_empty());
    }
    Ok(Json(json!({"webhook_url": w.app.webhook_url, "redirect_url": w.app.redirect_url})))
}

/// A shipping document behind `doc_url`: a PDF label built from the package (TikTok serves these
/// from its CDN; the sandbox serves them itself).
async fn document(State(s): S, Path(file): Path<String>) -> axum::response::Response {
    use axum::response::IntoResponse;
    let token = file.trim_end_matches(".pdf");
    let w = s.lock();
    let found = w.commerce.values().find_map(|c| {
        c.packages.values().find(|p| p.label_token.as_deref() == Some(token)).map(|p| {
            let order = p.order_ids.first().and_then(|o| c.orders.get(o));
            let mut lines = vec![format!("Package {}", p.id)];
            if let Some(o) = order {
                lines.push(format!("Ship to: {}", o.address.name));
                lines.push(o.address.line1.clone());
                lines.push(format!("{} {} {}", o.address.city, o.address.state, o.address.postal_code));
                lines.push(format!("Orders: {}", p.order_ids.join(", ")));
                lines.push(format!("Items: {}", p.line_ids.len()));
            }
            super::commerce::pdf::label(
                p.provider_name.as_deref().unwrap_or("TikTok Shipping"),
                &lines,
                p.tracking_number.as_deref().unwrap_or(""),
            )
        })
    });
    match found {
        Some(pdf) => ([(axum::http::header::CONTENT_TYPE, "application/pdf")], pdf).into_response(),
        None => (StatusCode::NOT_FOUND, "no such document").into_response(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Generate {
    shop_id: Option<String>,
    count: usize,
}

/// Make orders now: for one shop, or for every authorized shop.
async fn generate(State(s): S, Json(g): Json<Generate>) -> R {
    if g.count == 0 || g.count > 200_000 {
        return Err(bad(StatusCode::BAD_REQUEST, "count must be between 1 and 200000"));
    }
    let now = s.clock.now();
    let mut w = s.lock();
    let shops: Vec<String> = match g.shop_id {
        Some(id) if w.commerce.contains_key(&id) => vec![id],
        Some(id) => return Err(bad(StatusCode::NOT_FOUND, format!("no shop {id}"))),
        None => w.commerce.keys().filter(|id| w.shop_authorized(id, now)).cloned().collect(),
    };
    let mut ids = Vec::new();
    for shop in &shops {
        for _ in 0..g.count {
            ids.extend(super::commerce::generator::generate(&mut w, shop, now));
        }
    }
    drop(w);
    s.flush_outgoing();
    Ok(Json(json!({"order_ids": ids})))
}

async fn get_mix(State(s): S) -> R {
    Ok(Json(serde_json::to_value(s.lock().mix.clone()).unwrap_or_default()))
}

async fn set_mix(State(s): S, Json(m): Json<super::commerce::OrderMix>) -> R {
    m.validate().map_err(|e| bad(StatusCode::BAD_REQUEST, e))?;
    s.lock().mix = m.clone();
    Ok(Json(serde_json::to_value(m).unwrap_or_default()))
}

/// Catalogue settings: which listing prerequisites fail per shop, and how long audits take.
#[derive(serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogConfig {
    #[serde(default)]
    failing_prerequisites: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    audit_secs: Option<i64>,
}

async fn get_catalog(State(s): S) -> R {
    let w = s.lock();
    let c = CatalogConfig {
        failing_prerequisites: w.catalog.failing_prerequisites.clone(),
        audit_secs: Some(w.catalog.audit_secs),
    };
    Ok(Json(serde_json::to_value(c).unwrap_or_default()))
}

async fn set_catalog(State(s): S, Json(c): Json<CatalogConfig>) -> R {
    let known: Vec<&str> = super::catalog::PREREQUISITES.iter().map(|(k, _)| *k).collect();
    for (shop, items) in &c.failing_prerequisites {
        if let Some(bad_item) = items.iter().find(|i| !known.contains(&i.as_str())) {
            return Err(bad(
                StatusCode::BAD_REQUEST,
                format!("shop {shop}: unknown check item {bad_item:?} (known: {})", known.join(", ")),
            ));
        }
    }
    if c.audit_secs.is_some_and(|t| !(0..=86_400).contains(&t)) {
        return Err(bad(StatusCode::BAD_REQUEST, "audit_secs must be between 0 and 86400"));
    }
    let mut w = s.lock();
    for (shop, items) in c.failing_prerequisites {
        w.catalog.failing_prerequisites.insert(shop, items);
    }
    if let Some(t) = c.audit_secs {
        w.catalog.audit_secs = t;
    }
    let out = CatalogConfig {
        failing_prerequisites: w.catalog.failing_prerequisites.clone(),
        audit_secs: Some(w.catalog.audit_secs),
    };
    Ok(Json(serde_json::to_value(out).unwrap_or_default()))
}
