//! TikTok's listing-quality tools for live products, derived from each product's real content so
//! the same product always gets the same answer: Get Products SEO Words (words of its category
//! and brand its title lacks), Get Recommended Product Title And Description (a title of at
//! least 40 characters from the product's own title, category and brand, with exaggerated claims
//! taken out; a description that says what the short one leaves out) and Product Information
//! Issue Diagnosis (the title's length and the number of main images, as the listing check's
//! quality tier counts them; the tier itself only for US shops, as the sandbox's listing check).

use super::audit::CLAIMS;
use super::product::SbProduct;
use super::product_json::{diagnoses, quality_tier};
use crate::sandbox::reply::Reply;
use crate::sandbox::world::World;
use serde_json::{Value, json};

/// The comma-joined `product_ids` of the query, at most `max` (else TikTok's 12019120).
pub fn ids(raw: Option<&String>, max: usize) -> Result<Vec<String>, Reply> {
    let ids: Vec<String> = raw
        .map(|s| s.split(',').map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect())
        .unwrap_or_default();
    if ids.is_empty() {
        return Err(Reply::invalid_param("product_ids is required"));
    }
    if ids.len() > max {
        return Err(Reply::err(200, 12019120, "The number of provided product IDs exceeds the limit."));
    }
    Ok(ids)
}

/// The live products of a shop among `ids`, in the order asked (others are left out).
fn live<'w>(w: &'w World, shop: &str, ids: &[String]) -> Vec<&'w SbProduct> {
    let Some(sp) = w.catalog.shops.get(shop) else { return vec![] };
    ids.iter().filter_map(|id| sp.products.get(id)).filter(|p| p.status == "ACTIVATE").collect()
}

fn leaf_name(w: &World, p: &SbProduct) -> String {
    w.catalog.tree(&p.category_version).chain(&p.category_id).last().map(|n| n.name.clone()).unwrap_or_default()
}

/// SEO words for a product: its category's and brand's words its title lacks (at most 5).
pub fn words_for(w: &World, p: &SbProduct) -> Vec<String> {
    let title = p.title.to_lowercase();
    let mut source: Vec<String> =
        w.catalog.tree(&p.category_version).chain(&p.category_id).iter().rev().map(|n| n.name.clone()).collect();
    if let Some((_, brand)) = &p.brand {
        source.push(brand.clone());
    }
    let mut out: Vec<String> = Vec::new();
    for word in source.iter().flat_map(|s| s.split(|c: char| !c.is_alphanumeric())) {
        let lw = word.to_lowercase();
        if lw.chars().count() >= 3 && !title.contains(&lw) && !out.contains(&lw) && lw != "and" && lw != "for" {
            out.push(lw);
        }
    }
    out.truncate(5);
    out
}

/// A title of at least 40 characters without claims, or None when the product's is fine.
pub fn better_title(w: &World, p: &SbProduct) -> Option<String> {
    let mut t = p.title.clone();
    for c in CLAIMS {
        let lower = t.to_lowercase();
        if let Some(i) = lower.find(c) {
            t.replace_range(i..i + c.len(), "");
        }
    }
    let mut t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() < 40 {
        let words = words_for(w, p);
        let extra: Vec<String> = words.iter().take(3).map(|x| capitalise(x)).collect();
        if !extra.is_empty() {
            t = format!("{t} - {}", extra.join(" "));
        }
        if t.chars().count() < 40 {
            let leaf = leaf_name(w, p);
            if !leaf.is_empty() && !t.to_lowercase().contains(&leaf.to_lowercase()) {
                t = format!("{t}, {leaf}");
            }
        }
    }
    let t: String = t.chars().take(255).collect();
    (t != p.title).then_some(t)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A description naming the title, category and variants, when the product's says little.
pub fn better_description(w: &World, p: &SbProduct) -> Option<String> {
    let text: String = p.description.split('<').map(|s| s.split_once('>').map(|x| x.1).unwrap_or(s)).collect();
    if text.trim().chars().count() >= 100 {
        return None;
    }
    let variants: Vec<&str> = p.skus.iter().map(|k| k.seller_sku.as_str()).collect();
    Some(format!(
        "<p>{}</p><ul><li>{}: {}</li><li>{} option(s): {}</li></ul>",
        if text.trim().is_empty() { p.title.as_str() } else { text.trim() },
        "Category",
        leaf_name(w, p),
        variants.len(),
        variants.join(", ")
    ))
}

pub fn seo_words(w: &World, shop: &str, region: &str, raw: Option<&String>) -> Reply {
    let ids = match ids(raw, 20) {
        Ok(i) => i,
        Err(r) => return r,
    };
    // "US/UK/SEA only" (the reference): elsewhere no words.
    let served = matches!(region, "US" | "GB" | "ID" | "MY" | "PH" | "SG" | "TH" | "VN");
    let products: Vec<Value> = live(w, shop, &ids)
        .into_iter()
        .map(|p| {
            let words = if served { words_for(w, p) } else { vec![] };
            json!({"id": p.id, "seo_words": words.iter().map(|t| json!({"text": t})).collect::<Vec<_>>()})
        })
        .collect();
    Reply::ok(json!({"products": products}))
}

pub fn suggestions(w: &World, shop: &str, raw: Option<&String>) -> Reply {
    let ids = match ids(raw, 20) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let products: Vec<Value> = live(w, shop, &ids)
        .into_iter()
        .map(|p| {
            let mut s = Vec::new();
            if let Some(t) = better_title(w, p) {
                s.push(json!({"field": "TITLE", "items": [{"text": t}]}));
            }
            if let Some(d) = better_description(w, p) {
                s.push(json!({"field": "DESCRIPTION", "items": [{"text": d}]}));
            }
            json!({"id": p.id, "suggestions": s})
        })
        .collect();
    Reply::ok(json!({"products": products}))
}

pub fn diagnose(w: &World, shop: &str, region: &str, raw: Option<&String>) -> Reply {
    let ids = match ids(raw, 200) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let products: Vec<Value> = live(w, shop, &ids)
        .into_iter()
        .map(|p| {
            let images = p.main_images.len();
            let open: Vec<Value> = diagnoses(&p.title, images)
                .iter()
                .filter(|d| !d.4)
                .map(|(field, code, how, tier, _)| {
                    let (words, texts) = if *field == "TITLE" {
                        (words_for(w, p), better_title(w, p).into_iter().collect::<Vec<_>>())
                    } else {
                        (vec![], vec![])
                    };
                    json!({"field": field,
                        "diagnosis_results": [{"code": code, "how_to_solve": how, "quality_tier": tier}],
                        "suggestion": {"seo_words": words.iter().map(|t| json!({"text": t})).collect::<Vec<_>>(),
                            "smart_texts": texts.iter().map(|t| json!({"text": t})).collect::<Vec<_>>(),
                            "images": []}})
                })
                .collect();
            let tier = if region == "US" { quality_tier(&p.title, images) } else { "" };
            json!({"id": p.id, "listing_quality": {"current_tier": tier, "remaining_recommendations": open.len()},
                "diagnoses": open})
        })
        .collect();
    Reply::ok(json!({"products": products}))
}
