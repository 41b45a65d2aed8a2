//! The quality diagnosis of a product before it is listed (CAT-NFOQUAL-NEWDIAG): the listing
//! check's plan (title, description, category, brand, attributes and images as they would be
//! sent) given to TikTok's Diagnose and Optimize Product, its images uploaded first (the API
//! takes URIs from Upload Product Image). The answer does not block listing (the reference says
//! so); its suggestions are applied only when the seller asks (`listings diagnose --apply`).

use crate::api::quality::Diagnosis;
use crate::domain::catalog::Product;
use crate::domain::listing_check::ListingPlan;
use crate::domain::shop::Shop;
use crate::message::{QualityField, QualityOffer};
use crate::sync::catalog::images::{self, UseCase};
use crate::sync::catalog::quality_apply::{choices, offer_live};
use crate::sync::orders::shop_ref;
use crate::sync::{SyncCtx, SyncError, SyncResult};
use serde_json::{Value, json};

/// The Diagnose and Optimize body of a plan whose images were uploaded as `uris`.
pub fn body(plan: &ListingPlan, uris: &[String]) -> Value {
    let attrs: Vec<Value> = plan
        .attributes
        .iter()
        .map(|(id, vs)| {
            let values: Vec<Value> = vs
                .iter()
                .map(|v| if v.id.is_empty() { json!({"name": v.name}) } else { json!({"id": v.id, "name": v.name}) })
                .collect();
            json!({"id": id, "values": values})
        })
        .collect();
    let mut b = json!({
        "category_id": plan.category_id, "title": plan.title, "description": plan.description,
        "main_images": uris.iter().map(|u| json!({"uri": u})).collect::<Vec<_>>(),
        "product_attributes": attrs, "optimization_fields": ["ALL"],
    });
    if let Some(brand) = &plan.brand_id {
        b["brand_id"] = json!(brand);
    }
    b
}

/// Run the listing check, upload the plan's images and ask TikTok's diagnosis.
pub async fn diagnose(ctx: &SyncCtx, shop: &Shop, p: &Product) -> SyncResult<(ListingPlan, Diagnosis)> {
    let report = super::listing::check_product(ctx, shop, p).await?;
    let Some(plan) = report.plan else {
        let missing: Vec<String> = report.missing.iter().map(|m| format!("{}: {}", m.field, m.problem)).collect();
        return Err(SyncError::Invalid(format!("the listing check has no plan yet ({})", missing.join("; "))));
    };
    let mut uris = Vec::new();
    for path in &plan.images {
        let prep =
            images::prepare(path, UseCase::Main).map_err(|e| SyncError::Invalid(format!("image {path}: {e}")))?;
        let up = ctx.api.upload_image(&shop_ref(shop), &prep.file_name, &prep.bytes, UseCase::Main.wire()).await?;
        uris.push(up.uri);
    }
    let d = ctx.api.diagnose_product(&shop_ref(shop), &body(&plan, &uris)).await?;
    Ok((plan, d))
}

/// A diagnosis as text lines: the tier, then each issue with TikTok's suggestions.
pub fn lines(d: &Diagnosis, what: &str, shop: &str) -> Vec<String> {
    let tier = if d.tier.is_empty() { "no tier in this market".to_string() } else { d.tier.clone() };
    let mut out = vec![format!("{what} on {shop}: quality {tier}, {} recommendation(s) left", d.remaining)];
    for i in &d.issues {
        out.push(format!("  {} {}: {} (reaches {})", i.field, i.code, i.how_to_solve, i.tier));
        if !i.seo_words.is_empty() {
            out.push(format!("    SEO words: {}", i.seo_words.join(", ")));
        }
        out.extend(i.texts.iter().map(|t| format!("    suggested: {t}")));
        out.extend(i.images.iter().map(|im| format!("    suggested image: {} (white background)", im.optimized_url)));
    }
    out
}

/// The console's quality report of a product on a shop (`CatalogCommand::Quality`): a live
/// product's diagnosis, SEO words and suggested title and description; a new one's diagnosis.
/// With it, the same suggestions as choices the console offers to apply.
pub async fn report(ctx: &SyncCtx, shop: &Shop, p: &Product) -> SyncResult<(Vec<String>, QualityOffer)> {
    let live = ctx.store.listings_of(&shop.id, &p.store, &p.handle)?.into_iter().find(|l| l.status == "ACTIVATE");
    let Some(l) = live else {
        let (plan, d) = diagnose(ctx, shop, p).await?;
        let mut out = lines(&d, &format!("{} (before listing)", p.handle), &shop.name);
        out.push(format!(
            "apply: tokshop listings diagnose {} --shop {} --apply title,description,image",
            p.handle, shop.id
        ));
        let offer =
            QualityOffer { live: false, title: plan.title, description: plan.description, choices: choices(&d) };
        return Ok((out, offer));
    };
    let sr = shop_ref(shop);
    let d = ctx.api.diagnose(&sr, &l.product_id).await?;
    let mut out = lines(&d, &p.handle, &shop.name);
    let offer = offer_live(ctx, shop, &l.product_id, &d).await?;
    let words: Vec<&str> =
        offer.choices.iter().filter(|c| c.field == QualityField::SeoWord).map(|c| c.text.as_str()).collect();
    if !words.is_empty() {
        out.push(format!(
            "SEO words: {} (tokshop listings seo {} --shop {} --add WORD)",
            words.join(", "),
            p.handle,
            shop.id
        ));
    }
    for f in [QualityField::Title, QualityField::Description] {
        let rec = offer.choices.iter().find(|c| c.field == f && c.from.ends_with("recommended"));
        let name = if f == QualityField::Title { "title" } else { "description" };
        out.extend(rec.map(|c| format!("recommended {name}: {}", c.text)));
    }
    out.push(format!("white background: tokshop listings whiten {} --shop {} [--apply]", p.handle, shop.id));
    Ok((out, offer))
}
