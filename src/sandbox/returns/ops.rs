//! What buyers, sellers and TikTok do to returns. Business rules answer with the error codes of
//! the reference pages `return-and-refund/approve-return` and `reject-return`: 25007006 unknown
//! return, 25020004 a decision that does not match the return's type, 25011012 / 25011011 a
//! status that cannot be approved / rejected, 25011013 a package not there to approve,
//! 25020009 a cancelled request, 25020010 an approved request cannot be rejected, 25011010 in
//! arbitration, 25001014 an unknown reason, 25001016 a reason for another state, 25005005 a
//! partial refund larger than what is refundable.

use super::{RECEIVE_SECS, REFUND_SECS, RESPOND_SECS, REv, SbRecord, SbReturn};
use crate::sandbox::commerce::model::SbOrder;
use crate::sandbox::commerce::ops::{OpResult, err, set_status};
use crate::sandbox::world::World;
use rust_decimal::Decimal;
use serde_json::json;

pub const BUYER_REASONS: [(&str, &str); 5] = [
    ("ecom_order_delivered_refund_and_return_reason_damaged", "Damaged product"),
    ("ecom_order_delivered_refund_and_return_reason_wrong_item", "Wrong product was sent"),
    ("ecom_order_delivered_refund_and_return_reason_not_as_described", "Product doesn't match description"),
    ("ecom_order_delivered_refund_and_return_reason_missing_parts", "Missing parts or accessories"),
    ("ecom_order_delivered_refund_and_return_reason_no_longer_needed", "No longer needed"),
];

/// Reasons to reject a request (refund, return or replacement) while it waits on the seller.
pub const REJECT_REQUEST_REASONS: [(&str, &str); 4] = [
    (
        "seller_reject_apply_you_have_reached_an_agreement_with_the_buyer",
        "You have reached an agreement with the buyer",
    ),
    ("seller_reject_apply_product_is_in_normal_condition", "The product is in normal condition"),
    ("seller_reject_apply_return_window_expired", "The return window has expired"),
    ("seller_reject_apply_insufficient_evidence", "The buyer's evidence is insufficient"),
];

/// Reasons to reject a returned package after inspecting it.
pub const REJECT_PACKAGE_REASONS: [(&str, &str); 4] = [
    ("seller_reject_receive_package_not_received", "Package was not received"),
    ("seller_reject_receive_item_damaged_by_buyer", "Returned item was damaged by the buyer"),
    ("seller_reject_receive_wrong_item_returned", "A different item was returned"),
    ("seller_reject_receive_missing_items", "Returned package is missing items"),
];

pub fn is_waiting_on_seller(r: &SbReturn) -> bool {
    r.next_action.is_some() && r.arbitration != Some("IN_PROGRESS")
}

/// The reasons valid for the return's state (Get Reject Reasons).
pub fn reject_reasons(r: &SbReturn) -> &'static [(&'static str, &'static str)] {
    match (r.status, r.received_time) {
        ("BUYER_SHIPPED_ITEM", Some(_)) => &REJECT_PACKAGE_REASONS,
        ("RETURN_OR_REFUND_REQUEST_PENDING" | "REPLACEMENT_REQUEST_PENDING", _) => &REJECT_REQUEST_REASONS,
        _ => &[],
    }
}

