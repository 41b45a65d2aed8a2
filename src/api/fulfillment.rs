//! Fulfillment family (API README §5.4): Mark Package As Shipped, Ship Package, tracking
//! updates, splits and combines, handover slots, shipping documents and tracking.

use super::client::{ApiClient, ApiRequest, Method, ShopRef};
use super::error::ApiError;
use super::limiter::Lane;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct MarkShippedBody<'a> {
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    order_line_item_ids: &'a [String],
    tracking_number: &'a str,
    shipping_provider_id: &'a str,
}

#[derive(Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(default)]
pub struct MarkShippedDto {
    pub order_id: String,
    pub package_id: String,
    pub order_line_item_ids: Vec<String>,
}

#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct PickupSlot {
    pub start_time: i64,
    pub end_time: i64,
}

#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct SelfShipment {
    pub tracking_number: String,
    pub shipping_provider_id: String,
}

#[derive(Serialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct ShipBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handover_method: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pickup_slot: Option<PickupSlot>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub self_shipment: Option<SelfShipment>,
}

#[derive(Serialize)]
struct TrackingBody<'a> {
    tracking_number: &'a str,
    shipping_provider_id: &'a str,
}

#[derive(Serialize)]
struct SplitGroup<'a> {
    id: String,
    order_line_item_ids: &'a [String],
}

#[derive(Serialize)]
struct SplitBody<'a> {
    splittable_groups: Vec<SplitGroup<'a>>,
}

#[derive(Deserialize, Debug, Default, Clone)]
#[serde(default)]
pub struct PackageRefDto {
    pub id: String,
    pub splittable_group_id: String,
    pub order_ids: Vec<String>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct PackagesDto {
    packages: Vec<PackageRefDto>,
    errors: Vec<ItemErrorDto>,
}

#[derive(Deserialize, Debug, Default, Clone)]
#[serde(default)]
pub struct ItemErrorDto {
    pub code: i64,
    pub message: String,
}

#[derive(Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(default)]
pub struct CombinableDto {
    pub id: String,
    pub order_ids: Vec<String>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct CombinablePageDto {
    combinable_packages: Vec<CombinableDto>,
    next_page_token: Option<String>,
}

#[derive(Serialize)]
struct CombineGroup<'a> {
    id: &'a str,
    order_ids: &'a [String],
}

#[derive(Serialize)]
struct CombineBody<'a> {
    combinable_packages: Vec<CombineGroup<'a>>,
}

#[derive(Serialize)]
struct UncombineBody<'a> {
    order_ids: &'a [String],
}

#[derive(Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(default)]
pub struct SlotDto {
    pub start_time: i64,
    pub end_time: i64,
    /// Spelt `avaliable` by the API.
    #[serde(rename = "avaliable")]
    pub available: bool,
}

#[derive(Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(default)]
pub struct HandoverDto {
    pub can_pickup: bool,
    pub can_drop_off: bool,
    pub drop_off_point_url: String,
    pub pickup_slots: Vec<SlotDto>,
}

#[derive(Deserialize, Debug, Default, Clone)]
#[serde(default)]
pub struct DocumentDto {
    pub doc_url: String,
    pub tracking_number: String,
}

#[derive(Deserialize, Debug, Default, Clone)]
#[serde(default)]
pub struct TrackingEventDto {
    pub description: String,
    /// Milliseconds, unlike every other time.
    pub update_time_millis: i64,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct TrackingDto {
    tracking: Vec<TrackingEventDto>,
}

impl ApiClient {
    /// Mark Package As Shipped with the seller's carrier: all lines, or a subset (a split).
    pub async fn mark_package_shipped(
        &self,
        shop: &ShopRef,
        order_id: &str,
        lines: &[String],
        tracking: &str,
        provider_id: &str,
    ) -> Result<MarkShippedDto, ApiError> {
        let body = MarkShippedBody {
            order_line_item_ids: lines,
            tracking_number: tracking,
            shipping_provider_id: provider_id,
        };
        let req = ApiRequest::new(Method::POST, format!("/fulfillment/202309/orders/{order_id}/packages"), shop.auth())
            .json_body(&body)
            .lane(Lane::Fulfillment);
        Ok(self.call::<MarkShippedDto>(&req).await?.data)
    }

    /// Ship Package: TikTok shipping (pickup or drop-off) or self shipment.
    pub async fn ship_package(&self, shop: &ShopRef, package_id: &str, body: &ShipBody) -> Result<(), ApiError> {
        let req = ApiRequest::new(Method::POST, format!("/fulfillment/202309/packages/{package_id}/ship"), shop.auth())
            .json_body(body)
            .lane(Lane::Fulfillment);
        self.call::<serde_json::Value>(&req).await.map(|_| ())
    }

