//! The sandbox's order, logistics, fulfillment and cancellation families against the official
//! samples and business rules, over loopback.

use crate::common;

use common::*;
use reqwest::Method;
use serde_json::Value;
use std::collections::HashSet;
use tokshop::sandbox::seed::Seed;

struct Shop {
    token: String,
    cipher: String,
    id: String,
}

async fn shop(sb: &tokshop::sandbox::SandboxHandle, seller: &str, region: &str) -> Shop {
    let g = token_for(sb, Some(seller)).await;
    let token = g.access_token.expose().to_string();
    let (id, cipher, _) = shops_of(sb, &token).await.into_iter().find(|s| s.2 == region).expect("shop");
    Shop { token, cipher, id }
}

async fn call(
    sb: &tokshop::sandbox::SandboxHandle,
    s: &Shop,
    m: Method,
    path: &str,
    q: &[(&str, &str)],
    body: Option<&str>,
) -> Value {
    let mut q: Vec<(&str, &str)> = q.to_vec();
    q.push(("shop_cipher", &s.cipher));
    let (status, env) = raw(sb, m, path, &q, Some(&s.token), body).await;
    assert_eq!(status, 200, "{path}: {env}");
    env
}

fn ok(env: &Value) -> &Value {
    assert_eq!(env["code"], 0, "{env}");
    &env["data"]
}

#[tokio::test]
async fn order_family_matches_the_samples_and_pages_cleanly() {
    let sb = sandbox(Seed::Demo).await;
    let s = shop(&sb, "Maomao Beauty", "US").await;
    let search = "/order/202309/orders/search";
    let env = call(&sb, &s, Method::POST, search, &[("page_size", "7")], Some("{}")).await;
    let data = ok(&env);
    let total = data["total_count"].as_u64().expect("total");
    assert_eq!(total, 40, "the demo history");

    // Walk every page: each order once, newest first, tokens carry + / = safely.
    let mut seen = HashSet::new();
    let mut token = String::new();
    let mut last = i64::MAX;
    loop {
        let env = call(&sb, &s, Method::POST, search, &[("page_size", "7"), ("page_token", &token)], Some("{}")).await;
        let d = ok(&env);
        for o in d["orders"].as_array().expect("orders") {
            assert!(seen.insert(o["id"].as_str().expect("id").to_string()));
            let ct = o["create_time"].as_i64().expect("time");
            assert!(ct <= last);
            last = ct;
        }
        token = d["next_page_token"].as_str().unwrap_or("").to_string();
        if token.is_empty() {
            break;
        }
    }
    assert_eq!(seen.len() as u64, total);

    // Filters: status, update-time window, sort by update_time ASC.
    let body = r#"{"order_status":"AWAITING_SHIPMENT"}"#;
    let env = call(
        &sb,
        &s,
        Method::POST,
        search,
        &[("page_size", "100"), ("sort_field", "update_time"), ("sort_order", "ASC")],
        Some(body),
    )
    .await;
    let awaiting = ok(&env)["orders"].as_array().expect("orders").clone();
    assert!(awaiting.iter().all(|o| o["status"] == "AWAITING_SHIPMENT"));
    let times: Vec<i64> = awaiting.iter().map(|o| o["update_time"].as_i64().unwrap_or(0)).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]));
    let env = call(&sb, &s, Method::POST, search, &[("page_size", "0")], Some("{}")).await;
    assert_eq!(env["code"], 21001001);

    // Detail by ids, and the full object against the official sample.
    let ids: Vec<&str> = seen.iter().take(3).map(String::as_str).collect();
    let env = call(&sb, &s, Method::GET, "/order/202309/orders", &[("ids", &ids.join(","))], None).await;
    assert_eq!(ok(&env)["orders"].as_array().map(Vec::len), Some(3));
    let too_many: Vec<String> = (0..51).map(|i| i.to_string()).collect();
    let env = call(&sb, &s, Method::GET, "/order/202309/orders", &[("ids", &too_many.join(","))], None).await;
    assert_eq!(env["code"], 21001001);
    let env = call(&sb, &s, Method::GET, &format!("/order/202407/orders/{}/price_detail", ids[0]), &[], None).await;
    let d = ok(&env);
    assert!(d["line_items"].as_array().is_some_and(|l| !l.is_empty()));

    // Logistics.
    let env = call(&sb, &s, Method::GET, "/logistics/202309/warehouses", &[], None).await;
    let wid = ok(&env)["warehouses"][0]["id"].as_str().expect("warehouse").to_string();
    let env =
        call(&sb, &s, Method::GET, &format!("/logistics/202309/warehouses/{wid}/delivery_options"), &[], None).await;
    let opts = ok(&env)["delivery_options"].as_array().expect("options").clone();
    let seller_opt = opts.iter().find(|o| o["type"] == "SEND_BY_SELLER").expect("seller option")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let tiktok_opt =
        opts.iter().find(|o| o["type"] == "STANDARD").expect("tiktok option")["id"].as_str().expect("id").to_string();
    let env = call(
        &sb,
        &s,
        Method::GET,
        &format!("/logistics/202309/delivery_options/{seller_opt}/shipping_providers"),
        &[],
        None,
    )
    .await;
    assert!(ok(&env)["shipping_providers"].as_array().is_some_and(|p| !p.is_empty()));
    let env = call(
        &sb,
        &s,
        Method::GET,
        &format!("/logistics/202309/delivery_options/{tiktok_opt}/shipping_providers"),
        &[],
        None,
    )
    .await;
    assert_eq!(env["code"], 21008117);

    // Packages.
    let env =
        call(&sb, &s, Method::POST, "/fulfillment/202309/packages/search", &[("page_size", "50")], Some("{}")).await;
    let pid = ok(&env)["packages"][0]["id"].as_str().expect("a package").to_string();
    let env = call(&sb, &s, Method::GET, &format!("/fulfillment/202309/packages/{pid}"), &[], None).await;
    assert_eq!(ok(&env)["package_id"], pid.as_str());
    sb.shutdown();
}

