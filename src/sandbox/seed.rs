//! Seeded worlds. `demo` is what `tokshop demo` shows; `empty` is the smallest useful world
//! (one seller with one shop) for scripts and tests.

use super::catalog::seed as catalog_seed;
use super::commerce::{generator, seed::shop_commerce};
use super::world::{DEFAULT_AUTHORIZATION_TTL, World};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seed {
    Demo,
    Empty,
    /// One seller whose shop, buyers, addresses, messages and products carry terminal control
    /// sequences, C1 controls, DEL and bidi overrides: what a hostile stranger could type.
    Hostile,
}

impl std::str::FromStr for Seed {
    type Err = String;
    fn from_str(s: &str) -> Result<Seed, String> {
        match s {
            "demo" => Ok(Seed::Demo),
            "empty" => Ok(Seed::Empty),
            "hostile" => Ok(Seed::Hostile),
            other => Err(format!("unknown seed {other:?}: use demo, empty or hostile")),
        }
    }
}

fn commerce(w: &mut World, shop: &str, region: &str, theme: &str) {
    let c = shop_commerce(w, region, theme);
    w.commerce.insert(shop.to_string(), c);
}

/// Seed the world at sandbox time `now`.
pub fn apply(w: &mut World, seed: Seed, now: i64) {
    match seed {
        Seed::Empty => {
            let s = w.add_seller("Sandbox Seller", "US", DEFAULT_AUTHORIZATION_TTL);
            let shop = w.add_shop(&s, "Sandbox Seller US", "US", false);
            commerce(w, &shop, "US", "outdoor");
        }
        Seed::Hostile => {
            let s = w.add_seller(&hostile("Evil Seller"), "US", DEFAULT_AUTHORIZATION_TTL);
            let shop = w.add_shop(&s, &hostile("Evil Shop"), "US", false);
            commerce(w, &shop, "US", "outdoor");
            generator::history(w, &shop, now, 12, 3);
            harden(w, &shop, usize::MAX, true);
        }
        Seed::Demo => {
            // A cross-border seller with a UK and a US shop (SHOP-CONN-MULTI).
            let maomao = w.add_seller("Maomao Beauty", "CN", DEFAULT_AUTHORIZATION_TTL);
            let gb = w.add_shop(&maomao, "Maomao beauty shop", "GB", true);
            let us = w.add_shop(&maomao, "Maomao Beauty US", "US", true);
            // A local seller whose authorization ends in 20 days: reminders start at once.
            let northwind = w.add_seller("Northwind Outfitters", "US", 20 * 86_400);
            let nw = w.add_shop(&northwind, "Northwind Outfitters", "US", false);
            // A seller not connected yet, for trying the connect flow.
            let lumen = w.add_seller("Lumen Home", "GB", DEFAULT_AUTHORIZATION_TTL);
            let lh = w.add_shop(&lumen, "Lumen Home UK", "GB", false);
            commerce(w, &gb, "GB", "beauty");
            commerce(w, &us, "US", "beauty");
            commerce(w, &nw, "US", "outdoor");
            commerce(w, &lh, "GB", "home");
            // Two weeks of orders: shipped, delivered and completed by age, some overdue.
            for shop in [&gb, &us, &nw, &lh] {
                generator::history(w, shop, now, 40, 14);
            }
            // Two of Lumen Home's buyers type terminal escapes: the console shows them inert.
            harden(w, &lh, 2, false);
            // The sellers' own brands; a prerequisite the UK shop has not met yet; products made
            // in Seller Center (one matches a platform SKU, one does not).
            let brand_ids = ["7082427311584391001", "7082427311584391002", "7082427311584391003"];
            for ((name, open_id), id) in
                [("Maomao Beauty", &maomao), ("Northwind Outfitters", &northwind), ("Lumen Home", &lumen)]
                    .into_iter()
                    .zip(brand_ids)
            {
                w.catalog.add_seller_brand(name, open_id, id);
            }
            w.catalog.failing_prerequisites.insert(gb.clone(), vec!["RETURN_WAREHOUSE".into()]);
            catalog_seed::seller_center_product(
                w,
                &us,
                "Bamboo Brush Set (5 pcs)",
                "Makeup Brushes",
                &[("MB-BRUSH-5", "19.00")],
                now,
            );
            catalog_seed::seller_center_product(
                w,
                &us,
                "Holiday Gift Box",
                "Fragrance Gift Sets",
                &[("MB-GIFT-BOX", "39.00")],
                now,
            );
            catalog_seed::seller_center_product(
                w,
                &nw,
                "Trail Socks 3-pack",
                "Socks",
                &[("NW-SOCK-3PK", "14.00")],
                now,
            );
            // Returns in every state (last: the orders above keep their seeded ids).
            for shop in [&gb, &us, &nw, &lh] {
                super::returns::seed::shop(w, shop, now);
            }
        }
    }
}

/// Text as a hostile stranger writes it: a window title, a hyperlink, a screen clear, a cursor
/// move, C1 CSI, DEL, BEL and a right-to-left override around a real name.
pub fn hostile(name: &str) -> String {
    format!(
        "{name}\x1b]0;pwned\x07\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\\
         \x1b[2J\x1b[1;1H\u{9b}31m\x7f\u{202e}gpj.exe"
    )
}

/// The stranger-written text of the shop's first `orders` orders (and of its products) made hostile.
fn harden(w: &mut World, shop: &str, orders: usize, products: bool) {
    let Some(c) = w.commerce.get_mut(shop) else { return };
    for o in c.orders.values_mut().take(orders) {
        o.buyer_nickname = hostile(&o.buyer_nickname);
        o.buyer_message = hostile("Please ship");
        o.address.name = hostile(&o.address.name);
        o.address.first_name = hostile(&o.address.first_name);
        o.address.line1 = hostile(&o.address.line1);
        o.address.city = hostile(&o.address.city);
        for l in &mut o.lines {
            l.product_name = hostile(&l.product_name);
            l.sku_name = hostile(&l.sku_name);
        }
    }
    if products {
        for p in &mut c.products {
            p.name = hostile(&p.name);
        }
    }
}
