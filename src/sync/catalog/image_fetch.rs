//! Product images given as URLs are downloaded at import into `<data dir>/images/<store>/`,
//! so listing converts and uploads local files like any other. A Shopify product export points
//! every `Image Src` and `Variant Image` at Shopify's CDN; without this, a real export could not
//! be listed as it is. Each URL is fetched once: the file is named by a digest of the URL, and
//! a re-import finds it there.

use crate::domain::catalog::Product;
use futures::StreamExt;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Larger downloads are refused (TikTok takes at most 10 MB after conversion).
const MAX_BYTES: usize = 25 * 1024 * 1024;
/// Downloads at once.
const PARALLEL: usize = 6;

fn is_url(src: &str) -> bool {
    let s = src.trim_start().to_ascii_lowercase();
    s.starts_with("http://") || s.starts_with("https://")
}

/// Where a URL's image is kept: a digest of the URL and the extension the URL names.
pub fn local_path(dir: &Path, store: &str, url: &str) -> PathBuf {
    let digest = hex::encode(Sha256::digest(url.as_bytes()));
    let path_part = url.split(['?', '#']).next().unwrap_or(url);
    let ext = Path::new(path_part)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .filter(|e| matches!(e.as_str(), "jpg" | "jpeg" | "png" | "webp" | "gif" | "bmp" | "tif" | "tiff"))
        .unwrap_or_else(|| "img".into());
    // A store named before names were checked (`..`) still stays inside images/.
    let folder = if crate::domain::shop::validate_store_name(store).is_ok() {
        store.to_string()
    } else {
        format!("store-{}", &hex::encode(Sha256::digest(store.as_bytes()))[..16])
    };
    dir.join("images").join(folder).join(format!("{}.{ext}", &digest[..24]))
}

/// Whether `bytes` start like an image the image crate reads (an HTML error page does not).
fn looks_like_image(bytes: &[u8]) -> bool {
    !bytes.is_empty() && image::guess_format(bytes).is_ok()
}

/// A file already downloaded, and an image: kept. Anything else is fetched again.
fn cached(to: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 64];
    let n = std::fs::File::open(to).and_then(|mut f| f.read(&mut head)).unwrap_or(0);
    looks_like_image(&head[..n])
}

async fn fetch(http: &reqwest::Client, url: &str, to: &Path) -> Result<(), String> {
    if cached(to) {
        return Ok(());
    }
    let mut resp = http.get(url).send().await.map_err(|e| e.without_url().to_string())?;
    let status = resp.status();
    if !status.is_success() {
        return Err(format!("HTTP {status}"));
    }
    let too_big = || format!("larger than {} MB", MAX_BYTES / 1_048_576);
    if resp.content_length().is_some_and(|n| n as usize > MAX_BYTES) {
        return Err(too_big());
    }
    // Read in chunks, capped, whether or not the server said how much it sends.
    let mut bytes: Vec<u8> = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| e.without_url().to_string())? {
        if bytes.len() + chunk.len() > MAX_BYTES {
            return Err(too_big());
        }
        bytes.extend_from_slice(&chunk);
    }
    if !looks_like_image(&bytes) {
        return Err("the server did not send an image".into());
    }
    let dir = to.parent().ok_or("no folder for the image")?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    // Written whole and synced, then renamed: a crash never leaves half an image under the
    // final name; the temporary name is this process's own, so two imports never mix.
    let part = to.with_extension(format!("{}.part", std::process::id()));
    let write = || -> std::io::Result<()> {
        use std::io::Write;
        let mut f = std::fs::File::create(&part)?;
        f.write_all(&bytes)?;
        f.sync_all()
    };
    write().map_err(|e| format!("cannot write {}: {e}", part.display()))?;
    std::fs::rename(&part, to).map_err(|e| format!("cannot write {}: {e}", to.display()))
}

/// Download every image URL of `products` into `data_dir` and point the products at the files.
/// A URL that cannot be fetched stays as it is (the listing check names it) and is reported.
///
/// Many images (at least [`crate::sync::progress::LONG`]) report their progress to `updates`:
/// the consoles' gauge, a headless command's bar on a terminal, or nobody.
pub async fn localize(products: &mut [Product], data_dir: &Path, updates: &crate::sync::Updates) -> Vec<String> {
    let mut wanted: BTreeMap<String, PathBuf> = BTreeMap::new();
    for p in products.iter() {
        let srcs = p.images.iter().map(|i| i.src.as_str()).chain(p.variants.iter().filter_map(|v| v.image.as_deref()));
        for src in srcs.filter(|s| is_url(s)) {
            wanted.entry(src.trim().to_string()).or_insert_with(|| local_path(data_dir, &p.store, src.trim()));
        }
    }
    if wanted.is_empty() {
        return vec![];
    }
    let http = match crate::api::client::http_client(Duration::from_secs(60)) {
        Ok(h) => h,
        Err(e) => return vec![format!("images are not downloaded: {e}")],
    };
    let total = wanted.len() as u64;
    let mut gauge = (wanted.len() >= crate::sync::progress::LONG).then(|| {
        let store = products.first().map(|p| p.store.clone()).unwrap_or_default();
        let label = format!("Images of the catalogue import into {store}");
        crate::sync::progress::Tracker::new(updates, format!("import images {store}"), label, "images")
    });
    let mut fetched = futures::stream::iter(wanted)
        .map(|(url, to)| {
            let http = http.clone();
            async move {
                let r = fetch(&http, &url, &to).await.map(|()| to);
                (url, r)
            }
        })
        .buffer_unordered(PARALLEL);
    let mut results: Vec<(String, Result<PathBuf, String>)> = Vec::new();
    while let Some(r) = fetched.next().await {
        results.push(r);
        if let Some(g) = gauge.as_mut() {
            g.report(results.len() as u64, Some(total), false);
        }
    }
    if let Some(g) = gauge.as_mut() {
        g.finish(results.len() as u64);
    }
    let mut errors = Vec::new();
    let mut local: BTreeMap<String, String> = BTreeMap::new();
    for (url, r) in results {
        match r {
            Ok(path) => {
                local.insert(url, path.display().to_string());
            }
            Err(e) => errors.push(format!("image {url}: cannot download: {e}")),
        }
    }
    errors.sort();
    for p in products.iter_mut() {
        for i in &mut p.images {
            if let Some(l) = local.get(i.src.trim()) {
                i.src = l.clone();
            }
        }
        for v in &mut p.variants {
            if let Some(l) = v.image.as_deref().and_then(|s| local.get(s.trim())) {
                v.image = Some(l.clone());
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_keeps_one_stable_file_named_by_its_digest() {
        let dir = Path::new("/data");
        let a = local_path(dir, "web", "https://cdn.shopify.com/s/files/1/mug.JPG?v=1700000000");
        assert!(a.starts_with("/data/images/web") && a.extension().is_some_and(|e| e == "jpg"), "{}", a.display());
        assert_eq!(a, local_path(dir, "web", "https://cdn.shopify.com/s/files/1/mug.JPG?v=1700000000"));
        assert_ne!(a, local_path(dir, "web", "https://cdn.shopify.com/s/files/1/mug.JPG?v=1800000000"));
        assert!(local_path(dir, "web", "https://x.example/image").display().to_string().ends_with(".img"));
        assert!(is_url(" HTTPS://x") && !is_url("/tmp/a.jpg") && !is_url("images/a.jpg"));
    }
}
