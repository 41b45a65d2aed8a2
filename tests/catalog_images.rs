//! Image URLs in a catalogue (a Shopify export points at Shopify's CDN) are downloaded at
//! import into the data dir, once: the products then point at local files the listing can
//! convert and upload; a URL that fails is named and the product still imports.

use crate::common;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use common::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokshop::sandbox::seed::Seed;
use tokshop::sync::catalog::commands;

async fn image_host() -> (String, Arc<AtomicUsize>) {
    let hits = Arc::new(AtomicUsize::new(0));
    let mut png = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_fn(640, 640, |x, y| image::Rgb([(x % 255) as u8, (y % 255) as u8, 120]))
        .write_to(&mut png, image::ImageFormat::Png)
        .expect("png");
    let png = png.into_inner();
    let counter = hits.clone();
    let app = Router::new().route(
        "/s/files/{name}",
        get(move |axum::extract::Path(name): axum::extract::Path<String>| {
            let (png, counter) = (png.clone(), counter.clone());
            async move {
                counter.fetch_add(1, Ordering::SeqCst);
                match name.as_str() {
                    "mug.png" => Ok(png),
                    "page.png" => Ok(b"<!doctype html><html><body>Log in</body></html>".to_vec()),
                    _ => Err(StatusCode::NOT_FOUND),
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}"), hits)
}

#[tokio::test]
async fn image_urls_are_downloaded_once_and_failures_are_named() {
    let (host, hits) = image_host().await;
    let sb = sandbox(Seed::Empty).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = sync_ctx(&sb, &dir.path().join("data"));
    let csv = dir.path().join("products.csv");
    std::fs::write(
        &csv,
        format!(
            "Handle,Title,Vendor,Type,Variant SKU,Variant Price,Variant Inventory Qty,Variant Grams,Image Src,Image \
                Position\n\
             mug,Mug,Lumen,Mugs,M-1,5.00,3,250,{host}/s/files/mug.png?v=17,1\n\
             cup,Cup,Lumen,Mugs,C-1,4.00,3,200,{host}/s/files/gone.png,1\n\
             jar,Jar,Lumen,Mugs,J-1,6.00,3,300,{host}/s/files/page.png,1\n"
        ),
    )
    .expect("csv");
    let err = commands::import(&ctx, &csv, "web", "USD").await.expect_err("one image fails");
    assert!(err.to_string().contains("gone.png") && err.to_string().contains("404"), "{err}");
    let log = format!("{err}");
    assert!(log.contains("2 row(s) refused"), "the 404 and the HTML page: {log}");
    let mug = ctx.store.get_product("web", "mug").expect("read").expect("mug");
    let src = &mug.images[0].src;
    assert!(
        src.starts_with(&dir.path().join("data").display().to_string()) && std::path::Path::new(src).is_file(),
        "{src}"
    );
    tokshop::sync::catalog::images::prepare(src, tokshop::sync::catalog::images::UseCase::Main)
        .expect("a local image the listing can upload");
    let cup = ctx.store.get_product("web", "cup").expect("read").expect("the cup still imports");
    assert!(cup.images[0].src.starts_with("http"), "a failed URL stays, for the check to name");
    let jar = ctx.store.get_product("web", "jar").expect("read").expect("the jar still imports");
    assert!(jar.images[0].src.starts_with("http"), "an HTML page is not kept as an image");
    assert_eq!(hits.load(Ordering::SeqCst), 3);

    // Imported again: the mug's image is already here; only the failed ones are tried again.
    let _ = commands::import(&ctx, &csv, "web", "USD").await;
    assert_eq!(hits.load(Ordering::SeqCst), 5);
    assert_eq!(ctx.store.get_product("web", "mug").expect("read").expect("mug").images[0].src, *src);
    sb.shutdown();
}

/// A catalogue import with many images reports them as they download (the console's gauge, a
/// headless command's bar): counts of a known total, then the end.
#[tokio::test]
async fn many_images_report_their_progress() {
    let (host, hits) = image_host().await;
    let sb = sandbox(Seed::Empty).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ctx = sync_ctx(&sb, &dir.path().join("data"));
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let into = seen.clone();
    ctx.updates = tokshop::sync::Updates::from_fn(move |u| {
        if let tokshop::message::Update::Progress(p) = u {
            into.lock().expect("lock").push(p);
        }
    });
    let mut csv =
        String::from("Handle,Title,Variant SKU,Variant Price,Variant Inventory Qty,Image Src,Image Position\n");
    for n in 0..60 {
        csv.push_str(&format!("mug-{n},Mug {n},M-{n},5.00,3,{host}/s/files/mug.png?v={n},1\n"));
    }
    let path = dir.path().join("products.csv");
    std::fs::write(&path, csv).expect("csv");
    let done = commands::import(&ctx, &path, "web", "USD").await.expect("imported");
    assert!(done.contains("60 product(s)"), "{done}");
    assert_eq!(hits.load(Ordering::SeqCst), 60);
    let seen = seen.lock().expect("lock").clone();
    assert!(!seen.is_empty(), "progress was reported");
    assert!(seen.iter().all(|p| p.unit == "images" && p.label.contains("import into web")), "{seen:?}");
    assert!(seen.iter().filter(|p| !p.finished).all(|p| p.total == Some(60) && p.done <= 60), "{seen:?}");
    let last = seen.last().expect("an end");
    assert!(last.finished && last.done == 60, "{last:?}");
    sb.shutdown();
}
