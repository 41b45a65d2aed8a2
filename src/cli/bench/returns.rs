//! Returns benchmarks:
//!
//! - `returns-pane`: the Returns pane over a store of N returns (100,000 by default): time to
//!   open (store, first page, first frame) and keystroke to frame (scroll, page, type, waiting
//!   and arbitration filters, search), in this process.
//! - `return-backfill`: a shop's first return sync of N returns from the sandbox at a QPS both
//!   sides enforce: how long, how close to the allowed rate, 429s after the first second.
//! - `webhook-12-latency`: a buyer's new request, from the sandbox's webhook 12 to a frame of
//!   the Returns pane that shows it.

use crate::cli::bench::{ms, pct};
use crate::cli::session::{CliError, Globals, settings};
use crate::domain::order::Source;
use crate::domain::returns::{RefundAmount, Return, ReturnLine, ReturnType};
use crate::sandbox::faults::Faults;
use crate::sandbox::{self, SandboxConfig, seed::Seed};
use crate::store::Store;
use crate::sync::Updates;
use crate::sync::shops::connections;
use crate::ui::app::App;
use crate::ui::keymap::Keymap;
use crate::ui::panes::returns::ReturnsPane;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;
use std::time::{Duration, Instant};

const STATUSES: [&str; 6] = [
    "RETURN_OR_REFUND_REQUEST_PENDING",
    "AWAITING_BUYER_SHIP",
    "BUYER_SHIPPED_ITEM",
    "RETURN_OR_REFUND_REQUEST_COMPLETE",
    "REFUND_OR_RETURN_REQUEST_REJECT",
    "REPLACEMENT_REQUEST_PENDING",
];

fn synth(i: u64, now: i64) -> Return {
    let r = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 7;
    let status = STATUSES[(r % 6) as usize];
    let waiting = matches!(r % 6, 0 | 2 | 5);
    let t = match r % 6 {
        5 => ReturnType::Replacement,
        0 if r.is_multiple_of(12) => ReturnType::Refund,
        _ => ReturnType::ReturnAndRefund,
    };
    let update = now - (r % (90 * 86_400) as u64) as i64;
    Return {
        id: format!("4035{:015}", i),
        shop_id: "7494049642642441621".into(),
        order_id: format!("576{:015}", 400_000_000_000_000 + i),
        return_type: Some(t),
        status: status.into(),
        role: "BUYER".into(),
        reason_text: "Damaged product".into(),
        arbitration: (r % 50 == 4).then(|| "IN_PROGRESS".into()),
        tracking: (r % 6 == 2).then(|| format!("1Z{:016}", i)),
        refund: RefundAmount { currency: "USD".into(), total: Decimal::new(2714, 2), ..Default::default() },
        lines: vec![ReturnLine {
            seller_sku: ["MB-SERUM-30", "NW-RAIN-NVY-L", "LM-MUG-WHT"][(r % 3) as usize].into(),
            product_name: "Trail Jacket".into(),
            refund_total: Decimal::new(2714, 2),
            ..Default::default()
        }],
        next_action: waiting.then(|| "SELLER_RESPOND_REFUND".into()),
        deadline: waiting.then_some(update + 2 * 86_400),
        create_time: update - 3600,
        update_time: update,
        buyer: ["pixelfox", "sunnydays", "mintleaf"][(r % 3) as usize].into(),
        ..Default::default()
    }
}

fn frame(t: &mut Terminal<TestBackend>, app: &mut App, now: i64) -> Result<(), CliError> {
    t.draw(|f| app.render(f, now)).map(|_| ()).map_err(|e| CliError::failed(format!("draw: {e}")))
}

