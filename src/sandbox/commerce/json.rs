//! JSON of the sandbox's commerce objects, field by field as the official reference pages
//! name them (orders/get-order-detail, fulfillment/get-package-detail, search-package,
//! return-and-refund/search-cancellations, logistics/*, orders/get-price-detail).

use super::model::{SbAddress, SbCancellation, SbLine, SbOrder, SbPackage, ShopCommerce};
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

pub fn money(d: Decimal) -> String {
    format!("{:.2}", d)
}

fn address(a: &SbAddress) -> Value {
    json!({
        "name": a.name,
        "first_name": a.first_name,
        "last_name": a.last_name,
        "phone_number": a.phone_masked,
        "full_address": a.full(),
        "address_detail": a.line2,
        "address_line1": a.line1,
        "address_line2": a.line2,
        "postal_code": a.postal_code,
        "region_code": a.region_code,
        "district_info": [
            {"address_level_name": "Country", "address_name": if a.region_code == "GB" { "United Kingdom" } else { "United States" }, "address_level": "L0"},
            {"address_level_name": "State", "address_name": a.state, "address_level": "L1"},
            {"address_level_name": "City", "address_name": a.city, "address_level": "L3"},
        ],
    })
}

/// A line's status as the buyer sees it.
pub fn display_status(c: &ShopCommerce, o: &SbOrder, l: &SbLine) -> &'static str {
    if l.cancelled.is_some() || o.status == "CANCELLED" {
        return "CANCELLED";
    }
    match c.package_of(l).filter(|p| p.shipped_time.is_some()).map(|p| p.status) {
        Some("PROCESSING") => "AWAITING_COLLECTION",
        Some("FULFILLING") => "IN_TRANSIT",
        Some("COMPLETED") => {
            if o.status == "COMPLETED" {
                "COMPLETED"
            } else {
                "DELIVERED"
            }
        }
        _ => match o.status {
            "UNPAID" => "UNPAID",
            "DELIVERED" => "DELIVERED",
            "COMPLETED" => "COMPLETED",
            _ => "AWAITING_SHIPMENT",
        },
    }
}

fn line(c: &ShopCommerce, o: &SbOrder, l: &SbLine) -> Value {
    let pkg = c.package_of(l);
    let mut v = json!({
        "id": l.id,
        "sku_id": l.sku_id,
        "product_id": l.product_id,
        "product_name": l.product_name,
        "sku_name": l.sku_name,
        "sku_image": format!("https://p16-oec-va.ibyteimg.com/sandbox/{}.jpeg", l.sku_id),
        "seller_sku": l.seller_sku,
        "currency": o.currency,
        "original_price": money(l.original_price),
        "sale_price": money(l.sale_price),
        "seller_discount": money(l.seller_discount),
        "platform_discount": money(l.platform_discount),
        "display_status": display_status(c, o, l),
        "package_status": if l.cancelled.is_some() { "CANCELLED" } else { pkg.filter(|p| p.shipped_time.is_some()).map(|p| p.status).unwrap_or("TO_FULFILL") },
        "is_gift": l.is_gift,
        "item_tax": [{"tax_type": "SALES_TAX", "tax_amount": money(l.tax_amount), "tax_rate": l.tax_rate.normalize().to_string()}],
    });
    let m = v.as_object_mut();
    if let (Some(m), Some(p)) = (m, pkg) {
        m.insert("package_id".into(), json!(p.id));
        if let Some(t) = &p.tracking_number {
            m.insert("tracking_number".into(), json!(t));
        }
        if let (Some(id), Some(name)) = (&p.provider_id, &p.provider_name) {
            m.insert("shipping_provider_id".into(), json!(id));
            m.insert("shipping_provider_name".into(), json!(name));
        }
        if let Some(t) = p.shipped_time {
            m.insert("rts_time".into(), json!(t));
        }
    }
    if let (Some(m), Some((reason, user))) = (v.as_object_mut(), &l.cancelled) {
        m.insert("cancel_reason".into(), json!(reason));
        m.insert("cancel_user".into(), json!(user));
    }
    v
}

