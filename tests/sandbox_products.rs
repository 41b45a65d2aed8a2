//! The sandbox's product family against TikTok's samples and rules, driven by the real client
//! over loopback: categories and versions, rules and attributes, recommendation, brands and
//! custom brands, prerequisites, uploads, create with idempotency, validation codes, the audit
//! and its webhooks, search.

use crate::common;

use common::*;
use serde_json::{Value, json};
use tokshop::api::products::BrandQuery;
use tokshop::api::{ApiError, ShopRef};
use tokshop::sandbox::seed::Seed;

pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 255) as u8, (y % 255) as u8, 180]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).expect("png");
    out.into_inner()
}

fn code(e: &ApiError) -> i64 {
    e.code.unwrap_or(0)
}

struct World {
    sb: tokshop::sandbox::SandboxHandle,
    ctx: tokshop::sync::SyncCtx,
    shop: ShopRef,
    shop_id: String,
    warehouse: String,
    _dir: tempfile::TempDir,
}

async fn world() -> World {
    let sb = sandbox(Seed::Empty).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = sync_ctx(&sb, dir.path());
    let s = connect(&ctx, &sb, "main", "Sandbox Seller").await.remove(0);
    let shop = ShopRef { id: s.id.clone(), cipher: s.cipher.clone() };
    let warehouse = ctx
        .api
        .get_warehouses(&shop)
        .await
        .expect("warehouses")
        .into_iter()
        .find(|w| w.kind == "SALES_WAREHOUSE")
        .expect("sales")
        .id;
    World { sb, ctx, shop_id: s.id, shop, warehouse, _dir: dir }
}

async fn leaf(w: &World, name: &str) -> String {
    let cats = w.ctx.api.get_categories(&w.shop, "v2", "en-US", Some(name)).await.expect("categories");
    cats.into_iter().find(|c| c.is_leaf && c.name == name).unwrap_or_else(|| panic!("leaf {name}")).id
}

fn body(w: &World, category: &str, image: &str, attrs: Value) -> Value {
    json!({
        "title": "Enamel Camping Mug", "description": "<p>Chip-resistant enamel mug.</p>",
        "category_id": category, "category_version": "v2", "main_images": [{"uri": image}],
        "skus": [{"seller_sku": "LM-MUG-WHT", "price": {"amount": "12.50", "currency": "USD"},
                  "inventory": [{"warehouse_id": w.warehouse, "quantity": 40}]}],
        "product_attributes": attrs,
        "package_weight": {"value": "0.25", "unit": "KILOGRAM"},
        "package_dimensions": {"length": "10", "width": "10", "height": "9", "unit": "CENTIMETER"},
    })
}

#[tokio::test]
async fn categories_rules_attributes_and_recommendation() {
    let w = world().await;
    let e = w.ctx.api.get_categories(&w.shop, "v1", "en-US", None).await.expect_err("US needs v2");
    assert_eq!(code(&e), 12052217);
    let all = w.ctx.api.get_categories(&w.shop, "v2", "en-US", None).await.expect("tree");
    assert!(all.len() > 10_000 && all.iter().any(|c| c.parent_id == "0"));
    let mug = leaf(&w, "Classic Unisex Mugs").await;
    let rules = w.ctx.api.get_category_rules(&w.shop, &mug, "v2", "en-US").await.expect("rules");
    assert!(rules.package_dimension_required, "US asks for package dimensions");
    let sds = rules.certifications.iter().find(|c| c.name.contains("SDS")).expect("SDS");
    assert!(!sds.is_required && sds.conditions[0].attribute_id == "101610", "required only for dangerous goods");
    let attrs = w.ctx.api.get_attributes(&w.shop, &mug, "v2", "en-US").await.expect("attributes");
    let hazmat = attrs.iter().find(|a| a.id == "101610").expect("hazmat");
    assert!(hazmat.required, "is_requried read in TikTok's spelling");
    let parent = all.iter().find(|c| !c.is_leaf).expect("a parent");
    let e = w.ctx.api.get_attributes(&w.shop, &parent.id, "v2", "en-US").await.expect_err("not a leaf");
    assert_eq!(code(&e), 12052024);
    let (leaf_id, chain) = w
        .ctx
        .api
        .recommend_category(&w.shop, "Enamel Camping Mug", "<p>For tea on the trail</p>", &[], "v2")
        .await
        .expect("recommend");
    assert!(chain.last().is_some_and(|c| c.contains("Mugs")), "{chain:?} {leaf_id}");
    let e = w.ctx.api.recommend_category(&w.shop, "zzz qqq", "", &[], "v2").await.expect_err("no match");
    assert_eq!(code(&e), 12019064);
    w.sb.shutdown();
}

#[tokio::test]
async fn brands_page_filter_and_custom_brands_keep_tiktoks_limits() {
    let w = world().await;
    let q = BrandQuery { version: "v2".into(), ..BrandQuery::default() };
    let p1 = w.ctx.api.get_brands(&w.shop, &q, 100, None).await.expect("brands");
    assert_eq!(p1.brands.len(), 100);
    assert!(!p1.next_page_token.is_empty());
    let p2 = w.ctx.api.get_brands(&w.shop, &q, 100, Some(&p1.next_page_token)).await.expect("page 2");
    assert!(p2.brands.iter().all(|b| !p1.brands.contains(b)), "no brand twice");
    let prefix = BrandQuery { name_prefix: Some("wil".into()), ..q.clone() };
    let w_brands = w.ctx.api.get_brands(&w.shop, &prefix, 50, None).await.expect("prefix");
    assert!(!w_brands.brands.is_empty() && w_brands.brands.iter().all(|b| b.name.starts_with("Willow")));
    let mine = BrandQuery { only_authorized: true, ..q.clone() };
    assert!(w.ctx.api.get_brands(&w.shop, &mine, 50, None).await.expect("authorized").brands.is_empty());
    for (name, want) in
        [("A", 12052189), ("Trail 123456", 12052192), ("An Extremely Long Brand Name That Goes On", 12052190)]
    {
        assert_eq!(code(&w.ctx.api.create_brand(&w.shop, name).await.expect_err(name)), want, "{name}");
    }
    let id = w.ctx.api.create_brand(&w.shop, "Trailhead Goods").await.expect("create");
    assert_eq!(code(&w.ctx.api.create_brand(&w.shop, "Trailhead Goods").await.expect_err("dup")), 12052205);
    let mine =
        w.ctx.api.get_brands(&w.shop, &BrandQuery { only_authorized: true, ..q }, 50, None).await.expect("authorized");
    assert_eq!(mine.brands.iter().map(|b| b.id.clone()).collect::<Vec<_>>(), vec![id]);
    w.sb.shutdown();
}