pub fn returns_pane(n: u64) -> Result<(), CliError> {
    let now = crate::clock::Clock::now(&crate::clock::SystemClock);
    let dir = std::env::temp_dir().join(format!("tokshop-bench-returns-{n}"));
    let store = Store::open(&dir)?;
    let have = store.return_count()?;
    let mut i = have;
    while i < n {
        let batch: Vec<Return> = (i..(i + 2000).min(n)).map(|k| synth(k, now)).collect();
        store.upsert_returns(&batch, Source::Poll, now)?;
        i += 2000;
    }
    drop(store);
    let t0 = Instant::now();
    let store = Store::open(&dir)?;
    let keymap = Keymap::load(None).map_err(|e| CliError::failed(e.to_string()))?;
    let mut app = App::new(keymap, false, crate::logging::LogRing::default());
    app.load(&store);
    app.show::<ReturnsPane>(&crate::ui::Cx { views: &store, now });
    let mut term = Terminal::new(TestBackend::new(120, 40)).map_err(|e| CliError::failed(e.to_string()))?;
    frame(&mut term, &mut app, now)?;
    let open = t0.elapsed();
    let mut keys: Vec<&str> = Vec::new();
    keys.extend(std::iter::repeat_n("j", 300));
    keys.extend(std::iter::repeat_n("pgdn", 40));
    keys.extend(std::iter::repeat_n("k", 30));
    for _ in 0..3 {
        keys.extend(["t", "t", "t", "t", "w", "w", "A", "A", "home"]);
        keys.extend(["/", "p", "i", "x", "e", "l", "f", "o", "x", "enter", "j", "/", "enter"]);
        keys.extend(["/", "1", "Z", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "2"]);
        keys.extend(["enter", "/", "enter"]);
    }
    let mut lat = Vec::new();
    let mut slow: Vec<(Duration, usize)> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let code = match *k {
            "pgdn" => crossterm::event::KeyCode::PageDown,
            "enter" => crossterm::event::KeyCode::Enter,
            "home" => crossterm::event::KeyCode::Home,
            other => crossterm::event::KeyCode::Char(other.chars().next().unwrap_or(' ')),
        };
        let t = Instant::now();
        app.on_key(crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE), &store, now);
        frame(&mut term, &mut app, now)?;
        lat.push(t.elapsed());
        slow.push((t.elapsed(), i));
    }
    lat.sort();
    slow.sort_by_key(|s| std::cmp::Reverse(s.0));
    let slowest: Vec<String> = slow.iter().take(3).map(|(d, i)| format!("{} ({})", keys[*i], ms(*d))).collect();
    crate::outln!("returns-pane: {} returns in the store, 120x40", store.return_count()?);
    crate::outln!("  open (store, first page, first frame)  {}", ms(open));
    crate::outln!(
        "  key to frame over {} keys               p50 {}  p99 {}  max {}",
        lat.len(),
        ms(pct(&lat, 0.5)),
        ms(pct(&lat, 0.99)),
        ms(pct(&lat, 1.0))
    );
    crate::outln!("  slowest keys                            {}", slowest.join(", "));
    Ok(())
}

