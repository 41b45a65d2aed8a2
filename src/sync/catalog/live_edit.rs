//! Activating, deactivating and editing live products (CAT-POST-ACTIVATE, CAT-POST-INFO):
//! performing `SetProductsActive` and `EditListing` from the outbox. Each reads TikTok first and
//! skips what is already so (a retry after a crash sends nothing twice), then reads the product
//! back so the Listings pane shows the new state and the audit that follows is polled
//! (`follow_pending`) and announced by webhooks 5 and 37.

use crate::api::ApiError;
use crate::domain::outbox::OutboxIntent;
use crate::domain::shop::Shop;
use crate::sync::SyncCtx;
use crate::sync::catalog::listing::refresh;
use crate::sync::orders::shop_ref;
use serde_json::json;

/// One field as TikTok has it and as it would be (the same diff a details edit shows).
pub use crate::domain::live_edit::DetailDiff as FieldDiff;

/// The fields an edit changes, against what TikTok shows now (equal fields are left out).
pub fn diff(
    now: &crate::api::product_status::ProductText,
    title: Option<&str>,
    description: Option<&str>,
) -> Vec<FieldDiff> {
    crate::domain::live_edit::text_diff(&now.title, &now.description, title, description)
}

pub(super) fn shop_of(ctx: &SyncCtx, shop_id: &str) -> Result<Shop, ApiError> {
    ctx.store
        .get_shop(shop_id)
        .map_err(|e| ApiError::transport("product status", e.to_string(), None))?
        .filter(|s| s.status.syncs())
        .ok_or_else(|| ApiError::decode("product status", format!("shop {shop_id} is not connected"), None))
}

/// Perform the intents of this file; None for any other.
pub async fn perform(ctx: &SyncCtx, intent: &OutboxIntent) -> Option<Result<String, ApiError>> {
    match intent {
        OutboxIntent::SetProductsActive { shop_id, product_ids, active, .. } => {
            Some(set_active(ctx, shop_id, product_ids, *active).await)
        }
        OutboxIntent::EditListing { shop_id, product_id, title, description, .. } => {
            Some(edit(ctx, shop_id, product_id, title.as_deref(), description.as_deref()).await)
        }
        OutboxIntent::EditListingDetails { shop_id, product_id, edit, .. } => {
            Some(super::live_details::perform(ctx, shop_id, product_id, edit).await)
        }
        _ => None,
    }
}

async fn set_active(ctx: &SyncCtx, shop_id: &str, ids: &[String], active: bool) -> Result<String, ApiError> {
    let shop = shop_of(ctx, shop_id)?;
    let mut todo = Vec::new();
    for id in ids {
        let now = ctx.api.product_text(&shop_ref(&shop), id).await?;
        let done = if active {
            matches!(now.status.as_str(), "ACTIVATE" | "PENDING")
        } else {
            now.status == "SELLER_DEACTIVATED"
        };
        if !done {
            todo.push(id.clone());
        }
    }
    let refused =
        if todo.is_empty() { vec![] } else { ctx.api.set_products_active(&shop_ref(&shop), &todo, active).await? };
    for id in ids {
        if let Err(e) = refresh(ctx, &shop, id).await {
            tracing::warn!("reading product {id} of {} back failed: {e}", shop.name);
        }
    }
    let verb = if active { "activated (TikTok audits it again)" } else { "deactivated" };
    let ok = todo.len() - refused.len();
    let already = ids.len() - todo.len();
    if !refused.is_empty() && ok == 0 && already == 0 {
        let why: Vec<String> = refused.iter().map(|(id, why)| format!("{id}: {why}")).collect();
        return Err(ApiError::decode("product status", format!("TikTok refused: {}", why.join("; ")), None));
    }
    let mut note = format!("{ok} {verb}");
    if already > 0 {
        note.push_str(&format!(", {already} already so (checked before calling)"));
    }
    for (id, why) in &refused {
        note.push_str(&format!("; {id} refused: {why}"));
    }
    Ok(note)
}

async fn edit(
    ctx: &SyncCtx,
    shop_id: &str,
    product_id: &str,
    title: Option<&str>,
    description: Option<&str>,
) -> Result<String, ApiError> {
    let shop = shop_of(ctx, shop_id)?;
    let now = ctx.api.product_text(&shop_ref(&shop), product_id).await?;
    let changes = diff(&now, title, description);
    if changes.is_empty() {
        return Ok("TikTok already shows it (checked before calling): nothing sent".into());
    }
    let mut body = json!({});
    for c in &changes {
        body[c.field.as_str()] = json!(c.ours);
    }
    let written = ctx.api.partial_edit_product(&shop_ref(&shop), product_id, &body).await?;
    if let Err(e) = refresh(ctx, &shop, product_id).await {
        tracing::warn!("reading product {product_id} of {} back failed: {e}", shop.name);
    }
    let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
    Ok(format!(
        "{} sent with Partial Edit; TikTok's audit: {} (the live version stays until it passes)",
        fields.join(" and "),
        if written.audit.is_empty() { "none".to_string() } else { written.audit.to_lowercase() }
    ))
}
