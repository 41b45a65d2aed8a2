//! Product family, the listing-quality reads of live products (202405): Get Products SEO Words
//! (≤ 20 ids), Get Recommended Product Title And Description (≤ 20) and Product Information Issue
//! Diagnosis (≤ 200), each for ACTIVATE products only; the ids go comma-joined in the query.

use super::client::{ApiClient, ApiRequest, Method, ShopRef};
use super::error::ApiError;
use super::limiter::Lane;
use super::wire::id_string;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct TextDto {
    text: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct SeoProductDto {
    #[serde(deserialize_with = "id_string")]
    id: String,
    seo_words: Vec<TextDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct SeoDto {
    products: Vec<SeoProductDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct SuggestionDto {
    field: String,
    items: Vec<TextDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct SuggestedProductDto {
    #[serde(deserialize_with = "id_string")]
    id: String,
    suggestions: Vec<SuggestionDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct SuggestDto {
    products: Vec<SuggestedProductDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct ResultDto {
    code: String,
    how_to_solve: String,
    quality_tier: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct HintDto {
    seo_words: Vec<TextDto>,
    smart_texts: Vec<TextDto>,
    images: Vec<SuggestedImage>,
}

/// An image TikTok suggests instead of the first one (its background made white).
#[derive(Deserialize, Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(default)]
pub struct SuggestedImage {
    pub uri: String,
    pub url: String,
    pub optimized_uri: String,
    pub optimized_url: String,
    pub width: u32,
    pub height: u32,
}

/// Diagnose and Optimize Product's data: one product's quality and diagnoses.
#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct DiagnoseOneDto {
    listing_quality: QualityDto,
    diagnoses: Vec<DiagnosisDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct DiagnosisDto {
    field: String,
    diagnosis_results: Vec<ResultDto>,
    suggestion: HintDto,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct QualityDto {
    current_tier: String,
    remaining_recommendations: i64,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct DiagnosedProductDto {
    #[serde(deserialize_with = "id_string")]
    id: String,
    listing_quality: QualityDto,
    diagnoses: Vec<DiagnosisDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct DiagnoseDto {
    products: Vec<DiagnosedProductDto>,
}

/// One issue TikTok found in a live product, with its suggestions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub field: String,
    pub code: String,
    pub how_to_solve: String,
    /// The tier fixing it reaches (FAIR, GOOD).
    pub tier: String,
    pub seo_words: Vec<String>,
    pub texts: Vec<String>,
    pub images: Vec<SuggestedImage>,
}

/// A product's diagnosis: its listing quality tier (US) and its issues.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Diagnosis {
    pub tier: String,
    pub remaining: i64,
    pub issues: Vec<Issue>,
}

fn texts(v: Vec<TextDto>) -> Vec<String> {
    v.into_iter().map(|t| t.text).filter(|t| !t.is_empty()).collect()
}

impl ApiClient {
    fn quality_req(shop: &ShopRef, path: &str, product_id: &str) -> ApiRequest {
        ApiRequest::new(Method::GET, path, shop.auth()).query("product_ids", product_id).lane(Lane::Catalogue)
    }

    /// A live product's SEO words (US, UK and SEA shops).
    pub async fn seo_words(&self, shop: &ShopRef, product_id: &str) -> Result<Vec<String>, ApiError> {
        let req = Self::quality_req(shop, "/product/202405/products/seo_words", product_id);
        let d = self.call::<SeoDto>(&req).await?.data;
        Ok(d.products.into_iter().filter(|p| p.id == product_id).flat_map(|p| texts(p.seo_words)).collect())
    }

    /// TikTok's recommended titles and descriptions: (TITLE | DESCRIPTION, texts).
    pub async fn suggestions(&self, shop: &ShopRef, product_id: &str) -> Result<Vec<(String, Vec<String>)>, ApiError> {
        let req = Self::quality_req(shop, "/product/202405/products/suggestions", product_id);
        let d = self.call::<SuggestDto>(&req).await?.data;
        Ok(d.products
            .into_iter()
            .filter(|p| p.id == product_id)
            .flat_map(|p| p.suggestions)
            .map(|s| (s.field, texts(s.items)))
            .collect())
    }

    /// Product Information Issue Diagnosis of one live product.
    pub async fn diagnose(&self, shop: &ShopRef, product_id: &str) -> Result<Diagnosis, ApiError> {
        let req = Self::quality_req(shop, "/product/202405/products/diagnoses", product_id);
        let d = self.call::<DiagnoseDto>(&req).await?.data;
        let Some(p) = d.products.into_iter().find(|p| p.id == product_id) else { return Ok(Diagnosis::default()) };
        Ok(diagnosis(p.listing_quality, p.diagnoses))
    }

    /// Diagnose and Optimize Product (202411): a product not listed yet, described by `body`
    /// (`category_id` required; `title`, `description`, `brand_id`, `main_images`,
    /// `product_attributes`; `optimization_fields` for suggestions).
    pub async fn diagnose_product(&self, shop: &ShopRef, body: &serde_json::Value) -> Result<Diagnosis, ApiError> {
        let req = ApiRequest::new(Method::POST, "/product/202411/products/diagnose_optimize", shop.auth())
            .json_body(body)
            .lane(Lane::Catalogue);
        let d = self.call::<DiagnoseOneDto>(&req).await?.data;
        Ok(diagnosis(d.listing_quality, d.diagnoses))
    }
}

fn diagnosis(q: QualityDto, groups: Vec<DiagnosisDto>) -> Diagnosis {
    let mut issues = Vec::new();
    for g in groups {
        let (words, smart) = (texts(g.suggestion.seo_words), texts(g.suggestion.smart_texts));
        for r in g.diagnosis_results {
            issues.push(Issue {
                field: g.field.clone(),
                code: r.code,
                how_to_solve: r.how_to_solve,
                tier: r.quality_tier,
                seo_words: words.clone(),
                texts: smart.clone(),
                images: g.suggestion.images.clone(),
            });
        }
    }
    Diagnosis { tier: q.current_tier, remaining: q.remaining_recommendations, issues }
}
