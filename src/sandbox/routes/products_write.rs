//! Product family, the listing half: Upload Product Image / File (multipart, checked for format,
//! size and pixels), Create Product, Edit and Partial Edit (202309 and 202509, answered alike),
//! Get Product, Search Products (202309, 202312 and 202502, each with its own fields) and Check
//! Product Listing.

use super::paging::{cursor, page_size, token};
use crate::sandbox::catalog::product::{self, Ctx};
use crate::sandbox::catalog::product_json::{self, ProductView};
use crate::sandbox::catalog::{SbFile, SbImage, audit, json as cj};
use crate::sandbox::gateway::{Call, CipherRule, Route};
use crate::sandbox::multipart;
use crate::sandbox::reply::Reply;
use crate::sandbox::world::World;
use axum::http::Method;
use serde_json::{Value, json};

pub fn routes() -> Vec<Route> {
    let r = |method, pattern, cipher, handler| Route { method, pattern, cipher, handler };
    vec![
        r(Method::POST, "/product/202309/images/upload", CipherRule::Forbidden, upload_image),
        r(Method::POST, "/product/202309/files/upload", CipherRule::Forbidden, upload_file),
        r(Method::POST, "/product/202309/products", CipherRule::Required, create),
        r(Method::PUT, "/product/202509/products/{product_id}", CipherRule::Required, edit),
        r(Method::PUT, "/product/202309/products/{product_id}", CipherRule::Required, edit),
        r(Method::POST, "/product/202509/products/{product_id}/partial_edit", CipherRule::Required, partial_edit),
        r(Method::POST, "/product/202309/products/{product_id}/partial_edit", CipherRule::Required, partial_edit),
        r(Method::GET, "/product/202309/products/{product_id}", CipherRule::Required, get),
        r(Method::POST, "/product/202502/products/search", CipherRule::Required, search_202502),
        r(Method::POST, "/product/202312/products/search", CipherRule::Required, search_202312),
        r(Method::POST, "/product/202309/products/search", CipherRule::Required, search_202309),
        r(Method::POST, "/product/202309/products/listing_check", CipherRule::Required, listing_check),
    ]
}

const USE_CASES: [&str; 5] =
    ["MAIN_IMAGE", "ATTRIBUTE_IMAGE", "DESCRIPTION_IMAGE", "CERTIFICATION_IMAGE", "SIZE_CHART_IMAGE"];

fn upload_image(w: &mut World, c: &Call) -> Reply {
    let parts = match multipart::parse(&c.body, &c.content_type) {
        Ok(p) => p,
        Err(_) => {
            return Reply::err(
                200,
                12038002,
                "Invalid upload file. Please ensure you are passing the correct file data.",
            );
        }
    };
    let Some(data) = parts.iter().find(|p| p.name == "data") else {
        return Reply::err(200, 12038002, "Invalid upload file. Please ensure you are passing the correct file data.");
    };
    let use_case = parts
        .iter()
        .find(|p| p.name == "use_case")
        .map(|p| String::from_utf8_lossy(&p.data).trim().to_string())
        .unwrap_or_else(|| "MAIN_IMAGE".into());
    if !USE_CASES.contains(&use_case.as_str()) {
        return Reply::err(200, 11050001, "invalid param");
    }
    if data.data.len() > 10 * 1024 * 1024 {
        return Reply::err(200, 12038005, "The file size exceeds the maximum allowed size.");
    }
    let reader = image::ImageReader::new(std::io::Cursor::new(&data.data)).with_guessed_format();
    let dims = reader.ok().filter(|r| r.format().is_some()).and_then(|r| r.into_dimensions().ok());
    let Some((width, height)) = dims else {
        return Reply::err(
            200,
            12038015,
            "Failed to process the image. The format or content is not supported. Supported formats: JPG, JPEG, PNG, \
                WEBP, HEIC, BMP",
        );
    };
    let (min, max) = match use_case.as_str() {
        "MAIN_IMAGE" => (300, 4000),
        _ => (100, 20_000),
    };
    if width < min || height < min || width > max || height > max {
        return Reply::err(
            200,
            12038014,
            format!(
                "The image dimensions exceed the allowed limits. Allowed dimensions (width x height in pixels): {min} \
                    x {min} to {max} x {max}"
            ),
        );
    }
    if use_case == "SIZE_CHART_IMAGE" && width.min(height) < 1024 {
        return Reply::err(
            200,
            12038014,
            "The image dimensions exceed the allowed limits. Allowed dimensions (width x height in pixels): 1024 x \
                1024 to 20000 x 20000",
        );
    }
    // Outside 3:4..4:3, main and attribute images become square (the reference says so).
    let (mut width, mut height) = (width, height);
    let ratio = f64::from(width) / f64::from(height);
    if matches!(use_case.as_str(), "MAIN_IMAGE" | "ATTRIBUTE_IMAGE") && !(0.75..=4.0 / 3.0).contains(&ratio) {
        let side = width.max(height);
        (width, height) = (side, side);
    }
    let uri = format!("tos-maliva-i-o3syd03w52-us/{}", w.token_text("", 24).to_lowercase());
    w.catalog.images.insert(
        uri.clone(),
        SbImage { uri: uri.clone(), open_id: c.open_id.clone(), width, height, use_case: use_case.clone() },
    );
    w.catalog.optimize.bytes.insert(uri.clone(), data.data.clone());
    let url = format!("{}/_sandbox/images/{uri}", w.base_url);
    Reply::ok(json!({"uri": uri, "url": url, "height": height, "width": width, "use_case": use_case}))
}

