//! Editing a live product's gallery, attributes and package with the binary (CAT-POST-INFO):
//! the field diff against TikTok first (`--dry-run` sends nothing), then Partial Edit through the
//! outbox; asked again, nothing is sent; refused while the product's information sync is stopped.

use crate::common::bin::{stderr, stdout};
use crate::live_listings_cli::cli_world;
use serde_json::Value;

#[tokio::test]
async fn images_attributes_and_package_of_a_live_product_with_a_diff_first() {
    let c = cli_world().await;
    let pid = c.sb.products(&c.us).into_iter().find(|p| p.3.contains(&"LV-SER-30".to_string())).expect("live").0;
    let product = || c.sb.product_json(&c.us, &pid).expect("product");
    let us = c.us.clone();
    let base = ["listings", "edit", "glow-serum", "--shop", us.as_str()];
    let details = ["--attr", "100392=Cotton", "--weight-kg", "0.5", "--dims-cm", "10x8x4.2"];
    fn args<'a>(base: &[&'a str], details: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
        [base, details, extra].concat()
    }
    let o = c.env.run_async(&args(&base, &details, &["--dry-run", "--json"])).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let d: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let fields: Vec<&str> =
        d["changes"].as_array().expect("changes").iter().filter_map(|x| x["field"].as_str()).collect();
    assert_eq!(fields, ["attribute 100392", "package weight", "package dimensions"], "{d}");
    assert_eq!(d["changes"][1]["tiktok"], "0.3 KILOGRAM");
    assert_eq!(d["changes"][2]["ours"], "10 x 8 x 5 CENTIMETER");
    assert_eq!((d["sent"].as_bool(), product()["package_weight"]["value"].as_str()), (Some(false), Some("0.3")));

    // A second local image joins the gallery after the first (kept by its URI).
    let first = product()["main_images"][0]["uri"].as_str().expect("uri").to_string();
    let file = c.env.home.path().join("side.png");
    image::RgbImage::from_fn(640, 640, |x, _| image::Rgb([(x % 200) as u8, 80, 80])).save(&file).expect("png");
    let file = file.display().to_string();
    let o = c.env.run_async(&args(&base, &details, &["--image", &first, "--image", &file])).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("- 0.3 KILOGRAM") && text.contains("+ 0.5 KILOGRAM") && text.contains("Partial Edit"),
        "{text}"
    );
    let p = product();
    assert_eq!(p["main_images"].as_array().map(Vec::len), Some(2));
    assert_eq!(p["main_images"][0]["uri"], first.as_str());
    assert_eq!(
        (p["package_weight"]["value"].as_str(), p["package_dimensions"]["height"].as_str()),
        (Some("0.5"), Some("5"))
    );
    let attr = p["product_attributes"].as_array().expect("attributes").iter().find(|a| a["id"] == "100392").cloned();
    assert_eq!(attr.expect("attribute")["values"][0]["name"], "Cotton");
    let o = c.env.run_async(&args(&base, &details, &[])).await;
    assert!(stdout(&o).contains("nothing to send"), "asked again: {}", stdout(&o));

    let o = c.env.run_async(&["listings", "stop", "glow-serum", "--shop", &c.us, "--info"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let o = c.env.run_async(&[&base[..], &["--weight-kg", "0.7"][..]].concat()).await;
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is stopped"), "{}", stderr(&o));
    c.sb.shutdown();
}
