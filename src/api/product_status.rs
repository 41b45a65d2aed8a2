//! Product family, a live product's status and text: Activate and Deactivate Products (at most
//! 20 a call; refusals per product in `data.errors[]`) and a product's title and description as
//! Get Product gives them (what an edit's diff is made against).

use super::client::{ApiClient, ApiRequest, Method, ShopRef};
use super::error::ApiError;
use super::limiter::Lane;
use super::wire::id_string;
use serde::Deserialize;
use serde_json::json;

/// Activate / Deactivate take at most this many product ids a call.
pub const STATUS_BATCH: usize = 20;

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct ExtraDto {
    code: i64,
    message: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct DetailDto {
    #[serde(deserialize_with = "id_string")]
    product_id: String,
    extra_errors: Vec<ExtraDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct ErrorDto {
    code: i64,
    message: String,
    detail: DetailDto,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct StatusDto {
    errors: Vec<ErrorDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct TextDto {
    title: String,
    description: String,
    status: String,
    main_images: Vec<ImageDto>,
    product_attributes: Vec<AttributeDto>,
    package_weight: WeightDto,
    package_dimensions: DimsDto,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct ValueDto {
    #[serde(deserialize_with = "id_string")]
    id: String,
    name: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct AttributeDto {
    #[serde(deserialize_with = "id_string")]
    id: String,
    values: Vec<ValueDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct WeightDto {
    value: String,
    unit: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct DimsDto {
    length: String,
    width: String,
    height: String,
    unit: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct ImageDto {
    uri: String,
    urls: Vec<String>,
}

/// A live product's text and status, for an edit's diff.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductText {
    pub title: String,
    pub description: String,
    pub status: String,
    /// The gallery in order: (uri, first url).
    pub main_images: Vec<(String, String)>,
    /// Product attributes: (id, [(value id, value name)]).
    pub attributes: Vec<(String, Vec<(String, String)>)>,
    /// (value, unit); empty strings where TikTok has none.
    pub package_weight: (String, String),
    /// (length, width, height, unit).
    pub package_dimensions: [String; 4],
}

impl ApiClient {
    /// Activate (`true`) or Deactivate Products: (product id, why) for each one TikTok refused.
    pub async fn set_products_active(
        &self,
        shop: &ShopRef,
        product_ids: &[String],
        active: bool,
    ) -> Result<Vec<(String, String)>, ApiError> {
        let path = if active { "/product/202309/products/activate" } else { "/product/202309/products/deactivate" };
        let req = ApiRequest::new(Method::POST, path, shop.auth())
            .json_body(&json!({"product_ids": product_ids}))
            .lane(Lane::Catalogue);
        let d = self.call::<StatusDto>(&req).await?.data;
        Ok(d.errors
            .into_iter()
            .map(|e| {
                let mut why = format!("{} ({})", e.message, e.code);
                for x in e.detail.extra_errors {
                    why.push_str(&format!(": {} ({})", x.message, x.code));
                }
                (e.detail.product_id, why)
            })
            .collect())
    }

    pub async fn product_text(&self, shop: &ShopRef, product_id: &str) -> Result<ProductText, ApiError> {
        let req = ApiRequest::new(Method::GET, format!("/product/202309/products/{product_id}"), shop.auth())
            .lane(Lane::Catalogue);
        let d = self.call::<TextDto>(&req).await?.data;
        let main_images =
            d.main_images.into_iter().map(|i| (i.uri, i.urls.into_iter().next().unwrap_or_default())).collect();
        let attributes =
            d.product_attributes.into_iter().map(|a| (a.id, a.values.into_iter().map(|v| (v.id, v.name)).collect()));
        let (w, dims) = (d.package_weight, d.package_dimensions);
        Ok(ProductText {
            title: d.title,
            description: d.description,
            status: d.status,
            main_images,
            attributes: attributes.collect(),
            package_weight: (w.value, w.unit),
            package_dimensions: [dims.length, dims.width, dims.height, dims.unit],
        })
    }
}