#[tokio::test]
async fn uploads_check_format_size_and_pixels() {
    let w = world().await;
    let img = w.ctx.api.upload_image(&w.shop, "mug.png", &png(800, 800), "MAIN_IMAGE").await.expect("upload");
    assert!(!img.uri.is_empty() && img.width == 800);
    let e = w.ctx.api.upload_image(&w.shop, "tiny.png", &png(200, 200), "MAIN_IMAGE").await.expect_err("too small");
    assert_eq!(code(&e), 12038014);
    let e = w.ctx.api.upload_image(&w.shop, "x.png", b"not an image", "MAIN_IMAGE").await.expect_err("not an image");
    assert_eq!(code(&e), 12038015);
    let wide = w.ctx.api.upload_image(&w.shop, "wide.png", &png(1600, 800), "MAIN_IMAGE").await.expect("wide");
    assert_eq!((wide.width, wide.height), (1600, 1600), "outside 3:4..4:3 a main image becomes square");
    let f = w.ctx.api.upload_file(&w.shop, "SDS.pdf", b"%PDF-1.4\n%tokshop\n").await.expect("pdf");
    assert_eq!(f.format, "PDF");
    let e = w.ctx.api.upload_file(&w.shop, "SDS.pdf", b"plain text").await.expect_err("not a pdf");
    assert_eq!(code(&e), 12019105);
    w.sb.shutdown();
}

#[tokio::test]
async fn create_checks_rules_is_idempotent_and_the_audit_follows() {
    let w = world().await;
    w.sb.set_audit_secs(30);
    let mug = leaf(&w, "Classic Unisex Mugs").await;
    let img = w.ctx.api.upload_image(&w.shop, "mug.png", &png(800, 800), "MAIN_IMAGE").await.expect("upload").uri;
    // Required attribute missing, then a hazmat answer that needs more.
    let e = w.ctx.api.create_product(&w.shop, &body(&w, &mug, &img, json!([]))).await.expect_err("hazmat missing");
    assert_eq!(code(&e), 12052104);
    let yes = json!([{"id": "101610", "values": [{"id": "1024358"}]}]);
    let e = w.ctx.api.create_product(&w.shop, &body(&w, &mug, &img, yes)).await.expect_err("type missing");
    assert_eq!(code(&e), 12052182);
    assert!(e.to_string().contains("Hazardous Material Type"), "{e}");
    let yes_typed =
        json!([{"id": "101610", "values": [{"id": "1024358"}]}, {"id": "101611", "values": [{"id": "1024402"}]}]);
    let e = w.ctx.api.create_product(&w.shop, &body(&w, &mug, &img, yes_typed)).await.expect_err("SDS missing");
    assert_eq!(code(&e), 12052105);
    // A clean product, twice with the same idempotency key: one product.
    let no = json!([{"id": "101610", "values": [{"id": "1024357"}]}]);
    let mut b = body(&w, &mug, &img, no);
    b["idempotency_key"] = json!("tokshop-test-1");
    let first = w.ctx.api.create_product(&w.shop, &b).await.expect("create");
    let again = w.ctx.api.create_product(&w.shop, &b).await.expect("replay");
    assert_eq!(first.product_id, again.product_id);
    assert_eq!(w.sb.products(&w.shop_id).len(), 1);
    let p = w.ctx.api.get_product(&w.shop, &first.product_id).await.expect("get");
    assert_eq!((p.status.as_str(), p.audit.as_str()), ("PENDING", "AUDITING"));
    w.sb.advance_clock(31);
    w.sb.tick();
    let p = w.ctx.api.get_product(&w.shop, &first.product_id).await.expect("get");
    assert_eq!((p.status.as_str(), p.audit.as_str()), ("ACTIVATE", "APPROVED"));
    // An exaggerated claim fails the audit with a reason.
    let mut bad = body(&w, &mug, &img, json!([{"id": "101610", "values": [{"id": "1024357"}]}]));
    bad["title"] = json!("Best ever enamel mug, guaranteed");
    bad["skus"][0]["seller_sku"] = json!("LM-MUG-BLU");
    let failed = w.ctx.api.create_product(&w.shop, &bad).await.expect("create");
    w.sb.advance_clock(31);
    w.sb.tick();
    let p = w.ctx.api.get_product(&w.shop, &failed.product_id).await.expect("get");
    assert_eq!(p.status, "FAILED");
    assert!(p.failed_reasons[0].contains("exaggerated claim"), "{:?}", p.failed_reasons);
    // Search by seller SKU.
    let found = w.ctx.api.search_products(&w.shop, "ALL", &["LM-MUG-WHT".into()], 20, None).await.expect("search");
    assert_eq!(found.products.iter().map(|p| p.id.clone()).collect::<Vec<_>>(), vec![first.product_id.clone()]);
    w.sb.shutdown();
}