/// The decisions TikTok takes now for this return (approve and reject).
pub fn decisions(r: &SbReturn) -> Vec<&'static str> {
    if r.arbitration == Some("IN_PROGRESS") {
        return vec![];
    }
    match (r.return_type, r.status) {
        ("REFUND", "RETURN_OR_REFUND_REQUEST_PENDING") => {
            vec!["APPROVE_REFUND", "OFFER_PARTIAL_REFUND", "REJECT_REFUND"]
        }
        ("RETURN_AND_REFUND", "RETURN_OR_REFUND_REQUEST_PENDING") => {
            vec!["APPROVE_RETURN", "OFFER_PARTIAL_REFUND", "REJECT_RETURN"]
        }
        ("RETURN_AND_REFUND", "AWAITING_BUYER_SHIP") => vec!["DIRECT_REFUND"],
        ("RETURN_AND_REFUND", "BUYER_SHIPPED_ITEM") if r.received_time.is_some() => {
            vec!["APPROVE_RECEIVED_PACKAGE", "REJECT_RECEIVED_PACKAGE", "DIRECT_REFUND"]
        }
        ("RETURN_AND_REFUND", "BUYER_SHIPPED_ITEM") => vec!["DIRECT_REFUND"],
        ("REPLACEMENT", "REPLACEMENT_REQUEST_PENDING") => {
            vec!["APPROVE_REPLACEMENT", "ISSUE_REPLACEMENT_REFUND", "REJECT_REPLACEMENT"]
        }
        _ => vec![],
    }
}

/// What the buyer gets back for the return's lines, before any fee or offer:
/// (subtotal, shipping, tax, retail delivery fee).
pub fn base_refund(o: &SbOrder, line_ids: &[String]) -> (Decimal, Decimal, Decimal, Decimal) {
    let lines: Vec<_> = o.lines.iter().filter(|l| line_ids.contains(&l.id)).collect();
    let sub: Decimal = lines.iter().map(|l| l.sale_price).sum();
    let tax: Decimal = lines.iter().map(|l| l.tax_amount).sum();
    let fee_line = lines.iter().any(|l| o.fee_line() == Some(l.id.as_str()));
    let all = o.live_lines().all(|l| line_ids.contains(&l.id));
    let ship = if all { o.shipping_paid() } else { Decimal::ZERO };
    (sub, ship, tax, if fee_line { o.retail_delivery_fee } else { Decimal::ZERO })
}

/// The refund total the buyer gets: a partial refund when one was agreed, else the lines'
/// refund less the return shipping fee charged to the buyer.
pub fn refund_total(w: &World, r: &SbReturn) -> Decimal {
    if let (Some(p), Some(false)) = (r.partial_refund, r.buyer_rejected_partial_refund) {
        return p;
    }
    let Some(o) = w.commerce.get(&r.shop_id).and_then(|c| c.orders.get(&r.order_id)) else {
        return Decimal::ZERO;
    };
    let (a, b, c, d) = base_refund(o, &r.line_ids);
    (a + b + c + d - r.fee_deducted).max(Decimal::ZERO)
}

pub fn emit(w: &mut World, r: &SbReturn, role: &str) {
    let data = json!({
        "order_id": r.order_id, "return_role": role, "return_type": r.return_type,
        "return_status": r.status, "return_id": r.id, "create_time": r.create_time, "update_time": r.update_time,
    });
    w.emit(12, &r.shop_id, data);
}

/// Change a return (its status, next action, a record) and send webhook 12.
pub fn change(
    w: &mut World,
    shop: &str,
    id: &str,
    role: &'static str,
    now: i64,
    record: Option<&str>,
    f: impl FnOnce(&mut SbReturn),
) -> Option<SbReturn> {
    let r = w.returns.get_mut(shop, id)?;
    f(r);
    r.update_time = now.max(r.update_time + 1);
    if let Some(text) = record {
        r.records.push(SbRecord {
            event: "ORDER_RETURN",
            role: match role {
                "BUYER" => "Buyer",
                "SELLER" => "Seller",
                _ => "System",
            },
            description: text.to_string(),
            note: String::new(),
            reason_text: String::new(),
            create_time: now,
            images: vec![],
        });
    }
    let r = r.clone();
    emit(w, &r, role);
    Some(r)
}

