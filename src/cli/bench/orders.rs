//! Order benchmarks on the store and the console:
//!
//! - `upserts`: orders per second upserted into redb in batches (inserts, then newer versions of
//!   the same orders), and the same upserts into SQLite in WAL mode in the same run when built
//!   with `--features sqlite-bench`.
//! - `orders-pane`: the Orders pane over a store of a million orders: time to open (store open,
//!   first page read, first frame), keystroke to frame (scroll, page, filters, search) and the
//!   resident memory of a fresh process that only opens and uses the pane.

use crate::cli::bench::{ms, pct};
use crate::cli::session::CliError;
use crate::domain::order::{Address, Order, OrderLine, OrderStatus, Payment, ShippingType, Source};
use crate::store::Store;
use crate::store::views::ViewSource;
use crate::ui::app::App;
use crate::ui::keymap::Keymap;
use crate::ui::panes::orders::OrdersPane;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;
use std::path::Path;
use std::time::{Duration, Instant};

const SHOPS: [&str; 3] = ["7494049642642441621", "7494049642642441622", "7494049642642441733"];
const NICKS: [&str; 8] =
    ["pixelfox", "sunnydays", "nightowl_22", "glowup.daily", "trailrunner88", "cozy.corner", "mintleaf", "skyline_sam"];
const SKUS: [&str; 6] = ["MB-SERUM-30", "MB-BRUSH-5", "NW-RAIN-NVY-L", "NW-TEE-BLK-M", "LM-MUG-WHT", "LM-CANDLE-2"];

/// A cheap deterministic mix of `i` (splitmix64), so runs are comparable.
fn mix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A realistic order (two lines, a package, an address, money) numbered `i`, at `version`.
pub fn synth_order(i: u64, version: i64, now: i64) -> Order {
    let r = mix(i);
    let status = match r % 20 {
        0..=5 => OrderStatus::AwaitingShipment,
        6 => OrderStatus::OnHold,
        7 => OrderStatus::Unpaid,
        8..=9 => OrderStatus::InTransit,
        10..=11 => OrderStatus::Delivered,
        12..=18 => OrderStatus::Completed,
        _ => OrderStatus::Cancelled,
    };
    let created = now - (r >> 8) as i64 % (90 * 86_400);
    let id = format!("576{:015}", 400_000_000_000_000 + i);
    let pkg = format!("11{:017}", 50_000_000_000_000_000 + i);
    let shipped = matches!(status, OrderStatus::InTransit | OrderStatus::Delivered | OrderStatus::Completed);
    let lines = (0..2)
        .map(|k| OrderLine {
            id: format!("577{:015}", 400_000_000_000_000 + i * 2 + k),
            sku_id: format!("1729{:014}", (r >> 16) % 1_000_000 + k),
            product_id: "1729382476852921560".into(),
            product_name: "Bamboo Brush Set".into(),
            sku_name: "5 pcs".into(),
            seller_sku: SKUS[((r >> 20) as usize + k as usize) % SKUS.len()].into(),
            original_price: Decimal::new(1999, 2),
            sale_price: Decimal::new(1899, 2),
            display_status: status.as_wire().to_string(),
            package_id: Some(pkg.clone()),
            package_status: if shipped { "SHIPPED".into() } else { "TO_FULFILL".into() },
            tracking_number: shipped.then(|| format!("9400{:018}", i)),
            shipping_provider_id: shipped.then(|| "7117859084333745966".into()),
            shipping_provider_name: shipped.then(|| "USPS".into()),
            taxes: vec![],
            cancelled: status == OrderStatus::Cancelled,
            ..OrderLine::default()
        })
        .collect();
    Order {
        id,
        shop_id: SHOPS[(r % 3) as usize].into(),
        status: status.clone(),
        create_time: created,
        update_time: created + 60 + version,
        paid_time: (status != OrderStatus::Unpaid).then_some(created + 30),
        buyer_user_id: format!("7494{:015}", r % 1_000_000_000_000_000),
        buyer_nickname: NICKS[(r >> 12) as usize % NICKS.len()].into(),
        shipping_type: if r.is_multiple_of(4) { ShippingType::Tiktok } else { ShippingType::Seller },
        delivery_option_id: "7091146663229654785".into(),
        delivery_option_name: "Standard shipping".into(),
        warehouse_id: "7068517275539719942".into(),
        cancel_requested: r.is_multiple_of(97) && status == OrderStatus::AwaitingShipment,
        ship_by: Some(created + 2 * 86_400),
        tracking_number: shipped.then(|| format!("9400{:018}", i)),
        package_ids: vec![pkg],
        payment: Payment {
            currency: "USD".into(),
            sub_total: Decimal::new(3798, 2),
            shipping_fee: Decimal::new(499, 2),
            tax: Decimal::new(313, 2),
            total_amount: Decimal::new(4610, 2),
            original_total_product_price: Decimal::new(3998, 2),
            original_shipping_fee: Decimal::new(499, 2),
            ..Payment::default()
        },
        address: Address {
            name: "M*** C***".into(),
            phone: "(+1)213-***-1234".into(),
            full_address: "1 Ferry Building, San Francisco, CA 94111".into(),
            postal_code: "94111".into(),
            region_code: "US".into(),
        },
        lines,
        ..Order::default()
    }
}

