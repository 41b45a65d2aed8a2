//! Listing from the platform catalogue to a sandbox shop over loopback: the check names what
//! is missing, mappings and the listing settings fill it, the outbox lists with an idempotency
//! key (a retry after a crash creates nothing twice), TikTok's own rule violations land in the
//! Inbox with the field named, the audit is followed, products made elsewhere are matched.

use crate::common;

use common::*;
use serde_json::json;
use tokshop::domain::attention::AttentionKind;
use tokshop::domain::catalog::parse_json;
use tokshop::domain::listing::{Hazmat, HazmatKind, ListingDraft, Origin};
use tokshop::domain::outbox::{OutboxIntent, OutboxState};
use tokshop::sandbox::seed::Seed;
use tokshop::store::listing as store_listing;
use tokshop::sync::catalog::{self, listing, listing_exec};
use tokshop::sync::{SyncCtx, outbox};

fn png(path: &std::path::Path, w: u32, h: u32) {
    let img = image::RgbImage::from_fn(w, h, |x, _| image::Rgb([(x % 200) as u8, 90, 160]));
    img.save(path).expect("save png");
}

struct World {
    sb: tokshop::sandbox::SandboxHandle,
    ctx: SyncCtx,
    shop: tokshop::domain::shop::Shop,
    _dir: tempfile::TempDir,
}

async fn world() -> World {
    let sb = sandbox(Seed::Empty).await;
    sb.set_audit_secs(30);
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = sync_ctx(&sb, &dir.path().join("data"));
    let shop = connect(&ctx, &sb, "web", "Sandbox Seller").await.remove(0);
    // Two products: a mug (one variant) and socks (two); the mug's image is wide and small.
    png(&dir.path().join("mug.png"), 600, 300);
    png(&dir.path().join("socks.png"), 800, 800);
    let text = json!({"products": [
        {"handle": "enamel-mug", "title": "Enamel Camping Mug", "description_html": "<p>Chip-resistant enamel.</p>",
         "vendor": "Lumen Home",
         "product_type": "Mugs", "images": [{"src": dir.path().join("mug.png").display().to_string(), "position": 1}],
         "variants": [{"sku": "LM-MUG-WHT", "price": "12.50", "inventory": 40, "weight_grams": "250"}]},
        {"handle": "trail-socks", "title": "Trail Socks", "description_html": "<p>Merino.</p>", "vendor": "Northwind",
         "product_type": "Socks",
         "options": ["Size"], "images": [{"src": dir.path().join("socks.png").display().to_string(), "position": 1}],
         "variants": [{"sku": "NW-SOCK-M", "option_values": ["M"], "price": "14.00", "inventory": 5,
                       "weight_grams": "90", "image": dir.path().join("socks.png").display().to_string()},
                      {"sku": "NW-SOCK-L", "option_values": ["L"], "price": "14.00", "inventory": 5,
                       "weight_grams": "95"}]}
    ]})
    .to_string();
    let (products, errors) = parse_json(&text, "web", "USD");
    assert!(errors.is_empty(), "{errors:?}");
    ctx.store.import_products(&products, ctx.now()).expect("import");
    World { sb, ctx, shop, _dir: dir }
}

async fn leaf(w: &World, name: &str) -> String {
    let t = catalog::tree(&w.ctx, &w.shop, false).await.expect("tree");
    t.categories.iter().find(|c| c.is_leaf && c.name == name).unwrap_or_else(|| panic!("{name}")).id.clone()
}

fn set(w: &World, handle: &str, f: impl FnOnce(&mut ListingDraft)) {
    let mut d = w.ctx.store.draft(&w.shop.id, "web", handle).expect("draft").unwrap_or(ListingDraft {
        shop_id: w.shop.id.clone(),
        store: "web".into(),
        handle: handle.into(),
        ..ListingDraft::default()
    });
    f(&mut d);
    w.ctx.store.write(|t| store_listing::put_draft(t, &d)).expect("save");
}

fn missing(r: &tokshop::domain::listing_check::CheckReport) -> Vec<String> {
    r.missing.iter().map(|m| m.field.clone()).collect()
}