fn put_opt<T: serde::Serialize>(m: &mut Map<String, Value>, k: &str, v: &Option<T>) {
    if let Some(v) = v {
        m.insert(k.into(), json!(v));
    }
}

/// The full order object of Get Order Detail and Get Order List.
pub fn order(c: &ShopCommerce, o: &SbOrder) -> Value {
    let pkg_ids: Vec<&String> = {
        let mut v: Vec<&String> = o.lines.iter().filter_map(|l| l.package_id.as_ref()).collect();
        v.dedup();
        v.sort();
        v.dedup();
        v
    };
    let packages: Vec<&SbPackage> = pkg_ids.iter().filter_map(|id| c.packages.get(*id)).collect();
    let first_shipped = packages.iter().find(|p| p.shipped_time.is_some());
    let tag = if packages.iter().any(|p| p.tag == "COMBINE") {
        Some("COMBINED")
    } else if packages.len() > 1 || packages.iter().any(|p| p.tag == "SPLIT") {
        Some("SPLIT")
    } else {
        None
    };
    let shipping_discount = o.shipping_fee_discount;
    let mut v = json!({
        "id": o.id,
        "status": o.status,
        "create_time": o.create_time,
        "update_time": o.update_time,
        "user_id": o.user_id,
        "buyer_email": format!("{}@scs.tiktokw.us", &o.user_id[o.user_id.len().saturating_sub(8)..]),
        "buyer_nickname": o.buyer_nickname,
        "buyer_message": o.buyer_message,
        "seller_note": o.seller_note,
        "shipping_type": o.shipping_type,
        "fulfillment_type": "FULFILLMENT_BY_SELLER",
        "delivery_type": "HOME_DELIVERY",
        "delivery_option_id": o.delivery_option_id,
        "delivery_option_name": o.delivery_option_name,
        "warehouse_id": o.warehouse_id,
        "packages": pkg_ids.iter().map(|id| json!({"id": id})).collect::<Vec<_>>(),
        "is_cod": o.is_cod,
        "is_sample_order": o.is_sample_order,
        "is_on_hold_order": o.is_on_hold_order,
        "is_replacement_order": o.is_replacement_order,
        "is_buyer_request_cancel": o.is_buyer_request_cancel,
        "has_updated_recipient_address": o.has_updated_recipient_address,
        "commerce_platform": "TIKTOK_SHOP",
        "rts_sla_time": o.rts_sla_time,
        "tts_sla_time": o.tts_sla_time,
        "shipping_due_time": o.rts_sla_time,
        "collection_due_time": o.collection_due_time,
        "delivery_due_time": o.delivery_due_time,
        "delivery_sla_time": o.delivery_due_time,
        "payment": {
            "currency": o.currency,
            "sub_total": money(o.subtotal()),
            "shipping_fee": money(o.shipping_fee - shipping_discount),
            "seller_discount": money(o.seller_discount()),
            "platform_discount": money(o.platform_discount()),
            "total_amount": money(o.total()),
            "original_total_product_price": money(o.original_total()),
            "original_shipping_fee": money(o.shipping_fee),
            "shipping_fee_seller_discount": money(shipping_discount),
            "shipping_fee_platform_discount": "0.00",
            "tax": money(o.product_tax()),
            "product_tax": money(o.product_tax()),
            "shipping_fee_tax": "0.00",
        },
        "recipient_address": address(&o.address),
        "line_items": o.lines.iter().map(|l| line(c, o, l)).collect::<Vec<_>>(),
    });
    if let Some(m) = v.as_object_mut() {
        put_opt(m, "paid_time", &o.paid_time);
        put_opt(m, "replaced_order_id", &o.replaced_order_id);
        put_opt(m, "request_cancel_time", &o.request_cancel_time);
        put_opt(m, "cancel_order_sla_time", &o.cancel_order_sla_time);
        put_opt(m, "cancel_reason", &o.cancel_reason);
        put_opt(m, "cancel_time", &o.cancel_time);
        put_opt(m, "cancellation_initiator", &o.cancellation_initiator);
        put_opt(m, "rts_time", &o.rts_time);
        put_opt(m, "collection_time", &o.collection_time);
        put_opt(m, "delivery_time", &o.delivery_time);
        put_opt(m, "split_or_combine_tag", &tag);
        if let Some(p) = first_shipped {
            put_opt(m, "tracking_number", &p.tracking_number);
            put_opt(m, "shipping_provider_id", &p.provider_id);
            put_opt(m, "shipping_provider", &p.provider_name);
        }
    }
    v
}

