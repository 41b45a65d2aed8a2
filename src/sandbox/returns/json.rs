//! JSON of returns and their records, field by field as `return-and-refund/search-returns` and
//! `get-return-records` name them.

use super::SbReturn;
use super::ops::{base_refund, refund_total};
use crate::sandbox::commerce::json::money;
use crate::sandbox::world::World;
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn amount(currency: &str, sub: Decimal, ship: Decimal, tax: Decimal, rdf: Decimal, total: Decimal) -> Value {
    json!({
        "currency": currency,
        "refund_total": money(total),
        "refund_subtotal": money(sub),
        "refund_shipping_fee": money(ship),
        "refund_tax": money(tax),
        "retail_delivery_fee": money(rdf),
        "buyer_service_fee": "0.00",
    })
}

pub fn image_url(w: &World, file: &str) -> String {
    format!("{}/_sandbox/returns/images/{file}", w.base_url)
}

pub fn return_order(w: &World, r: &SbReturn) -> Value {
    let o = w.commerce.get(&r.shop_id).and_then(|c| c.orders.get(&r.order_id));
    let (sub, ship, tax, rdf) = o.map(|o| base_refund(o, &r.line_ids)).unwrap_or_default();
    let total = refund_total(w, r);
    let lines: Vec<Value> = o
        .map(|o| {
            o.lines
                .iter()
                .filter(|l| r.line_ids.contains(&l.id))
                .map(|l| {
                    let (s, sh, t, f) = base_refund(o, std::slice::from_ref(&l.id));
                    json!({
                        "return_line_item_id": format!("40{}", &l.id[2.min(l.id.len())..]),
                        "order_line_item_id": l.id,
                        "sku_id": l.sku_id,
                        "sku_name": l.sku_name,
                        "seller_sku": l.seller_sku,
                        "product_name": l.product_name,
                        "product_image": {"url": image_url(w, &format!("sku-{}.png", l.sku_id)), "width": 200,
                            "height": 200},
                        "refund_amount": amount(r.currency, s, sh, t, f, s + sh + t + f),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let next: Vec<Value> = r.next_action.iter().map(|(a, d)| json!({"action": a, "deadline": d})).collect();
    let (buyer_fee, seller_fee, platform_fee) = match r.shipping_payer {
        "BUYER" => (r.return_shipping_fee, Decimal::ZERO, Decimal::ZERO),
        "SELLER" => (Decimal::ZERO, r.return_shipping_fee, Decimal::ZERO),
        _ => (Decimal::ZERO, Decimal::ZERO, r.return_shipping_fee),
    };
    let mut v = json!({
        "return_id": r.id,
        "order_id": r.order_id,
        "return_type": r.return_type,
        "return_status": r.status,
        "role": r.role,
        "return_reason": r.reason,
        "return_reason_text": r.reason_text,
        "shipment_type": r.shipment_type,
        "handover_method": r.handover_method,
        "return_method": r.return_method,
        "return_tracking_number": r.tracking.clone().unwrap_or_default(),
        "return_provider_id": r.provider.as_ref().map(|p| p.0.clone()).unwrap_or_default(),
        "return_provider_name": r.provider.as_ref().map(|p| p.1.clone()).unwrap_or_default(),
        "return_shipping_document_type": r.document_type.unwrap_or(""),
        "return_warehouse_address": {"full_address": r.warehouse_address},
        "refund_amount": amount(r.currency, sub, ship, tax, rdf, total),
        "discount_amount": [],
        "shipping_fee_amount": [{
            "currency": r.currency,
            "buyer_paid_return_shipping_fee": money(buyer_fee + r.fee_deducted),
            "seller_paid_return_shipping_fee": money(seller_fee),
            "platform_paid_return_shipping_fee": money(platform_fee),
        }],
        "can_buyer_keep_item": r.can_buyer_keep_item,
        "is_combined_return": false,
        "combined_return_id": "",
        "pre_return_id": "",
        "next_return_id": "",
        "return_line_items": lines,
        "seller_next_action_response": next,
        "create_time": r.create_time,
        "update_time": r.update_time,
    });
    if let Some(a) = r.arbitration {
        v["arbitration_status"] = json!(a);
    }
    if let Some(p) = r.partial_refund {
        v["seller_proposed_return_type"] = json!("PARTIAL_REFUND");
        v["partial_refund"] = json!({"amount": money(p), "currency": r.currency});
        if let Some(b) = r.buyer_rejected_partial_refund {
            v["buyer_rejected_partial_refund"] = json!(b);
        }
    }
    if let Some(id) = &r.replacement_order_id {
        // Not in the 202309 sample: the replacement order is found through the order's
        // `replaced_order_id`; the sandbox also names it here.
        v["replacement_order_id"] = json!(id);
    }
    if let Some(f) = &r.label_file {
        v["return_shipping_label_url"] = json!(image_url(w, f));
    }
    v
}

pub fn records(w: &World, r: &SbReturn) -> Value {
    let records: Vec<Value> = r
        .records
        .iter()
        .map(|x| {
            json!({
                "event": x.event,
                "role": x.role,
                "description": x.description,
                "note": x.note,
                "reason_text": x.reason_text,
                "create_time": x.create_time,
                "images": x.images.iter().map(|f| json!({"url": image_url(w, f), "width": 64, "height": 48}))
                    .collect::<Vec<_>>(),
                "videos": [],
            })
        })
        .collect();
    json!({ "records": records })
}
