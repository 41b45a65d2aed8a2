//! Get Product (products/get-product 202309) and the product rows of Search Products, with every
//! field of TikTok's samples. What the seller sent (identifier codes, list prices, video,
//! certifications ...) is echoed from the stored create/edit body; a field that does not apply
//! holds an empty string, `false`, 0 or an empty list. Fields the reference gives to other
//! markets or programmes (EU manufacturers, DE pfand fees, Tokopedia statuses, global products,
//! subscriptions, product families of US local sellers) hold those values too.

use super::product::{SbProduct, SbSku};
use super::tree::Tree;
use super::{SbImage, rules};
use crate::sandbox::commerce::model::SbDeliveryOption;
use serde_json::{Value, json};
use std::collections::HashMap;

/// What Get Product needs beyond the product: its category tree, the uploaded images (for
/// their sizes), the shop's delivery options and region, and the sandbox's base URL.
pub struct ProductView<'a> {
    pub tree: &'a Tree,
    pub images: &'a HashMap<String, SbImage>,
    pub delivery_options: &'a [SbDeliveryOption],
    pub region: &'a str,
    pub base_url: &'a str,
}

fn s<'v>(v: &'v Value, k: &str) -> &'v str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn list(v: &Value, k: &str) -> Value {
    v.get(k).filter(|x| x.is_array()).cloned().unwrap_or_else(|| json!([]))
}

/// An image as TikTok shows one: uri, urls, thumbnails and pixels.
pub fn image(v: &ProductView, uri: &str) -> Value {
    let url = format!("{}/_sandbox/images/{uri}", v.base_url);
    let (w, h) = v.images.get(uri).map(|i| (i.width, i.height)).unwrap_or((800, 800));
    json!({"uri": uri, "urls": [url], "thumb_urls": [url], "width": w, "height": h})
}

/// A money object of the body (`list_price`), or empty strings.
fn amount(body: &Value, k: &str) -> Value {
    let m = body.get(k).cloned().unwrap_or(Value::Null);
    json!({"amount": s(&m, "amount"), "currency": s(&m, "currency")})
}

fn sales_attributes(v: &ProductView, k: &SbSku, sent: &Value) -> Vec<Value> {
    k.sales_attributes
        .iter()
        .enumerate()
        .map(|(i, (id, name, vid, vname))| {
            let sent_attr = sent.get("sales_attributes").and_then(|a| a.get(i)).cloned().unwrap_or(Value::Null);
            let img = if i == 0 { k.sku_img.as_deref() } else { None };
            let extra: Vec<Value> = sent_attr
                .get("supplementary_sku_images")
                .and_then(Value::as_array)
                .map(|a| a.iter().map(|x| image(v, s(x, "uri"))).collect())
                .unwrap_or_default();
            json!({
                "id": id, "name": name, "value_id": vid, "value_name": vname,
                "sku_img": img.map(|u| image(v, u)).unwrap_or_else(|| {
                    json!({"uri": "", "urls": [], "thumb_urls": [], "width": 0, "height": 0})
                }),
                "supplementary_sku_images": extra,
            })
        })
        .collect()
}

fn pre_sale(sent: &Value) -> Value {
    let p = sent.get("pre_sale").cloned().unwrap_or(Value::Null);
    let f = p.get("fulfillment_type").cloned().unwrap_or(Value::Null);
    json!({"type": s(&p, "type"), "fulfillment_type": {
        "handling_duration_days": f.get("handling_duration_days").and_then(Value::as_i64).unwrap_or(0),
        "release_date": f.get("release_date").and_then(Value::as_i64).unwrap_or(0),
    }})
}

