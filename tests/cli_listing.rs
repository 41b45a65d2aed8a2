//! The catalogue and listing commands as scripts use them, against a sandbox over loopback:
//! import with a bad row (reported by line and column, the rest imported, exit 1), re-import
//! changes nothing, category search and mapping, the dry-run check that exits 1 while fields are
//! missing, the settings that fill them, the listing, and `listings list --json`.

use crate::common;

use common::bin::{Env, json, stderr, stdout};
use common::*;
use serde_json::Value;
use tokshop::sandbox::seed::Seed;

/// The Shopify export fixture copied to a temp dir with real 700x700 images beside it (drawn by
/// `pixel`), as its relative image paths expect; the dir and the CSV's path.
pub(crate) fn shopify_fixture(pixel: impl Fn(u32, u32) -> image::Rgb<u8>) -> (tempfile::TempDir, String) {
    let files = tempfile::tempdir().expect("tempdir");
    let csv = files.path().join("products.csv");
    std::fs::copy(format!("{}/tests/fixtures/catalog/shopify-products.csv", env!("CARGO_MANIFEST_DIR")), &csv)
        .expect("copy");
    std::fs::create_dir(files.path().join("images")).expect("mkdir");
    for name in ["mug.jpg", "serum.png", "rain-jacket-front.jpg", "rain-jacket-back.jpg", "brush-set.jpg"] {
        image::RgbImage::from_fn(700, 700, &pixel).save(files.path().join("images").join(name)).expect("image");
    }
    let csv = csv.display().to_string();
    (files, csv)
}

