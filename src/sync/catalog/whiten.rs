//! White background for a product's first image (CAT-NFOQUAL-WHTBGIMG, CAT-NFOQUAL-AUTOWHTBG),
//! shared by `tokshop listings whiten` and the console's Listings pane (through the engine):
//! TikTok's Optimized Images replaces the background with white. For a live product the image
//! is the first of its TikTok gallery; for a product not listed on the shop yet, its first
//! local image is converted and uploaded (Upload Product Image) first. TikTok answers PROCESSING
//! until done, so it is asked again every second for up to 30 s. The before and after are
//! written as files. Nothing changes until `apply`: a live product's gallery is then edited
//! through the outbox, a new product's listing settings take the white copy as its first image.

use crate::api::optimize::OptimizedImage;
use crate::api::product_status::ProductText;
use crate::domain::catalog::Product;
use crate::domain::live_edit::{DetailsEdit, diff, diff_lines};
use crate::domain::outbox::{OutboxIntent, OutboxItem};
use crate::domain::shop::Shop;
use crate::message::WhiteImage;
use crate::sync::catalog::images::{self, UseCase};
use crate::sync::catalog::listing;
use crate::sync::catalog::live_details::live_details;
use crate::sync::orders::shop_ref;
use crate::sync::{SyncCtx, SyncError, SyncResult, outbox};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How often and how many times TikTok is asked while it answers PROCESSING.
pub const POLL_EVERY: Duration = Duration::from_secs(1);
pub const POLL_TRIES: u32 = 30;

/// The longest side of the previews sent to the console (the files keep the full pictures).
const PREVIEW_SIDE: u32 = 240;

/// One whitening done: TikTok's answer, the pictures and where they were written.
pub struct Whitened {
    /// The TikTok product the image came from (`None`: a product not on the shop yet).
    pub product_id: Option<String>,
    /// TikTok's product as it is now (a live product only).
    pub now: Option<ProductText>,
    pub got: OptimizedImage,
    pub before: Vec<u8>,
    pub after: Vec<u8>,
    pub before_path: PathBuf,
    pub after_path: PathBuf,
}

impl Whitened {
    /// TikTok found the image optimized before and leaves it as it is.
    pub fn ignored(&self) -> bool {
        self.got.optimize_status == "IGNORE"
    }
}

fn ext_of(bytes: &[u8]) -> &'static str {
    match image::guess_format(bytes) {
        Ok(image::ImageFormat::Png) => "png",
        Ok(image::ImageFormat::WebP) => "webp",
        _ => "jpg",
    }
}

/// A name safe as a file name: anything but letters, digits, `-` and `_` becomes `_`.
pub fn safe(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

/// Where the after goes by default: `<data dir>/images/whitened/<shop>/<handle>.png`.
pub fn default_out(data_dir: &Path, shop_id: &str, handle: &str) -> PathBuf {
    data_dir.join("images").join("whitened").join(safe(shop_id)).join(format!("{}.png", safe(handle)))
}

/// Write the before and after; the paths written (the before beside the after, `STEM.before.EXT`).
pub fn write_pair(after_path: &Path, before: &[u8], after: &[u8]) -> SyncResult<(PathBuf, PathBuf)> {
    let stem = after_path.file_stem().and_then(|s| s.to_str()).unwrap_or("image");
    let before_path = after_path.with_file_name(format!("{stem}.before.{}", ext_of(before)));
    if let Some(dir) = after_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| SyncError::Invalid(format!("cannot make {}: {e}", dir.display())))?;
    }
    for (p, b) in [(&before_path, before), (&after_path.to_path_buf(), after)] {
        std::fs::write(p, b).map_err(|e| SyncError::Invalid(format!("cannot write {}: {e}", p.display())))?;
    }
    Ok((before_path, after_path.to_path_buf()))
}

/// Ask TikTok to whiten `uri` (bounded polling) and read both pictures.
async fn optimize(ctx: &SyncCtx, s: &Shop, uri: &str) -> SyncResult<(OptimizedImage, Vec<u8>, Vec<u8>)> {
    let got = ctx.api.whiten_image(&shop_ref(s), uri, POLL_EVERY, POLL_TRIES).await?;
    if got.processing() {
        return Err(SyncError::Invalid(format!(
            "TikTok is still processing {uri} after {POLL_TRIES} s: ask again in a while (nothing changed)"
        )));
    }
    let before = ctx.api.fetch_photo(&got.original_url).await?;
    let after =
        if got.optimize_status == "IGNORE" { before.clone() } else { ctx.api.fetch_photo(&got.optimized_url).await? };
    Ok((got, before, after))
}

/// Whiten the first image of `p` on shop `s` (`live`: its TikTok product id when it is on the
/// shop) and write the before and after, the after at `out`.
pub async fn whiten(ctx: &SyncCtx, s: &Shop, p: &Product, live: Option<String>, out: &Path) -> SyncResult<Whitened> {
    let (uri, now) = match &live {
        Some(pid) => {
            let now = ctx.api.product_text(&shop_ref(s), pid).await?;
            let (uri, _) = now.main_images.first().cloned().ok_or_else(|| {
                SyncError::Invalid(format!("TikTok product {pid} on {} has no image to whiten", s.name))
            })?;
            (uri, Some(now))
        }
        None => {
            let first = listing::image_notes(p)
                .into_iter()
                .next()
                .ok_or_else(|| SyncError::Invalid(format!("{} has no image", p.handle)))?;
            let prep = images::prepare(&first.src, UseCase::Main)
                .map_err(|e| SyncError::Invalid(format!("first image {}: {e}", first.src)))?;
            let up = ctx.api.upload_image(&shop_ref(s), &prep.file_name, &prep.bytes, UseCase::Main.wire()).await?;
            (up.uri, None)
        }
    };
    let (got, before, after) = optimize(ctx, s, &uri).await?;
    let (before_path, after_path) = write_pair(out, &before, &after)?;
    Ok(Whitened { product_id: live, now, got, before, after, before_path, after_path })
}

