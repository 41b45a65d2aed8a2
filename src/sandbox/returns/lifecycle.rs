//! The buyer's and TikTok's side of returns on the sandbox clock: opening requests with
//! evidence, shipping the item back, the package arriving, answers to offers, appeals and
//! arbitration, auto-approval when the seller's deadline passes, refunds completing.

use super::ops::{self, BUYER_REASONS, change, set_deadline};
use super::{REv, SbRecord, SbReturn};
use crate::sandbox::world::World;
use rust_decimal::Decimal;

/// What a buyer asks for when opening a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    Refund,
    ReturnAndRefund,
    Replacement,
}

impl Ask {
    pub fn return_type(self) -> &'static str {
        match self {
            Ask::Refund => "REFUND",
            Ask::ReturnAndRefund => "RETURN_AND_REFUND",
            Ask::Replacement => "REPLACEMENT",
        }
    }
}

/// The buyer opens a request on a delivered (or completed) order, for its first line, with a
/// note and two photos. `note` overrides the buyer's words (tests use hostile text).
pub fn open(w: &mut World, shop: &str, order: &str, ask: Ask, now: i64, note: Option<&str>) -> Option<String> {
    let (line, currency, warehouse, region) = {
        let c = w.commerce.get(shop)?;
        let o = c.orders.get(order)?;
        if !matches!(o.status, "DELIVERED" | "COMPLETED") {
            return None;
        }
        let busy = w.returns.of_order(shop, order).any(|r| r.next_action.is_some() || r.status.contains("AWAITING"));
        if busy {
            return None;
        }
        let line = o.live_lines().next()?.id.clone();
        let wh = c.warehouses.iter().find(|x| x.kind == "RETURN_WAREHOUSE").or(c.warehouses.first());
        (line, c.currency, wh.map(|x| x.address.full()).unwrap_or_default(), c.region.clone())
    };
    let id = w.digits('4', 19);
    let (reason, text) = BUYER_REASONS[w.rng_index(BUYER_REASONS.len())];
    let images = vec![format!("{id}-1.png"), format!("{id}-2.png")];
    let words = note.map(str::to_string).unwrap_or_else(|| format!("{text}. Please see the photos."));
    let payer = match w.rng_index(3) {
        0 => "BUYER",
        1 => "SELLER",
        _ => "PLATFORM",
    };
    let fee = if region == "GB" { Decimal::new(349, 2) } else { Decimal::new(599, 2) };
    let r = SbReturn {
        id: id.clone(),
        shop_id: shop.into(),
        order_id: order.into(),
        return_type: ask.return_type(),
        status: if ask == Ask::Replacement {
            "REPLACEMENT_REQUEST_PENDING"
        } else {
            "RETURN_OR_REFUND_REQUEST_PENDING"
        },
        role: "BUYER",
        reason: reason.into(),
        reason_text: text.into(),
        arbitration: None,
        line_ids: vec![line],
        create_time: now,
        update_time: now,
        next_action: None,
        shipment_type: "PLATFORM",
        handover_method: "DROP_OFF",
        return_method: "PLATFORM_SHIPPED",
        tracking: None,
        provider: None,
        document_type: Some("SHIPPING_LABEL"),
        label_file: None,
        shipping_payer: payer,
        return_shipping_fee: if ask == Ask::ReturnAndRefund { fee } else { Decimal::ZERO },
        fee_deducted: Decimal::ZERO,
        partial_refund: None,
        buyer_rejected_partial_refund: None,
        can_buyer_keep_item: ask != Ask::Replacement,
        buyer_keeps_item: false,
        received_time: None,
        replacement_order_id: None,
        records: vec![SbRecord {
            event: "ORDER_RETURN",
            role: "Buyer",
            description: match ask {
                Ask::Refund => "Customer submitted a refund request".into(),
                Ask::ReturnAndRefund => "Customer submitted a return request".into(),
                Ask::Replacement => "Customer asked for a replacement".into(),
            },
            note: words,
            reason_text: text.into(),
            create_time: now,
            images,
        }],
        decided_keys: Default::default(),
        refunded: None,
        currency,
        warehouse_address: warehouse,
    };
    let action = match ask {
        Ask::Refund => "SELLER_RESPOND_REFUND",
        Ask::ReturnAndRefund => "SELLER_RESPOND_RETURN",
        Ask::Replacement => "SELLER_RESPOND_REPLACEMENT",
    };
    w.returns.by_shop.entry(shop.to_string()).or_default().insert(id.clone(), r.clone());
    set_deadline(w, shop, &id, action, ops::respond_deadline(now));
    if let Some(r) = w.returns.get(shop, &id).cloned() {
        ops::emit(w, &r, "BUYER");
    }
    Some(id)
}

/// After a delivery: with the mix's `after_sales` share, the buyer opens a request (of a kind
/// drawn at random) between an hour and three days later.
pub fn maybe_after_sales(w: &mut World, shop: &str, order: &str, delivered: i64) {
    use rand::RngExt;
    let p = w.mix.after_sales;
    if !(p > 0.0 && w.rng.random_bool(p.min(1.0))) {
        return;
    }
    let ask = [Ask::Refund, Ask::ReturnAndRefund, Ask::Replacement][w.rng_index(3)];
    let at = delivered + w.rng.random_range(3_600..3 * 86_400);
    w.returns.at(at, REv::BuyerOpens { shop: shop.into(), order: order.into(), ask });
}