#[tokio::test]
async fn import_map_check_and_list_from_the_command_line() {
    let sb = sandbox(Seed::Empty).await;
    let env = Env::new(Some(&sb.base_url()));
    let shop = env.connect_web_shop(&sb).await;

    // The fixture has one bad stock cell: named by line and column, the good rows imported.
    // Its image paths are relative to the file: the copy gets real images beside it.
    let (files, csv) = shopify_fixture(|x, y| image::Rgb([(x % 250) as u8, (y % 250) as u8, 90]));
    let o = env.run_async(&["catalog", "import", &csv, "--store", "web"]).await;
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("4 added"), "{}", stdout(&o));
    assert!(stdout(&o).trim_end().ends_with("imported, 1 refused"), "{}", stdout(&o));
    assert!(stderr(&o).contains("line 9") && stderr(&o).contains("Variant Inventory Qty"), "{}", stderr(&o));
    let again = env.run_async(&["catalog", "import", &csv, "--store", "web"]).await;
    assert!(
        stdout(&again).contains("0 added, 0 updated, 4 unchanged"),
        "re-importing changes nothing: {}",
        stdout(&again)
    );
    let listed = json(&env.run_async(&["catalog", "list", "--json"]).await);
    assert_eq!(listed.as_array().map(Vec::len), Some(4));

    // Find the category by fuzzy search, map the product type, check: hazmat is still asked.
    let o = env.run_async(&["categories", "search", "camping mug", "--shop", &shop, "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let hits = json(&o);
    let mug = hits
        .as_array()
        .expect("hits")
        .iter()
        .find(|h| h["path"].as_str().is_some_and(|p| p.ends_with("Camping Mugs")))
        .expect("found");
    let category = mug["id"].as_str().expect("id");
    let o = env.run_async(&["categories", "map", "Mugs", "--category", category, "--shop", &shop]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    // TikTok's recommendation (title, description and the main image) for the same product.
    let o = env.run_async(&["categories", "recommend", "enamel-mug", "--shop", &shop]).await;
    assert!(
        o.status.success() && stdout(&o).contains("TikTok recommends") && stdout(&o).contains("Mugs"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
    let o = env.run_async(&["listings", "check", "LM-MUG-WHT", "--shop", &shop, "--json"]).await;
    assert_eq!(o.status.code(), Some(1), "a check with fields missing exits 1");
    let report = json(&o);
    assert_eq!(report["ready"], false);
    let fields: Vec<&str> =
        report["missing"].as_array().expect("missing").iter().filter_map(|m| m["field"].as_str()).collect();
    assert!(fields.contains(&"hazmat"), "{fields:?}");
    let o = env.run_async(&["listings", "create", "enamel-mug", "--shop", &shop]).await;
    assert_eq!(o.status.code(), Some(1), "nothing leaves with a required field empty");
    assert!(stderr(&o).contains("cannot be listed"), "{}", stderr(&o));

    // Fill what is missing; the mug's second variant has a bad stock cell, so only one SKU lists.
    let o = env
        .run_async(&[
            "listings",
            "set",
            "enamel-mug",
            "--shop",
            &shop,
            "--hazmat",
            "none",
            "--weight-kg",
            "0.3",
            "--dims-cm",
            "10x10x9",
        ])
        .await;
    assert!(o.status.success(), "{}", stderr(&o));
    let o = env.run_async(&["listings", "check", "enamel-mug", "--shop", &shop]).await;
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let o = env.run_async(&["listings", "create", "enamel-mug", "--shop", &shop]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let o = env.run_async(&["listings", "create", "enamel-mug", "--shop", &shop]).await;
    assert_eq!(o.status.code(), Some(1), "never listed twice");
    assert!(stderr(&o).contains("already on"), "{}", stderr(&o));
    let all = json(&env.run_async(&["listings", "list", "--json"]).await);
    let l = &all.as_array().expect("listings")[0];
    assert_eq!((l["handle"].as_str(), l["status"].as_str()), (Some("enamel-mug"), Some("PENDING")));
    assert!(l["idempotency_key"].as_str().is_some_and(|k| !k.is_empty()));

    // Brands: search by prefix, map a usable one by id (found again by its name), refuse an
    // unknown id with what to do.
    let o = env.run_async(&["brands", "search", "Willow", "--shop", &shop, "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let found = json(&o);
    let usable = found.as_array().expect("brands").iter().find(|b| b["usable"] == true).expect("a usable brand");
    let (id, name) = (usable["id"].as_str().expect("id"), usable["name"].as_str().expect("name"));
    let o = env.run_async(&["brands", "map", "Lumen Home", "--brand", id, "--shop", &shop, "--name", name]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(name), "{}", stdout(&o));
    let o = env.run_async(&["brands", "map", "Lumen Home", "--brand", id, "--shop", &shop]).await;
    assert!(o.status.success(), "found without its name too: {}", stderr(&o));
    // Asked about a category, TikTok says which authorized brands can be used there.
    let o = env.run_async(&["brands", "search", "Willow", "--shop", &shop, "--category", category, "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let o = env.run_async(&["brands", "search", "Willow", "--shop", &shop, "--category", "999999999"]).await;
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("12052023"), "{}", stderr(&o));
    let o = env.run_async(&["brands", "map", "Lumen Home", "--brand", "1234", "--shop", &shop]).await;
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("brand 1234 is not one") && stderr(&o).contains("--name"), "{}", stderr(&o));

    // Linking by hand, SKU by SKU: a malformed pair is named; an unknown TikTok product too.
    let o = env
        .run_async(&["listings", "link", "1729", "--shop", &shop, "--to", "enamel-mug", "--sku", "LM-MUG-WHT"])
        .await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("TIKTOK_SKU=PLATFORM_SKU"), "{}", stderr(&o));
    let o = env
        .run_async(&["listings", "link", "1729", "--shop", &shop, "--to", "enamel-mug", "--sku", "SC-1=LM-MUG-WHT"])
        .await;
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("match products first"), "{}", stderr(&o));

    // tokshop's own JSON catalogue, and a TikTok draft of it.
    let own = files.path().join("own.json");
    let text = serde_json::json!({"products": [{"handle": "tin-mug", "title": "Tin Mug", "description_html": "<p>Light \
        tin mug.</p>",
        "vendor": "Lumen Home", "product_type": "Mugs",
        "images": [{"src": files.path().join("images/mug.jpg").display().to_string(), "position": 1}],
        "variants": [{"sku": "LM-TIN", "price": "9.00", "inventory": 12, "weight_grams": "200"}]}]});
    std::fs::write(&own, text.to_string()).expect("write");
    let o = env
        .run_async(&["catalog", "import", &own.display().to_string(), "--store", "web", "--format", "tokshop"])
        .await;
    assert!(o.status.success() && stdout(&o).contains("1 added"), "{}{}", stdout(&o), stderr(&o));
    let o = env
        .run_async(&[
            "listings",
            "set",
            "tin-mug",
            "--shop",
            &shop,
            "--hazmat",
            "none",
            "--weight-kg",
            "0.2",
            "--dims-cm",
            "9x9x9",
        ])
        .await;
    assert!(o.status.success(), "{}", stderr(&o));
    let o = env.run_async(&["listings", "create", "LM-TIN", "--shop", &shop, "--draft"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let all = json(&env.run_async(&["listings", "list", "--json"]).await);
    let tin = all.as_array().expect("listings").iter().find(|l| l["handle"] == "tin-mug").expect("the tin mug");
    assert_eq!((tin["status"].as_str(), tin["audit"].as_str()), (Some("DRAFT"), Some("NONE")), "{tin}");
    // Listing the draft publishes that same product.
    let o = env.run_async(&["listings", "create", "tin-mug", "--shop", &shop]).await;
    assert!(o.status.success() && stdout(&o).contains("resubmit"), "{}{}", stdout(&o), stderr(&o));
    let all = json(&env.run_async(&["listings", "list", "--json"]).await);
    let tins: Vec<&Value> = all.as_array().expect("listings").iter().filter(|l| l["handle"] == "tin-mug").collect();
    assert_eq!(tins.len(), 1, "one TikTok product");
    assert_eq!(tins[0]["status"].as_str(), Some("PENDING"));
    sb.shutdown();
}
