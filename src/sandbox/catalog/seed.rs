//! Catalogue seeds: the demo sellers' own (authorized) brands, a failing prerequisite, and
//! products made "in Seller Center" (not through the API) that tokshop must match to platform
//! products by seller SKU (CAT-PRE-CAMPAIGN).

use super::product::{SbProduct, SbSku};
use crate::sandbox::world::World;
use serde_json::json;

/// A live product as if the seller had made it in Seller Center: (seller SKU, price) per SKU.
pub fn seller_center_product(
    w: &mut World,
    shop: &str,
    title: &str,
    category_name: &str,
    skus: &[(&str, &str)],
    now: i64,
) -> Option<String> {
    let region = w.shops.get(shop)?.region.clone();
    let version = if region == "US" { "v2" } else { "v1" };
    let tree = w.catalog.tree(version);
    let leaf = tree.nodes.iter().find(|n| n.is_leaf && n.name.ends_with(category_name))?.id.clone();
    let c = w.commerce.get(shop)?;
    let currency = c.currency.to_string();
    let warehouse = c.warehouses.iter().find(|x| x.kind == "SALES_WAREHOUSE")?.id.clone();
    let id = w.digits('1', 19);
    let mut out_skus = Vec::new();
    for (sku, price) in skus {
        out_skus.push(SbSku {
            id: w.digits('1', 19),
            seller_sku: sku.to_string(),
            price: price.to_string(),
            currency: currency.clone(),
            inventory: vec![(warehouse.clone(), 25)],
            sales_attributes: vec![],
            sku_img: None,
        });
    }
    let p = SbProduct {
        id: id.clone(),
        shop_id: shop.into(),
        title: title.into(),
        description: format!("<p>{title}</p>"),
        category_id: leaf,
        category_version: version.into(),
        brand: None,
        main_images: vec![],
        skus: out_skus,
        attributes: vec![],
        package_weight: ("0.3".into(), "KILOGRAM".into()),
        package_dimensions: None,
        certifications: vec![],
        size_chart: None,
        status: "ACTIVATE",
        audit: "APPROVED",
        pre_approved: vec![],
        audit_failed: vec![],
        create_time: now - 20 * 86_400,
        update_time: now - 3 * 86_400,
        idempotency_key: None,
        external_product_id: String::new(),
        body: json!({}),
    };
    w.catalog.shop(shop).products.insert(id.clone(), p);
    Some(id)
}
