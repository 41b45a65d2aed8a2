//! The platform catalogue: the seller's own products with their variants (SKUs), prices, stock,
//! weight and dimensions and images, held per store. TikTok listings are made from these.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A platform product (a Shopify product, or one from tokshop's own JSON).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Product {
    /// The platform store it belongs to.
    pub store: String,
    /// Stable key within the store (Shopify's handle).
    pub handle: String,
    pub title: String,
    pub description_html: String,
    pub vendor: String,
    pub product_type: String,
    pub tags: Vec<String>,
    /// Option names in order (e.g. Size, Color); each variant has one value per option.
    pub options: Vec<String>,
    pub variants: Vec<Variant>,
    pub images: Vec<ProductImage>,
    /// ISO 4217, the currency of every price of the product.
    pub currency: String,
    pub updated_at: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Variant {
    pub sku: String,
    pub option_values: Vec<String>,
    #[serde(with = "rust_decimal::serde::str")]
    pub price: Decimal,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub compare_at_price: Option<Decimal>,
    pub inventory: i64,
    /// Grams.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub weight_grams: Option<Decimal>,
    pub dimensions_cm: Option<Dimensions>,
    /// GTIN / EAN / UPC / ISBN as the platform has it.
    pub barcode: Option<String>,
    /// The image shown for this variant (an `images[].src`).
    pub image: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimensions {
    #[serde(with = "rust_decimal::serde::str")]
    pub length: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub width: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub height: Decimal,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProductImage {
    /// As the platform gives it: a local path, or a URL (Shopify's CDN).
    pub src: String,
    pub position: u32,
    pub alt: String,
}

impl Product {
    /// The same product apart from when it was imported (re-imports compare with this).
    pub fn same_content(&self, other: &Product) -> bool {
        Product { updated_at: 0, ..self.clone() } == Product { updated_at: 0, ..other.clone() }
    }

    pub fn skus(&self) -> impl Iterator<Item = &str> {
        self.variants.iter().map(|v| v.sku.as_str())
    }

    /// A variant's option values as `Size: M / Color: Red`.
    pub fn variant_label(&self, v: &Variant) -> String {
        if self.options.is_empty() || (self.options.len() == 1 && self.options[0] == "Title") {
            return v.sku.clone();
        }
        self.options.iter().zip(&v.option_values).map(|(n, val)| format!("{n}: {val}")).collect::<Vec<_>>().join(" / ")
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportStats {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub variants: usize,
}

/// tokshop's own catalogue JSON: `{"products": [...]}` (or a bare array) of [`Product`]s with
/// `handle`, `title`, `variants[].sku` and `variants[].price` at least. Each product is read on its
/// own, so one bad product is reported (by index and field path) and the others still import.
pub fn parse_json(text: &str, store: &str, currency: &str) -> (Vec<Product>, Vec<String>) {
    let doc: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return (vec![], vec![format!("line {}, column {}: not JSON: {e}", e.line(), e.column())]),
    };
    let items = match doc {
        serde_json::Value::Array(a) => a,
        serde_json::Value::Object(mut o) => match o.remove("products") {
            Some(serde_json::Value::Array(a)) => a,
            _ => return (vec![], vec!["expected {\"products\": [...]} or an array of products".into()]),
        },
        _ => return (vec![], vec!["expected {\"products\": [...]} or an array of products".into()]),
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut skus = std::collections::HashMap::new();
    for (i, item) in items.into_iter().enumerate() {
        let handle = item.get("handle").and_then(|h| h.as_str()).unwrap_or("").to_string();
        let at = if handle.is_empty() { format!("products[{i}]") } else { format!("products[{i}] ({handle})") };
        let mut p: Product = match serde_path_to_error::deserialize(item) {
            Ok(p) => p,
            Err(e) => {
                errors.push(format!("{at}: field {}: {}", e.path(), e.inner()));
                continue;
            }
        };
        p.store = store.into();
        if p.currency.is_empty() {
            p.currency = currency.into();
        }
        let problem = if p.handle.trim().is_empty() {
            Some("field handle: empty".to_string())
        } else if p.title.trim().is_empty() {
            Some("field title: empty".into())
        } else if p.variants.is_empty() {
            Some("field variants: a product needs at least one variant".into())
        } else {
            p.variants.iter().enumerate().find_map(|(j, v)| {
                if v.sku.is_empty() || v.sku.chars().any(char::is_whitespace) || v.sku.chars().count() > 50 {
                    Some(format!(
                        "field variants[{j}].sku: {:?} is not a valid SKU (1 to 50 characters, no spaces)",
                        v.sku
                    ))
                } else {
                    skus.get(&v.sku).map(|other| {
                        format!("field variants[{j}].sku: {} is already the SKU of a variant of {other}", v.sku)
                    })
                }
            })
        };
        match problem {
            Some(m) => errors.push(format!("{at}: {m}")),
            None => {
                for v in &p.variants {
                    skus.insert(v.sku.clone(), p.handle.clone());
                }
                out.push(p);
            }
        }
    }
    (out, errors)
}

/// The value of a tag written `Prefix: value` (prefix compared without case), e.g. "Nylon" of
/// "material: Nylon" for the prefix "Material".
pub fn tag_value(tag: &str, prefix: &str) -> Option<String> {
    let (head, value) = tag.split_once(':')?;
    (head.trim().to_lowercase() == prefix.trim().to_lowercase())
        .then(|| value.trim().to_string())
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_values_by_prefix_whatever_the_case_or_script() {
        assert_eq!(tag_value("material: Nylon", "Material"), Some("Nylon".into()));
        assert_eq!(tag_value("İçerik:Çelik", "i̇çerik"), Some("Çelik".into()));
        assert_eq!(tag_value("İçerik:Çelik", "Material"), None);
        assert_eq!(tag_value("no colon", "no colon"), None);
        assert_eq!(tag_value("Material:", "Material"), None);
    }

    #[test]
    fn json_products_are_read_one_by_one() {
        let text = r#"{"products": [
            {"handle": "mug", "title": "Enamel Mug", "variants": [{"sku": "LM-MUG", "price": "12.50", "inventory": 4}]},
            {"handle": "bad", "title": "Bad", "variants": [{"sku": "B1", "price": "twelve"}]},
            {"handle": "dup", "title": "Dup", "variants": [{"sku": "LM-MUG", "price": "1"}]}
        ]}"#;
        let (ok, errors) = parse_json(text, "s", "GBP");
        assert_eq!(ok.len(), 1);
        assert_eq!(ok[0].currency, "GBP");
        assert_eq!(ok[0].variants[0].price, Decimal::new(1250, 2));
        assert!(errors[0].starts_with("products[1] (bad): field variants[0].price"), "{errors:?}");
        assert!(errors[1].contains("already the SKU of a variant of mug"), "{errors:?}");
        assert!(parse_json("{", "s", "USD").1[0].starts_with("line 1, column 1: not JSON"));
    }
}
