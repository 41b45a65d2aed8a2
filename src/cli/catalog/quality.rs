//! `tokshop listings seo|suggest|diagnose` (CAT-NFOQUAL-SEOKEY, CAT-NFOQUAL-TITLEDESC,
//! CAT-NFOQUAL-EXISTDIAG): TikTok's listing-quality tools for a live product. Nothing is applied
//! without the seller asking: `--add` and `--apply` go through `listings edit` (the diff first,
//! then Partial Edit through the outbox).

use crate::cli::catalog::live_edit::{edit, product_id_on};
use crate::cli::catalog::mappings::shop;
use crate::cli::output;
use crate::cli::session::{CliError, Globals, open_ctx};
use crate::sync::SyncError;
use crate::sync::orders::shop_ref;
use serde_json::json;

/// `listings seo`: the words; with `--add`, the title with them, previewed and sent.
pub async fn seo(g: &Globals, what: &str, shop_id: &str, add: &[String], as_json: bool) -> Result<(), CliError> {
    let ctx = open_ctx(g)?;
    let s = shop(&ctx, shop_id)?;
    let pid = product_id_on(&ctx, &s, what)?;
    let words = ctx.api.seo_words(&shop_ref(&s), &pid).await.map_err(SyncError::from)?;
    let now = ctx.api.product_text(&shop_ref(&s), &pid).await.map_err(SyncError::from)?;
    if add.is_empty() {
        if as_json {
            output::json(&json!({"product_id": pid, "title": now.title, "seo_words": words}));
        } else if words.is_empty() {
            crate::outln!("TikTok suggests no SEO words for {what} on {}", s.name);
        } else {
            crate::outln!("SEO words for {what} on {}: {}", s.name, words.join(", "));
            crate::outln!("add some with: tokshop listings seo {what} --shop {} --add WORD ...", s.id);
        }
        return Ok(());
    }
    let title = format!("{} {}", now.title.trim_end(), add.join(" "));
    if title.chars().count() > 255 {
        return Err(CliError::usage("the title would pass TikTok's 255 characters: add fewer words"));
    }
    // The edit opens the store itself (without an engine, one opening at a time).
    drop(ctx);
    edit(g, what, shop_id, Some(title), None, false, as_json).await
}

/// `listings suggest`: TikTok's title and description beside the current ones; `--apply`
/// sends the chosen ones.
pub async fn suggest(
    g: &Globals,
    what: &str,
    shop_id: &str,
    apply: Option<&str>,
    as_json: bool,
) -> Result<(), CliError> {
    let ctx = open_ctx(g)?;
    let s = shop(&ctx, shop_id)?;
    let pid = product_id_on(&ctx, &s, what)?;
    let got = ctx.api.suggestions(&shop_ref(&s), &pid).await.map_err(SyncError::from)?;
    let now = ctx.api.product_text(&shop_ref(&s), &pid).await.map_err(SyncError::from)?;
    let first = |field: &str| got.iter().find(|(f, _)| f == field).and_then(|(_, t)| t.first().cloned());
    let (title, description) = (first("TITLE"), first("DESCRIPTION"));
    let Some(fields) = apply else {
        if as_json {
            output::json(&json!({"product_id": pid,
                "title": {"current": now.title, "suggested": title},
                "description": {"current": now.description, "suggested": description}}));
        } else {
            for (name, cur, sug) in [("title", &now.title, &title), ("description", &now.description, &description)] {
                match sug {
                    Some(x) => crate::outln!("{name}:\n  now:       {cur}\n  suggested: {x}"),
                    None => crate::outln!("{name}: no suggestion"),
                }
            }
        }
        return Ok(());
    };
    let mut want = (None, None);
    for f in fields.split(',').map(|f| f.trim().to_lowercase()) {
        match f.as_str() {
            "title" => want.0 = Some(title.clone().ok_or_else(|| CliError::failed("TikTok suggests no title"))?),
            "description" => {
                want.1 = Some(description.clone().ok_or_else(|| CliError::failed("TikTok suggests no description"))?)
            }
            other => return Err(CliError::usage(format!("--apply {other:?}: use title, description or both"))),
        }
    }
    drop(ctx);
    edit(g, what, shop_id, want.0, want.1, false, as_json).await
}

/// `listings diagnose`: the quality tier and every issue with TikTok's suggestions; a product not
/// on the shop yet is diagnosed before listing (`diagnose_new.rs`). `--apply` takes a live
/// product's suggested title or description through `listings edit`.
pub async fn diagnose(
    g: &Globals,
    what: &str,
    shop_id: &str,
    apply: Option<&str>,
    as_json: bool,
) -> Result<(), CliError> {
    let ctx = open_ctx(g)?;
    let s = shop(&ctx, shop_id)?;
    let Ok(pid) = product_id_on(&ctx, &s, what) else {
        let p = crate::cli::catalog::mappings::product_of(&ctx, &s, what)?;
        return super::diagnose_new::run(g, &ctx, &s, &p, apply, as_json).await;
    };
    let d = ctx.api.diagnose(&shop_ref(&s), &pid).await.map_err(SyncError::from)?;
    if let Some(fields) = apply {
        let text = |f: &str| d.issues.iter().filter(|i| i.field == f).find_map(|i| i.texts.first().cloned());
        let mut want = (None, None);
        for f in fields.split(',').map(|f| f.trim().to_lowercase()) {
            let got = text(&f.to_uppercase()).ok_or_else(|| CliError::failed(format!("TikTok suggests no {f}")));
            match f.as_str() {
                "title" => want.0 = Some(got?),
                "description" => want.1 = Some(got?),
                "image" => {
                    return Err(CliError::usage("a live product's first image: tokshop listings whiten --apply"));
                }
                other => return Err(CliError::usage(format!("--apply {other:?}: use title, description or both"))),
            }
        }
        drop(ctx);
        return edit(g, what, shop_id, want.0, want.1, false, as_json).await;
    }
    if as_json {
        output::json(&json!({"product_id": pid, "diagnosis": d}));
        return Ok(());
    }
    super::diagnose_new::print(&d, what, &s.name);
    Ok(())
}