/// Upsert `n` orders in batches of `batch`; the time spent in the upserts only.
fn redb_pass(store: &Store, n: u64, batch: u64, version: i64, now: i64) -> Result<Duration, CliError> {
    let mut spent = Duration::ZERO;
    let mut i = 0;
    while i < n {
        let orders: Vec<Order> = (i..(i + batch).min(n)).map(|k| synth_order(k, version, now)).collect();
        let t = Instant::now();
        store.upsert_orders(&orders, Source::Poll, now)?;
        spent += t.elapsed();
        i += batch;
    }
    Ok(spent)
}

pub fn upserts(n: u64, batch: u64) -> Result<(), CliError> {
    let now = crate::clock::Clock::now(&crate::clock::SystemClock);
    let dir = std::env::temp_dir().join(format!("tokshop-bench-upserts-{}", std::process::id()));
    let store = Store::open(&dir)?;
    let insert = redb_pass(&store, n, batch, 0, now)?;
    let update = redb_pass(&store, n, batch, 1, now)?;
    let sizes = store.order_table_sizes()?;
    drop(store);
    let rate = |d: Duration| n as f64 / d.as_secs_f64();
    crate::outln!("upserts: {n} orders in batches of {batch}, each batch one durable transaction");
    crate::outln!("  redb    insert {:>8.0} orders/s   update {:>8.0} orders/s", rate(insert), rate(update));
    let per = |b: u64| b as f64 / n.max(1) as f64;
    let (stored, pages): (u64, u64) = sizes.iter().fold((0, 0), |(s, p), t| (s + t.stored_bytes, p + t.page_bytes));
    crate::outln!(
        "  redb bytes per order in the order tables: {:.0} stored, {:.0} in pages (before compaction)",
        per(stored),
        per(pages)
    );
    for t in &sizes {
        crate::outln!(
            "    {:<20} {:>9} entries {:>7.0} B stored {:>7.0} B in pages",
            t.table,
            t.entries,
            per(t.stored_bytes),
            per(t.page_bytes)
        );
    }
    #[cfg(feature = "sqlite-bench")]
    {
        let (si, su) = crate::cli::bench::sqlite::upserts(&dir.join("bench.sqlite"), n, batch, now)?;
        crate::outln!(
            "  sqlite  insert {:>8.0} orders/s   update {:>8.0} orders/s   (WAL, synchronous=FULL)",
            rate(si),
            rate(su)
        );
        crate::outln!(
            "  redb / sqlite: insert {:.2}x, update {:.2}x",
            si.as_secs_f64() / insert.as_secs_f64(),
            su.as_secs_f64() / update.as_secs_f64()
        );
    }
    #[cfg(not(feature = "sqlite-bench"))]
    crate::outln!("  (build with --features sqlite-bench to run the same upserts into SQLite in WAL mode)");
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Fill `dir` up to `n` orders (kept between runs).
pub fn fill(dir: &Path, n: u64) -> Result<(), CliError> {
    let store = Store::open(dir)?;
    let have = store.order_count()?;
    if have < n {
        crate::outln!("filling {} with {} orders (kept for the next run)…", dir.display(), n - have);
        let now = crate::clock::Clock::now(&crate::clock::SystemClock);
        let t = Instant::now();
        let mut i = have;
        while i < n {
            let orders: Vec<Order> = (i..(i + 5_000).min(n)).map(|k| synth_order(k, 0, now)).collect();
            store.upsert_orders(&orders, Source::Backfill, now)?;
            i += 5_000;
        }
        crate::outln!("  filled in {:.1} s", t.elapsed().as_secs_f64());
    }
    Ok(())
}

/// The directory a pane bench of `n` orders fills (kept between runs).
pub fn bench_dir(n: u64, dir: Option<&Path>) -> std::path::PathBuf {
    dir.map(Path::to_path_buf).unwrap_or_else(|| std::env::temp_dir().join(format!("tokshop-bench-pane-{n}")))
}

/// Fill `dir` up to `n` orders, then measure the pane in a fresh process.
pub async fn orders_pane(n: u64, dir: Option<&Path>) -> Result<(), CliError> {
    let dir = bench_dir(n, dir);
    fill(&dir, n)?;
    let exe = std::env::current_exe().map_err(|e| CliError::failed(format!("cannot find the tokshop binary: {e}")))?;
    let out = tokio::process::Command::new(exe)
        .args(["bench", "orders-pane", "--measure", "--data-dir"])
        .arg(&dir)
        .output()
        .await
        .map_err(|e| CliError::failed(format!("cannot run the measuring process: {e}")))?;
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        crate::outln!("{line}");
    }
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    if !out.status.success() {
        return Err(CliError::failed("the measuring process failed"));
    }
    Ok(())
}

