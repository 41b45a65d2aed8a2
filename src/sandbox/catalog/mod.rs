//! The catalogue side of the sandbox: category trees, rules and attributes, brands (built-in,
//! authorized per seller, and custom ones with TikTok's limits), uploaded images and files,
//! listing prerequisites with configurable failures, and each shop's products with their audit.

pub mod audit;
pub mod details;
pub mod diagnose_new;
pub mod json;
pub mod live;
pub mod live_admin;
pub mod optimize;
pub mod product;
pub mod product_json;
pub mod quality;
pub mod rules;
pub mod seed;
pub mod status;
pub mod tree;
pub mod whiten;

use product::SbProduct;
use std::collections::{BTreeMap, HashMap};
use tree::Tree;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SbBrand {
    pub id: String,
    pub name: String,
    /// A T1 (well-known) brand needs an authorization before use.
    pub t1: bool,
    /// Sellers (open ids) authorized to sell it; a custom brand's creator is.
    pub authorized: Vec<String>,
}

impl SbBrand {
    pub fn authorized_for(&self, open_id: &str) -> bool {
        self.authorized.iter().any(|o| o == open_id)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SbImage {
    pub uri: String,
    pub open_id: String,
    pub width: u32,
    pub height: u32,
    pub use_case: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SbFile {
    pub id: String,
    pub open_id: String,
    pub name: String,
    pub format: String,
}

/// Checks answered by Check Listing Prerequisites, in TikTok's order (`BANk_ACCOUNT` sic).
pub const PREREQUISITES: [(&str, &str); 10] = [
    (
        "SHOP_STATUS",
        "Couldn't publish this product as your shop is not active yet. Complete your shop setup on TikTok Shop Seller \
            Center first and try again.",
    ),
    (
        "SHOP_TAX",
        "Couldn't publish this product as you haven't added your tax information. Add it on TikTok Shop Seller Center \
            first and try again.",
    ),
    (
        "PICKUP_WAREHOUSE",
        "Couldn't publish this product as you haven't set the pickup warehouse for your shop. Add the pickup warehouse \
            information on TikTok Shop Seller Center first and try again.",
    ),
    (
        "RETURN_WAREHOUSE",
        "Couldn't publish this product as you haven't set the return warehouse for your shop. Add the return warehouse \
            information on TikTok Shop Seller Center first and try again.",
    ),
    (
        "DELIVERY_OPTION",
        "Couldn't publish this product as no delivery option is enabled for your shop. Enable one on TikTok Shop \
            Seller Center first and try again.",
    ),
    (
        "SHIPPING_TEMPLATE",
        "Couldn't publish this product as your shop has no shipping template. Create one on TikTok Shop Seller Center \
            first and try again.",
    ),
    ("PRODUCT_QUANTITY_LIMIT", "Couldn't publish this product as your shop has reached its product listing limit."),
    (
        "EXTENDED_PRODUCER_RESPONSIBILITY",
        "Couldn't publish this product as your EPR registration number is missing. Add it on TikTok Shop Seller Center \
            first and try again.",
    ),
    (
        "BANk_ACCOUNT",
        "Couldn't publish this product as you haven't linked a bank account. Link one on TikTok Shop Seller Center \
            first and try again.",
    ),
    (
        "CONTACT_INFO",
        "Couldn't publish this product as your shop's contact information is incomplete. Complete it on TikTok Shop \
            Seller Center first and try again.",
    ),
];

#[derive(Default)]
pub struct ShopProducts {
    pub products: BTreeMap<String, SbProduct>,
    /// idempotency_key -> product id (Create Product replays).
    pub idempotency: HashMap<String, String>,
}

pub struct CatalogWorld {
    pub v1: Tree,
    pub v2: Tree,
    pub brands: Vec<SbBrand>,
    pub images: HashMap<String, SbImage>,
    pub files: HashMap<String, SbFile>,
    pub shops: BTreeMap<String, ShopProducts>,
    /// Custom brands created per seller: (day, count that day, total).
    pub custom_brands: HashMap<String, (i64, u32, u32)>,
    /// Prerequisite check items that fail, per shop id.
    pub failing_prerequisites: BTreeMap<String, Vec<String>>,
    /// Sandbox seconds from submission to the audit result.
    pub audit_secs: i64,
    /// Promotions, committed units and push counters of live products.
    pub live: live::LiveState,
    /// Optimized Images: image bytes, jobs and their timing.
    pub optimize: optimize::OptimizeState,
}

const BRAND_WORDS: [&str; 24] = [
    "Aurora", "Bamboo", "Cedar", "Drift", "Ember", "Fable", "Grove", "Harbor", "Iris", "Juniper", "Kestrel", "Lumen",
    "Maple", "Nimbus", "Orchid", "Pebble", "Quartz", "Ripple", "Sable", "Tidal", "Umber", "Velvet", "Willow", "Zephyr",
];
const BRAND_TAILS: [&str; 10] =
    ["Co", "Studio", "Goods", "Labs", "Home", "Outfitters", "Beauty", "Works", "Supply", "& Sons"];

impl Default for CatalogWorld {
    fn default() -> Self {
        let mut brands = Vec::new();
        for (i, w) in BRAND_WORDS.iter().enumerate() {
            for (j, t) in BRAND_TAILS.iter().enumerate() {
                brands.push(SbBrand {
                    id: format!("70824273115843{:05}", i * 10 + j),
                    name: format!("{w} {t}"),
                    t1: (i + j) % 7 == 0,
                    authorized: vec![],
                });
            }
        }
        brands.sort_by(|a, b| a.name.cmp(&b.name));
        CatalogWorld {
            v1: Tree::v1(),
            v2: Tree::v2(),
            brands,
            images: HashMap::new(),
            files: HashMap::new(),
            shops: BTreeMap::new(),
            custom_brands: HashMap::new(),
            failing_prerequisites: BTreeMap::new(),
            audit_secs: 60,
            live: live::LiveState::default(),
            optimize: optimize::OptimizeState::default(),
        }
    }
}

impl CatalogWorld {
    pub fn tree(&self, version: &str) -> &Tree {
        if version == "v2" { &self.v2 } else { &self.v1 }
    }

    /// A brand the seller can see: built-in, or custom and theirs.
    pub fn brand(&self, id: &str, _open_id: &str) -> Option<&SbBrand> {
        self.brands.iter().find(|b| b.id == id)
    }

    /// A seller's own brand (the demo sellers' vendors), authorized for them.
    pub fn add_seller_brand(&mut self, name: &str, open_id: &str, id: &str) {
        match self.brands.iter_mut().find(|b| b.name.eq_ignore_ascii_case(name)) {
            Some(b) => {
                if !b.authorized_for(open_id) {
                    b.authorized.push(open_id.into());
                }
            }
            None => {
                self.brands.push(SbBrand {
                    id: id.into(),
                    name: name.into(),
                    t1: true,
                    authorized: vec![open_id.into()],
                });
                self.brands.sort_by(|a, b| a.name.cmp(&b.name));
            }
        }
    }

    pub fn shop(&mut self, shop_id: &str) -> &mut ShopProducts {
        self.shops.entry(shop_id.to_string()).or_default()
    }
}
