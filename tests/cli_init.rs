//! `tokshop init` with the binary against the sandbox over loopback: answers piped on stdin, the
//! seller's browser (a plain HTTP client following the link) bringing the code back to init's
//! receiver, the secret kept in a 0600 file and never printed, a first sync, the unit printed;
//! and the steps that fail saying what to fix.

use crate::common;

use common::bin::{Env, stderr, stdout};
use common::*;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::process::Stdio;
use tokshop::sandbox::seed::Seed;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// A fresh home whose tokshop talks to the sandbox (but holds no app key or secret).
fn env_for(base: &str) -> Env {
    let mut env = Env::new(None);
    env.set("TOKSHOP_API_BASE_URL", base);
    env.set("TOKSHOP_AUTH_BASE_URL", base);
    env.set("TOKSHOP_AUTHORIZE_URL", &format!("{base}/open/authorize"));
    env
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn init_walks_from_nothing_to_a_synced_shop_and_a_service() {
    let sb = sandbox(Seed::Demo).await;
    let port = free_port();
    sb.set_redirect_url(Some(format!("http://127.0.0.1:{port}/oauth/callback")));
    let env = env_for(&sb.base_url());
    let mut cmd = env.command(&["init", "--app-key", APP_KEY]);
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("init starts");
    let mut stdin = child.stdin.take().expect("stdin");
    // The secret, the service id, the listen address, the public address (default), the store.
    let answers = format!("{APP_SECRET}\n{}\n127.0.0.1:{port}\n\nshop-one\n", tokshop::sandbox::DEFAULT_SERVICE_ID);
    stdin.write_all(answers.as_bytes()).expect("answers");
    let out = child.stdout.take().expect("stdout");
    let authorize = sb.authorize_url();
    let (link_tx, link_rx) = std::sync::mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        let mut all = String::new();
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if line.starts_with(&authorize) {
                let _ = link_tx.send(line.clone());
            }
            all.push_str(&line);
            all.push('\n');
        }
        all
    });
    let link = tokio::task::spawn_blocking(move || link_rx.recv_timeout(std::time::Duration::from_secs(60)))
        .await
        .expect("join")
        .expect("init prints the authorization link");
    // The seller's browser: the consent page redirects to init's own receiver with the code.
    let http = reqwest::Client::builder().build().expect("http");
    let page = http.get(&link).send().await.expect("the browser follows the link");
    assert_eq!(page.status().as_u16(), 200);
    assert!(page.text().await.expect("text").contains("tokshop received the authorization"));
    let status = tokio::task::spawn_blocking(move || {
        let s = child.wait().expect("wait");
        let mut e = String::new();
        if let Some(mut err) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut err, &mut e);
        }
        drop(stdin);
        (s, e)
    })
    .await
    .expect("join");
    let text = reader.join().expect("stdout read");
    let (exit, err) = status;
    assert!(exit.success(), "stdout:\n{text}\nstderr:\n{err}");
    for said in [
        "✔ TikTok accepted the signature",
        &format!("127.0.0.1:{port} is free and answers from this host"),
        &format!("webhook URL   http://127.0.0.1:{port}/webhooks/tiktok"),
        "store shop-one added",
        "the seller's browser brought the code back",
        "linked 2 shop(s) to store shop-one",
        "order(s) read",
        "ExecStart=",
        " daemon\n",
    ] {
        assert!(text.contains(said), "init says {said:?}:\n{text}");
    }
    assert!(!text.contains(APP_SECRET) && !err.contains(APP_SECRET), "the secret is never printed");

    // The secret alone in a 0600 file, the config pointing at it and never holding it.
    let cfg_dir = env.home.path().join("config/tokshop");
    let secret_file = cfg_dir.join("app_secret");
    assert_eq!(std::fs::read_to_string(&secret_file).expect("secret").trim(), APP_SECRET);
    assert_eq!(std::fs::metadata(&secret_file).expect("meta").permissions().mode() & 0o777, 0o600);
    let config = std::fs::read_to_string(cfg_dir.join("config.toml")).expect("config");
    assert!(!config.contains(APP_SECRET) && config.contains("app_secret_file"), "{config}");

    // What init set up is what every other command now uses: the shops, their orders.
    let o = env.run_async(&["shops", "list", "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let shops: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(shops.as_array().map(Vec::len), Some(2), "{shops}");
    assert!(shops.as_array().is_some_and(|a| a.iter().all(|s| s["store"] == "shop-one" && s["status"] == "active")));
    let o = env.run_async(&["orders", "list", "--json", "--all"]).await;
    let orders: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert!(orders.as_array().is_some_and(|a| !a.is_empty()), "the first sync stored orders");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn init_refuses_a_wrong_secret_and_writes_nothing() {
    let sb = sandbox(Seed::Demo).await;
    let env = env_for(&sb.base_url());
    let mut cmd = env.command(&["init", "--app-key", APP_KEY, "--service-id", "1"]);
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let o = tokio::task::spawn_blocking(move || {
        let mut child = cmd.spawn().expect("init starts");
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(b"not-the-secret-xyz\n").expect("answer");
        drop(stdin);
        child.wait_with_output().expect("init ends")
    })
    .await
    .expect("join");
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("106001") && err.contains("Copy the secret again"), "{err}");
    assert!(!err.contains("not-the-secret-xyz") && !stdout(&o).contains("not-the-secret-xyz"));
    assert!(!env.home.path().join("config/tokshop/config.toml").exists(), "nothing kept after a failed check");
    assert!(!env.home.path().join("config/tokshop/app_secret").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn init_names_a_taken_port_and_an_unknown_app_key() {
    let sb = sandbox(Seed::Demo).await;
    let env = env_for(&sb.base_url());
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let run = |args: Vec<String>, input: String| {
        let mut cmd = env.command(&args.iter().map(String::as_str).collect::<Vec<_>>());
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        tokio::task::spawn_blocking(move || {
            let mut child = cmd.spawn().expect("init starts");
            let mut stdin = child.stdin.take().expect("stdin");
            stdin.write_all(input.as_bytes()).expect("answer");
            drop(stdin);
            child.wait_with_output().expect("init ends")
        })
    };
    let args = ["init", "--app-key", APP_KEY, "--service-id", "1", "--webhook-listen", &addr];
    let o = run(args.iter().map(|a| a.to_string()).collect(), format!("{APP_SECRET}\n")).await.expect("join");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(&format!("{addr} is in use by another program")), "{}", stderr(&o));
    assert!(stdout(&o).contains("✔ TikTok accepted the signature"), "step 1 passed first: {}", stdout(&o));

    let args = ["init", "--app-key", "6nosuchkey", "--service-id", "1"];
    let o = run(args.iter().map(|a| a.to_string()).collect(), format!("{APP_SECRET}\n")).await.expect("join");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("TikTok does not know app key 6nosuchkey"), "{}", stderr(&o));
    drop(taken);
}
