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

/// `listings diagnose`: the quality tier and every issue with TikTok's suggestions.
pub async fn diagnose(g: &Globals, what: &str, shop_id: &str, as_json: bool) -> Result<(), CliError> {
    let ctx = open_ctx(g)?;
    let s = shop(&ctx, shop_id)?;
    let pid = product_id_on(&ctx, &s, what)?;
    let d = ctx.api.diagnose(&shop_ref(&s), &pid).await.map_err(SyncError::from)?;
    if as_json {
        output::json(&json!({"product_id": pid, "diagnosis": d}));
        return Ok(());
    }
    let tier = if d.tier.is_empty() { "no tier in this market".to_string() } else { d.tier.clone() };
    crate::outln!("{what} on {}: quality {tier}, {} recommendation(s) left", s.name, d.remaining);
    for i in &d.issues {
        crate::outln!("  {} {}: {} (reaches {})", i.field, i.code, i.how_to_solve, i.tier);
        if !i.seo_words.is_empty() {
            crate::outln!("    SEO words: {}", i.seo_words.join(", "));
        }
        for t in &i.texts {
            crate::outln!("    suggested: {t}");
        }
    }
    Ok(())
}
