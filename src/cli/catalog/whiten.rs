//! `tokshop listings whiten SKU_OR_HANDLE --shop ID [--out FILE] [--apply]`
//! (CAT-NFOQUAL-WHTBGIMG, CAT-NFOQUAL-AUTOWHTBG): TikTok's Optimized Images replaces the first
//! image's background with white. For a live product the image is the first of its TikTok
//! gallery; for a product not listed on the shop yet, its first local image is converted and
//! uploaded (Upload Product Image) first. TikTok answers PROCESSING until done, so this asks
//! again every second for up to 30 s. The before and after are written as files (`--out FILE`:
//! the after at FILE, the before beside it as `<stem>.before.<ext>`; by default under
//! `<data dir>/images/whitened/<shop>/`). Nothing changes without `--apply`: a live product's
//! gallery is then edited through the outbox (the diff printed first), a new product's listing
//! settings take the white copy as its first image for this shop. `--apply` on a live product
//! whose information sync is stopped on the shop is refused before anything is asked or sent.

use crate::cli::catalog::mappings::shop;
use crate::cli::output;
use crate::cli::session::{CliError, Globals, open_ctx, settings};
use crate::sync::catalog::whiten::{self as shared, default_out};
use serde_json::json;
use std::path::PathBuf;

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
    let live = shared::product_id_of(&ctx, &s, &p)?;
    // Refused before TikTok is asked anything: an apply that could not be sent.
    if let Some(pid) = live.as_deref().filter(|_| apply) {
        crate::sync::catalog::stops::refuse_if_info_stopped(&ctx, &s, pid, what)?;
    }
    let out = match out {
        Some(o) => o,
        None => default_out(&settings(g)?.data_dir, &s.id, &p.handle),
    };
    let w = shared::whiten(&ctx, &s, &p, live.clone(), &out).await?;
    let ignored = w.ignored();
    let where_ = match &live {
        Some(pid) => format!("TikTok product {pid}"),
        None => "the product before listing".to_string(),
    };
    let got = &w.got;
    if as_json {
        output::json(&json!({"handle": p.handle, "shop_id": s.id, "live_product_id": live,
            "optimize_status": got.optimize_status,
            "original_uri": got.original_uri, "optimized_uri": got.optimized_uri, "width": got.width,
            "height": got.height, "before": w.before_path, "after": w.after_path, "applied": apply && !ignored}));
    } else if ignored {
        crate::outln!("{}'s first image on {} was optimized before: TikTok leaves it as it is", p.handle, s.name);
    } else {
        crate::outln!("first image of {} ({where_}) on {} with a white background:", p.handle, s.name);
        crate::outln!(
            "  before: {}\n  after:  {} ({} x {})",
            w.before_path.display(),
            w.after_path.display(),
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
    let uri = w.got.optimized_uri.clone();
    let done = shared::apply(&ctx, &s, &p, w.product_id, w.now, &uri, &w.after_path).await?;
    match done.item {
        Some(item) => {
            if !as_json {
                for l in &done.diff {
                    crate::outln!("{l}");
                }
            }
            let label = item.intent.label();
            let note = crate::cli::orders::settle(&ctx, item.id).await?;
            if !as_json {
                crate::outln!("{label} on {}: {note}", s.name);
            }
        }
        None if !as_json => crate::outln!("{} will be listed on {} with the white first image", p.handle, s.name),
        None => {}
    }
    Ok(())
}
