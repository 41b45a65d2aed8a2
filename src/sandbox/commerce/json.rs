//! JSON of the sandbox's orders, field by field as the reference pages name them
//! (orders/get-order-detail 202507, get-order-list 202309). Every field of TikTok's sample is
//! sent: one that does not apply to the order holds what TikTok sends when it does not apply
//! (an empty string, `false`, `"0.00"`, an empty list) and a time that has not come yet is 0.
//! Fields the reference marks as another market's (BR invoices and CPF, TH small order fee, ID
//! buyer service fee and shipping insurance, DE pfand, SEA cut-off times) hold those values too.

use super::model::{SbAddress, SbLine, SbOrder, ShopCommerce};
use rust_decimal::Decimal;
use serde_json::{Value, json};

pub fn money(d: Decimal) -> String {
    format!("{:.2}", d)
}

fn region_name(code: &str) -> &'static str {
    if code == "GB" { "United Kingdom" } else { "United States" }
}

/// The address fields orders and packages share (lines 3 and 4 are other markets').
pub fn address_base(a: &SbAddress) -> Value {
    json!({
        "name": a.name,
        "phone_number": a.phone_masked,
        "full_address": a.full(),
        "address_detail": a.line2,
        "address_line1": a.line1,
        "address_line2": a.line2,
        "address_line3": "",
        "address_line4": "",
        "postal_code": a.postal_code,
        "region_code": a.region_code,
    })
}

fn address(a: &SbAddress) -> Value {
    let mut v = address_base(a);
    let more = json!({
        "first_name": a.first_name,
        "last_name": a.last_name,
        // Local-script names are Japan's.
        "first_name_local_script": "",
        "last_name_local_script": "",
        // "Available only in UK market".
        "post_town": if a.region_code == "GB" { a.city.as_str() } else { "" },
        "district_info": [
            {"address_level_name": "Country", "address_name": region_name(&a.region_code), "address_level": "L0"},
            {"address_level_name": "State", "address_name": a.state, "address_level": "L1"},
            {"address_level_name": "City", "address_name": a.city, "address_level": "L3"},
        ],
        // "Currently, only available in the US market"; the sandbox's buyers leave no instruction.
        "delivery_preferences": {"drop_off_location": ""},
    });
    if let (Some(m), Value::Object(more)) = (v.as_object_mut(), more) {
        m.extend(more);
    }
    v
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

/// The per-order fees a line carries: all of them on the order's fee line, none on the others.
fn line_fee(o: &SbOrder, l: &SbLine, fee: Decimal) -> String {
    money(if o.fee_line() == Some(l.id.as_str()) { fee } else { Decimal::ZERO })
}

fn line(c: &ShopCommerce, o: &SbOrder, l: &SbLine) -> Value {
    let pkg = c.package_of(l);
    let shipped = pkg.filter(|p| p.shipped_time.is_some());
    let product = c.product(&l.product_id);
    let (reason, user) = l.cancelled.as_ref().map(|(r, u)| (r.as_str(), *u)).unwrap_or(("", ""));
    json!({
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
        "package_id": pkg.map(|p| p.id.as_str()).unwrap_or(""),
        "package_status": if l.cancelled.is_some() {
            "CANCELLED"
        } else {
            shipped.map(|p| p.status).unwrap_or("TO_FULFILL")
        },
        "tracking_number": shipped.and_then(|p| p.tracking_number.as_deref()).unwrap_or(""),
        "shipping_provider_id": shipped.and_then(|p| p.provider_id.as_deref()).unwrap_or(""),
        "shipping_provider_name": shipped.and_then(|p| p.provider_name.as_deref()).unwrap_or(""),
        "rts_time": shipped.and_then(|p| p.shipped_time).unwrap_or(0),
        "cancel_reason": reason,
        "cancel_user": user,
        "is_gift": l.is_gift,
        // "Retail price of the free item ... For other orders, this field always returns 0."
        "gift_retail_price": money(if o.is_sample_order || l.is_gift { l.original_price } else { Decimal::ZERO }),
        "item_tax": [{
            "tax_type": "SALES_TAX", "tax_amount": money(l.tax_amount),
            "tax_rate": l.tax_rate.normalize().to_string(),
        }],
        "sku_type": "NORMAL",
        // Applicable only to MADE_TO_ORDER lines.
        "handling_duration_days": "",
        "is_dangerous_good": product.is_some_and(|p| p.dangerous_good),
        "needs_prescription": false,
        "combined_listing_skus": [],
        "retail_delivery_fee": line_fee(o, l, o.retail_delivery_fee),
        "small_order_fee": "0.00",
        "buyer_service_fee": "0.00",
        "pfand_fee": "0.00",
    })
}

/// The buyer's payment: every amount of the sample, adding up as API README §5.3 relates them.
fn payment(o: &SbOrder) -> Value {
    json!({
        "currency": o.currency,
        "sub_total": money(o.subtotal()),
        "shipping_fee": money(o.shipping_paid()),
        "seller_discount": money(o.seller_discount()),
        "platform_discount": money(o.platform_discount()),
        "total_amount": money(o.total()),
        "original_total_product_price": money(o.original_total()),
        "original_shipping_fee": money(o.shipping_fee),
        "shipping_fee_seller_discount": money(o.shipping_fee_discount),
        "shipping_fee_platform_discount": "0.00",
        "shipping_fee_cofunded_discount": "0.00",
        "tax": money(o.product_tax()),
        "product_tax": money(o.product_tax()),
        "shipping_fee_tax": "0.00",
        "small_order_fee": "0.00",
        "retail_delivery_fee": money(o.retail_delivery_fee),
        "buyer_service_fee": "0.00",
        "handling_fee": "0.00",
        "shipping_insurance_fee": "0.00",
        "item_insurance_fee": "0.00",
        "item_insurance_tax": "0.00",
    })
}

/// How the buyer paid: a card for paid orders, nothing for unpaid or cash-on-delivery ones.
fn payment_method(o: &SbOrder) -> (&'static str, &'static str, &'static str) {
    match (o.paid_time, o.is_cod) {
        (Some(_), false) if o.id.ends_with(['0', '2', '4', '6', '8']) => ("CCDC", "pm_pi_ccdc_visa_c_d", "Debit"),
        (Some(_), false) => ("CCDC", "pm_pi_ccdc_mastercard_c_c", "Credit"),
        _ => ("", "", ""),
    }
}

/// COMBINED or SPLIT, or "" for an order shipped as it came.
fn split_or_combine(c: &ShopCommerce, o: &SbOrder) -> &'static str {
    let packages: Vec<_> = package_ids(o).into_iter().filter_map(|id| c.packages.get(id)).collect();
    if packages.iter().any(|p| p.tag == "COMBINE") {
        "COMBINED"
    } else if packages.len() > 1 || packages.iter().any(|p| p.tag == "SPLIT") {
        "SPLIT"
    } else {
        ""
    }
}

