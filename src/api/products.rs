//! Product family, the catalogue reads (API README §5.1 and TikTok's reference pages): Get
//! Categories, Get Category Rules, Get Attributes, Recommend Category, Get Brands, Create Custom
//! Brands and Check Listing Prerequisites (202312).

use super::client::{ApiClient, ApiRequest, Auth, Method, ShopRef};
use super::error::ApiError;
use super::limiter::Lane;
use crate::domain::tiktok_catalog::{
    Attribute, AttributeValue, Brand, Category, CategoryRules, CertificationRule, PrerequisiteCheck,
    RequirementCondition,
};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct CategoryDto {
    id: String,
    parent_id: String,
    local_name: String,
    is_leaf: bool,
    permission_statuses: Vec<String>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct CategoriesDto {
    categories: Vec<CategoryDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct CondDto {
    attribute_id: String,
    attribute_value_id: String,
}

fn conds(c: Vec<CondDto>) -> Vec<RequirementCondition> {
    c.into_iter()
        .map(|c| RequirementCondition { attribute_id: c.attribute_id, value_id: c.attribute_value_id })
        .collect()
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct Required {
    is_required: bool,
    is_supported: bool,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct CertDto {
    id: String,
    name: String,
    is_required: bool,
    document_details: String,
    requirement_conditions: Vec<CondDto>,
    expiration_date: Required,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct RulesDto {
    product_certifications: Vec<CertDto>,
    size_chart: Required,
    cod: Required,
    package_dimension: Required,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct ValueDto {
    id: String,
    name: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct AttributeDto {
    id: String,
    name: String,
    #[serde(rename = "type")]
    kind: String,
    /// TikTok's spelling; `is_required` accepted too in case it is ever corrected.
    #[serde(alias = "is_required")]
    is_requried: bool,
    is_customizable: bool,
    is_multiple_selection: bool,
    values: Vec<ValueDto>,
    requirement_conditions: Vec<CondDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct AttributesDto {
    attributes: Vec<AttributeDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct RecommendDto {
    leaf_category_id: String,
    categories: Vec<RecommendedDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct RecommendedDto {
    id: String,
    name: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct BrandDto {
    id: String,
    name: String,
    authorized_status: String,
    is_t1_brand: bool,
    /// AVAILABLE / UNAVAILABLE in the requested category (authorized brands, with category_id).
    brand_status: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct BrandsDto {
    brands: Vec<BrandDto>,
    total_count: i64,
    next_page_token: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct IdDto {
    id: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct CheckDto {
    check_item: String,
    is_failed: bool,
    fail_reasons: Vec<String>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct ChecksDto {
    check_results: Vec<CheckDto>,
}

/// One page of Get Brands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BrandPage {
    pub brands: Vec<Brand>,
    pub total: i64,
    pub next_page_token: String,
}

/// What to ask Get Brands for.
#[derive(Clone, Debug, Default)]
pub struct BrandQuery {
    pub category_id: Option<String>,
    pub only_authorized: bool,
    pub name_prefix: Option<String>,
    pub version: String,
}

impl ApiClient {
    pub async fn get_categories(
        &self,
        shop: &ShopRef,
        version: &str,
        locale: &str,
        keyword: Option<&str>,
    ) -> Result<Vec<Category>, ApiError> {
        let req = ApiRequest::new(Method::GET, "/product/202309/categories", shop.auth())
            .query("category_version", version)
            .query("locale", locale)
            .query("keyword", keyword.unwrap_or(""))
            .lane(Lane::Catalogue);
        let data = self.call::<CategoriesDto>(&req).await?.data;
        Ok(data
            .categories
            .into_iter()
            .map(|c| Category {
                id: c.id,
                parent_id: c.parent_id,
                name: c.local_name,
                is_leaf: c.is_leaf,
                permissions: c.permission_statuses,
            })
            .collect())
    }

    pub async fn get_category_rules(
        &self,
        shop: &ShopRef,
        category_id: &str,
        version: &str,
        locale: &str,
    ) -> Result<CategoryRules, ApiError> {
        let req = ApiRequest::new(Method::GET, format!("/product/202309/categories/{category_id}/rules"), shop.auth())
            .query("category_version", version)
            .query("locale", locale)
            .lane(Lane::Catalogue);
        let r = self.call::<RulesDto>(&req).await?.data;
        Ok(CategoryRules {
            certifications: r
                .product_certifications
                .into_iter()
                .map(|c| CertificationRule {
                    id: c.id,
                    name: c.name,
                    is_required: c.is_required,
                    details: c.document_details,
                    conditions: conds(c.requirement_conditions),
                    expiration_required: c.expiration_date.is_required,
                })
                .collect(),
            size_chart_supported: r.size_chart.is_supported,
            size_chart_required: r.size_chart.is_required,
            package_dimension_required: r.package_dimension.is_required,
            cod_supported: r.cod.is_supported,
        })
    }

    pub async fn get_attributes(
        &self,
        shop: &ShopRef,
        category_id: &str,
        version: &str,
        locale: &str,
    ) -> Result<Vec<Attribute>, ApiError> {
        let req =
            ApiRequest::new(Method::GET, format!("/product/202309/categories/{category_id}/attributes"), shop.auth())
                .query("category_version", version)
                .query("locale", locale)
                .lane(Lane::Catalogue);
        let data = self.call::<AttributesDto>(&req).await?.data;
        Ok(data
            .attributes
            .into_iter()
            .map(|a| Attribute {
                id: a.id,
                name: a.name,
                kind: a.kind,
                required: a.is_requried,
                customizable: a.is_customizable,
                multiple: a.is_multiple_selection,
                values: a.values.into_iter().map(|v| AttributeValue { id: v.id, name: v.name }).collect(),
                conditions: conds(a.requirement_conditions),
            })
            .collect())
    }

    /// Recommend Category: the leaf TikTok suggests and its path names.
    pub async fn recommend_category(
        &self,
        shop: &ShopRef,
        title: &str,
        description: &str,
        image_uris: &[String],
        version: &str,
    ) -> Result<(String, Vec<String>), ApiError> {
        let body = json!({
            "product_title": title, "description": description, "category_version": version,
            "images": image_uris.iter().map(|u| json!({"uri": u})).collect::<Vec<_>>(),
        });
        let req = ApiRequest::new(Method::POST, "/product/202309/categories/recommend", shop.auth())
            .json_body(&body)
            .lane(Lane::Catalogue);
        let d = self.call::<RecommendDto>(&req).await?.data;
        Ok((d.leaf_category_id, d.categories.into_iter().map(|c| format!("{} ({})", c.name, c.id)).collect()))
    }

    pub async fn get_brands(
        &self,
        shop: &ShopRef,
        q: &BrandQuery,
        page_size: u32,
        page_token: Option<&str>,
    ) -> Result<BrandPage, ApiError> {
        let req = ApiRequest::new(Method::GET, "/product/202309/brands", shop.auth())
            .query("page_size", page_size)
            .query("page_token", page_token.unwrap_or(""))
            .query("category_id", q.category_id.as_deref().unwrap_or(""))
            .query("is_authorized", if q.only_authorized { "1" } else { "" })
            .query("brand_name", q.name_prefix.as_deref().unwrap_or(""))
            .query("category_version", &q.version)
            .lane(Lane::Catalogue);
        let d = self.call::<BrandsDto>(&req).await?.data;
        Ok(BrandPage {
            brands: d
                .brands
                .into_iter()
                .map(|b| Brand {
                    id: b.id,
                    name: b.name,
                    authorized: b.authorized_status == "AUTHORIZED",
                    t1: b.is_t1_brand,
                    unavailable_in_category: b.brand_status == "UNAVAILABLE",
                })
                .collect(),
            total: d.total_count,
            next_page_token: d.next_page_token,
        })
    }

    /// Create Custom Brands (no shop_cipher; the seller's token): the new brand's id.
    pub async fn create_brand(&self, shop: &ShopRef, name: &str) -> Result<String, ApiError> {
        let auth = Auth::Shop { shop_id: shop.id.clone(), cipher: None };
        let req = ApiRequest::new(Method::POST, "/product/202309/brands", auth)
            .json_body(&json!({"name": name}))
            .lane(Lane::Catalogue);
        Ok(self.call::<IdDto>(&req).await?.data.id)
    }

    pub async fn listing_prerequisites(&self, shop: &ShopRef) -> Result<Vec<PrerequisiteCheck>, ApiError> {
        let req = ApiRequest::new(Method::GET, "/product/202312/prerequisites", shop.auth()).lane(Lane::Catalogue);
        let d = self.call::<ChecksDto>(&req).await?.data;
        Ok(d.check_results
            .into_iter()
            .map(|c| PrerequisiteCheck { item: c.check_item, failed: c.is_failed, reasons: c.fail_reasons })
            .collect())
    }
}
