//! Product family, Optimized Images (202404, `POST /product/202404/images/optimize`): TikTok
//! replaces an uploaded image's background with white (`WHITE_BACKGROUND`, the only mode).
//! It is asynchronous: the first answer for an image is always `PROCESSING`, a later call gives
//! `SUCCESS` with `optimized_uri` (to pass when creating or editing a product) and
//! `optimized_url`, or `IGNORE` for an image already optimized (reference page
//! `optimized-images-202404`: "call the API again after a few seconds to get the final
//! optimization status"). At most 200 URIs a call; only URIs from Upload Product Image.

use super::client::{ApiClient, ApiRequest, Method, ShopRef};
use super::error::ApiError;
use super::limiter::Lane;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::time::Duration;

const ENDPOINT: &str = "optimized images";

/// One image's optimization as TikTok reports it.
#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(default)]
pub struct OptimizedImage {
    pub original_uri: String,
    pub original_url: String,
    pub optimized_uri: String,
    pub optimized_url: String,
    /// SUCCESS, IGNORE or PROCESSING.
    pub optimize_status: String,
    pub width: u32,
    pub height: u32,
}

impl OptimizedImage {
    pub fn processing(&self) -> bool {
        self.optimize_status == "PROCESSING"
    }
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct OptimizeDto {
    images: Vec<OptimizedImage>,
}

impl ApiClient {
    /// One call: the state of each image's white-background optimization (started by the first).
    pub async fn optimize_images(&self, shop: &ShopRef, uris: &[String]) -> Result<Vec<OptimizedImage>, ApiError> {
        let images: Vec<_> =
            uris.iter().map(|u| json!({"uri": u, "optimization_mode": ["WHITE_BACKGROUND"]})).collect();
        let req = ApiRequest::new(Method::POST, "/product/202404/images/optimize", shop.auth())
            .json_body(&json!({"images": images}))
            .lane(Lane::Catalogue);
        Ok(self.call::<OptimizeDto>(&req).await?.data.images)
    }

    /// Whiten one image's background, asking again every `every` until TikTok is done, for at
    /// most `tries` calls; the last answer (still PROCESSING if TikTok took longer).
    pub async fn whiten_image(
        &self,
        shop: &ShopRef,
        uri: &str,
        every: Duration,
        tries: u32,
    ) -> Result<OptimizedImage, ApiError> {
        let uris = [uri.to_string()];
        let mut last = None;
        for i in 0..tries.max(1) {
            if i > 0 {
                tokio::time::sleep(every).await;
            }
            let got = self.optimize_images(shop, &uris).await?;
            let one = got
                .into_iter()
                .find(|g| g.original_uri == uri)
                .ok_or_else(|| ApiError::decode(ENDPOINT, format!("TikTok's answer does not name {uri}"), None))?;
            if !one.processing() {
                return Ok(one);
            }
            last = Some(one);
        }
        last.ok_or_else(|| ApiError::decode(ENDPOINT, "no answer", None))
    }
}
