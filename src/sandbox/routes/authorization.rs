//! Authorization family: Get Authorized Shops (202309) and Deauthorize Shop (202403).

use crate::sandbox::gateway::{Call, CipherRule, Route};
use crate::sandbox::reply::Reply;
use crate::sandbox::world::World;
use axum::http::Method;
use serde_json::json;

pub fn routes() -> Vec<Route> {
    vec![
        Route {
            method: Method::GET,
            pattern: "/authorization/202309/shops",
            cipher: CipherRule::Forbidden,
            handler: authorized_shops,
        },
        Route {
            method: Method::DELETE,
            pattern: "/authorization/202403/shops",
            cipher: CipherRule::Required,
            handler: deauthorize_shop,
        },
    ]
}

fn authorized_shops(w: &mut World, c: &Call) -> Reply {
    let Some(auth) = w.authorizations.get(&c.open_id).filter(|a| !a.ended) else {
        return Reply::bad_token();
    };
    let shops: Vec<_> = auth
        .shops
        .iter()
        .filter_map(|id| w.shops.get(id))
        .map(|s| {
            json!({
                "id": s.id, "name": s.name, "region": s.region, "seller_type": s.seller_type, "cipher": s.cipher,
                "code": s.code,
            })
        })
        .collect();
    Reply::ok(json!({ "shops": shops }))
}

fn deauthorize_shop(w: &mut World, c: &Call) -> Reply {
    let shop_id = c.shop_id().to_string();
    if let Some(a) = w.authorizations.get_mut(&c.open_id) {
        a.shops.remove(&shop_id);
        a.reminded_day.remove(&shop_id);
    }
    w.subscriptions.remove(&shop_id);
    Reply::empty()
}
