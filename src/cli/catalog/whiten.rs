//! `tokshop listings whiten SKU_OR_HANDLE --shop ID [--out FILE] [--apply]`
//! (CAT-NFOQUAL-WHTBGIMG, CAT-NFOQUAL-AUTOWHTBG): TikTok's Optimized Images replaces the first
//! image's background with white. For a live product the image is the first of its TikTok
//! gallery; for a product not listed on the shop yet, its first local image is converted and
//! uploaded (Upload Product Image) first. TikTok answers PROCESSING until done, so this asks
//! again every second for up to 30 s. The before and after are written as files (`--out FILE`:
//! the after at FILE, the before beside it as `<stem>.before.<ext>`; by default under
//! `<data dir>/images/whitened/<shop>/`). Nothing changes without `--apply`: a live product's
//! gallery is then edited through the outbox (the diff printed first), a new product's listing
//! settings take the white copy as its first image for this shop.

use crate::api::optimize::OptimizedImage;
use crate::cli::catalog::live_edit::{asked_at, product_id_on};
use crate::cli::catalog::mappings::shop;
use crate::cli::output;
use crate::cli::session::{CliError, Globals, open_ctx, settings};
use crate::domain::listing::ListingDraft;
use crate::domain::live_edit::{DetailsEdit, diff};
use crate::domain::outbox::OutboxIntent;
use crate::domain::shop::Shop;
use crate::sync::catalog::images::{self, UseCase};
use crate::sync::catalog::listing;
use crate::sync::catalog::live_details::live_details;
use crate::sync::orders::shop_ref;
use crate::sync::{SyncCtx, SyncError, outbox};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How often and how many times TikTok is asked while it answers PROCESSING.
const POLL_EVERY: Duration = Duration::from_secs(1);
const POLL_TRIES: u32 = 30;

fn ext_of(bytes: &[u8]) -> &'static str {
    match image::guess_format(bytes) {
        Ok(image::ImageFormat::Png) => "png",
        Ok(image::ImageFormat::WebP) => "webp",
        _ => "jpg",
    }
}

pub(super) fn safe(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

/// Write the before and after; the paths written.
fn write_pair(after_path: &Path, before: &[u8], after: &[u8]) -> Result<(PathBuf, PathBuf), CliError> {
    let stem = after_path.file_stem().and_then(|s| s.to_str()).unwrap_or("image");
    let before_path = after_path.with_file_name(format!("{stem}.before.{}", ext_of(before)));
    if let Some(dir) = after_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| CliError::failed(format!("cannot make {}: {e}", dir.display())))?;
    }
    for (p, b) in [(&before_path, before), (&after_path.to_path_buf(), after)] {
        std::fs::write(p, b).map_err(|e| CliError::failed(format!("cannot write {}: {e}", p.display())))?;
    }
    Ok((before_path, after_path.to_path_buf()))
}

/// Ask TikTok to whiten `uri` and read both pictures.
async fn optimize(ctx: &SyncCtx, s: &Shop, uri: &str) -> Result<(OptimizedImage, Vec<u8>, Vec<u8>), CliError> {
    let got = ctx.api.whiten_image(&shop_ref(s), uri, POLL_EVERY, POLL_TRIES).await.map_err(SyncError::from)?;
    if got.processing() {
        return Err(CliError::failed(format!(
            "TikTok is still processing {uri} after {POLL_TRIES} s: ask again in a while (nothing changed)"
        )));
    }
    let before = ctx.api.fetch_photo(&got.original_url).await.map_err(SyncError::from)?;
    let after = if got.optimize_status == "IGNORE" {
        before.clone()
    } else {
        ctx.api.fetch_photo(&got.optimized_url).await.map_err(SyncError::from)?
    };
    Ok((got, before, after))
}

