//! White background for the first image with the binary (CAT-NFOQUAL-WHTBGIMG,
//! CAT-NFOQUAL-AUTOWHTBG): TikTok's Optimized Images answers PROCESSING first and SUCCESS later
//! with a really whitened picture; the before and after land as files; nothing changes on
//! TikTok or in the listing settings until `--apply`, which edits a live product's gallery
//! through the outbox and gives a new product its white first image for that shop.

use crate::common::bin::{stderr, stdout};
use crate::live_listings_cli::cli_world;
use serde_json::{Value, json};

fn pixel(path: &str, x: u32, y: u32) -> [u8; 3] {
    image::open(path).expect("an image").to_rgb8().get_pixel(x, y).0
}

#[tokio::test]
async fn whiten_a_live_product_then_apply_it_through_the_outbox() {
    let c = cli_world().await;
    let pid = c.sb.products(&c.us).into_iter().find(|p| p.3.contains(&"LV-SER-30".to_string())).expect("live").0;
    let first = |c: &crate::live_listings_cli::Cli| {
        c.sb.product_json(&c.us, &pid).expect("product")["main_images"][0]["uri"].as_str().unwrap_or("").to_string()
    };
    let original = first(&c);
    assert!(!original.is_empty());
    let out = c.env.home.path().join("out").join("serum.png");
    let out_s = out.display().to_string();
    let o = c.env.run_async(&["listings", "whiten", "glow-serum", "--shop", &c.us, "--out", &out_s, "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!((r["optimize_status"].as_str(), r["applied"].as_bool()), (Some("SUCCESS"), Some(false)), "{r}");
    assert_eq!(r["original_uri"], original.as_str());
    let before = r["before"].as_str().expect("before").to_string();
    assert!(before.ends_with("serum.before.png"), "{before}");
    // The background became white; the product in the middle kept its colour.
    assert_ne!(pixel(&before, 5, 5), [255, 255, 255]);
    assert_eq!(pixel(&out_s, 5, 5), [255, 255, 255]);
    assert_eq!(pixel(&out_s, 300, 330), pixel(&before, 300, 330));
    assert_ne!(pixel(&out_s, 300, 330), [255, 255, 255]);
    assert_eq!(first(&c), original, "nothing sent without --apply");

    let o = c.env.run_async(&["listings", "whiten", "glow-serum", "--shop", &c.us, "--apply"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("images:") && text.contains("Partial Edit"), "{text}");
    let optimized = r["optimized_uri"].as_str().expect("optimized").to_string();
    assert_eq!(first(&c), optimized, "the gallery's first image is the white one");
    // The white image is itself an optimization's result: TikTok ignores it.
    let o = c.env.run_async(&["listings", "whiten", "glow-serum", "--shop", &c.us, "--json"]).await;
    let r: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(r["optimize_status"], "IGNORE", "{r}");
    c.sb.shutdown();
}

#[tokio::test]
async fn whiten_a_new_product_before_listing_it() {
    let c = cli_world().await;
    let files = c.env.home.path().join("files");
    std::fs::create_dir_all(&files).expect("mkdir");
    let img = image::RgbImage::from_fn(400, 400, |x, y| {
        if (150..250).contains(&x) && (120..280).contains(&y) {
            image::Rgb([20, 90, 40])
        } else {
            image::Rgb([90, 90, 95])
        }
    });
    let path = files.join("mug.png");
    img.save(&path).expect("save");
    let doc = json!({"products": [{"handle": "new-mug", "title": "New Mug", "vendor": "Maomao",
        "product_type": "Mugs", "images": [{"src": path.display().to_string(), "position": 1}],
        "variants": [{"sku": "NM-1", "price": "9.00", "inventory": 3}]}]});
    let file = files.join("more.json");
    std::fs::write(&file, doc.to_string()).expect("write");
    let f = file.display().to_string();
    let o = c.env.run_async(&["catalog", "import", &f, "--store", "main", "--format", "tokshop"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let o = c.env.run_async(&["listings", "whiten", "new-mug", "--shop", &c.us, "--apply", "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!((r["live_product_id"].is_null(), r["applied"].as_bool()), (true, Some(true)), "{r}");
    let after = r["after"].as_str().expect("after").to_string();
    assert!(after.starts_with(&c.env.data_dir().display().to_string()), "{after}");
    assert_eq!(pixel(&after, 2, 2), [255, 255, 255]);
    assert_eq!(pixel(&after, 200, 200), [20, 90, 40]);
    let store = tokshop::store::Store::open(&c.env.data_dir()).expect("store");
    let d = store.draft(&c.us, "main", "new-mug").expect("read").expect("a draft");
    let kept = d.first_image.expect("the white first image kept for the listing");
    assert_eq!(std::fs::canonicalize(&after).ok(), std::fs::canonicalize(&kept).ok());
    c.sb.shutdown();
}

#[tokio::test]
async fn whiten_apply_is_refused_while_the_products_information_sync_is_stopped() {
    let c = cli_world().await;
    let pid = c.sb.products(&c.us).into_iter().find(|p| p.3.contains(&"LV-SER-30".to_string())).expect("live").0;
    let gallery = || c.sb.product_json(&c.us, &pid).expect("product")["main_images"].to_string();
    let original = gallery();
    let o = c.env.run_async(&["listings", "stop", "glow-serum", "--shop", &c.us, "--info"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let out = c.env.home.path().join("out").join("serum.png");
    let out_s = out.display().to_string();
    let o = c.env.run_async(&["listings", "whiten", "glow-serum", "--shop", &c.us, "--out", &out_s, "--apply"]).await;
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("information sync of glow-serum on ") && err.contains("is stopped: nothing sent"), "{err}");
    assert!(err.contains("tokshop listings resume glow-serum --shop"), "says how to resume: {err}");
    assert!(!out.exists(), "refused before TikTok is asked anything");
    assert_eq!(gallery(), original, "nothing sent");
    // Without --apply it still only shows; resumed, --apply goes through.
    let o = c.env.run_async(&["listings", "whiten", "glow-serum", "--shop", &c.us, "--out", &out_s]).await;
    assert!(o.status.success() && out.exists(), "{}", stderr(&o));
    let o = c.env.run_async(&["listings", "resume", "glow-serum", "--shop", &c.us, "--info"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let o = c.env.run_async(&["listings", "whiten", "glow-serum", "--shop", &c.us, "--apply"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_ne!(gallery(), original, "applied once resumed");
    c.sb.shutdown();
}
