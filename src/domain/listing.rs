//! Listing platform products on TikTok shops: the mappings (product type to category, vendor to
//! brand, options and tags to attributes), what the operator sets per product and shop (the
//! listing draft: overrides, the hazmat answer, certificates, size chart, package), and the
//! TikTok products that result or that tokshop matched by seller SKU.

use super::catalog::Dimensions;
use super::tiktok_catalog::RemoteSku;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A platform product type mapped to a TikTok leaf category for a shop (CAT-MAP-PROD).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryMapping {
    pub shop_id: String,
    pub product_type: String,
    pub category_id: String,
    /// "Kitchenware > Drinkware > Mugs", for people.
    pub category_path: String,
    /// v1 or v2 (US shops: v2).
    pub version: String,
}

/// A platform vendor mapped to a TikTok brand for a shop (CAT-PRE-BRANDS).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandMapping {
    pub shop_id: String,
    pub vendor: String,
    pub brand_id: String,
    pub brand_name: String,
}

/// Where an attribute's values come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttributeSource {
    /// A variant option (e.g. "Color"): each variant's value.
    Option(String),
    /// Product tags written `Prefix: value` (e.g. "Material: Nylon").
    Tag(String),
    /// The same values for every product of the category.
    Fixed,
}

/// A platform value and the TikTok value it becomes (an id, or a custom name when allowed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueMapping {
    /// The platform value (empty for `Fixed`).
    pub from: String,
    pub value_id: String,
    pub value_name: String,
}

/// Platform options or tags mapped to a TikTok attribute of a category (CAT-PRE-ATTRIBUTE).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeMapping {
    pub shop_id: String,
    pub category_id: String,
    pub attribute_id: String,
    pub attribute_name: String,
    pub source: AttributeSource,
    pub values: Vec<ValueMapping>,
}

/// Kinds of dangerous goods (CAT-PRE-HAZMAT), asked for every product.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum HazmatKind {
    LithiumBatteries,
    FlammableLiquids,
    Aerosols,
    Corrosives,
    Other,
}

impl HazmatKind {
    pub const ALL: [HazmatKind; 5] = [
        HazmatKind::LithiumBatteries,
        HazmatKind::FlammableLiquids,
        HazmatKind::Aerosols,
        HazmatKind::Corrosives,
        HazmatKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            HazmatKind::LithiumBatteries => "Lithium batteries",
            HazmatKind::FlammableLiquids => "Flammable liquids",
            HazmatKind::Aerosols => "Aerosols",
            HazmatKind::Corrosives => "Corrosives",
            HazmatKind::Other => "Other dangerous goods",
        }
    }

    /// Words TikTok's attribute values use for the kind (matched case-insensitively).
    pub fn keywords(self) -> &'static [&'static str] {
        match self {
            HazmatKind::LithiumBatteries => &["lithium", "batter"],
            HazmatKind::FlammableLiquids => &["flammable"],
            HazmatKind::Aerosols => &["aerosol"],
            HazmatKind::Corrosives => &["corrosive"],
            HazmatKind::Other => &["other"],
        }
    }
}

/// The operator's answer to "does this product contain hazardous materials?".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hazmat {
    pub contains: bool,
    pub kinds: Vec<HazmatKind>,
    /// Lithium batteries: the battery type as TikTok names it (e.g. "Lithium-ion").
    pub battery_type: Option<String>,
}

/// Proof for a certification: local files (images or PDFs) and an expiry date when required.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateProof {
    pub files: Vec<String>,
    pub expires_at: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SizeChart {
    /// A local image (at least 1024 px on the short side), or a Seller Center template id.
    pub image: Option<String>,
    pub template_id: Option<String>,
}

