//! The sandbox against TikTok's own reference samples and error rules, over loopback HTTP.

use crate::common;

use common::*;
use reqwest::Method;
use serde_json::Value;
use tokshop::sandbox::seed::Seed;

#[tokio::test]
async fn token_and_shops_match_the_official_samples() {
    let sb = sandbox(Seed::Demo).await;
    let code = sb.issue_code(None).expect("code");
    let (status, env) = send(
        &sb,
        Method::GET,
        "/api/v2/token/get",
        &[
            ("app_key".into(), APP_KEY.into()),
            ("app_secret".into(), APP_SECRET.into()),
            ("auth_code".into(), code),
            ("grant_type".into(), "authorized_code".into()),
        ],
        None,
        None,
        None,
    )
    .await;
    assert_eq!(status, 200);
    let token = env["data"]["access_token"].as_str().expect("token").to_string();

    let (status, env) = raw(&sb, Method::GET, "/authorization/202309/shops", &[], Some(&token), None).await;
    assert_eq!(status, 200, "{env}");
    assert_eq!(env["data"]["shops"].as_array().map(Vec::len), Some(2));

    let (_, env) = raw(&sb, Method::GET, "/seller/202309/shops", &[], Some(&token), None).await;
    assert_eq!(env["data"]["shops"].as_array().map(Vec::len), Some(2), "{env}");
    let (_, env) = raw(&sb, Method::GET, "/seller/202309/permissions", &[], Some(&token), None).await;
    assert_eq!(env["code"], 0, "{env}");
    sb.shutdown();
}

#[tokio::test]
async fn event_webhooks_round_trip_and_match_sample() {
    let sb = sandbox(Seed::Demo).await;
    let g = token_for(&sb, None).await;
    let token = g.access_token.expose().to_string();
    let (_, env) = raw(&sb, Method::GET, "/authorization/202309/shops", &[], Some(&token), None).await;
    let cipher = env["data"]["shops"][0]["cipher"].as_str().expect("cipher").to_string();
    let body = r#"{"event_type":"ORDER_STATUS_CHANGE","address":"https://partner.tiktokshop.com"}"#;
    let (status, env) =
        raw(&sb, Method::PUT, "/event/202309/webhooks", &[("shop_cipher", &cipher)], Some(&token), Some(body)).await;
    assert_eq!((status, env["code"].as_i64()), (200, Some(0)), "{env}");
    let (_, env) =
        raw(&sb, Method::GET, "/event/202309/webhooks", &[("shop_cipher", &cipher)], Some(&token), None).await;
    assert_eq!(env["data"]["total_count"], 1);
    sb.shutdown();
}

async fn code_of(
    sb: &tokshop::sandbox::SandboxHandle,
    method: Method,
    path: &str,
    extra: &[(&str, &str)],
    token: Option<&str>,
) -> (u16, i64, String) {
    let (s, env) = raw(sb, method, path, extra, token, None).await;
    (s, env["code"].as_i64().unwrap_or(-1), env["message"].as_str().unwrap_or("").to_string())
}

