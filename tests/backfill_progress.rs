//! A first returns sync and a first finance sync report their progress as they go (the
//! consoles' gauge, a headless command's bar): counts that only grow, then one end with the
//! whole count; a later sync, which reads little, reports nothing.

use crate::common::*;
use std::sync::{Arc, Mutex};
use tokshop::domain::progress::Progress;
use tokshop::message::Update;
use tokshop::sandbox::seed::Seed;
use tokshop::sync::{SyncCtx, Updates};

/// Catch every progress report `ctx` sends from now on.
fn listen(ctx: &mut SyncCtx) -> Arc<Mutex<Vec<Progress>>> {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let into = seen.clone();
    ctx.updates = Updates::from_fn(move |u| {
        if let Update::Progress(p) = u {
            into.lock().expect("lock").push(p);
        }
    });
    seen
}

/// Reports of one piece of work: counts never go down, the last is the end with `done`.
fn assert_grows_to(seen: &[Progress], done: u64, unit: &str) {
    assert!(seen.len() >= 2, "a report on the way and the end: {seen:?}");
    assert!(seen.iter().all(|p| p.unit == unit && p.key == seen[0].key), "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0].done <= w[1].done), "counts only grow: {seen:?}");
    let (first, last) = (&seen[0], &seen[seen.len() - 1]);
    assert!(!first.finished && first.done < last.done, "{seen:?}");
    assert!(last.finished && last.done == done, "{last:?}");
    assert_eq!(seen.iter().filter(|p| p.finished).count(), 1, "{seen:?}");
}

#[tokio::test]
async fn a_first_returns_sync_reports_returns_read_of_an_estimate() {
    let sb = sandbox(Seed::Demo).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ctx = sync_ctx(&sb, dir.path());
    let shop = connect(&ctx, &sb, "north", "Northwind Outfitters").await.remove(0);
    let seen = listen(&mut ctx);
    let st = tokshop::sync::returns::sync_shop(&ctx, &shop, None).await.expect("backfill");
    assert!(st.fetched > 0, "{st:?}");
    let got = seen.lock().expect("lock").clone();
    assert_grows_to(&got, st.fetched as u64, "returns");
    assert!(got[0].label.contains("Returns of Northwind"), "{:?}", got[0]);
    assert!(got.iter().filter(|p| !p.finished).all(|p| p.estimated), "a total from the look-back: {got:?}");
    seen.lock().expect("lock").clear();
    tokshop::sync::returns::sync_shop(&ctx, &shop, None).await.expect("poll");
    assert!(seen.lock().expect("lock").is_empty(), "a poll draws no gauge");
    sb.shutdown();
}

#[tokio::test]
async fn a_first_finance_sync_reports_statements_pulled_of_a_known_total() {
    let (sb, _dir, mut ctx, shops) = crate::finance::demo().await;
    let seen = listen(&mut ctx);
    let st = tokshop::sync::finance::sync_shop(&ctx, &shops[0], None).await.expect("finance sync");
    assert!(st.pulled > 1, "{st:?}");
    let got = seen.lock().expect("lock").clone();
    assert_grows_to(&got, st.pulled as u64, "statements");
    assert!(got.iter().all(|p| p.total == Some(st.pulled as u64) && !p.estimated), "a known total: {got:?}");
    assert!(got[0].label.starts_with("Statements of "), "{:?}", got[0]);
    seen.lock().expect("lock").clear();
    tokshop::sync::finance::sync_shop(&ctx, &shops[0], None).await.expect("again");
    assert!(seen.lock().expect("lock").is_empty(), "a later sync draws no gauge");
    sb.shutdown();
}
