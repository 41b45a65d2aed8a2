//! Event family: per-shop webhook subscriptions (API README §4.4).

use crate::sandbox::gateway::{Call, CipherRule, Route};
use crate::sandbox::reply::Reply;
use crate::sandbox::world::{Subscription, World};
use axum::http::Method;
use serde_json::json;

pub const TOPICS: [&str; 17] = [
    "ORDER_STATUS_CHANGE",
    "RECIPIENT_ADDRESS_UPDATE",
    "PACKAGE_UPDATE",
    "PRODUCT_STATUS_CHANGE",
    "SELLER_DEAUTHORIZATION",
    "UPCOMING_AUTHORIZATION_EXPIRATION",
    "CANCELLATION_STATUS_CHANGE",
    "RETURN_STATUS_CHANGE",
    "NEW_CONVERSATION",
    "NEW_MESSAGE",
    "PRODUCT_INFORMATION_CHANGE",
    "PRODUCT_CREATION",
    "PRODUCT_CATEGORY_CHANGE",
    "NEW_MESSAGE_LISTENER",
    "INVOICE_STATUS_CHANGE",
    "PRODUCT_AUDIT_STATUS_CHANGE",
    "REVERSE_STATUS_UPDATE",
];

pub fn routes() -> Vec<Route> {
    vec![
        Route { method: Method::GET, pattern: "/event/202309/webhooks", cipher: CipherRule::Required, handler: list },
        Route { method: Method::PUT, pattern: "/event/202309/webhooks", cipher: CipherRule::Required, handler: update },
        Route {
            method: Method::DELETE,
            pattern: "/event/202309/webhooks",
            cipher: CipherRule::Required,
            handler: delete,
        },
    ]
}

fn list(w: &mut World, c: &Call) -> Reply {
    let subs: Vec<_> = w
        .subscriptions
        .get(c.shop_id())
        .map(|m| {
            m.iter()
                .map(|(t, s)| {
                    json!({
                        "event_type": t, "address": s.address, "create_time": s.create_time,
                        "update_time": s.update_time,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let n = subs.len();
    Reply::ok(json!({"webhooks": subs, "total_count": n}))
}

fn event_type(c: &Call) -> Result<(String, serde_json::Value), Reply> {
    let body = c.json()?;
    let t = body.get("event_type").and_then(|v| v.as_str()).unwrap_or("").to_string();
    if !TOPICS.contains(&t.as_str()) {
        return Err(Reply::invalid_param(format!("Invalid event_type {t:?}.")));
    }
    Ok((t, body))
}

fn update(w: &mut World, c: &Call) -> Reply {
    let (t, body) = match event_type(c) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let address = body.get("address").and_then(|v| v.as_str()).unwrap_or("").to_string();
    if address.is_empty() || address.len() > 255 {
        return Reply::invalid_param("Invalid address: it must be 1-255 characters.");
    }
    let subs = w.subscriptions.entry(c.shop_id().to_string()).or_default();
    let create_time = subs.get(&t).map(|s| s.create_time).unwrap_or(c.now);
    subs.insert(t, Subscription { address, create_time, update_time: c.now });
    Reply::empty()
}

fn delete(w: &mut World, c: &Call) -> Reply {
    let (t, _) = match event_type(c) {
        Ok(x) => x,
        Err(r) => return r,
    };
    if let Some(m) = w.subscriptions.get_mut(c.shop_id()) {
        m.remove(&t);
    }
    Reply::empty()
}
