//! Every `--json` document of every command, walked whole against one naming convention (the
//! rules in `cli_json_names.rs`): one world (Maomao's shops with orders, returns, a year of
//! finance, a live listing, a mapped carrier), then one line per command. A new command with
//! `--json` is covered by adding its line to `COMMANDS` (and its field table to the README, which
//! this test asks for).

use crate::cli_json_names::{Rules, walk};
use crate::common::bin::{stderr, stdout};
use serde_json::Value;

/// Each command, `{us}`, `{order}`, `{return}`, `{statement}` filled from the world.
const COMMANDS: &[&str] = &[
    "stores list --json",
    "shops list --json",
    "inbox list --json",
    "webhooks list --json",
    "audit list --json",
    "orders list --json",
    "orders show {order} --json",
    "packages list --json",
    "returns list --json",
    "returns show {return} --json",
    "returns reasons {return} --json",
    "statements list --json",
    "statements show {statement} --json",
    "payments list --json",
    "withdrawals list --json",
    "finance order {order} --json",
    "finance reconcile --json",
    "catalog list --json",
    "carriers list --json",
    "warehouses list --json",
    "store check --json",
    "categories search serum --shop {us} --json",
    "brands search Mao --shop {us} --json",
    "products search --shop {us} --json",
    "listings list --json",
    "listings check glow-serum --shop {us} --json",
    "listings push --json",
    "listings drift --shop {us} --json",
    "listings seo glow-serum --shop {us} --json",
    "listings suggest glow-serum --shop {us} --json",
    "listings diagnose glow-serum --shop {us} --json",
    "listings edit glow-serum --shop {us} --title Glow --dry-run --json",
];

/// Commands whose non-zero exit is their answer (the reconciliation exits 1 on a break).
/// `listings check` exits 1 while fields are missing.
const EXIT_1_OK: &[&str] = &["finance reconcile", "listings check"];

/// Lists this world leaves empty (no webhook reaches a data dir without a receiver).
const EMPTY_OK: &[&str] = &["webhooks list"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_json_document_follows_the_convention() {
    let c = crate::live_listings_cli::cli_world().await;
    let (sb, env) = (&c.sb, &c.env);
    sb.finance_demo();
    assert!(sb.open_returns(&c.us, 6, 20) > 0, "returns to list");
    // Drift from Seller Center, in stock and in price.
    sb.seller_center_edit(&c.us, "LV-SER-50", Some(60), Some("24.00"));
    for sync in ["orders", "returns", "finance"] {
        let o = env.run_async(&[sync, "sync"]).await;
        assert!(o.status.success(), "{sync} sync: {}", stderr(&o));
    }
    let o = env.run_async(&["warehouses", "list", "--refresh", "--json"]).await;
    let w: Value = serde_json::from_str(&stdout(&o)).expect("warehouses");
    let ours = w.as_array().into_iter().flatten().filter(|w| w["shop_id"] == c.us.as_str());
    let providers = ours.flat_map(|w| w["delivery_options"].as_array().into_iter().flatten());
    let provider =
        providers.flat_map(|d| d["shipping_providers"].as_array().into_iter().flatten()).next().expect("a provider");
    let provider = provider["id"].as_str().expect("provider id");
    for args in [
        vec!["carriers", "add", "DHL Express"],
        vec!["carriers", "map", "DHL Express", "--provider", provider, "--shop", &c.us],
    ] {
        let o = env.run_async(&args).await;
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    let first = |args: &[&str], key: &str, at: &str| -> String {
        let o = env.run(args);
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap_or_default();
        v[0][key].as_str().or_else(|| v[0][at][key].as_str()).unwrap_or_default().to_string()
    };
    let fill = [
        ("{us}", c.us.clone()),
        ("{order}", first(&["orders", "list", "--json"], "id", "")),
        ("{return}", first(&["returns", "list", "--json"], "return_id", "")),
        ("{statement}", first(&["statements", "list", "--json"], "id", "statement")),
    ];
    let mut bad = Vec::new();
    let readme = include_str!("../README.md");
    for line in COMMANDS {
        let name: Vec<&str> = line.split(' ').take(2).collect();
        if !readme.contains(&format!("| `{}", name.join(" "))) {
            bad.push(format!("{line}: no field table in the README"));
        }
        let line = fill.iter().fold(line.to_string(), |l, (k, v)| l.replace(k, v));
        let args: Vec<&str> = line.split(' ').collect();
        let o = env.run_async(&args).await;
        let name = args[..2].join(" ");
        let ok = o.status.success() || (EXIT_1_OK.contains(&name.as_str()) && o.status.code() == Some(1));
        let v: Value = match serde_json::from_str(&stdout(&o)) {
            Ok(v) if ok => v,
            _ => {
                bad.push(format!("{line}: {} {}", stdout(&o), stderr(&o)));
                continue;
            }
        };
        if std::env::var_os("TOKSHOP_JSON_DUMP").is_some() {
            eprintln!("=== {line}\n{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        if v.as_array().is_some_and(|a| a.is_empty()) && !EMPTY_OK.contains(&name.as_str()) {
            bad.push(format!("{line}: an empty list proves nothing"));
        }
        walk(&v, &name, &Rules::of(&name), &mut bad);
    }
    bad.sort();
    bad.dedup();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    c.sb.shutdown();
}
