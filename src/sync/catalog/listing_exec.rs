//! Performing a ListProduct intent from the outbox: check again (nothing leaves with a required
//! field empty), convert and upload the images and certificate files, build the payload and
//! call Create Product with the intent's idempotency key. A retry after a crash repeats the
//! uploads (harmless) and the create with the same key, which TikTok answers with the product
//! it already made: nothing is listed twice. A product TikTok rejected (or holds as a draft,
//! or deactivated) is resubmitted with Edit Product instead: the same product, its SKUs kept
//! by id; a retry reads the product first and does not resubmit what is already in review.

use crate::api::ApiError;
use crate::domain::listing::{Listing, Origin};
use crate::domain::listing_payload::{Uploaded, payload};
use crate::domain::outbox::OutboxIntent;
use crate::domain::tiktok_catalog::RemoteProduct;
use crate::sync::catalog::images::{self, UseCase};
use crate::sync::catalog::listing::{check_product, product, record};
use crate::sync::orders::shop_ref;
use crate::sync::{SyncCtx, SyncError};

/// What a TikTok create error is about, for people: the field it names.
pub fn field_of(code: i64) -> Option<&'static str> {
    Some(match code {
        12052104 | 12052182 | 12052246 | 12052247 | 12052248 | 12052249 => "product_attributes",
        12052105 | 12052385 | 12052656 => "certifications",
        12052673 | 12052670 | 12052128 => "size_chart",
        12019011 | 12052181 | 12052006 | 12019061 | 12052915 => "package_weight",
        12052028 | 12052300 | 12052301 | 12052305 | 12052306 => "main_images",
        12052023 | 12052024 | 12052217 | 12052223 | 12052230 => "category_id",
        12052026 | 12052201 | 12052208 => "brand_id",
        12052073 | 12052092 => "skus.price",
        12052055 | 12052097 | 12019022 => "skus.inventory",
        12052261 | 12052051 | 12052931 => "title",
        12052015 | 12052013 => "description",
        _ => return None,
    })
}

fn refused(endpoint: &str, message: String) -> ApiError {
    ApiError::decode(endpoint, message, None)
}

fn io(endpoint: &str, e: impl std::fmt::Display) -> ApiError {
    ApiError::transport(endpoint, e.to_string(), None)
}

