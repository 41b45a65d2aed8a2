//! Live products in the sandbox: Update Inventory, Update Price (refused while a promotion locks
//! the price, with TikTok's code) and Inventory Search, plus what a seller or TikTok does outside
//! the API: a Seller Center edit of stock or price, a promotion that locks a price, a sale that
//! commits units. These make the drift tokshop must notice and never overwrite on its own.

use super::product::SbProduct;
use crate::sandbox::reply::Reply;
use crate::sandbox::world::World;
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap};

/// TikTok's largest quantity per warehouse. The reference's range starts at 1, but a sold-out SKU
/// is set to 0 in Seller Center; the sandbox accepts 0.
const MAX_QUANTITY: i64 = 99_999;

/// What the live half of the catalogue keeps beyond the products.
#[derive(Default, Debug)]
pub struct LiveState {
    /// Products whose price a running promotion locks.
    pub promotions: BTreeSet<String>,
    /// Units TikTok holds for orders, per SKU id.
    pub committed: HashMap<String, i64>,
    /// Update Inventory / Update Price calls that changed something, for tests and benches.
    pub inventory_updates: u64,
    pub price_updates: u64,
    /// Every Update Inventory call that reached a product, changed or not.
    pub inventory_calls: u64,
}

fn product_mut<'w>(w: &'w mut World, shop: &str, id: &str) -> Result<&'w mut SbProduct, Reply> {
    w.catalog
        .shops
        .get_mut(shop)
        .and_then(|s| s.products.get_mut(id))
        .ok_or_else(|| Reply::err(200, 12052032, "The product does not exist"))
}

fn skus_of(body: &Value) -> &[Value] {
    body.get("skus").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// Update Inventory: every warehouse of each SKU must be named when it has several (12019028);
/// a SKU of another product or an unknown warehouse is reported in `data.errors[]`, the others
/// are applied (the reference's response shape).
pub fn update_inventory(w: &mut World, shop: &str, id: &str, body: &Value, now: i64) -> Reply {
    let skus = skus_of(body);
    if skus.is_empty() {
        return Reply::err(200, 12052036, "The SKU ID is necessary");
    }
    let p = match product_mut(w, shop, id) {
        Ok(p) => p,
        Err(r) => return r,
    };
    if p.status != "ACTIVATE" {
        return Reply::err(200, 12019113, "product status is invalid");
    }
    w.catalog.live.inventory_calls += 1;
    let Ok(p) = product_mut(w, shop, id) else { return Reply::err(200, 12052032, "The product does not exist") };
    let mut errors = Vec::new();
    let mut changes = Vec::new();
    for s in skus {
        let sku_id = s.get("id").and_then(Value::as_str).unwrap_or("");
        let Some(have) = p.skus.iter().find(|k| k.id == sku_id) else {
            let extra = json!([{"code": 12052031, "message": "Invalid product ID(s) found"}]);
            errors.push(json!({"code": 12052990, "message": "Check failed",
                "detail": {"sku_id": sku_id, "extra_errors": extra}}));
            continue;
        };
        let given: Vec<(String, i64)> = s
            .get("inventory")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|i| {
                        let wh = i.get("warehouse_id").and_then(Value::as_str).unwrap_or("").to_string();
                        (wh, i.get("quantity").and_then(Value::as_i64).unwrap_or(-1))
                    })
                    .collect()
            })
            .unwrap_or_default();
        if let Some((_, q)) = given.iter().find(|(_, q)| !(0..=MAX_QUANTITY).contains(q)) {
            return Reply::err(
                200,
                12052055,
                format!("The SKU inventory quantity for the warehouse must be within allowed limits. ({q})"),
            );
        }
        let named: BTreeSet<&str> = given.iter().map(|(w, _)| w.as_str()).filter(|w| !w.is_empty()).collect();
        if have.inventory.len() > 1 && have.inventory.iter().any(|(w, _)| !named.contains(w.as_str())) {
            return Reply::err(
                200,
                12019028,
                "Multiple warehouses detected. Include all warehouse IDs and the corresponding details and try again.",
            );
        }
        let mut next = have.inventory.clone();
        let mut bad = Vec::new();
        for (wh, q) in &given {
            match next.iter_mut().find(|(w, _)| w == wh || (wh.is_empty() && have.inventory.len() == 1)) {
                Some(slot) => slot.1 = *q,
                None => {
                    bad.push(json!({"warehouse_id": wh, "code": 12052097, "message": "The warehouse does not exist"}))
                }
            }
        }
        if bad.is_empty() {
            changes.push((sku_id.to_string(), next));
        } else {
            errors.push(json!({"code": 12052990, "message": "Check failed",
                "detail": {"sku_id": sku_id, "extra_errors": bad}}));
        }
    }
    let mut changed = false;
    for (sku_id, next) in changes {
        if let Some(k) = p.skus.iter_mut().find(|k| k.id == sku_id)
            && k.inventory != next
        {
            k.inventory = next;
            changed = true;
        }
    }
    if changed {
        p.update_time = now;
        w.catalog.live.inventory_updates += 1;
    }
    Reply::ok(json!({"errors": errors}))
}

