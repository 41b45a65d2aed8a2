//! TikTok's side of the catalogue as tokshop keeps it: categories (per shop, version and locale),
//! a category's rules and attributes, brands, listing prerequisites, and TikTok products.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    /// "0" for a root.
    pub parent_id: String,
    pub name: String,
    pub is_leaf: bool,
    /// AVAILABLE, INVITE_ONLY, NON_MAIN_CATEGORY, PROHIBITED.
    pub permissions: Vec<String>,
}

impl Category {
    pub fn usable(&self) -> bool {
        self.is_leaf && self.permissions.iter().all(|p| p == "AVAILABLE" || p == "INVITE_ONLY")
    }
}

/// A cached category tree: which shop, version and locale it is for, and when it was fetched.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryTree {
    pub shop_id: String,
    pub version: String,
    pub locale: String,
    pub fetched_at: i64,
    pub categories: Vec<Category>,
}

impl CategoryTree {
    pub fn get(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// "Beauty & Personal Care > Makeup > Makeup Brushes".
    pub fn path(&self, id: &str) -> String {
        let mut names = Vec::new();
        let mut cur = self.get(id);
        let mut guard = 0;
        while let Some(c) = cur {
            names.push(c.name.clone());
            cur = self.get(&c.parent_id);
            guard += 1;
            if guard > 16 {
                break;
            }
        }
        names.reverse();
        names.join(" > ")
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementCondition {
    pub attribute_id: String,
    pub value_id: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificationRule {
    pub id: String,
    pub name: String,
    pub is_required: bool,
    pub details: String,
    /// Required when any of these attribute values is chosen.
    pub conditions: Vec<RequirementCondition>,
    pub expiration_required: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRules {
    pub certifications: Vec<CertificationRule>,
    pub size_chart_supported: bool,
    pub size_chart_required: bool,
    pub package_dimension_required: bool,
    pub cod_supported: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeValue {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribute {
    pub id: String,
    pub name: String,
    /// SALES_PROPERTY (variants) or PRODUCT_PROPERTY.
    pub kind: String,
    pub required: bool,
    pub customizable: bool,
    pub multiple: bool,
    pub values: Vec<AttributeValue>,
    pub conditions: Vec<RequirementCondition>,
}

impl Attribute {
    /// One of the category's dangerous-goods attributes, which the hazmat answer fills.
    pub fn is_hazmat(&self) -> bool {
        let name = self.name.to_lowercase();
        name.contains("dangerous goods") || name.contains("hazardous") || name.contains("battery type")
    }

    pub fn is_sales(&self) -> bool {
        self.kind == "SALES_PROPERTY"
    }
}

/// A category's rules and attributes, cached together per shop and locale.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRequirements {
    pub shop_id: String,
    pub category_id: String,
    pub fetched_at: i64,
    pub rules: CategoryRules,
    pub attributes: Vec<Attribute>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brand {
    pub id: String,
    pub name: String,
    pub authorized: bool,
    pub t1: bool,
    /// Get Brands asked with a category said this authorized brand is UNAVAILABLE there.
    #[serde(default)]
    pub unavailable_in_category: bool,
}

impl Brand {
    /// TikTok's rule: authorized brands (available in the category, when one was asked about),
    /// or unauthorized brands that are not T1.
    pub fn selectable(&self) -> bool {
        (self.authorized || !self.t1) && !self.unavailable_in_category
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrerequisiteCheck {
    pub item: String,
    pub failed: bool,
    pub reasons: Vec<String>,
}

/// The listing prerequisites of a shop (Check Listing Prerequisites), as last checked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prerequisites {
    pub shop_id: String,
    pub checked_at: i64,
    pub checks: Vec<PrerequisiteCheck>,
}

impl Prerequisites {
    pub fn failing(&self) -> Vec<&PrerequisiteCheck> {
        self.checks.iter().filter(|c| c.failed).collect()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteSku {
    pub id: String,
    pub seller_sku: String,
}

/// A product on TikTok (Get Product / Search Products), as much as tokshop keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteProduct {
    pub id: String,
    pub title: String,
    /// DRAFT, PENDING, FAILED, ACTIVATE, SELLER_DEACTIVATED, PLATFORM_DEACTIVATED, FREEZE, DELETED.
    pub status: String,
    /// NONE, AUDITING, FAILED, PRE_APPROVED, APPROVED.
    pub audit: String,
    /// Why the audit failed: "position: suggestion".
    pub failed_reasons: Vec<String>,
    pub skus: Vec<RemoteSku>,
    pub update_time: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_brand_is_usable_when_authorized_or_not_t1_and_not_unavailable_in_the_category() {
        let b = |authorized, t1, unavailable_in_category| Brand {
            authorized,
            t1,
            unavailable_in_category,
            ..Brand::default()
        };
        assert!(b(true, true, false).selectable());
        assert!(b(false, false, false).selectable());
        assert!(!b(false, true, false).selectable(), "a T1 brand needs an authorization");
        assert!(!b(true, true, true).selectable(), "authorized, but TikTok says not in this category");
    }
}
