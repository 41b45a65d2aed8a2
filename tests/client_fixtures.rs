//! The client's typed endpoints decode TikTok's own samples (served as-is on loopback): a field
//! the client misnames fails here, whatever the sandbox does.

use crate::common;

use axum::routing::any;
use common::fixture;
use rust_decimal::Decimal;
use std::str::FromStr;
use tokshop::api::{ApiClient, ApiConfig, ShopRef};
use tokshop::domain::Secret;
use tokshop::domain::order::{OrderStatus, ShippingType};

async fn serve() -> ApiClient {
    let app = axum::Router::new().fallback(any(|uri: axum::http::Uri| async move {
        let p = uri.path();
        let f = if p.ends_with("/price_detail") {
            "orders/get-price-detail"
        } else if p == "/order/202309/orders" {
            "orders/get-order-detail"
        } else if p == "/order/202309/orders/search" {
            "orders/get-order-list"
        } else if p.ends_with("/packages") && p.contains("/orders/") {
            "fulfillment/mark-package-as-shipped"
        } else if p.ends_with("/handover_time_slots") {
            "fulfillment/get-package-handover-time-slots"
        } else if p.ends_with("/shipping_documents") {
            "fulfillment/get-package-shipping-document"
        } else if p.ends_with("/tracking") {
            "fulfillment/get-tracking"
        } else if p.ends_with("/combinable_packages/search") {
            "fulfillment/search-combinable-packages"
        } else if p.ends_with("/packages/combine") {
            "fulfillment/combine-package"
        } else if p.ends_with("/split") {
            "fulfillment/split-orders"
        } else if p == "/logistics/202309/warehouses" {
            "logistics/get-warehouse-list"
        } else if p.ends_with("/delivery_options") {
            "logistics/get-warehouse-delivery-options"
        } else if p.ends_with("/shipping_providers") {
            "logistics/get-shipping-providers"
        } else if p.ends_with("/cancellations/search") {
            "return_refund/search-cancellations"
        } else if p.ends_with("/reject_reasons") {
            "return_refund/get-reject-reasons"
        } else if p == "/return_refund/202309/cancellations" {
            "return_refund/cancel-order"
        } else {
            return axum::Json(
                serde_json::json!({"code": 36009009, "message": "Invalid path", "request_id": "R", "data": null}),
            );
        };
        let mut v = fixture(&format!("{f}.response.json"));
        // Sample pages have a next token; end them here.
        if let Some(d) = v.get_mut("data").and_then(|d| d.as_object_mut())
            && d.contains_key("next_page_token")
        {
            d.insert("next_page_token".into(), serde_json::json!(""));
        }
        axum::Json(v)
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    ApiClient::new(ApiConfig::new("k", Secret::new("s"), &base, &base), tokshop::clock::system(), None).expect("client")
}

fn shop() -> ShopRef {
    ShopRef { id: "7494049642642441621".into(), cipher: "ROW_x".into() }
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

#[tokio::test]
async fn orders_from_the_official_samples() {
    let api = serve().await;
    // No token source: shop calls need one, so give them one explicitly via a tiny source.
    let orders = api_with_token(&api).get_orders(&shop(), &["576461413038785752".into()]).await.expect("detail");
    let o = &orders[0];
    assert_eq!(o.id, "576461413038785752");
    assert_eq!(o.status, OrderStatus::Unpaid);
    assert_eq!(o.shipping_type, ShippingType::Tiktok);
    assert_eq!(o.seller_note, "seller note", "the seller's own note, for the packing bench");
    assert_eq!(o.payment.currency, "IDR");
    assert_eq!(o.payment.sub_total, d("5000"));
    assert_eq!(o.ship_by, Some(1619611688));
    assert_eq!(o.tracking_number.as_deref(), Some("JX12345"));
    assert_eq!(o.package_ids, vec!["1152321127278713123".to_string()]);
    assert_eq!(o.address.phone, "(+1)213-***-1234");
    let l = &o.lines[0];
    assert_eq!((l.seller_sku.as_str(), l.sale_price), ("red_iphone_256", d("0.01")));
    assert_eq!((l.taxes[0].amount, l.taxes[0].rate), (d("21.2"), d("0.35")));
    assert_eq!(l.package_id.as_deref(), Some("1153132168123859123"));

    let api = api_with_token(&api);
    let page = api
        .search_orders(&shop(), &Default::default(), 20, None, tokshop::api::Lane::Fulfillment)
        .await
        .expect("search");
    assert_eq!(page.total_count, Some(22113));
    assert_eq!(page.orders.len(), 1);
    let p = api.get_price_detail(&shop(), "1").await.expect("price");
    assert_eq!((p.currency.as_str(), p.tax_amount, p.tax_rate, p.total), ("USD", d("2.00"), d("0.021"), d("122.00")));
    assert_eq!(p.lines[0].id, "576461413032342720");
}

#[tokio::test]
async fn fulfillment_logistics_and_cancellations_from_the_samples() {
    let api = api_with_token(&serve().await);
    let m = api.mark_package_shipped(&shop(), "1", &[], "T", "P").await.expect("mark");
    assert_eq!(m.package_id, "32141235124234");
    let h = api.handover_time_slots(&shop(), "1").await.expect("slots");
    assert!(h.can_pickup && h.pickup_slots[0].available);
    assert!(api.shipping_document(&shop(), "1", "SHIPPING_LABEL").await.expect("doc").doc_url.starts_with("https://"));
    assert_eq!(api.order_tracking(&shop(), "1").await.expect("tracking")[0].update_time_millis, 1694685539000);
    let groups = api.combinable_packages(&shop()).await.expect("combinable");
    assert_eq!(groups[0].order_ids.len(), 2);
    let (pk, errs) = api.combine_packages(&shop(), "57466538837665", &[]).await.expect("combine");
    assert_eq!((pk[0].id.as_str(), errs[0].code), ("413234134123412", 10007014));
    assert_eq!(
        api.split_order(&shop(), "1", &[vec!["a".into()]]).await.expect("split")[0],
        ("123".to_string(), "223362377512830222".to_string())
    );
    let ws = api.get_warehouses(&shop()).await.expect("warehouses");
    assert_eq!(ws[0].name, "Guangzhou");
    assert_eq!(ws[0].delivery_options[0].providers[0].name, "USPS");
    let c = api.search_cancellations(&shop(), None, &[]).await.expect("cancellations");
    assert_eq!((c[0].id.as_str(), c[0].deadline), ("4035318504086604100", Some(1690554680)));
    assert!(c[0].pending());
    assert_eq!(
        api.reject_reasons(&shop(), "1").await.expect("reasons")[0].name,
        "seller_reject_apply_you_have_reached_an_agreement_with_the_buyer"
    );
    assert_eq!(
        api.cancel_order(&shop(), "1", "r", &[]).await.expect("cancel").cancel_status,
        "CANCELLATION_REQUEST_SUCCESS"
    );
}

struct FixedToken;

impl tokshop::api::TokenSource for FixedToken {
    fn access_token<'a>(
        &'a self,
        _: &'a str,
    ) -> futures::future::BoxFuture<'a, Result<Secret, tokshop::api::ApiError>> {
        Box::pin(async { Ok(Secret::new("t")) })
    }
    fn refresh<'a>(
        &'a self,
        _: &'a str,
        _: &'a Secret,
    ) -> futures::future::BoxFuture<'a, Result<Secret, tokshop::api::ApiError>> {
        Box::pin(async { Ok(Secret::new("t")) })
    }
}

fn api_with_token(api: &ApiClient) -> ApiClient {
    ApiClient::new(api.config().clone(), tokshop::clock::system(), Some(std::sync::Arc::new(FixedToken)))
        .expect("client")
}