/// What the operator set for one product on one shop. Everything is optional: what is empty
/// comes from the platform product and the mappings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListingDraft {
    pub shop_id: String,
    pub store: String,
    pub handle: String,
    pub title: Option<String>,
    pub description: Option<String>,
    /// Price per SKU on this shop (CAT-PRE-DESCRIP).
    pub prices: BTreeMap<String, Decimal>,
    /// Stock per SKU per TikTok warehouse (CAT-PRE-WAREHOUSE); empty: the platform's stock in the
    /// shop's default sales warehouse.
    pub inventory: BTreeMap<String, BTreeMap<String, i64>>,
    pub category_id: Option<String>,
    pub brand_id: Option<String>,
    pub hazmat: Option<Hazmat>,
    pub certifications: BTreeMap<String, CertificateProof>,
    pub size_chart: Option<SizeChart>,
    /// Package weight in kilograms and dimensions in centimetres (default: the heaviest variant).
    pub package_weight_kg: Option<Decimal>,
    pub package_dimensions_cm: Option<Dimensions>,
    /// Attribute values chosen for this product: attribute id -> values.
    pub attributes: BTreeMap<String, Vec<ChosenValue>>,
    /// A local file listed instead of the product's first image on this shop: its copy with a
    /// white background, approved with `listings whiten --apply` (CAT-NFOQUAL-AUTOWHTBG).
    pub first_image: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenValue {
    pub id: String,
    pub name: String,
}

/// Where a TikTok product came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    /// Listed from tokshop.
    #[default]
    Tokshop,
    /// Made elsewhere (Seller Center, a campaign) and matched to a platform product by SKU.
    Matched,
    /// Made elsewhere and not matched: listed for manual mapping (CAT-PRE-CAMPAIGN).
    Unmatched,
}

/// A TikTok product of a shop and, when known, the platform product it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Listing {
    pub shop_id: String,
    pub product_id: String,
    pub store: String,
    pub handle: String,
    pub title: String,
    pub origin: Origin,
    /// DRAFT, PENDING, FAILED, ACTIVATE, SELLER_DEACTIVATED, PLATFORM_DEACTIVATED, FREEZE, DELETED.
    pub status: String,
    /// NONE, AUDITING, FAILED, PRE_APPROVED, APPROVED.
    pub audit: String,
    pub reasons: Vec<String>,
    pub warnings: Vec<String>,
    pub skus: Vec<RemoteSku>,
    pub idempotency_key: String,
    pub updated_at: i64,
    /// For a product linked by hand: TikTok SKU id → the platform SKU it is (its seller SKU
    /// names none of the platform's).
    pub sku_links: BTreeMap<String, String>,
}

impl Listing {
    pub fn key(&self) -> String {
        format!("{}|{}", self.shop_id, self.product_id)
    }

    /// The idempotency key naming one resubmission of this product: the same until TikTok
    /// answers again, so pressing list twice on one rejection resubmits once.
    pub fn resubmission_key(&self) -> String {
        format!("tokshop:resubmit:{}:{}:{}", self.shop_id, self.product_id, self.updated_at)
    }
}

/// What listing a platform product on a shop means, given what TikTok already has of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListingRoute {
    /// Nothing on TikTok (or only deleted products): Create Product.
    Create,
    /// tokshop's product on TikTok was rejected, is a TikTok draft, or was deactivated by
    /// TikTok: Edit Product resubmits that same product (TikTok: "seller may edit and
    /// resubmit"), so the shop never holds two of it.
    Resubmit(Box<Listing>),
    /// Already there and nothing to resubmit: refused, with why.
    Refuse(String),
}

