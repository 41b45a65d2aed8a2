//! What sellers (through the API) and TikTok do to orders and packages: status changes, shipping,
//! tracking updates, splits and combines. Business rules answer with the error codes of the
//! official reference pages (fulfillment/*).

use super::model::{SbLine, SbPackage, ShopCommerce};
use super::{Ev, TRACKING_UPDATE_WINDOW_SECS, webhook_status};
use crate::sandbox::world::World;
use rand::RngExt;
use serde_json::json;

/// A business-rule failure: TikTok's code and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpError {
    pub code: i64,
    pub message: String,
}

pub fn err(code: i64, message: &str) -> OpError {
    OpError { code, message: message.to_string() }
}

pub type OpResult<T> = Result<T, OpError>;

pub fn not_this_seller() -> OpError {
    err(21008111, "The order or package does not belong to the current seller.")
}

pub fn shop_mut<'a>(w: &'a mut World, shop: &str) -> OpResult<&'a mut ShopCommerce> {
    w.commerce.get_mut(shop).ok_or_else(not_this_seller)
}

/// Change an order's status, stamp its update time and tell the seller (type 1).
pub fn set_status(w: &mut World, shop: &str, order: &str, status: &'static str, now: i64) {
    let Some(c) = w.commerce.get_mut(shop) else {
        return;
    };
    let Some(o) = c.orders.get_mut(order) else {
        return;
    };
    if o.status == status {
        return;
    }
    o.status = status;
    let on_hold = o.is_on_hold_order;
    c.touch(order, now);
    let update_time = c.orders.get(order).map(|o| o.update_time).unwrap_or(now);
    w.emit(
        1,
        shop,
        json!({
            "order_id": order, "order_status": webhook_status(status), "is_on_hold_order": on_hold,
            "update_time": update_time,
        }),
    );
}

/// Touch every order of a package (its data changed) without a status change.
pub fn touch_orders(w: &mut World, shop: &str, orders: &[String], now: i64) {
    if let Some(c) = w.commerce.get_mut(shop) {
        for o in orders {
            c.touch(o, now);
        }
    }
}

/// The status an open, paid order has from its lines' packages.
pub fn recompute(w: &mut World, shop: &str, order: &str, now: i64) {
    let Some(c) = w.commerce.get(shop) else {
        return;
    };
    let Some(o) = c.orders.get(order) else { return };
    if matches!(o.status, "UNPAID" | "ON_HOLD" | "CANCELLED" | "DELIVERED" | "COMPLETED") {
        return;
    }
    let live: Vec<&SbLine> = o.live_lines().collect();
    if live.is_empty() {
        return set_status(w, shop, order, "CANCELLED", now);
    }
    let shipped = live.iter().filter(|l| c.line_shipped(l)).count();
    let collected =
        live.iter().all(|l| c.package_of(l).is_some_and(|p| p.status == "FULFILLING" || p.status == "COMPLETED"));
    let status = if shipped == 0 {
        "AWAITING_SHIPMENT"
    } else if shipped < live.len() {
        "PARTIALLY_SHIPPING"
    } else if collected {
        "IN_TRANSIT"
    } else {
        "AWAITING_COLLECTION"
    };
    let was_in_transit = o.status == "IN_TRANSIT";
    set_status(w, shop, order, status, now);
    if status == "IN_TRANSIT" && !was_in_transit {
        let days = w.rng.random_range(2..5i64);
        w.schedule.at(now + days * 86_400, Ev::Deliver { shop: shop.into(), order: order.into() });
    }
}

fn check_tracking(
    c: &ShopCommerce,
    tracking: &str,
    provider: &str,
    except_pkg: Option<&str>,
) -> OpResult<(String, String)> {
    if tracking.is_empty() || tracking.len() > 40 || !tracking.chars().all(|ch| ch.is_ascii_alphanumeric()) {
        return Err(err(21004012, "Tracking number has special characters, verify failed."));
    }
    let Some(p) = c.provider(provider) else {
        return Err(err(21011022, "Invalid tracking number or provider ID. Please double check and try again."));
    };
    if c.tracking_numbers.get(tracking).is_some_and(|pid| Some(pid.as_str()) != except_pkg) {
        return Err(err(21011025, "Duplicate tracking number."));
    }
    Ok(p)
}