fn package_orders(c: &ShopCommerce, p: &SbPackage) -> Vec<Value> {
    p.order_ids
        .iter()
        .filter_map(|oid| c.orders.get(oid))
        .map(|o| {
            let mut skus: Vec<(String, String, i64)> = Vec::new();
            for l in o.lines.iter().filter(|l| p.line_ids.contains(&l.id)) {
                match skus.iter_mut().find(|s| s.0 == l.sku_id) {
                    Some(s) => s.2 += 1,
                    None => skus.push((l.sku_id.clone(), l.sku_name.clone(), 1)),
                }
            }
            json!({"id": o.id, "skus": skus.into_iter().map(|(id, name, q)| json!({"id": id, "name": name, "image_url": format!("https://p16-oec-va.ibyteimg.com/sandbox/{id}.jpeg"), "quantity": q})).collect::<Vec<_>>()})
        })
        .collect()
}

/// A package as Search Package lists it.
pub fn package_summary(c: &ShopCommerce, p: &SbPackage) -> Value {
    let mut v = json!({
        "id": p.id,
        "status": p.status,
        "orders": package_orders(c, p),
        "order_line_item_ids": p.line_ids,
        "create_time": p.create_time,
        "update_time": p.update_time,
    });
    if let Some(m) = v.as_object_mut() {
        put_opt(m, "tracking_number", &p.tracking_number);
        put_opt(m, "shipping_provider_id", &p.provider_id);
        put_opt(m, "shipping_provider_name", &p.provider_name);
    }
    v
}

/// The recipient address as a package shows it (no district breakdown, no name parts).
fn package_address(a: &SbAddress) -> Value {
    json!({
        "name": a.name,
        "phone_number": a.phone_masked,
        "full_address": a.full(),
        "address_detail": a.line2,
        "address_line1": a.line1,
        "address_line2": a.line2,
        "postal_code": a.postal_code,
        "region_code": a.region_code,
    })
}

/// A package as Get Package Detail shows it.
pub fn package_detail(c: &ShopCommerce, p: &SbPackage) -> Value {
    let first = p.order_ids.first().and_then(|id| c.orders.get(id));
    let skus: std::collections::BTreeSet<&str> = first
        .map(|o| o.lines.iter().filter(|l| p.line_ids.contains(&l.id)).map(|l| l.sku_id.as_str()).collect())
        .unwrap_or_default();
    let mut v = json!({
        "package_id": p.id,
        "package_status": p.status,
        "orders": package_orders(c, p),
        "order_line_item_ids": p.line_ids,
        "shipping_type": p.shipping_type,
        "split_and_combine_tag": p.tag,
        "has_multi_skus": skus.len() > 1,
        "create_time": p.create_time,
        "update_time": p.update_time,
    });
    if let Some(m) = v.as_object_mut() {
        put_opt(m, "tracking_number", &p.tracking_number);
        put_opt(m, "shipping_provider_id", &p.provider_id);
        put_opt(m, "shipping_provider_name", &p.provider_name);
        put_opt(m, "handover_method", &p.handover_method);
        if let Some((s, e)) = p.pickup_slot {
            m.insert("pickup_slot".into(), json!({"start_time": s, "end_time": e}));
        }
        if let Some(o) = first {
            m.insert("delivery_option_id".into(), json!(o.delivery_option_id));
            m.insert("delivery_option_name".into(), json!(o.delivery_option_name));
            m.insert("recipient_address".into(), package_address(&o.address));
        }
    }
    v
}

