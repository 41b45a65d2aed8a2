//! Diagnose and Optimize Product (`POST /product/202411/products/diagnose_optimize`, reference
//! page `diagnose-and-optimize-product`): a brand-new product described in the body (no
//! `product_id`), or a live one (`product_id`) with the body's fields over its own. Derived from
//! the content, so the same product gets the same answer, with codes from TikTok's "Listing
//! quality diagnosis" table: a title under 40 characters or with claims (TITLE_LESS_THAN_40_
//! CHARACTERS, TITLE_INCLUDE_ADVERTISE), a description under 80 characters of text
//! (DESCRIPTION_CHARACTERS_LESS_THAN_80_CHARS), a first image under 600x600 or not on a plain
//! white background, judged from its real pixels (MAIN_IMG_FIRST_IMG_LOW_QUALITY,
//! MAIN_IMG_FIRSTIMG_LOW_QUALITY_BACKGROUND), fewer than 5 images (MAIN_IMG_LESS_THAN_5_IMAGES).
//! Suggestions only for the `optimization_fields` asked (TITLE, DESCRIPTION, IMAGE or ALL):
//! SEO words and a title, a description, and the first image with a white background.
//! The tier (US only) is POOR while a FAIR recommendation is open, FAIR while a GOOD one is.

use super::audit::CLAIMS;
use super::product::SbProduct;
use super::{optimize, quality, whiten};
use crate::sandbox::gateway::Call;
use crate::sandbox::reply::Reply;
use crate::sandbox::world::World;
use serde_json::{Value, json};

fn s<'v>(v: &'v Value, k: &str) -> &'v str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn blank(shop: &str) -> SbProduct {
    SbProduct {
        id: String::new(),
        shop_id: shop.into(),
        title: String::new(),
        description: String::new(),
        category_id: String::new(),
        category_version: String::new(),
        brand: None,
        main_images: vec![],
        skus: vec![],
        attributes: vec![],
        package_weight: (String::new(), String::new()),
        package_dimensions: None,
        certifications: vec![],
        size_chart: None,
        status: "DRAFT",
        audit: "NONE",
        pre_approved: vec![],
        audit_failed: vec![],
        create_time: 0,
        update_time: 0,
        idempotency_key: None,
        external_product_id: String::new(),
        body: json!({}),
    }
}

