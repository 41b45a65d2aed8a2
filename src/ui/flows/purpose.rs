//! What each step of a multi-step action is for: a picker's choice ([`Pick`]), a prompt's
//! text ([`Ask`]), and what a flow waits for from the engine ([`Awaiting`]). Each carries what
//! the next step needs.

use super::link_skus;
use crate::domain::catalog::Product;
use crate::domain::listing::ListingDraft;
use crate::domain::package::ShippingProvider;
use crate::domain::tiktok_catalog::{Attribute, Brand};
use crate::sync::fulfil::ShipRequest;

/// What a picker's choice is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pick {
    /// Only shows something (tests, notices).
    Nothing,
    /// The carrier for these orders (and, for a split shipment, these lines of the one order).
    ShipCarrier {
        orders: Vec<String>,
        lines: Vec<String>,
    },
    /// "Map it now": the TikTok provider an unmapped carrier ships as, then shipping goes on.
    MapNow {
        carrier: String,
        shop_id: String,
        option_id: String,
        providers: Vec<ShippingProvider>,
        orders: Vec<String>,
        lines: Vec<String>,
    },
    /// Lines of one order that go in the first package.
    SplitLines {
        order_id: String,
        lines: Vec<String>,
    },
    /// Ship the chosen lines now, or split the order into packages on TikTok.
    SplitHow {
        order_id: String,
        now: Vec<String>,
        rest: Vec<String>,
    },
    /// Drop-off (None) or a pickup slot for a TikTok-shipped package.
    Handover {
        order_id: String,
        package_id: String,
        options: Vec<Option<(i64, i64)>>,
    },
    /// Which shipped package gets a new tracking number.
    TrackingPackage {
        packages: Vec<String>,
    },
    /// The carrier of the new tracking number.
    TrackingCarrier {
        package_id: String,
    },
    /// Which package's label to print.
    LabelPackage {
        packages: Vec<String>,
    },
    /// Which group of orders TikTok offers to combine.
    CombineGroup {
        shop_id: String,
        groups: Vec<(String, Vec<String>)>,
    },
    /// A seller cancel reason valid for the order's status: (name, text).
    CancelReason {
        order_id: String,
        reasons: Vec<(String, String)>,
    },
    /// Approve or reject a buyer's cancellation request.
    AnswerChoice {
        cancel_id: String,
        order_id: String,
    },
    /// The reason for rejecting: (name, text).
    RejectReason {
        cancel_id: String,
        order_id: String,
        reasons: Vec<(String, String)>,
    },
    /// Mapping: the shop, then the delivery option ("" = every option), then the provider.
    MapShop {
        carrier: String,
        shops: Vec<String>,
    },
    MapOption {
        carrier: String,
        shop_id: String,
        options: Vec<String>,
    },
    MapProvider {
        carrier: String,
        shop_id: String,
        option_id: String,
        providers: Vec<ShippingProvider>,
    },
    /// Which shop's warehouses to pull ("" = every shop).
    RefreshShop {
        shops: Vec<String>,
    },
    /// Listing settings (the draft of a product on a shop), one question at a time.
    HazmatContains {
        draft: Box<ListingDraft>,
    },
    HazmatKinds {
        draft: Box<ListingDraft>,
    },
    BatteryType {
        draft: Box<ListingDraft>,
        types: Vec<String>,
    },
    CertFor {
        draft: Box<ListingDraft>,
        certs: Vec<(String, String, bool)>,
    },
    AttributeFor {
        draft: Box<ListingDraft>,
        attrs: Vec<Attribute>,
    },
    AttributeValues {
        draft: Box<ListingDraft>,
        attr: Box<Attribute>,
    },
    OverrideField {
        draft: Box<ListingDraft>,
        fields: Vec<String>,
    },
    ProductField {
        product: Box<Product>,
        fields: Vec<String>,
    },
    LinkTo {
        shop_id: String,
        product_id: String,
        products: Vec<(String, String)>,
    },
    /// Which platform variant a TikTok SKU is, while linking by hand.
    LinkSku {
        link: Box<link_skus::LinkInProgress>,
        tiktok_sku: String,
    },
    /// Mapping: a brand for a vendor; where an attribute's values come from.
    BrandFor {
        shop_id: String,
        vendor: String,
        brands: Vec<Brand>,
    },
    AttrSource {
        shop_id: String,
        category_id: String,
        attr: Box<Attribute>,
        options: Vec<String>,
    },
    AttrOption {
        shop_id: String,
        category_id: String,
        attr: Box<Attribute>,
        options: Vec<String>,
    },
    AttrFixed {
        shop_id: String,
        category_id: String,
        attr: Box<Attribute>,
    },
    /// Which TikTok value the platform value `raw` is; `pending` are asked next.
    AttrValueFor {
        mapping: Box<crate::domain::listing::AttributeMapping>,
        attr: Box<Attribute>,
        raw: String,
        pending: Vec<String>,
    },
}

/// What a prompt's text is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ask {
    StoreName,
    /// Tracking numbers, one order after another (typed, or scanned: a scanner types and
    /// presses enter).
    Tracking {
        carrier: String,
        orders: Vec<String>,
        index: usize,
        lines: Vec<String>,
        done: Vec<ShipRequest>,
    },
    NewTracking {
        package_id: String,
        carrier: String,
    },
    CarrierName,
    CarrierFile,
    RejectComment {
        cancel_id: String,
        order_id: String,
        reason: String,
        reason_text: String,
    },
    /// Listing settings typed in: "kg LxWxH", a size chart, a certificate file, a custom
    /// attribute value, a TikTok override, a product field, a catalogue file.
    Package {
        draft: Box<ListingDraft>,
    },
    SizeChart {
        draft: Box<ListingDraft>,
    },
    CertFile {
        draft: Box<ListingDraft>,
        cert_id: String,
        needs_expiry: bool,
    },
    BatteryName {
        draft: Box<ListingDraft>,
    },
    CustomValue {
        draft: Box<ListingDraft>,
        attr_id: String,
    },
    Override {
        draft: Box<ListingDraft>,
        field: String,
    },
    ProductValue {
        product: Box<Product>,
        field: String,
    },
    ImportFile,
    /// Mapping: a brand name prefix to search, a new brand's name, a tag prefix.
    BrandPrefix {
        shop_id: String,
        vendor: String,
    },
    NewBrand {
        shop_id: String,
        vendor: String,
    },
    TagPrefix {
        shop_id: String,
        category_id: String,
        attr: Box<Attribute>,
    },
}

/// A step waiting for an answer from the engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Awaiting {
    Handover {
        order_id: String,
        package_id: String,
    },
    Combinable {
        shop_id: String,
        prefer: Vec<String>,
    },
    RejectReasons {
        cancel_id: String,
        order_id: String,
    },
    /// A category tree being pulled, to open the picker for (shop, product type).
    CategoryTree {
        shop_id: String,
        product_type: String,
    },
    Brands {
        shop_id: String,
        vendor: String,
    },
    Recommendation {
        shop_id: String,
        product_type: String,
    },
}
