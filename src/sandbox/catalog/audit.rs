//! Creating and editing products, and the audit that follows: PENDING / AUDITING, then after
//! `audit_secs` of sandbox time APPROVED (status ACTIVATE) or FAILED with reasons, announced by
//! webhooks 16 (creation), 37 (audit status), 5 (status) and 15 (a live product changed).
//!
//! `idempotency_key` (the reference does not say what a replay returns): a key seen before in
//! the shop answers with the product it created, whatever the body; keys are kept for the life
//! of the sandbox. Audits fail, as TikTok's listing rules say, for exaggerated claims in the
//! title ("guaranteed", "best ever", "#1", "cure") and for links that lead off the platform.

use super::product::{self, Ctx, Fail, SbProduct};
use crate::sandbox::commerce::Ev;
use crate::sandbox::world::{ShopRecord, World};
use serde_json::{Value, json};

pub(super) const CLAIMS: [&str; 4] = ["guaranteed", "best ever", "#1", "cure"];

fn ctx_parts(w: &World, shop: &ShopRecord) -> (String, Vec<String>) {
    let c = w.commerce.get(&shop.id);
    let currency = c
        .map(|c| c.currency.to_string())
        .unwrap_or_else(|| if shop.region == "GB" { "GBP".into() } else { "USD".into() });
    let warehouses = c
        .map(|c| c.warehouses.iter().filter(|x| x.kind == "SALES_WAREHOUSE").map(|x| x.id.clone()).collect())
        .unwrap_or_default();
    (currency, warehouses)
}

fn checked(
    w: &World,
    shop: &ShopRecord,
    open_id: &str,
    body: &Value,
    warnings: &mut Vec<String>,
) -> Result<SbProduct, Fail> {
    let (currency, warehouses) = ctx_parts(w, shop);
    let ctx = Ctx { world: &w.catalog, region: &shop.region, open_id, warehouses, currency: &currency };
    product::check(&ctx, body, warnings)
}

fn number(id: &str) -> Value {
    id.parse::<u64>().map(Value::from).unwrap_or_else(|_| Value::from(id))
}

pub(super) fn submit(w: &mut World, shop: &str, p: &mut SbProduct, draft: bool, now: i64) {
    if draft {
        p.status = if p.status == "ACTIVATE" { "ACTIVATE" } else { "DRAFT" };
        p.audit = "NONE";
        return;
    }
    if p.status != "ACTIVATE" {
        p.status = "PENDING";
    }
    p.audit = "AUDITING";
    p.audit_failed.clear();
    w.schedule.at(now + w.catalog.audit_secs, Ev::ProductAudit { shop: shop.into(), product: p.id.clone() });
}

/// Create Product: checks, ids, the audit, webhook 16. A known idempotency key answers with
/// the product it made before.
pub fn create(
    w: &mut World,
    shop: &ShopRecord,
    open_id: &str,
    body: &Value,
    now: i64,
) -> Result<(SbProduct, Vec<String>), Fail> {
    let key = body.get("idempotency_key").and_then(Value::as_str).filter(|k| !k.is_empty()).map(String::from);
    if key.as_ref().is_some_and(|k| k.chars().count() > 128) {
        return Err((12052910, "Invalid input parameters. Refer to the API documentation for details.".into()));
    }
    if let Some(k) = &key {
        let sp = w.catalog.shop(&shop.id);
        if let Some(p) = sp.idempotency.get(k).and_then(|id| sp.products.get(id)) {
            return Ok((p.clone(), vec![]));
        }
    }
    let mut warnings = Vec::new();
    let mut p = checked(w, shop, open_id, body, &mut warnings)?;
    p.id = w.digits('1', 19);
    for s in &mut p.skus {
        s.id = w.digits('1', 19);
        for a in &mut s.sales_attributes {
            if a.2.is_empty() {
                a.2 = w.digits('7', 19);
            }
        }
    }
    p.shop_id = shop.id.clone();
    p.create_time = now;
    p.update_time = now;
    p.idempotency_key = key.clone();
    let draft = body.get("save_mode").and_then(Value::as_str) == Some("AS_DRAFT");
    submit(w, &shop.id, &mut p, draft, now);
    let sp = w.catalog.shop(&shop.id);
    if let Some(k) = key {
        sp.idempotency.insert(k, p.id.clone());
    }
    sp.products.insert(p.id.clone(), p.clone());
    w.emit(16, &shop.id, json!({"product_id": number(&p.id), "product_types": [], "update_time": now}));
    Ok((p, warnings))
}

