//! Cancellations: a buyer's request (with the seller's response deadline), the seller's
//! approval or rejection, and the seller's own cancellation with a reason valid for the order's
//! status (return-and-refund/cancel-reasons, US market).

use super::model::SbCancellation;
use super::ops::{OpResult, err, set_status, shop_mut};
use super::{CANCEL_RESPONSE_SECS, Ev};
use crate::sandbox::world::World;
use serde_json::json;

pub const BUYER_REASONS: [(&str, &str); 4] = [
    ("ecom_order_to_ship_canceled_reason_created_by_mistakes", "Bought by mistake"),
    ("ecom_order_to_ship_canceled_reason_better_price", "Better price available"),
    ("ecom_order_to_ship_canceled_reason_wrong_delivery_info", "Incorrect shipping address"),
    ("ecom_order_to_ship_canceled_reason_no_longer_needed", "No longer needed"),
];

pub const REJECT_REASONS: [(&str, &str); 4] = [
    (
        "order_manage_list_action_respond_popup_reject_reason_invalid_cancellation_reason",
        "Invalid reason for cancellation",
    ),
    ("order_manage_list_action_respond_popup_reject_reason_delivered", "Product delivery is on schedule"),
    ("order_manage_list_action_respond_popup_reject_reason_buyer_agree", "Reached an agreement with the buyer"),
    ("seller_reject_apply_product_has_been_packed", "Product has been packed"),
];

pub const SELLER_UNPAID_REASONS: [(&str, &str); 4] = [
    ("seller_cancel_unpaid_reason_out_of_stock", "Out of stock"),
    ("seller_cancel_unpaid_reason_wrong_price", "Pricing error"),
    ("seller_cancel_unpaid_reason_buyer_hasnt_paid_within_time_allowed", "Buyer did not pay on time"),
    ("seller_cancel_unpaid_reason_buyer_requested_cancellation", "Buyer requested cancellation"),
];

pub const SELLER_PAID_REASONS: [(&str, &str); 4] = [
    ("seller_cancel_reason_out_of_stock", "Out of stock"),
    ("seller_cancel_reason_wrong_price", "Pricing error"),
    ("seller_cancel_paid_reason_address_not_deliver", "Unable to deliver to buyer address"),
    ("seller_cancel_paid_reason_buyer_requested_cancellation", "Buyer requested cancellation"),
];

fn emit_cancel(w: &mut World, shop: &str, x: &SbCancellation) {
    let data = json!({
        "order_id": x.order_id, "cancellations_role": x.role, "cancel_status": x.status, "cancel_id": x.id,
        "create_time": x.create_time,
    });
    w.emit(11, shop, data);
}

/// Cancel lines of an order (all when `lines` is empty) and settle the order's status.
fn cancel_lines(
    w: &mut World,
    shop: &str,
    order_id: &str,
    lines: &[String],
    reason: &str,
    user: &'static str,
    now: i64,
) {
    let Some(c) = w.commerce.get_mut(shop) else {
        return;
    };
    let Some(o) = c.orders.get_mut(order_id) else {
        return;
    };
    let mut freed: Vec<String> = Vec::new();
    for l in o.lines.iter_mut().filter(|l| l.cancelled.is_none() && (lines.is_empty() || lines.contains(&l.id))) {
        l.cancelled = Some((reason.to_string(), user));
        if let Some(p) = &l.package_id {
            freed.push(p.clone());
        }
    }
    let all = o.live_lines().next().is_none();
    if all {
        o.cancel_reason = Some(reason.to_string());
        o.cancel_time = Some(now);
        o.cancellation_initiator = Some(user);
    }
    o.is_buyer_request_cancel = false;
    for p in freed {
        let live = c.packages.get(&p).map(|pk| {
            pk.line_ids
                .iter()
                .any(|id| c.orders.values().any(|o| o.lines.iter().any(|l| &l.id == id && l.cancelled.is_none())))
        });
        if live == Some(false)
            && let Some(pk) = c.packages.get_mut(&p)
        {
            pk.status = "CANCELLED";
            pk.update_time = now;
        }
    }
    c.touch(order_id, now);
    if all {
        set_status(w, shop, order_id, "CANCELLED", now);
    } else {
        super::ops::recompute(w, shop, order_id, now);
    }
}