fn new_package(
    w: &mut World,
    order_ids: Vec<String>,
    line_ids: Vec<String>,
    shipping_type: &'static str,
    tag: &'static str,
    now: i64,
) -> SbPackage {
    SbPackage {
        id: w.digits('1', 19),
        order_ids,
        line_ids,
        status: "TO_FULFILL",
        shipping_type,
        tracking_number: None,
        provider_id: None,
        provider_name: None,
        handover_method: None,
        pickup_slot: None,
        shipped_time: None,
        tracking_updates: 0,
        tag,
        create_time: now,
        update_time: now,
        label_token: None,
    }
}

/// Put lines into a new (unshipped) package, taking them out of any unshipped package they had.
pub fn repackage(
    w: &mut World,
    shop: &str,
    order_ids: Vec<String>,
    line_ids: Vec<String>,
    tag: &'static str,
    now: i64,
) -> OpResult<String> {
    let shipping_type = w
        .commerce
        .get(shop)
        .and_then(|c| order_ids.first().and_then(|o| c.orders.get(o)))
        .map(|o| o.shipping_type)
        .unwrap_or("SELLER");
    let pkg = new_package(w, order_ids.clone(), line_ids.clone(), shipping_type, tag, now);
    let id = pkg.id.clone();
    let c = shop_mut(w, shop)?;
    let mut emptied = Vec::new();
    for oid in &order_ids {
        if let Some(o) = c.orders.get_mut(oid) {
            for l in o.lines.iter_mut().filter(|l| line_ids.contains(&l.id)) {
                if let Some(old) = l.package_id.replace(id.clone())
                    && let Some(p) = c.packages.get_mut(&old)
                    && p.shipped_time.is_none()
                {
                    p.line_ids.retain(|x| x != &l.id);
                    if p.line_ids.is_empty() {
                        emptied.push(old);
                    }
                }
            }
        }
    }
    // Unshipped packages left without lines are gone (only the ones this touched can be).
    for old in emptied {
        c.packages.remove(&old);
    }
    c.packages.insert(id.clone(), pkg);
    Ok(id)
}

/// Mark Package As Shipped: the seller's own carrier, all or some of an order's lines.
pub fn mark_shipped(
    w: &mut World,
    shop: &str,
    order_id: &str,
    lines: Option<Vec<String>>,
    tracking: &str,
    provider: &str,
    now: i64,
) -> OpResult<(String, Vec<String>)> {
    let c = shop_mut(w, shop)?;
    let o = c.orders.get(order_id).ok_or_else(not_this_seller)?;
    match o.status {
        "CANCELLED" => {
            return Err(err(21011041, "Cannot complete the operation when order is cancelled."));
        }
        "AWAITING_SHIPMENT" | "PARTIALLY_SHIPPING" => {}
        "UNPAID" | "ON_HOLD" => return Err(err(21011003, "fulfill_unit action not allowed")),
        _ => return Err(err(21011006, "These orders are already shipped.")),
    }
    if o.shipping_type != "SELLER" {
        return Err(err(21011013, "not match logistics rule"));
    }
    if o.is_buyer_request_cancel {
        return Err(err(21011007, "Package item has after-sale request, please process the after-sale request first."));
    }
    let unshipped: Vec<&SbLine> = o.live_lines().filter(|l| !c.line_shipped(l)).collect();
    if unshipped.iter().any(|l| c.package_of(l).is_some_and(|p| p.tag == "COMBINE")) {
        return Err(err(21011033, "order already combined"));
    }
    let chosen: Vec<String> = match lines {
        None => unshipped.iter().map(|l| l.id.clone()).collect(),
        Some(ids) => {
            for id in &ids {
                match o.lines.iter().find(|l| &l.id == id) {
                    None => {
                        return Err(err(
                            21001001,
                            "Invalid parameters. Please ensure you are passing the correct request parameter(s).",
                        ));
                    }
                    Some(l) if l.cancelled.is_some() => {
                        return Err(err(21011041, "Cannot complete the operation when order is cancelled."));
                    }
                    Some(l) if c.line_shipped(l) => {
                        return Err(err(21011006, "These orders are already shipped."));
                    }
                    _ => {}
                }
            }
            ids
        }
    };
    if chosen.is_empty() {
        return Err(err(21011006, "These orders are already shipped."));
    }
    let (provider_id, provider_name) = check_tracking(c, tracking, provider, None)?;
    // A pre-package from a split with exactly these lines is shipped as it is.
    let existing = o
        .lines
        .iter()
        .find(|l| chosen.contains(&l.id))
        .and_then(|l| c.package_of(l))
        .filter(|p| {
            p.shipped_time.is_none()
                && p.line_ids.len() == chosen.len()
                && p.line_ids.iter().all(|x| chosen.contains(x))
        })
        .map(|p| p.id.clone());
    let partial = chosen.len() < unshipped.len();
    let pkg_id = match existing {
        Some(id) => id,
        None => {
            repackage(w, shop, vec![order_id.into()], chosen.clone(), if partial { "SPLIT" } else { "DEFAULT" }, now)?
        }
    };
    let c = shop_mut(w, shop)?;
    c.set_tracking(&pkg_id, tracking);
    if let Some(p) = c.packages.get_mut(&pkg_id) {
        p.provider_id = Some(provider_id);
        p.provider_name = Some(provider_name.clone());
        p.shipped_time = Some(now);
        p.status = "FULFILLING";
        p.update_time = now;
    }
    if let Some(o) = c.orders.get_mut(order_id) {
        o.rts_time.get_or_insert(now);
    }
    c.tracking
        .entry(order_id.into())
        .or_default()
        .push((now * 1000, format!("Shipped with {provider_name}, tracking {tracking}")));
    c.touch(order_id, now);
    recompute(w, shop, order_id, now);
    Ok((pkg_id, chosen))
}

