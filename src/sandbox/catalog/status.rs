//! Activate and Deactivate Products (202309, at most 20 ids): deactivating takes a live (or
//! pending) product off sale at once (SELLER_DEACTIVATED, webhook 5); activating a product the
//! seller deactivated sends it through the audit again (PENDING / AUDITING, then ACTIVATE or
//! FAILED on the sandbox clock, webhooks 37 and 5), as the reference says. A product that is not
//! the shop's is reported in `data.errors[]` with the reference's codes; the others are done.

use super::product::{Fail, SbProduct};
use crate::sandbox::reply::Reply;
use crate::sandbox::world::{ShopRecord, World};
use serde_json::{Value, json};

fn ids(body: &Value) -> Vec<String> {
    body.get("product_ids")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
        .unwrap_or_default()
}

fn check(ids: &[String]) -> Option<Reply> {
    if ids.is_empty() {
        return Some(Reply::invalid_param("product_ids is required"));
    }
    (ids.len() > 20).then(|| Reply::err(200, 12019120, "The number of provided product IDs exceeds the limit."))
}

pub fn activate(w: &mut World, shop: &str, body: &Value, now: i64) -> Reply {
    let ids = ids(body);
    if let Some(r) = check(&ids) {
        return r;
    }
    let mut errors = Vec::new();
    for id in ids {
        let Some(mut p) = w.catalog.shops.get(shop).and_then(|s| s.products.get(&id)).cloned() else {
            errors.push(json!({"code": 12052990, "message": "Check failed", "detail": {"product_id": id,
                "extra_errors": [{"code": 12052048, "message": "You can't edit other sellers' products"}]}}));
            continue;
        };
        match p.status {
            "ACTIVATE" | "PENDING" => continue,
            "SELLER_DEACTIVATED" => {}
            _ => {
                errors.push(json!({"code": 12052990, "message": "Check failed", "detail": {"product_id": id,
                    "extra_errors": [{"code": 12019113, "message": "product status is invalid"}]}}));
                continue;
            }
        }
        p.status = "SELLER_DEACTIVATED";
        super::audit::submit(w, shop, &mut p, false, now);
        p.update_time = now;
        w.catalog.shop(shop).products.insert(id, p);
    }
    Reply::ok(json!({"errors": errors}))
}

pub fn deactivate(w: &mut World, shop: &str, body: &Value, now: i64) -> Reply {
    let ids = ids(body);
    if let Some(r) = check(&ids) {
        return r;
    }
    let mut errors = Vec::new();
    for id in ids {
        let Some(p) = w.catalog.shops.get_mut(shop).and_then(|s| s.products.get_mut(&id)) else {
            errors.push(json!({"code": 12052048, "message": "You can't edit other sellers' products",
                "detail": {"product_id": id}}));
            continue;
        };
        if !matches!(p.status, "ACTIVATE" | "PENDING" | "SELLER_DEACTIVATED") {
            errors
                .push(json!({"code": 12019113, "message": "product status is invalid", "detail": {"product_id": id}}));
            continue;
        }
        if p.status == "SELLER_DEACTIVATED" {
            continue;
        }
        p.status = "SELLER_DEACTIVATED";
        p.audit = if p.audit == "AUDITING" { "NONE" } else { p.audit };
        p.update_time = now;
        let n = id.parse::<u64>().map(Value::from).unwrap_or_else(|_| Value::from(id.clone()));
        w.emit(5, shop, json!({"product_id": n, "status": "DEACTIVATED", "suspended_reason": "", "update_time": now}));
    }
    Reply::ok(json!({"errors": errors}))
}

/// Partial Edit of a product made in Seller Center (the sandbox keeps no create body for it to
/// merge into): title, description, gallery, product attributes and package replaced, each as
/// one top-level property (the reference's rule), the audit started, the live version kept until
/// it passes; other fields are refused (12052910) on such a product.
pub fn text_edit(
    w: &mut World,
    shop: &ShopRecord,
    old: &SbProduct,
    body: &Value,
    now: i64,
) -> Result<(SbProduct, Vec<String>), Fail> {
    let fields = body.as_object().cloned().unwrap_or_default();
    const TAKEN: [&str; 6] =
        ["title", "description", "main_images", "product_attributes", "package_weight", "package_dimensions"];
    if fields.keys().any(|k| !TAKEN.contains(&k.as_str())) {
        return Err((12052910, "Invalid input parameters. Refer to the API documentation for details.".into()));
    }
    let mut p = old.clone();
    super::details::apply(w, old, &fields, &mut p)?;
    if let Some(t) = fields.get("title").and_then(Value::as_str) {
        if t.trim().is_empty() || t.chars().count() > 255 {
            return Err((12052261, "The product title length is invalid.".into()));
        }
        p.title = t.to_string();
    }
    if let Some(d) = fields.get("description").and_then(Value::as_str) {
        p.description = d.to_string();
    }
    p.update_time = now;
    super::audit::submit(w, &shop.id, &mut p, false, now);
    let changed: Vec<&String> = fields.keys().collect();
    w.emit(
        15,
        &shop.id,
        json!({"product_id": p.id, "change_source": "OPEN_API", "changed_fields": changed, "update_time": now}),
    );
    w.catalog.shop(&shop.id).products.insert(p.id.clone(), p.clone());
    Ok((p, vec![]))
}