fn frame(t: &mut Terminal<TestBackend>, app: &mut App, now: i64) -> Result<(), CliError> {
    t.draw(|f| app.render(f, now)).map(|_| ()).map_err(|e| CliError::failed(format!("draw: {e}")))
}

/// What a run of the Orders pane measured.
pub struct PaneRun {
    pub total: u64,
    /// First page read and first frame.
    pub open: Duration,
    /// Each key to its frame, sorted.
    pub keys: Vec<Duration>,
    /// The slowest keys, named.
    pub slowest: Vec<String>,
}

/// The keys a pane run presses: scroll through several windows, page, jump, filter, search.
fn key_script() -> Vec<&'static str> {
    let mut keys: Vec<&str> = Vec::new();
    keys.extend(std::iter::repeat_n("j", 450));
    keys.extend(std::iter::repeat_n("pgdn", 60));
    keys.extend(std::iter::repeat_n("k", 50));
    keys.extend(std::iter::repeat_n("pgup", 20));
    for _ in 0..3 {
        keys.extend(["f", "f", "f", "u", "u", "x", "x", "h", "h", "S", "S", "S", "t", "t", "t"]);
        keys.extend(["/", "p", "i", "x", "e", "l", "f", "o", "x", "enter", "j", "j", "/", "esc"]);
        keys.extend(["/", "M", "B", "-", "S", "enter", "/", "esc", "G", "home"]);
    }
    keys.extend(std::iter::repeat_n("f", 10));
    keys
}

/// Open the Orders pane on `views` (the store, or an engine over its socket), press the key
/// script, each key to its frame.
pub fn pane_run(views: &dyn ViewSource) -> Result<PaneRun, CliError> {
    let now = crate::clock::Clock::now(&crate::clock::SystemClock);
    let t0 = Instant::now();
    let keymap = Keymap::load(None).map_err(|e| CliError::failed(e.to_string()))?;
    let mut app = App::new(keymap, false, crate::logging::LogRing::default());
    app.load(views);
    app.show::<OrdersPane>(&crate::ui::Cx { views, now });
    let mut term = Terminal::new(TestBackend::new(120, 40)).map_err(|e| CliError::failed(e.to_string()))?;
    frame(&mut term, &mut app, now)?;
    let open = t0.elapsed();
    let total = app.pane::<OrdersPane>().map(|p| p.total).unwrap_or(0);
    let keys = key_script();
    let mut lat = Vec::new();
    let mut slowest: Vec<(Duration, usize)> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let code = match *k {
            "pgdn" => crossterm::event::KeyCode::PageDown,
            "pgup" => crossterm::event::KeyCode::PageUp,
            "enter" => crossterm::event::KeyCode::Enter,
            "esc" => crossterm::event::KeyCode::Esc,
            "home" => crossterm::event::KeyCode::Home,
            other => crossterm::event::KeyCode::Char(other.chars().next().unwrap_or(' ')),
        };
        let t = Instant::now();
        app.on_key(crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE), views, now);
        frame(&mut term, &mut app, now)?;
        lat.push(t.elapsed());
        slowest.push((t.elapsed(), i));
    }
    lat.sort();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    let slowest = slowest.iter().take(3).map(|(d, i)| format!("{} ({})", keys[*i], ms(*d))).collect();
    Ok(PaneRun { total, open, keys: lat, slowest })
}

/// In a fresh process: open the store, show the Orders pane, press keys, report.
pub fn measure_pane(dir: &Path) -> Result<(), CliError> {
    let t0 = Instant::now();
    let store = Store::open(dir)?;
    let opened = t0.elapsed();
    let run = pane_run(&store)?;
    let rss = crate::cli::demo::rss_kb();
    let hwm = peak_rss_kb();
    crate::outln!("orders-pane: {} orders in the store, 120x40", run.total);
    crate::outln!("  open (store, first page, first frame)  {}", ms(opened + run.open));
    print_keys(&run);
    crate::outln!(
        "  resident memory                         {:.1} MB (peak {:.1} MB)",
        rss as f64 / 1024.0,
        hwm as f64 / 1024.0
    );
    Ok(())
}

pub fn print_keys(run: &PaneRun) {
    crate::outln!(
        "  key to frame over {} keys               p50 {}  p99 {}  max {}",
        run.keys.len(),
        ms(pct(&run.keys, 0.5)),
        ms(pct(&run.keys, 0.99)),
        ms(pct(&run.keys, 1.0))
    );
    crate::outln!("  slowest keys                            {}", run.slowest.join(", "));
}

/// Peak resident memory of this process in KiB (Linux).
pub fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}