/// The buyer asks to cancel an order awaiting shipment: the seller has 48 hours to answer.
pub fn buyer_request(w: &mut World, shop: &str, order_id: &str, now: i64) -> Option<String> {
    let id = w.digits('4', 19);
    let pick = w.rng_index(BUYER_REASONS.len());
    let c = w.commerce.get_mut(shop)?;
    let o = c.orders.get_mut(order_id)?;
    if !matches!(o.status, "AWAITING_SHIPMENT" | "ON_HOLD") || o.is_buyer_request_cancel {
        return None;
    }
    let deadline = now + CANCEL_RESPONSE_SECS;
    o.is_buyer_request_cancel = true;
    o.request_cancel_time = Some(now);
    o.cancel_order_sla_time = Some(deadline);
    let (reason, text) = BUYER_REASONS[pick];
    let x = SbCancellation {
        id: id.clone(),
        order_id: order_id.into(),
        cancel_type: "BUYER_CANCEL",
        status: "CANCELLATION_REQUEST_PENDING",
        role: "BUYER",
        reason: reason.into(),
        reason_text: text.into(),
        line_ids: o.live_lines().map(|l| l.id.clone()).collect(),
        create_time: now,
        update_time: now,
        deadline: Some(deadline),
        decided_keys: Default::default(),
    };
    c.cancellations.insert(id.clone(), x.clone());
    c.touch(order_id, now);
    emit_cancel(w, shop, &x);
    w.schedule.at(deadline, Ev::CancelDeadline { shop: shop.into(), cancel: id.clone() });
    Some(id)
}

fn decided(w: &mut World, shop: &str, cancel_id: &str, key: Option<&str>) -> OpResult<bool> {
    let c = shop_mut(w, shop)?;
    let x = c.cancellations.get(cancel_id).ok_or_else(|| err(25007006, "Order not found."))?;
    Ok(key.is_some_and(|k| x.decided_keys.contains(k)))
}

/// Approve a buyer's cancellation request (idempotent per `idempotency_key`).
pub fn approve(
    w: &mut World,
    shop: &str,
    cancel_id: &str,
    key: Option<&str>,
    role: &'static str,
    now: i64,
) -> OpResult<()> {
    if decided(w, shop, cancel_id, key)? {
        return Ok(());
    }
    let c = shop_mut(w, shop)?;
    let x = c.cancellations.get(cancel_id).cloned().ok_or_else(|| err(25007006, "Order not found."))?;
    if x.status != "CANCELLATION_REQUEST_PENDING" {
        return Err(err(25011012, "reverse status cannot approve application"));
    }
    if let Some(o) = c.orders.get(&x.order_id)
        && o.live_lines().any(|l| c.line_shipped(l))
    {
        return Err(err(
            25001045,
            "The order has already been shipped and we are unable to cancel shipment with the courier.",
        ));
    }
    if let Some(m) = c.cancellations.get_mut(cancel_id) {
        m.status = "CANCELLATION_REQUEST_SUCCESS";
        m.update_time = now;
        if let Some(k) = key {
            m.decided_keys.insert(k.to_string());
        }
    }
    let updated = c.cancellations.get(cancel_id).cloned();
    cancel_lines(w, shop, &x.order_id, &x.line_ids, &x.reason, if role == "SYSTEM" { "SYSTEM" } else { "BUYER" }, now);
    if let Some(u) = updated {
        emit_cancel(w, shop, &u);
    }
    Ok(())
}

