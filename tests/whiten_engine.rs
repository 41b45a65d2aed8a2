//! The white background through a running engine, as the Listings pane's `W` and `y` send it:
//! `Whiten` asks the sandbox's Optimized Images (PROCESSING first, polled in the engine) and
//! answers with the before and after written under the data dir and previews to draw; TikTok's
//! product is unchanged until `ApplyWhiten`, which edits the gallery through the outbox, and
//! which is refused, nothing queued, while the product's information sync is stopped.

use crate::engine::settings_of;
use crate::live_engine::{attached, heard};
use crate::live_listings_cli::{Cli, cli_world};
use std::time::Duration;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};
use tokshop::engine::Engine;
use tokshop::message::{CatalogAnswer, CatalogCommand, Command, Update, WhiteImage};
use tokshop::store::Store;

/// The first image of TikTok product `pid` on the US shop.
fn first_image(c: &Cli, pid: &str) -> String {
    c.sb.product_json(&c.us, pid).expect("product")["main_images"][0]["uri"].as_str().unwrap_or("").to_string()
}

/// An engine with a console attached, glow-serum's TikTok product on the US shop, and the
/// engine's answer to `Whiten` for it.
async fn whitened(
    c: &Cli,
) -> (Engine, Store, UnboundedSender<Command>, UnboundedReceiver<Update>, String, Box<WhiteImage>) {
    let (eng, store, cmds, mut rx) = attached(c).await;
    let pid = store.listings_of(&c.us, "main", "glow-serum").expect("read")[0].product_id.clone();
    let ask = CatalogCommand::Whiten { shop_id: c.us.clone(), store: "main".into(), handle: "glow-serum".into() };
    cmds.send(ask.into()).expect("send");
    let got =
        heard(&mut rx, "the before and after", |u| matches!(u, Update::Catalog(CatalogAnswer::Whitened { .. }))).await;
    let Update::Catalog(CatalogAnswer::Whitened { shop_id, handle, image }) = got else { panic!("whitened") };
    assert_eq!((shop_id.as_str(), handle.as_str(), image.status.as_str()), (c.us.as_str(), "glow-serum", "SUCCESS"));
    (eng, store, cmds, rx, pid, image)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_whitens_a_live_products_first_image_and_applies_it_on_approval() {
    let c = cli_world().await;
    let s = settings_of(&c.env);
    let us = c.us.clone();
    let (eng, _store, cmds, mut rx, pid, image) = whitened(&c).await;
    let first = || first_image(&c, &pid);
    let original = first();
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_whiten_is_refused_while_the_products_information_sync_is_stopped() {
    let c = cli_world().await;
    let (eng, store, cmds, mut rx, pid, image) = whitened(&c).await;
    let original = first_image(&c, &pid);
    let o = c.env.run_async(&["listings", "stop", "glow-serum", "--shop", &c.us, "--info"]).await;
    assert!(o.status.success(), "{}", crate::common::bin::stderr(&o));
    let outbox = store.all_outbox().expect("outbox").len();
    let apply = CatalogCommand::ApplyWhiten {
        shop_id: c.us.clone(),
        store: "main".into(),
        handle: "glow-serum".into(),
        optimized_uri: image.optimized_uri.clone(),
    };
    cmds.send(apply.into()).expect("send");
    let refused = heard(&mut rx, "the refusal", |u| matches!(u, Update::Failed(_) | Update::Done(_))).await;
    let Update::Failed(why) = refused else { panic!("refused: {refused:?}") };
    assert!(why.contains("information sync of glow-serum on ") && why.contains("is stopped: nothing sent"), "{why}");
    assert!(why.contains("listings resume glow-serum"), "says how to resume: {why}");
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(store.all_outbox().expect("outbox").len(), outbox, "nothing queued");
    assert_eq!(first_image(&c, &pid), original, "the gallery is unchanged");
    eng.stop();
    c.sb.shutdown();
}
