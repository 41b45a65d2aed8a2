//! A storage error is not forever: with the engine's file-size limit reached, webhooks are
//! answered 503 (no internal detail) while writes fail; once the limit is lifted, the next
//! webhook is stored and acknowledged without a restart.

use crate::common;

use common::bin::Env;
use common::{APP_KEY, APP_SECRET};
use std::time::{Duration, Instant};
use tokshop::sandbox::verify::webhook_signature;

async fn post(http: &reqwest::Client, port: u16, i: usize, pad: usize) -> (u16, String) {
    let body = format!(
        r#"{{"type":1,"tts_notification_id":"n-{i}","shop_id":"1","timestamp":1,"data":{{"pad":"{}"}}}}"#,
        "x".repeat(pad)
    );
    let sig = webhook_signature(APP_KEY, APP_SECRET, body.as_bytes());
    let url = format!("http://127.0.0.1:{port}/webhooks/tiktok");
    match http.post(url).header("authorization", sig).body(body).send().await {
        Ok(r) => (r.status().as_u16(), r.text().await.unwrap_or_default()),
        Err(_) => (0, String::new()),
    }
}

/// The daemon is killed when the test ends, passed or not.
struct Daemon(std::process::Child);

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_write_fails_the_receiver_answers_503_and_recovers_by_itself() {
    let mut env = Env::new(Some("http://127.0.0.1:9"));
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    env.set("TOKSHOP_WEBHOOK_LISTEN", &format!("127.0.0.1:{port}"));
    let exe = env!("CARGO_BIN_EXE_tokshop");
    // A soft file-size limit of 6 MB (SIGXFSZ ignored, so a write past it fails with EFBIG).
    let child = std::process::Command::new("bash")
        .args(["-c", &format!("trap '' XFSZ; ulimit -S -f 6000; exec {exe} daemon")])
        .env_clear()
        .envs(env.vars.iter().cloned())
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("daemon");
    let child = Daemon(child);
    let http = tokshop::api::client::http_client(Duration::from_secs(5)).expect("http");
    let started = Instant::now();
    while http.get(format!("http://127.0.0.1:{port}/healthz")).send().await.is_err() {
        assert!(started.elapsed() < Duration::from_secs(20), "the daemon listens");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut i = 0;
    let refused = loop {
        i += 1;
        let (status, body) = post(&http, port, i, 200_000).await;
        if status != 200 {
            break (status, body);
        }
        assert!(i < 200, "the limit was never reached");
    };
    assert_eq!(refused.0, 503, "{refused:?}");
    assert_eq!(refused.1, "not stored; retry later\n", "no internal detail");
    // Lift the limit on the running process: the next webhooks are stored, no restart.
    let lim = libc::rlimit { rlim_cur: libc::RLIM_INFINITY, rlim_max: libc::RLIM_INFINITY };
    // SAFETY: prlimit on our own child with a valid struct; the old value is not read.
    let rc = unsafe { libc::prlimit(child.0.id() as i32, libc::RLIMIT_FSIZE, &lim, std::ptr::null_mut()) };
    assert_eq!(rc, 0, "prlimit");
    let mut ok = false;
    for _ in 0..50 {
        i += 1;
        if post(&http, port, i, 200_000).await.0 == 200 {
            ok = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ok, "writes succeed again once the cause is gone, without a restart");
    drop(child);
}
