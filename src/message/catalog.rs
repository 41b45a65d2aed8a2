//! The catalogue: importing and editing platform products, mapping product types, vendors
//! and attributes to TikTok's categories, brands and attributes, listing checks and listing.

use crate::domain::catalog::Product;
use crate::domain::listing::{AttributeMapping, ListingDraft};
use crate::domain::role::Capability;
use crate::domain::tiktok_catalog::Brand;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CatalogCommand {
    /// Import a Shopify CSV or tokshop JSON file into a store (the engine reads the file).
    Import {
        path: PathBuf,
        store: String,
        currency: String,
    },
    /// Save a product edited in the console.
    SaveProduct {
        product: Box<Product>,
    },
    /// Pull a shop's category tree now.
    FetchCategories {
        shop_id: String,
    },
    /// Pull a category's rules and attributes now.
    FetchRequirements {
        shop_id: String,
        category_id: String,
    },
    MapCategory {
        shop_id: String,
        product_type: String,
        category_id: String,
    },
    Recommend {
        shop_id: String,
        store: String,
        handle: String,
    },
    FetchBrands {
        shop_id: String,
        vendor: String,
        prefix: String,
    },
    MapBrand {
        shop_id: String,
        vendor: String,
        brand_id: String,
        /// The brand's name as TikTok listed it (finds it again quickly).
        brand_name: String,
    },
    CreateBrand {
        shop_id: String,
        vendor: String,
        name: String,
    },
    MapAttribute {
        mapping: Box<AttributeMapping>,
    },
    SaveDraft {
        draft: Box<ListingDraft>,
    },
    Check {
        shop_id: String,
        store: String,
        handle: String,
    },
    CheckPrerequisites {
        shop_id: String,
    },
    List {
        shop_id: String,
        store: String,
        handle: String,
        as_draft: bool,
    },
    MatchProducts {
        shop_id: String,
    },
    Link {
        shop_id: String,
        product_id: String,
        store: String,
        handle: String,
        /// TikTok SKU id → platform SKU, where their seller SKUs differ.
        sku_links: std::collections::BTreeMap<String, String>,
    },
    /// Stop (or resume) syncing stock, price and information of a live product to the shop.
    SetLiveSync {
        shop_id: String,
        store: String,
        handle: String,
        stop: bool,
    },
    /// Resolve a live product's drift: push ours (the next push overwrites TikTok) or take theirs.
    ResolveDrift {
        shop_id: String,
        store: String,
        handle: String,
        push_ours: bool,
    },
    /// TikTok's quality tools for a product on the shop: a live one's diagnosis, SEO words and
    /// suggestions; a new one's Diagnose and Optimize Product. Answered with `Quality`.
    Quality {
        shop_id: String,
        store: String,
        handle: String,
    },
    /// Apply the quality suggestions the seller picked (after seeing their diff): a live
    /// product's title and description are edited with Partial Edit through the outbox (as
    /// `listings edit`); a new product's go into its listing settings for the shop (as
    /// `listings diagnose --apply`). `None` leaves a field as it is. A text is TikTok's
    /// suggestion or the seller's own edit of it, sent as it is to apply: the engine checks it by
    /// TikTok's rules (`domain::live_edit::text_problem`) and refuses it whole, sending nothing.
    ApplyQuality {
        shop_id: String,
        store: String,
        handle: String,
        title: Option<String>,
        description: Option<String>,
    },
    /// Whiten the product's first image on the shop (TikTok's Optimized Images, as `listings
    /// whiten`): the before and after written as files; answered with `Whitened`. Nothing on
    /// TikTok changes until `ApplyWhiten`.
    Whiten {
        shop_id: String,
        store: String,
        handle: String,
    },
    /// Apply the white first image the seller approved (as `listings whiten --apply`): a live
    /// product's gallery edited through the outbox; a new product's listing settings for the shop
    /// take the after file the engine wrote.
    ApplyWhiten {
        shop_id: String,
        store: String,
        handle: String,
        optimized_uri: String,
    },
    /// The shop's TikTok products by status (ALL: any) and seller SKUs (none: any), as `products
    /// search` (Search Products, every page up to 500); answered with `Products`.
    SearchProducts {
        shop_id: String,
        status: String,
        skus: Vec<String>,
    },
}

