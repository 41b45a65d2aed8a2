//! Long work in the console: a gauge above the status bar with counts and an estimate while the
//! engine reports progress, gone when the work ends; the orders backfill reports it.

use crate::ui;

use tokshop::domain::progress::Progress;
use tokshop::message::Update;
use ui::*;

fn backfill(done: u64, finished: bool) -> Progress {
    Progress {
        key: "backfill 7495400334175254168".into(),
        label: "Backfill of Maomao beauty shop".into(),
        unit: "orders".into(),
        done,
        total: Some(12_000),
        estimated: true,
        elapsed_ms: 40_000,
        finished,
    }
}

#[test]
fn a_gauge_shows_counts_and_an_estimate_then_goes() {
    let v = loaded();
    let mut a = app(false, &v);
    a.on_update(Update::Progress(backfill(4_000, false)), &v, NOW);
    let mut push = backfill(30, false);
    push.key = "push 7495400334175254168".into();
    push.label = "Push to Maomao beauty shop".into();
    push.unit = "products".into();
    push.total = Some(120);
    push.estimated = false;
    a.on_update(Update::Progress(push.clone()), &v, NOW);
    let wide = draw(&mut a, 120, 40);
    let line = wide.lines().nth(37).expect("the gauge's line");
    assert!(line.contains("Backfill of Maomao beauty shop: 4,000 of about 12,000 orders · about 2 min left"), "{line}");
    assert!(line.contains("(+1 more)") && line.contains('━'), "{line}");
    snap!("progress_gauge_120x40", wide);
    snap!("progress_gauge_80x24", draw(&mut a, 80, 24));
    // A report replaces the last one of the same work; the end takes the gauge away.
    a.on_update(Update::Progress(backfill(8_000, false)), &v, NOW);
    assert!(draw(&mut a, 120, 40).contains("8,000 of about 12,000"));
    a.on_update(Update::Progress(backfill(12_000, true)), &v, NOW);
    push.finished = true;
    a.on_update(Update::Progress(push), &v, NOW);
    assert!(a.progress.is_empty());
    let after = draw(&mut a, 120, 40);
    assert!(!after.contains("Backfill of") && !after.contains('━'), "{after}");
}

#[tokio::test]
async fn the_orders_backfill_reports_its_progress() {
    use crate::common::*;
    let sb = sandbox(tokshop::sandbox::seed::Seed::Demo).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ctx = sync_ctx(&sb, dir.path());
    let shop = connect(&ctx, &sb, "north", "Northwind Outfitters").await.remove(0);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    ctx.updates = tokshop::sync::Updates::new(tx);
    let s = tokshop::sync::orders::sync_shop(&ctx, &shop, &ctx.orders).await.expect("backfill");
    let mut seen = Vec::new();
    while let Ok(u) = rx.try_recv() {
        if let Update::Progress(p) = u {
            seen.push(p);
        }
    }
    let first = seen.first().expect("a report as the first page came");
    assert!(!first.finished && first.estimated && first.label == "Backfill of Northwind Outfitters", "{first:?}");
    // No estimate while nothing is read (the oldest windows are empty); one once orders come.
    assert!(seen.iter().all(|p| p.done > 0 || p.total.is_none() || p.finished), "{seen:?}");
    if let Some(p) = seen.iter().find(|p| p.done > 0 && !p.finished) {
        assert!(p.total.is_some_and(|t| t >= p.done), "an estimate of the whole: {p:?}");
    }
    let last = seen.last().expect("the end");
    assert!(last.finished && last.done == s.fetched as u64, "{last:?}");
    // A poll after the backfill is short work: no gauge.
    tokshop::sync::orders::sync_shop(&ctx, &shop, &ctx.orders).await.expect("poll");
    while let Ok(u) = rx.try_recv() {
        assert!(!matches!(u, Update::Progress(_)), "{u:?}");
    }
    sb.shutdown();
}
