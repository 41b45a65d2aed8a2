//! Live listings with the binary: `catalog set`, a stock feed on stdin (bad lines named, good
//! ones applied), `listings push --json`, stop/resume and rules; and `kill -9` between a change
//! and its push and in the middle of the push: TikTok ends with the latest value, sent once.

use crate::common::bin::{Env, stderr, stdout};
use crate::common::*;
use serde_json::{Value, json};
use tokshop::sandbox::faults::Faults;
use tokshop::sandbox::seed::Seed;

pub(crate) struct Cli {
    pub(crate) sb: tokshop::sandbox::SandboxHandle,
    pub(crate) env: Env,
    pub(crate) us: String,
    pub(crate) uk: String,
}

/// Maomao's two shops connected to store `main`, `glow-serum` in the catalogue and live on
/// both (made in Seller Center, matched by SKU) and pushed once.
pub(crate) async fn cli_world() -> Cli {
    let sb = sandbox(Seed::Demo).await;
    let env = Env::new(Some(&sb.base_url()));
    assert!(env.run_async(&["stores", "add", "main"]).await.status.success());
    let file = env.home.path().join("catalog.json");
    let doc = json!({"products": [
        {"handle": "glow-serum", "title": "Glow Serum", "vendor": "Maomao", "product_type": "Serums",
         "options": ["Size"],
         "variants": [{"sku": "LV-SER-30", "option_values": ["30 ml"], "price": "20.00", "inventory": 10},
                      {"sku": "LV-SER-50", "option_values": ["50 ml"], "price": "20.00", "inventory": 4}]}]});
    std::fs::write(&file, doc.to_string()).expect("write");
    let path = file.display().to_string();
    let o = env.run_async(&["catalog", "import", &path, "--store", "main", "--format", "tokshop"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let code = sb.issue_code(Some("Maomao Beauty")).expect("code");
    let o = env.run_async(&["shops", "connect", "--store", "main", "--auth-code", &code]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let shops = sb.sellers().into_iter().find(|s| s.1 == "Maomao Beauty").map(|s| s.2).expect("maomao");
    for s in &shops {
        sb.seller_center_product(s, "Glow Serum", "Mugs", &[("LV-SER-30", "20.00"), ("LV-SER-50", "20.00")])
            .expect("live product");
        let o = env.run_async(&["listings", "match", "--shop", s]).await;
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let o = env.run_async(&["listings", "push"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let region = |id: &str| sb.state.lock().shops.get(id).map(|s| s.region.clone()).unwrap_or_default();
    let us = shops.iter().find(|s| region(s) == "US").cloned().expect("us");
    let uk = shops.iter().find(|s| region(s) == "GB").cloned().expect("uk");
    Cli { sb, env, us, uk }
}

fn stock(c: &Cli, shop: &str, sku: &str) -> i64 {
    c.sb.sku_state(shop, sku).expect("sku").0
}

#[tokio::test]
async fn set_feed_push_stop_and_rules_with_the_binary() {
    let c = cli_world().await;
    assert_eq!((stock(&c, &c.us, "LV-SER-30"), stock(&c, &c.uk, "LV-SER-50")), (10, 4));
    let o = c.env.run_async(&["catalog", "set", "LV-SER-30", "--stock", "12", "--price", "21.00"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("stock 10 → 12, price 20.00 → 21.00 USD; queued for 2 live shop(s)"), "{}", stdout(&o));
    // A feed: one good line per SKU, three bad ones named by line.
    let feed = b"# sku,qty\nLV-SER-30,7\nLV-SER-50\nNOPE-1,3\nLV-SER-50,x\nLV-SER-50,2\n";
    let o = c.env.run_with_stdin(&["catalog", "stock"], feed.to_vec()).await;
    assert_eq!(o.status.code(), Some(1), "a refused line fails the command");
    let err = stderr(&o);
    for want in ["line 3: expected SKU,QTY", "line 4: no SKU NOPE-1", "line 5: quantity x is not a whole number"] {
        assert!(err.contains(want), "{want}: {err}");
    }
    assert!(stdout(&o).contains("2 applied, 3 refused"), "{}", stdout(&o));
    let o = c.env.run_async(&["listings", "push", "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let shops = doc.as_array().expect("array");
    assert_eq!(shops.len(), 2);
    for s in shops {
        assert_eq!(s["outbox"][0]["state"], "done", "{s}");
        assert_eq!(s["products"][0]["outcome"], "pushed", "{s}");
        assert_eq!(s["waiting"], 0);
    }
    assert_eq!((stock(&c, &c.us, "LV-SER-30"), stock(&c, &c.us, "LV-SER-50")), (7, 2));
    assert_eq!(c.sb.sku_state(&c.us, "LV-SER-30").expect("sku").1, "21.00");
    // Stopped stock on the UK shop stays; the US shop follows.
    let o = c.env.run_async(&["listings", "stop", "glow-serum", "--shop", &c.uk, "--stock"]).await;
    assert!(stdout(&o).contains("stopped now: stock"), "{}", stdout(&o));
    assert!(c.env.run_async(&["catalog", "set", "LV-SER-30", "--stock", "5"]).await.status.success());
    assert!(c.env.run_async(&["listings", "push"]).await.status.success());
    assert_eq!((stock(&c, &c.us, "LV-SER-30"), stock(&c, &c.uk, "LV-SER-30")), (5, 7));
    let o = c.env.run_async(&["listings", "resume", "glow-serum", "--shop", &c.uk]).await;
    assert!(stdout(&o).contains("stopped now: nothing"), "{}", stdout(&o));
    // An unknown product is a usage error (exit 2), as an unknown shop or SKU is.
    for verb in ["stop", "resume"] {
        let o = c.env.run_async(&["listings", verb, "no-such-thing", "--shop", &c.uk]).await;
        assert_eq!(o.status.code(), Some(2), "{verb}: {}", stderr(&o));
        assert!(stderr(&o).contains("no product or SKU \"no-such-thing\""), "{}", stderr(&o));
    }
    // Rules: keep 1 back, list half.
    let o = c.env.run_async(&["listings", "rules", "--shop", &c.uk, "--buffer", "1", "--share", "50"]).await;
    assert!(stdout(&o).contains("keep 1 back, list 50% of the rest"), "{}", stdout(&o));
    assert!(c.env.run_async(&["listings", "push"]).await.status.success());
    assert_eq!((stock(&c, &c.uk, "LV-SER-30"), stock(&c, &c.uk, "LV-SER-50")), (2, 0));
    // Drift from Seller Center is shown with its resolution.
    c.sb.seller_center_edit(&c.us, "LV-SER-50", Some(60), None);
    let o = c.env.run_async(&["listings", "drift", "--shop", &c.us, "--json"]).await;
    let drift: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(drift[0]["drift"][0]["theirs"], "60", "{drift}");
    let o = c.env.run_async(&["listings", "drift", "--shop", &c.us, "--push-ours", "glow-serum"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(c.env.run_async(&["listings", "push"]).await.status.success());
    assert_eq!(stock(&c, &c.us, "LV-SER-50"), 2);
    // Search, an edit's diff, deactivate and activate.
    let o = c
        .env
        .run_async(&["products", "search", "--shop", &c.us, "--status", "ACTIVATE", "--sku", "LV-SER-30", "--json"])
        .await;
    let found: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");
    let pid = found[0]["id"].as_str().expect("id").to_string();
    let args = ["listings", "edit", "glow-serum", "--shop", &c.us, "--title", "Glow Serum Duo", "--dry-run", "--json"];
    let o = c.env.run_async(&args).await;
    let diff: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(diff["changes"], json!([{"field": "title", "tiktok": "Glow Serum", "ours": "Glow Serum Duo"}]));
    assert_eq!(diff["sent"], false);
    assert_eq!(c.sb.product_json(&c.us, &pid).expect("product")["title"], "Glow Serum", "a dry run sends nothing");
    let o = c.env.run_async(&["listings", "edit", "glow-serum", "--shop", &c.us, "--title", "Glow Serum Duo"]).await;
    assert!(stdout(&o).contains("title:\n  - Glow Serum\n  + Glow Serum Duo"), "{}", stdout(&o));
    assert_eq!(c.sb.product_json(&c.us, &pid).expect("product")["title"], "Glow Serum Duo");
    let o = c.env.run_async(&["listings", "deactivate", "glow-serum", "--shop", &c.us]).await;
    assert!(stdout(&o).contains("1 deactivated"), "{} {}", stdout(&o), stderr(&o));
    let o = c.env.run_async(&["products", "search", "--shop", &c.us, "--status", "SELLER_DEACTIVATED"]).await;
    assert!(stdout(&o).contains(&pid), "{}", stdout(&o));
    let o = c.env.run_async(&["listings", "activate", "LV-SER-50", "--shop", &c.us]).await;
    assert!(stdout(&o).contains("1 activated (TikTok audits it again)"), "{} {}", stdout(&o), stderr(&o));
    c.sb.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_between_a_change_and_its_push_and_during_it_leaves_tiktok_with_the_latest_once() {
    let c = cli_world().await;
    // The change is committed; the process that would push it dies before a call leaves.
    assert!(c.env.run_async(&["catalog", "set", "LV-SER-30", "--stock", "3"]).await.status.success());
    c.sb.set_faults(Faults { latency_ms: 600, ..Faults::default() });
    c.sb.reset_call_log();
    let mut child = c.env.command(&["listings", "push"]).spawn().expect("spawn");
    wait_until("the reads under way", || c.sb.call_log().calls >= 1).await;
    assert!(std::process::Command::new("kill").args(["-9", &child.id().to_string()]).status().expect("kill").success());
    let _ = tokio::task::spawn_blocking(move || child.wait()).await;
    // A later change on top, and a push killed while its Update Inventory calls are in flight.
    assert!(c.env.run_async(&["catalog", "set", "LV-SER-30", "--stock", "6"]).await.status.success());
    let before = c.sb.inventory_calls();
    c.sb.reset_call_log();
    let mut child = c.env.command(&["listings", "push"]).spawn().expect("spawn");
    wait_until("the updates in flight", || c.sb.call_log().calls >= 4).await;
    assert!(std::process::Command::new("kill").args(["-9", &child.id().to_string()]).status().expect("kill").success());
    let _ = tokio::task::spawn_blocking(move || child.wait()).await;
    c.sb.set_faults(Faults::default());
    let o = c.env.run_async(&["listings", "push"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!((stock(&c, &c.us, "LV-SER-30"), stock(&c, &c.uk, "LV-SER-30")), (6, 6), "the latest value");
    assert_eq!(c.sb.inventory_calls() - before, 2, "one Update Inventory per shop, never twice");
    c.sb.shutdown();
}

#[tokio::test]
async fn seo_words_suggestions_and_diagnosis_with_the_binary() {
    let c = cli_world().await;
    let o = c.env.run_async(&["listings", "diagnose", "glow-serum", "--shop", &c.us, "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let d: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(d["diagnosis"]["tier"], "POOR", "{d}");
    let codes: Vec<&str> =
        d["diagnosis"]["issues"].as_array().expect("issues").iter().filter_map(|i| i["code"].as_str()).collect();
    assert_eq!(codes, ["TITLE_LESS_THAN_40_CHARACTERS", "MAIN_IMG_LESS_THAN_5_IMAGES"]);
    let o = c.env.run_async(&["listings", "seo", "glow-serum", "--shop", &c.us, "--json"]).await;
    let seo: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let words: Vec<String> =
        seo["seo_words"].as_array().expect("words").iter().filter_map(|w| w.as_str().map(String::from)).collect();
    assert!(!words.is_empty() && words.iter().all(|w| !"glow serum".contains(w.as_str())), "{seo}");
    // The same product, the same words: derived from its content.
    let again = c.env.run_async(&["listings", "seo", "glow-serum", "--shop", &c.us, "--json"]).await;
    assert_eq!(stdout(&again), stdout(&o));
    let pid = seo["product_id"].as_str().expect("id").to_string();
    let o = c.env.run_async(&["listings", "seo", "glow-serum", "--shop", &c.us, "--add", &words[0]]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let titled = format!("Glow Serum {}", words[0]);
    assert_eq!(c.sb.product_json(&c.us, &pid).expect("product")["title"], titled.as_str());
    let o = c.env.run_async(&["listings", "suggest", "glow-serum", "--shop", &c.us, "--json"]).await;
    let s: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let suggested = s["title"]["suggested"].as_str().expect("a suggested title").to_string();
    assert!(suggested.chars().count() >= 40 || suggested.len() > titled.len(), "{s}");
    let o = c.env.run_async(&["listings", "suggest", "glow-serum", "--shop", &c.us, "--apply", "title"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(c.sb.product_json(&c.us, &pid).expect("product")["title"], suggested.as_str());
    c.sb.shutdown();
}
