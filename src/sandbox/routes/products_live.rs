//! Product family, the live half: Update Inventory, Update Price, Inventory Search, Activate and
//! Deactivate Products (202309), the listing-quality reads: SEO words, suggestions and the
//! diagnosis of live products (202405), Optimized Images (202404, `catalog/optimize.rs`) and
//! Diagnose and Optimize Product (202411, `catalog/diagnose_new.rs`).

use crate::sandbox::catalog::{diagnose_new, live, optimize, quality};
use crate::sandbox::gateway::{Call, CipherRule, Route};
use crate::sandbox::reply::Reply;
use crate::sandbox::world::World;
use axum::http::Method;

pub fn routes() -> Vec<Route> {
    let r = |method, pattern, cipher, handler| Route { method, pattern, cipher, handler };
    vec![
        r(Method::POST, "/product/202309/products/{product_id}/inventory/update", CipherRule::Required, inventory),
        r(Method::POST, "/product/202309/products/{product_id}/prices/update", CipherRule::Required, price),
        r(Method::POST, "/product/202309/inventory/search", CipherRule::Required, search),
        r(Method::POST, "/product/202309/products/activate", CipherRule::Required, activate),
        r(Method::POST, "/product/202309/products/deactivate", CipherRule::Required, deactivate),
        r(Method::GET, "/product/202405/products/seo_words", CipherRule::Required, seo_words),
        r(Method::GET, "/product/202405/products/suggestions", CipherRule::Required, suggestions),
        r(Method::GET, "/product/202405/products/diagnoses", CipherRule::Required, diagnoses),
        r(Method::POST, "/product/202404/images/optimize", CipherRule::Required, optimize::optimize),
        r(
            Method::POST,
            "/product/202411/products/diagnose_optimize",
            CipherRule::Required,
            diagnose_new::diagnose_optimize,
        ),
    ]
}

fn inventory(w: &mut World, c: &Call) -> Reply {
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let id = c.path_params.first().cloned().unwrap_or_default();
    live::update_inventory(w, c.shop_id(), &id, &body, c.now)
}

fn price(w: &mut World, c: &Call) -> Reply {
    let body = match c.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let id = c.path_params.first().cloned().unwrap_or_default();
    let region = c.shop.as_ref().map(|s| s.region.clone()).unwrap_or_default();
    live::update_price(w, c.shop_id(), &region, &id, &body, c.now)
}

fn search(w: &mut World, c: &Call) -> Reply {
    match c.json() {
        Ok(b) => live::inventory_search(w, c.shop_id(), &b),
        Err(r) => r,
    }
}

fn activate(w: &mut World, c: &Call) -> Reply {
    match c.json() {
        Ok(b) => crate::sandbox::catalog::status::activate(w, c.shop_id(), &b, c.now),
        Err(r) => r,
    }
}

fn deactivate(w: &mut World, c: &Call) -> Reply {
    match c.json() {
        Ok(b) => crate::sandbox::catalog::status::deactivate(w, c.shop_id(), &b, c.now),
        Err(r) => r,
    }
}

fn region(c: &Call) -> String {
    c.shop.as_ref().map(|s| s.region.clone()).unwrap_or_default()
}

fn seo_words(w: &mut World, c: &Call) -> Reply {
    quality::seo_words(w, c.shop_id(), &region(c), c.query.get("product_ids"))
}

fn suggestions(w: &mut World, c: &Call) -> Reply {
    quality::suggestions(w, c.shop_id(), c.query.get("product_ids"))
}

fn diagnoses(w: &mut World, c: &Call) -> Reply {
    quality::diagnose(w, c.shop_id(), &region(c), c.query.get("product_ids"))
}