fn upload_file(w: &mut World, c: &Call) -> Reply {
    let parts = match multipart::parse(&c.body, &c.content_type) {
        Ok(p) => p,
        Err(_) => {
            return Reply::err(
                200,
                12038002,
                "Invalid upload file. Please ensure you are passing the correct file data.",
            );
        }
    };
    let name = parts
        .iter()
        .find(|p| p.name == "name")
        .map(|p| String::from_utf8_lossy(&p.data).trim().to_string())
        .unwrap_or_default();
    if name.is_empty() {
        return Reply::err(200, 12019104, "The file name is empty.");
    }
    let Some(data) = parts.iter().find(|p| p.name == "data") else {
        return Reply::err(200, 12019103, "Couldn't upload file, the file is empty.");
    };
    if data.data.is_empty() {
        return Reply::err(200, 12019103, "Couldn't upload file, the file is empty.");
    }
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_uppercase();
    let is_pdf = data.data.starts_with(b"%PDF-");
    if name.contains(' ') || name.matches('.').count() != 1 || !(ext == "PDF" && is_pdf) {
        return Reply::err(200, 12019105, "Failed to process the file. The format or content is not supported.");
    }
    if data.data.len() > 20 * 1024 * 1024 {
        return Reply::err(200, 12038005, "The file size exceeds the maximum allowed size.");
    }
    let id = format!("v09e40f4{}", w.token_text("", 24).to_lowercase());
    w.catalog.files.insert(
        id.clone(),
        SbFile { id: id.clone(), open_id: c.open_id.clone(), name: name.clone(), format: "PDF".into() },
    );
    let url = format!("{}/_sandbox/files/{id}", w.base_url);
    Reply::ok(json!({"id": id, "url": url, "name": name.to_ascii_uppercase(), "format": "PDF"}))
}

fn shop_of(c: &Call) -> Option<crate::sandbox::world::ShopRecord> {
    c.shop.clone()
}

fn create(w: &mut World, c: &Call) -> Reply {
    let (Ok(body), Some(shop)) = (c.json(), shop_of(c)) else { return Reply::invalid_param("Invalid request body") };
    match audit::create(w, &shop, &c.open_id, &body, c.now) {
        Ok((p, warnings)) => Reply::ok(cj::written(&p, &warnings, false)),
        Err((code, msg)) => Reply::err(200, code, msg),
    }
}

fn edit_with(w: &mut World, c: &Call, partial: bool) -> Reply {
    let (Ok(body), Some(shop)) = (c.json(), shop_of(c)) else { return Reply::invalid_param("Invalid request body") };
    let id = c.path_params.first().cloned().unwrap_or_default();
    match audit::edit(w, &shop, &c.open_id, &id, &body, partial, c.now) {
        // Partial Edit answers without warnings (its reference response has none).
        Ok((p, _)) if partial => {
            Reply::ok(json!({"product_id": p.id, "skus": product_json::written_skus(&p), "audit": {"status": p.audit}}))
        }
        Ok((p, warnings)) => Reply::ok(cj::written(&p, &warnings, true)),
        Err((code, msg)) => Reply::err(200, code, msg),
    }
}

fn edit(w: &mut World, c: &Call) -> Reply {
    edit_with(w, c, false)
}

fn partial_edit(w: &mut World, c: &Call) -> Reply {
    edit_with(w, c, true)
}

fn get(w: &mut World, c: &Call) -> Reply {
    let id = c.path_params.first().map(String::as_str).unwrap_or("");
    match w.catalog.shops.get(c.shop_id()).and_then(|s| s.products.get(id)) {
        Some(p) => Reply::ok(product_json::product(p, &view(w, c.shop_id(), &p.category_version))),
        None => Reply::err(200, 12052032, "The product does not exist"),
    }
}

/// What Get Product shows of the world around a product.
pub fn view<'w>(w: &'w World, shop_id: &str, category_version: &str) -> ProductView<'w> {
    ProductView {
        tree: w.catalog.tree(category_version),
        images: &w.catalog.images,
        delivery_options: w.commerce.get(shop_id).map(|c| c.delivery_options.as_slice()).unwrap_or(&[]),
        region: w.shops.get(shop_id).map(|s| s.region.as_str()).unwrap_or(""),
        base_url: &w.base_url,
    }
}

fn search_202309(w: &mut World, c: &Call) -> Reply {
    search(w, c, 202309)
}

fn search_202312(w: &mut World, c: &Call) -> Reply {
    search(w, c, 202312)
}

