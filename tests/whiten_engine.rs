//! The white background through a running engine, as the Listings pane's `W` and `y` send it:
//! `Whiten` asks the sandbox's Optimized Images (PROCESSING first, polled in the engine) and
//! answers with the before and after written under the data dir and previews to draw; TikTok's
//! product is unchanged until `ApplyWhiten`, which edits the gallery through the outbox.

use crate::engine::settings_of;
use crate::live_engine::{attached, heard};
use crate::live_listings_cli::cli_world;
use std::time::Duration;
use tokshop::message::{CatalogAnswer, CatalogCommand, Update};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_whitens_a_live_products_first_image_and_applies_it_on_approval() {
    let c = cli_world().await;
    let s = settings_of(&c.env);
    let (eng, store, cmds, mut rx) = attached(&c).await;
    let us = c.us.clone();
    let pid = store.listings_of(&us, "main", "glow-serum").expect("read")[0].product_id.clone();
    let first =
        || c.sb.product_json(&us, &pid).expect("product")["main_images"][0]["uri"].as_str().unwrap_or("").to_string();
    let original = first();

    let ask = CatalogCommand::Whiten { shop_id: us.clone(), store: "main".into(), handle: "glow-serum".into() };
    cmds.send(ask.into()).expect("send");
    let got =
        heard(&mut rx, "the before and after", |u| matches!(u, Update::Catalog(CatalogAnswer::Whitened { .. }))).await;
    let Update::Catalog(CatalogAnswer::Whitened { shop_id, handle, image }) = got else { panic!("whitened") };
    assert_eq!((shop_id.as_str(), handle.as_str(), image.status.as_str()), (us.as_str(), "glow-serum", "SUCCESS"));
    assert!(image.live);
    let dir = s.data_dir.join("images").join("whitened");
    for p in [&image.before_path, &image.after_path] {
        assert!(std::path::Path::new(p).starts_with(&dir), "{p} under {}", dir.display());
    }
    let (before, after) =
        (image::open(&image.before_path).expect("before"), image::open(&image.after_path).expect("after"));
    assert_ne!(before.to_rgb8().get_pixel(5, 5).0, [255, 255, 255]);
    assert_eq!(after.to_rgb8().get_pixel(5, 5).0, [255, 255, 255], "the background is white");
    // The previews are small pictures of the same two.
    for b in [&image.before, &image.after] {
        let p = image::load_from_memory(b).expect("a preview");
        assert!(p.width() <= 240 && p.height() <= 240 && p.width() > 0);
    }
    assert_eq!(image::load_from_memory(&image.after).expect("after").to_rgb8().get_pixel(1, 1).0, [255, 255, 255]);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(first(), original, "nothing sent before y");

    let apply = CatalogCommand::ApplyWhiten {
        shop_id: us.clone(),
        store: "main".into(),
        handle: "glow-serum".into(),
        optimized_uri: image.optimized_uri.clone(),
    };
    cmds.send(apply.into()).expect("send");
    let done = heard(&mut rx, "the edit queued", |u| matches!(u, Update::Done(m) if m.contains("Queued: "))).await;
    assert!(matches!(&done, Update::Done(m) if m.contains("outbox #")), "{done:?}");
    crate::common::until("the gallery's first image is the white one", || first() == image.optimized_uri).await;
    eng.stop();
    c.sb.shutdown();
}