pub async fn return_backfill(n: usize, qps: u32) -> Result<(), CliError> {
    let dir = std::env::temp_dir().join(format!("tokshop-bench-return-backfill-{}", std::process::id()));
    let (sb, ctx, shop) = super::sync::sandbox_with_shop(&dir, qps).await?;
    let t = Instant::now();
    sb.generate_history(&shop.id, n + n / 10, 80);
    let made = sb.open_returns(&shop.id, n, 80);
    crate::outln!("return-backfill: {made} returns in the sandbox (made in {:.1} s)", t.elapsed().as_secs_f64());
    sb.tick();
    sb.set_faults(Faults { qps, ..Faults::default() });
    sb.reset_call_log();
    let t = Instant::now();
    let stats = crate::sync::returns::sync_shop(&ctx, &shop, None).await?;
    let elapsed = t.elapsed();
    let log = sb.call_log();
    let first = log.first.unwrap_or_else(Instant::now);
    let late = log.limited.iter().filter(|at| at.duration_since(first) > Duration::from_secs(1)).count();
    let rate = log.calls as f64 / elapsed.as_secs_f64();
    crate::outln!(
        "  {qps} QPS limit on both sides: {} returns stored in {:.1} s, {} pages, {} API calls (search + records)",
        ctx.store.return_count()?,
        elapsed.as_secs_f64(),
        stats.pages,
        log.calls
    );
    let share =
        if qps > 0 { format!(" = {:.0}% of the allowed rate", 100.0 * rate / f64::from(qps)) } else { String::new() };
    crate::outln!(
        "  {rate:.1} calls/s{share}; 429 answers: {} in all, {late} after the first second",
        log.limited.len()
    );
    sb.shutdown();
    drop(ctx);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

pub async fn webhook_latency(g: &Globals, n: usize) -> Result<(), CliError> {
    let sb = sandbox::start(SandboxConfig { seed: Seed::Empty, ..SandboxConfig::default() })
        .await
        .map_err(|e| CliError::failed(e.to_string()))?;
    let dir = std::env::temp_dir().join(format!("tokshop-bench-ret-latency-{}", std::process::id()));
    let mut s = settings(g)?;
    crate::cli::demo::use_sandbox(&mut s, &sb);
    s.data_dir = dir.clone();
    let store = Store::open(&dir)?;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let listen = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
    let running =
        crate::cli::runtime::start(&s, store.clone(), crate::clock::system(), "bench", Updates::new(tx), listen, true)
            .await?;
    if let Some(r) = &running.receiver {
        sb.set_webhook_url(Some(r.webhook_url()));
    }
    connections::add_store(&running.ctx, "bench")?;
    let code = sb.issue_code(Some("Sandbox Seller")).map_err(CliError::failed)?;
    let shop = connections::connect_with_code(&running.ctx, "bench", &code, None)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| CliError::failed("the sandbox seller has no shop"))?;
    sb.generate_history(&shop.id, n * 2 + 10, 20);
    let orders = sb.returnable_orders(&shop.id);
    let keymap = Keymap::load(None).map_err(|e| CliError::failed(e.to_string()))?;
    let mut app = App::new(keymap, false, crate::logging::LogRing::default());
    app.load(&store);
    app.show::<ReturnsPane>(&crate::ui::Cx {
        views: &store,
        now: crate::clock::Clock::now(&crate::clock::SystemClock),
    });
    let mut term = Terminal::new(TestBackend::new(120, 40)).map_err(|e| CliError::failed(e.to_string()))?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    while rx.try_recv().is_ok() {}
    let (mut lat, mut missed) = (Vec::new(), 0);
    for o in orders.iter().take(n) {
        let t0 = Instant::now();
        let Some(id) = sb.open_return(&shop.id, o, "refund", None) else { continue };
        let deadline = t0 + Duration::from_secs(10);
        let mut seen = false;
        while Instant::now() < deadline && !seen {
            let u = match tokio::time::timeout(Duration::from_millis(200), rx.recv()).await {
                Ok(Some(u)) => u,
                Ok(None) => break,
                Err(_) => continue,
            };
            let now = crate::clock::Clock::now(&crate::clock::SystemClock);
            app.on_update(u, &store, now);
            while let Ok(u) = rx.try_recv() {
                app.on_update(u, &store, now);
            }
            frame(&mut term, &mut app, now)?;
            seen = term
                .backend()
                .buffer()
                .content()
                .chunks(120)
                .any(|row| row.iter().map(|c| c.symbol()).collect::<String>().contains(&id));
        }
        if seen {
            lat.push(t0.elapsed());
        } else {
            missed += 1;
        }
    }
    lat.sort();
    crate::outln!("webhook-12-latency: {n} new requests, sandbox webhook 12 to a frame of the Returns pane showing it");
    crate::outln!(
        "  p50 {}  p99 {}  max {}  (not on screen within 10 s: {missed})",
        ms(pct(&lat, 0.5)),
        ms(pct(&lat, 0.99)),
        ms(pct(&lat, 1.0))
    );
    running.stop();
    sb.shutdown();
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
