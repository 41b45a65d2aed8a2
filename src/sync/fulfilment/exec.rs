//! Performing fulfilment and cancellation intents from the outbox. Each one first reads the
//! order back from TikTok and skips the call when the effect is already there, so a crash
//! between a call and its commit never ships, splits or cancels twice.

use crate::api::fulfillment::{PickupSlot, SelfShipment, ShipBody};
use crate::api::{ApiError, ShopRef};
use crate::domain::order::Order;
use crate::domain::outbox::OutboxIntent;
use crate::domain::shop::Shop;
use crate::sync::SyncCtx;

pub(crate) fn shop_of(ctx: &SyncCtx, shop_id: &str, endpoint: &str) -> Result<(Shop, ShopRef), ApiError> {
    let shop = ctx
        .store
        .get_shop(shop_id)
        .map_err(|e| ApiError::transport(endpoint, e.to_string(), None))?
        .ok_or_else(|| ApiError::decode(endpoint, format!("shop {shop_id} is not connected here"), None))?;
    let r = ShopRef { id: shop.id.clone(), cipher: shop.cipher.clone() };
    Ok((shop, r))
}

pub(crate) async fn current(ctx: &SyncCtx, shop: &ShopRef, order_id: &str, endpoint: &str) -> Result<Order, ApiError> {
    ctx.api
        .get_orders(shop, &[order_id.to_string()])
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::decode(endpoint, format!("order {order_id} is not in this shop"), None))
}

pub async fn perform(ctx: &SyncCtx, intent: &OutboxIntent) -> Result<String, ApiError> {
    let endpoint = intent.label();
    let (_, sr) = shop_of(ctx, intent.shop_id(), &endpoint)?;
    match intent {
        OutboxIntent::MarkShipped { order_id, line_ids, tracking, provider_id, .. } => {
            let o = current(ctx, &sr, order_id, &endpoint).await?;
            let wanted: Vec<&crate::domain::order::OrderLine> =
                o.lines.iter().filter(|l| !l.cancelled && (line_ids.is_empty() || line_ids.contains(&l.id))).collect();
            if !wanted.is_empty() && wanted.iter().all(|l| l.tracking_number.as_deref() == Some(tracking.as_str())) {
                return Ok(format!("already shipped with tracking {tracking} (checked before calling)"));
            }
            if let Some(l) = wanted
                .iter()
                .find(|l| l.tracking_number.as_deref().is_some_and(|t| t != tracking) && !line_ids.is_empty())
            {
                return Err(ApiError::decode(
                    &endpoint,
                    format!(
                        "line {} already shipped with tracking {}",
                        l.id,
                        l.tracking_number.clone().unwrap_or_default()
                    ),
                    None,
                ));
            }
            let r = ctx.api.mark_package_shipped(&sr, order_id, line_ids, tracking, provider_id).await?;
            Ok(format!("shipped as package {}", r.package_id))
        }
        OutboxIntent::ShipPackage { package_id, order_ids, handover, pickup_slot, tracking, provider_id, .. } => {
            if let Some(first) = order_ids.first() {
                let o = current(ctx, &sr, first, &endpoint).await?;
                let lines: Vec<_> =
                    o.lines.iter().filter(|l| l.package_id.as_deref() == Some(package_id.as_str())).collect();
                if lines.iter().any(|l| l.tracking_number.is_some() && l.package_status != "TO_FULFILL") {
                    return Ok("already shipped (checked before calling)".into());
                }
            }
            let body = ShipBody {
                handover_method: handover.clone(),
                pickup_slot: pickup_slot.map(|(s, e)| PickupSlot { start_time: s, end_time: e }),
                self_shipment: match (tracking, provider_id) {
                    (Some(t), Some(p)) => {
                        Some(SelfShipment { tracking_number: t.clone(), shipping_provider_id: p.clone() })
                    }
                    _ => None,
                },
            };
            ctx.api.ship_package(&sr, package_id, &body).await?;
            Ok("shipped".into())
        }
        OutboxIntent::UpdateTracking { package_id, order_ids, tracking, provider_id, .. } => {
            if let Some(first) = order_ids.first() {
                let o = current(ctx, &sr, first, &endpoint).await?;
                if o.lines.iter().any(|l| {
                    l.package_id.as_deref() == Some(package_id.as_str())
                        && l.tracking_number.as_deref() == Some(tracking.as_str())
                }) {
                    return Ok(format!("tracking is already {tracking} (checked before calling)"));
                }
            }
            ctx.api.update_package_shipping_info(&sr, package_id, tracking, provider_id).await?;
            Ok(format!("tracking updated to {tracking}"))
        }
        OutboxIntent::SplitOrder { order_id, groups, .. } => {
            let o = current(ctx, &sr, order_id, &endpoint).await?;
            let mut pkgs: Vec<&String> = o.lines.iter().filter_map(|l| l.package_id.as_ref()).collect();
            pkgs.sort();
            pkgs.dedup();
            if o.split_or_combine.as_deref() == Some("SPLIT") && pkgs.len() >= groups.len() {
                return Ok("already split (checked before calling)".into());
            }
            let made = ctx.api.split_order(&sr, order_id, groups).await?;
            Ok(format!("split into packages {}", made.iter().map(|(_, p)| p.as_str()).collect::<Vec<_>>().join(", ")))
        }
        OutboxIntent::Combine { pre_package_id, order_ids, .. } => {
            let (made, errors) = ctx.api.combine_packages(&sr, pre_package_id, order_ids).await?;
            match (made.first(), errors.first()) {
                (Some(p), _) => Ok(format!("combined as package {}", p.id)),
                (None, Some(e)) => Err(ApiError::from_envelope(&endpoint, e.code, &e.message, None, 200)),
                (None, None) => Err(ApiError::decode(&endpoint, "TikTok combined nothing", None)),
            }
        }
        OutboxIntent::Uncombine { package_id, order_ids, .. } => {
            let made = ctx.api.uncombine_package(&sr, package_id, order_ids).await?;
            Ok(format!("now {} package(s)", made.len()))
        }
        other => Err(ApiError::decode(&endpoint, format!("{} is not a fulfilment intent", other.label()), None)),
    }
}
