//! Turning what an operator asks for (ship these orders, update a tracking number, cancel, …)
//! into outbox intents, after checking everything that can be checked locally: the order's
//! state, the lines, the tracking number, and the carrier mapping (SHOP-MAN-CARRIER: an
//! unmapped carrier blocks shipping with a message saying how to map it).

use crate::domain::audit::Outcome;
use crate::domain::order::{Order, OrderStatus, ShippingType};
use crate::domain::outbox::OutboxIntent;
use crate::domain::shop::Shop;
use crate::sync::{SyncCtx, SyncError, SyncResult};
use std::path::PathBuf;

pub use crate::message::ShipRequest;

pub(crate) fn invalid(m: impl Into<String>) -> SyncError {
    SyncError::Invalid(m.into())
}

/// TikTok refuses tracking numbers with spaces or special characters (21004012).
pub fn check_tracking(t: &str) -> SyncResult<()> {
    crate::domain::package::validate_tracking(t).map_err(invalid)
}

pub(crate) fn order_and_shop(ctx: &SyncCtx, order_id: &str) -> SyncResult<(Order, Shop)> {
    let o = ctx.store.get_order(order_id)?.ok_or_else(|| {
        invalid(format!("order {order_id} is not in the store; sync orders first (tokshop orders sync)"))
    })?;
    let shop = ctx
        .store
        .get_shop(&o.shop_id)?
        .ok_or_else(|| invalid(format!("order {order_id} belongs to shop {} which is not connected", o.shop_id)))?;
    if !shop.status.syncs() {
        return Err(invalid(format!("shop {} is {}: nothing can be written to it", shop.name, shop.status.label())));
    }
    Ok((o, shop))
}

/// The TikTok provider a carrier ships with for this order, or why it cannot.
pub fn provider_for(ctx: &SyncCtx, carrier: &str, o: &Order, shop: &Shop) -> SyncResult<(String, String)> {
    match ctx.store.provider_for(carrier, &shop.id, &o.delivery_option_id)? {
        Some(m) => Ok((m.provider_id, m.provider_name)),
        None => Err(invalid(format!(
            "carrier {carrier:?} is not mapped to a TikTok shipping provider for shop {} ({}); map it now in the \
                Mapping pane, or: tokshop carriers map {carrier:?} --provider PROVIDER_ID --shop {}",
            shop.name, shop.id, shop.id
        ))),
    }
}

/// Plan shipping an order with the seller's carrier: Mark Package As Shipped, or Ship Package
/// when the lines already form a package (a Seller Center split or combine).
pub fn plan_ship(ctx: &SyncCtx, req: &ShipRequest) -> SyncResult<OutboxIntent> {
    let (o, shop) = order_and_shop(ctx, &req.order_id)?;
    if o.shipping_type == ShippingType::Tiktok {
        return Err(invalid(format!(
            "order {} ships with TikTok shipping: arrange a pickup or drop-off for its package instead",
            o.id
        )));
    }
    if !o.status.to_ship() {
        return Err(invalid(format!("order {} is {}: there is nothing to ship", o.id, o.status.label())));
    }
    if o.cancel_requested {
        return Err(invalid(format!("the buyer asked to cancel order {}: approve or reject the request first", o.id)));
    }
    let to_ship: Vec<&crate::domain::order::OrderLine> = o.lines_to_ship().collect();
    let chosen: Vec<String> = if req.line_ids.is_empty() {
        to_ship.iter().map(|l| l.id.clone()).collect()
    } else {
        for id in &req.line_ids {
            if !to_ship.iter().any(|l| &l.id == id) {
                return Err(invalid(format!("line {id} of order {} is not waiting to ship", o.id)));
            }
        }
        req.line_ids.clone()
    };
    if chosen.is_empty() {
        return Err(invalid(format!("order {} has no lines left to ship", o.id)));
    }
    check_tracking(&req.tracking)?;
    let (provider_id, _) = provider_for(ctx, &req.carrier, &o, &shop)?;
    // Lines that already make up one package (split or combined in Seller Center) ship as it.
    let pkg = to_ship.iter().find(|l| chosen.contains(&l.id)).and_then(|l| l.package_id.clone());
    if let Some(p) = pkg
        && let Some(package) = ctx.store.get_package(&p)?
        && package.tag != "DEFAULT"
        && package.line_ids.iter().filter(|l| o.lines.iter().any(|x| &x.id == *l)).all(|l| chosen.contains(l))
    {
        return Ok(OutboxIntent::ShipPackage {
            shop_id: shop.id,
            package_id: p,
            order_ids: package.order_ids,
            handover: None,
            pickup_slot: None,
            tracking: Some(req.tracking.clone()),
            provider_id: Some(provider_id),
            carrier: Some(req.carrier.clone()),
        });
    }
    let lines = if chosen.len() == to_ship.len() && req.line_ids.is_empty() { vec![] } else { chosen };
    Ok(OutboxIntent::MarkShipped {
        shop_id: shop.id,
        order_id: o.id,
        line_ids: lines,
        tracking: req.tracking.clone(),
        provider_id,
        carrier: req.carrier.clone(),
    })
}

