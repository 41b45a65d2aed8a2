//! Authorization family: Get Authorized Shops (`GET /authorization/202309/shops`, no
//! shop_cipher) and Deauthorize Shop (`DELETE /authorization/202403/shops`, shop_cipher in the
//! query; source: official reference page deauthorize-shop-202403, "deauthorize a shop and
//! notify the seller about this action by email").

use super::client::{ApiClient, ApiRequest, Auth, Method};
use super::error::ApiError;
use crate::domain::Secret;
use crate::domain::shop::{AuthorizedShop, SellerType};
use serde::Deserialize;

pub const AUTHORIZED_SHOPS_PATH: &str = "/authorization/202309/shops";
pub const DEAUTHORIZE_SHOP_PATH: &str = "/authorization/202403/shops";

#[derive(Deserialize, Debug)]
pub struct AuthorizedShopsDto {
    #[serde(default)]
    pub shops: Vec<AuthorizedShopDto>,
}

#[derive(Deserialize, Debug)]
pub struct AuthorizedShopDto {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub seller_type: String,
    pub cipher: String,
    #[serde(default)]
    pub code: String,
}

impl From<AuthorizedShopDto> for AuthorizedShop {
    fn from(d: AuthorizedShopDto) -> Self {
        AuthorizedShop {
            id: d.id,
            name: d.name,
            region: d.region,
            seller_type: SellerType::from_wire(&d.seller_type),
            cipher: d.cipher,
            code: d.code,
        }
    }
}

impl ApiClient {
    /// The shops a seller authorized, with the ciphers to call them by.
    pub async fn get_authorized_shops(&self, access_token: &Secret) -> Result<Vec<AuthorizedShop>, ApiError> {
        let req = ApiRequest::new(Method::GET, AUTHORIZED_SHOPS_PATH, Auth::Token(access_token.clone()));
        let resp = self.call::<AuthorizedShopsDto>(&req).await?;
        let endpoint = req.endpoint();
        resp.data
            .shops
            .into_iter()
            .map(|s| {
                if s.id.is_empty() || s.cipher.is_empty() {
                    Err(ApiError::decode(
                        &endpoint,
                        "an authorized shop has an empty id or cipher",
                        Some(resp.request_id.clone()),
                    ))
                } else {
                    Ok(AuthorizedShop::from(s))
                }
            })
            .collect()
    }

    /// Tell TikTok we no longer serve this shop (it emails the seller). Called with the grant's
    /// token directly: the shop is already disconnected on our side.
    pub async fn deauthorize_shop_with(&self, cipher: &str, access_token: &Secret) -> Result<String, ApiError> {
        let req = ApiRequest::new(Method::DELETE, DEAUTHORIZE_SHOP_PATH, Auth::Token(access_token.clone()))
            .query("shop_cipher", cipher);
        let resp = self.call::<serde_json::Value>(&req).await?;
        Ok(resp.request_id)
    }
}
