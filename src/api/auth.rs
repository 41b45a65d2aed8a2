//! Token endpoints on the auth host (API README §3.2-3.3): unsigned GETs carrying `app_secret`
//! in the query. `*_expire_in` are absolute unix seconds despite their names.

use super::client::{ApiClient, ApiRequest, Auth, Host, Method};
use super::error::ApiError;
use crate::domain::Secret;
use crate::domain::grant::Grant;
use serde::Deserialize;

pub const TOKEN_GET_PATH: &str = "/api/v2/token/get";
pub const TOKEN_REFRESH_PATH: &str = "/api/v2/token/refresh";

/// `data` of Get Access Token / Refresh Token.
#[derive(Deserialize, Debug)]
pub struct TokenDto {
    pub access_token: String,
    pub access_token_expire_in: i64,
    pub refresh_token: String,
    pub refresh_token_expire_in: i64,
    pub open_id: String,
    #[serde(default)]
    pub seller_name: String,
    #[serde(default)]
    pub seller_base_region: String,
    #[serde(default)]
    pub user_type: i64,
    #[serde(default)]
    pub granted_scopes: Vec<String>,
}

impl TokenDto {
    fn into_grant(self, endpoint: &str, now: i64) -> Result<Grant, ApiError> {
        if self.access_token.is_empty() || self.refresh_token.is_empty() || self.open_id.is_empty() {
            return Err(ApiError::decode(
                endpoint,
                "token response has an empty access_token, refresh_token or open_id",
                None,
            ));
        }
        Ok(Grant {
            open_id: self.open_id,
            seller_name: self.seller_name,
            seller_base_region: self.seller_base_region,
            access_token: Secret::new(self.access_token),
            access_token_expire_in: self.access_token_expire_in,
            refresh_token: Secret::new(self.refresh_token),
            refresh_token_expire_in: self.refresh_token_expire_in,
            granted_scopes: self.granted_scopes,
            updated_at: now,
        })
    }
}

impl ApiClient {
    /// Exchange a seller's auth code (single use, 30 minutes) for a grant.
    pub async fn get_access_token(&self, auth_code: &str, now: i64) -> Result<Grant, ApiError> {
        let cfg = self.config();
        let mut req = ApiRequest::new(Method::GET, TOKEN_GET_PATH, Auth::Unsigned)
            .query("app_key", &cfg.app_key)
            .query("app_secret", cfg.app_secret.expose())
            .query("auth_code", auth_code)
            .query("grant_type", "authorized_code");
        req.host = Host::Auth;
        let resp = self.call::<TokenDto>(&req).await?;
        resp.data.into_grant(&req.endpoint(), now)
    }

    /// Renew a grant with its refresh token; TikTok returns a new refresh token too.
    pub async fn refresh_access_token(&self, refresh_token: &Secret, now: i64) -> Result<Grant, ApiError> {
        let cfg = self.config();
        let mut req = ApiRequest::new(Method::GET, TOKEN_REFRESH_PATH, Auth::Unsigned)
            .query("app_key", &cfg.app_key)
            .query("app_secret", cfg.app_secret.expose())
            .query("refresh_token", refresh_token.expose())
            .query("grant_type", "refresh_token");
        req.host = Host::Auth;
        let resp = self.call::<TokenDto>(&req).await?;
        resp.data.into_grant(&req.endpoint(), now)
    }
}
