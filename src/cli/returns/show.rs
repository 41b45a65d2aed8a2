//! `tokshop returns show` and the JSON of a return: money as decimal strings with currency.

use crate::cli::session::CliError;
use crate::domain::returns::{Return, status_label};
use crate::domain::time::date_time;
use crate::store::Store;
use serde_json::{Value, json};

fn money(amount: rust_decimal::Decimal, currency: &str) -> Value {
    json!({"amount": amount.to_string(), "currency": currency})
}

pub fn row_json(r: &Return) -> Value {
    json!({
        "return_id": r.id, "shop_id": r.shop_id, "order_id": r.order_id,
        "return_type": r.return_type.map(|t| t.as_wire()), "return_status": r.status, "deadline": r.deadline,
        "next_action": r.next_action, "waiting_on_seller": r.waiting(),
        "arbitration": r.arbitration, "buyer": r.buyer, "refund_total": money(r.refund.total, &r.refund.currency),
        "return_tracking_number": r.tracking, "update_time": r.update_time,
    })
}

pub fn return_json(store: &Store, r: &Return) -> Result<Value, CliError> {
    let c = &r.refund.currency;
    let history: Vec<Value> = store
        .return_history(&r.id)?
        .iter()
        .map(|h| {
            json!({"return_status": h.status, "update_time": h.at, "seen_time": h.seen_at, "source": h.source.label()})
        })
        .collect();
    let order = store.get_order(&r.order_id)?;
    Ok(json!({
        "return_id": r.id, "shop_id": r.shop_id, "order_id": r.order_id,
        "return_type": r.return_type.map(|t| t.as_wire()), "return_status": r.status, "role": r.role,
        "reason": r.reason, "reason_text": r.reason_text, "arbitration": r.arbitration,
        "deadline": r.deadline, "next_action": r.next_action, "when_deadline_passes": r.on_deadline(),
        "lines": r.lines.iter().map(|l| json!({
            "id": l.id, "order_line_id": l.order_line_id, "sku_id": l.sku_id, "seller_sku": l.seller_sku,
            "sku_name": l.sku_name, "product_name": l.product_name, "quantity": 1,
            "refund_total": money(l.refund_total, c),
        })).collect::<Vec<_>>(),
        "refund": {
            "currency": c, "subtotal": money(r.refund.subtotal, c), "shipping": money(r.refund.shipping, c),
            "tax": money(r.refund.tax, c), "retail_delivery_fee": money(r.refund.retail_delivery_fee, c),
            "buyer_service_fee": money(r.refund.buyer_service_fee, c), "total": money(r.refund.total, c),
        },
        "partial_refund": r.partial_refund.map(|p| money(p, c)),
        "buyer_rejected_partial_refund": r.buyer_rejected_partial_refund,
        "can_buyer_keep_item": r.can_buyer_keep_item,
        "shipping": {
            "method": r.return_method, "shipment_type": r.shipment_type, "handover": r.handover_method,
            "carrier": r.provider_name, "tracking_number": r.tracking, "document_type": r.document_type,
            "label_url": r.label_url, "warehouse_address": r.warehouse_address,
            "paid_by_buyer": money(r.shipping_buyer, c), "paid_by_seller": money(r.shipping_seller, c),
            "paid_by_platform": money(r.shipping_platform, c),
        },
        "seller_label": store.return_label(&r.id)?.map(|l| json!({
            "file": l.file, "carrier": l.carrier, "tracking_number": l.tracking,
            "document_type": l.document_type, "create_time": l.created_at,
        })),
        "records": r.records.iter().map(|x| json!({
            "role": x.role, "description": x.description, "note": x.note, "reason_text": x.reason_text,
            "create_time": x.create_time, "image_urls": x.image_urls,
        })).collect::<Vec<_>>(),
        "status_history": history,
        "order": {"id": r.order_id, "status": order.as_ref().map(|o| o.status.as_wire().to_string()),
            "is_replacement_order": order.as_ref().is_some_and(|o| o.is_replacement)},
        "replacement_order_id": r.replacement_order_id,
        "decisions_allowed": r.decisions(),
    }))
}

pub fn show(store: &Store, id: &str, json: bool) -> Result<(), CliError> {
    let r = store
        .get_return(id)?
        .ok_or_else(|| CliError::failed(format!("return {id} is not in the store; run tokshop returns sync")))?;
    if json {
        crate::cli::output::json(&return_json(store, &r)?);
        return Ok(());
    }
    let c = &r.refund.currency;
    crate::outln!("Return {} · {} · {} · order {}", r.id, r.type_word(), status_label(&r.status), r.order_id);
    if let (Some(d), true) = (r.deadline, r.waiting()) {
        crate::outln!("Respond by {} ({} if not)", date_time(d), r.on_deadline());
    }
    if let Some(a) = &r.arbitration {
        crate::outln!("Arbitration: {a}");
    }
    crate::outln!("Reason: {} · buyer {}", r.reason_text, r.buyer);
    for l in &r.lines {
        crate::outln!(
            "  1 × {} {} ({}) · platform SKU {} · {} {c}",
            l.seller_sku,
            l.product_name,
            l.sku_name,
            l.sku_id,
            l.refund_total
        );
    }
    let f = &r.refund;
    crate::outln!(
        "Refund {} {c}: subtotal {}, shipping {}, tax {}, fees {}",
        f.total,
        f.subtotal,
        f.shipping,
        f.tax,
        f.retail_delivery_fee + f.buyer_service_fee
    );
    if let Some(p) = r.partial_refund {
        crate::outln!("Partial refund offered: {p} {c}");
    }
    crate::outln!(
        "Return shipping: {} · {} {} · paid by buyer {} / seller {} / platform {} {c}",
        r.return_method,
        r.provider_name,
        r.tracking.clone().unwrap_or_default(),
        r.shipping_buyer,
        r.shipping_seller,
        r.shipping_platform
    );
    if let Some(l) = store.return_label(&r.id)? {
        crate::outln!("Your label (give it to the buyer outside TikTok): {} · {} {}", l.file, l.carrier, l.tracking);
    }
    for x in &r.records {
        crate::outln!("  {} {}: {} · {}", date_time(x.create_time), x.role, x.description, x.note);
        for u in &x.image_urls {
            crate::outln!("    photo {u}");
        }
    }
    for h in store.return_history(&r.id)? {
        crate::outln!("  {} {} via {}", date_time(h.at), status_label(&h.status), h.source.label());
    }
    if let Some(rep) = &r.replacement_order_id {
        crate::outln!("Replacement order {rep}");
    }
    let d = r.decisions();
    crate::outln!("Decisions now: {}", if d.is_empty() { "none".to_string() } else { d.join(", ") });
    Ok(())
}