/// Reject a buyer's cancellation request with one of the reject reasons.
pub fn reject(w: &mut World, shop: &str, cancel_id: &str, key: Option<&str>, reason: &str, now: i64) -> OpResult<()> {
    if decided(w, shop, cancel_id, key)? {
        return Ok(());
    }
    if !REJECT_REASONS.iter().any(|(r, _)| *r == reason) {
        return Err(err(25001014, "Unknown return reason. Please ensure you are passing a valid return reason."));
    }
    let c = shop_mut(w, shop)?;
    let x = c.cancellations.get(cancel_id).cloned().ok_or_else(|| err(25007006, "Order not found."))?;
    if x.status != "CANCELLATION_REQUEST_PENDING" {
        return Err(err(25011011, "reverse status cannot reject application"));
    }
    if let Some(m) = c.cancellations.get_mut(cancel_id) {
        m.status = "CANCELLATION_REQUEST_CANCELLED";
        m.update_time = now;
        if let Some(k) = key {
            m.decided_keys.insert(k.to_string());
        }
    }
    if let Some(o) = c.orders.get_mut(&x.order_id) {
        o.is_buyer_request_cancel = false;
    }
    c.touch(&x.order_id, now);
    if let Some(u) = c.cancellations.get(cancel_id).cloned() {
        emit_cancel(w, shop, &u);
    }
    Ok(())
}

/// The seller cancels (all or some lines) with a reason valid for the order's status.
pub fn seller_cancel(
    w: &mut World,
    shop: &str,
    order_id: &str,
    reason: &str,
    lines: Vec<String>,
    now: i64,
) -> OpResult<(String, &'static str)> {
    let id = w.digits('4', 19);
    let c = shop_mut(w, shop)?;
    let o = c.orders.get(order_id).ok_or_else(|| err(25007006, "Order not found."))?;
    if matches!(o.status, "COMPLETED" | "CANCELLED") {
        return Err(err(25001051, "Not allowed to return or cancel since order is completed or cancelled"));
    }
    let scope: Vec<String> =
        if lines.is_empty() { o.live_lines().map(|l| l.id.clone()).collect() } else { lines.clone() };
    if scope.iter().any(|id| !o.lines.iter().any(|l| &l.id == id && l.cancelled.is_none())) {
        return Err(err(
            25001001,
            "An invalid request parameter was passed. Please check that you have the correct parameter values.",
        ));
    }
    if o.lines.iter().filter(|l| scope.contains(&l.id)).any(|l| c.line_shipped(l)) {
        return Err(err(
            25001045,
            "The order has already been shipped and we are unable to cancel shipment with the courier.",
        ));
    }
    let valid: &[(&str, &str)] = match o.status {
        "UNPAID" => &SELLER_UNPAID_REASONS,
        "ON_HOLD" | "AWAITING_SHIPMENT" | "PARTIALLY_SHIPPING" => &SELLER_PAID_REASONS,
        _ => &[],
    };
    let known = SELLER_UNPAID_REASONS.iter().chain(SELLER_PAID_REASONS.iter()).find(|(r, _)| *r == reason);
    let Some((_, text)) = known else {
        return Err(err(25001014, "Unknown return reason. Please ensure you are passing a valid return reason."));
    };
    if !valid.iter().any(|(r, _)| *r == reason) {
        return Err(err(25001021, "Reason not match order status"));
    }
    let x = SbCancellation {
        id: id.clone(),
        order_id: order_id.into(),
        cancel_type: "CANCEL",
        status: "CANCELLATION_REQUEST_SUCCESS",
        role: "SELLER",
        reason: reason.into(),
        reason_text: text.to_string(),
        line_ids: scope.clone(),
        create_time: now,
        update_time: now,
        deadline: None,
        decided_keys: Default::default(),
    };
    c.cancellations.insert(id.clone(), x.clone());
    cancel_lines(w, shop, order_id, if lines.is_empty() { &[] } else { &scope }, reason, "SELLER", now);
    emit_cancel(w, shop, &x);
    Ok((id, "CANCELLATION_REQUEST_SUCCESS"))
}
