//! A list never stops short without a word: `--limit N` and `--all`, and a line on stderr when
//! more exist than shown.

use crate::common;
use crate::ui::{NOW, order_data};

use common::bin::{Env, stderr, stdout};

#[test]
fn orders_list_says_when_more_exist_than_shown() {
    let env = Env::new(None);
    drop(order_data::seeded_store(&env.data_dir(), NOW));
    let all = order_data::orders(NOW).len();
    let o = env.run(&["orders", "list", "--json", "--limit", "2"]);
    let shown: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(shown.as_array().map(Vec::len), Some(2));
    assert!(stderr(&o).contains("the first 2 orders; more exist"), "{}", stderr(&o));
    let o = env.run(&["orders", "list", "--json", "--all"]);
    let shown: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(shown.as_array().map(Vec::len), Some(all));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let o = env.run(&["orders", "list", "--limit", &all.to_string()]);
    assert!(stderr(&o).is_empty(), "exactly all shown: no line ({})", stderr(&o));
}

#[test]
fn packages_list_takes_limit_and_all_and_says_when_more_exist() {
    let env = Env::new(None);
    drop(order_data::seeded_store(&env.data_dir(), NOW));
    let o = env.run(&["packages", "list", "--json", "--limit", "2"]);
    let shown: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(shown.as_array().map(Vec::len), Some(2));
    assert!(stderr(&o).contains("the first 2 packages; more exist"), "{}", stderr(&o));
    // To fulfil first, soonest ship-by first, with the ship-by and warehouse.
    assert_eq!(shown[0]["id"], "1153000000000000101");
    assert!(shown[0]["ship_by"].is_i64() && shown[0]["warehouse_id"].is_string(), "{shown}");
    let o = env.run(&["packages", "list", "--all"]);
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    assert!(stdout(&o).contains("1153000000000000900"));
}

#[test]
fn audit_and_webhooks_lists_take_all() {
    let env = Env::new(None);
    drop(order_data::seeded_store(&env.data_dir(), NOW));
    for cmd in [["audit", "list"], ["webhooks", "list"]] {
        let o = env.run(&[cmd[0], cmd[1], "--all", "--json"]);
        assert!(o.status.success(), "{cmd:?}: {}", stderr(&o));
        assert!(stderr(&o).is_empty(), "{cmd:?}: {}", stderr(&o));
    }
}

#[test]
fn orders_show_in_plain_text_has_what_the_packing_bench_needs() {
    let env = Env::new(None);
    let store = order_data::seeded_store(&env.data_dir(), NOW);
    let mut o = order_data::orders(NOW).into_iter().find(|o| o.id == "576461413038785701").expect("fixture");
    o.buyer_message = "Please gift wrap".into();
    o.seller_note = "Fragile: double box".into();
    o.address.name = "Ava Martin".into();
    let mut second = o.lines[0].clone();
    second.id = "577000000000000103".into();
    o.lines.push(second);
    o.update_time += 10;
    store.upsert_orders(&[o], tokshop::domain::order::Source::Poll, NOW).expect("stored");
    drop(store);
    let out = stdout(&env.run(&["orders", "show", "576461413038785701"]));
    for want in [
        "2 × Cotton tee · Default · SKU TEE-BLK-M",
        "1 × Baseball cap · Default · SKU CAP-RED",
        "Message    Please gift wrap",
        "Our note   Fragile: double box",
        "Ship to    Ava Martin",
        "1199 Coleman Ave, San Jose, CA, United States",
    ] {
        assert!(out.contains(want), "{want:?} in\n{out}");
    }
}

#[test]
fn json_documents_use_tiktoks_field_names() {
    let env = Env::new(None);
    drop(order_data::seeded_store(&env.data_dir(), NOW));
    let o = env.run(&["orders", "show", "576461413038785703", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert!(v["delivery_option_name"].is_string() && v.get("delivery_option").is_none(), "{v}");
    assert!(v["lines"][0].get("shipping_provider_name").is_some() && v["lines"][0].get("shipping_provider").is_none());
    let c = &v["cancellations"][0];
    assert_eq!(c["cancel_type"], "BUYER_CANCEL");
    assert_eq!(c["cancel_status"], "CANCELLATION_REQUEST_PENDING");
    assert!(c["cancel_reason_text"].is_string() && c.get("type").is_none(), "{c}");
    let o = env.run(&["packages", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert!(v[0].get("shipping_provider_name").is_some() && v[0].get("shipping_provider").is_none(), "{v}");
}

#[test]
fn every_list_that_can_grow_takes_limit_and_all() {
    let env = Env::new(None);
    for cmd in [
        ["orders", "list"],
        ["packages", "list"],
        ["returns", "list"],
        ["statements", "list"],
        ["payments", "list"],
        ["withdrawals", "list"],
        ["catalog", "list"],
        ["listings", "list"],
        ["products", "search"],
        ["inbox", "list"],
        ["audit", "list"],
        ["webhooks", "list"],
    ] {
        let help = stdout(&env.run(&[cmd[0], cmd[1], "--help"]));
        assert!(help.contains("--limit <LIMIT>") && help.contains("--all"), "{cmd:?}:\n{help}");
    }
}

#[test]
fn catalog_list_stops_at_the_limit_and_says_so() {
    let env = Env::new(None);
    assert!(env.run(&["stores", "add", "main"]).status.success());
    let file = env.home.path().join("catalog.json");
    let product = |h: &str, sku: &str| {
        let variant = serde_json::json!({"sku": sku, "price": "5.00", "inventory": 1});
        serde_json::json!({"handle": h, "title": h, "variants": [variant]})
    };
    let doc =
        serde_json::json!({"products": [product("a-mug", "A-1"), product("b-mug", "B-1"), product("c-mug", "C-1")]});
    std::fs::write(&file, doc.to_string()).expect("write");
    let path = file.display().to_string();
    let o = env.run(&["catalog", "import", &path, "--store", "main", "--format", "tokshop"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = env.run(&["catalog", "list", "--json", "--limit", "2"]);
    let shown: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(shown.as_array().map(Vec::len), Some(2));
    assert!(stderr(&o).contains("the first 2 products; more exist"), "{}", stderr(&o));
    let o = env.run(&["catalog", "list", "--json", "--all"]);
    let shown: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(shown.as_array().map(Vec::len), Some(3));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let o = env.run(&["catalog", "list", "--limit", "3"]);
    assert!(stderr(&o).is_empty(), "exactly all shown: no line ({})", stderr(&o));
}
