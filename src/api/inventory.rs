//! Product family, the live writes and reads: Inventory Search (≤ 100 product ids a call),
//! Update Inventory (every warehouse of each SKU), Update Price (refused while a promotion locks
//! it: 12052038 / 12019045), and each SKU's price as Get Product gives it.

use super::client::{ApiClient, ApiRequest, Method, ShopRef};
use super::error::ApiError;
use super::limiter::Lane;
use super::wire::id_string;
use crate::domain::listing_sync::SkuValues;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::str::FromStr;

/// Inventory Search's limit of product ids per call.
pub const SEARCH_BATCH: usize = 100;

/// TikTok's codes for a price a promotion locks: the reference lists both.
pub const PRICE_LOCKED: [i64; 2] = [12052038, 12019045];

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct WarehouseDto {
    #[serde(deserialize_with = "id_string")]
    warehouse_id: String,
    available_quantity: i64,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct InvSkuDto {
    #[serde(deserialize_with = "id_string")]
    id: String,
    seller_sku: String,
    total_committed_quantity: i64,
    warehouse_inventory: Vec<WarehouseDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct InvProductDto {
    #[serde(deserialize_with = "id_string")]
    product_id: String,
    skus: Vec<InvSkuDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct InvSearchDto {
    inventory: Vec<InvProductDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct ExtraErrorDto {
    code: i64,
    message: String,
    #[serde(deserialize_with = "id_string")]
    warehouse_id: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct ErrorDetailDto {
    #[serde(deserialize_with = "id_string")]
    sku_id: String,
    extra_errors: Vec<ExtraErrorDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct SkuErrorDto {
    code: i64,
    message: String,
    detail: ErrorDetailDto,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct UpdateDto {
    errors: Vec<SkuErrorDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct PriceDto {
    sale_price: String,
    tax_exclusive_price: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct PricedSkuDto {
    #[serde(deserialize_with = "id_string")]
    id: String,
    price: PriceDto,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct PricedProductDto {
    skus: Vec<PricedSkuDto>,
}

impl ApiClient {
    /// Inventory Search by product ids (at most [`SEARCH_BATCH`]): product id → SKU id → what
    /// TikTok has (price unset: Inventory Search carries none).
    pub async fn inventory_search(
        &self,
        shop: &ShopRef,
        product_ids: &[String],
    ) -> Result<BTreeMap<String, BTreeMap<String, SkuValues>>, ApiError> {
        let req = ApiRequest::new(Method::POST, "/product/202309/inventory/search", shop.auth())
            .json_body(&json!({"product_ids": product_ids}))
            .lane(Lane::InventoryPrice);
        let d = self.call::<InvSearchDto>(&req).await?.data;
        Ok(d.inventory
            .into_iter()
            .map(|p| {
                let skus = p
                    .skus
                    .into_iter()
                    .map(|k| {
                        let v = SkuValues {
                            seller_sku: k.seller_sku,
                            warehouses: k
                                .warehouse_inventory
                                .into_iter()
                                .map(|w| (w.warehouse_id, w.available_quantity))
                                .collect(),
                            committed: k.total_committed_quantity,
                            price: None,
                        };
                        (k.id, v)
                    })
                    .collect();
                (p.product_id, skus)
            })
            .collect())
    }

    /// Update Inventory of one product: SKU id → warehouse → quantity. TikTok may accept the
    /// call and refuse some SKUs (`data.errors[]`): those come back as "SKU: reason" lines.
    pub async fn update_inventory(
        &self,
        shop: &ShopRef,
        product_id: &str,
        skus: &BTreeMap<String, BTreeMap<String, i64>>,
    ) -> Result<Vec<String>, ApiError> {
        let body = json!({"skus": skus.iter().map(|(id, whs)| json!({
            "id": id,
            "inventory": whs.iter().map(|(w, q)| json!({"warehouse_id": w, "quantity": q})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>()});
        let req = ApiRequest::new(
            Method::POST,
            format!("/product/202309/products/{product_id}/inventory/update"),
            shop.auth(),
        )
        .json_body(&body)
        .lane(Lane::InventoryPrice);
        let d = self.call::<UpdateDto>(&req).await?.data;
        Ok(d.errors
            .into_iter()
            .map(|e| {
                let extra: Vec<String> = e
                    .detail
                    .extra_errors
                    .iter()
                    .map(|x| format!("{} (warehouse {}, {})", x.message, x.warehouse_id, x.code))
                    .collect();
                format!("SKU {}: {} ({}) {}", e.detail.sku_id, e.message, e.code, extra.join("; "))
                    .trim_end()
                    .to_string()
            })
            .collect())
    }

    /// Update Price of one product's SKUs, in the shop's currency.
    pub async fn update_price(
        &self,
        shop: &ShopRef,
        product_id: &str,
        prices: &BTreeMap<String, Decimal>,
        currency: &str,
    ) -> Result<(), ApiError> {
        let body = json!({"skus": prices.iter().map(|(id, p)| json!({
            "id": id, "price": {"amount": p.to_string(), "currency": currency},
        })).collect::<Vec<_>>()});
        let req =
            ApiRequest::new(Method::POST, format!("/product/202309/products/{product_id}/prices/update"), shop.auth())
                .json_body(&body)
                .lane(Lane::InventoryPrice);
        self.call::<Value>(&req).await?;
        Ok(())
    }

    /// Each SKU's price as Get Product shows it (`sale_price`, else `tax_exclusive_price`).
    pub async fn sku_prices(&self, shop: &ShopRef, product_id: &str) -> Result<BTreeMap<String, Decimal>, ApiError> {
        let req = ApiRequest::new(Method::GET, format!("/product/202309/products/{product_id}"), shop.auth())
            .lane(Lane::InventoryPrice);
        let d = self.call::<PricedProductDto>(&req).await?.data;
        Ok(d.skus
            .into_iter()
            .filter_map(|k| {
                let raw = if k.price.sale_price.is_empty() { k.price.tax_exclusive_price } else { k.price.sale_price };
                Decimal::from_str(raw.trim()).ok().map(|p| (k.id, p))
            })
            .collect())
    }
}
