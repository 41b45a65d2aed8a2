//! The quality diagnosis of a product before it is listed, with the binary (CAT-NFOQUAL-NEWDIAG):
//! part of `listings check` once the product is ready, and `listings diagnose` on a product not
//! on the shop yet; each suggestion (title, description, a white first image) taken into the
//! listing settings only with `--apply`, and the next check lists with them.

use crate::common::bin::{Env, json, stderr, stdout};
use crate::common::*;
use serde_json::Value;
use tokshop::sandbox::seed::Seed;

fn codes(d: &Value) -> Vec<String> {
    d["issues"].as_array().expect("issues").iter().filter_map(|i| i["code"].as_str().map(String::from)).collect()
}

#[tokio::test]
async fn a_new_product_is_diagnosed_in_its_check_and_suggestions_apply_on_approval() {
    let sb = sandbox(Seed::Empty).await;
    let env = Env::new(Some(&sb.base_url()));
    let shop = env.connect_web_shop(&sb).await;
    // A product on a grey studio background.
    let (_files, csv) = crate::cli_listing::shopify_fixture(|x, y| {
        let item = (250..450).contains(&x) && (200..520).contains(&y);
        image::Rgb(if item { [30, 60, 160] } else { [150, 150, 150] })
    });
    let o = env.run_async(&["catalog", "import", &csv, "--store", "web"]).await;
    assert!(stdout(&o).contains("4 added"), "{}", stdout(&o));
    let o = env.run_async(&["categories", "search", "camping mug", "--shop", &shop, "--json"]).await;
    let hits = json(&o);
    let hit =
        hits.as_array().expect("hits").iter().find(|h| h["path"].as_str().is_some_and(|p| p.ends_with("Camping Mugs")));
    let category = hit.expect("found")["id"].as_str().expect("id").to_string();
    let o = env.run_async(&["categories", "map", "Mugs", "--category", &category, "--shop", &shop]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let set = [
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
    ];
    assert!(env.run_async(&set).await.status.success());
    let o = env.run_async(&["listings", "check", "enamel-mug", "--shop", &shop, "--json"]).await;
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let report = json(&o);
    let before = codes(&report["quality"]);
    for c in ["TITLE_LESS_THAN_40_CHARACTERS", "MAIN_IMG_FIRSTIMG_LOW_QUALITY_BACKGROUND"] {
        assert!(before.iter().any(|x| x == c), "{c} in {before:?}");
    }
    assert_eq!(report["quality"]["tier"], "POOR", "{report}");

    let o = env.run_async(&["listings", "diagnose", "enamel-mug", "--shop", &shop, "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let d = json(&o);
    assert_eq!(d["listed"], false);
    let issues = d["diagnosis"]["issues"].as_array().expect("issues").clone();
    let title =
        issues.iter().find(|i| i["field"] == "TITLE").expect("title")["texts"][0].as_str().expect("t").to_string();
    assert!(title.chars().count() >= 40, "{title}");
    let img = issues.iter().find_map(|i| i["images"].as_array().and_then(|a| a.first()).cloned()).expect("an image");
    assert!(img["optimized_uri"].as_str().is_some_and(|u| !u.is_empty()), "{img}");
    let store = || tokshop::store::Store::open(&env.data_dir()).expect("store");
    let draft = |s: &tokshop::store::Store| s.draft(&shop, "web", "enamel-mug").expect("read").expect("draft");
    assert_eq!(draft(&store()).title, None, "nothing taken without --apply");

    let o = env.run_async(&["listings", "diagnose", "enamel-mug", "--shop", &shop, "--apply", "title,image"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(&format!("+ {title}")), "{}", stdout(&o));
    let d = draft(&store());
    assert_eq!(d.title.as_deref(), Some(title.as_str()));
    let white = d.first_image.expect("the white first image");
    assert_eq!(image::open(&white).expect("png").to_rgb8().get_pixel(3, 3).0, [255, 255, 255]);
    // The next check plans the suggested title and the white image; those two issues are gone.
    let o = env.run_async(&["listings", "check", "enamel-mug", "--shop", &shop, "--json"]).await;
    let after = codes(&json(&o)["quality"]);
    assert!(!after.iter().any(|c| c == "TITLE_LESS_THAN_40_CHARACTERS" || c.contains("BACKGROUND")), "{after:?}");
    let o = env.run_async(&["listings", "diagnose", "enamel-mug", "--shop", &shop, "--apply", "colour"]).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    sb.shutdown();
}
