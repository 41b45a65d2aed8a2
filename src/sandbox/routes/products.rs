//! Product family, the catalogue half: Get Categories (v1/v2, keyword), Get Category Rules, Get
//! Attributes, Recommend Category (keyword-based), Get Brands (authorized filter, prefix, page
//! tokens), Create Custom Brands (with TikTok's limits) and Check Listing Prerequisites (202312,
//! and the 202309 version with its older shape).

use super::paging::{cursor, page_size, token};
use crate::sandbox::catalog::tree::{Node, Tree};
use crate::sandbox::catalog::{PREREQUISITES, json as cj, rules};
use crate::sandbox::gateway::{Call, CipherRule, Route};
use crate::sandbox::reply::Reply;
use crate::sandbox::world::World;
use axum::http::Method;
use serde_json::json;

pub fn routes() -> Vec<Route> {
    let r = |method, pattern, cipher, handler| Route { method, pattern, cipher, handler };
    vec![
        r(Method::GET, "/product/202309/categories", CipherRule::Required, categories),
        r(Method::GET, "/product/202309/categories/{category_id}/rules", CipherRule::Required, category_rules),
        r(Method::GET, "/product/202309/categories/{category_id}/attributes", CipherRule::Required, attributes),
        r(Method::POST, "/product/202309/categories/recommend", CipherRule::Optional, recommend),
        r(Method::GET, "/product/202309/brands", CipherRule::Required, brands),
        r(Method::POST, "/product/202309/brands", CipherRule::Forbidden, create_brand),
        r(Method::GET, "/product/202312/prerequisites", CipherRule::Required, prerequisites),
        r(Method::GET, "/product/202309/prerequisites", CipherRule::Required, prerequisites_202309),
    ]
}

const VERSION_ERR: &str = "Incorrect category version. For US shops or global sellers with an active US shop, specify \
    'category version=v2'. For shops in other regions specify 'category_version=v1'.";

/// The tree the call asks for, refusing v1 for US shops (12052217).
fn tree<'w>(w: &'w World, c: &Call, version: Option<&str>) -> Result<&'w Tree, Reply> {
    let v =
        version.map(String::from).or_else(|| c.query.get("category_version").cloned()).unwrap_or_else(|| "v1".into());
    if !matches!(v.as_str(), "v1" | "v2") {
        return Err(Reply::err(200, 12019210, "publish param invalid"));
    }
    let region = c.shop.as_ref().map(|s| s.region.as_str()).unwrap_or("");
    if region == "US" && v != "v2" {
        return Err(Reply::err(200, 12052217, VERSION_ERR));
    }
    Ok(w.catalog.tree(&v))
}

fn leaf<'w>(t: &'w Tree, c: &Call) -> Result<&'w Node, Reply> {
    let id = c.path_params.first().map(String::as_str).unwrap_or("");
    match t.get(id) {
        None => Err(Reply::err(200, 12052023, "Category does not exist")),
        Some(n) if !n.is_leaf => Err(Reply::err(200, 12052024, "Category is not final category")),
        Some(n) => Ok(n),
    }
}

fn categories(w: &mut World, c: &Call) -> Reply {
    let t = match tree(w, c, None) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let keyword = c.query.get("keyword").map(|k| k.to_lowercase()).filter(|k| !k.is_empty());
    let list: Vec<_> = t
        .nodes
        .iter()
        .filter(|n| keyword.as_ref().is_none_or(|k| n.name.to_lowercase().contains(k)))
        .map(cj::category)
        .collect();
    Reply::ok(json!({"categories": list}))
}

fn category_rules(w: &mut World, c: &Call) -> Reply {
    let t = match tree(w, c, None) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let n = match leaf(t, c) {
        Ok(n) => n,
        Err(r) => return r,
    };
    if n.permission == "INVITE_ONLY" && c.shop.as_ref().is_some_and(|s| s.region != "US") {
        return Reply::err(
            200,
            12052223,
            "This category is restricted. To sell in this category, apply through the Qualification Center in Seller \
                Center.",
        );
    }
    let region = c.shop.as_ref().map(|s| s.region.as_str()).unwrap_or("");
    Reply::ok(cj::rules(&rules::rules(n, region)))
}

fn attributes(w: &mut World, c: &Call) -> Reply {
    let t = match tree(w, c, None) {
        Ok(t) => t,
        Err(r) => return r,
    };
    match leaf(t, c) {
        Ok(n) => Reply::ok(json!({"attributes": rules::attributes(n).iter().map(cj::attribute).collect::<Vec<_>>()})),
        Err(r) => r,
    }
}