/// The fields suggestions are asked for (a string or a list; ALL means every one).
fn asked(body: &Value) -> Vec<String> {
    let raw: Vec<String> = match body.get("optimization_fields") {
        Some(Value::String(x)) => vec![x.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(|v| v.as_str().map(String::from)).collect(),
        _ => vec![],
    };
    if raw.iter().any(|f| f == "ALL") {
        return ["TITLE", "DESCRIPTION", "IMAGE"].map(String::from).to_vec();
    }
    raw
}

fn text_of(html: &str) -> String {
    html.split('<').map(|x| x.split_once('>').map(|y| y.1).unwrap_or(x)).collect::<String>().trim().to_string()
}

pub fn diagnose_optimize(w: &mut World, c: &Call) -> Reply {
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let shop = c.shop_id().to_string();
    let region = c.shop.as_ref().map(|x| x.region.clone()).unwrap_or_default();
    let version = if region == "US" { "v2" } else { "v1" };
    let category = s(&body, "category_id");
    if category.is_empty() {
        return Reply::invalid_param("category_id is required");
    }
    match w.catalog.tree(version).get(category) {
        None => return Reply::err(200, 12052023, "Category does not exist"),
        Some(n) if !n.is_leaf => return Reply::err(200, 12052024, "Category is not final category"),
        Some(_) => {}
    }
    let pid = s(&body, "product_id");
    let mut p = if pid.is_empty() {
        blank(&shop)
    } else {
        match w.catalog.shops.get(&shop).and_then(|sp| sp.products.get(pid)) {
            Some(p) => p.clone(),
            None => return Reply::err(200, 12052032, "The product does not exist"),
        }
    };
    p.category_id = category.to_string();
    p.category_version = version.into();
    for (k, slot) in [("title", &mut p.title), ("description", &mut p.description)] {
        if let Some(v) = body.get(k).and_then(Value::as_str) {
            *slot = v.to_string();
        }
    }
    if let Some(b) = body.get("brand_id").and_then(Value::as_str).filter(|b| !b.is_empty()) {
        p.brand = w.catalog.brand(b, &c.open_id).map(|x| (x.id.clone(), x.name.clone()));
    }
    if let Some(imgs) = body.get("main_images").and_then(Value::as_array) {
        let mut uris = Vec::new();
        for i in imgs {
            let uri = s(i, "uri");
            if w.catalog.images.get(uri).is_none_or(|x| x.open_id != c.open_id) {
                return Reply::err(200, 12052300, "product main image uri illegal");
            }
            uris.push(uri.to_string());
        }
        p.main_images = uris;
    }
    let fields = asked(&body);
    let wants = |f: &str| fields.iter().any(|x| x == f);
    let first = p.main_images.first().and_then(|u| w.catalog.images.get(u).cloned());
    let white =
        first.as_ref().and_then(|i| w.catalog.optimize.bytes.get(&i.uri)).and_then(|b| whiten::background_is_white(b));
    let title_low = p.title.to_lowercase();
    let issues: Vec<(&str, &str, &str, &str)> = [
        (
            p.title.chars().count() < 40,
            "TITLE",
            "TITLE_LESS_THAN_40_CHARACTERS",
            "Extend the title to at least 40 characters.",
            "FAIR",
        ),
        (
            CLAIMS.iter().any(|x| title_low.contains(x)),
            "TITLE",
            "TITLE_INCLUDE_ADVERTISE",
            "Remove promotional phrases such as \"Last unit\", \"50% discount\", or \"Limited time only\".",
            "FAIR",
        ),
        (
            text_of(&p.description).chars().count() < 80,
            "DESCRIPTION",
            "DESCRIPTION_CHARACTERS_LESS_THAN_80_CHARS",
            "Provide a description of at least 80 characters and/or add images.",
            "FAIR",
        ),
        (
            first.as_ref().is_some_and(|i| i.width < 600 || i.height < 600),
            "IMAGE",
            "MAIN_IMG_FIRST_IMG_LOW_QUALITY",
            "First image: Image resolution must be at least 600*600px.",
            "FAIR",
        ),
        (
            white == Some(false),
            "IMAGE",
            "MAIN_IMG_FIRSTIMG_LOW_QUALITY_BACKGROUND",
            "First image: Use a plain, solid color background to highlight the product.",
            "FAIR",
        ),
        (p.main_images.len() < 5, "IMAGE", "MAIN_IMG_LESS_THAN_5_IMAGES", "Assign 5 or more product images.", "GOOD"),
    ]
    .into_iter()
    .filter(|x| x.0)
    .map(|(_, f, code, how, tier)| (f, code, how, tier))
    .collect();
    let mut diagnoses = Vec::new();
    for field in ["TITLE", "DESCRIPTION", "IMAGE"] {
        let results: Vec<Value> = issues
            .iter()
            .filter(|i| i.0 == field)
            .map(|(_, code, how, tier)| json!({"code": code, "how_to_solve": how, "quality_tier": tier}))
            .collect();
        if results.is_empty() {
            continue;
        }
        let mut d = json!({"field": field, "diagnosis_results": results});
        if wants(field) {
            let texts = |t: Option<String>| t.into_iter().map(|x| json!({"text": x})).collect::<Vec<_>>();
            let (words, smart, images) = match field {
                "TITLE" => {
                    let words: Vec<Value> = quality::words_for(w, &p).into_iter().map(|x| json!({"text": x})).collect();
                    (words, texts(quality::better_title(w, &p)), vec![])
                }
                "DESCRIPTION" => (vec![], texts(quality::better_description(w, &p)), vec![]),
                _ => (vec![], vec![], first_whitened(w, first.as_ref(), white, c.now)),
            };
            d["suggestion"] = json!({"seo_words": words, "smart_texts": smart, "images": images});
        }
        diagnoses.push(d);
    }
    let tier = if region != "US" {
        ""
    } else if issues.iter().any(|i| i.3 == "FAIR") {
        "POOR"
    } else if issues.is_empty() {
        "GOOD"
    } else {
        "FAIR"
    };
    let remaining = if region == "US" { issues.len() } else { 0 };
    Reply::ok(json!({"listing_quality": {"current_tier": tier, "remaining_recommendations": remaining},
        "diagnoses": diagnoses}))
}

/// The first image with a white background, when it has another one: made now if not yet.
fn first_whitened(w: &mut World, first: Option<&super::SbImage>, white: Option<bool>, now: i64) -> Vec<Value> {
    let Some(img) = first.filter(|_| white == Some(false)) else { return vec![] };
    if !w.catalog.optimize.jobs.contains_key(&img.uri) && optimize::start(w, img, now).is_err() {
        return vec![];
    }
    let Some(o) = w.catalog.optimize.jobs.get(&img.uri).map(|j| j.optimized_uri.clone()) else { return vec![] };
    let url = |u: &str| format!("{}/_sandbox/images/{u}", w.base_url);
    vec![json!({"height": img.height, "width": img.width, "uri": img.uri, "url": url(&img.uri),
        "optimized_uri": o, "optimized_url": url(&o)})]
}
