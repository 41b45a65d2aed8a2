//! The order object of Get Order List and Get Order Detail (API README §5.3) and its conversion to
//! the domain order: every fee and discount of `payment`, dangerous goods and ship times.
//!
//! A value that does not apply may come as an empty string or 0 (a time that has not come) or
//! not at all (a real cancelled order omits `rts_time`); all three read as "not set".

use super::wire::{dec, id_string, opt};
use crate::domain::order::{Address, LineTax, Order, OrderLine, OrderStatus, Payment, ShippingType};
use serde::Deserialize;

/// A unix time of the wire: 0, negative or absent is "not yet".
fn time(t: Option<i64>) -> Option<i64> {
    t.filter(|t| *t > 0)
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
pub struct PaymentDto {
    currency: String,
    sub_total: Option<String>,
    shipping_fee: Option<String>,
    seller_discount: Option<String>,
    platform_discount: Option<String>,
    total_amount: Option<String>,
    original_total_product_price: Option<String>,
    original_shipping_fee: Option<String>,
    shipping_fee_seller_discount: Option<String>,
    shipping_fee_platform_discount: Option<String>,
    shipping_fee_cofunded_discount: Option<String>,
    tax: Option<String>,
    product_tax: Option<String>,
    shipping_fee_tax: Option<String>,
    small_order_fee: Option<String>,
    retail_delivery_fee: Option<String>,
    buyer_service_fee: Option<String>,
    handling_fee: Option<String>,
    shipping_insurance_fee: Option<String>,
    item_insurance_fee: Option<String>,
    item_insurance_tax: Option<String>,
}

impl PaymentDto {
    fn into_payment(self) -> Result<Payment, String> {
        let f = |name: &str, v: &Option<String>| dec(&format!("payment.{name}"), v);
        Ok(Payment {
            sub_total: f("sub_total", &self.sub_total)?,
            shipping_fee: f("shipping_fee", &self.shipping_fee)?,
            seller_discount: f("seller_discount", &self.seller_discount)?,
            platform_discount: f("platform_discount", &self.platform_discount)?,
            total_amount: f("total_amount", &self.total_amount)?,
            original_total_product_price: f("original_total_product_price", &self.original_total_product_price)?,
            original_shipping_fee: f("original_shipping_fee", &self.original_shipping_fee)?,
            tax: f("tax", &self.tax)?,
            shipping_fee_seller_discount: f("shipping_fee_seller_discount", &self.shipping_fee_seller_discount)?,
            shipping_fee_platform_discount: f("shipping_fee_platform_discount", &self.shipping_fee_platform_discount)?,
            shipping_fee_cofunded_discount: f("shipping_fee_cofunded_discount", &self.shipping_fee_cofunded_discount)?,
            product_tax: f("product_tax", &self.product_tax)?,
            shipping_fee_tax: f("shipping_fee_tax", &self.shipping_fee_tax)?,
            small_order_fee: f("small_order_fee", &self.small_order_fee)?,
            retail_delivery_fee: f("retail_delivery_fee", &self.retail_delivery_fee)?,
            buyer_service_fee: f("buyer_service_fee", &self.buyer_service_fee)?,
            handling_fee: f("handling_fee", &self.handling_fee)?,
            shipping_insurance_fee: f("shipping_insurance_fee", &self.shipping_insurance_fee)?,
            item_insurance_fee: f("item_insurance_fee", &self.item_insurance_fee)?,
            item_insurance_tax: f("item_insurance_tax", &self.item_insurance_tax)?,
            currency: self.currency,
        })
    }
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
pub struct AddressDto {
    name: String,
    phone_number: String,
    full_address: String,
    postal_code: String,
    region_code: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
pub struct ItemTaxDto {
    tax_type: String,
    tax_amount: Option<String>,
    tax_rate: Option<String>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
pub struct LineItemDto {
    id: String,
    sku_id: String,
    #[serde(deserialize_with = "id_string")]
    product_id: String,
    product_name: String,
    sku_name: String,
    seller_sku: String,
    original_price: Option<String>,
    sale_price: Option<String>,
    display_status: String,
    package_id: Option<String>,
    package_status: String,
    tracking_number: Option<String>,
    shipping_provider_id: Option<String>,
    shipping_provider_name: Option<String>,
    item_tax: Vec<ItemTaxDto>,
    cancel_user: Option<String>,
    is_dangerous_good: bool,
    rts_time: Option<i64>,
}

impl LineItemDto {
    fn into_line(self) -> Result<OrderLine, String> {
        let mut taxes = Vec::new();
        for t in &self.item_tax {
            taxes.push(LineTax {
                tax_type: t.tax_type.clone(),
                amount: dec("line_items.item_tax.tax_amount", &t.tax_amount)?,
                rate: dec("line_items.item_tax.tax_rate", &t.tax_rate)?,
            });
        }
        Ok(OrderLine {
            original_price: dec("line_items.original_price", &self.original_price)?,
            sale_price: dec("line_items.sale_price", &self.sale_price)?,
            cancelled: self.display_status == "CANCELLED"
                || self.package_status == "CANCELLED"
                || opt(&self.cancel_user).is_some(),
            id: self.id,
            sku_id: self.sku_id,
            product_id: self.product_id,
            product_name: self.product_name,
            sku_name: self.sku_name,
            seller_sku: self.seller_sku,
            display_status: self.display_status,
            package_id: opt(&self.package_id),
            package_status: self.package_status,
            tracking_number: opt(&self.tracking_number),
            shipping_provider_id: opt(&self.shipping_provider_id),
            shipping_provider_name: opt(&self.shipping_provider_name),
            taxes,
            is_dangerous_good: self.is_dangerous_good,
            rts_time: time(self.rts_time),
        })
    }
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
pub struct PackageIdDto {
    id: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
pub struct OrderDto {
    pub id: String,
    pub status: String,
    pub create_time: i64,
    pub update_time: i64,
    paid_time: Option<i64>,
    user_id: String,
    buyer_nickname: String,
    buyer_message: String,
    seller_note: String,
    shipping_type: String,
    delivery_option_id: String,
    delivery_option_name: String,
    warehouse_id: String,
    is_cod: bool,
    is_sample_order: bool,
    is_on_hold_order: bool,
    is_replacement_order: bool,
    replaced_order_id: Option<String>,
    is_buyer_request_cancel: bool,
    cancel_order_sla_time: Option<i64>,
    cancel_reason: Option<String>,
    cancellation_initiator: Option<String>,
    rts_sla_time: Option<i64>,
    shipping_due_time: Option<i64>,
    collection_due_time: Option<i64>,
    delivery_due_time: Option<i64>,
    rts_time: Option<i64>,
    tracking_number: Option<String>,
    shipping_provider: Option<String>,
    split_or_combine_tag: Option<String>,
    payment_method_name: Option<String>,
    packages: Vec<PackageIdDto>,
    payment: PaymentDto,
    recipient_address: AddressDto,
    line_items: Vec<LineItemDto>,
}

impl OrderDto {
    /// The domain order; an amount that does not parse names its field.
    pub fn into_order(self, shop_id: &str) -> Result<Order, String> {
        if self.id.is_empty() {
            return Err("an order has no id".into());
        }
        let payment = self.payment.into_payment()?;
        let lines = self.line_items.into_iter().map(LineItemDto::into_line).collect::<Result<Vec<_>, _>>()?;
        let a = self.recipient_address;
        Ok(Order {
            id: self.id,
            shop_id: shop_id.to_string(),
            status: OrderStatus::from_wire(&self.status),
            create_time: self.create_time,
            update_time: self.update_time,
            paid_time: time(self.paid_time),
            buyer_user_id: self.user_id,
            buyer_nickname: self.buyer_nickname,
            buyer_message: self.buyer_message,
            seller_note: self.seller_note,
            shipping_type: ShippingType::from_wire(&self.shipping_type),
            delivery_option_id: self.delivery_option_id,
            delivery_option_name: self.delivery_option_name,
            warehouse_id: self.warehouse_id,
            is_cod: self.is_cod,
            is_sample: self.is_sample_order,
            is_on_hold_order: self.is_on_hold_order,
            is_replacement: self.is_replacement_order,
            replaced_order_id: opt(&self.replaced_order_id),
            cancel_requested: self.is_buyer_request_cancel,
            cancel_deadline: time(self.cancel_order_sla_time).filter(|_| self.is_buyer_request_cancel),
            cancel_reason: opt(&self.cancel_reason),
            cancellation_initiator: opt(&self.cancellation_initiator),
            ship_by: time(self.rts_sla_time).or(time(self.shipping_due_time)),
            collection_due: time(self.collection_due_time),
            delivery_due: time(self.delivery_due_time),
            tracking_number: opt(&self.tracking_number),
            shipping_provider: opt(&self.shipping_provider),
            split_or_combine: opt(&self.split_or_combine_tag),
            package_ids: self.packages.into_iter().map(|p| p.id).filter(|p| !p.is_empty()).collect(),
            payment,
            address: Address {
                name: a.name,
                phone: a.phone_number,
                full_address: a.full_address,
                postal_code: a.postal_code,
                region_code: a.region_code,
            },
            lines,
            price: None,
            rts_time: time(self.rts_time),
            payment_method: opt(&self.payment_method_name),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_read_as_not_set_and_fees_are_kept() {
        let v = serde_json::json!({
            "id": "576", "status": "AWAITING_SHIPMENT", "paid_time": 0, "rts_time": 0, "cancel_order_sla_time": 0,
            "tracking_number": "", "split_or_combine_tag": "", "payment_method_name": "CCDC",
            "payment": {"currency": "USD", "sub_total": "33.90", "shipping_fee": "0.00", "tax": "2.80",
                        "retail_delivery_fee": "0.28", "shipping_fee_cofunded_discount": "1.00",
                        "total_amount": "36.98"},
            "line_items": [{"id": "1", "cancel_user": "", "package_id": "", "rts_time": 0, "is_dangerous_good": true},
                           {"id": "2", "cancel_user": "BUYER", "rts_time": 1700000000}],
        });
        let o = serde_json::from_value::<OrderDto>(v).expect("dto").into_order("shop").expect("order");
        assert_eq!(
            (o.paid_time, o.rts_time, o.cancel_deadline, o.tracking_number.clone(), o.split_or_combine.clone()),
            (None, None, None, None, None)
        );
        assert_eq!(o.payment_method.as_deref(), Some("CCDC"));
        assert_eq!(o.payment.retail_delivery_fee.to_string(), "0.28");
        assert_eq!(o.payment.shipping_fee_cofunded_discount.to_string(), "1.00");
        assert!(o.payment.adds_up());
        assert!(
            !o.lines[0].cancelled
                && o.lines[0].is_dangerous_good
                && o.lines[0].package_id.is_none()
                && o.lines[0].rts_time.is_none()
        );
        assert!(o.lines[1].cancelled && o.lines[1].rts_time == Some(1_700_000_000));
        assert!(o.has_dangerous_goods());
    }
}
