//! TikTok's quality suggestions offered to the console one by one and applied on the seller's
//! approval (CAT-NFOQUAL-SEOKEY, -TITLEDESC, -EXISTDIAG, -NEWDIAG): the report's issues, SEO
//! words and recommended title and description become `QualityChoice`s beside the product's
//! title and description as they are now; `ApplyQuality` sends a live product's picked title and
//! description with Partial Edit through the outbox (as `listings edit`), or keeps a new
//! product's in its listing settings for the shop (as `listings diagnose --apply`).

use crate::api::quality::Diagnosis;
use crate::domain::catalog::Product;
use crate::domain::live_edit::text_problem;
use crate::domain::outbox::OutboxIntent;
use crate::domain::shop::Shop;
use crate::message::{QualityChoice, QualityField, QualityOffer};
use crate::sync::orders::shop_ref;
use crate::sync::{SyncCtx, SyncError, SyncResult, outbox};

/// A diagnosis's issues as choices: each suggested text of a title or description issue, each
/// SEO word once, and what cannot be applied as text (an image, a missing attribute) as `Other`.
pub fn choices(d: &Diagnosis) -> Vec<QualityChoice> {
    let mut out: Vec<QualityChoice> = Vec::new();
    for i in &d.issues {
        let from = format!("{} {}: {}", i.field, i.code, i.how_to_solve);
        let field = match i.field.as_str() {
            "TITLE" => QualityField::Title,
            "DESCRIPTION" => QualityField::Description,
            _ => QualityField::Other,
        };
        let before = out.len();
        if field != QualityField::Other {
            out.extend(i.texts.iter().map(|t| QualityChoice { field, text: t.clone(), from: from.clone() }));
        }
        seo_words(&mut out, &i.seo_words, &from);
        if !i.images.is_empty() {
            let text = "the first image with a white background (tokshop listings whiten)".to_string();
            out.push(QualityChoice { field: QualityField::Other, text, from: from.clone() });
        }
        if out.len() == before {
            out.push(QualityChoice { field: QualityField::Other, text: i.how_to_solve.clone(), from });
        }
    }
    out
}

fn seo_words(out: &mut Vec<QualityChoice>, words: &[String], from: &str) {
    for w in words {
        if !out.iter().any(|c| c.field == QualityField::SeoWord && c.text == *w) {
            out.push(QualityChoice { field: QualityField::SeoWord, text: w.clone(), from: from.to_string() });
        }
    }
}

/// A live product's offer: its diagnosis, its SEO words and the recommended title and
/// description, beside TikTok's title and description now.
pub async fn offer_live(ctx: &SyncCtx, shop: &Shop, product_id: &str, d: &Diagnosis) -> SyncResult<QualityOffer> {
    let sr = shop_ref(shop);
    let now = ctx.api.product_text(&sr, product_id).await?;
    let mut choices = choices(d);
    seo_words(&mut choices, &ctx.api.seo_words(&sr, product_id).await?, "SEO words");
    for (field, texts) in ctx.api.suggestions(&sr, product_id).await? {
        let field = match field.as_str() {
            "TITLE" => QualityField::Title,
            "DESCRIPTION" => QualityField::Description,
            _ => continue,
        };
        for t in texts {
            // A text the diagnosis also suggests is one choice, said to be both.
            match choices.iter_mut().find(|c| c.field == field && c.text == t) {
                Some(c) => c.from.push_str(" · recommended"),
                None => choices.push(QualityChoice { field, text: t, from: "recommended".into() }),
            }
        }
    }
    Ok(QualityOffer { live: true, title: now.title, description: now.description, choices })
}

/// When a person asked, in unix milliseconds: two requests in the same second stay two.
pub fn asked_at() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Apply the picked title and description (TikTok's suggestions or the seller's edit of them,
/// checked by TikTok's rules first): a live product's through the outbox (TikTok read
/// first, only what differs sent; refused while its information sync is stopped), a new
/// product's into its listing settings. What was done, in words.
pub async fn apply(
    ctx: &SyncCtx,
    shop: &Shop,
    p: &Product,
    title: Option<String>,
    description: Option<String>,
) -> SyncResult<String> {
    if let Some(why) = text_problem(title.as_deref(), description.as_deref()) {
        return Err(SyncError::Invalid(format!("{why}: nothing applied to {}", p.handle)));
    }
    let live = ctx.store.listings_of(&shop.id, &p.store, &p.handle)?.into_iter().find(|l| l.status == "ACTIVATE");
    let Some(l) = live else {
        let mut draft = super::listing::draft_or_new(ctx, shop, p)?;
        let mut applied = Vec::new();
        if let Some(t) = title {
            draft.title = Some(t);
            applied.push("title");
        }
        if let Some(d) = description {
            draft.description = Some(d);
            applied.push("description");
        }
        ctx.store.write(|t| crate::store::listing::put_draft(t, &draft))?;
        return Ok(format!("saved in the listing settings of {} for {}: {}", p.handle, shop.name, applied.join(", ")));
    };
    super::stops::refuse_if_info_stopped(ctx, shop, &l.product_id, &p.handle)?;
    let now = ctx.api.product_text(&shop_ref(shop), &l.product_id).await?;
    let changes = super::live_edit::diff(&now, title.as_deref(), description.as_deref());
    if changes.is_empty() {
        return Ok(format!("TikTok product {} on {} already shows this: nothing to send", l.product_id, shop.name));
    }
    let has = |f: &str| changes.iter().any(|c| c.field == f);
    let intent = OutboxIntent::EditListing {
        shop_id: shop.id.clone(),
        product_id: l.product_id.clone(),
        title: if has("title") { title } else { None },
        description: if has("description") { description } else { None },
        asked_at: asked_at(),
    };
    let label = intent.label();
    outbox::enqueue(ctx, intent)?;
    Ok(format!("Queued: {label} on {}", shop.name))
}