/// One TikTok product a search found, as TikTok sent it (the console sanitises it to draw it).
/// No quality tier: Search Products does not carry one, and it would cost a diagnosis call per
/// product (up to 500); `Q` on a product asks for its quality.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundProduct {
    pub id: String,
    pub title: String,
    pub status: String,
    pub audit: String,
    pub seller_skus: Vec<String>,
}

/// A first image with a white background, for the seller to approve.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhiteImage {
    /// Live on the shop (applying edits TikTok's gallery) or not listed yet (the listing settings).
    pub live: bool,
    /// TikTok's status: SUCCESS, or IGNORE for an image optimized before (nothing to apply).
    pub status: String,
    pub optimized_uri: String,
    pub width: u32,
    pub height: u32,
    /// The files written.
    pub before_path: String,
    pub after_path: String,
    /// Small PNGs of the before and after to draw in the terminal (empty: not drawable).
    pub before: Vec<u8>,
    pub after: Vec<u8>,
}

/// What a quality suggestion changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QualityField {
    Title,
    Description,
    /// An SEO word, added at the end of the title.
    SeoWord,
    /// Nothing the console can apply as text (an image, a missing attribute): shown, not chosen.
    Other,
}

/// One of TikTok's suggestions for a product, with where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityChoice {
    pub field: QualityField,
    /// The suggested text (a title, a description, a word); for `Other`, what to do.
    pub text: String,
    /// The issue it answers ("TITLE TITLE_LESS_THAN_40_CHARACTERS: ..."), or "recommended" or
    /// "SEO words".
    pub from: String,
}

/// The quality report's suggestions in a form the console can offer one by one, with the
/// product's title and description as they are now (TikTok's for a live product, the listing
/// plan's for a new one) so that the change's diff is shown before anything is sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityOffer {
    pub live: bool,
    pub title: String,
    pub description: String,
    pub choices: Vec<QualityChoice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CatalogAnswer {
    /// Brands a shop can use, for a name prefix.
    Brands { shop_id: String, vendor: String, brands: Vec<Brand> },
    /// TikTok's Recommend Category for a product type, for the operator to approve.
    Recommended { shop_id: String, product_type: String, category_id: String, path: String },
    /// The quality report of a product on a shop, line by line.
    Quality {
        shop_id: String,
        handle: String,
        lines: Vec<String>,
        /// The suggestions to pick from (none from an engine that predates them).
        #[serde(default)]
        offer: Option<QualityOffer>,
    },
    /// A product's first image whitened (`Whiten`), its before and after.
    Whitened { shop_id: String, handle: String, image: Box<WhiteImage> },
    /// What `SearchProducts` found on the shop (named as TikTok names it), newest first; `more`
    /// when more exist than were sent.
    Products {
        shop_id: String,
        shop_name: String,
        status: String,
        skus: Vec<String>,
        found: Vec<FoundProduct>,
        more: bool,
    },
}

impl CatalogCommand {
    /// Pulling TikTok's catalogue, checking and matching only read; the rest changes the catalogue,
    /// its mappings or TikTok's listings.
    pub fn needs(&self) -> Option<Capability> {
        match self {
            CatalogCommand::FetchCategories { .. }
            | CatalogCommand::FetchRequirements { .. }
            | CatalogCommand::FetchBrands { .. }
            | CatalogCommand::Recommend { .. }
            | CatalogCommand::Check { .. }
            | CatalogCommand::CheckPrerequisites { .. }
            | CatalogCommand::MatchProducts { .. }
            | CatalogCommand::Quality { .. }
            | CatalogCommand::SearchProducts { .. } => None,
            _ => Some(Capability::Catalog),
        }
    }
}
