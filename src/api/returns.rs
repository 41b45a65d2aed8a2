//! Return/refund family, returns (API README §5.6): Search Returns, Get Return Records, Get
//! Reject Reasons (shared with cancellations), Approve and Reject Return with their
//! `idempotency_key`, Calculate Refund. Amounts are exact decimals with their currency.

use super::cancellations::ReasonDto;
use super::client::{ApiClient, ApiRequest, Method, ShopRef};
use super::error::ApiError;
use super::limiter::Lane;
use crate::domain::returns::{RefundAmount, Return, ReturnLine, ReturnRecord, ReturnType};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s.trim()).unwrap_or_default()
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct AmountDto {
    currency: String,
    refund_total: String,
    refund_subtotal: String,
    refund_shipping_fee: String,
    refund_tax: String,
    retail_delivery_fee: String,
    buyer_service_fee: String,
}

impl AmountDto {
    fn into_domain(self) -> RefundAmount {
        RefundAmount {
            total: dec(&self.refund_total),
            subtotal: dec(&self.refund_subtotal),
            shipping: dec(&self.refund_shipping_fee),
            tax: dec(&self.refund_tax),
            retail_delivery_fee: dec(&self.retail_delivery_fee),
            buyer_service_fee: dec(&self.buyer_service_fee),
            currency: self.currency,
        }
    }
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct LineDto {
    return_line_item_id: String,
    order_line_item_id: String,
    sku_id: String,
    sku_name: String,
    seller_sku: String,
    product_name: String,
    refund_amount: AmountDto,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct NextDto {
    action: String,
    deadline: Option<i64>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct FeeDto {
    buyer_paid_return_shipping_fee: String,
    seller_paid_return_shipping_fee: String,
    platform_paid_return_shipping_fee: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct PartialDto {
    amount: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct AddressDto {
    full_address: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct ReturnDto {
    return_id: String,
    order_id: String,
    return_type: String,
    return_status: String,
    role: String,
    return_reason: String,
    return_reason_text: String,
    arbitration_status: Option<String>,
    shipment_type: String,
    handover_method: String,
    return_method: String,
    return_tracking_number: String,
    return_provider_name: String,
    return_shipping_document_type: String,
    return_shipping_label_url: Option<String>,
    return_warehouse_address: AddressDto,
    refund_amount: AmountDto,
    shipping_fee_amount: Vec<FeeDto>,
    partial_refund: Option<PartialDto>,
    buyer_rejected_partial_refund: Option<bool>,
    can_buyer_keep_item: bool,
    return_line_items: Vec<LineDto>,
    seller_next_action_response: Vec<NextDto>,
    replacement_order_id: Option<String>,
    create_time: i64,
    update_time: i64,
}

impl ReturnDto {
    fn into_domain(self, shop_id: &str) -> Return {
        let next = self.seller_next_action_response.into_iter().next();
        let fee = self.shipping_fee_amount.into_iter().next().unwrap_or_default();
        Return {
            id: self.return_id,
            shop_id: shop_id.to_string(),
            order_id: self.order_id,
            return_type: Some(ReturnType::from_wire(&self.return_type)),
            status: self.return_status,
            role: self.role,
            reason: self.return_reason,
            reason_text: self.return_reason_text,
            arbitration: self.arbitration_status.filter(|a| !a.is_empty()),
            shipment_type: self.shipment_type,
            handover_method: self.handover_method,
            return_method: self.return_method,
            tracking: Some(self.return_tracking_number).filter(|t| !t.is_empty()),
            provider_name: self.return_provider_name,
            document_type: self.return_shipping_document_type,
            label_url: self.return_shipping_label_url,
            warehouse_address: self.return_warehouse_address.full_address,
            refund: self.refund_amount.into_domain(),
            shipping_buyer: dec(&fee.buyer_paid_return_shipping_fee),
            shipping_seller: dec(&fee.seller_paid_return_shipping_fee),
            shipping_platform: dec(&fee.platform_paid_return_shipping_fee),
            partial_refund: self.partial_refund.map(|p| dec(&p.amount)),
            buyer_rejected_partial_refund: self.buyer_rejected_partial_refund,
            can_buyer_keep_item: self.can_buyer_keep_item,
            lines: self
                .return_line_items
                .into_iter()
                .map(|l| ReturnLine {
                    id: l.return_line_item_id,
                    order_line_id: l.order_line_item_id,
                    sku_id: l.sku_id,
                    sku_name: l.sku_name,
                    seller_sku: l.seller_sku,
                    product_name: l.product_name,
                    refund_total: dec(&l.refund_amount.refund_total),
                })
                .collect(),
            next_action: next.as_ref().map(|n| n.action.clone()),
            deadline: next.and_then(|n| n.deadline),
            replacement_order_id: self.replacement_order_id.filter(|s| !s.is_empty()),
            create_time: self.create_time,
            update_time: self.update_time,
            records: vec![],
            buyer: String::new(),
        }
    }
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct PageDto {
    return_orders: Vec<ReturnDto>,
    next_page_token: Option<String>,
}

/// A page of Search Returns and the token of the next.
pub struct ReturnsPage {
    pub returns: Vec<Return>,
    pub next_page_token: String,
}

/// Search Returns filters (`update_time` windows for sync; ids for a webhook's fetch).
#[derive(Serialize, Default, Clone, Debug)]
pub struct ReturnsQuery {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub return_ids: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub order_ids: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_time_ge: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_time_lt: Option<i64>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct ImageDto {
    url: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct RecordDto {
    role: String,
    description: String,
    note: String,
    reason_text: String,
    create_time: i64,
    images: Vec<ImageDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct RecordsDto {
    records: Vec<RecordDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct CalculateDto {
    order_refund_amount: AmountDto,
}

/// What Approve Return sends besides the decision.
#[derive(Serialize, Default, Clone, Debug)]
pub struct ApproveBody {
    pub decision: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub buyer_keep_item: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partial_refund: Option<MoneyDto>,
    /// Sandbox extension (see `sandbox/routes/returns.rs`): a fee deducted from the refund.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_shipping_fee: Option<MoneyDto>,
}

#[derive(Serialize, Clone, Debug)]
pub struct MoneyDto {
    pub amount: String,
    pub currency: String,
}

/// Reject Return's body: the decision, one of Get Reject Reasons' names, a comment and the
/// seller's evidence images (`image_id` is a URI from Upload Product Image).
#[derive(Serialize, Clone, Debug, Default)]
pub struct Rejection {
    pub decision: String,
    pub reject_reason: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub comment: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<EvidenceImage>,
}

#[derive(Serialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct EvidenceImage {
    pub image_id: String,
    pub mime_type: String,
    pub width: u32,
    pub height: u32,
}

impl ApiClient {
    /// One page of Search Returns, oldest update first.
    pub async fn search_returns(
        &self,
        shop: &ShopRef,
        q: &ReturnsQuery,
        page_token: &str,
        lane: Lane,
    ) -> Result<ReturnsPage, ApiError> {
        let req = ApiRequest::new(Method::POST, "/return_refund/202309/returns/search", shop.auth())
            .query("page_size", 50)
            .query("sort_field", "update_time")
            .query("sort_order", "ASC")
            .query("page_token", page_token)
            .json_body(q)
            .lane(lane);
        let d = self.call::<PageDto>(&req).await?.data;
        Ok(ReturnsPage {
            returns: d.return_orders.into_iter().map(|r| r.into_domain(&shop.id)).collect(),
            next_page_token: d.next_page_token.unwrap_or_default(),
        })
    }

    pub async fn return_records(&self, shop: &ShopRef, return_id: &str) -> Result<Vec<ReturnRecord>, ApiError> {
        let req =
            ApiRequest::new(Method::GET, format!("/return_refund/202309/returns/{return_id}/records"), shop.auth())
                .lane(Lane::Returns);
        let d = self.call::<RecordsDto>(&req).await?.data;
        Ok(d.records
            .into_iter()
            .map(|r| ReturnRecord {
                role: r.role,
                description: r.description,
                note: r.note,
                reason_text: r.reason_text,
                create_time: r.create_time,
                image_urls: r.images.into_iter().map(|i| i.url).collect(),
            })
            .collect())
    }

    pub async fn approve_return(
        &self,
        shop: &ShopRef,
        return_id: &str,
        idempotency_key: &str,
        body: &ApproveBody,
    ) -> Result<(), ApiError> {
        let req =
            ApiRequest::new(Method::POST, format!("/return_refund/202309/returns/{return_id}/approve"), shop.auth())
                .query("idempotency_key", idempotency_key)
                .json_body(body)
                .lane(Lane::Returns);
        self.call::<serde_json::Value>(&req).await.map(|_| ())
    }

    pub async fn reject_return(
        &self,
        shop: &ShopRef,
        return_id: &str,
        idempotency_key: &str,
        body: &Rejection,
    ) -> Result<(), ApiError> {
        let req =
            ApiRequest::new(Method::POST, format!("/return_refund/202309/returns/{return_id}/reject"), shop.auth())
                .query("idempotency_key", idempotency_key)
                .json_body(body)
                .lane(Lane::Returns);
        self.call::<serde_json::Value>(&req).await.map(|_| ())
    }

    /// Get Reject Reasons valid for the return's current state.
    pub async fn return_reject_reasons(&self, shop: &ShopRef, return_id: &str) -> Result<Vec<ReasonDto>, ApiError> {
        self.reject_reasons(shop, return_id).await
    }

    /// Calculate Refund for some lines of an order (all when empty).
    pub async fn calculate_refund(
        &self,
        shop: &ShopRef,
        order_id: &str,
        line_ids: &[String],
    ) -> Result<RefundAmount, ApiError> {
        let body = serde_json::json!({"order_id": order_id, "request_type": "REFUND", "order_line_item_ids": line_ids});
        let req = ApiRequest::new(Method::POST, "/return_refund/202309/refunds/calculate", shop.auth())
            .json_body(&body)
            .lane(Lane::Returns);
        Ok(self.call::<CalculateDto>(&req).await?.data.order_refund_amount.into_domain())
    }
}