fn refund(o: &SbOrder, lines: &[&SbLine]) -> Value {
    let sub: Decimal = lines.iter().map(|l| l.sale_price).sum();
    let tax: Decimal = lines.iter().map(|l| l.tax_amount).sum();
    json!({"currency": o.currency, "refund_total": money(sub + tax), "refund_subtotal": money(sub), "refund_shipping_fee": "0.00", "refund_tax": money(tax)})
}

pub fn cancellation(c: &ShopCommerce, x: &SbCancellation) -> Value {
    let o = c.orders.get(&x.order_id);
    let lines: Vec<&SbLine> =
        o.map(|o| o.lines.iter().filter(|l| x.line_ids.contains(&l.id)).collect()).unwrap_or_default();
    let mut v = json!({
        "cancel_id": x.id,
        "order_id": x.order_id,
        "cancel_type": x.cancel_type,
        "cancel_status": x.status,
        "role": x.role,
        "cancel_reason": x.reason,
        "cancel_reason_text": x.reason_text,
        "create_time": x.create_time,
        "update_time": x.update_time,
        "cancel_line_items": lines.iter().map(|l| json!({
            "cancel_line_item_id": format!("40{}", &l.id[2..]),
            "order_line_item_id": l.id,
            "sku_id": l.sku_id,
            "sku_name": l.sku_name,
            "seller_sku": l.seller_sku,
            "product_name": l.product_name,
            "product_image": {"url": format!("https://p16-oec-va.ibyteimg.com/sandbox/{}.jpeg", l.sku_id), "width": 200, "height": 200},
            "refund_amount": o.map(|o| refund(o, &[l])).unwrap_or_default(),
        })).collect::<Vec<_>>(),
    });
    if let Some(m) = v.as_object_mut() {
        if let Some(o) = o {
            m.insert("refund_amount".into(), refund(o, &lines));
        }
        if let (Some(d), "CANCELLATION_REQUEST_PENDING") = (x.deadline, x.status) {
            m.insert("seller_next_action_response".into(), json!([{"action": "SELLER_RESPOND_CANCEL", "deadline": d}]));
        }
    }
    v
}

/// Get Price Detail: order totals and the same keys per line, with tax.
pub fn price_detail(o: &SbOrder) -> Value {
    let entry = |list: Decimal,
                 sale: Decimal,
                 ded_seller: Decimal,
                 ded_platform: Decimal,
                 tax: Decimal,
                 rate: Decimal,
                 ship_list: Decimal,
                 ship_sale: Decimal,
                 ship_ded: Decimal| {
        json!({
            "currency": o.currency,
            "total": money(list + ship_list),
            "payment": money(sale + ship_sale + tax),
            "sku_list_price": money(list),
            "sku_sale_price": money(sale),
            "subtotal": money(sale + tax),
            "subtotal_deduction_seller": money(ded_seller),
            "subtotal_deduction_platform": money(ded_platform),
            "subtotal_tax_amount": money(tax),
            "shipping_list_price": money(ship_list),
            "shipping_sale_price": money(ship_sale),
            "shipping_fee_deduction_seller": money(ship_ded),
            "shipping_fee_deduction_platform": "0.00",
            "tax_amount": money(tax),
            "tax_rate": rate.normalize().to_string(),
            "net_price_amount": money(sale),
        })
    };
    let rate = o.lines.first().map(|l| l.tax_rate).unwrap_or_default();
    let mut top = entry(
        o.original_total(),
        o.subtotal(),
        o.seller_discount(),
        o.platform_discount(),
        o.product_tax(),
        rate,
        o.shipping_fee,
        o.shipping_fee - o.shipping_fee_discount,
        o.shipping_fee_discount,
    );
    let lines: Vec<Value> = o
        .live_lines()
        .map(|l| {
            let mut e = entry(
                l.original_price,
                l.sale_price,
                l.seller_discount,
                l.platform_discount,
                l.tax_amount,
                l.tax_rate,
                Decimal::ZERO,
                Decimal::ZERO,
                Decimal::ZERO,
            );
            if let Some(m) = e.as_object_mut() {
                m.insert("id".into(), json!(l.id));
            }
            e
        })
        .collect();
    if let Some(m) = top.as_object_mut() {
        m.insert("line_items".into(), json!(lines));
    }
    top
}
