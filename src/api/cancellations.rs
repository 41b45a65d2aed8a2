//! Return/refund family, cancellations (API README §5.6).

use super::client::{ApiClient, ApiRequest, Method, ShopRef};
use super::error::ApiError;
use super::limiter::Lane;
use crate::domain::package::Cancellation;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct NextActionDto {
    action: String,
    deadline: Option<i64>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct CancellationDto {
    cancel_id: String,
    order_id: String,
    cancel_type: String,
    cancel_status: String,
    role: String,
    cancel_reason: String,
    cancel_reason_text: String,
    create_time: i64,
    update_time: i64,
    seller_next_action_response: Vec<NextActionDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct CancellationsPageDto {
    cancellations: Vec<CancellationDto>,
    next_page_token: Option<String>,
}

#[derive(Serialize, Default)]
struct SearchBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    update_time_ge: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    order_ids: Vec<String>,
}

#[derive(Serialize)]
struct RejectBody<'a> {
    reject_reason: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    comment: &'a str,
}

#[derive(Serialize)]
struct SellerCancelBody<'a> {
    order_id: &'a str,
    cancel_reason: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    order_line_item_ids: &'a [String],
}

#[derive(Deserialize, Debug, Default, Clone)]
#[serde(default)]
pub struct SellerCancelDto {
    pub cancel_id: String,
    pub cancel_status: String,
}

#[derive(Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(default)]
pub struct ReasonDto {
    pub name: String,
    pub text: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct ReasonsDto {
    reasons: Vec<ReasonDto>,
}

impl ApiClient {
    /// Every cancellation updated since `since` (or of these orders), all pages.
    pub async fn search_cancellations(
        &self,
        shop: &ShopRef,
        since: Option<i64>,
        order_ids: &[String],
    ) -> Result<Vec<Cancellation>, ApiError> {
        let body = SearchBody { update_time_ge: since, order_ids: order_ids.to_vec() };
        let mut out = Vec::new();
        let mut token = String::new();
        loop {
            let req = ApiRequest::new(Method::POST, "/return_refund/202309/cancellations/search", shop.auth())
                .query("page_size", 50)
                .query("sort_field", "update_time")
                .query("sort_order", "ASC")
                .query("page_token", &token)
                .json_body(&body)
                .lane(Lane::Returns);
            let d = self.call::<CancellationsPageDto>(&req).await?.data;
            out.extend(d.cancellations.into_iter().map(|c| {
                Cancellation {
                    deadline: c
                        .seller_next_action_response
                        .iter()
                        .find(|a| a.action == "SELLER_RESPOND_CANCEL")
                        .and_then(|a| a.deadline),
                    id: c.cancel_id,
                    shop_id: shop.id.clone(),
                    order_id: c.order_id,
                    cancel_type: c.cancel_type,
                    status: c.cancel_status,
                    role: c.role,
                    reason: c.cancel_reason,
                    reason_text: c.cancel_reason_text,
                    create_time: c.create_time,
                    update_time: c.update_time,
                }
            }));
            token = d.next_page_token.unwrap_or_default();
            if token.is_empty() {
                return Ok(out);
            }
        }
    }

    pub async fn approve_cancellation(
        &self,
        shop: &ShopRef,
        cancel_id: &str,
        idempotency_key: &str,
    ) -> Result<(), ApiError> {
        let req = ApiRequest::new(
            Method::POST,
            format!("/return_refund/202309/cancellations/{cancel_id}/approve"),
            shop.auth(),
        )
        .query("idempotency_key", idempotency_key)
        .lane(Lane::Returns);
        self.call::<serde_json::Value>(&req).await.map(|_| ())
    }

    pub async fn reject_cancellation(
        &self,
        shop: &ShopRef,
        cancel_id: &str,
        idempotency_key: &str,
        reason: &str,
        comment: &str,
    ) -> Result<(), ApiError> {
        let req = ApiRequest::new(
            Method::POST,
            format!("/return_refund/202309/cancellations/{cancel_id}/reject"),
            shop.auth(),
        )
        .query("idempotency_key", idempotency_key)
        .json_body(&RejectBody { reject_reason: reason, comment })
        .lane(Lane::Returns);
        self.call::<serde_json::Value>(&req).await.map(|_| ())
    }

    /// The seller cancels an order (or some lines) with a reason valid for its status.
    pub async fn cancel_order(
        &self,
        shop: &ShopRef,
        order_id: &str,
        reason: &str,
        lines: &[String],
    ) -> Result<SellerCancelDto, ApiError> {
        let req = ApiRequest::new(Method::POST, "/return_refund/202309/cancellations", shop.auth())
            .json_body(&SellerCancelBody { order_id, cancel_reason: reason, order_line_item_ids: lines })
            .lane(Lane::Returns);
        Ok(self.call::<SellerCancelDto>(&req).await?.data)
    }

    pub async fn reject_reasons(&self, shop: &ShopRef, cancel_id: &str) -> Result<Vec<ReasonDto>, ApiError> {
        let req = ApiRequest::new(Method::GET, "/return_refund/202309/reject_reasons", shop.auth())
            .query("return_or_cancel_id", cancel_id)
            .lane(Lane::Returns);
        Ok(self.call::<ReasonsDto>(&req).await?.data.reasons)
    }
}
