//! Event family: per-shop webhook subscriptions (API README §4.4).

use super::client::{ApiClient, ApiRequest, Auth, Method};
use super::error::ApiError;
use serde::{Deserialize, Serialize};

pub const SHOP_WEBHOOKS_PATH: &str = "/event/202309/webhooks";

#[derive(Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct ShopWebhookDto {
    pub event_type: String,
    pub address: String,
    #[serde(default)]
    pub create_time: i64,
    #[serde(default)]
    pub update_time: i64,
}

#[derive(Deserialize, Debug)]
struct ShopWebhooksDto {
    #[serde(default)]
    webhooks: Vec<ShopWebhookDto>,
}

#[derive(Serialize)]
struct UpdateBody<'a> {
    event_type: &'a str,
    address: &'a str,
}

impl ApiClient {
    pub async fn get_shop_webhooks(&self, shop_id: &str, cipher: &str) -> Result<Vec<ShopWebhookDto>, ApiError> {
        let req = ApiRequest::new(
            Method::GET,
            SHOP_WEBHOOKS_PATH,
            Auth::Shop { shop_id: shop_id.into(), cipher: Some(cipher.into()) },
        );
        Ok(self.call::<ShopWebhooksDto>(&req).await?.data.webhooks)
    }

    pub async fn update_shop_webhook(
        &self,
        shop_id: &str,
        cipher: &str,
        event_type: &str,
        address: &str,
    ) -> Result<(), ApiError> {
        let req = ApiRequest::new(
            Method::PUT,
            SHOP_WEBHOOKS_PATH,
            Auth::Shop { shop_id: shop_id.into(), cipher: Some(cipher.into()) },
        )
        .json_body(&UpdateBody { event_type, address });
        self.call::<serde_json::Value>(&req).await.map(|_| ())
    }
}