/// The refund is granted: SUCCESS now, COMPLETE when the money arrives.
fn grant_refund(w: &mut World, shop: &str, id: &str, role: &'static str, now: i64, why: &str) {
    let success = if w.returns.get(shop, id).is_some_and(|r| r.return_type == "REPLACEMENT") {
        "REPLACEMENT_REQUEST_REFUND_SUCCESS"
    } else {
        "RETURN_OR_REFUND_REQUEST_SUCCESS"
    };
    change(w, shop, id, role, now, Some(why), |r| {
        r.status = success;
        r.next_action = None;
    });
    w.returns.at(now + REFUND_SECS, REv::RefundCompletes { shop: shop.into(), ret: id.into() });
}

/// Move a return-and-refund to AWAITING_BUYER_SHIP (the buyer ships within 1 to 2 days).
fn await_buyer(w: &mut World, shop: &str, id: &str, role: &'static str, now: i64) {
    change(w, shop, id, role, now, Some("Return approved: the buyer ships the item back"), |r| {
        r.status = "AWAITING_BUYER_SHIP";
        r.next_action = None;
    });
    let t = now + 86_400 + (w.rng_index(86_400) as i64);
    w.returns.at(t, REv::BuyerShips { shop: shop.into(), ret: id.into() });
}

/// An approved replacement: TikTok makes a replacement order that ships like any other.
pub fn make_replacement(w: &mut World, shop: &str, id: &str, role: &'static str, now: i64) -> Option<String> {
    let r = w.returns.get(shop, id)?.clone();
    let new_id = format!("576{}", w.digits('4', 15));
    let line_ids: Vec<String> = r.line_ids.iter().map(|_| w.digits('5', 18)).collect();
    let c = w.commerce.get_mut(shop)?;
    let orig = c.orders.get(&r.order_id)?.clone();
    let mut o = orig.clone();
    o.id = new_id.clone();
    o.status = "UNPAID";
    o.create_time = now;
    o.update_time = now;
    o.paid_time = Some(now);
    o.is_replacement_order = true;
    o.replaced_order_id = Some(orig.id.clone());
    o.is_on_hold_order = false;
    o.is_buyer_request_cancel = false;
    o.rts_sla_time = now + 2 * 86_400;
    o.tts_sla_time = now + 3 * 86_400;
    o.collection_due_time = now + 3 * 86_400;
    o.delivery_due_time = now + 8 * 86_400;
    (o.rts_time, o.collection_time, o.delivery_time, o.cancel_time) = (None, None, None, None);
    o.lines = orig
        .lines
        .iter()
        .filter(|l| r.line_ids.contains(&l.id))
        .zip(line_ids)
        .map(|(l, nid)| {
            let mut l = l.clone();
            l.id = nid;
            l.package_id = None;
            l.cancelled = None;
            l
        })
        .collect();
    c.insert(o);
    set_status(w, shop, &new_id, "AWAITING_SHIPMENT", now);
    crate::sandbox::commerce::lifecycle::ready_to_ship(w, shop, &new_id, now);
    change(w, shop, id, role, now, Some(&format!("Replacement order {new_id} created")), |r| {
        r.status = "REPLACEMENT_REQUEST_COMPLETE";
        r.next_action = None;
        r.replacement_order_id = Some(new_id.clone());
    });
    Some(new_id)
}

/// A decision and its options, as Approve Return takes them.
#[derive(Clone, Debug, Default)]
pub struct Approval {
    pub decision: String,
    pub buyer_keep_item: bool,
    pub partial: Option<(Decimal, String)>,
    /// A return shipping fee charged to the buyer (RET-SHIP-FEE).
    pub shipping_fee: Option<Decimal>,
}

