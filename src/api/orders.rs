//! Order family: Get Order List (search), Get Order Detail, Get Price Detail (API README §5.3).

use super::client::{ApiClient, ApiRequest, Method, ShopRef};
use super::error::ApiError;
use super::limiter::Lane;
pub use super::order_dto::OrderDto;
use super::wire::dec;
use crate::domain::order::{LinePrice, Order, PriceDetail};
use serde::{Deserialize, Serialize};

pub const SEARCH_PATH: &str = "/order/202309/orders/search";
pub const DETAIL_PATH: &str = "/order/202309/orders";

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