/// Decide how to list, from the product's listings on one shop (newest wins).
pub fn route(listings: &[Listing], handle: &str, shop_name: &str) -> ListingRoute {
    let Some(l) =
        listings.iter().filter(|l| l.origin != Origin::Unmatched && l.status != "DELETED").max_by_key(|l| l.updated_at)
    else {
        return ListingRoute::Create;
    };
    let on = |what: &str| format!("{handle} is already on {shop_name} as product {} ({what})", l.product_id);
    match (l.status.as_str(), l.origin) {
        ("FAILED" | "DRAFT" | "PLATFORM_DEACTIVATED", Origin::Tokshop) => ListingRoute::Resubmit(Box::new(l.clone())),
        ("FAILED" | "DRAFT" | "PLATFORM_DEACTIVATED", _) => ListingRoute::Refuse(format!(
            "{}: it was made in Seller Center, so fix and resubmit it there (tokshop would overwrite it)",
            on(&l.status.to_lowercase())
        )),
        ("SELLER_DEACTIVATED", _) => {
            ListingRoute::Refuse(format!("{}: reactivate it in Seller Center", on("deactivated by you")))
        }
        ("FREEZE", _) => ListingRoute::Refuse(format!("{}: TikTok froze it; appeal in Seller Center", on("frozen"))),
        (s, _) => ListingRoute::Refuse(format!("{}: it is never listed twice", on(&s.to_lowercase()))),
    }
}

/// The idempotency key of the `n`-th deliberate listing of a product on a shop: the same for
/// every retry of one attempt, so TikTok never creates the product twice (≤ 128 characters).
pub fn idempotency_key(shop_id: &str, store: &str, handle: &str, attempt: u32) -> String {
    let raw = format!("tokshop:{shop_id}:{store}:{handle}:{attempt}");
    if raw.len() <= 128 {
        return raw;
    }
    let digest = raw.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("tokshop:{shop_id}:{digest:016x}:{attempt}")
}

#[cfg(test)]
mod route_tests {
    use super::*;

    fn l(id: &str, status: &str, origin: Origin, at: i64) -> Listing {
        Listing { product_id: id.into(), status: status.into(), origin, updated_at: at, ..Listing::default() }
    }

    #[test]
    fn a_rejected_draft_or_platform_deactivated_product_is_resubmitted_not_created_again() {
        for s in ["FAILED", "DRAFT", "PLATFORM_DEACTIVATED"] {
            assert_eq!(
                route(&[l("1", s, Origin::Tokshop, 5)], "mug", "US"),
                ListingRoute::Resubmit(Box::new(l("1", s, Origin::Tokshop, 5)))
            );
        }
    }

    #[test]
    fn nothing_or_deleted_creates_and_live_or_pending_refuses() {
        assert_eq!(route(&[], "mug", "US"), ListingRoute::Create);
        assert_eq!(
            route(&[l("1", "DELETED", Origin::Tokshop, 5), l("9", "ACTIVATE", Origin::Unmatched, 6)], "mug", "US"),
            ListingRoute::Create
        );
        let ListingRoute::Refuse(why) = route(&[l("1", "PENDING", Origin::Tokshop, 5)], "mug", "US") else {
            panic!("refused")
        };
        assert!(why.contains("already on US as product 1 (pending)") && why.contains("never listed twice"), "{why}");
        let ListingRoute::Refuse(why) = route(&[l("2", "FAILED", Origin::Matched, 5)], "mug", "US") else {
            panic!("refused")
        };
        assert!(why.contains("Seller Center"), "{why}");
    }

    #[test]
    fn the_newest_listing_decides_and_the_resubmission_key_follows_the_rejection() {
        let old = l("1", "DELETED", Origin::Tokshop, 1);
        let new = l("2", "FAILED", Origin::Tokshop, 9);
        assert_eq!(route(&[old, new.clone()], "mug", "US"), ListingRoute::Resubmit(Box::new(new.clone())));
        let again = Listing { updated_at: 20, ..new.clone() };
        assert_ne!(new.resubmission_key(), again.resubmission_key(), "a new rejection, a new resubmission");
        assert!(new.resubmission_key().len() <= 128);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idempotency_keys_are_stable_and_short() {
        assert_eq!(idempotency_key("s", "web", "mug", 1), "tokshop:s:web:mug:1");
        let long = "h".repeat(200);
        let k = idempotency_key("7494049642642441621", "web", &long, 2);
        assert!(k.len() <= 128 && k == idempotency_key("7494049642642441621", "web", &long, 2));
        assert_ne!(k, idempotency_key("7494049642642441621", "web", &long, 3));
    }
}