fn sku(v: &ProductView, p: &SbProduct, k: &SbSku) -> Value {
    let sent = p
        .body
        .get("skus")
        .and_then(Value::as_array)
        .and_then(|a| a.iter().find(|x| s(x, "seller_sku") == k.seller_sku))
        .cloned()
        .unwrap_or(Value::Null);
    let code = sent.get("identifier_code").cloned().unwrap_or(Value::Null);
    json!({
        "id": k.id, "seller_sku": k.seller_sku,
        "price": {"currency": k.currency, "sale_price": k.price, "tax_exclusive_price": k.price, "unit_price": k.price},
        "inventory": k.inventory.iter().map(|(w, q)| {
            json!({"warehouse_id": w, "quantity": q, "backorder_quantity": 0, "handling_time": 0})
        }).collect::<Vec<_>>(),
        "identifier_code": {"code": s(&code, "code"), "type": s(&code, "type")},
        "extra_identifier_codes": list(&sent, "extra_identifier_codes"),
        "sales_attributes": sales_attributes(v, k, &sent),
        "external_sku_id": s(&sent, "external_sku_id"),
        "external_urls": list(&sent, "external_urls"),
        "combined_skus": list(&sent, "combined_skus"),
        "sku_unit_count": s(&sent, "sku_unit_count"),
        "list_price": amount(&sent, "list_price"),
        "external_list_prices": list(&sent, "external_list_prices"),
        "pre_sale": pre_sale(&sent),
        "fees": list(&sent, "fees"),
        "status_info": {
            "status": if p.status == "SELLER_DEACTIVATED" { "DEACTIVATED" } else { "NORMAL" },
            "deactivation_source": if p.status == "SELLER_DEACTIVATED" { "SELLER" } else { "" },
        },
        // Global (cross-border) listing: replicated products only.
        "global_listing_policy": {
            "price_sync": false, "inventory_type": "",
            "replicate_source": {"product_id": "", "shop_id": "", "sku_id": ""},
        },
    })
}

/// The seller's certifications with the rules' names: files and images as TikTok lists them.
fn certifications(v: &ProductView, p: &SbProduct) -> Vec<Value> {
    let names: Vec<(&str, &str)> = v
        .tree
        .get(&p.category_id)
        .map(|leaf| rules::rules(leaf, v.region).certifications.iter().map(|c| (c.id, c.name)).collect())
        .unwrap_or_default();
    p.certifications
        .iter()
        .map(|c| {
            let id = s(c, "id");
            let files: Vec<Value> = c
                .get("files")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or(&[])
                .iter()
                .map(|f| {
                    let fid = s(f, "id");
                    let url = format!("{}/_sandbox/files/{fid}", v.base_url);
                    json!({"id": fid, "urls": [url], "name": s(f, "name"), "format": s(f, "format")})
                })
                .collect();
            let images: Vec<Value> = c
                .get("images")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or(&[])
                .iter()
                .map(|i| image(v, s(i, "uri")))
                .collect();
            json!({
                "id": id, "title": names.iter().find(|(i, _)| *i == id).map(|(_, n)| *n).unwrap_or(""),
                "files": files, "images": images,
                "expiration_date": c.get("expiration_date").and_then(Value::as_i64).unwrap_or(0),
            })
        })
        .collect()
}

fn size_chart(v: &ProductView, p: &SbProduct) -> Value {
    let c = p.size_chart.clone().unwrap_or(Value::Null);
    let uri = c.get("image").map(|i| s(i, "uri")).unwrap_or("");
    let img = if uri.is_empty() {
        json!({"uri": "", "urls": [], "thumb_urls": [], "width": 0, "height": 0})
    } else {
        image(v, uri)
    };
    json!({"image": img, "template": {"id": c.get("template").map(|t| s(t, "id")).unwrap_or("")}})
}

fn video(p: &SbProduct) -> Value {
    let id = p.body.get("video").map(|x| s(x, "id")).unwrap_or("");
    json!({
        "id": id, "cover_url": "", "format": if id.is_empty() { "" } else { "MP4" }, "url": "",
        "width": 0, "height": 0, "size": 0,
    })
}

/// The two diagnoses the sandbox makes, with the codes and advice of the reference's "Listing
/// quality diagnosis" page: (field, code, how to solve, the tier it unlocks, met?).
pub fn diagnoses(title: &str, images: usize) -> [(&'static str, &'static str, &'static str, &'static str, bool); 2] {
    [
        (
            "TITLE",
            "TITLE_LESS_THAN_40_CHARACTERS",
            "Extend the title to at least 40 characters.",
            "FAIR",
            title.chars().count() >= 40,
        ),
        ("IMAGE", "MAIN_IMG_LESS_THAN_5_IMAGES", "Assign 5 or more product images.", "GOOD", images >= 5),
    ]
}