/// Edit Product (full replace) or Partial Edit (only the properties sent).
pub fn edit(
    w: &mut World,
    shop: &ShopRecord,
    open_id: &str,
    product_id: &str,
    body: &Value,
    partial: bool,
    now: i64,
) -> Result<(SbProduct, Vec<String>), Fail> {
    let Some(old) = w.catalog.shops.get(&shop.id).and_then(|s| s.products.get(product_id)).cloned() else {
        return Err((
            12052048,
            "You cannot edit the specified product(s) as it isn't listed in your account or shop. ".into(),
        ));
    };
    if matches!(old.status, "FREEZE" | "DELETED") {
        return Err((
            12052901,
            "The product in its current status is not available for this operation. Change the product status and try \
                again."
                .into(),
        ));
    }
    if partial && old.body.as_object().is_some_and(|o| o.is_empty()) {
        return super::status::text_edit(w, shop, &old, body, now);
    }
    let mut merged = if partial { old.body.clone() } else { json!({}) };
    if let (Some(m), Some(b)) = (merged.as_object_mut(), body.as_object()) {
        for (k, v) in b {
            m.insert(k.clone(), v.clone());
        }
    }
    if merged.get("category_version").is_none() {
        merged["category_version"] = json!(old.category_version);
    }
    let mut warnings = Vec::new();
    let mut p = checked(w, shop, open_id, &merged, &mut warnings)?;
    p.id = old.id.clone();
    p.shop_id = old.shop_id.clone();
    p.create_time = old.create_time;
    p.update_time = now;
    p.idempotency_key = old.idempotency_key.clone();
    p.status = old.status;
    p.audit = old.audit;
    // Edit Product 202509, `skus[].id`: "include to edit an existing SKU"; a SKU sent without
    // one is new (a new id), and existing SKUs not sent are deleted. A partial edit without
    // `skus` keeps them all.
    let sent_skus = body.get("skus").and_then(Value::as_array);
    for s in &mut p.skus {
        let sent = merged
            .get("skus")
            .and_then(Value::as_array)
            .and_then(|a| a.iter().find(|x| x["seller_sku"] == json!(s.seller_sku)));
        let by_id = sent
            .and_then(|x| x.get("id"))
            .and_then(Value::as_str)
            .filter(|i| old.skus.iter().any(|o| o.id == *i))
            .map(String::from);
        let kept = if sent_skus.is_none() {
            old.skus.iter().find(|o| o.seller_sku == s.seller_sku).map(|o| o.id.clone())
        } else {
            None
        };
        s.id = by_id.or(kept).unwrap_or_else(|| w.digits('1', 19));
    }
    let only_price_or_stock = {
        let strip = |x: &SbProduct| {
            let mut c = x.clone();
            for s in &mut c.skus {
                s.price.clear();
                s.inventory.clear();
            }
            (
                c.title,
                c.description,
                c.category_id,
                c.main_images,
                c.skus,
                c.attributes,
                c.certifications,
                c.size_chart,
                c.brand,
            )
        };
        strip(&old) == strip(&p)
    };
    let draft = merged.get("save_mode").and_then(Value::as_str) == Some("AS_DRAFT");
    if !only_price_or_stock || p.status == "DRAFT" || p.status == "FAILED" {
        submit(w, &shop.id, &mut p, draft, now);
    }
    if p.status == "ACTIVATE" {
        let mut changed = Vec::new();
        if old.title != p.title {
            changed.push("title");
        }
        if old.description != p.description {
            changed.push("description");
        }
        if old.main_images != p.main_images {
            changed.push("main_images");
        }
        if old.attributes != p.attributes {
            changed.push("product_attributes");
        }
        if changed.is_empty() {
            changed.push("others");
        }
        w.emit(
            15,
            &shop.id,
            json!({"product_id": p.id, "change_source": "OPEN_API", "changed_fields": changed, "update_time": now}),
        );
    }
    w.catalog.shop(&shop.id).products.insert(p.id.clone(), p.clone());
    Ok((p, warnings))
}

/// The audit result (an `Ev::ProductAudit` falling due).
pub fn conclude(w: &mut World, shop: &str, product_id: &str, now: i64) {
    let Some(p) = w.catalog.shops.get_mut(shop).and_then(|s| s.products.get_mut(product_id)) else { return };
    if p.audit != "AUDITING" {
        return;
    }
    let title = p.title.to_lowercase();
    let mut reasons = Vec::new();
    if let Some(c) = CLAIMS.iter().find(|c| title.contains(*c)) {
        reasons.push((
            "product".to_string(),
            format!("The title contains an exaggerated claim (\"{c}\"). Remove it and resubmit."),
        ));
    }
    if p.description.contains("http://") || p.description.contains("https://") {
        reasons.push((
            "description".to_string(),
            "The description links to a site outside TikTok Shop. Remove the link and resubmit.".into(),
        ));
    }
    let first = p.status != "ACTIVATE";
    p.update_time = now;
    if !reasons.is_empty() {
        p.audit = "FAILED";
        if first {
            p.status = "FAILED";
        }
        p.audit_failed = reasons;
    } else if !p.pre_approved.is_empty() {
        p.audit = "PRE_APPROVED";
    } else {
        p.audit = "APPROVED";
        p.status = "ACTIVATE";
    }
    let (id, audit, pre) = (p.id.clone(), p.audit, p.pre_approved.clone());
    let webhook_status = match (audit, first) {
        ("FAILED", _) => "PRODUCT_AUDIT_FAILURE",
        ("APPROVED", true) => "PRODUCT_FIRST_PASS_REVIEW",
        _ => "PRODUCT_STATUS_CHANGED",
    };
    let reason = if audit == "FAILED" { "violate listing rules" } else { "" };
    w.emit(
        37,
        shop,
        json!({"product_id": number(&id), "audit": {"status": audit, "pre_approved_reasons": pre}, "update_time": now}),
    );
    w.emit(
        5,
        shop,
        json!({"product_id": number(&id), "status": webhook_status, "suspended_reason": reason, "update_time": now}),
    );
}
