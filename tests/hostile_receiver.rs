//! The webhook receiver under load nobody asked for: idle connections held open past the cap,
//! and a flood of unsigned 100 KB requests. Valid senders still get through; the store stays
//! bounded.

use crate::common;

use common::*;
use std::time::{Duration, Instant};
use tokio::io::AsyncWriteExt;
use tokio::sync::mpsc;
use tokshop::sandbox::verify::webhook_signature;
use tokshop::webhook::guard::Limits;

async fn receiver(dir: &std::path::Path, limits: Limits) -> (tokshop::webhook::Receiver, tokshop::store::Store) {
    let store = tokshop::store::Store::open(dir).expect("store");
    // The events are not read here: an unbounded sender never blocks on a dropped receiver.
    let (tx, _) = mpsc::unbounded_channel();
    let r = tokshop::webhook::start_with(
        "127.0.0.1:0".parse().expect("addr"),
        APP_KEY.into(),
        tokshop::domain::Secret::new(APP_SECRET),
        store.clone(),
        tx,
        tokshop::clock::system(),
        limits,
    )
    .await
    .expect("receiver");
    (r, store)
}

const GOOD: &str = concat!(
    r#"{"type":7,"tts_notification_id":"7327112393057371911","shop_id":"7494049642642441621","#,
    r#""timestamp":1644412885,"data":{"message":"m","expiration_time":"1627587506"}}"#,
);

#[tokio::test]
async fn idle_connections_over_the_cap_do_not_keep_a_valid_webhook_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (r, store) = receiver(dir.path(), Limits { connections: 8, idle: Duration::from_secs(1) }).await;
    // Forty sockets that connect, send half a header and then nothing.
    let mut idle = Vec::new();
    // Those over the cap are reset at once, some before connect() returns.
    for _ in 0..40 {
        if let Ok(mut s) = tokio::net::TcpStream::connect(r.addr).await {
            let _ = s.write_all(b"POST /webhooks/tiktok HTTP/1.1\r\nHost: x\r\n").await;
            idle.push(s);
        }
    }
    assert!(idle.len() >= 8, "the first ones up to the cap are let in");
    let http = tokshop::api::client::http_client(Duration::from_secs(3)).expect("http");
    let sig = webhook_signature(APP_KEY, APP_SECRET, GOOD.as_bytes());
    let started = Instant::now();
    let mut acked = false;
    // A sender that retries, as TikTok does; the idle ones are still held open by this test.
    while started.elapsed() < Duration::from_secs(20) {
        let sent = http.post(r.webhook_url()).header("authorization", &sig).body(GOOD).send().await;
        if sent.map(|resp| resp.status().as_u16() == 200).unwrap_or(false) {
            acked = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(acked, "a valid webhook was not acknowledged within 20 s while idle connections were held");
    assert!(store.has_notification("7327112393057371911").expect("read"));
    assert!(r.door.refused.load(std::sync::atomic::Ordering::Relaxed) > 0, "over the cap is refused");
    assert!(r.door.timed_out.load(std::sync::atomic::Ordering::Relaxed) > 0, "idle ones are closed");
    drop(idle);
}

#[tokio::test]
async fn a_flood_of_unsigned_requests_is_answered_401_and_kept_bounded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (r, store) = receiver(dir.path(), Limits::default()).await;
    let http = tokshop::api::client::http_client(Duration::from_secs(10)).expect("http");
    let body = format!("{{\"pad\":\"{}\"}}", "x".repeat(100_000));
    let file = dir.path().join(tokshop::store::DB_FILE);
    let before = std::fs::metadata(&file).expect("store file").len();
    let flood = 3000;
    let mut tasks = Vec::new();
    for i in 0..4 {
        let (http, url, body) = (http.clone(), r.webhook_url(), body.clone());
        tasks.push(tokio::spawn(async move {
            let mut codes = Vec::new();
            for _ in (i..flood).step_by(4) {
                let resp = http.post(&url).header("authorization", "00ff").body(body.clone()).send().await;
                codes.push(resp.map(|r| r.status().as_u16()).unwrap_or(0));
            }
            codes
        }));
    }
    let mut codes = Vec::new();
    for t in tasks {
        codes.extend(t.await.expect("task"));
    }
    assert_eq!(codes.len(), flood);
    assert!(codes.iter().all(|c| *c == 401), "every unsigned request is answered 401");
    let c = store.webhook_counts().expect("counts");
    assert_eq!(c.rejected, flood as u64, "each one is counted");
    assert_eq!(c.total, tokshop::store::webhooks::REJECTED_SAMPLE, "only the newest are kept");
    let grown = std::fs::metadata(&file).expect("store file").len().saturating_sub(before);
    assert!(grown < 12 << 20, "the store grew by {grown} bytes under {flood} unsigned 100 KB requests");
}