fn first_with(sb: &tokshop::sandbox::SandboxHandle, shop: &str, f: impl Fn(&Value) -> bool) -> Option<Value> {
    sb.order_ids(shop).into_iter().filter_map(|id| sb.order_json(shop, &id)).find(|o| f(o))
}

#[tokio::test]
async fn seller_shipping_split_ship_and_tracking_rules() {
    let sb = sandbox(Seed::Empty).await;
    let s = shop(&sb, "Sandbox Seller", "US").await;
    sb.set_mix(tokshop::sandbox::commerce::OrderMix {
        multi_line: 1.0,
        multi_unit: 0.0,
        tiktok_shipping: 0.0,
        unpaid: 0.0,
        on_hold: 0.0,
        buyer_cancel: 0.0,
        seller_center_split: 0.0,
        seller_center_combine: 0.0,
        ..Default::default()
    });
    sb.generate_orders(&s.id, 3);
    let o = first_with(&sb, &s.id, |o| o["status"] == "AWAITING_SHIPMENT").expect("an order to ship");
    let oid = o["id"].as_str().expect("id").to_string();
    let lines: Vec<String> =
        o["line_items"].as_array().expect("lines").iter().map(|l| l["id"].as_str().expect("id").to_string()).collect();
    assert!(lines.len() >= 2);
    let providers = call(&sb, &s, Method::GET, "/logistics/202309/warehouses", &[], None).await;
    let wid = ok(&providers)["warehouses"][0]["id"].as_str().expect("w").to_string();
    let opts =
        call(&sb, &s, Method::GET, &format!("/logistics/202309/warehouses/{wid}/delivery_options"), &[], None).await;
    let opt = ok(&opts)["delivery_options"]
        .as_array()
        .expect("o")
        .iter()
        .find(|o| o["type"] == "SEND_BY_SELLER")
        .expect("seller")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let prov =
        call(&sb, &s, Method::GET, &format!("/logistics/202309/delivery_options/{opt}/shipping_providers"), &[], None)
            .await;
    let usps = ok(&prov)["shipping_providers"][0]["id"].as_str().expect("provider").to_string();

    // Mark the first line as shipped: a split shipment (ORD-SPLIT-API).
    let body = format!(
        concat!(
            r#"{{"order_line_item_ids":["{}"],"tracking_number":"9400111899223197428490","#,
            r#""shipping_provider_id":"{usps}"}}"#
        ),
        lines[0],
        usps = usps
    );
    let env =
        call(&sb, &s, Method::POST, &format!("/fulfillment/202309/orders/{oid}/packages"), &[], Some(&body)).await;
    let pkg = ok(&env)["package_id"].as_str().expect("package").to_string();
    assert_eq!(sb.order_json(&s.id, &oid).expect("order")["status"], "PARTIALLY_SHIPPING");
    // The same tracking number again is refused; shipping the same line again too.
    let env =
        call(&sb, &s, Method::POST, &format!("/fulfillment/202309/orders/{oid}/packages"), &[], Some(&body)).await;
    assert_eq!(env["code"], 21011006, "{env}");
    let rest = format!(r#"{{"tracking_number":"9400111899223197428490","shipping_provider_id":"{usps}"}}"#);
    let env =
        call(&sb, &s, Method::POST, &format!("/fulfillment/202309/orders/{oid}/packages"), &[], Some(&rest)).await;
    assert_eq!(env["code"], 21011025, "{env}");
    let rest = format!(r#"{{"tracking_number":"9400111899223197428491","shipping_provider_id":"{usps}"}}"#);
    ok(&call(&sb, &s, Method::POST, &format!("/fulfillment/202309/orders/{oid}/packages"), &[], Some(&rest)).await);
    assert_eq!(sb.order_json(&s.id, &oid).expect("order")["status"], "IN_TRANSIT");

    // Tracking update (ORD-3PL-UPDATE): once, inside the window.
    let upd = format!(r#"{{"tracking_number":"9400111899223197428499","shipping_provider_id":"{usps}"}}"#);
    let path = format!("/fulfillment/202309/packages/{pkg}/shipping_info/update");
    ok(&call(&sb, &s, Method::POST, &path, &[], Some(&upd)).await);
    let env = call(&sb, &s, Method::POST, &path, &[], Some(&upd)).await;
    assert_eq!(env["code"], 21011051, "{env}");
    // Another order: outside the 48-hour window.
    let o2 = first_with(&sb, &s.id, |o| o["status"] == "AWAITING_SHIPMENT").expect("second order");
    let oid2 = o2["id"].as_str().expect("id").to_string();
    let b2 = format!(r#"{{"tracking_number":"1Z999AA10123456784","shipping_provider_id":"{usps}"}}"#);
    let env = call(&sb, &s, Method::POST, &format!("/fulfillment/202309/orders/{oid2}/packages"), &[], Some(&b2)).await;
    let pkg2 = ok(&env)["package_id"].as_str().expect("pkg").to_string();
    sb.advance_clock(49 * 3600);
    let env = call(
        &sb,
        &s,
        Method::POST,
        &format!("/fulfillment/202309/packages/{pkg2}/shipping_info/update"),
        &[],
        Some(&upd),
    )
    .await;
    assert_eq!(env["code"], 21011050, "{env}");

    // Split before shipping, via the API (third order).
    let o3 = first_with(&sb, &s.id, |o| o["status"] == "AWAITING_SHIPMENT").expect("third order");
    let oid3 = o3["id"].as_str().expect("id").to_string();
    let l3: Vec<String> =
        o3["line_items"].as_array().expect("lines").iter().map(|l| l["id"].as_str().expect("id").to_string()).collect();
    let env =
        call(&sb, &s, Method::GET, "/fulfillment/202309/orders/split_attributes", &[("order_ids", &oid3)], None).await;
    assert_eq!(ok(&env)["split_attributes"][0]["can_split"], true);
    let bad = format!(r#"{{"splittable_groups":[{{"id":"a","order_line_item_ids":["{}"]}}]}}"#, l3[0]);
    let env = call(&sb, &s, Method::POST, &format!("/fulfillment/202309/orders/{oid3}/split"), &[], Some(&bad)).await;
    assert_eq!(env["code"], 21011005);
    let rest: Vec<String> = l3[1..].iter().map(|x| format!("\"{x}\"")).collect();
    let good = format!(
        concat!(
            r#"{{"splittable_groups":[{{"id":"a","order_line_item_ids":["{}"]}},"#,
            r#"{{"id":"b","order_line_item_ids":[{}]}}]}}"#
        ),
        l3[0],
        rest.join(",")
    );
    let env = call(&sb, &s, Method::POST, &format!("/fulfillment/202309/orders/{oid3}/split"), &[], Some(&good)).await;
    assert_eq!(ok(&env)["packages"].as_array().map(Vec::len), Some(2));
    // A split package is shipped with Ship Package and a self shipment.
    let p0 = ok(&env)["packages"][0]["id"].as_str().expect("pkg").to_string();
    let ship = format!(r#"{{"self_shipment":{{"tracking_number":"SPLIT0001","shipping_provider_id":"{usps}"}}}}"#);
    ok(&call(&sb, &s, Method::POST, &format!("/fulfillment/202309/packages/{p0}/ship"), &[], Some(&ship)).await);
    assert_eq!(sb.order_json(&s.id, &oid3).expect("order")["status"], "PARTIALLY_SHIPPING");
    // Shipping documents are for TikTok shipping only.
    let env = call(
        &sb,
        &s,
        Method::GET,
        &format!("/fulfillment/202309/packages/{p0}/shipping_documents"),
        &[("document_type", "SHIPPING_LABEL")],
        None,
    )
    .await;
    assert_eq!(env["code"], 11034002);
    sb.shutdown();
}

#[tokio::test]
async fn tiktok_shipping_slots_label_and_collection() {
    let sb = sandbox(Seed::Empty).await;
    let s = shop(&sb, "Sandbox Seller", "US").await;
    sb.set_mix(tokshop::sandbox::commerce::OrderMix {
        tiktok_shipping: 1.0,
        unpaid: 0.0,
        on_hold: 0.0,
        buyer_cancel: 0.0,
        seller_center_split: 0.0,
        seller_center_combine: 0.0,
        ..Default::default()
    });
    sb.generate_orders(&s.id, 1);
    let o = first_with(&sb, &s.id, |o| o["status"] == "AWAITING_SHIPMENT").expect("order");
    let oid = o["id"].as_str().expect("id").to_string();
    let pid = o["packages"][0]["id"].as_str().expect("TikTok-shipped orders have a package").to_string();
    let env =
        call(&sb, &s, Method::GET, &format!("/fulfillment/202309/packages/{pid}/handover_time_slots"), &[], None).await;
    let slot = ok(&env)["pickup_slots"][0].clone();
    let env = call(
        &sb,
        &s,
        Method::GET,
        &format!("/fulfillment/202309/packages/{pid}/shipping_documents"),
        &[("document_type", "SHIPPING_LABEL")],
        None,
    )
    .await;
    assert_eq!(env["code"], 21023035, "label only after arranging shipment");
    let bad = r#"{"handover_method":"PICKUP","pickup_slot":{"start_time":1,"end_time":2}}"#;
    assert_eq!(
        call(&sb, &s, Method::POST, &format!("/fulfillment/202309/packages/{pid}/ship"), &[], Some(bad)).await["code"],
        21011053
    );
    let body = format!(
        r#"{{"handover_method":"PICKUP","pickup_slot":{{"start_time":{},"end_time":{}}}}}"#,
        slot["start_time"], slot["end_time"]
    );
    ok(&call(&sb, &s, Method::POST, &format!("/fulfillment/202309/packages/{pid}/ship"), &[], Some(&body)).await);
    assert_eq!(sb.order_json(&s.id, &oid).expect("o")["status"], "AWAITING_COLLECTION");
    let env = call(
        &sb,
        &s,
        Method::GET,
        &format!("/fulfillment/202309/packages/{pid}/shipping_documents"),
        &[("document_type", "SHIPPING_LABEL")],
        None,
    )
    .await;
    let url = ok(&env)["doc_url"].as_str().expect("url").to_string();
    let pdf = reqwest::get(&url).await.expect("fetch").bytes().await.expect("bytes");
    assert!(pdf.starts_with(b"%PDF-"), "a real PDF label");
    // The carrier collects at the slot; then it is in transit, with tracking events.
    let until = slot["start_time"].as_i64().expect("t") - sb.now() + 1;
    sb.advance_clock(until);
    assert_eq!(sb.order_json(&s.id, &oid).expect("o")["status"], "IN_TRANSIT");
    let env = call(&sb, &s, Method::GET, &format!("/fulfillment/202309/orders/{oid}/tracking"), &[], None).await;
    assert!(ok(&env)["tracking"].as_array().is_some_and(|t| t.len() >= 2));
    sb.advance_clock(6 * 86_400);
    assert_eq!(sb.order_json(&s.id, &oid).expect("o")["status"], "DELIVERED");
    sb.shutdown();
}

#[tokio::test]
async fn cancellations_and_combines() {
    let sb = sandbox(Seed::Empty).await;
    let s = shop(&sb, "Sandbox Seller", "US").await;
    sb.set_mix(tokshop::sandbox::commerce::OrderMix {
        tiktok_shipping: 0.0,
        unpaid: 0.0,
        on_hold: 0.0,
        buyer_cancel: 0.0,
        seller_center_split: 0.0,
        seller_center_combine: 1.0,
        ..Default::default()
    });
    let ids = sb.generate_orders(&s.id, 1);
    assert_eq!(ids.len(), 2, "a pair from the same buyer");
    let env =
        call(&sb, &s, Method::GET, "/fulfillment/202309/combinable_packages/search", &[("page_size", "10")], None)
            .await;
    let group = ok(&env)["combinable_packages"][0].clone();
    let body =
        format!(r#"{{"combinable_packages":[{{"id":"{}"}},{{"id":"11nope"}}]}}"#, group["id"].as_str().expect("id"));
    let env = call(&sb, &s, Method::POST, "/fulfillment/202309/packages/combine", &[], Some(&body)).await;
    let d = ok(&env);
    assert_eq!(d["packages"][0]["order_ids"].as_array().map(Vec::len), Some(2));
    assert_eq!(d["errors"][0]["code"], 21011031);
    let combined = d["packages"][0]["id"].as_str().expect("pkg").to_string();
    assert_eq!(sb.order_json(&s.id, &ids[0]).expect("o")["split_or_combine_tag"], "COMBINED");
    let env =
        call(&sb, &s, Method::POST, &format!("/fulfillment/202309/packages/{combined}/uncombine"), &[], Some("{}"))
            .await;
    assert_eq!(ok(&env)["packages"].as_array().map(Vec::len), Some(2), "one package per order again");

    // A buyer asks to cancel: the request has a deadline; reasons are checked; decisions are idempotent.
    let cid = sb.buyer_cancel_request(&s.id, &ids[0]).expect("request");
    let env = call(
        &sb,
        &s,
        Method::POST,
        "/return_refund/202309/cancellations/search",
        &[("page_size", "10")],
        Some(r#"{"cancel_status":["CANCELLATION_REQUEST_PENDING"]}"#),
    )
    .await;
    assert!(ok(&env)["cancellations"][0]["seller_next_action_response"][0]["deadline"].as_i64().is_some());
    let env =
        call(&sb, &s, Method::GET, "/return_refund/202309/reject_reasons", &[("return_or_cancel_id", &cid)], None)
            .await;
    assert!(ok(&env)["reasons"].as_array().is_some_and(|r| !r.is_empty()));
    let env = call(
        &sb,
        &s,
        Method::POST,
        &format!("/return_refund/202309/cancellations/{cid}/reject"),
        &[("idempotency_key", "k1")],
        Some(r#"{"reject_reason":"because"}"#),
    )
    .await;
    assert_eq!(env["code"], 25001014);
    ok(&call(
        &sb,
        &s,
        Method::POST,
        &format!("/return_refund/202309/cancellations/{cid}/approve"),
        &[("idempotency_key", "k2")],
        None,
    )
    .await);
    ok(&call(
        &sb,
        &s,
        Method::POST,
        &format!("/return_refund/202309/cancellations/{cid}/approve"),
        &[("idempotency_key", "k2")],
        None,
    )
    .await);
    assert_eq!(
        call(
            &sb,
            &s,
            Method::POST,
            &format!("/return_refund/202309/cancellations/{cid}/approve"),
            &[("idempotency_key", "k3")],
            None
        )
        .await["code"],
        25011012
    );
    assert_eq!(sb.order_json(&s.id, &ids[0]).expect("o")["status"], "CANCELLED");

    // The seller cancels the other order: the reason must suit its status.
    let body = format!(r#"{{"order_id":"{}","cancel_reason":"seller_cancel_unpaid_reason_out_of_stock"}}"#, ids[1]);
    assert_eq!(
        call(&sb, &s, Method::POST, "/return_refund/202309/cancellations", &[], Some(&body)).await["code"],
        25001021
    );
    let body = format!(r#"{{"order_id":"{}","cancel_reason":"seller_cancel_reason_out_of_stock"}}"#, ids[1]);
    let env = call(&sb, &s, Method::POST, "/return_refund/202309/cancellations", &[], Some(&body)).await;
    assert!(ok(&env)["cancel_id"].as_str().is_some_and(|c| !c.is_empty()));
    assert_eq!(sb.order_json(&s.id, &ids[1]).expect("o")["status"], "CANCELLED");
    let events: Vec<i64> = sb.deliveries().iter().map(|d| d.type_code).collect();
    for t in [1, 4, 11] {
        assert!(events.contains(&t), "webhook type {t} was produced: {events:?}");
    }
    sb.shutdown();
}

#[tokio::test]
async fn webhook_payloads_match_the_official_examples() {
    let sb = sandbox(Seed::Empty).await;
    let s = shop(&sb, "Sandbox Seller", "US").await;
    sb.set_mix(tokshop::sandbox::commerce::OrderMix {
        multi_line: 1.0,
        tiktok_shipping: 0.0,
        unpaid: 0.0,
        on_hold: 0.0,
        buyer_cancel: 0.0,
        seller_center_split: 0.0,
        seller_center_combine: 0.0,
        ..Default::default()
    });
    let ids = sb.generate_orders(&s.id, 1);
    sb.seller_center_split(&s.id, &ids[0]).expect("split");
    sb.buyer_cancel_request(&s.id, &ids[0]).expect("cancel request");
    let d = sb.deliveries();
    for t in [1, 4, 11] {
        let x = d.iter().find(|x| x.type_code == t).unwrap_or_else(|| panic!("type {t}"));
        let v: Value = serde_json::from_slice(&x.body).expect("json");
        assert_subset_shape(&fixture(&format!("webhooks/{t}.json")), &v, &format!("type {t}"), &[]);
    }
    sb.shutdown();
}