/// Handover slots offered for TikTok-shipped packages: the next three days, mornings and
/// afternoons (UTC).
pub fn pickup_slots(now: i64) -> Vec<(i64, i64)> {
    let day0 = now.div_euclid(86_400) * 86_400;
    (1..=3)
        .flat_map(|d| {
            [
                (day0 + d * 86_400 + 9 * 3600, day0 + d * 86_400 + 12 * 3600),
                (day0 + d * 86_400 + 13 * 3600, day0 + d * 86_400 + 17 * 3600),
            ]
        })
        .collect()
}

/// Ship Package: TikTok shipping (pickup or drop-off) or self shipment with tracking.
pub fn ship_package(
    w: &mut World,
    shop: &str,
    pkg_id: &str,
    handover: Option<&str>,
    slot: Option<(i64, i64)>,
    self_shipment: Option<(String, String)>,
    now: i64,
) -> OpResult<()> {
    let c = shop_mut(w, shop)?;
    let p = c
        .packages
        .get(pkg_id)
        .ok_or_else(|| err(21011028, "The package does not belong to the current shop."))?
        .clone();
    if p.shipped_time.is_some() {
        return Err(err(21011040, "Package has already been shipped."));
    }
    for oid in &p.order_ids {
        let o = c.orders.get(oid).ok_or_else(not_this_seller)?;
        if o.status == "CANCELLED" || p.status == "CANCELLED" {
            return Err(err(21011041, "Cannot complete the operation when order is cancelled."));
        }
        if matches!(o.status, "UNPAID" | "ON_HOLD") {
            return Err(err(21011003, "fulfill_unit action not allowed"));
        }
        if o.is_buyer_request_cancel {
            return Err(err(
                21011007,
                "Package item has after-sale request, please process the after-sale request first.",
            ));
        }
    }
    let (tracking, provider_id, provider_name, status, method, collect_at) = if p.shipping_type == "TIKTOK" {
        let method = match handover {
            Some("DROP_OFF") => "DROP_OFF",
            Some("PICKUP") | None => "PICKUP",
            Some(_) => {
                return Err(err(
                    21001001,
                    "Invalid parameters. Please ensure you are passing the correct request parameter(s).",
                ));
            }
        };
        let collect_at = if method == "PICKUP" {
            let s = slot.ok_or_else(|| {
                err(
                    21011054,
                    "No available shipping services for this request due to missing pick-up time slot. Please check \
                        and try again.",
                )
            })?;
            if !pickup_slots(now).contains(&s) {
                return Err(err(
                    21011053,
                    "Fail to ship package because the shipment time is outside of the pick-up time slot.",
                ));
            }
            s.0
        } else {
            now + 2 * 3600
        };
        let tracking = format!("TT{}", w.digits('9', 14));
        (
            tracking,
            "7117858858072016686".to_string(),
            "TikTok Shipping".to_string(),
            "PROCESSING",
            Some(method),
            Some(collect_at),
        )
    } else {
        let (t, prov) = self_shipment.ok_or_else(|| {
            err(21001001, "Invalid parameters. Please ensure you are passing the correct request parameter(s).")
        })?;
        let c = shop_mut(w, shop)?;
        let (id, name) = check_tracking(c, &t, &prov, None)?;
        (t, id, name, "FULFILLING", None, None)
    };
    let token = w.token_text("", 24);
    let c = shop_mut(w, shop)?;
    c.set_tracking(pkg_id, &tracking);
    if let Some(pk) = c.packages.get_mut(pkg_id) {
        pk.provider_id = Some(provider_id);
        pk.provider_name = Some(provider_name.clone());
        pk.shipped_time = Some(now);
        pk.status = status;
        pk.handover_method = method;
        pk.pickup_slot = if method == Some("PICKUP") { slot } else { None };
        pk.update_time = now;
        pk.label_token = Some(token);
    }
    for oid in &p.order_ids {
        if let Some(o) = c.orders.get_mut(oid) {
            o.rts_time.get_or_insert(now);
        }
        c.tracking
            .entry(oid.clone())
            .or_default()
            .push((now * 1000, format!("Shipping arranged with {provider_name}, tracking {tracking}")));
        c.touch(oid, now);
    }
    if let Some(t) = collect_at {
        w.schedule.at(t, Ev::Collect { shop: shop.into(), package: pkg_id.into() });
    }
    for oid in &p.order_ids {
        recompute(w, shop, oid, now);
    }
    Ok(())
}