fn check(w: &World, shop: &str, id: &str, key: Option<&str>, decision: &str) -> OpResult<Option<SbReturn>> {
    let r = w.returns.get(shop, id).ok_or_else(|| err(25007006, "Order not found."))?;
    if key.is_some_and(|k| r.decided_keys.contains(k)) {
        return Ok(None);
    }
    if r.status.ends_with("_CANCEL") {
        return Err(err(25020009, "reverse already cancelled"));
    }
    if r.arbitration == Some("IN_PROGRESS") {
        return Err(err(25011010, "request has been transferred to platform operator"));
    }
    let fits_type = match r.return_type {
        "REFUND" => ["APPROVE_REFUND", "OFFER_PARTIAL_REFUND", "REJECT_REFUND"].contains(&decision),
        "REPLACEMENT" => ["APPROVE_REPLACEMENT", "ISSUE_REPLACEMENT_REFUND", "REJECT_REPLACEMENT"].contains(&decision),
        _ => !decision.contains("REPLACEMENT") && decision != "APPROVE_REFUND" && decision != "REJECT_REFUND",
    };
    if !fits_type {
        return Err(err(25020004, "decision not match reverse type"));
    }
    Ok(Some(r.clone()))
}

/// Approve Return with one of TikTok's approve decisions (idempotent per key).
pub fn approve(w: &mut World, shop: &str, id: &str, key: Option<&str>, a: &Approval, now: i64) -> OpResult<()> {
    let Some(r) = check(w, shop, id, key, &a.decision)? else {
        return Ok(());
    };
    if !decisions(&r).contains(&a.decision.as_str()) {
        return Err(match a.decision.as_str() {
            "APPROVE_RECEIVED_PACKAGE" => err(25011013, "reverse status cannot approve receive"),
            "OFFER_PARTIAL_REFUND" => err(25011032, "ReverseInvalidStatusPartialRefund"),
            _ if !r.status.ends_with("PENDING") && r.status != "BUYER_SHIPPED_ITEM" => {
                err(25001003, "Invalid order status.")
            }
            _ => err(25011012, "reverse status cannot approve application"),
        });
    }
    if let Some(fee) = a.shipping_fee {
        if fee < Decimal::ZERO || fee > r.return_shipping_fee.max(Decimal::ZERO) + refund_total(w, &r) {
            return Err(err(25005005, "The refund total is larger than the refundable amount."));
        }
        if let Some(x) = w.returns.get_mut(shop, id) {
            x.fee_deducted = fee;
        }
    }
    let keep = |w: &mut World| {
        if let (Some(k), Some(x)) = (key, w.returns.get_mut(shop, id)) {
            x.decided_keys.insert(k.to_string());
        }
    };
    match a.decision.as_str() {
        "APPROVE_REFUND" | "DIRECT_REFUND" | "APPROVE_RECEIVED_PACKAGE" | "ISSUE_REPLACEMENT_REFUND" => {
            keep(w);
            grant_refund(w, shop, id, "SELLER", now, "Seller approved the refund");
        }
        "APPROVE_RETURN" if a.buyer_keep_item => {
            if !r.can_buyer_keep_item {
                return Err(err(25001044, "The return request cannot be approved."));
            }
            keep(w);
            if let Some(x) = w.returns.get_mut(shop, id) {
                x.buyer_keeps_item = true;
            }
            grant_refund(w, shop, id, "SELLER", now, "Seller approved a refund; the buyer keeps the item");
        }
        "APPROVE_RETURN" => {
            keep(w);
            await_buyer(w, shop, id, "SELLER", now);
        }
        "OFFER_PARTIAL_REFUND" => {
            let Some((amount, currency)) = &a.partial else {
                return Err(err(25001001, "An invalid request parameter was passed. partial_refund is required."));
            };
            if currency != r.currency || *amount <= Decimal::ZERO || *amount > refund_total(w, &r) {
                return Err(err(25005005, "The refund total is larger than the refundable amount."));
            }
            keep(w);
            let amount = *amount;
            change(w, shop, id, "SELLER", now, Some(&format!("Seller offered a partial refund of {amount}")), |x| {
                x.status = "AWAITING_BUYER_RESPONSE";
                x.partial_refund = Some(amount);
                x.buyer_rejected_partial_refund = None;
                x.next_action = None;
            });
            // The sandbox's buyers accept two offers in three.
            let accept = w.rng_index(3) > 0;
            w.returns.at(now + 3600, REv::BuyerAnswersOffer { shop: shop.into(), ret: id.into(), accept });
        }
        "APPROVE_REPLACEMENT" => {
            keep(w);
            make_replacement(w, shop, id, "SELLER", now);
        }
        _ => return Err(err(25001001, "An invalid request parameter was passed. Unknown decision.")),
    }
    Ok(())
}

