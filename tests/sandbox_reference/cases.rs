//! For each route the sandbox serves: TikTok's reference sample it is held against (the
//! `response_body` of the route's page in `../shared/api/reference/`, copied to
//! `tests/fixtures/`) and the calls that make it answer on the seeded world. A route with several
//! calls is compared in each state (a package before and after shipping, for instance).

use super::seeded::{Req, Seeded, Shop, multipart, png, product_body};
use serde_json::json;

pub struct Case {
    /// `METHOD /pattern`, as the router has it.
    pub route: &'static str,
    /// The fixture holding the reference sample.
    pub sample: &'static str,
    pub calls: fn(&Seeded) -> Vec<Req>,
}

/// A product body naming a brand that does not exist: TikTok clears it and warns.
fn unknown_brand(s: &Seeded, title: &str) -> String {
    let mut b = product_body(s, title);
    b["brand_id"] = json!("7082427311584399999");
    b.to_string()
}

fn one(r: Req) -> Vec<Req> {
    vec![r]
}

fn upload(r: Req, file: &str, bytes: &[u8], fields: &[(&str, &str)]) -> Vec<Req> {
    vec![Req { multipart: Some(multipart(file, bytes, fields)), ..r }]
}

const ORDER_LIST: &str = "orders/get-order-list.response.json";
const ORDER_DETAIL: &str = "orders/get-order-detail.response.json";

fn orders_by_state(s: &Seeded) -> Vec<Req> {
    let ids =
        [s.id("delivered"), s.id("mark"), s.id("upd_pkg"), s.id("approve"), s.id("cancelled"), s.id("ship")].join(",");
    one(Req::new("").q("ids", &ids))
}

/// Routes served in a version the reference has no page for (it documents the 202501 versions
/// of these two calls); the client uses the 202501 ones, the shape is tested in `tests/finance.rs`.
pub const NO_PAGE: &[(&str, &str)] = &[
    ("GET /finance/202309/statements/{statement_id}/statement_transactions", "reference page is 202501"),
    ("GET /finance/202309/orders/{order_id}/statement_transactions", "reference page is 202501"),
];