fn recommend(w: &mut World, c: &Call) -> Reply {
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let title = body.get("product_title").and_then(|v| v.as_str()).unwrap_or("").trim();
    if title.is_empty() {
        return Reply::err(200, 12052261, "product name is empty");
    }
    if title.chars().count() > 255 {
        return Reply::err(200, 12052051, "The product name exceed max limit characters");
    }
    let description = body.get("description").and_then(|v| v.as_str()).unwrap_or("");
    if description.chars().count() > 10_000 {
        return Reply::err(200, 12052013, "The product description cannot exceed maximum characters");
    }
    for i in body.get("images").and_then(|v| v.as_array()).map(Vec::as_slice).unwrap_or(&[]) {
        let uri = i.get("uri").and_then(|v| v.as_str()).unwrap_or("");
        if !w.catalog.images.contains_key(uri) {
            return Reply::err(200, 12052722, "The image URI does not exist in TikTok Shop.");
        }
    }
    let version = body.get("category_version").and_then(|v| v.as_str());
    let t = match tree(w, c, Some(version.unwrap_or("v1"))) {
        Ok(t) => t,
        Err(r) => return r,
    };
    // The title weighs most; the description helps break ties.
    let text = format!("{title} {title} {}", strip_tags(description));
    let Some(n) = t.recommend(&text).or_else(|| t.recommend(title)) else {
        return Reply::err(
            200,
            12019064,
            "No matching categories. Provide the full name of your product, edit its product properties, and try \
                again.",
        );
    };
    let chain: Vec<_> = t
        .chain(&n.id)
        .iter()
        .map(|x| {
            json!({
                "id": x.id, "name": x.name, "level": x.level, "is_leaf": x.is_leaf,
                "permission_statuses": [x.permission],
            })
        })
        .collect();
    Reply::ok(json!({"leaf_category_id": n.id, "categories": chain}))
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut inside = false;
    for ch in html.chars() {
        match ch {
            '<' => inside = true,
            '>' => {
                inside = false;
                out.push(' ');
            }
            _ if !inside => out.push(ch),
            _ => {}
        }
    }
    out
}

fn brands(w: &mut World, c: &Call) -> Reply {
    let size = match page_size(c, 100, None) {
        Ok(n) => n,
        Err(_) => return Reply::err(200, 12019109, "page size is invalid"),
    };
    let after = match cursor(c) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let only_authorized = matches!(c.query.get("is_authorized").map(String::as_str), Some("1") | Some("true"));
    let prefix = c.query.get("brand_name").map(|p| p.to_lowercase()).unwrap_or_default();
    let category = c.query.get("category_id").filter(|x| !x.is_empty());
    if let Some(id) = category
        && w.catalog.v1.get(id).is_none()
        && w.catalog.v2.get(id).is_none()
    {
        return Reply::err(200, 12052023, "Category does not exist");
    }
    let matching: Vec<_> = w
        .catalog
        .brands
        .iter()
        .enumerate()
        .filter(|(_, b)| b.name.to_lowercase().starts_with(&prefix))
        .filter(|(_, b)| !only_authorized || b.authorized_for(&c.open_id))
        .collect();
    let start = after.map(|(i, _)| i as usize + 1).unwrap_or(0);
    let page: Vec<_> = matching.iter().filter(|(i, _)| *i >= start).take(size + 1).collect();
    let more = page.len() > size;
    let rows: Vec<_> = page.iter().take(size).map(|(_, b)| cj::brand(b, &c.open_id, category.is_some())).collect();
    let next =
        if more { page.get(size - 1).map(|(i, b)| token(*i as i64, &b.id)).unwrap_or_default() } else { String::new() };
    Reply::ok(json!({"brands": rows, "total_count": matching.len(), "next_page_token": next}))
}