    /// Update Package Shipping Info (ORD-3PL-UPDATE).
    pub async fn update_package_shipping_info(
        &self,
        shop: &ShopRef,
        package_id: &str,
        tracking: &str,
        provider_id: &str,
    ) -> Result<(), ApiError> {
        let req = ApiRequest::new(
            Method::POST,
            format!("/fulfillment/202309/packages/{package_id}/shipping_info/update"),
            shop.auth(),
        )
        .json_body(&TrackingBody { tracking_number: tracking, shipping_provider_id: provider_id })
        .lane(Lane::Fulfillment);
        self.call::<serde_json::Value>(&req).await.map(|_| ())
    }

    /// Split Orders: each group of lines becomes a package. Returns (group id, package id).
    pub async fn split_order(
        &self,
        shop: &ShopRef,
        order_id: &str,
        groups: &[Vec<String>],
    ) -> Result<Vec<(String, String)>, ApiError> {
        let body = SplitBody {
            splittable_groups: groups
                .iter()
                .enumerate()
                .map(|(i, g)| SplitGroup { id: (i + 1).to_string(), order_line_item_ids: g })
                .collect(),
        };
        let req = ApiRequest::new(Method::POST, format!("/fulfillment/202309/orders/{order_id}/split"), shop.auth())
            .json_body(&body)
            .lane(Lane::Fulfillment);
        Ok(self
            .call::<PackagesDto>(&req)
            .await?
            .data
            .packages
            .into_iter()
            .map(|p| (p.splittable_group_id, p.id))
            .collect())
    }

    /// Search Combinable Packages, every page.
    pub async fn combinable_packages(&self, shop: &ShopRef) -> Result<Vec<CombinableDto>, ApiError> {
        let mut out = Vec::new();
        let mut token = String::new();
        loop {
            let req = ApiRequest::new(Method::GET, "/fulfillment/202309/combinable_packages/search", shop.auth())
                .query("page_size", 50)
                .query("page_token", &token)
                .lane(Lane::Fulfillment);
            let d = self.call::<CombinablePageDto>(&req).await?.data;
            out.extend(d.combinable_packages);
            token = d.next_page_token.unwrap_or_default();
            if token.is_empty() {
                return Ok(out);
            }
        }
    }

    /// Combine Package: returns the packages made and the per-group errors.
    pub async fn combine_packages(
        &self,
        shop: &ShopRef,
        pre_package_id: &str,
        order_ids: &[String],
    ) -> Result<(Vec<PackageRefDto>, Vec<ItemErrorDto>), ApiError> {
        let body = CombineBody { combinable_packages: vec![CombineGroup { id: pre_package_id, order_ids }] };
        let req = ApiRequest::new(Method::POST, "/fulfillment/202309/packages/combine", shop.auth())
            .json_body(&body)
            .lane(Lane::Fulfillment);
        let d = self.call::<PackagesDto>(&req).await?.data;
        Ok((d.packages, d.errors))
    }

    pub async fn uncombine_package(
        &self,
        shop: &ShopRef,
        package_id: &str,
        order_ids: &[String],
    ) -> Result<Vec<PackageRefDto>, ApiError> {
        let req =
            ApiRequest::new(Method::POST, format!("/fulfillment/202309/packages/{package_id}/uncombine"), shop.auth())
                .json_body(&UncombineBody { order_ids })
                .lane(Lane::Fulfillment);
        Ok(self.call::<PackagesDto>(&req).await?.data.packages)
    }

    pub async fn handover_time_slots(&self, shop: &ShopRef, package_id: &str) -> Result<HandoverDto, ApiError> {
        let req = ApiRequest::new(
            Method::GET,
            format!("/fulfillment/202309/packages/{package_id}/handover_time_slots"),
            shop.auth(),
        )
        .lane(Lane::Fulfillment);
        Ok(self.call::<HandoverDto>(&req).await?.data)
    }

    pub async fn shipping_document(
        &self,
        shop: &ShopRef,
        package_id: &str,
        document_type: &str,
    ) -> Result<DocumentDto, ApiError> {
        let req = ApiRequest::new(
            Method::GET,
            format!("/fulfillment/202309/packages/{package_id}/shipping_documents"),
            shop.auth(),
        )
        .query("document_type", document_type)
        .lane(Lane::Fulfillment);
        Ok(self.call::<DocumentDto>(&req).await?.data)
    }

    pub async fn order_tracking(&self, shop: &ShopRef, order_id: &str) -> Result<Vec<TrackingEventDto>, ApiError> {
        let req = ApiRequest::new(Method::GET, format!("/fulfillment/202309/orders/{order_id}/tracking"), shop.auth())
            .lane(Lane::Fulfillment);
        Ok(self.call::<TrackingDto>(&req).await?.data.tracking)
    }
}