/// The quality tier of a US listing: POOR until the FAIR recommendation is met, FAIR until the
/// GOOD one is too, then GOOD.
pub fn quality_tier(title: &str, images: usize) -> &'static str {
    match diagnoses(title, images) {
        [(.., false), _] => "POOR",
        [_, (.., false)] => "FAIR",
        _ => "GOOD",
    }
}

fn audit(p: &SbProduct) -> Value {
    json!({"status": p.audit, "pre_approved_reasons": p.pre_approved})
}

/// Get Product.
pub fn product(p: &SbProduct, v: &ProductView) -> Value {
    let chain: Vec<Value> = v
        .tree
        .chain(&p.category_id)
        .iter()
        .map(|n| json!({"id": n.id, "parent_id": n.parent_id, "local_name": n.name, "is_leaf": n.is_leaf}))
        .collect();
    let chosen: Vec<&str> = p
        .body
        .get("delivery_option_ids")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let delivery: Vec<Value> = v
        .delivery_options
        .iter()
        .map(|d| {
            json!({"id": d.id, "name": d.name, "is_available": chosen.is_empty() || chosen.contains(&d.id.as_str())})
        })
        .collect();
    let (brand_id, brand_name) = p.brand.clone().unwrap_or_default();
    let dims = p.package_dimensions.clone().unwrap_or(Value::Null);
    let b = &p.body;
    json!({
        "id": p.id, "title": p.title, "description": p.description, "status": p.status,
        "product_status": if p.status == "PENDING" || p.status == "FAILED" { "INITIAL" } else { p.status },
        "category_chains": chain,
        "recommended_categories": v
            .tree
            .recommend(&p.title)
            .map(|n| vec![json!({"id": n.id, "local_name": n.name})])
            .unwrap_or_default(),
        "brand": {"id": brand_id, "name": brand_name},
        "main_images": p.main_images.iter().map(|u| image(v, u)).collect::<Vec<_>>(),
        "video": video(p),
        "skus": p.skus.iter().map(|k| sku(v, p, k)).collect::<Vec<_>>(),
        "product_attributes": p.attributes.iter().map(|(id, name, vs)| {
            let values = vs.iter().map(|(i, n)| json!({"id": i, "name": n})).collect::<Vec<_>>();
            json!({"id": id, "name": name, "values": values})
        }).collect::<Vec<_>>(),
        "package_weight": {"value": p.package_weight.0, "unit": p.package_weight.1},
        "package_dimensions": {
            "length": s(&dims, "length"), "width": s(&dims, "width"), "height": s(&dims, "height"),
            "unit": s(&dims, "unit"),
        },
        "certifications": certifications(v, p),
        "size_chart": size_chart(v, p),
        "audit": audit(p),
        "audit_failed_reasons": p.audit_failed.iter().map(|(pos, r)| json!({"position": pos, "reasons": ["violate \
            listing rules"], "suggestions": [r], "listing_platform": "TIKTOK_SHOP"})).collect::<Vec<_>>(),
        "create_time": p.create_time, "update_time": p.update_time,
        "external_product_id": p.external_product_id,
        "is_cod_allowed": b.get("is_cod_allowed").and_then(Value::as_bool).unwrap_or(false),
        "has_draft": false,
        "delivery_options": delivery,
        "product_types": list(b, "product_types"),
        "is_not_for_sale": false,
        "listing_quality_tier": if v.region == "US" { quality_tier(&p.title, p.main_images.len()) } else { "" },
        "manufacturer_ids": list(b, "manufacturer_ids"),
        "responsible_person_ids": list(b, "responsible_person_ids"),
        "integrated_platform_statuses": [],
        "shipping_insurance_requirement": "NOT_SUPPORTED",
        "minimum_order_quantity": b.get("minimum_order_quantity").and_then(Value::as_i64).unwrap_or(1),
        "is_pre_owned": b.get("is_pre_owned").and_then(Value::as_bool).unwrap_or(false),
        "primary_combined_product_id": s(b, "primary_combined_product_id"),
        "shipping_template_id": s(b, "shipping_template_id"),
        "is_replicated": false,
        "global_product_association": {"global_product_id": "", "sku_mappings": []},
        "prescription_requirement": {"needs_prescription": false},
        "product_families": [],
        "subscribe_info": {
            "support_subscribe": false, "subscribe_status": "", "subscribe_discount_details": [],
            "subscribe_promotion_config": [],
        },
    })
}

