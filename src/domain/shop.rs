//! Shops (the TikTok side), stores (the seller's own platform side) and the connection state
//! between them. Use cases SHOP-CONN-SINGLE, SHOP-CONN-MULTI, SHOP-DISCON-SINGLE, SHOP-MAN-MULTI.

use serde::{Deserialize, Serialize};

/// TikTok's `seller_type` of a shop (Get Authorized Shops). Unknown values are kept, not dropped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SellerType {
    CrossBorder,
    Local,
    Unknown(String),
}

impl SellerType {
    pub fn from_wire(s: &str) -> SellerType {
        match s {
            "CROSS_BORDER" => SellerType::CrossBorder,
            "LOCAL" => SellerType::Local,
            other => SellerType::Unknown(other.to_string()),
        }
    }

    pub fn as_wire(&self) -> &str {
        match self {
            SellerType::CrossBorder => "CROSS_BORDER",
            SellerType::Local => "LOCAL",
            SellerType::Unknown(s) => s,
        }
    }
}

/// Where a shop connection stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShopStatus {
    /// Connected and syncing.
    Active,
    /// The seller must re-authorize by this unix time (webhook type 7 or our own countdown).
    ReauthorizeBy(i64),
    /// Refreshing the token failed for good: nothing syncs until the seller re-authorizes.
    ReauthorizationRequired,
    /// The seller removed our app (webhook type 6) or the authorization ended: sync stopped.
    Deauthorized,
    /// We disconnected it on purpose; credentials are gone, history is kept.
    Disconnected,
}

impl ShopStatus {
    /// Whether background sync may call the API for this shop.
    pub fn syncs(&self) -> bool {
        matches!(self, ShopStatus::Active | ShopStatus::ReauthorizeBy(_))
    }

    pub fn label(&self) -> String {
        match self {
            ShopStatus::Active => "active".into(),
            ShopStatus::ReauthorizeBy(t) => {
                format!("re-authorize by {}", crate::domain::time::date(*t))
            }
            ShopStatus::ReauthorizationRequired => "re-authorization required".into(),
            ShopStatus::Deauthorized => "deauthorized".into(),
            ShopStatus::Disconnected => "disconnected".into(),
        }
    }
}

/// A TikTok shop linked to one of the seller's stores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shop {
    pub id: String,
    pub name: String,
    pub region: String,
    pub seller_type: SellerType,
    /// `shop_cipher`: opaque, passed on every shop-scoped call.
    pub cipher: String,
    /// Shop code shown in Seller Center.
    pub code: String,
    /// Name of the platform store this shop is linked to.
    pub store: String,
    pub status: ShopStatus,
    /// The seller authorization (grant, keyed by `open_id`) whose tokens serve this shop.
    pub grant_id: String,
    pub connected_at: i64,
    pub updated_at: i64,
}

impl Shop {
    /// "Maomao Beauty (GB)", or just the name when it already ends with the region.
    pub fn label(&self) -> String {
        if self.name.ends_with(self.region.as_str()) {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.region)
        }
    }
}

/// A store on the seller's own platform (catalogue and orders live there).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformStore {
    pub name: String,
    pub created_at: i64,
}

/// Store names are typed by people, appear in commands and name a folder (the store's images
/// under `<data dir>/images/<store>/`): letters, digits, `-`, `_` and `.` but never first, so
/// `.`, `..` and hidden names cannot reach outside that folder.
pub fn validate_store_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "store name {} is not valid: use 1-64 letters, digits, '-', '_' or '.', not starting with '.'",
            crate::domain::text::quoted(name, 80)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_seller_type_is_kept() {
        assert_eq!(SellerType::from_wire("LOCAL"), SellerType::Local);
        let t = SellerType::from_wire("GLOBAL_NEW");
        assert_eq!(t, SellerType::Unknown("GLOBAL_NEW".into()));
        assert_eq!(t.as_wire(), "GLOBAL_NEW");
    }

    #[test]
    fn store_names() {
        assert!(validate_store_name("main-street_1.eu").is_ok());
        assert!(validate_store_name("").is_err());
        assert!(validate_store_name("has space").is_err());
        for bad in [".", "..", ".hidden", "a/b", "a\\b", "x\u{1b}]0;t"] {
            let e = validate_store_name(bad).expect_err(bad);
            assert!(!e.contains('\u{1b}'), "quoted inert: {e}");
        }
    }

    #[test]
    fn only_live_shops_sync() {
        assert!(ShopStatus::Active.syncs());
        assert!(ShopStatus::ReauthorizeBy(0).syncs());
        assert!(!ShopStatus::Deauthorized.syncs());
        assert!(!ShopStatus::Disconnected.syncs());
        assert!(!ShopStatus::ReauthorizationRequired.syncs());
    }
}

/// A shop as Get Authorized Shops reports it, before it is linked to a store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorizedShop {
    pub id: String,
    pub name: String,
    pub region: String,
    pub seller_type: SellerType,
    pub cipher: String,
    pub code: String,
}

/// The currency a market sells in: GBP in the UK, EUR in the euro markets, USD elsewhere
/// (TikTok Shop's US market; other markets list in USD here until tokshop serves them).
pub fn region_currency(region: &str) -> &'static str {
    match region {
        "GB" => "GBP",
        "DE" | "FR" | "IT" | "ES" | "IE" => "EUR",
        _ => "USD",
    }
}