pub fn all() -> Vec<Case> {
    vec![
        Case {
            route: "GET /api/v2/token/get",
            sample: "auth/token-get.response.json",
            calls: |s| {
                one(Req::new("/api/v2/token/get").q("auth_code", s.id("auth_code")).q("grant_type", "authorized_code"))
            },
        },
        Case {
            route: "GET /api/v2/token/refresh",
            sample: "auth/token-get.response.json",
            calls: |s| {
                one(Req::new("/api/v2/token/refresh")
                    .q("refresh_token", s.id("refresh_token"))
                    .q("grant_type", "refresh_token"))
            },
        },
        Case {
            route: "GET /authorization/202309/shops",
            sample: "authorization/get-authorized-shops.response.json",
            calls: |_| one(Req::new("/authorization/202309/shops")),
        },
        Case {
            route: "DELETE /authorization/202403/shops",
            sample: "authorization/deauthorize-shop.response.json",
            calls: |_| one(Req::new("/authorization/202403/shops").on(Shop::Gb)),
        },
        Case {
            route: "GET /seller/202309/shops",
            sample: "seller/get-active-shops.response.json",
            calls: |_| one(Req::new("/seller/202309/shops")),
        },
        Case {
            route: "GET /seller/202309/permissions",
            sample: "seller/get-seller-permissions.response.json",
            calls: |_| one(Req::new("/seller/202309/permissions")),
        },
        Case {
            route: "GET /event/202309/webhooks",
            sample: "event/get-shop-webhooks.response.json",
            calls: |_| one(Req::new("/event/202309/webhooks")),
        },
        Case {
            route: "PUT /event/202309/webhooks",
            sample: "event/update-shop-webhook.response.json",
            calls: |_| {
                one(Req::new("/event/202309/webhooks")
                    .body(r#"{"event_type":"RECIPIENT_ADDRESS_UPDATE","address":"https://example.com/c"}"#))
            },
        },
        Case {
            route: "DELETE /event/202309/webhooks",
            sample: "event/delete-shop-webhook.response.json",
            calls: |_| one(Req::new("/event/202309/webhooks").body(r#"{"event_type":"PACKAGE_UPDATE"}"#)),
        },
        Case {
            route: "POST /order/202309/orders/search",
            sample: ORDER_LIST,
            calls: |_| one(Req::new("/order/202309/orders/search").q("page_size", "50").body("{}")),
        },
        Case {
            route: "GET /order/202309/orders",
            sample: ORDER_DETAIL,
            calls: |s| {
                orders_by_state(s).into_iter().map(|r| Req { path: "/order/202309/orders".into(), ..r }).collect()
            },
        },
        Case {
            route: "GET /order/202507/orders",
            sample: ORDER_DETAIL,
            calls: |s| {
                orders_by_state(s).into_iter().map(|r| Req { path: "/order/202507/orders".into(), ..r }).collect()
            },
        },
        Case {
            route: "GET /order/202407/orders/{order_id}/price_detail",
            sample: "orders/get-price-detail.response.json",
            calls: |s| {
                [s.id("mark"), s.id("delivered")]
                    .iter()
                    .map(|o| Req::new(format!("/order/202407/orders/{o}/price_detail")))
                    .collect()
            },
        },
        Case {
            route: "GET /logistics/202309/warehouses",
            sample: "logistics/get-warehouse-list.response.json",
            calls: |_| one(Req::new("/logistics/202309/warehouses")),
        },
        Case {
            route: "GET /logistics/202309/warehouses/{warehouse_id}/delivery_options",
            sample: "logistics/get-warehouse-delivery-options.response.json",
            calls: |s| one(Req::new(format!("/logistics/202309/warehouses/{}/delivery_options", s.id("warehouse")))),
        },
        Case {
            route: "GET /logistics/202309/delivery_options/{delivery_option_id}/shipping_providers",
            sample: "logistics/get-shipping-providers.response.json",
            calls: |s| {
                one(Req::new(format!(
                    "/logistics/202309/delivery_options/{}/shipping_providers",
                    s.id("seller_option")
                )))
            },
        },
        Case {
            route: "GET /logistics/202309/global_warehouses",
            sample: "logistics/get-global-seller-warehouse.response.json",
            calls: |_| one(Req::new("/logistics/202309/global_warehouses")),
        },
        Case {
            route: "POST /fulfillment/202309/packages/search",
            sample: "fulfillment/search-package.response.json",
            calls: |_| one(Req::new("/fulfillment/202309/packages/search").q("page_size", "50").body("{}")),
        },
        Case {
            route: "GET /fulfillment/202309/packages/{package_id}",
            sample: "fulfillment/get-package-detail.response.json",
            calls: |s| {
                ["slots", "label", "delivered_package", "upd_pkg_package"]
                    .iter()
                    .map(|p| Req::new(format!("/fulfillment/202309/packages/{}", s.id(p))))
                    .collect()
            },
        },
        Case {
            route: "POST /fulfillment/202309/packages/{package_id}/ship",
            sample: "fulfillment/ship-package.response.json",
            calls: |s| {
                one(Req::new(format!("/fulfillment/202309/packages/{}/ship", s.id("ship"))).body(s.id("ship_body")))
            },
        },
        Case {
            route: "POST /fulfillment/202309/packages/ship",
            sample: "fulfillment/batch-ship-packages.response.json",
            calls: |s| {
                let slot: serde_json::Value = serde_json::from_str(s.id("batch_slot")).unwrap_or_default();
                let body = json!({"packages": [
                    {"id": s.id("batch"), "handover_method": "PICKUP", "pickup_slot": slot["pickup_slot"]},
                    {"id": "1153000000000000000"},
                ]});
                one(Req::new("/fulfillment/202309/packages/ship").body(body.to_string()))
            },
        },
        Case {
            route: "POST /fulfillment/202309/orders/{order_id}/packages",
            sample: "fulfillment/mark-package-as-shipped.response.json",
            calls: |s| {
                let body =
                    json!({"tracking_number": "9400111899223197420009", "shipping_provider_id": s.id("provider")});
                one(Req::new(format!("/fulfillment/202309/orders/{}/packages", s.id("mark"))).body(body.to_string()))
            },
        },
        Case {
            route: "POST /fulfillment/202309/packages/{package_id}/shipping_info/update",
            sample: "fulfillment/update-package-shipping-info.response.json",
            calls: |s| {
                let body =
                    json!({"tracking_number": "9400111899223197420011", "shipping_provider_id": s.id("provider")});
                one(Req::new(format!("/fulfillment/202309/packages/{}/shipping_info/update", s.id("upd_pkg_package")))
                    .body(body.to_string()))
            },
        },
        Case {
            route: "POST /fulfillment/202309/orders/{order_id}/shipping_info/update",
            sample: "fulfillment/update-shipping-info.response.json",
            calls: |s| {
                let body =
                    json!({"tracking_number": "9400111899223197420012", "shipping_provider_id": s.id("provider")});
                one(Req::new(format!("/fulfillment/202309/orders/{}/shipping_info/update", s.id("upd_order")))
                    .body(body.to_string()))
            },
        },
        Case {
            route: "GET /fulfillment/202309/packages/{package_id}/handover_time_slots",
            sample: "fulfillment/get-package-handover-time-slots.response.json",
            calls: |s| one(Req::new(format!("/fulfillment/202309/packages/{}/handover_time_slots", s.id("slots")))),
        },
        Case {
            route: "GET /fulfillment/202309/packages/{package_id}/shipping_documents",
            sample: "fulfillment/get-package-shipping-document.response.json",
            calls: |s| {
                one(Req::new(format!("/fulfillment/202309/packages/{}/shipping_documents", s.id("label")))
                    .q("document_type", "SHIPPING_LABEL"))
            },
        },
        Case {
            route: "GET /fulfillment/202309/orders/{order_id}/tracking",
            sample: "fulfillment/get-tracking.response.json",
            calls: |s| one(Req::new(format!("/fulfillment/202309/orders/{}/tracking", s.id("delivered")))),
        },
        Case {
            route: "GET /fulfillment/202508/tts_tracking_validation",
            sample: "fulfillment/tts-tracking-validation.response.json",
            calls: |s| {
                one(Req::new("/fulfillment/202508/tts_tracking_validation")
                    .q("tracking_number", s.id("label_tracking")))
            },
        },
        Case {
            route: "GET /fulfillment/202309/orders/split_attributes",
            sample: "fulfillment/get-order-split-attributes.response.json",
            calls: |s| {
                one(Req::new("/fulfillment/202309/orders/split_attributes")
                    .q("order_ids", &format!("{},{}", s.id("split"), s.id("delivered"))))
            },
        },
        Case {
            route: "POST /fulfillment/202309/orders/{order_id}/split",
            sample: "fulfillment/split-orders.response.json",
            calls: |s| {
                one(Req::new(format!("/fulfillment/202309/orders/{}/split", s.id("split"))).body(s.id("split_body")))
            },
        },
        Case {
            route: "GET /fulfillment/202309/combinable_packages/search",
            sample: "fulfillment/search-combinable-packages.response.json",
            calls: |_| one(Req::new("/fulfillment/202309/combinable_packages/search").q("page_size", "10")),
        },
        Case {
            route: "POST /fulfillment/202309/packages/combine",
            sample: "fulfillment/combine-package.response.json",
            calls: |s| {
                let mut body: serde_json::Value = serde_json::from_str(s.id("combine_body")).unwrap_or_default();
                if let Some(list) = body["combinable_packages"].as_array_mut() {
                    list.push(json!({"id": "1153000000000000001"}));
                }
                one(Req::new("/fulfillment/202309/packages/combine").body(body.to_string()))
            },
        },
        Case {
            route: "POST /fulfillment/202309/packages/{package_id}/uncombine",
            sample: "fulfillment/uncombine-packages.response.json",
            calls: |s| one(Req::new(format!("/fulfillment/202309/packages/{}/uncombine", s.id("combined"))).body("{}")),
        },
        Case {
            route: "POST /return_refund/202309/cancellations/search",
            sample: "return_refund/search-cancellations.response.json",
            calls: |_| one(Req::new("/return_refund/202309/cancellations/search").q("page_size", "50").body("{}")),
        },
        Case {
            route: "POST /return_refund/202602/cancellations/search",
            sample: "return_refund/search-cancellations.response.json",
            calls: |_| one(Req::new("/return_refund/202602/cancellations/search").q("page_size", "50").body("{}")),
        },
        Case {
            route: "POST /return_refund/202309/cancellations/{cancel_id}/approve",
            sample: "return_refund/approve-cancellation.response.json",
            calls: |s| {
                one(Req::new(format!("/return_refund/202309/cancellations/{}/approve", s.id("approve_cancel")))
                    .q("idempotency_key", "ref-approve"))
            },
        },
        Case {
            route: "POST /return_refund/202309/cancellations/{cancel_id}/reject",
            sample: "return_refund/reject-cancellation.response.json",
            calls: |s| {
                let reason = tokshop::sandbox::commerce::cancel_ops::REJECT_REASONS[0].0;
                let path = format!("/return_refund/202309/cancellations/{}/reject", s.id("reject_cancel"));
                one(Req::new(path)
                    .q("idempotency_key", "ref-reject")
                    .body(json!({"reject_reason": reason, "comment": "Already packed"}).to_string()))
            },
        },
        Case {
            route: "POST /return_refund/202309/cancellations",
            sample: "return_refund/cancel-order.response.json",
            calls: |s| {
                let body = json!({"order_id": s.id("cancel"), "cancel_reason": "seller_cancel_reason_out_of_stock"});
                one(Req::new("/return_refund/202309/cancellations").body(body.to_string()))
            },
        },
        Case {
            route: "POST /return_refund/202602/cancellations",
            sample: "return_refund/cancel-order.response.json",
            calls: |s| {
                let body =
                    json!({"order_id": s.id("cancel_202602"), "cancel_reason": "seller_cancel_reason_out_of_stock"});
                one(Req::new("/return_refund/202602/cancellations").body(body.to_string()))
            },
        },
        Case {
            route: "GET /return_refund/202309/reject_reasons",
            sample: "return_refund/get-reject-reasons.response.json",
            calls: |s| {
                one(Req::new("/return_refund/202309/reject_reasons").q("return_or_cancel_id", s.id("reject_cancel")))
            },
        },
        Case {
            route: "GET /product/202309/categories",
            sample: "products/get-categories.response.json",
            calls: |_| one(Req::new("/product/202309/categories").q("category_version", "v2").q("keyword", "Mugs")),
        },
        Case {
            route: "GET /product/202309/categories/{category_id}/rules",
            sample: "products/get-category-rules.response.json",
            calls: |s| {
                one(Req::new(format!("/product/202309/categories/{}/rules", s.id("leaf"))).q("category_version", "v2"))
            },
        },
        Case {
            route: "GET /product/202309/categories/{category_id}/attributes",
            sample: "products/get-attributes.response.json",
            calls: |s| {
                one(Req::new(format!("/product/202309/categories/{}/attributes", s.id("leaf")))
                    .q("category_version", "v2"))
            },
        },
        Case {
            route: "POST /product/202309/categories/recommend",
            sample: "products/recommend-category.response.json",
            calls: |_| {
                one(Req::new("/product/202309/categories/recommend")
                    .body(r#"{"product_title":"Enamel Camping Mug","category_version":"v2"}"#))
            },
        },
        Case {
            route: "GET /product/202309/brands",
            sample: "products/get-brands.response.json",
            calls: |s| {
                one(Req::new("/product/202309/brands")
                    .q("page_size", "20")
                    .q("category_version", "v2")
                    .q("category_id", s.id("leaf")))
            },
        },
        Case {
            route: "POST /product/202309/brands",
            sample: "products/create-custom-brands.response.json",
            calls: |_| one(Req::new("/product/202309/brands").body(r#"{"name":"Reference Mugworks"}"#)),
        },
        Case {
            route: "GET /product/202312/prerequisites",
            sample: "products/check-listing-prerequisites.response.json",
            calls: |_| one(Req::new("/product/202312/prerequisites")),
        },
        Case {
            route: "GET /product/202309/prerequisites",
            sample: "products/check-listing-prerequisites-202309.response.json",
            calls: |_| one(Req::new("/product/202309/prerequisites")),
        },
        Case {
            route: "POST /product/202309/images/upload",
            sample: "products/upload-product-image.response.json",
            calls: |_| {
                upload(
                    Req::new("/product/202309/images/upload"),
                    "side.png",
                    &png(600, 600),
                    &[("use_case", "MAIN_IMAGE")],
                )
            },
        },
        Case {
            route: "POST /product/202309/files/upload",
            sample: "products/upload-product-file.response.json",
            calls: |_| {
                upload(
                    Req::new("/product/202309/files/upload"),
                    "SDS.pdf",
                    b"%PDF-1.4\n%tokshop\n",
                    &[("name", "SDS.pdf")],
                )
            },
        },
        Case {
            route: "POST /product/202309/products",
            sample: "products/create-product.response.json",
            calls: |s| {
                let mut b: serde_json::Value =
                    serde_json::from_str(&unknown_brand(s, "Enamel Camping Mug, Blue")).unwrap_or_default();
                b["skus"][0]["seller_sku"] = json!("REF-MUG-BLU");
                one(Req::new("/product/202309/products").body(b.to_string()))
            },
        },
        Case {
            route: "PUT /product/202509/products/{product_id}",
            sample: "products/edit-product.response.json",
            calls: |s| {
                one(Req::new(format!("/product/202509/products/{}", s.id("edited")))
                    .body(unknown_brand(s, "Enamel Camping Mug 350ml")))
            },
        },
        Case {
            route: "PUT /product/202309/products/{product_id}",
            sample: "products/edit-product.response.json",
            calls: |s| {
                one(Req::new(format!("/product/202309/products/{}", s.id("edited")))
                    .body(unknown_brand(s, "Enamel Camping Mug 12oz")))
            },
        },
        Case {
            route: "POST /product/202509/products/{product_id}/partial_edit",
            sample: "products/partial-edit-product.response.json",
            calls: |s| {
                one(Req::new(format!("/product/202509/products/{}/partial_edit", s.id("edited")))
                    .body(r#"{"title":"Enamel Camping Mug (white)"}"#))
            },
        },
        Case {
            route: "POST /product/202309/products/{product_id}/partial_edit",
            sample: "products/partial-edit-product.response.json",
            calls: |s| {
                one(Req::new(format!("/product/202309/products/{}/partial_edit", s.id("edited")))
                    .body(r#"{"title":"Enamel Camping Mug, white"}"#))
            },
        },
        Case {
            route: "POST /product/202309/products/{product_id}/inventory/update",
            sample: "products/update-inventory.response.json",
            // A warehouse the SKU is not in: the answer names it in `errors[]`, as the sample does.
            calls: |s| {
                let body = json!({"skus": [{"id": s.id("product_sku"),
                    "inventory": [{"warehouse_id": "7000000000000000001", "quantity": 3}]}]});
                one(Req::new(format!("/product/202309/products/{}/inventory/update", s.id("product")))
                    .body(body.to_string()))
            },
        },
        Case {
            route: "POST /product/202309/products/{product_id}/prices/update",
            sample: "products/update-price.response.json",
            calls: |s| {
                let body =
                    json!({"skus": [{"id": s.id("product_sku"), "price": {"amount": "13.50", "currency": "USD"}}]});
                one(Req::new(format!("/product/202309/products/{}/prices/update", s.id("product")))
                    .body(body.to_string()))
            },
        },
        Case {
            route: "POST /product/202309/products/activate",
            sample: "products/activate-product.response.json",
            // Another seller's product: named in `errors[]`, as in the sample.
            calls: |_| {
                one(Req::new("/product/202309/products/activate").body(r#"{"product_ids":["1729382588639839583"]}"#))
            },
        },
        Case {
            route: "POST /product/202309/products/deactivate",
            sample: "products/deactivate-products.response.json",
            calls: |_| {
                one(Req::new("/product/202309/products/deactivate").body(r#"{"product_ids":["1729382588639839583"]}"#))
            },
        },
        Case {
            route: "GET /product/202405/products/seo_words",
            sample: "products/get-products-seo-words.response.json",
            calls: |s| one(Req::new("/product/202405/products/seo_words").q("product_ids", s.id("product"))),
        },
        Case {
            route: "GET /product/202405/products/suggestions",
            sample: "products/get-recommended-product-title-and-description.response.json",
            calls: |s| one(Req::new("/product/202405/products/suggestions").q("product_ids", s.id("product"))),
        },
        Case {
            route: "GET /product/202405/products/diagnoses",
            sample: "products/product-information-issue-diagnosis.response.json",
            calls: |s| one(Req::new("/product/202405/products/diagnoses").q("product_ids", s.id("product"))),
        },
        Case {
            route: "POST /product/202404/images/optimize",
            sample: "products/optimized-images.response.json",
            calls: |s| {
                let body = json!({"images": [{"uri": s.id("image"), "optimization_mode": ["WHITE_BACKGROUND"]}]});
                let r = || Req::new("/product/202404/images/optimize").body(body.to_string());
                vec![r(), r()]
            },
        },
        Case {
            route: "POST /product/202411/products/diagnose_optimize",
            sample: "products/diagnose-and-optimize-product.response.json",
            calls: |s| {
                let body = json!({"category_id": s.id("leaf"), "title": "Mug", "description": "<p>A mug</p>",
                    "main_images": [{"uri": s.id("image")}], "optimization_fields": "ALL"});
                one(Req::new("/product/202411/products/diagnose_optimize").body(body.to_string()))
            },
        },
        Case {
            route: "POST /product/202309/inventory/search",
            sample: "products/inventory-search.response.json",
            calls: |s| {
                one(Req::new("/product/202309/inventory/search")
                    .body(json!({"product_ids": [s.id("product")]}).to_string()))
            },
        },
        Case {
            route: "GET /product/202309/products/{product_id}",
            sample: "products/get-product.response.json",
            calls: |s| {
                ["product", "failed"]
                    .iter()
                    .map(|p| Req::new(format!("/product/202309/products/{}", s.id(p))))
                    .collect()
            },
        },
        Case {
            route: "POST /product/202502/products/search",
            sample: "products/search-products.response.json",
            calls: |_| {
                one(Req::new("/product/202502/products/search").q("page_size", "20").body(r#"{"status":"ALL"}"#))
            },
        },
        Case {
            route: "POST /product/202312/products/search",
            sample: "products/search-products.response.json",
            calls: |_| {
                one(Req::new("/product/202312/products/search").q("page_size", "20").body(r#"{"status":"ALL"}"#))
            },
        },
        Case {
            route: "POST /product/202309/products/search",
            sample: "products/search-products.response.json",
            calls: |_| {
                one(Req::new("/product/202309/products/search").q("page_size", "20").body(r#"{"status":"ALL"}"#))
            },
        },
        Case {
            route: "POST /product/202309/products/listing_check",
            sample: "products/check-product-listing.response.json",
            calls: |s| {
                let path = "/product/202309/products/listing_check";
                vec![
                    Req::new(path).body(product_body(s, "Enamel Camping Mug").to_string()),
                    Req::new(path).body(product_body(s, " ").to_string()),
                ]
            },
        },
        Case {
            route: "GET /finance/202309/statements",
            sample: "finance/get-statements.response.json",
            calls: |_| {
                one(Req::new("/finance/202309/statements").q("sort_field", "statement_time").q("page_size", "2"))
            },
        },
        Case {
            route: "GET /finance/202309/payments",
            sample: "finance/get-payments.response.json",
            calls: |_| one(Req::new("/finance/202309/payments").q("sort_field", "create_time").q("page_size", "2")),
        },
        Case {
            route: "GET /finance/202309/withdrawals",
            sample: "finance/get-withdrawals.response.json",
            calls: |_| one(Req::new("/finance/202309/withdrawals").q("types", "WITHDRAW,SETTLE").q("page_size", "2")),
        },
        Case {
            route: "GET /finance/202501/statements/{statement_id}/statement_transactions",
            sample: "finance/get-transactions-by-statement.response.json",
            calls: |s| {
                let p = format!("/finance/202501/statements/{}/statement_transactions", s.id("statement"));
                one(Req::new(&p).q("sort_field", "order_create_time").q("page_size", "100"))
            },
        },
        Case {
            route: "GET /finance/202501/orders/{order_id}/statement_transactions",
            sample: "finance/get-transactions-by-order.response.json",
            calls: |s| {
                one(Req::new(format!("/finance/202501/orders/{}/statement_transactions", s.id("settled_order"))))
            },
        },
        Case {
            route: "GET /finance/202507/orders/unsettled",
            sample: "finance/get-unsettled-transactions.response.json",
            calls: |_| one(Req::new("/finance/202507/orders/unsettled").q("sort_field", "order_create_time")),
        },
        Case {
            route: "POST /return_refund/202309/returns/search",
            sample: "return_refund/search-returns.response.json",
            calls: |_| one(Req::new("/return_refund/202309/returns/search").q("page_size", "50").body("{}")),
        },
        Case {
            route: "POST /return_refund/202602/returns/search",
            sample: "return_refund/search-returns.response.json",
            calls: |_| one(Req::new("/return_refund/202602/returns/search").q("page_size", "50").body("{}")),
        },
        Case {
            route: "GET /return_refund/202309/returns/{return_id}/records",
            sample: "return_refund/get-return-records.response.json",
            calls: |s| one(Req::new(format!("/return_refund/202309/returns/{}/records", s.id("ret_reject")))),
        },
        Case {
            route: "POST /return_refund/202309/returns/{return_id}/approve",
            sample: "return_refund/approve-return.response.json",
            calls: |s| {
                one(Req::new(format!("/return_refund/202309/returns/{}/approve", s.id("ret_approve")))
                    .q("idempotency_key", "ref-approve-return")
                    .body(json!({"decision": "APPROVE_REFUND"}).to_string()))
            },
        },
        Case {
            route: "POST /return_refund/202309/returns/{return_id}/reject",
            sample: "return_refund/reject-return.response.json",
            calls: |s| {
                let reason = tokshop::sandbox::returns::ops::REJECT_REQUEST_REASONS[0].0;
                one(Req::new(format!("/return_refund/202309/returns/{}/reject", s.id("ret_reject")))
                    .q("idempotency_key", "ref-reject-return")
                    .body(json!({"decision": "REJECT_REFUND", "reject_reason": reason}).to_string()))
            },
        },
        Case {
            route: "POST /return_refund/202309/refunds/calculate",
            sample: "return_refund/calculate-refund.response.json",
            calls: |s| {
                let body = json!({"order_id": s.id("delivered"), "request_type": "REFUND"});
                one(Req::new("/return_refund/202309/refunds/calculate").body(body.to_string()))
            },
        },
        Case {
            route: "GET /return_refund/202309/orders/{order_id}/aftersale_eligibility",
            sample: "return_refund/get-aftersale-eligibility.response.json",
            calls: |s| {
                one(Req::new(format!("/return_refund/202309/orders/{}/aftersale_eligibility", s.id("delivered"))))
            },
        },
    ]
}
