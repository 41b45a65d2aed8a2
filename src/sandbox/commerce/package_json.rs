//! JSON of the sandbox's packages, as fulfillment/search-package and get-package-detail name
//! the fields: the parcel's weight and dimensions come from its items' products, the sender
//! address from the order's warehouse. Before shipping, the carrier fields are empty strings and
//! the pickup slot zero, as for every field of the sample that does not apply yet.

use super::json::{address_base as package_address, money};
use super::model::{SbAddress, SbPackage, SbWarehouse, ShopCommerce};
use rust_decimal::Decimal;
use serde_json::{Value, json};

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
            let skus: Vec<Value> = skus
                .into_iter()
                .map(|(id, name, q)| {
                    let image_url = format!("https://p16-oec-va.ibyteimg.com/sandbox/{id}.jpeg");
                    json!({"id": id, "name": name, "image_url": image_url, "quantity": q})
                })
                .collect();
            json!({"id": o.id, "skus": skus})
        })
        .collect()
}

fn text(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("")
}

/// A package as Search Package lists it.
pub fn package_summary(c: &ShopCommerce, p: &SbPackage) -> Value {
    json!({
        "id": p.id,
        "status": p.status,
        "orders": package_orders(c, p),
        "order_line_item_ids": p.line_ids,
        "tracking_number": text(&p.tracking_number),
        "shipping_provider_id": text(&p.provider_id),
        "shipping_provider_name": text(&p.provider_name),
        "create_time": p.create_time,
        "update_time": p.update_time,
    })
}

/// The parcel of a package: its live items' unit weights summed (grams), and a box as long and
/// wide as its largest item and as high as its items stacked (centimetres).
pub fn parcel(c: &ShopCommerce, p: &SbPackage) -> (u32, (u32, u32, u32)) {
    let products = p.order_ids.iter().filter_map(|o| c.orders.get(o)).flat_map(|o| {
        o.lines
            .iter()
            .filter(|l| p.line_ids.contains(&l.id) && l.cancelled.is_none())
            .filter_map(|l| c.product(&l.product_id))
    });
    products.fold((0, (0, 0, 0)), |(g, (l, w, h)), x| {
        (g + x.grams, (l.max(x.dims_cm.0), w.max(x.dims_cm.1), h + x.dims_cm.2))
    })
}

fn warehouse_of<'a>(c: &'a ShopCommerce, p: &SbPackage) -> Option<&'a SbWarehouse> {
    let wid = p.order_ids.first().and_then(|id| c.orders.get(id)).map(|o| o.warehouse_id.as_str()).unwrap_or("");
    c.warehouse(wid).or_else(|| c.warehouses.iter().find(|w| w.is_default))
}

/// A package as Get Package Detail shows it.
pub fn package_detail(c: &ShopCommerce, p: &SbPackage) -> Value {
    let first = p.order_ids.first().and_then(|id| c.orders.get(id));
    let skus: std::collections::BTreeSet<&str> = first
        .map(|o| o.lines.iter().filter(|l| p.line_ids.contains(&l.id)).map(|l| l.sku_id.as_str()).collect())
        .unwrap_or_default();
    let (grams, (length, width, height)) = parcel(c, p);
    let noted = p.order_ids.iter().filter_map(|o| c.orders.get(o)).any(|o| !o.buyer_message.is_empty());
    let (start, end) = p.pickup_slot.unwrap_or((0, 0));
    let empty = SbAddress::default();
    json!({
        "package_id": p.id,
        "package_status": p.status,
        "orders": package_orders(c, p),
        "order_line_item_ids": p.line_ids,
        "shipping_type": p.shipping_type,
        "split_and_combine_tag": p.tag,
        "has_multi_skus": skus.len() > 1,
        "note_tag": if noted { "BUYER_NOTED" } else { "BUYER_UNNOTED" },
        "tracking_number": text(&p.tracking_number),
        // The sandbox's carriers carry a parcel to the door themselves: no separate last mile.
        "last_mile_tracking_number": text(&p.tracking_number),
        "shipping_provider_id": text(&p.provider_id),
        "shipping_provider_name": text(&p.provider_name),
        "handover_method": p.handover_method.unwrap_or(""),
        "pickup_slot": {"start_time": start, "end_time": end},
        "delivery_option_id": first.map(|o| o.delivery_option_id.as_str()).unwrap_or(""),
        "delivery_option_name": first.map(|o| o.delivery_option_name.as_str()).unwrap_or(""),
        "recipient_address": package_address(first.map(|o| &o.address).unwrap_or(&empty)),
        "sender_address": package_address(warehouse_of(c, p).map(|w| &w.address).unwrap_or(&empty)),
        "weight": {"value": grams.to_string(), "unit": "GRAM"},
        "dimension": {
            "length": length.to_string(), "width": width.to_string(), "height": height.to_string(), "unit": "CM",
        },
        // Shipping insurance is Indonesia's: never bought in the sandbox's shops.
        "insurance": {
            "is_purchased": false, "coverage_amount": money(Decimal::ZERO), "is_claim_eligible": false,
            "claim_status": "",
        },
        "create_time": p.create_time,
        "update_time": p.update_time,
    })
}