/// Update Price: only an ACTIVATE product outside a promotion (12052038), in the shop's
/// currency (12052084), within the market's range (12052073).
pub fn update_price(w: &mut World, shop: &str, region: &str, id: &str, body: &Value, now: i64) -> Reply {
    let skus = skus_of(body);
    if skus.is_empty() {
        return Reply::invalid_param("skus is required");
    }
    let currency = w.commerce.get(shop).map(|c| c.currency.to_string()).unwrap_or_else(|| "USD".into());
    let locked = w.catalog.live.promotions.contains(id);
    let p = match product_mut(w, shop, id) {
        Ok(p) => p,
        Err(r) => return r,
    };
    if p.status != "ACTIVATE" {
        return Reply::err(200, 12019113, "product status is invalid");
    }
    if locked {
        return Reply::err(200, 12052038, "Product price locked due to ongoing promotion.");
    }
    let max = rust_decimal::Decimal::from(if region == "GB" { 5_600 } else { 7_600 });
    let min = rust_decimal::Decimal::new(1, 2);
    let mut next = Vec::new();
    for s in skus {
        let sku_id = s.get("id").and_then(Value::as_str).unwrap_or("");
        if !p.skus.iter().any(|k| k.id == sku_id) {
            return Reply::err(
                200,
                12052048,
                "You cannot edit the specified product(s) as it isn't listed in your account or shop.",
            );
        }
        let price = s.get("price").cloned().unwrap_or(Value::Null);
        if price.get("currency").and_then(Value::as_str) != Some(currency.as_str()) {
            return Reply::err(200, 12052084, "The provided currency is not available for this shop/region.");
        }
        let amount = price.get("amount").and_then(Value::as_str).unwrap_or("");
        let Ok(value) = amount.parse::<rust_decimal::Decimal>() else {
            return Reply::err(200, 12052012, "Incorrect price format");
        };
        if !(min..=max).contains(&value) {
            return Reply::err(200, 12052073, "The product price is invalid");
        }
        next.push((sku_id.to_string(), amount.to_string()));
    }
    let mut changed = false;
    for (sku_id, amount) in next {
        if let Some(k) = p.skus.iter_mut().find(|k| k.id == sku_id)
            && k.price != amount
        {
            k.price = amount;
            changed = true;
        }
    }
    if changed {
        p.update_time = now;
        w.catalog.live.price_updates += 1;
    }
    Reply::empty()
}

