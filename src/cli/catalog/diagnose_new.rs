//! `tokshop listings diagnose SKU_OR_HANDLE --shop ID [--apply title,description,image]` for a
//! product not listed on the shop yet (CAT-NFOQUAL-NEWDIAG): the listing check's plan diagnosed
//! by TikTok's Diagnose and Optimize Product, each issue with TikTok's suggestions; `--apply`
//! takes the chosen suggestions into the product's listing settings for that shop (its title,
//! description, or the first image with a white background, kept as a file), shown as a diff.

use crate::api::quality::Diagnosis;
use crate::cli::output;
use crate::cli::session::{CliError, Globals, settings};
use crate::domain::catalog::Product;
use crate::domain::listing::ListingDraft;
use crate::domain::shop::Shop;
use crate::sync::catalog::diagnose_new;
use crate::sync::{SyncCtx, SyncError};
use serde_json::json;

/// Print a diagnosis: the tier and each issue with TikTok's suggestions.
pub fn print(d: &Diagnosis, what: &str, shop: &str) {
    for l in diagnose_new::lines(d, what, shop) {
        crate::outln!("{l}");
    }
}

fn first_text(d: &Diagnosis, field: &str) -> Option<String> {
    d.issues.iter().filter(|i| i.field == field).find_map(|i| i.texts.first().cloned())
}

pub async fn run(
    g: &Globals,
    ctx: &SyncCtx,
    s: &Shop,
    p: &Product,
    apply: Option<&str>,
    as_json: bool,
) -> Result<(), CliError> {
    let (plan, d) = diagnose_new::diagnose(ctx, s, p).await?;
    if as_json && apply.is_none() {
        output::json(&json!({"handle": p.handle, "shop_id": s.id, "listed": false, "diagnosis": d}));
        return Ok(());
    }
    if !as_json {
        print(&d, &format!("{} (before listing)", p.handle), &s.name);
    }
    let Some(fields) = apply else { return Ok(()) };
    let mut draft = ctx.store.draft(&s.id, &p.store, &p.handle)?.unwrap_or(ListingDraft {
        shop_id: s.id.clone(),
        store: p.store.clone(),
        handle: p.handle.clone(),
        ..ListingDraft::default()
    });
    let mut applied = Vec::new();
    for f in fields.split(',').map(|f| f.trim().to_lowercase()) {
        match f.as_str() {
            "title" | "description" => {
                let upper = f.to_uppercase();
                let text = first_text(&d, &upper)
                    .ok_or_else(|| CliError::failed(format!("TikTok suggests no {f} for {}", p.handle)))?;
                let now = if f == "title" { &plan.title } else { &plan.description };
                if !as_json {
                    crate::outln!("{f}:\n  - {now}\n  + {text}");
                }
                if f == "title" { draft.title = Some(text) } else { draft.description = Some(text) }
            }
            "image" => {
                let im = d
                    .issues
                    .iter()
                    .find_map(|i| i.images.first())
                    .ok_or_else(|| CliError::failed(format!("TikTok suggests no image for {}", p.handle)))?;
                let bytes = ctx.api.fetch_photo(&im.optimized_url).await.map_err(SyncError::from)?;
                let path = crate::sync::catalog::whiten::default_out(&settings(g)?.data_dir, &s.id, &p.handle);
                let dir = path.parent().unwrap_or(&path);
                std::fs::create_dir_all(dir).map_err(|e| CliError::failed(format!("{}: {e}", dir.display())))?;
                std::fs::write(&path, &bytes).map_err(|e| CliError::failed(format!("{}: {e}", path.display())))?;
                if !as_json {
                    crate::outln!(
                        "first image:\n  - {}\n  + {}",
                        plan.images.first().cloned().unwrap_or_default(),
                        path.display()
                    );
                }
                draft.first_image = Some(path.display().to_string());
            }
            other => return Err(CliError::usage(format!("--apply {other:?}: use title, description or image"))),
        }
        applied.push(f);
    }
    ctx.store.write(|txn| crate::store::listing::put_draft(txn, &draft))?;
    if as_json {
        let doc = json!({"handle": p.handle, "shop_id": s.id, "listed": false, "diagnosis": d, "applied": applied});
        output::json(&doc);
    } else {
        crate::outln!("saved in the listing settings of {} for {}: {}", p.handle, s.name, applied.join(", "));
    }
    Ok(())
}
