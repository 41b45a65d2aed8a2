//! Where the sandbox's answer may differ from TikTok's reference sample, and why. Every entry
//! must be met by the run (a stale exception fails the test too). `Empty` means the sandbox
//! sends the list, empty, because what fills it does not happen in its world: the element's
//! fields cannot be compared there.

use crate::common::reference::GapKind::{self, Empty, Extra, Missing, Type};

pub struct Exception {
    /// The routes (`METHOD /pattern`) it applies to.
    pub routes: &'static [&'static str],
    /// The field path, as the comparison prints it (`data.orders[].buyer_nickname`).
    pub path: &'static str,
    pub kind: GapKind,
    pub why: &'static str,
}

const ORDERS: &[&str] = &["POST /order/202309/orders/search", "GET /order/202309/orders", "GET /order/202507/orders"];
const ORDER_DETAIL: &[&str] = &["GET /order/202309/orders", "GET /order/202507/orders"];
const WRITTEN: &[&str] = &[
    "POST /product/202309/products",
    "PUT /product/202509/products/{product_id}",
    "PUT /product/202309/products/{product_id}",
    "POST /product/202509/products/{product_id}/partial_edit",
    "POST /product/202309/products/{product_id}/partial_edit",
];
const GET_PRODUCT: &[&str] = &["GET /product/202309/products/{product_id}"];
const SEARCH: &[&str] = &[
    "POST /product/202502/products/search",
    "POST /product/202312/products/search",
    "POST /product/202309/products/search",
];
const SEARCH_BEFORE_202502: &[&str] = &["POST /product/202312/products/search", "POST /product/202309/products/search"];
const SEARCH_202309: &[&str] = &["POST /product/202309/products/search"];
const SEARCH_SINCE_202312: &[&str] = &["POST /product/202502/products/search", "POST /product/202312/products/search"];

const PFAND: &str = "PFAND, Germany's deposit, is the only product fee (Get Category Rules); no sandbox shop is in DE";
const NOT_IN_202309: &str =
    "not in Search Products 202309 (official Node SDK model Product202309SearchProductsResponseDataProducts)";
const SINCE_202502: &str =
    "added by Search Products 202502 (Node SDK models 202312 and 202502): the sample is 202502's";

const RETURNS_SEARCH: &[&str] =
    &["POST /return_refund/202309/returns/search", "POST /return_refund/202602/returns/search"];