fn handle(w: &mut World, ev: REv, t: i64) {
    match ev {
        REv::BuyerOpens { shop, order, ask } => {
            let _ = open(w, &shop, &order, ask, t, None);
        }
        REv::Deadline { shop, ret, action } => {
            let Some(r) = w.returns.get(&shop, &ret).cloned() else { return };
            if r.next_action.map(|a| a.0) != Some(action) || r.next_action.is_some_and(|a| a.1 > t) {
                return;
            }
            match (r.return_type, action) {
                ("RETURN_AND_REFUND", "SELLER_RESPOND_RETURN") => ops::approve_return_for_seller(w, &shop, &ret, t),
                ("REPLACEMENT", _) => {
                    ops::make_replacement(w, &shop, &ret, "SYSTEM", t);
                }
                _ => ops::grant(w, &shop, &ret, t, "The seller did not respond in time: TikTok approved the refund"),
            }
        }
        REv::BuyerShips { shop, ret } => {
            let tracking = format!("1Z{}", w.digits('9', 16));
            let ok = w.returns.get(&shop, &ret).is_some_and(|r| r.status == "AWAITING_BUYER_SHIP");
            if !ok {
                return;
            }
            change(w, &shop, &ret, "BUYER", t, Some("Buyer shipped the item back"), |r| {
                r.status = "BUYER_SHIPPED_ITEM";
                if r.tracking.is_none() {
                    r.tracking = Some(tracking);
                }
                if r.provider.is_none() {
                    r.provider = Some(("7117858858072016686".into(), "UPS".into()));
                }
            });
            w.returns.at(t + 2 * 86_400, REv::PackageArrives { shop, ret });
        }
        REv::PackageArrives { shop, ret } => {
            if w.returns.get(&shop, &ret).is_none_or(|r| r.status != "BUYER_SHIPPED_ITEM") {
                return;
            }
            change(w, &shop, &ret, "SYSTEM", t, Some("The returned package was delivered to the seller"), |r| {
                r.received_time = Some(t);
            });
            set_deadline(w, &shop, &ret, "SELLER_RESPOND_RECEIVE_PACKAGE", ops::receive_deadline(t));
        }
        REv::BuyerAnswersOffer { shop, ret, accept } => {
            if w.returns.get(&shop, &ret).is_none_or(|r| r.status != "AWAITING_BUYER_RESPONSE") {
                return;
            }
            if accept {
                if let Some(r) = w.returns.get_mut(&shop, &ret) {
                    r.buyer_rejected_partial_refund = Some(false);
                }
                ops::grant(w, &shop, &ret, t, "Buyer accepted the partial refund");
            } else {
                change(w, &shop, &ret, "BUYER", t, Some("Buyer declined the partial refund"), |r| {
                    r.status = "RETURN_OR_REFUND_REQUEST_PENDING";
                    r.buyer_rejected_partial_refund = Some(true);
                });
                let action = if w.returns.get(&shop, &ret).is_some_and(|r| r.return_type == "REFUND") {
                    "SELLER_RESPOND_REFUND"
                } else {
                    "SELLER_RESPOND_RETURN"
                };
                set_deadline(w, &shop, &ret, action, ops::respond_deadline(t));
            }
        }
        REv::BuyerAppeals { shop, ret } => {
            if !w.returns.get(&shop, &ret).is_some_and(|r| r.status.contains("REJECT") && r.arbitration.is_none()) {
                return;
            }
            change(w, &shop, &ret, "BUYER", t, Some("Buyer appealed: TikTok is reviewing the case"), |r| {
                r.arbitration = Some("IN_PROGRESS");
            });
            let buyer_wins = w.rng_index(2) == 0;
            w.returns.at(t + 2 * 86_400, REv::Arbitrate { shop, ret, buyer_wins });
        }
        REv::Arbitrate { shop, ret, buyer_wins } => {
            if w.returns.get(&shop, &ret).is_none_or(|r| r.arbitration != Some("IN_PROGRESS")) {
                return;
            }
            if buyer_wins {
                if let Some(r) = w.returns.get_mut(&shop, &ret) {
                    r.arbitration = Some("SUPPORT_BUYER");
                }
                ops::grant(w, &shop, &ret, t, "TikTok decided for the buyer: refund granted");
            } else {
                change(w, &shop, &ret, "OPERATOR", t, Some("TikTok decided for the seller"), |r| {
                    r.arbitration = Some("SUPPORT_SELLER");
                });
            }
        }
        REv::RefundCompletes { shop, ret } => {
            let Some(r) = w.returns.get(&shop, &ret).cloned() else { return };
            let complete = match r.status {
                "RETURN_OR_REFUND_REQUEST_SUCCESS" => "RETURN_OR_REFUND_REQUEST_COMPLETE",
                "REPLACEMENT_REQUEST_REFUND_SUCCESS" => "REPLACEMENT_REQUEST_COMPLETE",
                _ => return,
            };
            let amount = ops::refund_total(w, &r);
            change(w, &shop, &ret, "SYSTEM", t, Some(&format!("Refund of {amount} {} completed", r.currency)), |r| {
                r.status = complete;
                r.refunded = Some((t, amount));
            });
        }
    }
}

/// Run every return event due by `now`, in time order.
pub fn run_due(w: &mut World, now: i64) {
    for _ in 0..64 {
        let due = w.returns.due(now);
        if due.is_empty() {
            return;
        }
        for (t, ev) in due {
            handle(w, ev, t);
        }
    }
}