fn package_ids(o: &SbOrder) -> Vec<&String> {
    let mut v: Vec<&String> = o.lines.iter().filter_map(|l| l.package_id.as_ref()).collect();
    v.sort();
    v.dedup();
    v
}

/// Which page an order is shown on: Get Order Detail's object has the payment method's code,
/// card type and authorization code and Brazil's registry id, Get Order List's has not (their
/// reference pages, and the official Node SDK models `Order202309GetOrderListResponseDataOrders`
/// and `Order202309/202507GetOrderDetailResponseDataOrders`, yangyiqian0312/super-succotash@ce365d3e).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderPage {
    List,
    Detail,
}

/// The full order object of Get Order Detail and Get Order List.
pub fn order(c: &ShopCommerce, o: &SbOrder, page: OrderPage) -> Value {
    let ids = package_ids(o);
    let first_shipped = ids.iter().filter_map(|id| c.packages.get(*id)).find(|p| p.shipped_time.is_some());
    let (method_name, method_code, card) = payment_method(o);
    let shipped = |f: fn(&super::model::SbPackage) -> Option<&String>| {
        first_shipped.and_then(f).map(String::as_str).unwrap_or("")
    };
    let mut v = json!({
        "id": o.id,
        "status": o.status,
        "order_type": "NORMAL",
        "create_time": o.create_time,
        "update_time": o.update_time,
        "paid_time": o.paid_time.unwrap_or(0),
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
        "packages": ids.iter().map(|id| json!({"id": id})).collect::<Vec<_>>(),
        "split_or_combine_tag": split_or_combine(c, o),
        "tracking_number": shipped(|p| p.tracking_number.as_ref()),
        "shipping_provider_id": shipped(|p| p.provider_id.as_ref()),
        "shipping_provider": shipped(|p| p.provider_name.as_ref()),
        "is_cod": o.is_cod,
        "is_sample_order": o.is_sample_order,
        "is_on_hold_order": o.is_on_hold_order,
        "is_replacement_order": o.is_replacement_order,
        "replaced_order_id": o.replaced_order_id.as_deref().unwrap_or(""),
        "is_exchange_order": false,
        "exchange_source_order_id": "",
        "is_buyer_request_cancel": o.is_buyer_request_cancel,
        "request_cancel_time": o.request_cancel_time.unwrap_or(0),
        "cancel_order_sla_time": o.cancel_order_sla_time.unwrap_or(0),
        "cancel_reason": o.cancel_reason.as_deref().unwrap_or(""),
        "cancel_time": o.cancel_time.unwrap_or(0),
        "cancellation_initiator": o.cancellation_initiator.unwrap_or(""),
        "has_updated_recipient_address": o.has_updated_recipient_address,
        "commerce_platform": "TIKTOK_SHOP",
        "rts_sla_time": o.rts_sla_time,
        "tts_sla_time": o.tts_sla_time,
        "shipping_due_time": o.rts_sla_time,
        "rts_time": o.rts_time.unwrap_or(0),
        "collection_due_time": o.collection_due_time,
        "collection_time": o.collection_time.unwrap_or(0),
        "delivery_due_time": o.delivery_due_time,
        "delivery_sla_time": o.delivery_due_time,
        "delivery_option_required_delivery_time": o.delivery_due_time,
        "delivery_time": o.delivery_time.unwrap_or(0),
        // Southeast Asia's cut-off and TH/PH next-day times; PRE_ORDER's release date.
        "pick_up_cut_off_time": 0,
        "fast_dispatch_sla_time": 0,
        "fulfillment_priority_level": 0,
        "recommended_shipping_time": 0,
        "release_date": 0,
        // Applicable only to MADE_TO_ORDER and BACK_ORDER orders.
        "handling_duration": {"days": "", "type": ""},
        "auto_combine_group_id": "",
        "fast_delivery_program": "",
        "consultation_id": "",
        // Brazil's invoice, CPF and registry fields.
        "need_upload_invoice": "NO_NEED",
        "cpf": "",
        "cpf_name": "",
        "payment_method_name": method_name,
        "payment": payment(o),
        "recipient_address": address(&o.address),
        "line_items": o.lines.iter().map(|l| line(c, o, l)).collect::<Vec<_>>(),
    });
    if page == OrderPage::Detail {
        v["payment_method_code"] = json!(method_code);
        v["payment_card_type"] = json!(card);
        v["payment_auth_code"] = json!("");
        v["channel_entity_national_registry_id"] = json!("");
    }
    v
}
