//! Editing a live product's gallery, attributes and package (CAT-POST-INFO) and applying a
//! whitened first image (CAT-NFOQUAL-WHTBGIMG): performing `EditListingDetails` from the outbox.
//! It reads TikTok's product first and sends only what still differs (a retry after a crash
//! sends nothing twice), with Partial Edit: its reference page (`partial-edit-product`) takes
//! `main_images`, `product_attributes`, `package_weight` and `package_dimensions`, each replaced
//! as one top-level property, so Partial Edit suffices for every field offered here and Edit
//! Product (which replaces the whole product) is not needed. The attribute list sent is
//! TikTok's whole list with the asked ones replaced.

use crate::api::ApiError;
use crate::api::product_status::ProductText;
use crate::domain::catalog::Dimensions;
use crate::domain::listing::ChosenValue;
use crate::domain::live_edit::{DetailsEdit, LiveDetails, diff, merged_attributes, whole};
use crate::sync::SyncCtx;
use crate::sync::catalog::listing::refresh;
use crate::sync::orders::shop_ref;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::str::FromStr;

fn dec(s: &str) -> Option<Decimal> {
    Decimal::from_str(s.trim()).ok()
}

/// What TikTok shows of a product's details, from Get Product.
pub fn live_details(p: &ProductText) -> LiveDetails {
    let attributes = p
        .attributes
        .iter()
        .map(|(id, vs)| (id.clone(), vs.iter().map(|(i, n)| ChosenValue { id: i.clone(), name: n.clone() }).collect()))
        .collect();
    let (w, wu) = &p.package_weight;
    let [l, wd, h, du] = &p.package_dimensions;
    let dims = match (dec(l), dec(wd), dec(h)) {
        (Some(length), Some(width), Some(height)) => Some((Dimensions { length, width, height }, du.clone())),
        _ => None,
    };
    LiveDetails {
        main_images: p.main_images.iter().map(|(u, _)| u.clone()).collect(),
        attributes,
        package_weight: dec(w).map(|v| (v, wu.clone())),
        package_dimensions: dims,
    }
}

/// The Partial Edit body for what differs (None: nothing does).
pub fn body(now: &LiveDetails, want: &DetailsEdit) -> Option<Value> {
    let changes = diff(now, want);
    if changes.is_empty() {
        return None;
    }
    let changed = |f: &str| changes.iter().any(|c| c.field.starts_with(f));
    let mut b = json!({});
    if let Some(g) = want.main_images.as_ref().filter(|_| changed("images")) {
        b["main_images"] = json!(g.iter().map(|u| json!({"uri": u})).collect::<Vec<_>>());
    }
    if changed("attribute") {
        let all: Vec<Value> = merged_attributes(now, want)
            .into_iter()
            .map(|(id, vs)| crate::domain::listing_payload::attribute(&id, &vs))
            .collect();
        b["product_attributes"] = json!(all);
    }
    if let Some(kg) = want.package_weight_kg.filter(|_| changed("package weight")) {
        b["package_weight"] = json!({"value": kg.round_dp(3).normalize().to_string(), "unit": "KILOGRAM"});
    }
    if let Some(d) = want.package_dimensions_cm.as_ref().filter(|_| changed("package dimensions")) {
        let n = |x: Decimal| whole(x).normalize().to_string();
        b["package_dimensions"] =
            json!({"length": n(d.length), "width": n(d.width), "height": n(d.height), "unit": "CENTIMETER"});
    }
    Some(b)
}

pub async fn perform(ctx: &SyncCtx, shop_id: &str, product_id: &str, want: &DetailsEdit) -> Result<String, ApiError> {
    let shop = super::live_edit::shop_of(ctx, shop_id)?;
    let now = live_details(&ctx.api.product_text(&shop_ref(&shop), product_id).await?);
    let Some(b) = body(&now, want) else {
        return Ok("TikTok already shows it (checked before calling): nothing sent".into());
    };
    let fields: Vec<String> = b.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
    let written = ctx.api.partial_edit_product(&shop_ref(&shop), product_id, &b).await?;
    if let Err(e) = refresh(ctx, &shop, product_id).await {
        tracing::warn!("reading product {product_id} of {} back failed: {e}", shop.name);
    }
    Ok(format!(
        "{} sent with Partial Edit; TikTok's audit: {} (the live version stays until it passes)",
        fields.join(", "),
        if written.audit.is_empty() { "none".to_string() } else { written.audit.to_lowercase() }
    ))
}
