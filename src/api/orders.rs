//! Order family: Get Order List (search), Get Order Detail, Get Price Detail (API README §5.3).

use super::client::{ApiClient, ApiRequest, Method, ShopRef};
use super::error::ApiError;
use super::limiter::Lane;
use super::wire::{dec, id_string, opt};
use crate::domain::order::{
    Address, LinePrice, LineTax, Order, OrderLine, OrderStatus, Payment, PriceDetail, ShippingType,
};
use serde::{Deserialize, Serialize};

pub const SEARCH_PATH: &str = "/order/202309/orders/search";
pub const DETAIL_PATH: &str = "/order/202309/orders";

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
    tax: Option<String>,
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
    tracking_number: Option<String>,
    shipping_provider: Option<String>,
    split_or_combine_tag: Option<String>,
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
        let p = &self.payment;
        let payment = Payment {
            currency: p.currency.clone(),
            sub_total: dec("payment.sub_total", &p.sub_total)?,
            shipping_fee: dec("payment.shipping_fee", &p.shipping_fee)?,
            seller_discount: dec("payment.seller_discount", &p.seller_discount)?,
            platform_discount: dec("payment.platform_discount", &p.platform_discount)?,
            total_amount: dec("payment.total_amount", &p.total_amount)?,
            original_total_product_price: dec("payment.original_total_product_price", &p.original_total_product_price)?,
            original_shipping_fee: dec("payment.original_shipping_fee", &p.original_shipping_fee)?,
            tax: dec("payment.tax", &p.tax)?,
        };
        let mut lines = Vec::with_capacity(self.line_items.len());
        for l in self.line_items {
            let mut taxes = Vec::new();
            for t in &l.item_tax {
                taxes.push(LineTax {
                    tax_type: t.tax_type.clone(),
                    amount: dec("line_items.item_tax.tax_amount", &t.tax_amount)?,
                    rate: dec("line_items.item_tax.tax_rate", &t.tax_rate)?,
                });
            }
            lines.push(OrderLine {
                original_price: dec("line_items.original_price", &l.original_price)?,
                sale_price: dec("line_items.sale_price", &l.sale_price)?,
                cancelled: l.display_status == "CANCELLED"
                    || l.package_status == "CANCELLED"
                    || l.cancel_user.is_some(),
                id: l.id,
                sku_id: l.sku_id,
                product_id: l.product_id,
                product_name: l.product_name,
                sku_name: l.sku_name,
                seller_sku: l.seller_sku,
                display_status: l.display_status,
                package_id: opt(&l.package_id),
                package_status: l.package_status,
                tracking_number: opt(&l.tracking_number),
                shipping_provider_id: opt(&l.shipping_provider_id),
                shipping_provider_name: opt(&l.shipping_provider_name),
                taxes,
            });
        }
        let a = self.recipient_address;
        Ok(Order {
            id: self.id,
            shop_id: shop_id.to_string(),
            status: OrderStatus::from_wire(&self.status),
            create_time: self.create_time,
            update_time: self.update_time,
            paid_time: self.paid_time,
            buyer_user_id: self.user_id,
            buyer_nickname: self.buyer_nickname,
            buyer_message: self.buyer_message,
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
            cancel_deadline: self.cancel_order_sla_time.filter(|_| self.is_buyer_request_cancel),
            cancel_reason: opt(&self.cancel_reason),
            cancellation_initiator: opt(&self.cancellation_initiator),
            ship_by: self.rts_sla_time.or(self.shipping_due_time),
            collection_due: self.collection_due_time,
            delivery_due: self.delivery_due_time,
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
        })
    }
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
pub struct OrdersPageDto {
    pub orders: Vec<OrderDto>,
    pub next_page_token: Option<String>,
    pub total_count: Option<u64>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
pub struct OrdersDto {
    pub orders: Vec<OrderDto>,
}

/// The search body: every filter of Get Order List.
#[derive(Serialize, Debug, Default, Clone)]
pub struct OrderSearch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create_time_ge: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create_time_lt: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_time_ge: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_time_lt: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buyer_user_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_buyer_request_cancel: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warehouse_ids: Vec<String>,
}

