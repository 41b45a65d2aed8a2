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

/// One product attribute as Create and Edit Product take it: a value TikTok lists goes by its id,
/// a custom one by its name.
pub fn attribute(id: &str, vs: &[super::listing::ChosenValue]) -> Value {
    let values: Vec<Value> =
        vs.iter().map(|v| if v.id.is_empty() { json!({"name": v.name}) } else { json!({"id": v.id}) }).collect();
    json!({"id": id, "values": values})
}

/// The body of Create Product (or Edit Product, with `key` unused there).
pub fn payload(plan: &ListingPlan, up: &Uploaded, key: &str, draft: bool) -> Value {
    let images: Vec<Value> = plan.images.iter().filter_map(|p| up.images.get(p)).map(|u| json!({"uri": u})).collect();
    let skus: Vec<Value> = plan
        .skus
        .iter()
        .map(|s| {
            let mut sku = json!({
                "seller_sku": s.seller_sku,
                "price": {"amount": s.price.round_dp(2).to_string(), "currency": s.currency},
                "inventory": s.inventory.iter()
                    .map(|(w, q)| json!({"warehouse_id": w, "quantity": q}))
                    .collect::<Vec<_>>(),
                "sales_attributes": s.sales.iter().map(|(id, name, vid, vname)| {
                    let mut a = json!({});
                    if id.is_empty() { a["name"] = json!(name) } else { a["id"] = json!(id) }
                    if vid.is_empty() { a["value_name"] = json!(vname) } else { a["value_id"] = json!(vid) }
                    a
                }).collect::<Vec<_>>(),
            });
            if let Some((code, kind)) = &s.identifier {
                sku["identifier_code"] = json!({"code": code, "type": kind});
            }
            // Create Product: `sku_img` goes with the first sales attribute.
            let uri = s.image.as_ref().and_then(|p| up.images.get(p));
            if let (Some(uri), Some(first)) = (uri, sku["sales_attributes"].get_mut(0)) {
                first["sku_img"] = json!({"uri": uri});
            }
            sku
        })
        .collect();
    let attributes: Vec<Value> = plan.attributes.iter().map(|(id, vs)| attribute(id, vs)).collect();
    let certifications: Vec<Value> = plan
        .certifications
        .iter()
        .map(|(id, proof)| {
            let mut c = json!({"id": id});
            let imgs: Vec<Value> =
                proof.files.iter().filter_map(|f| up.images.get(f)).map(|u| json!({"uri": u})).collect();
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
        body["package_dimensions"] = json!({
            "length": whole(d.length), "width": whole(d.width), "height": whole(d.height), "unit": "CENTIMETER"
        });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Dimensions;
    use crate::domain::listing::{CertificateProof, ChosenValue, SizeChart};
    use crate::domain::listing_check::SkuPlan;
    use std::collections::BTreeSet;

    /// Every object key path in `v` ("skus[].price.amount"), arrays read through their items.
    fn paths(v: &Value, at: &str, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    let p = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
                    out.insert(p.clone());
                    paths(x, &p, out);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| paths(x, &format!("{at}[]"), out)),
            _ => {}
        }
    }

    fn plan(size_chart: SizeChart) -> ListingPlan {
        ListingPlan {
            title: "Trail Socks".into(),
            description: "<p>Merino.</p>".into(),
            category_id: "601226".into(),
            version: "v2".into(),
            brand_id: Some("7082427311584347905".into()),
            images: vec!["/img/socks.png".into()],
            skus: vec![SkuPlan {
                seller_sku: "NW-M".into(),
                price: Decimal::new(1400, 2),
                currency: "USD".into(),
                inventory: vec![("7068517275539719942".into(), 5)],
                sales: vec![
                    ("100000".into(), "Size".into(), String::new(), "M".into()),
                    (String::new(), "Pack".into(), String::new(), "3".into()),
                ],
                identifier: Some(("5012345678900".into(), "EAN".into())),
                image: Some("/img/socks-m.png".into()),
            }],
            attributes: vec![(
                "100198".into(),
                vec![
                    ChosenValue { id: "1000204".into(), name: "Wool".into() },
                    ChosenValue { id: String::new(), name: "Merino".into() },
                ],
            )],
            certifications: vec![(
                "700101".into(),
                CertificateProof {
                    files: vec!["/docs/sds.pdf".into(), "/docs/sds.png".into()],
                    expires_at: Some(1_800_000_000),
                },
            )],
            size_chart: Some(size_chart),
            weight_kg: Decimal::new(90, 3),
            dimensions_cm: Some(Dimensions {
                length: Decimal::new(205, 1),
                width: Decimal::new(10, 0),
                height: Decimal::new(3, 0),
            }),
        }
    }

    #[test]
    fn every_field_sent_is_one_of_create_products_and_shaped_as_its_sample() {
        let sample: Value =
            serde_json::from_str(include_str!("../../tests/fixtures/products/create-product.request.json"))
                .expect("sample");
        let mut allowed = BTreeSet::new();
        paths(&sample, "", &mut allowed);
        let up = Uploaded {
            images: [
                ("/img/socks.png", "tos-us/socks"),
                ("/docs/sds.png", "tos-us/sds"),
                ("/img/chart.png", "tos-us/chart"),
                ("/img/socks-m.png", "tos-us/socks-m"),
            ]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
            files: [("/docs/sds.pdf".to_string(), ("v09ea0g4".to_string(), "sds.pdf".to_string()))]
                .into_iter()
                .collect(),
        };
        for chart in [
            SizeChart { image: Some("/img/chart.png".into()), template_id: None },
            SizeChart { image: None, template_id: Some("T-1".into()) },
        ] {
            let body = payload(&plan(chart), &up, "tokshop:key:1", false);
            let mut sent = BTreeSet::new();
            paths(&body, "", &mut sent);
            let unknown: Vec<&String> = sent.difference(&allowed).collect();
            assert!(unknown.is_empty(), "fields Create Product does not have: {unknown:?}");
            assert_eq!(body["skus"][0]["price"], json!({"amount": "14.00", "currency": "USD"}));
            assert_eq!(body["package_weight"], json!({"value": "0.09", "unit": "KILOGRAM"}));
            assert_eq!(body["skus"][0]["identifier_code"], json!({"code": "5012345678900", "type": "EAN"}));
            assert_eq!(body["skus"][0]["sales_attributes"][0]["sku_img"], json!({"uri": "tos-us/socks-m"}));
            assert!(body["skus"][0]["sales_attributes"][1].get("sku_img").is_none());
            assert_eq!(body["package_dimensions"]["length"], "21", "whole centimetres, rounded up");
            assert_eq!(
                body["certifications"][0]["files"][0],
                json!({"id": "v09ea0g4", "name": "sds.pdf", "format": "PDF"})
            );
            assert_eq!(body["certifications"][0]["images"][0]["uri"], "tos-us/sds");
        }
        let draft = payload(&plan(SizeChart::default()), &up, "k", true);
        assert_eq!(draft["save_mode"], "AS_DRAFT");
    }
}
