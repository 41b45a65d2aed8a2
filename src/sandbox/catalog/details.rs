//! A Partial Edit's gallery, attributes and package on a Seller Center product: `main_images`
//! (1 to 9 URIs this seller uploaded, at least 300 px), `product_attributes` (values by id or
//! custom name; a built-in id keeps its name), `package_weight` (a positive value in KILOGRAM,
//! POUND or GRAM) and `package_dimensions` (positive whole numbers in CENTIMETER or INCH).

use super::product::{Fail, SbProduct};
use crate::sandbox::world::World;
use serde_json::{Map, Value, json};

fn s<'v>(v: &'v Value, k: &str) -> &'v str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn invalid() -> Fail {
    (12052910, "Invalid input parameters. Refer to the API documentation for details.".into())
}

fn positive(v: &str) -> bool {
    v.trim().parse::<f64>().is_ok_and(|x| x > 0.0)
}

pub fn apply(w: &World, old: &SbProduct, fields: &Map<String, Value>, p: &mut SbProduct) -> Result<(), Fail> {
    if let Some(imgs) = fields.get("main_images") {
        let imgs = imgs.as_array().ok_or_else(invalid)?;
        if imgs.is_empty() || imgs.len() > 9 {
            return Err((12052306, "main product images count exceed limit".into()));
        }
        let mut uris = Vec::new();
        for i in imgs {
            let uri = s(i, "uri");
            let owner = w.shops.get(&old.shop_id).map(|r| r.seller_open_id.as_str());
            let Some(img) = w.catalog.images.get(uri).filter(|img| Some(img.open_id.as_str()) == owner) else {
                return Err((12052300, "product main image uri illegal".into()));
            };
            if img.width < 300 || img.height < 300 {
                return Err((
                    12052301,
                    format!("Width and length of main image must be at least 300, check uri {uri}"),
                ));
            }
            uris.push(uri.to_string());
        }
        p.main_images = uris;
    }
    if let Some(attrs) = fields.get("product_attributes") {
        let mut out = Vec::new();
        for a in attrs.as_array().ok_or_else(invalid)? {
            let id = s(a, "id");
            if id.is_empty() {
                return Err(invalid());
            }
            let known = old.attributes.iter().find(|(i, _, _)| i == id);
            let name = known.map(|(_, n, _)| n.clone()).unwrap_or_default();
            let values = a
                .get("values")
                .and_then(Value::as_array)
                .map(|vs| {
                    vs.iter()
                        .map(|v| {
                            let (vid, vname) = (s(v, "id"), s(v, "name"));
                            let kept =
                                known.and_then(|(_, _, ks)| ks.iter().find(|(k, _)| !vid.is_empty() && k == vid));
                            (vid.to_string(), kept.map(|(_, n)| n.clone()).unwrap_or_else(|| vname.to_string()))
                        })
                        .collect()
                })
                .unwrap_or_default();
            out.push((id.to_string(), name, values));
        }
        p.attributes = out;
    }
    if let Some(wt) = fields.get("package_weight") {
        let (v, u) = (s(wt, "value"), s(wt, "unit"));
        if !positive(v) || !matches!(u, "KILOGRAM" | "POUND" | "GRAM") {
            return Err(invalid());
        }
        p.package_weight = (v.to_string(), u.to_string());
    }
    if let Some(d) = fields.get("package_dimensions") {
        let whole = |k: &str| s(d, k).trim().parse::<u32>().is_ok_and(|n| n > 0);
        let unit = matches!(s(d, "unit"), "CENTIMETER" | "INCH");
        if !(whole("length") && whole("width") && whole("height") && unit) {
            return Err(invalid());
        }
        p.package_dimensions = Some(json!({"length": s(d, "length"), "width": s(d, "width"),
            "height": s(d, "height"), "unit": s(d, "unit")}));
    }
    Ok(())
}