/// One page of orders, converted, with the next page's token (empty at the end).
pub struct OrdersPage {
    pub orders: Vec<Order>,
    pub next_page_token: String,
    pub total_count: Option<u64>,
    pub request_id: String,
}

fn convert(endpoint: &str, shop: &ShopRef, dtos: Vec<OrderDto>, request_id: &str) -> Result<Vec<Order>, ApiError> {
    dtos.into_iter()
        .map(|d| d.into_order(&shop.id).map_err(|e| ApiError::decode(endpoint, e, Some(request_id.to_string()))))
        .collect()
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct PriceLineDto {
    id: String,
    sku_sale_price: Option<String>,
    tax_amount: Option<String>,
    tax_rate: Option<String>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct PriceDto {
    currency: String,
    total: Option<String>,
    payment: Option<String>,
    subtotal: Option<String>,
    tax_amount: Option<String>,
    tax_rate: Option<String>,
    shipping_sale_price: Option<String>,
    line_items: Vec<PriceLineDto>,
}

impl ApiClient {
    /// One page of Get Order List, sorted by `update_time` ascending (how sync walks windows).
    pub async fn search_orders(
        &self,
        shop: &ShopRef,
        filter: &OrderSearch,
        page_size: u32,
        page_token: Option<&str>,
        lane: Lane,
    ) -> Result<OrdersPage, ApiError> {
        let mut req = ApiRequest::new(Method::POST, SEARCH_PATH, shop.auth())
            .query("page_size", page_size)
            .query("sort_field", "update_time")
            .query("sort_order", "ASC")
            .json_body(filter)
            .lane(lane);
        if let Some(t) = page_token {
            req = req.query("page_token", t);
        }
        let r = self.call::<OrdersPageDto>(&req).await?;
        let orders = convert(&req.endpoint(), shop, r.data.orders, &r.request_id)?;
        Ok(OrdersPage {
            orders,
            next_page_token: r.data.next_page_token.unwrap_or_default(),
            total_count: r.data.total_count,
            request_id: r.request_id,
        })
    }

    /// Get Order Detail for up to 50 ids.
    pub async fn get_orders(&self, shop: &ShopRef, ids: &[String]) -> Result<Vec<Order>, ApiError> {
        let req = ApiRequest::new(Method::GET, DETAIL_PATH, shop.auth()).query_list("ids", ids).lane(Lane::Fulfillment);
        let r = self.call::<OrdersDto>(&req).await?;
        convert(&req.endpoint(), shop, r.data.orders, &r.request_id)
    }

    /// Get Price Detail: totals and tax per order and line.
    pub async fn get_price_detail(&self, shop: &ShopRef, order_id: &str) -> Result<PriceDetail, ApiError> {
        let req = ApiRequest::new(Method::GET, format!("/order/202407/orders/{order_id}/price_detail"), shop.auth())
            .lane(Lane::Returns);
        let r = self.call::<PriceDto>(&req).await?;
        let e = |m: String| ApiError::decode(&req.endpoint(), m, Some(r.request_id.clone()));
        let d = r.data;
        let mut lines = Vec::new();
        for l in &d.line_items {
            lines.push(LinePrice {
                id: l.id.clone(),
                sale_price: dec("line_items.sku_sale_price", &l.sku_sale_price).map_err(e)?,
                tax_amount: dec("line_items.tax_amount", &l.tax_amount).map_err(e)?,
                tax_rate: dec("line_items.tax_rate", &l.tax_rate).map_err(e)?,
            });
        }
        Ok(PriceDetail {
            currency: d.currency.clone(),
            total: dec("total", &d.total).map_err(e)?,
            payment: dec("payment", &d.payment).map_err(e)?,
            subtotal: dec("subtotal", &d.subtotal).map_err(e)?,
            tax_amount: dec("tax_amount", &d.tax_amount).map_err(e)?,
            tax_rate: dec("tax_rate", &d.tax_rate).map_err(e)?,
            shipping_sale_price: dec("shipping_sale_price", &d.shipping_sale_price).map_err(e)?,
            lines,
        })
    }
}