#[tokio::test]
async fn check_fill_list_once_and_follow_the_audit() {
    let w = world().await;
    let mug = listing::product(&w.ctx, Some("web"), "LM-MUG-WHT").expect("by sku");
    let r = listing::check_product(&w.ctx, &w.shop, &mug).await.expect("check");
    assert_eq!(missing(&r), vec!["category", "hazmat"], "{:?}", r.missing);
    assert!(
        r.notes.iter().any(|n| n.contains("padded to 600x600 on white")),
        "the wide image is shown converted: {:?}",
        r.notes
    );
    catalog::map_category(&w.ctx, &w.shop, "Mugs", &leaf(&w, "Classic Unisex Mugs").await).await.expect("map");
    let r = listing::check_product(&w.ctx, &w.shop, &mug).await.expect("check");
    assert_eq!(missing(&r), vec!["hazmat", "package_dimensions"]);
    assert!(
        listing::plan_list(&w.ctx, &w.shop, &mug, false).await.is_err(),
        "nothing leaves with a required field empty"
    );
    set(&w, "enamel-mug", |d| {
        d.hazmat = Some(Hazmat::default());
        d.package_dimensions_cm =
            Some(tokshop::domain::catalog::Dimensions { length: 10.into(), width: 10.into(), height: 9.into() });
    });
    let r = listing::check_product(&w.ctx, &w.shop, &mug).await.expect("check");
    assert!(r.missing.is_empty(), "{:?}", r.missing);
    let intent = listing::plan_list(&w.ctx, &w.shop, &mug, false).await.expect("plan");
    let item = outbox::enqueue(&w.ctx, intent.clone()).expect("enqueue");
    assert_eq!(
        outbox::enqueue(&w.ctx, intent.clone()).expect("again").id,
        item.id,
        "the same intent is one outbox item"
    );
    outbox::drain_once(&w.ctx).await;
    let done = w.ctx.store.get_outbox(item.id).expect("read").expect("item");
    assert!(matches!(done.state, OutboxState::Done { .. }), "{:?}", done.state);
    // A crash after TikTok created the product but before tokshop stored its answer: the retry
    // sends the same idempotency key and gets the same product.
    let first = w.ctx.store.listings(Some(&w.shop.id)).expect("listings");
    assert_eq!(first.len(), 1);
    listing_exec::perform(&w.ctx, &intent).await.expect("retry");
    assert_eq!(w.sb.products(&w.shop.id).len(), 1, "listed once");
    assert_eq!(w.ctx.store.listings(Some(&w.shop.id)).expect("listings").len(), 1);
    let l = &first[0];
    assert_eq!((l.status.as_str(), l.audit.as_str(), l.origin), ("PENDING", "AUDITING", Origin::Tokshop));
    assert!(
        listing::plan_list(&w.ctx, &w.shop, &mug, false).await.expect_err("again").to_string().contains("already on")
    );
    w.sb.advance_clock(31);
    w.sb.tick();
    assert_eq!(listing::follow_pending(&w.ctx, &w.shop).await.expect("follow"), 1);
    let l = w.ctx.store.listing(&w.shop.id, &l.product_id).expect("get").expect("listing");
    assert_eq!((l.status.as_str(), l.audit.as_str()), ("ACTIVATE", "APPROVED"));
    w.sb.shutdown();
}

#[tokio::test]
async fn recommend_category_sends_title_description_and_the_main_image() {
    let w = world().await;
    let mug = listing::product(&w.ctx, Some("web"), "enamel-mug").expect("by handle");
    leaf(&w, "Classic Unisex Mugs").await; // the tree is cached now
    w.sb.reset_call_log();
    let (id, path) = catalog::recommend(&w.ctx, &w.shop, &mug).await.expect("recommend");
    assert!(!id.is_empty() && path.contains("Mugs"), "{path}");
    assert_eq!(w.sb.call_log().calls, 2, "the main image is uploaded, then Recommend Category is asked with its URI");
    w.sb.shutdown();
}

