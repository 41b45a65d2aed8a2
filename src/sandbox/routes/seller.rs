//! Seller family: Get Active Shops and Get Seller Permissions (202309, no shop_cipher).

use crate::sandbox::gateway::{Call, CipherRule, Route};
use crate::sandbox::reply::Reply;
use crate::sandbox::world::World;
use axum::http::Method;
use serde_json::json;

pub fn routes() -> Vec<Route> {
    vec![
        Route {
            method: Method::GET,
            pattern: "/seller/202309/shops",
            cipher: CipherRule::Forbidden,
            handler: active_shops,
        },
        Route {
            method: Method::GET,
            pattern: "/seller/202309/permissions",
            cipher: CipherRule::Forbidden,
            handler: permissions,
        },
    ]
}

fn active_shops(w: &mut World, c: &Call) -> Reply {
    let shops: Vec<_> = w
        .sellers
        .get(&c.open_id)
        .map(|s| {
            s.shop_ids
                .iter()
                .filter_map(|id| w.shops.get(id))
                .map(|s| json!({"id": s.id, "region": s.region}))
                .collect()
        })
        .unwrap_or_default();
    Reply::ok(json!({ "shops": shops }))
}

fn permissions(w: &mut World, c: &Call) -> Reply {
    let cross_border = w
        .sellers
        .get(&c.open_id)
        .is_some_and(|s| s.shop_ids.iter().filter_map(|id| w.shops.get(id)).any(|s| s.seller_type == "CROSS_BORDER"));
    let perms: Vec<&str> = if cross_border { vec!["MANAGE_GLOBAL_PRODUCT"] } else { vec![] };
    Reply::ok(json!({ "permissions": perms }))
}