/// TikTok shipping (ORD-4PL-FULFILL): hand the order's package over at a pickup slot or a
/// drop-off point.
pub fn plan_tiktok_ship(
    ctx: &SyncCtx,
    order_id: &str,
    package_id: Option<&str>,
    pickup_slot: Option<(i64, i64)>,
) -> SyncResult<OutboxIntent> {
    let (o, shop) = order_and_shop(ctx, order_id)?;
    if o.shipping_type != ShippingType::Tiktok {
        return Err(invalid(format!(
            "order {} ships with your own carrier: give a carrier and tracking number instead",
            o.id
        )));
    }
    if !o.status.to_ship() {
        return Err(invalid(format!("order {} is {}: there is nothing to ship", o.id, o.status.label())));
    }
    let pkg = match package_id {
        Some(p) => p.to_string(),
        None => o
            .lines_to_ship()
            .find_map(|l| l.package_id.clone())
            .ok_or_else(|| invalid(format!("order {} has no package to ship yet", o.id)))?,
    };
    let order_ids = ctx.store.get_package(&pkg)?.map(|p| p.order_ids).unwrap_or_else(|| vec![o.id.clone()]);
    Ok(OutboxIntent::ShipPackage {
        shop_id: shop.id,
        package_id: pkg,
        order_ids,
        handover: Some(if pickup_slot.is_some() { "PICKUP" } else { "DROP_OFF" }.into()),
        pickup_slot,
        tracking: None,
        provider_id: None,
        carrier: None,
    })
}

/// Change the tracking number of a shipped package (ORD-3PL-UPDATE).
pub fn plan_update_tracking(
    ctx: &SyncCtx,
    package_id: &str,
    carrier: &str,
    tracking: &str,
) -> SyncResult<OutboxIntent> {
    let p = ctx
        .store
        .get_package(package_id)?
        .ok_or_else(|| invalid(format!("package {package_id} is not in the store")))?;
    if !p.shipped() {
        return Err(invalid(format!("package {package_id} has not shipped yet: ship it instead")));
    }
    if p.shipping_type == "TIKTOK" {
        return Err(invalid(format!(
            "package {package_id} ships with TikTok shipping: its tracking number is TikTok's"
        )));
    }
    let first = p.order_ids.first().cloned().unwrap_or_default();
    let (o, shop) = order_and_shop(ctx, &first)?;
    check_tracking(tracking)?;
    let (provider_id, _) = provider_for(ctx, carrier, &o, &shop)?;
    Ok(OutboxIntent::UpdateTracking {
        shop_id: shop.id,
        package_id: p.id,
        order_ids: p.order_ids,
        tracking: tracking.into(),
        provider_id,
        carrier: carrier.into(),
    })
}

pub fn plan_split(ctx: &SyncCtx, order_id: &str, groups: Vec<Vec<String>>) -> SyncResult<OutboxIntent> {
    let (o, shop) = order_and_shop(ctx, order_id)?;
    if o.status != OrderStatus::AwaitingShipment {
        return Err(invalid(format!(
            "order {} is {}: only orders awaiting shipment can be split",
            o.id,
            o.status.label()
        )));
    }
    let lines: Vec<String> = o.lines_to_ship().map(|l| l.id.clone()).collect();
    let mut all: Vec<&String> = groups.iter().flatten().collect();
    all.sort();
    all.dedup();
    if groups.len() < 2
        || groups.iter().any(Vec::is_empty)
        || all.len() != lines.len()
        || all.iter().any(|l| !lines.contains(l))
    {
        return Err(invalid("put every line still to ship in exactly one package, with at least two packages"));
    }
    Ok(OutboxIntent::SplitOrder { shop_id: shop.id, order_id: o.id, groups })
}

/// Download a TikTok-shipping label to the labels dir and hand it to the print command.
pub async fn print_label(ctx: &SyncCtx, package_id: &str) -> SyncResult<PathBuf> {
    let p = ctx
        .store
        .get_package(package_id)?
        .ok_or_else(|| invalid(format!("package {package_id} is not in the store")))?;
    let shop =
        ctx.store.get_shop(&p.shop_id)?.ok_or_else(|| invalid(format!("shop {} is not connected", p.shop_id)))?;
    let doc = ctx.api.shipping_document(&crate::sync::orders::shop_ref(&shop), package_id, "SHIPPING_LABEL").await?;
    let http = crate::api::client::http_client(std::time::Duration::from_secs(30))?;
    let bytes = http
        .get(&doc.doc_url)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| invalid(format!("cannot download the label: {}", e.without_url())))?
        .bytes()
        .await
        .map_err(|e| invalid(format!("cannot download the label: {}", e.without_url())))?;
    if !bytes.starts_with(b"%PDF") {
        return Err(invalid("the shipping document is not a PDF"));
    }
    std::fs::create_dir_all(&ctx.labels.dir)
        .map_err(|e| invalid(format!("cannot create {}: {e}", ctx.labels.dir.display())))?;
    // Labels carry buyers' names and addresses: the owner's alone, whatever the umask.
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&ctx.labels.dir, std::fs::Permissions::from_mode(0o700));
    }
    let path = ctx.labels.dir.join(format!("label-{package_id}.pdf"));
    let tmp = path.with_extension("pdf.part");
    write_private(&tmp, &bytes)
        .and_then(|_| std::fs::rename(&tmp, &path))
        .map_err(|e| invalid(format!("cannot save {}: {e}", path.display())))?;
    if let Some(cmd) = ctx.labels.print_command.as_deref().filter(|c| !c.trim().is_empty()) {
        let mut parts = cmd.split_whitespace();
        let program = parts.next().unwrap_or_default();
        let status = tokio::process::Command::new(program).args(parts).arg(&path).status().await;
        match status {
            Ok(s) if s.success() => {}
            Ok(s) => {
                return Err(invalid(format!(
                    "the print command {cmd:?} failed ({s}); the label is saved at {}",
                    path.display()
                )));
            }
            Err(e) => {
                return Err(invalid(format!(
                    "cannot run the print command {cmd:?} ({e}); the label is saved at {}",
                    path.display()
                )));
            }
        }
    }
    let _ = ctx.store.audit(ctx.now(), &ctx.actor, "print label", package_id, Outcome::Ok(path.display().to_string()));
    Ok(path)
}

/// Write `bytes` to a new file readable by its owner only (0600).
fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}
