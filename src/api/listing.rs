//! Product family, the listing writes and reads: Upload Product Image and File (multipart, body
//! unsigned), Create Product (with `idempotency_key`), Edit and Partial Edit (202509), Get
//! Product and Search Products (202502).

use super::client::{ApiClient, ApiRequest, Auth, Method, ShopRef};
use super::error::ApiError;
use super::limiter::Lane;
use super::wire::id_string;
use crate::domain::tiktok_catalog::{RemoteProduct, RemoteSku};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(default)]
pub struct UploadedImage {
    pub uri: String,
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub use_case: String,
}

#[derive(Deserialize, Debug, Default, Clone, PartialEq, Eq)]
#[serde(default)]
pub struct UploadedFile {
    pub id: String,
    pub url: String,
    pub name: String,
    pub format: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct SkuDto {
    #[serde(deserialize_with = "id_string")]
    id: String,
    seller_sku: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct WarningDto {
    message: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct AuditDto {
    status: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct WrittenDto {
    #[serde(deserialize_with = "id_string")]
    product_id: String,
    skus: Vec<SkuDto>,
    warnings: Vec<WarningDto>,
    audit: AuditDto,
}

/// What Create / Edit answered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub product_id: String,
    pub skus: Vec<RemoteSku>,
    /// Fields TikTok dropped ("automatically cleared by the system") and why.
    pub warnings: Vec<String>,
    pub audit: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct FailedReasonDto {
    position: String,
    reasons: Vec<String>,
    suggestions: Vec<String>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct ProductDto {
    #[serde(deserialize_with = "id_string")]
    id: String,
    title: String,
    status: String,
    audit: AuditDto,
    audit_failed_reasons: Vec<FailedReasonDto>,
    skus: Vec<SkuDto>,
    update_time: i64,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct SearchDto {
    products: Vec<ProductDto>,
    next_page_token: String,
    total_count: i64,
}

fn remote(p: ProductDto) -> RemoteProduct {
    RemoteProduct {
        id: p.id,
        title: p.title,
        status: p.status,
        audit: p.audit.status,
        failed_reasons: p
            .audit_failed_reasons
            .into_iter()
            .map(|r| {
                let what = if r.suggestions.is_empty() { r.reasons.join("; ") } else { r.suggestions.join("; ") };
                format!("{}: {what}", r.position)
            })
            .collect(),
        skus: p.skus.into_iter().map(|s| RemoteSku { id: s.id, seller_sku: s.seller_sku }).collect(),
        update_time: p.update_time,
    }
}

fn written(d: WrittenDto) -> Written {
    Written {
        product_id: d.product_id,
        skus: d.skus.into_iter().map(|s| RemoteSku { id: s.id, seller_sku: s.seller_sku }).collect(),
        warnings: d.warnings.into_iter().map(|w| w.message).filter(|m| !m.is_empty()).collect(),
        audit: d.audit.status,
    }
}

/// A page of Search Products.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductPage {
    pub products: Vec<RemoteProduct>,
    pub next_page_token: String,
    pub total: i64,
}

impl ApiClient {
    /// Upload Product Image (seller-level: no shop_cipher).
    pub async fn upload_image(
        &self,
        shop: &ShopRef,
        file_name: &str,
        bytes: &[u8],
        use_case: &str,
    ) -> Result<UploadedImage, ApiError> {
        let auth = Auth::Shop { shop_id: shop.id.clone(), cipher: None };
        let req = ApiRequest::new(Method::POST, "/product/202309/images/upload", auth)
            .multipart(&[("use_case", use_case)], file_name, bytes)
            .lane(Lane::Catalogue);
        Ok(self.call::<UploadedImage>(&req).await?.data)
    }

    /// Upload Product File (PDF certificates; seller-level).
    pub async fn upload_file(&self, shop: &ShopRef, file_name: &str, bytes: &[u8]) -> Result<UploadedFile, ApiError> {
        let auth = Auth::Shop { shop_id: shop.id.clone(), cipher: None };
        let req = ApiRequest::new(Method::POST, "/product/202309/files/upload", auth)
            .multipart(&[("name", file_name)], file_name, bytes)
            .lane(Lane::Catalogue);
        Ok(self.call::<UploadedFile>(&req).await?.data)
    }

    /// Create Product; `body` carries its `idempotency_key`, so a retried call creates nothing twice.
    pub async fn create_product(&self, shop: &ShopRef, body: &Value) -> Result<Written, ApiError> {
        let req = ApiRequest::new(Method::POST, "/product/202309/products", shop.auth())
            .json_body(body)
            .lane(Lane::Catalogue);
        Ok(written(self.call::<WrittenDto>(&req).await?.data))
    }

    /// Edit Product (full replace, 202509).
    pub async fn edit_product(&self, shop: &ShopRef, product_id: &str, body: &Value) -> Result<Written, ApiError> {
        let req = ApiRequest::new(Method::PUT, format!("/product/202509/products/{product_id}"), shop.auth())
            .json_body(body)
            .lane(Lane::Catalogue);
        Ok(written(self.call::<WrittenDto>(&req).await?.data))
    }

    /// Partial Edit Product (202509): only the properties sent change.
    pub async fn partial_edit_product(
        &self,
        shop: &ShopRef,
        product_id: &str,
        body: &Value,
    ) -> Result<Written, ApiError> {
        let req =
            ApiRequest::new(Method::POST, format!("/product/202509/products/{product_id}/partial_edit"), shop.auth())
                .json_body(body)
                .lane(Lane::Catalogue);
        Ok(written(self.call::<WrittenDto>(&req).await?.data))
    }

    pub async fn get_product(&self, shop: &ShopRef, product_id: &str) -> Result<RemoteProduct, ApiError> {
        let req = ApiRequest::new(Method::GET, format!("/product/202309/products/{product_id}"), shop.auth())
            .lane(Lane::Catalogue);
        Ok(remote(self.call::<ProductDto>(&req).await?.data))
    }

    /// Search Products (202502): by status and seller SKUs (at most 10), newest first.
    pub async fn search_products(
        &self,
        shop: &ShopRef,
        status: &str,
        seller_skus: &[String],
        page_size: u32,
        page_token: Option<&str>,
    ) -> Result<ProductPage, ApiError> {
        let mut body = json!({"status": status});
        if !seller_skus.is_empty() {
            body["seller_skus"] = json!(seller_skus);
        }
        let req = ApiRequest::new(Method::POST, "/product/202502/products/search", shop.auth())
            .query("page_size", page_size)
            .query("page_token", page_token.unwrap_or(""))
            .json_body(&body)
            .lane(Lane::Catalogue);
        let d = self.call::<SearchDto>(&req).await?.data;
        Ok(ProductPage {
            products: d.products.into_iter().map(remote).collect(),
            next_page_token: d.next_page_token,
            total: d.total_count,
        })
    }
}
