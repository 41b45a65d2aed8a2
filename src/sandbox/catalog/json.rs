//! The catalogue as TikTok's JSON shapes (field names as in the reference pages, including
//! `is_requried`).

use super::SbBrand;
use super::product::SbProduct;
use super::rules::{Attr, Cond, Rules};
use super::tree::{Node, Tree};
use serde_json::{Value, json};

pub fn category(n: &Node) -> Value {
    json!({"id": n.id, "parent_id": n.parent_id, "local_name": n.name, "is_leaf": n.is_leaf, "permission_statuses": [n.permission]})
}

fn conds(c: &[Cond]) -> Vec<Value> {
    c.iter()
        .map(|c| json!({"condition_type": "VALUE_ID_MATCH", "attribute_id": c.attribute_id, "attribute_value_id": c.value_id}))
        .collect()
}

pub fn rules(r: &Rules) -> Value {
    json!({
        "product_certifications": r.certifications.iter().map(|c| json!({
            "id": c.id, "name": c.name, "is_required": c.is_required, "document_details": c.details,
            "sample_image_url": "", "requirement_conditions": conds(&c.conditions),
            "expiration_date": {"is_required": c.expiration_required},
        })).collect::<Vec<_>>(),
        "size_chart": {"is_supported": r.size_chart_supported, "is_required": r.size_chart_required},
        "cod": {"is_supported": r.cod_supported},
        "package_dimension": {"is_required": r.package_dimension_required},
        "epr": {"is_required": false},
        "responsible_person": {"is_required": false},
        "manufacturer": {"is_required": false},
    })
}

pub fn attribute(a: &Attr) -> Value {
    let mut v = json!({
        "id": a.id, "name": a.name, "type": a.kind, "is_requried": a.required,
        "values": a.values.iter().map(|(id, name)| json!({"id": id, "name": name})).collect::<Vec<_>>(),
        "requirement_conditions": conds(&a.conditions),
    });
    if a.kind == "PRODUCT_PROPERTY" {
        v["is_customizable"] = json!(a.customizable);
        v["is_multiple_selection"] = json!(a.multiple);
    }
    v
}

pub fn brand(b: &SbBrand, open_id: &str, with_category: bool) -> Value {
    let authorized = b.authorized_for(open_id);
    let mut v = json!({
        "id": b.id, "name": b.name,
        // TikTok's own spelling of the enum (Get Brands reference).
        "authorized_status": if authorized { "AUTHORIZED" } else { "UNAUTHORIEZD" },
        "is_t1_brand": b.t1,
    });
    if with_category && authorized {
        v["brand_status"] = json!("AVAILABLE");
    }
    v
}

fn sku(s: &super::product::SbSku, base_url: &str) -> Value {
    let mut sales: Vec<Value> = s
        .sales_attributes
        .iter()
        .map(|(id, name, vid, vname)| json!({"id": id, "name": name, "value_id": vid, "value_name": vname}))
        .collect();
    if let (Some(uri), Some(first)) = (&s.sku_img, sales.first_mut()) {
        let url = format!("{base_url}/_sandbox/images/{uri}");
        first["sku_img"] = json!({"uri": uri, "urls": [url], "thumb_urls": [url], "width": 800, "height": 800});
    }
    json!({
        "id": s.id, "seller_sku": s.seller_sku,
        "price": {"currency": s.currency, "sale_price": s.price, "tax_exclusive_price": s.price},
        "inventory": s.inventory.iter().map(|(w, q)| json!({"warehouse_id": w, "quantity": q})).collect::<Vec<_>>(),
        "sales_attributes": sales,
    })
}

fn audit(p: &SbProduct) -> Value {
    json!({"status": p.audit, "pre_approved_reasons": p.pre_approved})
}

/// Get Product.
pub fn product(p: &SbProduct, tree: &Tree, base_url: &str) -> Value {
    let chain: Vec<Value> = tree
        .chain(&p.category_id)
        .iter()
        .map(|n| json!({"id": n.id, "parent_id": n.parent_id, "local_name": n.name, "is_leaf": n.is_leaf}))
        .collect();
    let mut v = json!({
        "id": p.id, "title": p.title, "description": p.description, "status": p.status,
        "product_status": if p.status == "PENDING" || p.status == "FAILED" { "INITIAL" } else { p.status },
        "category_chains": chain,
        "main_images": p.main_images.iter().map(|u| json!({"uri": u, "urls": [format!("{base_url}/_sandbox/images/{u}")], "thumb_urls": [], "width": 800, "height": 800})).collect::<Vec<_>>(),
        "skus": p.skus.iter().map(|s| sku(s, base_url)).collect::<Vec<_>>(),
        "product_attributes": p.attributes.iter().map(|(id, name, vs)| json!({"id": id, "name": name, "values": vs.iter().map(|(i, n)| json!({"id": i, "name": n})).collect::<Vec<_>>()})).collect::<Vec<_>>(),
        "package_weight": {"value": p.package_weight.0, "unit": p.package_weight.1},
        "audit_failed_reasons": p.audit_failed.iter().map(|(pos, r)| json!({"position": pos, "reasons": ["violate listing rules"], "suggestions": [r], "listing_platform": "TIKTOK_SHOP"})).collect::<Vec<_>>(),
        "create_time": p.create_time, "update_time": p.update_time,
        "external_product_id": p.external_product_id,
        "is_cod_allowed": false, "has_draft": false,
        "audit": audit(p),
    });
    if let Some((id, name)) = &p.brand {
        v["brand"] = json!({"id": id, "name": name});
    }
    if let Some(d) = &p.package_dimensions {
        v["package_dimensions"] = d.clone();
    }
    if let Some(s) = &p.size_chart {
        v["size_chart"] = s.clone();
    }
    v
}

/// One row of Search Products.
pub fn search_row(p: &SbProduct, region: &str) -> Value {
    json!({
        "id": p.id, "title": p.title, "status": p.status,
        "skus": p.skus.iter().map(|s| json!({
            "id": s.id, "seller_sku": s.seller_sku,
            "price": {"currency": s.currency, "sale_price": s.price, "tax_exclusive_price": s.price},
            "inventory": s.inventory.iter().map(|(w, q)| json!({"warehouse_id": w, "quantity": q})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "sales_regions": [region], "create_time": p.create_time, "update_time": p.update_time,
        "audit": audit(p), "has_draft": false,
    })
}

/// Create / Edit responses.
pub fn written(p: &SbProduct, warnings: &[String], with_audit: bool) -> Value {
    let mut v = json!({
        "product_id": p.id,
        "skus": p.skus.iter().map(|s| json!({
            "id": s.id, "seller_sku": s.seller_sku,
            "sales_attributes": s.sales_attributes.iter().map(|(id, _, vid, _)| json!({"id": id, "value_id": vid})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "warnings": warnings.iter().map(|m| json!({"message": m})).collect::<Vec<_>>(),
    });
    if with_audit {
        v["audit"] = json!({"status": p.audit});
    }
    v
}
