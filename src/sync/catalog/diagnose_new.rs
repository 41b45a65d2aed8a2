//! The quality diagnosis of a product before it is listed (CAT-NFOQUAL-NEWDIAG): the listing
//! check's plan (title, description, category, brand, attributes and images as they would be
//! sent) given to TikTok's Diagnose and Optimize Product, its images uploaded first (the API
//! takes URIs from Upload Product Image). The answer does not block listing (the reference says
//! so); its suggestions are applied only when the seller asks (`listings diagnose --apply`).

use crate::api::quality::Diagnosis;
use crate::domain::catalog::Product;
use crate::domain::listing_check::ListingPlan;
use crate::domain::shop::Shop;
use crate::sync::catalog::images::{self, UseCase};
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
