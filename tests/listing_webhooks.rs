//! The audit followed by webhooks alone (polling slowed to an hour): the sandbox sends Product
//! Creation (16) on create, then Product Audit Status Change (37) and Product Status Change (5)
//! when its audit concludes; the receiver stores them, the engine reads the product back, and
//! the listing turns live (or rejected, with TikTok's reasons in the Inbox) with no poll at all.

use crate::common;

use common::*;
use serde_json::json;
use std::time::Duration;
use tokshop::domain::catalog::parse_json;
use tokshop::domain::listing::{Hazmat, ListingDraft};
use tokshop::sandbox::seed::Seed;
use tokshop::store::listing as store_listing;
use tokshop::sync::catalog::{self, listing};
use tokshop::sync::{engine, outbox};

#[tokio::test]
async fn the_audit_is_followed_by_webhooks_5_16_and_37() {
    let sb = sandbox(Seed::Empty).await;
    sb.set_audit_secs(30);
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = sync_ctx(&sb, &dir.path().join("data"));
    let (receiver, rx) = receiver(&ctx.store).await;
    sb.set_webhook_url(Some(receiver.webhook_url()));
    let shop = connect(&ctx, &sb, "web", "Sandbox Seller").await.remove(0);

    // Two mugs: one fine, one whose title makes an exaggerated claim.
    let img = dir.path().join("mug.png");
    image::RgbImage::from_fn(800, 800, |x, _| image::Rgb([(x % 200) as u8, 90, 160])).save(&img).expect("png");
    let product = |handle: &str, title: &str, sku: &str| {
        json!({"handle": handle, "title": title, "description_html": "<p>Enamel.</p>", "vendor": "Lumen",
               "product_type": "Mugs",
               "images": [{"src": img.display().to_string(), "position": 1}],
               "variants": [{"sku": sku, "price": "12.50", "inventory": 40, "weight_grams": "250"}]})
    };
    let products = [product("good-mug", "Enamel Mug", "MUG-1"), product("bold-mug", "Best Ever Mug", "MUG-2")];
    let text = json!({"products": products}).to_string();
    let (products, errors) = parse_json(&text, "web", "USD");
    assert!(errors.is_empty(), "{errors:?}");
    ctx.store.import_products(&products, ctx.now()).expect("import");
    let t = catalog::tree(&ctx, &shop, false).await.expect("tree");
    let cat = t.categories.iter().find(|c| c.is_leaf && c.name == "Classic Unisex Mugs").expect("leaf").id.clone();
    catalog::map_category(&ctx, &shop, "Mugs", &cat).await.expect("map");

    // The engine polls once an hour: only webhooks can move the listings on.
    let intervals = engine::Intervals {
        orders: Duration::from_secs(3600),
        housekeeping: Duration::from_secs(3600),
        ..engine::Intervals::default()
    };
    let eng = engine::spawn(ctx.clone(), rx, intervals);
    for handle in ["good-mug", "bold-mug"] {
        let d = ListingDraft {
            shop_id: shop.id.clone(),
            store: "web".into(),
            handle: handle.into(),
            hazmat: Some(Hazmat::default()),
            package_dimensions_cm: Some(tokshop::domain::catalog::Dimensions {
                length: 10.into(),
                width: 10.into(),
                height: 9.into(),
            }),
            ..ListingDraft::default()
        };
        ctx.store.write(|w| store_listing::put_draft(w, &d)).expect("draft");
        let p = listing::product(&ctx, Some("web"), handle).expect("product");
        outbox::enqueue(&ctx, listing::plan_list(&ctx, &shop, &p, false).await.expect("plan")).expect("enqueue");
    }
    let listed = |status: &str| {
        ctx.store.listings(Some(&shop.id)).expect("listings").iter().filter(|l| l.status == status).count()
    };
    wait_until("both listed, in review", || listed("PENDING") == 2).await;

    sb.advance_clock(31);
    sb.tick();
    wait_until("the audit's webhooks followed", || listed("ACTIVATE") == 1 && listed("FAILED") == 1).await;
    let types: Vec<i64> = sb.deliveries().iter().map(|d| d.type_code).collect();
    for t in [16, 37, 5] {
        assert!(types.contains(&t), "webhook {t} sent: {types:?}");
    }
    let bold = ctx
        .store
        .listings(Some(&shop.id))
        .expect("listings")
        .into_iter()
        .find(|l| l.handle == "bold-mug")
        .expect("bold");
    assert!(bold.reasons.iter().any(|r| r.contains("exaggerated claim")), "{:?}", bold.reasons);
    let inbox = ctx.store.open_attention().expect("inbox");
    assert!(inbox.iter().any(|i| i.title.contains("TikTok rejected bold-mug")), "{inbox:?}");
    eng.stop();
    receiver.shutdown();
    sb.shutdown();
}
