//! Logistics family: warehouses, their delivery options, the shipping providers of a
//! seller-shipped delivery option, and Get Global Seller Warehouses (no shop_cipher).

use crate::sandbox::commerce::model::SbWarehouse;
use crate::sandbox::gateway::CipherRule::{Forbidden, Required};
use crate::sandbox::gateway::{Call, CipherRule, Route};
use crate::sandbox::reply::Reply;
use crate::sandbox::world::World;
use axum::http::Method;
use serde_json::{Value, json};

pub fn routes() -> Vec<Route> {
    let r = |pattern, cipher: CipherRule, handler| Route { method: Method::GET, pattern, cipher, handler };
    vec![
        r("/logistics/202309/warehouses", Required, warehouses),
        r("/logistics/202309/warehouses/{warehouse_id}/delivery_options", Required, delivery_options),
        r("/logistics/202309/delivery_options/{delivery_option_id}/shipping_providers", Required, providers),
        r("/logistics/202309/global_warehouses", Forbidden, global_warehouses),
    ]
}

/// A warehouse's address as logistics/get-warehouse-list names it (`distict` sic). Districts,
/// towns and local-script names are other markets' (CN, JP): empty here.
fn address(x: &SbWarehouse) -> Value {
    let a = &x.address;
    json!({
        "region": if a.region_code == "GB" { "United Kingdom" } else { "United States" },
        "region_code": a.region_code,
        "state": a.state,
        "city": a.city,
        "distict": "",
        "town": "",
        "contact_person": a.name,
        "first_name": a.first_name,
        "last_name": a.last_name,
        "first_name_local_script": "",
        "last_name_local_script": "",
        "postal_code": a.postal_code,
        "full_address": a.full(),
        "phone_number": a.phone_masked,
        "address_line1": a.line1,
        "address_line2": a.line2,
        "address_line3": "",
        "address_line4": "",
        "geolocation": {"latitude": x.geolocation.0, "longitude": x.geolocation.1},
    })
}

fn warehouses(w: &mut World, c: &Call) -> Reply {
    let list: Vec<Value> = w
        .commerce
        .get(c.shop_id())
        .map(|sc| {
            sc.warehouses
                .iter()
                .map(|x| {
                    json!({
                        "id": x.id, "entity_id": format!("7{}", &x.id[1..]), "name": x.name,
                        "effect_status": "ENABLED", "type": x.kind, "sub_type": "DOMESTIC_WAREHOUSE",
                        "is_default": x.is_default, "address": address(x),
                    })
                })
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
            "The delivery of the specified delivery_option_id is fulfilled by TikTok. No shipping providers are \
                available.",
        );
    }
    let list: Vec<Value> = d.providers.iter().map(|(id, name)| json!({"id": id, "name": name})).collect();
    Reply::ok(json!({ "shipping_providers": list }))
}

/// Get Global Seller Warehouses: the warehouses of a cross-border seller's shops, seller-owned
/// (API README §5.2: `global_warehouses[].{id, name, ownership}`). A local seller has none.
fn global_warehouses(w: &mut World, c: &Call) -> Reply {
    let Some(seller) = w.sellers.get(&c.open_id) else {
        return Reply::ok(json!({"global_warehouses": []}));
    };
    let mut list: Vec<Value> = Vec::new();
    for shop in seller.shop_ids.iter().filter(|id| w.shops.get(*id).is_some_and(|s| s.seller_type == "CROSS_BORDER")) {
        for x in w.commerce.get(shop).map(|sc| sc.warehouses.as_slice()).unwrap_or(&[]) {
            if !list.iter().any(|v| v["id"] == x.id.as_str()) {
                list.push(json!({"id": x.id, "name": x.name, "ownership": "SELLER"}));
            }
        }
    }
    Reply::ok(json!({ "global_warehouses": list }))
}
