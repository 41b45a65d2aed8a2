//! JSON of the sandbox's money views: Get Price Detail (orders/get-price-detail 202407) and the
//! cancellations of Search Cancellations with their refunds (return-and-refund/search-cancellations).

use super::json::money;
use super::model::{SbCancellation, SbLine, SbOrder, ShopCommerce};
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// One price entry: list and sale prices, deductions, tax and shipping.
struct Entry {
    list: Decimal,
    sale: Decimal,
    ded_seller: Decimal,
    ded_platform: Decimal,
    tax: Decimal,
    rate: Decimal,
    ship_list: Decimal,
    ship_sale: Decimal,
    ship_ded: Decimal,
    /// The retail price of free items (samples, gifts).
    gift: Decimal,
}

impl Entry {
    /// The sample's keys, related as API README §5.3 states: `sku_sale_price = sku_list_price −
    /// deductions`, `subtotal = sku_sale_price + subtotal_tax_amount`, `payment = sku_sale_price +
    /// shipping_sale_price + tax_amount`, `total = sku_list_price + shipping_list_price`. Vouchers,
    /// COD fees (SEA) and platform shipping vouchers are zero in the sandbox.
    fn json(&self, currency: &str, cod_key: &str) -> Value {
        json!({
            "currency": currency,
            "total": money(self.list + self.ship_list),
            "payment": money(self.sale + self.ship_sale + self.tax),
            "sku_list_price": money(self.list),
            "sku_sale_price": money(self.sale),
            "subtotal": money(self.sale + self.tax),
            "subtotal_deduction_seller": money(self.ded_seller),
            "subtotal_deduction_platform": money(self.ded_platform),
            "subtotal_tax_amount": money(self.tax),
            "voucher_deduction_seller": "0.00",
            "voucher_deduction_platform": "0.00",
            "shipping_list_price": money(self.ship_list),
            "shipping_sale_price": money(self.ship_sale),
            "shipping_fee_deduction_seller": money(self.ship_ded),
            "shipping_fee_deduction_platform": "0.00",
            "shipping_fee_deduction_platform_voucher": "0.00",
            "tax_amount": money(self.tax),
            "tax_rate": self.rate.normalize().to_string(),
            "net_price_amount": money(self.sale),
            "cod_fee": "0.00",
            cod_key: "0.00",
            "sku_gift_original_price": money(self.gift),
            "sku_gift_net_price": money(self.gift),
        })
    }
}

fn gift(o: &SbOrder, l: &SbLine) -> Decimal {
    if o.is_sample_order || l.is_gift { l.original_price } else { Decimal::ZERO }
}

/// Get Price Detail: order totals and the same keys per line, with tax.
pub fn price_detail(o: &SbOrder) -> Value {
    let top = Entry {
        list: o.original_total(),
        sale: o.subtotal(),
        ded_seller: o.seller_discount(),
        ded_platform: o.platform_discount(),
        tax: o.product_tax(),
        rate: o.lines.first().map(|l| l.tax_rate).unwrap_or_default(),
        ship_list: o.shipping_fee,
        ship_sale: o.shipping_paid(),
        ship_ded: o.shipping_fee_discount,
        gift: o.live_lines().map(|l| gift(o, l)).sum(),
    };
    let lines: Vec<Value> = o
        .live_lines()
        .map(|l| {
            let e = Entry {
                list: l.original_price,
                sale: l.sale_price,
                ded_seller: l.seller_discount,
                ded_platform: l.platform_discount,
                tax: l.tax_amount,
                rate: l.tax_rate,
                ship_list: Decimal::ZERO,
                ship_sale: Decimal::ZERO,
                ship_ded: Decimal::ZERO,
                gift: gift(o, l),
            };
            let mut v = e.json(o.currency, "cod_fee_amount");
            v["id"] = json!(l.id);
            v
        })
        .collect();
    let mut v = top.json(o.currency, "cod_fee_net_amount");
    v["line_items"] = json!(lines);
    v
}

/// What cancelling `lines` refunds: their price and tax, and the order's per-order fees when
/// the fee line is among them.
fn refund(o: &SbOrder, lines: &[&SbLine]) -> Value {
    let sub: Decimal = lines.iter().map(|l| l.sale_price).sum();
    let tax: Decimal = lines.iter().map(|l| l.tax_amount).sum();
    let rdf =
        if lines.iter().any(|l| o.fee_line() == Some(l.id.as_str())) { o.retail_delivery_fee } else { Decimal::ZERO };
    json!({
        "currency": o.currency,
        "refund_total": money(sub + tax + rdf),
        "refund_subtotal": money(sub),
        "refund_shipping_fee": "0.00",
        "refund_tax": money(tax),
        "retail_delivery_fee": money(rdf),
        "buyer_service_fee": "0.00",
    })
}

pub fn cancellation(c: &ShopCommerce, x: &SbCancellation) -> Value {
    let o = c.orders.get(&x.order_id);
    let lines: Vec<&SbLine> =
        o.map(|o| o.lines.iter().filter(|l| x.line_ids.contains(&l.id)).collect()).unwrap_or_default();
    let pending = x.status == "CANCELLATION_REQUEST_PENDING";
    let next: Vec<Value> = x
        .deadline
        .filter(|_| pending)
        .map(|d| json!({"action": "SELLER_RESPOND_CANCEL", "deadline": d}))
        .into_iter()
        .collect();
    json!({
        "cancel_id": x.id,
        "order_id": x.order_id,
        "cancel_type": x.cancel_type,
        "cancel_status": x.status,
        "role": x.role,
        "cancel_reason": x.reason,
        "cancel_reason_text": x.reason_text,
        "create_time": x.create_time,
        "update_time": x.update_time,
        "refund_amount": o.map(|o| refund(o, &lines)).unwrap_or_default(),
        "seller_next_action_response": next,
        "cancel_line_items": lines.iter().map(|l| json!({
            "cancel_line_item_id": format!("40{}", &l.id[2..]),
            "order_line_item_id": l.id,
            "sku_id": l.sku_id,
            "sku_name": l.sku_name,
            "seller_sku": l.seller_sku,
            "product_name": l.product_name,
            "product_image": {
                "url": format!("https://p16-oec-va.ibyteimg.com/sandbox/{}.jpeg", l.sku_id),
                "width": 200, "height": 200,
            },
            "refund_amount": o.map(|o| refund(o, &[l])).unwrap_or_default(),
        })).collect::<Vec<_>>(),
    })
}
