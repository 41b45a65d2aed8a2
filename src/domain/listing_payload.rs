//! The Create Product body built from a listing plan once its files are uploaded: image paths
//! become TikTok URIs, certificate files become file ids (PDFs) or image URIs.

use super::listing_check::ListingPlan;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// What uploading gave each local file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Uploaded {
    /// Image path -> URI.
    pub images: BTreeMap<String, String>,
    /// PDF path -> (file id, file name).
    pub files: BTreeMap<String, (String, String)>,
}

fn whole(d: Decimal) -> String {
    d.ceil().max(Decimal::ONE).normalize().to_string()
}

/// The body of Create Product (or Edit Product, with `key` unused there).
pub fn payload(plan: &ListingPlan, up: &Uploaded, key: &str, draft: bool) -> Value {
    let images: Vec<Value> = plan.images.iter().filter_map(|p| up.images.get(p)).map(|u| json!({"uri": u})).collect();
    let skus: Vec<Value> = plan
        .skus
        .iter()
        .map(|s| {
            json!({
                "seller_sku": s.seller_sku,
                "price": {"amount": s.price.round_dp(2).to_string(), "currency": s.currency},
                "inventory": s.inventory.iter().map(|(w, q)| json!({"warehouse_id": w, "quantity": q})).collect::<Vec<_>>(),
                "sales_attributes": s.sales.iter().map(|(id, name, vid, vname)| {
                    let mut a = json!({});
                    if id.is_empty() { a["name"] = json!(name) } else { a["id"] = json!(id) }
                    if vid.is_empty() { a["value_name"] = json!(vname) } else { a["value_id"] = json!(vid) }
                    a
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    let attributes: Vec<Value> = plan
        .attributes
        .iter()
        .map(|(id, vs)| {
            let values: Vec<Value> =
                vs.iter().map(|v| if v.id.is_empty() { json!({"name": v.name}) } else { json!({"id": v.id}) }).collect();
            json!({"id": id, "values": values})
        })
        .collect();
    let certifications: Vec<Value> = plan
        .certifications
        .iter()
        .map(|(id, proof)| {
            let mut c = json!({"id": id});
            let imgs: Vec<Value> = proof.files.iter().filter_map(|f| up.images.get(f)).map(|u| json!({"uri": u})).collect();
            let files: Vec<Value> = proof
                .files
                .iter()
                .filter_map(|f| up.files.get(f))
                .map(|(fid, name)| json!({"id": fid, "name": name, "format": "PDF"}))
                .collect();
            if !imgs.is_empty() {
                c["images"] = json!(imgs);
            }
            if !files.is_empty() {
                c["files"] = json!(files);
            }
            if let Some(t) = proof.expires_at {
                c["expiration_date"] = json!(t);
            }
            c
        })
        .collect();
    let mut body = json!({
        "title": plan.title,
        "description": plan.description,
        "category_id": plan.category_id,
        "category_version": plan.version,
        "main_images": images,
        "skus": skus,
        "product_attributes": attributes,
        "package_weight": {"value": plan.weight_kg.round_dp(3).normalize().to_string(), "unit": "KILOGRAM"},
        "save_mode": if draft { "AS_DRAFT" } else { "LISTING" },
        "idempotency_key": key,
    });
    if !certifications.is_empty() {
        body["certifications"] = json!(certifications);
    }
    if let Some(b) = &plan.brand_id {
        body["brand_id"] = json!(b);
    }
    if let Some(d) = &plan.dimensions_cm {
        body["package_dimensions"] =
            json!({"length": whole(d.length), "width": whole(d.width), "height": whole(d.height), "unit": "CENTIMETER"});
    }
    if let Some(sc) = &plan.size_chart {
        if let Some(t) = &sc.template_id {
            body["size_chart"] = json!({"template": {"id": t}});
        } else if let Some(u) = sc.image.as_ref().and_then(|p| up.images.get(p)) {
            body["size_chart"] = json!({"image": {"uri": u}});
        }
    }
    body
}
