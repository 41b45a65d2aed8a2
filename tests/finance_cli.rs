//! The finance commands with the binary: the JSON and the CSV carry the sandbox's totals to
//! the cent, the reconciliation exits 1 on the demo's break, payout journals balance.

use crate::common::bin::{Env, stderr, stdout};
use crate::common::*;
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;
use tokshop::sandbox::seed::Seed;

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().expect("money is a decimal string")).expect("decimal")
}

#[tokio::test]
async fn statements_payments_reconcile_and_exports_with_the_binary() {
    let sb = sandbox(Seed::Demo).await;
    sb.finance_demo();
    let env = Env::new(Some(&sb.base_url()));
    assert!(env.run_async(&["stores", "add", "main"]).await.status.success());
    let code = sb.issue_code(Some("Maomao Beauty")).expect("code");
    let o = env.run_async(&["shops", "connect", "--store", "main", "--auth-code", &code]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(env.run_async(&["orders", "sync"]).await.status.success());
    let o = env.run_async(&["finance", "sync"]).await;
    assert!(o.status.success(), "{}", stderr(&o));

    let o = env.run_async(&["statements", "list", "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let list: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let list = list.as_array().expect("array");
    assert!(list.len() > 40, "two shops, three months");
    let mut marks = 0;
    let mut currencies = std::collections::BTreeSet::new();
    for e in list {
        let s = &e["statement"];
        let (shop, id) = (s["shop_id"].as_str().expect("shop"), s["id"].as_str().expect("id"));
        let want = sb.statement_sums(shop, id).expect("sandbox statement");
        assert_eq!(dec(&s["reserve_amount"]), want[4], "{id}");
        if e["reconciles"] == true {
            assert_eq!(dec(&s["settlement_amount"]), want[5], "{id}");
            assert_eq!(dec(&s["revenue_amount"]), want[0], "{id}");
        } else {
            marks += 1;
            assert_eq!(e["mark"], "+1.00");
        }
        currencies.insert(s["currency"].as_str().expect("currency").to_string());
    }
    assert_eq!(marks, 2, "one broken statement per shop");
    assert_eq!(currencies.into_iter().collect::<Vec<_>>(), ["GBP", "USD"]);

    let id = list[0]["statement"]["id"].as_str().expect("id");
    let o = env.run_async(&["statements", "show", id]).await;
    assert!(stdout(&o).contains("ORDER"), "{}", stdout(&o));
    let o = env.run_async(&["statements", "list", "--status", "FAILED", "--json"]).await;
    let failed: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert!(!failed.as_array().expect("array").is_empty());
    assert!(env.run_async(&["payments", "list"]).await.status.success());
    let o = env.run_async(&["withdrawals", "list", "--json"]).await;
    let w: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert!(w.as_array().expect("array").iter().any(|w| w["type"] == "SETTLE"));

    let o = env.run_async(&["finance", "reconcile"]).await;
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("statement total ≠ sum of its transactions"), "{}", stdout(&o));

    // Transactions CSV: per statement, the settlement column sums to the sandbox's.
    let csv = env.home.path().join("tx.csv");
    let o = env
        .run_async(&[
            "finance",
            "export",
            "--from",
            "2000-01-01",
            "--to",
            "2100-01-01",
            "--kind",
            "transactions",
            "--out",
            &csv.display().to_string(),
        ])
        .await;
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&csv).expect("csv");
    let mut per: std::collections::BTreeMap<(String, String), Decimal> = Default::default();
    let head: Vec<&str> = text.lines().next().expect("header").split(',').collect();
    let col = |n: &str| head.iter().position(|h| *h == n).expect("column");
    for l in text.lines().skip(1) {
        let c: Vec<&str> = l.split(',').collect();
        *per.entry((c[col("shop_id")].into(), c[col("statement_id")].into())).or_default() +=
            Decimal::from_str(c[col("settlement")]).expect("amount");
    }
    assert!(per.len() > 40);
    for ((shop, id), sum) in per {
        assert_eq!(sum, sb.statement_sums(&shop, &id).expect("statement")[5], "{id}");
    }
    // Payout journals: each balances (signed amounts sum to zero).
    let csv = env.home.path().join("payouts.csv");
    let o = env
        .run_async(&[
            "finance",
            "export",
            "--from",
            "2000-01-01",
            "--to",
            "2100-01-01",
            "--kind",
            "payouts",
            "--out",
            &csv.display().to_string(),
        ])
        .await;
    assert!(o.status.success(), "{}", stderr(&o));
    let mut rdr: std::collections::BTreeMap<String, Decimal> = Default::default();
    let text = std::fs::read_to_string(&csv).expect("csv");
    for l in text.lines().skip(1) {
        // The narration is quoted and holds no comma; Amount is the 8th column from the left.
        let c: Vec<&str> = l.split(',').collect();
        *rdr.entry(c[0].into()).or_default() += Decimal::from_str(c[c.len() - 2]).expect("amount");
    }
    let unbalanced: Vec<_> = rdr.iter().filter(|(_, v)| !v.is_zero()).collect();
    assert!(unbalanced.len() <= 2, "only the payouts of the broken statements: {unbalanced:?}");
    assert!(rdr.len() > 20);

    // An order's money to the SKU.
    let store_order = {
        let store = tokshop::store::Store::open(&env.data_dir()).expect("store");
        let s = store.statements(&Default::default()).expect("statements").remove(0);
        store
            .statement_transactions(&s.id)
            .expect("txs")
            .into_iter()
            .find(|t| t.kind == "ORDER")
            .expect("order")
            .order_id
    };
    let o = env.run_async(&["finance", "order", &store_order, "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["settled"], true);
    assert!(!v["money"]["skus"].as_array().expect("skus").is_empty());
    sb.shutdown();
}
