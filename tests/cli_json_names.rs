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

/// Decimal strings that are not money (besides rates: `exchange_rate`, `tax_rate`).
const NOT_MONEY: [&str; 5] = ["weight", "value", "length", "width", "height"];

/// Times (unix seconds) under names TikTok gives them that do not end in `_time`.
const NAMED_TIMES: [&str; 6] =
    ["deadline", "ship_by", "reauthorize_by", "access_token_expire_in", "refresh_token_expire_in", "since"];

/// `*_type` keys whose values are a seller's own words, not TikTok's enum strings.
const OWN_TYPES: [&str; 1] = ["product_type"];

/// What one command's document may do beyond the common rules.
#[derive(Default)]
pub(crate) struct Rules {
    /// Keys whose status words are tokshop's own vocabulary (documented in the README), not
    /// TikTok's enum strings.
    own_statuses: &'static [&'static str],
}

impl Rules {
    pub(crate) fn of(command: &str) -> Rules {
        match command {
            // A connection's state is tokshop's: `active`, `reauthorize_by`, ...
            "shops list" => Rules { own_statuses: &["status"] },
            _ => Rules::default(),
        }
    }
}

/// `12.50`, `-3.00`: how money is written.
fn decimal(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    s.split_once('.').is_some_and(|(a, b)| {
        !a.is_empty() && !b.is_empty() && a.bytes().all(|c| c.is_ascii_digit()) && b.bytes().all(|c| c.is_ascii_digit())
    })
}

/// TikTok's enum strings: `AWAITING_SHIPMENT`.
fn enum_word(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_')
}

/// Walk a document; every breach of the convention is pushed to `bad` with its path.
pub(crate) fn walk(v: &Value, path: &str, rules: &Rules, bad: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            let priced = m.contains_key("currency");
            for (k, x) in m {
                let at = format!("{path}.{k}");
                if k.ends_with("_at") {
                    bad.push(format!("{at}: a time named *_at (TikTok says *_time)"));
                }
                if k.ends_with("_time") && !(x.is_i64() || x.is_null()) {
                    bad.push(format!("{at}: a time not in unix seconds ({x})"));
                }
                if MONEY.contains(&k.as_str()) && x.is_number() {
                    bad.push(format!("{at}: money as a number ({x})"));
                }
                if x.as_i64().is_some_and(|t| (1_000_000_000..10_000_000_000).contains(&t))
                    && !k.ends_with("_time")
                    && !NAMED_TIMES.contains(&k.as_str())
                {
                    bad.push(format!("{at}: a time not named *_time"));
                }
                let not_money = NOT_MONEY.contains(&k.as_str()) || k.ends_with("rate");
                let money_string = x.as_str().is_some_and(decimal) && !not_money;
                if (money_string || (MONEY.contains(&k.as_str()) && x.is_string())) && !priced {
                    bad.push(format!("{at}: money without a currency beside it"));
                }
                let typed = (k == "type" || k.ends_with("_type")) && !OWN_TYPES.contains(&k.as_str());
                let status = k == "status" || k.ends_with("_status") || typed;
                if let (true, Some(s)) = (status, x.as_str())
                    && !enum_word(s)
                    && !rules.own_statuses.contains(&k.as_str())
                {
                    bad.push(format!("{at}: {s:?} is not one of TikTok's enum strings"));
                }
                walk(x, &at, rules, bad);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| walk(x, &format!("{path}[]"), rules, bad)),
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
    let name = c[..2].join(" ");
    walk(&v, &name, &Rules::of(&name), bad);
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