fn search_202502(w: &mut World, c: &Call) -> Reply {
    search(w, c, 202502)
}

fn search(w: &mut World, c: &Call, version: u32) -> Reply {
    let size = match page_size(c, 100, None) {
        Ok(n) => n,
        Err(_) => return Reply::err(200, 12019109, "page size is invalid"),
    };
    let after = match cursor(c) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let status = body.get("status").and_then(Value::as_str).unwrap_or("ALL").to_string();
    let skus: Vec<String> = body
        .get("seller_skus")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
        .unwrap_or_default();
    if skus.len() > 10 {
        return Reply::err(200, 12019027, "The maximum count of “seller_skus” in the search filter is 10.");
    }
    let int = |k: &str| body.get(k).and_then(Value::as_i64);
    let (uge, ule) = (int("update_time_ge"), int("update_time_le"));
    let region = c.shop.as_ref().map(|s| s.region.clone()).unwrap_or_default();
    let Some(sp) = w.catalog.shops.get(c.shop_id()) else {
        return Reply::ok(json!({"products": [], "total_count": 0, "next_page_token": ""}));
    };
    // Newest update first, then id: a stable order for page tokens.
    let mut all: Vec<_> = sp
        .products
        .values()
        .filter(|p| status == "ALL" || p.status == status)
        .filter(|p| skus.is_empty() || p.skus.iter().any(|s| skus.contains(&s.seller_sku)))
        .filter(|p| uge.is_none_or(|t| p.update_time >= t) && ule.is_none_or(|t| p.update_time <= t))
        .collect();
    all.sort_by(|a, b| (b.update_time, &b.id).cmp(&(a.update_time, &a.id)));
    let start = match &after {
        Some((t, id)) => all.iter().position(|p| (p.update_time, &p.id) < (*t, id)).unwrap_or(all.len()),
        None => 0,
    };
    // Only the first 10,000 results can be paged through (12052180).
    if start >= 10_000 {
        return Reply::err(200, 12052180, "The total number of search results can not exceed 10000.");
    }
    let page: Vec<_> = all.iter().skip(start).take(size).collect();
    let next = if start + size < all.len() {
        page.last().map(|p| token(p.update_time, &p.id)).unwrap_or_default()
    } else {
        String::new()
    };
    Reply::ok(json!({
        "products": page
            .iter()
            .map(|p| product_json::search_row(p, &region, version, w.catalog.tree(&p.category_version)))
            .collect::<Vec<_>>(),
        "total_count": all.len(),
        "next_page_token": next,
    }))
}

fn listing_check(w: &mut World, c: &Call) -> Reply {
    let (Ok(body), Some(shop)) = (c.json(), shop_of(c)) else { return Reply::invalid_param("Invalid request body") };
    let commerce = w.commerce.get(&shop.id);
    let currency = commerce.map(|x| x.currency.to_string()).unwrap_or_else(|| "USD".into());
    let warehouses = commerce
        .map(|x| x.warehouses.iter().filter(|h| h.kind == "SALES_WAREHOUSE").map(|h| h.id.clone()).collect())
        .unwrap_or_default();
    let ctx = Ctx { world: &w.catalog, region: &shop.region, open_id: &c.open_id, warehouses, currency: &currency };
    let mut warnings = Vec::new();
    let mut with_version = body.clone();
    if shop.region == "US" && with_version.get("category_version").is_none() {
        with_version["category_version"] = json!("v2");
    }
    let (result, fails) = match product::check(&ctx, &with_version, &mut warnings) {
        Ok(_) => ("PASS", vec![]),
        Err((code, message)) => ("FAILED", vec![json!({"code": code, "message": message})]),
    };
    let (quality, diagnoses) = listing_quality(&body, &shop.region);
    Reply::ok(json!({
        "check_result": result, "fail_reasons": fails, "warnings": {"message": warnings.join(" ")},
        "listing_quality": quality, "diagnoses": diagnoses,
    }))
}

/// The (deprecated) listing quality of a US listing and the recommendations left to reach the
/// top tier; other markets have no tier. The sandbox makes no SEO, text or image suggestions.
fn listing_quality(body: &Value, region: &str) -> (Value, Vec<Value>) {
    if region != "US" {
        return (json!({"current_tier": "", "remaining_recommendations": 0}), vec![]);
    }
    let title = body.get("title").and_then(Value::as_str).unwrap_or("");
    let images = body.get("main_images").and_then(Value::as_array).map(Vec::len).unwrap_or(0);
    let diagnoses: Vec<Value> = product_json::diagnoses(title, images)
        .iter()
        .filter(|d| !d.4)
        .map(|(field, code, how, tier, _)| {
            json!({"field": field, "diagnosis_results": [{"code": code, "how_to_solve": how, "quality_tier": tier}],
                "suggestions": {"seo_words": [], "smart_texts": [], "images": []}})
        })
        .collect();
    let current_tier = product_json::quality_tier(title, images);
    (json!({"current_tier": current_tier, "remaining_recommendations": diagnoses.len()}), diagnoses)
}
