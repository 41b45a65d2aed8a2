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
    let photo = photo(w, shop, title);
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
        main_images: photo.into_iter().collect(),
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

/// A Seller Center product's photo: a 600x600 PNG of a product (a coloured bottle shape) on a
/// tinted studio background, both drawn from the title, stored as the seller's upload so
/// Optimized Images has real pixels to work on.
fn photo(w: &mut World, shop: &str, title: &str) -> Option<String> {
    use image::{Rgb, RgbImage};
    let open_id = w.shops.get(shop)?.seller_open_id.clone();
    let h = title.bytes().fold(2166136261u32, |a, b| (a ^ u32::from(b)).wrapping_mul(16777619));
    let bg = Rgb([200 + (h & 0x1f) as u8, 210 + ((h >> 5) & 0x1f) as u8, 225 + ((h >> 10) & 0x1f) as u8]);
    let item = Rgb([120 + ((h >> 15) & 0x7f) as u8, 30 + ((h >> 22) & 0x3f) as u8, 60]);
    let img = RgbImage::from_fn(600, 600, |x, y| {
        let (dx, dy) = (x as i32 - 300, y as i32 - 330);
        let body = dx.abs() < 110 && (-140..200).contains(&dy);
        let neck = dx.abs() < 40 && (-220..-140).contains(&dy);
        if body || neck { item } else { bg }
    });
    let mut png = std::io::Cursor::new(Vec::new());
    img.write_to(&mut png, image::ImageFormat::Png).ok()?;
    let uri = format!("tos-maliva-i-o3syd03w52-us/{}", w.token_text("", 24).to_lowercase());
    w.catalog.images.insert(
        uri.clone(),
        super::SbImage { uri: uri.clone(), open_id, width: 600, height: 600, use_case: "MAIN_IMAGE".into() },
    );
    w.catalog.optimize.bytes.insert(uri.clone(), png.into_inner());
    Some(uri)
}