pub const ALL: &[Exception] = &[
    Exception {
        routes: &["GET /finance/202309/statements"],
        path: "data.statements[].payment_time",
        kind: Extra,
        why: "the field list of Get Statements (API README §5.5, the SDK model) has payment_time; the sample omits it",
    },
    Exception {
        routes: ORDERS,
        path: "data.orders[].buyer_nickname",
        kind: Extra,
        why: "in the official Node SDK order models (202309 list and detail, 202507 detail) and API README §5.3, not \
            in the samples; the console shows it",
    },
    Exception {
        routes: ORDER_DETAIL,
        path: "data.orders[].fulfillment_priority_level",
        kind: Extra,
        why: "SEA-only (0 here); in the Node SDK detail models (202309, 202507) and the Get Order List page, not in \
            the 202507 detail sample",
    },
    Exception {
        routes: ORDER_DETAIL,
        path: "data.orders[].recommended_shipping_time",
        kind: Extra,
        why: "SEA-only (0 here); in the Node SDK detail models (202309, 202507) and the Get Order List page, not in \
            the 202507 detail sample",
    },
    Exception {
        routes: ORDERS,
        path: "data.orders[].line_items[].combined_listing_skus[]",
        kind: Empty,
        why: "filled only for a SKU sold as a combined listing; the sandbox's shops sell none",
    },
    Exception {
        routes: &["GET /fulfillment/202309/orders/split_attributes"],
        path: "data.split_attributes[].must_split_reasons[]",
        kind: Empty,
        why: "reasons exist only when TikTok forces a split (category item limits); the sandbox has no such limit, \
            must_split is false",
    },
    Exception {
        routes: &["GET /product/202309/categories/{category_id}/rules"],
        path: "data.allowed_special_product_types",
        kind: Type,
        why: "the sample writes the list as the string \"\\\"PRE_ORDER\\\"\"; the page's field table types it \
            []string, which the sandbox sends",
    },
    Exception {
        routes: &["GET /product/202309/categories/{category_id}/rules"],
        path: "data.fees[]",
        kind: Empty,
        why: PFAND,
    },
    Exception { routes: WRITTEN, path: "data.skus[].fees[]", kind: Empty, why: PFAND },
    Exception { routes: GET_PRODUCT, path: "data.skus[].fees[]", kind: Empty, why: PFAND },
    Exception { routes: SEARCH, path: "data.products[].skus[].fees[]", kind: Empty, why: PFAND },
    Exception {
        routes: GET_PRODUCT,
        path: "data.audit.pre_approved_reasons[]",
        kind: Empty,
        why: "only for a PRE_APPROVED audit (KYC or a restricted category pending); the reference products' category \
            is open",
    },
    Exception {
        routes: SEARCH_SINCE_202312,
        path: "data.products[].audit.pre_approved_reasons[]",
        kind: Empty,
        why: "only for a PRE_APPROVED audit (KYC or a restricted category pending); the reference products' category \
            is open",
    },
    Exception {
        routes: GET_PRODUCT,
        path: "data.global_product_association.sku_mappings[]",
        kind: Empty,
        why: "only for a product published from a global product; the sandbox serves no global products",
    },
    Exception {
        routes: GET_PRODUCT,
        path: "data.integrated_platform_statuses[]",
        kind: Empty,
        why: "Tokopedia (Indonesia) only",
    },
    Exception {
        routes: SEARCH_SINCE_202312,
        path: "data.products[].integrated_platform_statuses[]",
        kind: Empty,
        why: "Tokopedia (Indonesia) only",
    },
    Exception {
        routes: GET_PRODUCT,
        path: "data.manufacturer_ids[]",
        kind: Empty,
        why: "EU only (product safety compliance); the sandbox's shops are US and UK",
    },
    Exception {
        routes: GET_PRODUCT,
        path: "data.responsible_person_ids[]",
        kind: Empty,
        why: "EU only (product safety compliance); the sandbox's shops are US and UK",
    },
    Exception {
        routes: GET_PRODUCT,
        path: "data.product_families[]",
        kind: Empty,
        why: "US local sellers only (Node SDK 202502 model); Maomao Beauty is cross-border",
    },
    Exception {
        routes: &["POST /product/202502/products/search"],
        path: "data.products[].product_families[]",
        kind: Empty,
        why: "US local sellers only (Node SDK 202502 model); Maomao Beauty is cross-border",
    },
    Exception {
        routes: GET_PRODUCT,
        path: "data.product_types[]",
        kind: Empty,
        why: "COMBINED_PRODUCT or GPR_PRODUCT only; a plain product has no type",
    },
    Exception {
        routes: GET_PRODUCT,
        path: "data.size_chart.image.urls[]",
        kind: Empty,
        why: "mugs take no size chart (the category's rules: not supported), so its image is empty",
    },
    Exception {
        routes: GET_PRODUCT,
        path: "data.size_chart.image.thumb_urls[]",
        kind: Empty,
        why: "mugs take no size chart (the category's rules: not supported), so its image is empty",
    },
    Exception {
        routes: GET_PRODUCT,
        path: "data.skus[].combined_skus[]",
        kind: Empty,
        why: "combined products only; the reference products are plain",
    },
    Exception {
        routes: GET_PRODUCT,
        path: "data.subscribe_info.subscribe_discount_details[]",
        kind: Empty,
        why: "subscriptions (subscribe and save) are not offered by the sandbox's shops",
    },
    Exception {
        routes: GET_PRODUCT,
        path: "data.subscribe_info.subscribe_promotion_config[]",
        kind: Empty,
        why: "subscriptions (subscribe and save) are not offered by the sandbox's shops",
    },
    Exception {
        routes: SEARCH,
        path: "data.products[].product_sync_fail_reasons[]",
        kind: Empty,
        why: "cross-border global product synchronisation only; the sandbox serves no global products",
    },
    Exception { routes: SEARCH_BEFORE_202502, path: "data.products[].has_draft", kind: Missing, why: SINCE_202502 },
    Exception {
        routes: SEARCH_BEFORE_202502,
        path: "data.products[].product_families",
        kind: Missing,
        why: SINCE_202502,
    },
    Exception { routes: SEARCH_202309, path: "data.products[].audit", kind: Missing, why: NOT_IN_202309 },
    Exception {
        routes: SEARCH_202309,
        path: "data.products[].integrated_platform_statuses",
        kind: Missing,
        why: NOT_IN_202309,
    },
    Exception { routes: SEARCH_202309, path: "data.products[].is_not_for_sale", kind: Missing, why: NOT_IN_202309 },
    Exception {
        routes: SEARCH_202309,
        path: "data.products[].listing_quality_tier",
        kind: Missing,
        why: NOT_IN_202309,
    },
    Exception {
        routes: &["POST /product/202309/products/listing_check"],
        path: "data.diagnoses[].suggestions.seo_words[]",
        kind: Empty,
        why: "the sandbox diagnoses but makes no SEO, text or image suggestions",
    },
    Exception {
        routes: &["POST /product/202309/products/listing_check"],
        path: "data.diagnoses[].suggestions.smart_texts[]",
        kind: Empty,
        why: "the sandbox diagnoses but makes no SEO, text or image suggestions",
    },
    Exception {
        routes: &["POST /product/202309/products/listing_check"],
        path: "data.diagnoses[].suggestions.images[]",
        kind: Empty,
        why: "the sandbox diagnoses but makes no SEO, text or image suggestions",
    },
    Exception {
        routes: RETURNS_SEARCH,
        path: "data.return_orders[].arbitration_status",
        kind: Missing,
        why: "sent once a buyer appealed a rejection (the demo's return in arbitration has it); absent before",
    },
    Exception {
        routes: RETURNS_SEARCH,
        path: "data.return_orders[].partial_refund",
        kind: Missing,
        why: "the page: only a seller-proposed partial refund returns it (the demo's offer has it)",
    },
    Exception {
        routes: RETURNS_SEARCH,
        path: "data.return_orders[].seller_proposed_return_type",
        kind: Missing,
        why: "only with a seller's partial refund offer, like partial_refund",
    },
    Exception {
        routes: RETURNS_SEARCH,
        path: "data.return_orders[].buyer_rejected_partial_refund",
        kind: Missing,
        why: "the page: \"only return this field when seller initiated the partial refund\"",
    },
    Exception {
        routes: RETURNS_SEARCH,
        path: "data.return_orders[].is_combined_return",
        kind: Type,
        why: "the sample writes the string \"true \"; the page's field table types it bool, which the sandbox sends",
    },
    Exception {
        routes: RETURNS_SEARCH,
        path: "data.return_orders[].discount_amount[]",
        kind: Empty,
        why: "the sandbox does not split a return's refund by discount yet; the refund amounts carry the totals",
    },
    Exception {
        routes: &["GET /return_refund/202309/returns/{return_id}/records"],
        path: "data.records[].videos[]",
        kind: Empty,
        why: "the sandbox's buyers send photos (real PNG files it serves), no videos",
    },
    Exception {
        routes: &["POST /product/202309/inventory/search"],
        path: "data.inventory[].skus[].total_available_inventory_distribution.campaign_inventory[]",
        kind: Empty,
        why: "the sandbox allocates no stock to campaigns: the shop holds it all",
    },
    Exception {
        routes: &["POST /product/202309/inventory/search"],
        path: "data.inventory[].skus[].total_available_inventory_distribution.creator_inventory[]",
        kind: Empty,
        why: "the sandbox allocates no stock to creators: the shop holds it all",
    },
    Exception {
        routes: &["GET /product/202405/products/diagnoses"],
        path: "data.products[].diagnoses[].suggestion.images[]",
        kind: Empty,
        why: "the sandbox suggests words and texts, no optimized images (Optimized Images is not served yet)",
    },
];