pub async fn perform(ctx: &SyncCtx, intent: &OutboxIntent) -> Result<String, ApiError> {
    if intent.background() {
        return super::push::perform(ctx, intent).await;
    }
    if let Some(done) = super::live_edit::perform(ctx, intent).await {
        return done;
    }
    let OutboxIntent::ListProduct { shop_id, store, handle, idempotency_key, as_draft, product_id } = intent else {
        return Ok(String::new());
    };
    let endpoint = if product_id.is_some() {
        "PUT /product/202509/products/{product_id}"
    } else {
        "POST /product/202309/products"
    };
    let shop = ctx
        .store
        .get_shop(shop_id)
        .map_err(|e| io(endpoint, e))?
        .ok_or_else(|| refused(endpoint, format!("shop {shop_id} is not connected here")))?;
    let p = ctx.store.get_product(store, handle).map_err(|e| io(endpoint, e))?;
    let p = match p {
        Some(p) => p,
        None => product(ctx, Some(store), handle).map_err(|e| refused(endpoint, e.to_string()))?,
    };
    let report = match check_product(ctx, &shop, &p).await {
        Ok(r) => r,
        Err(SyncError::Api(e)) => return Err(e),
        Err(e) => return Err(io(endpoint, e)),
    };
    let Some(plan) = report.plan.filter(|_| report.missing.is_empty()) else {
        let list: Vec<String> = report.missing.iter().map(|m| format!("{}: {}", m.field, m.problem)).collect();
        return Err(refused(endpoint, format!("not ready to list: {}", list.join("; "))));
    };
    let sr = shop_ref(&shop);
    let earlier = match product_id {
        Some(id) => {
            let l = ctx
                .store
                .listing(&shop.id, id)
                .map_err(|e| io(endpoint, e))?
                .ok_or_else(|| refused(endpoint, format!("TikTok product {id} is not known here any more")))?;
            // A retry after the edit went through: the product is already back in review (or
            // past it), so nothing is resubmitted twice. (Saving a draft again is harmless.)
            let now = ctx.api.get_product(&sr, id).await?;
            if !matches!(now.status.as_str(), "FAILED" | "DRAFT" | "PLATFORM_DEACTIVATED") {
                let status = now.status.to_lowercase();
                let l = record(ctx, &shop, l, &now).map_err(|e| io(endpoint, e))?;
                return Ok(format!(
                    "product {} already resubmitted ({status}, audit {}; checked before calling)",
                    l.product_id,
                    l.audit.to_lowercase()
                ));
            }
            // SKU ids as TikTok has them now (a Seller Center edit may have changed them).
            let skus = if now.skus.is_empty() { l.skus.clone() } else { now.skus.clone() };
            Some((Listing { skus, ..l }, now.status))
        }
        None => None,
    };
    let mut up = Uploaded::default();
    // Convert and upload one image for a use case, once per file (variants of one colour often
    // share theirs).
    let upload = async |up: &mut Uploaded, path: &str, use_case: UseCase, what: &str| -> Result<(), ApiError> {
        if up.images.contains_key(path) {
            return Ok(());
        }
        let prep = images::prepare(path, use_case).map_err(|e| refused(endpoint, format!("{what} {path}: {e}")))?;
        let img = ctx.api.upload_image(&sr, &prep.file_name, &prep.bytes, use_case.wire()).await?;
        up.images.insert(path.to_string(), img.uri);
        Ok(())
    };
    for path in &plan.images {
        upload(&mut up, path, UseCase::Main, "image").await?;
    }
    for path in plan.skus.iter().filter_map(|s| s.image.as_deref()) {
        upload(&mut up, path, UseCase::Attribute, "variant image").await?;
    }
    if let Some(path) = plan.size_chart.as_ref().filter(|s| s.template_id.is_none()).and_then(|s| s.image.as_deref()) {
        upload(&mut up, path, UseCase::SizeChart, "size chart").await?;
    }
    for (_, proof) in &plan.certifications {
        for path in &proof.files {
            if path.to_ascii_lowercase().ends_with(".pdf") {
                let bytes = std::fs::read(path).map_err(|e| refused(endpoint, format!("certificate {path}: {e}")))?;
                let name = std::path::Path::new(path)
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("certificate.pdf")
                    .replace(' ', "_");
                let f = ctx.api.upload_file(&sr, &name, &bytes).await?;
                up.files.insert(path.clone(), (f.id, f.name));
            } else {
                upload(&mut up, path, UseCase::Certification, "certificate").await?;
            }
        }
    }
    let mut body = payload(&plan, &up, idempotency_key, *as_draft);
    let call = match &earlier {
        Some((l, status)) => {
            as_edit(&mut body, l, status);
            ctx.api.edit_product(&sr, &l.product_id, &body).await
        }
        None => ctx.api.create_product(&sr, &body).await,
    };
    let written = match call {
        Ok(w) => w,
        Err(mut e) => {
            if let Some(f) = e.code.and_then(field_of) {
                e.message = format!("{} (field {f})", e.message);
            }
            return Err(e);
        }
    };
    let base = match earlier {
        Some((l, _)) => Listing {
            warnings: written.warnings.clone(),
            skus: if written.skus.is_empty() { l.skus.clone() } else { written.skus.clone() },
            ..l
        },
        None => Listing {
            shop_id: shop.id.clone(),
            product_id: written.product_id.clone(),
            store: p.store.clone(),
            handle: p.handle.clone(),
            origin: Origin::Tokshop,
            warnings: written.warnings.clone(),
            skus: written.skus.clone(),
            idempotency_key: idempotency_key.clone(),
            ..Listing::default()
        },
    };
    let remote = match ctx.api.get_product(&sr, &written.product_id).await {
        Ok(r) => r,
        Err(_) => RemoteProduct {
            id: written.product_id.clone(),
            title: plan.title.clone(),
            status: if *as_draft { "DRAFT".into() } else { "PENDING".into() },
            audit: if *as_draft { "NONE".into() } else { "AUDITING".into() },
            ..RemoteProduct::default()
        },
    };
    record(ctx, &shop, base, &remote).map_err(|e| io(endpoint, e))?;
    let verb = if product_id.is_some() { "resubmitted " } else { "" };
    let warned = if written.warnings.is_empty() {
        String::new()
    } else {
        format!("; TikTok warns: {}", written.warnings.join(" "))
    };
    Ok(format!(
        "{verb}product {} ({}, audit {}){warned}",
        written.product_id,
        remote.status.to_lowercase(),
        remote.audit.to_lowercase()
    ))
}

/// Turn a Create Product body into an Edit Product body for `l`: Edit takes no idempotency
/// key, each SKU it already has is named by id (Edit deletes existing SKUs left out and makes
/// new ones of SKUs without an id), and `identifier_code` goes only to a DRAFT (Edit Product:
/// "Editable only if the product is in DRAFT state").
fn as_edit(body: &mut serde_json::Value, l: &Listing, status: &str) {
    if let Some(o) = body.as_object_mut() {
        o.remove("idempotency_key");
    }
    if let Some(skus) = body.get_mut("skus").and_then(serde_json::Value::as_array_mut) {
        for s in skus {
            if status != "DRAFT"
                && let Some(o) = s.as_object_mut()
            {
                o.remove("identifier_code");
            }
            let id = l
                .skus
                .iter()
                .find(|r| Some(r.seller_sku.as_str()) == s.get("seller_sku").and_then(serde_json::Value::as_str));
            if let Some(r) = id {
                s["id"] = serde_json::json!(r.id);
            }
        }
    }
}
