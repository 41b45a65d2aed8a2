//! One naming convention for every `--json` document: TikTok's `*_time` names for times (never
//! `*_at`), and money as a decimal string beside its currency, never a JSON number. Walks the
//! JSON of the main list and show commands.

use crate::ui::{NOW, order_data};

use crate::common;

use common::bin::{Env, stderr, stdout};
use common::*;
use serde_json::Value;
use tokshop::sandbox::seed::Seed;

/// Keys that hold money in tokshop's documents (TikTok's names).
const MONEY: [&str; 12] = [
    "amount",
    "price",
    "sale_price",
    "original_price",
    "total_amount",
    "sub_total",
    "shipping_fee",
    "tax",
    "settlement_amount",
    "revenue_amount",
    "refund_total",
    "retail_price",
];

fn walk(v: &Value, path: &str, bad: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let at = format!("{path}.{k}");
                if k.ends_with("_at") {
                    bad.push(format!("{at}: a time named *_at (TikTok says *_time)"));
                }
                if MONEY.contains(&k.as_str()) && x.is_number() {
                    bad.push(format!("{at}: money as a number ({x})"));
                }
                walk(x, &at, bad);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| walk(x, &format!("{path}[]"), bad)),
        _ => {}
    }
}

#[test]
fn json_documents_use_time_names_and_money_as_strings() {
    let env = Env::new(None);
    drop(order_data::seeded_store(&env.data_dir(), NOW));
    let commands: [&[&str]; 3] = [
        &["orders", "list", "--json"],
        &["orders", "show", "576461413038785701", "--json"],
        &["packages", "list", "--json"],
    ];
    let mut bad = Vec::new();
    for c in commands {
        check(&env.run(c), c, &mut bad);
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

fn check(o: &std::process::Output, c: &[&str], bad: &mut Vec<String>) {
    assert!(o.status.success(), "{c:?}: {}", stderr(o));
    let v: Value = serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{c:?}: {e}: {}", stdout(o)));
    assert!(v.as_array().is_none_or(|a| !a.is_empty()), "{c:?}: an empty list proves nothing");
    walk(&v, &c[..2].join(" "), bad);
}

/// Against the sandbox: a store, a connected shop (its token and authorization times), the
/// orders and webhooks it brings.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_of_a_connected_shop_uses_time_names() {
    let sb = sandbox(Seed::Demo).await;
    let env = Env::new(Some(&sb.base_url()));
    assert!(env.run_async(&["stores", "add", "main"]).await.status.success());
    let code = sb.issue_code(Some("Maomao Beauty")).expect("code");
    let o = env.run_async(&["shops", "connect", "--store", "main", "--auth-code", &code]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(env.run_async(&["orders", "sync"]).await.status.success());
    let commands: [&[&str]; 5] = [
        &["stores", "list", "--json"],
        &["shops", "list", "--json"],
        &["orders", "list", "--json"],
        &["packages", "list", "--json"],
        &["audit", "list", "--json"],
    ];
    let mut bad = Vec::new();
    for c in commands {
        check(&env.run_async(c).await, c, &mut bad);
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    sb.shutdown();
}
