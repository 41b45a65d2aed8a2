//! Control of the live catalogue from tests and scripts, outside TikTok's API: a Seller Center
//! edit of a SKU's stock or price, a promotion locking a product's price, a sale on TikTok, and
//! the counters of Update Inventory / Update Price calls that changed something.
//!
//! `POST /_sandbox/catalog/seller_center_edit` `{"shop_id", "seller_sku", "quantity"?, "price"?}`,
//! `PUT /_sandbox/catalog/promotions` `{"product_id", "locked"}`,
//! `POST /_sandbox/catalog/sell` `{"shop_id", "seller_sku", "units"}`, `GET /_sandbox/catalog/live`.

use super::live;
use crate::sandbox::SandboxHandle;
use crate::sandbox::state::SandboxState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;

type S = State<Arc<SandboxState>>;
type R = Result<Json<Value>, (StatusCode, Json<Value>)>;

fn not_found(msg: String) -> (StatusCode, Json<Value>) {
    (StatusCode::NOT_FOUND, Json(json!({"error": msg})))
}

pub fn router() -> Router<Arc<SandboxState>> {
    Router::new()
        .route("/catalog/seller_center_edit", post(edit))
        .route("/catalog/promotions", put(promotion))
        .route("/catalog/sell", post(sell))
        .route("/catalog/live", get(counters))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    shop_id: String,
    seller_sku: String,
    quantity: Option<i64>,
    price: Option<String>,
}

async fn edit(State(s): S, Json(e): Json<Edit>) -> R {
    let now = s.clock.now();
    let mut w = s.lock();
    live::seller_center_edit(&mut w, &e.shop_id, &e.seller_sku, e.quantity, e.price.as_deref(), now)
        .map(|id| Json(json!({"product_id": id})))
        .ok_or_else(|| not_found(format!("no SKU {:?} on shop {}", e.seller_sku, e.shop_id)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Promotion {
    product_id: String,
    locked: bool,
}

async fn promotion(State(s): S, Json(p): Json<Promotion>) -> R {
    let mut w = s.lock();
    if p.locked {
        w.catalog.live.promotions.insert(p.product_id);
    } else {
        w.catalog.live.promotions.remove(&p.product_id);
    }
    Ok(Json(json!({"locked": w.catalog.live.promotions.iter().collect::<Vec<_>>()})))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sell {
    shop_id: String,
    seller_sku: String,
    units: i64,
}

async fn sell(State(s): S, Json(b): Json<Sell>) -> R {
    let mut w = s.lock();
    live::sell(&mut w, &b.shop_id, &b.seller_sku, b.units)
        .map(|left| Json(json!({"available": left})))
        .ok_or_else(|| not_found(format!("no SKU {:?} on shop {}", b.seller_sku, b.shop_id)))
}

async fn counters(State(s): S) -> R {
    let w = s.lock();
    let l = &w.catalog.live;
    Ok(Json(json!({
        "inventory_updates": l.inventory_updates, "price_updates": l.price_updates,
        "inventory_calls": l.inventory_calls,
    })))
}

/// The same controls for tests in this process.
impl SandboxHandle {
    pub fn seller_center_edit(&self, shop: &str, seller_sku: &str, quantity: Option<i64>, price: Option<&str>) {
        let now = self.now();
        live::seller_center_edit(&mut self.state.lock(), shop, seller_sku, quantity, price, now);
    }

    pub fn lock_price(&self, product_id: &str, locked: bool) {
        let mut w = self.state.lock();
        if locked {
            w.catalog.live.promotions.insert(product_id.into());
        } else {
            w.catalog.live.promotions.remove(product_id);
        }
    }

    pub fn sell(&self, shop: &str, seller_sku: &str, units: i64) -> Option<i64> {
        live::sell(&mut self.state.lock(), shop, seller_sku, units)
    }

    /// (Update Inventory, Update Price) calls that changed something.
    pub fn push_counters(&self) -> (u64, u64) {
        let w = self.state.lock();
        (w.catalog.live.inventory_updates, w.catalog.live.price_updates)
    }

    /// Update Inventory calls that reached a product, whether they changed anything or not.
    pub fn inventory_calls(&self) -> u64 {
        self.state.lock().catalog.live.inventory_calls
    }

    /// A SKU's (available quantity over its warehouses, price) by seller SKU.
    pub fn sku_state(&self, shop: &str, seller_sku: &str) -> Option<(i64, String)> {
        let w = self.state.lock();
        let k = w
            .catalog
            .shops
            .get(shop)?
            .products
            .values()
            .flat_map(|p| p.skus.iter())
            .find(|k| k.seller_sku == seller_sku)?;
        Some((k.inventory.iter().map(|(_, q)| q).sum(), k.price.clone()))
    }
}
