//! Logistics family: warehouses, their delivery options, and the shipping providers of a
//! seller-shipped delivery option.

use crate::sandbox::commerce::model::SbAddress;
use crate::sandbox::gateway::{Call, CipherRule, Route};
use crate::sandbox::reply::Reply;
use crate::sandbox::world::World;
use axum::http::Method;
use serde_json::{Value, json};

pub fn routes() -> Vec<Route> {
    vec![
        Route {
            method: Method::GET,
            pattern: "/logistics/202309/warehouses",
            cipher: CipherRule::Required,
            handler: warehouses,
        },
        Route {
            method: Method::GET,
            pattern: "/logistics/202309/warehouses/{warehouse_id}/delivery_options",
            cipher: CipherRule::Required,
            handler: delivery_options,
        },
        Route {
            method: Method::GET,
            pattern: "/logistics/202309/delivery_options/{delivery_option_id}/shipping_providers",
            cipher: CipherRule::Required,
            handler: providers,
        },
    ]
}

fn address(a: &SbAddress) -> Value {
    json!({
        "region": if a.region_code == "GB" { "United Kingdom" } else { "United States" },
        "region_code": a.region_code,
        "state": a.state,
        "city": a.city,
        "contact_person": a.name,
        "postal_code": a.postal_code,
        "full_address": a.full(),
        "phone_number": a.phone_masked,
        "address_line1": a.line1,
    })
}

fn warehouses(w: &mut World, c: &Call) -> Reply {
    let list: Vec<Value> = w
        .commerce
        .get(c.shop_id())
        .map(|sc| {
            sc.warehouses
                .iter()
                .map(|x| json!({"id": x.id, "entity_id": format!("7{}", &x.id[1..]), "name": x.name, "effect_status": "ENABLED", "type": x.kind, "sub_type": "DOMESTIC_WAREHOUSE", "is_default": x.is_default, "address": address(&x.address)}))
                .collect()
        })
        .unwrap_or_default();
    Reply::ok(json!({ "warehouses": list }))
}

fn delivery_options(w: &mut World, c: &Call) -> Reply {
    let wid = c.path_params.first().cloned().unwrap_or_default();
    let Some(sc) = w.commerce.get(c.shop_id()).filter(|sc| sc.warehouses.iter().any(|x| x.id == wid)) else {
        return Reply::err(200, 21001001, "Invalid parameters. The warehouse does not belong to this shop.");
    };
    let list: Vec<Value> = sc
        .delivery_options
        .iter()
        .map(|d| {
            json!({
                "id": d.id, "name": d.name, "type": d.kind, "description": d.name,
                "dimension_limit": {"max_height": 100, "max_length": 100, "max_width": 100, "unit": "CM"},
                "weight_limit": {"max_weight": 30000, "min_weight": 1, "unit": "GRAM"},
                "platform": ["TIKTOK_SHOP"],
            })
        })
        .collect();
    Reply::ok(json!({ "delivery_options": list }))
}

fn providers(w: &mut World, c: &Call) -> Reply {
    let id = c.path_params.first().cloned().unwrap_or_default();
    let Some(d) = w.commerce.get(c.shop_id()).and_then(|sc| sc.delivery_options.iter().find(|d| d.id == id)) else {
        return Reply::err(200, 21008116, "No Subscription without specified delivery option.");
    };
    if d.kind != "SEND_BY_SELLER" {
        return Reply::err(
            200,
            21008117,
            "The delivery of the specified delivery_option_id is fulfilled by TikTok. No shipping providers are available.",
        );
    }
    let list: Vec<Value> = d.providers.iter().map(|(id, name)| json!({"id": id, "name": name})).collect();
    Reply::ok(json!({ "shipping_providers": list }))
}
