//! The client's retry, back-off, rate limiting and pagination against the sandbox's faults and
//! a paginating endpoint, over loopback.

use crate::common;

use axum::extract::Query;
use axum::routing::get;
use common::*;
use futures::TryStreamExt;
use serde::Deserialize;
use std::collections::HashMap;
use std::time::Duration;
use tokshop::api::paging::{Page, pages};
use tokshop::api::{ApiClient, ApiRequest, Auth, ErrorClass};
use tokshop::domain::Secret;
use tokshop::sandbox::faults::Faults;
use tokshop::sandbox::seed::Seed;

#[tokio::test]
async fn internal_errors_are_retried_until_they_pass() {
    let sb = sandbox(Seed::Demo).await;
    let g = token_for(&sb, None).await;
    sb.set_faults(Faults { error_rate: 0.5, ..Faults::default() });
    let c = client(&sb, None);
    for _ in 0..20 {
        let shops = c.get_authorized_shops(&g.access_token).await.expect("retries hide a 50% error rate");
        assert_eq!(shops.len(), 2);
    }
    // Always failing: the caller gets a retryable error naming TikTok's code and request id.
    sb.set_faults(Faults { error_rate: 1.0, ..Faults::default() });
    let e = c.get_authorized_shops(&g.access_token).await.expect_err("gives up");
    assert_eq!(e.class, ErrorClass::Retryable);
    assert_eq!(e.code, Some(36009003));
    assert!(e.request_id.is_some());
    sb.shutdown();
}

#[tokio::test]
async fn rate_limited_calls_back_off_and_succeed() {
    let sb = sandbox(Seed::Demo).await;
    let g = token_for(&sb, None).await;
    // The sandbox allows 5 calls per second; the client thinks it may make 50.
    sb.set_faults(Faults { qps: 5, ..Faults::default() });
    let mut cfg = api_config(&sb);
    cfg.retry.min_delay = Duration::from_millis(100);
    cfg.retry.max_delay = Duration::from_secs(2);
    cfg.retry.max_retries = 10;
    let c = ApiClient::new(cfg, tokshop::clock::system(), None).expect("client");
    let mut tasks = Vec::new();
    for _ in 0..15 {
        let (c, t) = (c.clone(), g.access_token.clone());
        tasks.push(tokio::spawn(async move { c.get_authorized_shops(&t).await.map(|s| s.len()) }));
    }
    for t in tasks {
        assert_eq!(t.await.expect("join").expect("succeeds after backing off"), 2);
    }
    sb.shutdown();
}

#[tokio::test]
async fn a_client_limited_like_the_sandbox_sees_no_429() {
    let sb = sandbox(Seed::Demo).await;
    let g = token_for(&sb, None).await;
    sb.set_faults(Faults { qps: 20, ..Faults::default() });
    let mut cfg = api_config(&sb);
    cfg.qps_per_shop = 20;
    cfg.retry.max_retries = 0;
    let c = ApiClient::new(cfg, tokshop::clock::system(), None).expect("client");
    // 40 calls at 20/s take about two seconds and never exceed the sandbox's limit.
    for _ in 0..40 {
        c.get_authorized_shops(&g.access_token).await.expect("never throttled");
    }
    sb.shutdown();
}

#[derive(Deserialize)]
struct NumbersPage {
    numbers: Vec<u32>,
    next_page_token: Option<String>,
}

impl Page for NumbersPage {
    type Item = u32;
    fn into_parts(self) -> (Vec<u32>, Option<String>) {
        (self.numbers, self.next_page_token)
    }
}

#[tokio::test]
async fn pagination_follows_opaque_tokens_to_the_end() {
    // Tokens with + / = must survive encoding; an empty token ends the list.
    let app = axum::Router::new().route(
        "/demo/202309/numbers",
        get(|Query(q): Query<HashMap<String, String>>| async move {
            let (numbers, next) = match q.get("page_token").map(String::as_str) {
                None => (vec![1, 2], "p+2/=="),
                Some("p+2/==") => (vec![3, 4], "p+3/=="),
                Some("p+3/==") => (vec![5], ""),
                Some(other) => panic!("unexpected token {other}"),
            };
            axum::Json(serde_json::json!({
                "code": 0, "message": "Success", "request_id": "R",
                "data": {"numbers": numbers, "next_page_token": next}
            }))
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    let cfg = tokshop::api::ApiConfig::new("k", Secret::new("s"), &base, &base);
    let c = ApiClient::new(cfg, tokshop::clock::system(), None).expect("client");
    let stream = pages::<NumbersPage, _>(c, |token| {
        let mut r = ApiRequest::new(reqwest::Method::GET, "/demo/202309/numbers", Auth::Token(Secret::new("t")))
            .query("page_size", 2);
        if let Some(t) = token {
            r = r.query("page_token", t);
        }
        r
    });
    let all: Vec<Vec<u32>> = stream.try_collect().await.expect("pages");
    assert_eq!(all, vec![vec![1, 2], vec![3, 4], vec![5]]);
    tokio::time::sleep(Duration::from_millis(1)).await;
}