/// Reject Return with one of TikTok's reject decisions and a reason valid for the state.
#[allow(clippy::too_many_arguments)]
pub fn reject(
    w: &mut World,
    shop: &str,
    id: &str,
    key: Option<&str>,
    decision: &str,
    reason: &str,
    comment: &str,
    images: &[String],
    now: i64,
) -> OpResult<()> {
    let Some(r) = check(w, shop, id, key, decision)? else {
        return Ok(());
    };
    let known = REJECT_REQUEST_REASONS.iter().chain(REJECT_PACKAGE_REASONS.iter()).find(|(n, _)| *n == reason);
    let Some((_, text)) = known else {
        return Err(err(25001014, "Unknown return reason. Please ensure you are passing a valid return reason."));
    };
    if !decisions(&r).contains(&decision) {
        return Err(match (decision, r.status) {
            (_, s) if s.ends_with("SUCCESS") || s.ends_with("COMPLETE") => {
                err(25020010, "Aftersales has been approved and cannot be rejected.")
            }
            ("REJECT_RECEIVED_PACKAGE", _) => err(25020012, "status can't reject receive"),
            _ => err(25011011, "reverse status cannot reject application"),
        });
    }
    if !reject_reasons(&r).iter().any(|(n, _)| *n == reason) {
        return Err(err(25001016, "reverse reason not match action type"));
    }
    let status = match decision {
        "REJECT_RECEIVED_PACKAGE" => "REJECT_RECEIVE_PACKAGE",
        "REJECT_REPLACEMENT" => "REPLACEMENT_REQUEST_REJECT",
        _ => "REFUND_OR_RETURN_REQUEST_REJECT",
    };
    let desc = format!("Seller rejected: {text}");
    change(w, shop, id, "SELLER", now, Some(&desc), |x| {
        x.status = status;
        x.next_action = None;
        if let Some(k) = key {
            x.decided_keys.insert(k.to_string());
        }
    });
    // The seller's comment and evidence go on the rejection's own record (pushed by `change`).
    // The sandbox keeps no uploaded bytes: each image is served as a picture drawn from its name.
    if let Some(rec) = w.returns.get_mut(shop, id).and_then(|x| x.records.last_mut()) {
        rec.note = comment.to_string();
        rec.images = images.iter().map(|uri| format!("{}.png", uri.rsplit('/').next().unwrap_or(uri))).collect();
    }
    // The sandbox's buyers appeal one rejection in two, a day later.
    if w.rng_index(2) == 0 {
        w.returns.at(now + 86_400, REv::BuyerAppeals { shop: shop.into(), ret: id.into() });
    }
    Ok(())
}

/// Put the seller's deadline on a return and schedule what TikTok does when it passes.
pub fn set_deadline(w: &mut World, shop: &str, id: &str, action: &'static str, at: i64) {
    if let Some(r) = w.returns.get_mut(shop, id) {
        r.next_action = Some((action, at));
    }
    w.returns.at(at, REv::Deadline { shop: shop.into(), ret: id.into(), action });
}

/// The seller's time to answer a new request.
pub fn respond_deadline(now: i64) -> i64 {
    now + RESPOND_SECS
}

pub fn receive_deadline(now: i64) -> i64 {
    now + RECEIVE_SECS
}

pub(super) fn grant(w: &mut World, shop: &str, id: &str, now: i64, why: &str) {
    grant_refund(w, shop, id, "SYSTEM", now, why);
}

pub(super) fn approve_return_for_seller(w: &mut World, shop: &str, id: &str, now: i64) {
    await_buyer(w, shop, id, "SYSTEM", now);
}
