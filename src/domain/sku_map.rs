//! Which platform SKU an order line is (CAT-PRE-CAMPAIGN): orders of products made in Seller
//! Center or by a campaign map back to the platform's catalogue, through the TikTok product's
//! listing (matched by seller SKU or linked by hand) or, for products never matched, the line's
//! seller SKU in the shop's store.

use super::catalog::Product;
use serde::{Deserialize, Serialize};

/// What an order line is on the platform.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlatformSku {
    /// The platform variant.
    Variant { store: String, handle: String, sku: String },
    /// The platform product (linked by hand) whose variant the line's SKU does not name.
    Product { store: String, handle: String },
    /// Nothing in the catalogue: link the TikTok product in the Listings pane.
    Unknown,
}

impl PlatformSku {
    pub fn label(&self) -> String {
        match self {
            PlatformSku::Variant { handle, sku, .. } => format!("{handle} / {sku}"),
            PlatformSku::Product { handle, .. } => format!("{handle} (which variant is not known)"),
            PlatformSku::Unknown => "not in the catalogue".into(),
        }
    }
}

/// Resolve a line against the platform product its TikTok product stands for: the variant its
/// TikTok SKU was linked to by hand, else the variant with its seller SKU, else the only
/// variant, else the product.
pub fn resolve(seller_sku: &str, linked: Option<&str>, product: Option<&Product>) -> PlatformSku {
    let Some(p) = product else { return PlatformSku::Unknown };
    let variant = linked
        .and_then(|l| p.variants.iter().find(|v| v.sku == l))
        .or_else(|| p.variants.iter().find(|v| v.sku == seller_sku))
        .or(if p.variants.len() == 1 { p.variants.first() } else { None });
    match variant {
        Some(v) => PlatformSku::Variant { store: p.store.clone(), handle: p.handle.clone(), sku: v.sku.clone() },
        None => PlatformSku::Product { store: p.store.clone(), handle: p.handle.clone() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Variant;

    fn product(skus: &[&str]) -> Product {
        Product {
            store: "web".into(),
            handle: "socks".into(),
            variants: skus.iter().map(|s| Variant { sku: s.to_string(), ..Variant::default() }).collect(),
            ..Product::default()
        }
    }

    #[test]
    fn by_sku_then_the_only_variant_then_the_product() {
        let two = product(&["NW-M", "NW-L"]);
        assert_eq!(
            resolve("NW-L", None, Some(&two)),
            PlatformSku::Variant { store: "web".into(), handle: "socks".into(), sku: "NW-L".into() }
        );
        assert_eq!(
            resolve("SC-3PACK", None, Some(&two)),
            PlatformSku::Product { store: "web".into(), handle: "socks".into() }
        );
        let one = product(&["NW-M"]);
        assert_eq!(
            resolve("SC-3PACK", None, Some(&one)).label(),
            "socks / NW-M",
            "a linked one-variant product is that variant"
        );
        assert_eq!(resolve("X", None, None), PlatformSku::Unknown);
        assert_eq!(resolve("SC-3PACK", Some("NW-L"), Some(&two)).label(), "socks / NW-L", "linked by hand");
    }
}
