//! The binary as scripts use it: exit codes, JSON output, config errors, the data-dir lock,
//! and the whole connect / list / refresh / disconnect flow against a sandbox over loopback.

use crate::common;

use common::bin::{Env, all_text, stderr, stdout, write_private};
use common::*;
use serde_json::Value;
use tokshop::sandbox::seed::Seed;

#[test]
fn config_errors_name_the_key_and_exit_2() {
    let env = Env::new(None);
    let cfg = env.home.path().join("config/tokshop/config.toml");

    write_private(&cfg, "app_key = \"k\"\nwebhook_port = 1\n", 0o600);
    let o = env.run(&["stores", "list"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("unknown field `webhook_port`"), "{}", stderr(&o));

    write_private(&cfg, "app_key = \"k\"\napp_secret = \"very-secret-value\"\n", 0o644);
    let o = env.run(&["stores", "list"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("chmod 600"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("very-secret-value"), "the secret never appears in errors");

    write_private(&cfg, "auth_base_url = \"auth.tiktok-shops.com\"\n", 0o600);
    let o = env.run(&["shops", "list"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("auth_base_url"), "{}", stderr(&o));

    // Commands that call TikTok need the app credentials.
    write_private(&cfg, "", 0o600);
    let o = env.run(&["shops", "refresh-token", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("app_key is not set"), "{}", stderr(&o));

    // An explicit --config that does not exist.
    let o = env.run(&["--config", "/nonexistent/tokshop.toml", "stores", "list"]);
    assert_eq!(o.status.code(), Some(2));

    // A bad keymap is reported before any screen opens.
    let km = env.home.path().join("bad-keymap.toml");
    write_private(&km, "[shops]\n\"c\" = \"launch-rockets\"\n", 0o600);
    let mut e2 = Env::new(Some("http://127.0.0.1:9"));
    e2.vars.retain(|(k, _)| k != "HOME");
    e2.set("HOME", &env.home.path().display().to_string());
    let o = e2.run(&["--keymap", km.to_str().expect("path"), "demo"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("unknown action"), "{}", stderr(&o));
}

#[test]
fn stores_and_the_data_dir_lock() {
    let env = Env::new(None);
    assert!(env.run(&["stores", "add", "main"]).status.success());
    let o = env.run(&["stores", "add", "main"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already exists"));
    let o = env.run(&["stores", "add", "no spaces please"]);
    assert_eq!(o.status.code(), Some(2));
    // A store name becomes a folder: nothing that leaves it, nothing hidden.
    for bad in ["..", ".", ".x", "a/b"] {
        let o = env.run(&["stores", "add", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(stderr(&o).contains("not valid"), "{}", stderr(&o));
    }
    let o = env.run(&["stores", "list", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("one JSON document");
    assert_eq!(v[0]["name"], "main");

    // A second process on the same data dir is told who holds it.
    let held = tokshop::store::Store::open(&env.data_dir()).expect("hold the store");
    let o = env.run(&["stores", "list"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(&format!("in use by pid {}", std::process::id())), "{}", stderr(&o));
    drop(held);
    assert!(env.run(&["stores", "remove", "main"]).status.success());
    let o = env.run(&["shops", "disconnect", "123"]);
    assert_eq!(o.status.code(), Some(2), "dangerous without --yes");
    assert!(stderr(&o).contains("--yes"));
}

#[tokio::test]
async fn connect_list_refresh_disconnect_with_the_binary() {
    let sb = sandbox(Seed::Demo).await;
    let env = Env::new(Some(&sb.base_url()));
    assert!(env.run_async(&["stores", "add", "main"]).await.status.success());

    let o = env.run_async(&["shops", "auth-url", "--store", "main"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let url = stdout(&o);
    assert!(
        url.starts_with(&format!("{}/open/authorize?service_id=", sb.base_url())) && url.contains("&state="),
        "{url}"
    );

    let code = sb.issue_code(Some("Maomao Beauty")).expect("code");
    let o = env.run_async(&["shops", "connect", "--store", "main", "--auth-code", &code, "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let linked: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(linked.as_array().map(Vec::len), Some(2));
    let reused = env.run_async(&["shops", "connect", "--store", "main", "--auth-code", &code]).await;
    assert_eq!(reused.status.code(), Some(1));
    assert!(stderr(&reused).contains("already been used"), "{}", stderr(&reused));

    let o = env.run_async(&["shops", "list", "--json"]).await;
    let shops: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let first = &shops[0];
    for k in
        ["id", "name", "region", "seller_type", "store", "status", "access_token_expire_in", "refresh_token_expire_in"]
    {
        assert!(first.get(k).is_some(), "shops list --json has {k}: {first}");
    }
    let id = first["id"].as_str().expect("id").to_string();
    let o = env.run_async(&["shops", "refresh-token", &id]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let o = env.run_async(&["shops", "disconnect", &id, "--yes"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("deauthorized on TikTok"), "{}", stdout(&o));
    let o = env.run_async(&["shops", "list", "--json"]).await;
    let shops: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let gone = shops.as_array().expect("array").iter().find(|s| s["id"] == id.as_str()).expect("kept in history");
    assert_eq!(gone["status"], "disconnected");
    assert!(gone["access_token_expire_in"].is_null());
    assert!(env.run_async(&["inbox", "list", "--json"]).await.status.success());
    assert!(env.run_async(&["webhooks", "list", "--json"]).await.status.success());

    // No token or secret ever reaches stdout, stderr or the logs.
    let store = tokshop::store::Store::open(&env.data_dir()).expect("store");
    let grant = store.list_grants().expect("grants").remove(0);
    let logs = all_text(&env.state_dir());
    let printed = format!("{}{}", stdout(&o), logs);
    for secret in [grant.access_token.expose(), grant.refresh_token.expose(), APP_SECRET] {
        assert!(!printed.contains(secret), "a secret leaked");
    }
    sb.shutdown();
}

#[tokio::test]
async fn daemon_stops_cleanly_on_sigterm() {
    let sb = sandbox(Seed::Empty).await;
    let mut env = Env::new(Some(&sb.base_url()));
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    env.set("TOKSHOP_WEBHOOK_LISTEN", &format!("127.0.0.1:{port}"));
    let mut child = env
        .command(&["daemon"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let http = tokshop::api::client::http_client(std::time::Duration::from_secs(2)).expect("http");
    let mut up = false;
    for _ in 0..100 {
        if http.get(format!("http://127.0.0.1:{port}/healthz")).send().await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(up, "the daemon listens");
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().expect("kill").success());
    let status = tokio::task::spawn_blocking(move || child.wait()).await.expect("join").expect("wait");
    assert_eq!(status.code(), Some(0));
    // Logs are the owner's alone: 0600 files in a 0700 directory.
    let mode = |p: &std::path::Path| {
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(p).expect("meta").permissions()) & 0o777
    };
    assert_eq!(mode(&env.state_dir()), 0o700);
    let logs: Vec<_> = std::fs::read_dir(env.state_dir()).expect("state dir").flatten().map(|e| e.path()).collect();
    assert!(!logs.is_empty() && logs.iter().all(|p| mode(p) == 0o600), "{logs:?}");
    sb.shutdown();
}