#[tokio::test]
async fn a_rejected_product_is_fixed_and_resubmitted_as_the_same_tiktok_product() {
    let w = world().await;
    let mug = listing::product(&w.ctx, Some("web"), "enamel-mug").expect("by handle");
    catalog::map_category(&w.ctx, &w.shop, "Mugs", &leaf(&w, "Classic Unisex Mugs").await).await.expect("map");
    set(&w, "enamel-mug", |d| {
        d.hazmat = Some(Hazmat::default());
        d.package_dimensions_cm =
            Some(tokshop::domain::catalog::Dimensions { length: 10.into(), width: 10.into(), height: 9.into() });
        d.title = Some("Best Ever Enamel Mug".into());
    });
    let item = outbox::enqueue(&w.ctx, listing::plan_list(&w.ctx, &w.shop, &mug, false).await.expect("plan"))
        .expect("enqueue");
    outbox::drain_once(&w.ctx).await;
    assert!(matches!(w.ctx.store.get_outbox(item.id).expect("read").expect("item").state, OutboxState::Done { .. }));
    w.sb.advance_clock(31);
    w.sb.tick();
    listing::follow_pending(&w.ctx, &w.shop).await.expect("follow");
    let rejected = w.ctx.store.listings(Some(&w.shop.id)).expect("listings").remove(0);
    assert_eq!((rejected.status.as_str(), rejected.audit.as_str()), ("FAILED", "FAILED"));
    assert!(rejected.reasons.iter().any(|r| r.contains("exaggerated claim")), "{:?}", rejected.reasons);
    let open = |w: &World| {
        w.ctx.store.open_attention().expect("inbox").into_iter().filter(|i| i.title.contains("rejected")).count()
    };
    assert_eq!(open(&w), 1, "the rejection is in the Inbox");

    // Fixed: listing again resubmits the same product through Edit Product, SKU ids kept.
    set(&w, "enamel-mug", |d| d.title = None);
    let intent = listing::plan_list(&w.ctx, &w.shop, &mug, false).await.expect("plan");
    let OutboxIntent::ListProduct { product_id, .. } = &intent else { panic!("a listing") };
    assert_eq!(product_id.as_deref(), Some(rejected.product_id.as_str()));
    assert!(intent.label().starts_with("resubmit enamel-mug"), "{}", intent.label());
    let item = outbox::enqueue(&w.ctx, intent.clone()).expect("enqueue");
    assert_eq!(outbox::enqueue(&w.ctx, intent.clone()).expect("again").id, item.id, "one resubmission per rejection");
    outbox::drain_once(&w.ctx).await;
    match w.ctx.store.get_outbox(item.id).expect("read").expect("item").state {
        OutboxState::Done { note, .. } => assert!(note.starts_with("resubmitted product"), "{note}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(w.sb.products(&w.shop.id).len(), 1, "the shop still holds one product");
    let l = w.ctx.store.listing(&w.shop.id, &rejected.product_id).expect("get").expect("listing");
    assert_eq!((l.status.as_str(), l.audit.as_str(), l.title.as_str()), ("PENDING", "AUDITING", "Enamel Camping Mug"));
    assert_eq!(l.skus, rejected.skus, "the SKUs keep their ids");
    assert_eq!(open(&w), 0, "back in review: the rejection is dealt with");
    // A retry after a crash reads the product first and sends nothing twice.
    let again = listing_exec::perform(&w.ctx, &intent).await.expect("retry");
    assert!(again.contains("already resubmitted") && again.contains("checked before calling"), "{again}");
    assert!(
        listing::plan_list(&w.ctx, &w.shop, &mug, false)
            .await
            .expect_err("in review")
            .to_string()
            .contains("already on")
    );
    w.sb.advance_clock(31);
    w.sb.tick();
    listing::follow_pending(&w.ctx, &w.shop).await.expect("follow");
    let l = w.ctx.store.listing(&w.shop.id, &rejected.product_id).expect("get").expect("listing");
    assert_eq!((l.status.as_str(), l.audit.as_str()), ("ACTIVATE", "APPROVED"));
    w.sb.shutdown();
}

#[tokio::test]
async fn tiktoks_own_rule_violation_lands_in_the_inbox_with_the_field_named() {
    let w = world().await;
    let socks = listing::product(&w.ctx, Some("web"), "trail-socks").expect("by handle");
    let cat = leaf(&w, "Classic Socks").await;
    catalog::map_category(&w.ctx, &w.shop, "Socks", &cat).await.expect("map");
    set(&w, "trail-socks", |d| {
        d.hazmat = Some(Hazmat { contains: true, kinds: vec![HazmatKind::Aerosols], battery_type: None });
        d.package_dimensions_cm =
            Some(tokshop::domain::catalog::Dimensions { length: 20.into(), width: 10.into(), height: 3.into() });
        d.size_chart = Some(tokshop::domain::listing::SizeChart { image: None, template_id: Some("T-100".into()) });
    });
    // Socks are apparel: Material is required and comes from nowhere yet; the SDS is needed.
    let r = listing::check_product(&w.ctx, &w.shop, &socks).await.expect("check");
    assert_eq!(missing(&r), vec!["attributes.Material", "certifications.Safety Data Sheet (SDS)"]);
    set(&w, "trail-socks", |d| {
        d.attributes.insert(
            "100198".into(),
            vec![tokshop::domain::listing::ChosenValue { id: "1000204".into(), name: "Wool".into() }],
        );
    });
    // tokshop's cached rules are stale (TikTok added the requirement since): the check passes,
    // TikTok refuses, and the Inbox names the field.
    let mut req = w.ctx.store.requirements(&w.shop.id, &cat).expect("read").expect("cached");
    let fresh = req.clone();
    req.rules.certifications.clear();
    w.ctx.store.write(|t| store_listing::put_requirements(t, &req)).expect("tamper");
    let intent = listing::plan_list(&w.ctx, &w.shop, &socks, false).await.expect("plan");
    let item = outbox::enqueue(&w.ctx, intent).expect("enqueue");
    outbox::drain_once(&w.ctx).await;
    let done = w.ctx.store.get_outbox(item.id).expect("read").expect("item");
    match &done.state {
        OutboxState::Failed { reason, .. } => {
            assert!(reason.contains("12052105") && reason.contains("field certifications"), "{reason}")
        }
        other => panic!("expected TikTok's refusal, got {other:?}"),
    }
    let inbox = w.ctx.store.open_attention().expect("inbox");
    assert!(
        inbox.iter().any(|i| i.kind == AttentionKind::WriteFailed && i.detail.contains("field certifications")),
        "{inbox:?}"
    );
    assert!(w.sb.products(&w.shop.id).is_empty());

    // The rules refreshed and the SDS attached, listing again retries the refused item: same
    // outbox item and key, back in line, done; its Inbox entry closes.
    w.ctx.store.write(|t| store_listing::put_requirements(t, &fresh)).expect("refresh");
    let sds = w._dir.path().join("sds.pdf");
    let sds_id = fresh.rules.certifications[0].id.clone();
    // A file that is not there is named by the check, not at send time.
    set(&w, "trail-socks", |d| {
        d.certifications.insert(
            sds_id.clone(),
            tokshop::domain::listing::CertificateProof { files: vec![sds.display().to_string()], expires_at: None },
        );
    });
    let r = listing::check_product(&w.ctx, &w.shop, &socks).await.expect("check");
    let gone = r.missing.iter().find(|m| m.field == "certifications.Safety Data Sheet (SDS)").expect("named");
    assert!(gone.problem.contains("sds.pdf"), "{gone:?}");
    std::fs::write(&sds, b"%PDF-1.4\n% safety data sheet\n%%EOF\n").expect("pdf");
    set(&w, "trail-socks", |d| {
        d.certifications.insert(
            sds_id,
            tokshop::domain::listing::CertificateProof { files: vec![sds.display().to_string()], expires_at: None },
        );
    });
    let again = outbox::enqueue(&w.ctx, listing::plan_list(&w.ctx, &w.shop, &socks, false).await.expect("plan"))
        .expect("enqueue");
    assert_eq!(
        (again.id, again.state.clone()),
        (item.id, OutboxState::Pending),
        "the refused item is retried, not duplicated"
    );
    outbox::drain_once(&w.ctx).await;
    let done = w.ctx.store.get_outbox(item.id).expect("read").expect("item");
    assert!(matches!(done.state, OutboxState::Done { .. }), "{:?}", done.state);
    assert_eq!(w.sb.products(&w.shop.id).len(), 1);
    // The M variant's own image went as the sku_img of its first sales attribute.
    let (id, ..) = w.sb.products(&w.shop.id).remove(0);
    let remote = w.sb.product_json(&w.shop.id, &id).expect("product");
    let m =
        remote["skus"].as_array().expect("skus").iter().find(|s| s["seller_sku"] == "NW-SOCK-M").expect("M").clone();
    assert!(m["sales_attributes"][0]["sku_img"]["uri"].as_str().is_some_and(|u| !u.is_empty()), "{m}");
    let inbox = w.ctx.store.open_attention().expect("inbox");
    assert!(!inbox.iter().any(|i| i.key == format!("outbox:{}", item.id)), "{inbox:?}");
    w.sb.shutdown();
}

#[tokio::test]
async fn products_made_elsewhere_are_matched_by_seller_sku() {
    let w = world().await;
    // Made in "Seller Center": one carries a platform SKU, one does not.
    let cat = leaf(&w, "Classic Unisex Mugs").await;
    catalog::map_category(&w.ctx, &w.shop, "Mugs", &cat).await.expect("map");
    w.sb.seller_center_product(&w.shop.id, "Camping Mug (SC)", "Unisex Mugs", &[("LM-MUG-WHT", "12.50")])
        .expect("sc product");
    w.sb.seller_center_product(&w.shop.id, "Gift Card Bundle", "Unisex Mugs", &[("GIFT-XYZ", "20.00")])
        .expect("sc product");
    w.sb.seller_center_product(&w.shop.id, "Late Lantern", "Unisex Mugs", &[("LATE-LANTERN", "30.00")])
        .expect("sc product");
    let (m, u) = listing::match_products(&w.ctx, &w.shop).await.expect("match");
    assert_eq!((m, u), (1, 2));
    // The lantern's SKU arrives in another store first (not this shop's), then in this one:
    // matching again finds it only in the shop's own store.
    let lantern = |store: &str| {
        let text = json!({"products": [{"handle": "lantern", "title": "Lantern", "description_html": "<p>Bright.</p>",
            "product_type": "Mugs",
            "variants": [{"sku": "LATE-LANTERN", "price": "30.00", "inventory": 3, "weight_grams": "400"}]}]})
        .to_string();
        parse_json(&text, store, "USD").0
    };
    w.ctx.store.import_products(&lantern("elsewhere"), w.ctx.now()).expect("import");
    assert_eq!(
        listing::match_products(&w.ctx, &w.shop).await.expect("match"),
        (1, 2),
        "another store's SKU is not this shop's"
    );
    w.ctx.store.import_products(&lantern("web"), w.ctx.now()).expect("import");
    assert_eq!(
        listing::match_products(&w.ctx, &w.shop).await.expect("match"),
        (2, 1),
        "matched once its SKU is imported"
    );
    let all = w.ctx.store.listings(Some(&w.shop.id)).expect("listings");
    assert!(all.iter().any(|l| l.origin == Origin::Matched && l.handle == "lantern" && l.store == "web"));
    let unmatched = all.iter().find(|l| l.origin == Origin::Unmatched).expect("unmatched");
    assert!(all.iter().any(|l| l.origin == Origin::Matched && l.handle == "enamel-mug"));
    let socks = listing::product(&w.ctx, Some("web"), "trail-socks").expect("socks");
    listing::link(&w.ctx, &w.shop, &unmatched.product_id, &socks, &Default::default()).expect("link");
    let linked = w.ctx.store.listing(&w.shop.id, &unmatched.product_id).expect("get").expect("listing");
    assert_eq!((linked.origin, linked.handle.as_str()), (Origin::Matched, "trail-socks"));

    // Their orders map to platform SKUs: through the matched or linked listing, else by the
    // line's seller SKU in the shop's store.
    let mug_id = all.iter().find(|l| l.handle == "enamel-mug").expect("matched mug").product_id.clone();
    let gift_sku = unmatched.skus[0].id.clone();
    let line = |id: &str, product_id: &str, sku: &str| tokshop::domain::order::OrderLine {
        id: id.into(),
        product_id: product_id.into(),
        seller_sku: sku.into(),
        sku_id: if sku == "GIFT-XYZ" { gift_sku.clone() } else { String::new() },
        ..Default::default()
    };
    let order = tokshop::domain::order::Order {
        id: "5770001".into(),
        shop_id: w.shop.id.clone(),
        lines: vec![
            line("1", &mug_id, "LM-MUG-WHT"),
            line("2", &unmatched.product_id, "GIFT-XYZ"),
            line("3", "999", "NW-SOCK-L"),
            line("4", "998", "NOPE"),
        ],
        ..Default::default()
    };
    let skus = w.ctx.store.platform_skus(&order).expect("platform skus");
    let labels: Vec<String> = ["1", "2", "3", "4"].iter().map(|k| skus[*k].label()).collect();
    assert_eq!(
        labels,
        [
            "enamel-mug / LM-MUG-WHT",
            "trail-socks (which variant is not known)",
            "trail-socks / NW-SOCK-L",
            "not in the catalogue"
        ]
    );
    // Linked SKU by SKU: the gift bundle's SKU is the M socks.
    let bad = [("GIFT-XYZ".to_string(), "NW-SOCK-XL".to_string())].into_iter().collect();
    let err = listing::link(&w.ctx, &w.shop, &unmatched.product_id, &socks, &bad).expect_err("no such platform SKU");
    assert!(err.to_string().contains("NW-SOCK-XL") && err.to_string().contains("NW-SOCK-M"), "{err}");
    let links = [("GIFT-XYZ".to_string(), "NW-SOCK-M".to_string())].into_iter().collect();
    listing::link(&w.ctx, &w.shop, &unmatched.product_id, &socks, &links).expect("link by SKU");
    let skus = w.ctx.store.platform_skus(&order).expect("platform skus");
    assert_eq!(skus["2"].label(), "trail-socks / NW-SOCK-M");
    w.sb.shutdown();
}