/// Inventory Search by product ids (≤ 100) or SKU ids (≤ 600; they win when both are given).
pub fn inventory_search(w: &World, shop: &str, body: &Value) -> Reply {
    let ids = |k: &str| -> Vec<String> {
        body.get(k)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
            .unwrap_or_default()
    };
    let (products, skus) = (ids("product_ids"), ids("sku_ids"));
    if skus.len() > 600 {
        return Reply::err(200, 12019015, "The number of SKU exceed the limit");
    }
    if skus.is_empty() && products.len() > 100 {
        return Reply::err(200, 12019120, "The number of provided product IDs exceeds the limit.");
    }
    if skus.is_empty() && products.is_empty() {
        return Reply::invalid_param("product_ids or sku_ids is required");
    }
    let Some(sp) = w.catalog.shops.get(shop) else { return Reply::ok(json!({"inventory": []})) };
    let live = &w.catalog.live;
    let mut out = Vec::new();
    for p in sp.products.values() {
        let by_product = skus.is_empty() && products.contains(&p.id);
        let rows: Vec<Value> = p
            .skus
            .iter()
            .filter(|k| by_product || skus.contains(&k.id))
            .map(|k| {
                let committed = live.committed.get(&k.id).copied().unwrap_or(0);
                let total: i64 = k.inventory.iter().map(|(_, q)| q).sum();
                json!({
                    "id": k.id, "seller_sku": k.seller_sku,
                    "total_available_quantity": total, "total_committed_quantity": committed,
                    "warehouse_inventory": k.inventory.iter().enumerate().map(|(i, (wh, q))| json!({
                        "warehouse_id": wh, "available_quantity": q,
                        "committed_quantity": if i == 0 { committed } else { 0 },
                    })).collect::<Vec<_>>(),
                    "total_available_inventory_distribution": {
                        "in_shop_inventory": {"quantity": total}, "campaign_inventory": [], "creator_inventory": [],
                    },
                })
            })
            .collect();
        if !rows.is_empty() {
            out.push(json!({"product_id": p.id, "skus": rows}));
        }
    }
    Reply::ok(json!({"inventory": out}))
}

/// A Seller Center edit of one SKU (found by seller SKU): its quantity in its first warehouse
/// and/or its price. The product id, or None when no such SKU.
pub fn seller_center_edit(
    w: &mut World,
    shop: &str,
    seller_sku: &str,
    quantity: Option<i64>,
    price: Option<&str>,
    now: i64,
) -> Option<String> {
    let sp = w.catalog.shops.get_mut(shop)?;
    let p = sp.products.values_mut().find(|p| p.skus.iter().any(|k| k.seller_sku == seller_sku))?;
    let k = p.skus.iter_mut().find(|k| k.seller_sku == seller_sku)?;
    if let (Some(q), Some(first)) = (quantity, k.inventory.first_mut()) {
        first.1 = q.clamp(0, MAX_QUANTITY);
    }
    if let Some(pr) = price {
        k.price = pr.to_string();
    }
    p.update_time = now;
    let (id, live) = (p.id.clone(), p.status == "ACTIVATE");
    // Webhook 15 fires "when changes to a live product's properties take effect online", with
    // `change_source` SELLER_CENTER; a SKU's price or stock is none of the named fields, so it
    // is reported as `others` ("Other product properties not specified above").
    // (reference/webhooks/product/15-product-information-change.json)
    if live {
        let data = json!({
            "product_id": id, "change_source": "SELLER_CENTER", "changed_fields": ["others"], "update_time": now,
        });
        w.emit(15, shop, data);
    }
    Some(id)
}

/// A buyer orders `units` of a SKU: TikTok moves them from available to committed.
pub fn sell(w: &mut World, shop: &str, seller_sku: &str, units: i64) -> Option<i64> {
    let sp = w.catalog.shops.get_mut(shop)?;
    let k = sp.products.values_mut().flat_map(|p| p.skus.iter_mut()).find(|k| k.seller_sku == seller_sku)?;
    let first = k.inventory.first_mut()?;
    let sold = units.min(first.1).max(0);
    first.1 -= sold;
    let left = first.1;
    *w.catalog.live.committed.entry(k.id.clone()).or_default() += sold;
    Some(left)
}