fn create_brand(w: &mut World, c: &Call) -> Reply {
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let name = body.get("name").and_then(|v| v.as_str()).unwrap_or("").trim().to_string();
    let n = name.chars().count();
    if n < 2 {
        return Reply::err(200, 12052189, "Brand names must be at least 2 characters.");
    }
    if n > 30 {
        return Reply::err(200, 12052190, "Brand names must not be longer than 30 characters.");
    }
    if name.chars().any(|ch| !(ch.is_ascii_graphic() || ch == ' ' || ch.is_alphabetic())) {
        return Reply::err(200, 12052191, "Brand names can't include special fonts or emoticons.");
    }
    let run = name
        .chars()
        .fold((0, 0), |(cur, best), ch| if ch.is_ascii_digit() { (cur + 1, best.max(cur + 1)) } else { (0, best) })
        .1;
    if run >= 5 {
        return Reply::err(200, 12052192, "The brand name can't contain 5 or more consecutive numbers.");
    }
    if w.catalog.brands.iter().any(|b| b.name.eq_ignore_ascii_case(&name)) {
        return Reply::err(200, 12052205, "This brand name already exists.");
    }
    let day = c.now.div_euclid(86_400);
    let (d, today, total) = w.catalog.custom_brands.get(&c.open_id).copied().unwrap_or((day, 0, 0));
    let today = if d == day { today } else { 0 };
    if total >= 1_000 {
        return Reply::err(200, 12052203, "The total number of brands you have created exceeds the limit.");
    }
    if today >= 50 {
        return Reply::err(200, 12052202, "The total number of brands you have created today exceeds the limit.");
    }
    let id = w.digits('7', 19);
    w.catalog.custom_brands.insert(c.open_id.clone(), (day, today + 1, total + 1));
    w.catalog.add_seller_brand(&name, &c.open_id, &id);
    let id = w.catalog.brands.iter().find(|b| b.name == name).map(|b| b.id.clone()).unwrap_or(id);
    Reply::ok(json!({"id": id}))
}

fn prerequisites(w: &mut World, c: &Call) -> Reply {
    let failing = w.catalog.failing_prerequisites.get(c.shop_id()).cloned().unwrap_or_default();
    let results: Vec<_> = PREREQUISITES
        .iter()
        .map(|(item, reason)| {
            let failed = failing.iter().any(|f| f == item);
            let fail_reasons = if failed { vec![*reason] } else { vec![] };
            json!({"check_item": item, "is_failed": failed, "fail_reasons": fail_reasons})
        })
        .collect();
    Reply::ok(json!({"check_results": results}))
}

/// Where each check of the 202312 list sits in the 202309 answer (API README §5.1).
const PREREQUISITES_202309: [(&str, Option<&str>, &str); 10] = [
    ("SHOP_STATUS", None, "status"),
    ("SHOP_TAX", None, "tax_info"),
    ("BANk_ACCOUNT", None, "bank_account"),
    ("CONTACT_INFO", None, "contact_info"),
    ("PICKUP_WAREHOUSE", Some("logistics"), "pickup_warehouse"),
    ("RETURN_WAREHOUSE", Some("logistics"), "return_warehouse"),
    ("DELIVERY_OPTION", Some("logistics"), "delivery_option"),
    ("SHIPPING_TEMPLATE", Some("logistics"), "shipping_template"),
    ("EXTENDED_PRODUCER_RESPONSIBILITY", Some("gne"), "epr"),
    ("PRODUCT_QUANTITY_LIMIT", Some("gne"), "product_quantity_limit"),
];

/// Check Listing Prerequisites 202309: the same checks under `shop`, grouped (`logistics`,
/// `gne`), each a JSON string holding `check_result.{is_failed, fail_reasons}` (API README §5.1;
/// a client parsing those strings, index id 68923694370).
fn prerequisites_202309(w: &mut World, c: &Call) -> Reply {
    let failing = w.catalog.failing_prerequisites.get(c.shop_id()).cloned().unwrap_or_default();
    let mut shop = json!({"logistics": {}, "gne": {}});
    for (item, group, key) in PREREQUISITES_202309 {
        let failed = failing.iter().any(|f| f == item);
        let reason = PREREQUISITES.iter().find(|(i, _)| *i == item).map(|(_, r)| *r).filter(|_| failed);
        let text =
            json!({"check_result": {"is_failed": failed, "fail_reasons": reason.into_iter().collect::<Vec<_>>()}})
                .to_string();
        match group {
            Some(g) => shop[g][key] = json!(text),
            None => shop[key] = json!(text),
        }
    }
    Reply::ok(json!({ "shop": shop }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn tags_are_stripped_for_matching() {
        assert_eq!(
            super::strip_tags("<p>Enamel <b>mug</b></p>").split_whitespace().collect::<Vec<_>>(),
            vec!["Enamel", "mug"]
        );
        assert!(!crate::sandbox::catalog::tree::tokens("Mugs").is_empty());
    }
}