/// Update Package Shipping Info: a seller-shipped, shipped package, within the window, once.
pub fn update_tracking(
    w: &mut World,
    shop: &str,
    pkg_id: &str,
    tracking: &str,
    provider: &str,
    now: i64,
) -> OpResult<()> {
    let c = shop_mut(w, shop)?;
    let p = c
        .packages
        .get(pkg_id)
        .ok_or_else(|| err(21011028, "The package does not belong to the current shop."))?
        .clone();
    if p.order_ids.iter().any(|o| c.orders.get(o).is_some_and(|o| o.status == "CANCELLED")) {
        return Err(err(21011042, "Cannot complete the operation when order is cancelled."));
    }
    let Some(shipped) = p.shipped_time else {
        return Err(err(21011043, "The package has not been shipped yet."));
    };
    if p.shipping_type != "SELLER" {
        return Err(err(
            21011004,
            "This API cannot be used to update package shipping information for packages that are not shipped by the \
                seller.",
        ));
    }
    if p.status == "COMPLETED" {
        return Err(err(
            21011030,
            "Package has already been delivered. If you would still like to update the tracking number, please contact \
                the platform.",
        ));
    }
    if now - shipped > TRACKING_UPDATE_WINDOW_SECS {
        return Err(err(21011050, "The tracking number can only be updated within a certain number of hours."));
    }
    if p.tracking_updates >= 1 {
        return Err(err(21011051, "The tracking number can only be updated once."));
    }
    let (provider_id, provider_name) = check_tracking(c, tracking, provider, Some(pkg_id))?;
    c.set_tracking(pkg_id, tracking);
    if let Some(pk) = c.packages.get_mut(pkg_id) {
        pk.provider_id = Some(provider_id);
        pk.provider_name = Some(provider_name.clone());
        pk.tracking_updates += 1;
        pk.update_time = now;
    }
    for oid in &p.order_ids {
        c.tracking
            .entry(oid.clone())
            .or_default()
            .push((now * 1000, format!("Tracking updated: {provider_name} {tracking}")));
    }
    touch_orders(w, shop, &p.order_ids, now);
    Ok(())
}

pub use super::package_ops::{Combined, combinable, combine, split, splittable, uncombine};