#[tokio::test]
async fn gateway_errors_use_the_documented_codes() {
    let sb = sandbox(Seed::Demo).await;
    let g = token_for(&sb, None).await;
    let token = g.access_token.expose().to_string();
    let shops = "/authorization/202309/shops";

    // Unknown path, bad version, wrong method.
    assert_eq!(code_of(&sb, Method::GET, "/authorization/202309/nothing", &[], Some(&token)).await.0, 404);
    assert_eq!(code_of(&sb, Method::GET, "/authorization/202309/nothing", &[], Some(&token)).await.1, 36009009);
    assert_eq!(code_of(&sb, Method::GET, "/authorization/202311/shops", &[], Some(&token)).await.1, 36009014);
    assert_eq!(code_of(&sb, Method::POST, shops, &[], Some(&token)).await.1, 36009010);
    // Missing and unknown token.
    let (s, c, m) = code_of(&sb, Method::GET, shops, &[], None).await;
    assert_eq!((s, c), (401, 36009004));
    assert!(m.contains("x-tts-access-token"), "{m}");
    // shop_cipher on a cipher-less endpoint, and missing where required.
    let (_, c, m) = code_of(&sb, Method::GET, shops, &[("shop_cipher", "ROW_x")], Some(&token)).await;
    assert_eq!(c, 36009004);
    assert!(m.starts_with("Unexpected identifier"), "{m}");
    assert_eq!(code_of(&sb, Method::DELETE, "/authorization/202403/shops", &[], Some(&token)).await.1, 106013);
    // A cipher that is not this seller's.
    assert_eq!(
        code_of(&sb, Method::DELETE, "/authorization/202403/shops", &[("shop_cipher", "ROW_nope")], Some(&token))
            .await
            .1,
        101000
    );

    // Bad signature, missing signature, bad app key, stale timestamp, no content type.
    let ts = sb.now().to_string();
    let q = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>();
    let (s, env) = send(
        &sb,
        Method::GET,
        shops,
        &q(&[("app_key", APP_KEY), ("timestamp", &ts), ("sign", "00ff")]),
        Some(&token),
        None,
        Some("application/json"),
    )
    .await;
    assert_eq!((s, env["code"].as_i64()), (401, Some(106001)));
    let (_, env) = send(
        &sb,
        Method::GET,
        shops,
        &q(&[("app_key", APP_KEY), ("timestamp", &ts)]),
        Some(&token),
        None,
        Some("application/json"),
    )
    .await;
    assert!(env["message"].as_str().unwrap_or("").starts_with("Missing credentials"), "{env}");
    let (s, env) = send(
        &sb,
        Method::GET,
        shops,
        &q(&[("app_key", "other"), ("timestamp", &ts), ("sign", "00")]),
        Some(&token),
        None,
        Some("application/json"),
    )
    .await;
    assert_eq!((s, env["code"].as_i64()), (400, Some(36009004)));
    let old = (sb.now() - 3600).to_string();
    let mut stale = q(&[("app_key", APP_KEY), ("timestamp", &old)]);
    let sign = tokshop::api::sign::sign(APP_SECRET, shops, &stale, b"", "application/json");
    stale.push(("sign".into(), sign.clone()));
    let (_, env) = send(&sb, Method::GET, shops, &stale, Some(&token), None, Some("application/json")).await;
    assert!(env["message"].as_str().unwrap_or("").contains("earlier than 5 minutes"), "{env}");
    let mut fresh = q(&[("app_key", APP_KEY), ("timestamp", &ts)]);
    fresh.push(("sign".into(), tokshop::api::sign::sign(APP_SECRET, shops, &fresh, b"", "application/json")));
    let (_, env) = send(&sb, Method::GET, shops, &fresh, Some(&token), None, None).await;
    assert_eq!(env["code"].as_i64(), Some(36009022));
    let (_, env) = send(&sb, Method::GET, shops, &fresh, Some(&token), None, Some("application/json")).await;
    assert_eq!(env["code"].as_i64(), Some(0), "{env}");
    // Every error envelope carries a 34-character request id.
    assert_eq!(env["request_id"].as_str().map(str::len), Some(34));

    // Eight days on the sandbox clock: the access token has expired.
    sb.advance_clock(8 * 86_400);
    let (s, c, _) = code_of(&sb, Method::GET, shops, &[], Some(&token)).await;
    assert_eq!((s, c), (401, 105002));
    sb.shutdown();
}

#[tokio::test]
async fn webhooks_6_and_7_match_the_official_examples() {
    let sb = sandbox(Seed::Demo).await;
    // Northwind's authorization ends in 20 days: a type-7 reminder goes out at once.
    let _ = token_for(&sb, Some("Northwind Outfitters")).await;
    sb.advance_clock(1);
    let _ = token_for(&sb, Some("Maomao Beauty")).await;
    sb.revoke("Maomao Beauty", None).expect("revoke");
    let d = sb.deliveries();
    let find = |t: i64| -> Value {
        let x = d.iter().find(|x| x.type_code == t).unwrap_or_else(|| panic!("a type {t} notification"));
        serde_json::from_slice(&x.body).expect("json")
    };
    let seven = find(7);
    assert_same_shape(&fixture("webhooks/7.json"), &seven, "type 7");
    assert!(seven["data"]["message"].as_str().unwrap_or("").contains("expiring in 20 days"), "{seven}");
    assert_same_shape(&fixture("webhooks/6.json"), &find(6), "type 6");
    // No address configured: nothing is sent, and the log says so.
    assert!(d.iter().all(|x| x.status == tokshop::sandbox::webhooks::DeliveryStatus::NoAddress));
    sb.shutdown();
}