pub async fn whiten(
    g: &Globals,
    what: &str,
    shop_id: &str,
    out: Option<PathBuf>,
    apply: bool,
    as_json: bool,
) -> Result<(), CliError> {
    let ctx = open_ctx(g)?;
    let s = shop(&ctx, shop_id)?;
    let p = crate::cli::catalog::mappings::product_of(&ctx, &s, what)?;
    let live = product_id_on(&ctx, &s, what).ok();
    let default_dir = settings(g)?.data_dir.join("images").join("whitened").join(safe(&s.id));
    let out = out.unwrap_or_else(|| default_dir.join(format!("{}.png", safe(&p.handle))));
    let (uri, now) = match &live {
        Some(pid) => {
            let now = ctx.api.product_text(&shop_ref(&s), pid).await.map_err(SyncError::from)?;
            let (uri, _) = now.main_images.first().cloned().ok_or_else(|| {
                CliError::failed(format!("TikTok product {pid} on {} has no image to whiten", s.name))
            })?;
            (uri, Some(now))
        }
        None => {
            let first = listing::image_notes(&p)
                .into_iter()
                .next()
                .ok_or_else(|| CliError::failed(format!("{} has no image", p.handle)))?;
            let prep = images::prepare(&first.src, UseCase::Main)
                .map_err(|e| CliError::failed(format!("first image {}: {e}", first.src)))?;
            let up = ctx
                .api
                .upload_image(&shop_ref(&s), &prep.file_name, &prep.bytes, UseCase::Main.wire())
                .await
                .map_err(SyncError::from)?;
            (up.uri, None)
        }
    };
    let (got, before, after) = optimize(&ctx, &s, &uri).await?;
    let (before_path, after_path) = write_pair(&out, &before, &after)?;
    let ignored = got.optimize_status == "IGNORE";
    let where_ = match &live {
        Some(pid) => format!("TikTok product {pid}"),
        None => "the product before listing".to_string(),
    };
    if as_json {
        output::json(
            &json!({"product": p.handle, "shop": s.id, "live_product_id": live, "status": got.optimize_status,
            "original_uri": got.original_uri, "optimized_uri": got.optimized_uri, "width": got.width,
            "height": got.height, "before": before_path, "after": after_path, "applied": apply && !ignored}),
        );
    } else if ignored {
        crate::outln!("{}'s first image on {} was optimized before: TikTok leaves it as it is", p.handle, s.name);
    } else {
        crate::outln!("first image of {} ({where_}) on {} with a white background:", p.handle, s.name);
        crate::outln!(
            "  before: {}\n  after:  {} ({} x {})",
            before_path.display(),
            after_path.display(),
            got.width,
            got.height
        );
    }
    if !apply || ignored {
        if !as_json && !ignored {
            crate::outln!("apply it with: tokshop listings whiten {what} --shop {} --apply", s.id);
        }
        return Ok(());
    }
    match (live, now) {
        (Some(pid), Some(now)) => {
            let mut gallery: Vec<String> = now.main_images.iter().map(|(u, _)| u.clone()).collect();
            if let Some(first) = gallery.first_mut() {
                *first = got.optimized_uri.clone();
            }
            let edit = DetailsEdit { main_images: Some(gallery), ..DetailsEdit::default() };
            if !as_json {
                for l in crate::domain::live_edit::diff_lines(&diff(&live_details(&now), &edit)) {
                    crate::outln!("{l}");
                }
            }
            let intent =
                OutboxIntent::EditListingDetails { shop_id: s.id.clone(), product_id: pid, edit, asked_at: asked_at() };
            let label = intent.label();
            let item = outbox::enqueue(&ctx, intent)?;
            let note = crate::cli::orders::settle(&ctx, item.id).await?;
            if !as_json {
                crate::outln!("{label} on {}: {note}", s.name);
            }
        }
        _ => {
            let mut d = ctx.store.draft(&s.id, &p.store, &p.handle)?.unwrap_or(ListingDraft {
                shop_id: s.id.clone(),
                store: p.store.clone(),
                handle: p.handle.clone(),
                ..ListingDraft::default()
            });
            let path = std::fs::canonicalize(&after_path).unwrap_or(after_path);
            d.first_image = Some(path.display().to_string());
            ctx.store.write(|txn| crate::store::listing::put_draft(txn, &d))?;
            if !as_json {
                crate::outln!("{} will be listed on {} with the white first image", p.handle, s.name);
            }
        }
    }
    Ok(())
}