/// One row of Search Products at `version`: 202309 has none of `audit`, `has_draft`,
/// `integrated_platform_statuses`, `is_not_for_sale`, `listing_quality_tier` and
/// `product_families`; 202312 adds all but `has_draft` and `product_families`, which 202502 adds
/// (official Node SDK models `Product202309/202312/202502SearchProductsResponseDataProducts`,
/// yangyiqian0312/super-succotash@ce365d3e `model/product/V2023*`, `V202502`).
pub fn search_row(p: &SbProduct, region: &str, version: u32, tree: &Tree) -> Value {
    let mut v = json!({
        "id": p.id, "title": p.title, "status": p.status,
        "skus": p.skus.iter().map(|s| json!({
            "id": s.id, "seller_sku": s.seller_sku,
            "price": {"currency": s.currency, "sale_price": s.price, "tax_exclusive_price": s.price},
            "inventory": s.inventory.iter().map(|(w, q)| {
                json!({"warehouse_id": w, "quantity": q, "backorder_quantity": 0, "handling_time": 0})
            }).collect::<Vec<_>>(),
            "list_price": amount(&sku_body(p, &s.seller_sku), "list_price"),
            "external_list_prices": list(&sku_body(p, &s.seller_sku), "external_list_prices"),
            "pre_sale": pre_sale(&sku_body(p, &s.seller_sku)),
            "status_info": {
                "status": if p.status == "SELLER_DEACTIVATED" { "DEACTIVATED" } else { "NORMAL" },
                "deactivation_source": if p.status == "SELLER_DEACTIVATED" { "SELLER" } else { "" },
            },
            "fees": list(&sku_body(p, &s.seller_sku), "fees"),
        })).collect::<Vec<_>>(),
        "sales_regions": [region], "create_time": p.create_time, "update_time": p.update_time,
        "product_sync_fail_reasons": [],
        "recommended_categories": tree
            .recommend(&p.title)
            .map(|n| vec![json!({"id": n.id, "local_name": n.name})])
            .unwrap_or_default(),
    });
    if version >= 202312 {
        v["audit"] = audit(p);
        v["integrated_platform_statuses"] = json!([]);
        v["is_not_for_sale"] = json!(false);
        v["listing_quality_tier"] =
            json!(if region == "US" { quality_tier(&p.title, p.main_images.len()) } else { "" });
    }
    if version >= 202502 {
        v["has_draft"] = json!(false);
        v["product_families"] = json!([]);
    }
    v
}

fn sku_body(p: &SbProduct, seller_sku: &str) -> Value {
    p.body
        .get("skus")
        .and_then(Value::as_array)
        .and_then(|a| a.iter().find(|x| s(x, "seller_sku") == seller_sku))
        .cloned()
        .unwrap_or(Value::Null)
}

/// The SKUs of Create / Edit / Partial Edit answers: ids, sales attribute ids, the seller's
/// external SKU id and fees.
pub fn written_skus(p: &SbProduct) -> Vec<Value> {
    p.skus
        .iter()
        .map(|k| {
            let sent = sku_body(p, &k.seller_sku);
            json!({
                "id": k.id, "seller_sku": k.seller_sku,
                "sales_attributes": k
                    .sales_attributes
                    .iter()
                    .map(|(id, _, vid, _)| json!({"id": id, "value_id": vid}))
                    .collect::<Vec<_>>(),
                "external_sku_id": s(&sent, "external_sku_id"),
                "fees": list(&sent, "fees"),
            })
        })
        .collect()
}