/// A small PNG of a picture for the console to draw (empty when it cannot be read).
pub fn preview(bytes: &[u8]) -> Vec<u8> {
    let Ok(img) = image::load_from_memory(bytes) else { return Vec::new() };
    let small = img.thumbnail(PREVIEW_SIDE, PREVIEW_SIDE);
    let mut out = std::io::Cursor::new(Vec::new());
    match small.write_to(&mut out, image::ImageFormat::Png) {
        Ok(()) => out.into_inner(),
        Err(_) => Vec::new(),
    }
}

/// What applying did: the outbox item queued for a live product (with the gallery's diff), or
/// `None` when the white copy went into a new product's listing settings.
pub struct Applied {
    pub item: Option<OutboxItem>,
    pub diff: Vec<String>,
}

/// Apply the white image: a live product's gallery gets `optimized_uri` as its first image
/// (Partial Edit through the outbox; TikTok's product read first when `now` is `None`; refused
/// while its information sync is stopped on the shop, as every edit is); a new
/// product's listing settings keep `after_path` as its first image on the shop.
pub async fn apply(
    ctx: &SyncCtx,
    s: &Shop,
    p: &Product,
    live: Option<String>,
    now: Option<ProductText>,
    optimized_uri: &str,
    after_path: &Path,
) -> SyncResult<Applied> {
    let Some(pid) = live else {
        let mut d = listing::draft_or_new(ctx, s, p)?;
        let path = std::fs::canonicalize(after_path).unwrap_or_else(|_| after_path.to_path_buf());
        d.first_image = Some(path.display().to_string());
        ctx.store.write(|txn| crate::store::listing::put_draft(txn, &d))?;
        return Ok(Applied { item: None, diff: Vec::new() });
    };
    super::stops::refuse_if_info_stopped(ctx, s, &pid, &p.handle)?;
    let now = match now {
        Some(n) => n,
        None => ctx.api.product_text(&shop_ref(s), &pid).await?,
    };
    let mut gallery: Vec<String> = now.main_images.iter().map(|(u, _)| u.clone()).collect();
    match gallery.first_mut() {
        Some(first) => *first = optimized_uri.to_string(),
        None => return Err(SyncError::Invalid(format!("TikTok product {pid} on {} has no image", s.name))),
    }
    let edit = DetailsEdit { main_images: Some(gallery), ..DetailsEdit::default() };
    let lines = diff_lines(&diff(&live_details(&now), &edit));
    let intent = OutboxIntent::EditListingDetails {
        shop_id: s.id.clone(),
        product_id: pid,
        edit,
        asked_at: super::quality_apply::asked_at(),
    };
    Ok(Applied { item: Some(outbox::enqueue(ctx, intent)?), diff: lines })
}

/// The TikTok product `p` is on the shop as (its latest listing not deleted), if any.
pub fn product_id_of(ctx: &SyncCtx, s: &Shop, p: &Product) -> SyncResult<Option<String>> {
    Ok(ctx
        .store
        .listings_of(&s.id, &p.store, &p.handle)?
        .into_iter()
        .filter(|l| l.status != "DELETED")
        .max_by_key(|l| l.updated_at)
        .map(|l| l.product_id))
}

/// The console's `Whiten`: the files written under the data dir, and small previews to draw.
pub async fn for_console(ctx: &SyncCtx, s: &Shop, p: &Product) -> SyncResult<WhiteImage> {
    let live = product_id_of(ctx, s, p)?;
    let out = default_out(ctx.store.dir(), &s.id, &p.handle);
    let w = whiten(ctx, s, p, live, &out).await?;
    Ok(WhiteImage {
        live: w.product_id.is_some(),
        status: w.got.optimize_status.clone(),
        optimized_uri: w.got.optimized_uri.clone(),
        width: w.got.width,
        height: w.got.height,
        before_path: w.before_path.display().to_string(),
        after_path: w.after_path.display().to_string(),
        before: preview(&w.before),
        after: preview(&w.after),
    })
}

/// The console's `ApplyWhiten`, after the seller's `y`: what was done, in words.
pub async fn apply_from_console(ctx: &SyncCtx, s: &Shop, p: &Product, optimized_uri: &str) -> SyncResult<String> {
    if optimized_uri.trim().is_empty() {
        return Err(SyncError::Invalid("no optimized image to apply".into()));
    }
    let live = product_id_of(ctx, s, p)?;
    let after = default_out(ctx.store.dir(), &s.id, &p.handle);
    if live.is_none() && !after.is_file() {
        return Err(SyncError::Invalid(format!("{} is not whitened yet: {} is missing", p.handle, after.display())));
    }
    let done = apply(ctx, s, p, live, None, optimized_uri, &after).await?;
    Ok(match done.item {
        Some(item) => format!("Queued: {} on {} (outbox #{})", item.intent.label(), s.name, item.id),
        None => format!("{} will be listed on {} with the white first image", p.handle, s.name),
    })
}
