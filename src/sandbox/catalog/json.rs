//! The catalogue as TikTok's JSON shapes (field names as in the reference pages, including
//! `is_requried`).

use super::SbBrand;
use super::product::SbProduct;
use super::rules::{Attr, Cond, Rules};
use super::tree::Node;
use serde_json::{Value, json};

pub fn category(n: &Node) -> Value {
    json!({
        "id": n.id, "parent_id": n.parent_id, "local_name": n.name, "is_leaf": n.is_leaf,
        "permission_statuses": [n.permission],
    })
}

fn conds(c: &[Cond]) -> Vec<Value> {
    c.iter()
        .map(|c| {
            json!({
                "condition_type": "VALUE_ID_MATCH", "attribute_id": c.attribute_id, "attribute_value_id": c.value_id,
            })
        })
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
        "allowed_special_product_types": r.special_product_types,
        // PFAND (a deposit) is Germany's only product fee: no sandbox shop is in DE.
        "fees": [],
    })
}

/// An attribute. `is_customizable` and `is_multiple_selection` apply only to product properties
/// (false for sales properties), `value_data_format` only to free-form values of cascading
/// attributes (none in the sandbox: ""), and values have no icons ("").
pub fn attribute(a: &Attr) -> Value {
    let product = a.kind == "PRODUCT_PROPERTY";
    json!({
        "id": a.id, "name": a.name, "type": a.kind, "is_requried": a.required,
        "is_customizable": product && a.customizable,
        "is_multiple_selection": product && a.multiple,
        "value_data_format": "",
        "values": a.values.iter().map(|(id, name)| json!({"id": id, "name": name, "icon_url": ""})).collect::<Vec<_>>(),
        "requirement_conditions": conds(&a.conditions),
    })
}

pub fn brand(b: &SbBrand, open_id: &str, with_category: bool) -> Value {
    let authorized = b.authorized_for(open_id);
    json!({
        "id": b.id, "name": b.name,
        // TikTok's own spelling of the enum (Get Brands reference).
        "authorized_status": if authorized { "AUTHORIZED" } else { "UNAUTHORIEZD" },
        "is_t1_brand": b.t1,
        // "Not applicable if you did not specify the category ID, or the brand is unauthorized."
        "brand_status": if with_category && authorized { "AVAILABLE" } else { "" },
    })
}

/// Create / Edit responses.
pub fn written(p: &SbProduct, warnings: &[String], with_audit: bool) -> Value {
    let mut v = json!({
        "product_id": p.id,
        "skus": super::product_json::written_skus(p),
        "warnings": warnings.iter().map(|m| json!({"message": m})).collect::<Vec<_>>(),
    });
    if with_audit {
        v["audit"] = json!({"status": p.audit});
    }
    v
}
