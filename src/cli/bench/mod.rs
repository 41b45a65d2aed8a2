//! `tokshop bench`: speed and memory measured, never asserted in tests.
//!
//! - `webhooks`: acknowledged webhooks per second with concurrent senders on loopback, each
//!   durable (committed to a real redb file) before its 200; latency percentiles.
//! - `client`: what signing and envelope decoding add to a bare reqwest round trip to the same
//!   sandbox route.
//! - `startup`: `tokshop demo` from start to first frame, and its resident memory, in a pty.
//! - `upserts`, `orders-pane`: see `orders.rs`; `codec`: see `codec.rs`; `backfill`,
//!   `webhook-latency`: see `sync.rs`; `catalog-import`, `category-search`, `listing`: see
//!   `catalog.rs`; `returns-pane`, `return-backfill`, `webhook-12-latency`: see `returns.rs`.

pub mod catalog;
pub mod codec;
pub mod finance;
pub mod finance_sync;
pub mod live;
pub mod orders;
pub mod returns;
#[cfg(feature = "sqlite-bench")]
pub mod sqlite;
pub mod sync;
pub mod team;

use crate::api::{ApiClient, ApiConfig};
use crate::cli::session::{CliError, Globals};
use crate::domain::Secret;
use crate::sandbox::{self, SandboxConfig, seed::Seed};
use clap::{Args, Subcommand};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Args, Debug)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub cmd: BenchCmd,
}

#[derive(Subcommand, Debug)]
pub enum BenchCmd {
    /// Webhook receiver throughput and acknowledgement latency
    Webhooks {
        #[arg(long, default_value_t = 32)]
        senders: usize,
        #[arg(long, default_value_t = 5)]
        seconds: u64,
    },
    /// Client overhead (signing + decoding) over a bare reqwest round trip
    Client {
        #[arg(long, default_value_t = 3000)]
        requests: usize,
    },
    /// `tokshop demo` start to first frame, and resident memory
    Startup {
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// Order upserts into the store per second, in batches (and SQLite's, with --features sqlite-bench)
    Upserts {
        #[arg(long, default_value_t = 100_000)]
        orders: u64,
        #[arg(long, default_value_t = 1_000)]
        batch: u64,
    },
    /// The store's encodings of an order (JSON, postcard; bitcode too with --features sqlite-bench)
    Codec {
        #[arg(long, default_value_t = 20_000)]
        orders: u64,
    },
    /// A shop's first order sync from the sandbox, with the rate limit off or at --qps
    Backfill {
        #[arg(long, default_value_t = 100_000)]
        orders: usize,
        /// Calls per second allowed by the sandbox and used by the client; 0: no limit
        #[arg(long, default_value_t = 0)]
        qps: u32,
        #[arg(long, default_value_t = 90)]
        days: i64,
    },
    /// The Orders pane over a large store: open time, key-to-frame latency, memory
    OrdersPane {
        #[arg(long, default_value_t = 1_000_000)]
        orders: u64,
        /// Internal: measure in this process (the store in --data-dir is already filled)
        #[arg(long, hide = true)]
        measure: bool,
    },
    /// The engine serving a team over a large store: attach, keystroke to frame through the socket, a change
    /// reaching every console, the engine's memory
    Team {
        #[arg(long, default_value_t = 1_000_000)]
        orders: u64,
        #[arg(long, default_value_t = 10)]
        consoles: usize,
    },
    /// A new order from the sandbox's webhook to a frame of the Orders pane that shows it
    WebhookLatency {
        #[arg(long, default_value_t = 30)]
        orders: usize,
    },
    /// A Shopify product CSV of N variants read, parsed and imported into a fresh store
    CatalogImport {
        #[arg(long, default_value_t = 50_000)]
        variants: usize,
    },
    /// Fuzzy category search per keystroke over the US shop's v2 tree (about 11,000 nodes)
    CategorySearch,
    /// Listing N products through the outbox with a QPS limit on both sides
    Listing {
        #[arg(long, default_value_t = 1_000)]
        products: usize,
        #[arg(long, default_value_t = 50)]
        qps: u32,
    },
    /// Reconcile a year of statements holding N transactions; the Statements pane over them
    Finance {
        #[arg(long, default_value_t = 200_000)]
        transactions: usize,
    },
    /// The Returns pane over a large store: open time and key-to-frame latency
    ReturnsPane {
        #[arg(long, default_value_t = 100_000)]
        returns: u64,
    },
    /// A shop's first finance sync over a year at a QPS limit, with orders read alongside
    FinanceSync {
        #[arg(long, default_value_t = 20_000)]
        orders: usize,
        #[arg(long, default_value_t = 50)]
        qps: u32,
    },
    /// A shop's first return sync from the sandbox at a QPS limit on both sides
    ReturnBackfill {
        #[arg(long, default_value_t = 20_000)]
        returns: usize,
        #[arg(long, default_value_t = 50)]
        qps: u32,
    },
    /// A buyer's new request from the sandbox's webhook 12 to a frame of the Returns pane that shows it
    #[command(name = "webhook-12-latency")]
    Webhook12Latency {
        #[arg(long, default_value_t = 30)]
        returns: usize,
    },
    /// N SKUs changed at once over 3 shops at a QPS limit each; one SKU at idle; a drift check
    LivePush {
        #[arg(long, default_value_t = 10_000)]
        skus: usize,
        #[arg(long, default_value_t = 50)]
        qps: u32,
    },
}

pub async fn run(g: &Globals, args: BenchArgs) -> Result<(), CliError> {
    match args.cmd {
        BenchCmd::Webhooks { senders, seconds } => webhooks(senders, seconds).await,
        BenchCmd::Client { requests } => client(requests).await,
        BenchCmd::Startup { runs } => startup(runs).await,
        BenchCmd::Upserts { orders, batch } => crate::cli::bench::orders::upserts(orders, batch.max(1)),
        BenchCmd::Codec { orders } => codec::codec(orders.max(1)),
        BenchCmd::Backfill { orders, qps, days } => crate::cli::bench::sync::backfill(orders, qps, days.max(1)).await,
        BenchCmd::OrdersPane { measure: true, .. } => {
            let dir = g.data_dir.clone().ok_or_else(|| CliError::usage("--measure needs --data-dir"))?;
            crate::cli::bench::orders::measure_pane(&dir)
        }
        BenchCmd::OrdersPane { orders, measure: false } => {
            crate::cli::bench::orders::orders_pane(orders, g.data_dir.as_deref()).await
        }
        BenchCmd::Team { orders, consoles } => {
            crate::cli::bench::team::team(orders, consoles, g.data_dir.as_deref()).await
        }
        BenchCmd::WebhookLatency { orders } => crate::cli::bench::sync::webhook_latency(g, orders).await,
        BenchCmd::CatalogImport { variants } => crate::cli::bench::catalog::catalog_import(variants.max(1)),
        BenchCmd::CategorySearch => crate::cli::bench::catalog::category_search().await,
        BenchCmd::Listing { products, qps } => crate::cli::bench::catalog::listing_run(products.max(1), qps).await,
        BenchCmd::Finance { transactions } => crate::cli::bench::finance::finance(transactions, g.data_dir.as_deref()),
        BenchCmd::ReturnsPane { returns } => returns::returns_pane(returns),
        BenchCmd::FinanceSync { orders, qps } => finance_sync::finance_sync(orders.max(1), qps).await,
        BenchCmd::ReturnBackfill { returns, qps } => returns::return_backfill(returns.max(1), qps).await,
        BenchCmd::Webhook12Latency { returns } => returns::webhook_latency(g, returns.max(1)).await,
        BenchCmd::LivePush { skus, qps } => live::live_push(skus.max(1), qps).await,
    }
}

pub(super) fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

pub(super) fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

async fn webhooks(senders: usize, seconds: u64) -> Result<(), CliError> {
    let dir = std::env::temp_dir().join(format!("tokshop-bench-{}", std::process::id()));
    let store = crate::store::Store::open(&dir)?;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move { while rx.recv().await.is_some() {} });
    let (key, secret) = ("benchkey", "bench-secret");
    let r = crate::webhook::start(
        "127.0.0.1:0".parse().map_err(|_| CliError::failed("addr"))?,
        key.into(),
        Secret::new(secret),
        store.clone(),
        tx,
        crate::clock::system(),
    )
    .await
    .map_err(CliError::failed)?;
    let url = r.webhook_url();
    let lat: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for t in 0..senders {
        let (url, lat) = (url.clone(), lat.clone());
        let http = crate::api::client::http_client(Duration::from_secs(10))?;
        tasks.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            let mut n = 0u64;
            while Instant::now() < deadline {
                n += 1;
                let body = format!(
                    concat!(
                        r#"{{"type":1,"tts_notification_id":"{t}-{n}","shop_id":"7494049642642441621","#,
                        r#""timestamp":1718305585,"data":{{"order_id":"576653688135258178","#,
                        r#""order_status":"AWAITING_SHIPMENT","update_time":1718305585}}}}"#,
                    ),
                    t = t,
                    n = n,
                );
                let sig = crate::sandbox::verify::webhook_signature(key, secret, body.as_bytes());
                let t0 = Instant::now();
                let sent = http
                    .post(&url)
                    .header("authorization", sig)
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await;
                let ok = sent.map(|r| r.status().as_u16() == 200).unwrap_or(false);
                if ok {
                    mine.push(t0.elapsed());
                }
            }
            if let Ok(mut l) = lat.lock() {
                l.extend(mine);
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = started.elapsed();
    let mut l = lat.lock().map(|l| l.clone()).unwrap_or_default();
    l.sort();
    let stored = store.webhook_counts()?.total;
    crate::outln!(
        "webhooks: {senders} senders, {:.1} s, {} acknowledged ({} in the store)",
        elapsed.as_secs_f64(),
        l.len(),
        stored
    );
    crate::outln!(
        "  throughput  {:.0} acknowledged webhooks/s (each committed before its 200)",
        l.len() as f64 / elapsed.as_secs_f64()
    );
    crate::outln!("  latency     p50 {}  p99 {}  max {}", ms(pct(&l, 0.5)), ms(pct(&l, 0.99)), ms(pct(&l, 1.0)));
    r.shutdown();
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

async fn client(requests: usize) -> Result<(), CliError> {
    let sb = sandbox::start(SandboxConfig { seed: Seed::Demo, ..SandboxConfig::default() })
        .await
        .map_err(|e| CliError::failed(e.to_string()))?;
    let mut cfg = ApiConfig::new(
        sandbox::DEFAULT_APP_KEY,
        Secret::new(sandbox::DEFAULT_APP_SECRET),
        &sb.base_url(),
        &sb.base_url(),
    );
    cfg.qps_per_shop = 0;
    let api = ApiClient::new(cfg.clone(), crate::clock::system(), None)?;
    let code = sb.issue_code(None).map_err(CliError::failed)?;
    let grant = api.get_access_token(&code, sb.now()).await?;
    let http = crate::api::client::http_client(Duration::from_secs(10))?;
    let path = crate::api::authorization::AUTHORIZED_SHOPS_PATH;
    let ts = sb.now().to_string();
    let q = vec![("app_key".to_string(), cfg.app_key.clone()), ("timestamp".to_string(), ts)];
    let sign = crate::api::sign::sign(cfg.app_secret.expose(), path, &q, b"", "application/json");
    let bare_url = format!("{}{path}?app_key={}&timestamp={}&sign={sign}", sb.base_url(), q[0].1, q[1].1);
    let token = grant.access_token.expose().to_string();
    // Warm up both paths, then interleave small batches (alternating which goes first) so both
    // see the same machine state; report the median of the per-round ratios.
    let batch = 50;
    let rounds = requests.div_ceil(batch).max(5);
    for _ in 0..50 {
        let _ = http
            .get(&bare_url)
            .header("content-type", "application/json")
            .header("x-tts-access-token", &token)
            .send()
            .await;
        let _ = api.get_authorized_shops(&grant.access_token).await;
    }
    let mut bare_total = Duration::ZERO;
    let mut signed_total = Duration::ZERO;
    let mut ratios = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let mut bare = Duration::ZERO;
        let mut signed = Duration::ZERO;
        for half in 0..2 {
            if (round + half) % 2 == 0 {
                let t0 = Instant::now();
                for _ in 0..batch {
                    if let Ok(r) = http
                        .get(&bare_url)
                        .header("content-type", "application/json")
                        .header("x-tts-access-token", &token)
                        .send()
                        .await
                    {
                        let _ = r.bytes().await;
                    }
                }
                bare += t0.elapsed();
            } else {
                let t0 = Instant::now();
                for _ in 0..batch {
                    api.get_authorized_shops(&grant.access_token).await?;
                }
                signed += t0.elapsed();
            }
        }
        bare_total += bare;
        signed_total += signed;
        ratios.push(signed.as_secs_f64() / bare.as_secs_f64());
    }
    ratios.sort_by(|a, b| a.total_cmp(b));
    let done = rounds * batch;
    let per = |d: Duration| d / done as u32;
    let median = (ratios[ratios.len() / 2] - 1.0) * 100.0;
    let p25 = (ratios[ratios.len() / 4] - 1.0) * 100.0;
    let p75 = (ratios[ratios.len() * 3 / 4] - 1.0) * 100.0;
    crate::outln!("client: {done} calls each to GET {path} on the sandbox over loopback, {rounds} interleaved rounds");
    crate::outln!("  bare reqwest round trip      {} per call", ms(per(bare_total)));
    crate::outln!("  tokshop client (sign+decode) {} per call", ms(per(signed_total)));
    crate::outln!("  overhead                     median {median:+.1}% (interquartile {p25:+.1}% .. {p75:+.1}%)");
    // The client's own work, without the network: sign one request, decode one response.
    let body = http
        .get(&bare_url)
        .header("content-type", "application/json")
        .header("x-tts-access-token", &token)
        .send()
        .await
        .map_err(|e| CliError::failed(e.to_string()))?
        .bytes()
        .await
        .map_err(|e| CliError::failed(e.to_string()))?;
    let n = 20_000u32;
    let t0 = Instant::now();
    for i in 0..n {
        let q = vec![
            ("app_key".to_string(), cfg.app_key.clone()),
            ("timestamp".to_string(), (1_700_000_000 + i).to_string()),
        ];
        std::hint::black_box(crate::api::sign::sign(cfg.app_secret.expose(), path, &q, b"", "application/json"));
    }
    let sign_cost = t0.elapsed() / n;
    let t0 = Instant::now();
    for _ in 0..n {
        let r =
            crate::api::envelope::decode_envelope::<crate::api::authorization::AuthorizedShopsDto>("GET", 200, &body);
        std::hint::black_box(r.is_ok());
    }
    let decode_cost = t0.elapsed() / n;
    crate::outln!(
        "  in-process cost per call     signing {:.1} µs, decoding {:.1} µs ({} byte response)",
        sign_cost.as_secs_f64() * 1e6,
        decode_cost.as_secs_f64() * 1e6,
        body.len()
    );
    sb.shutdown();
    Ok(())
}

async fn startup(runs: usize) -> Result<(), CliError> {
    let exe = std::env::current_exe().map_err(|e| CliError::failed(format!("cannot find the tokshop binary: {e}")))?;
    let mut frames = Vec::new();
    let mut rss = Vec::new();
    for _ in 0..runs {
        // `script` gives the demo a pseudo-terminal, as a real session would.
        let cmd = format!("{} demo --exit-after-first-frame", exe.display());
        let out = tokio::process::Command::new("script")
            .args(["-qfec", &cmd, "/dev/null"])
            .env("TERM", "xterm-256color")
            .output()
            .await
            .map_err(|e| CliError::failed(format!("cannot run `script` (util-linux) for a pty: {e}")))?;
        let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
        let field = |k: &str| {
            text.split(k)
                .nth(1)
                .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
                .and_then(|v| v.parse::<u64>().ok())
        };
        match (field("first_frame_ms="), field("rss_kb=")) {
            (Some(f), Some(r)) => {
                frames.push(f);
                rss.push(r);
            }
            _ => {
                return Err(CliError::failed(format!(
                    "the demo did not report its first frame: {}",
                    text.chars().take(300).collect::<String>()
                )));
            }
        }
    }
    frames.sort();
    rss.sort();
    crate::outln!("startup: {runs} runs of `tokshop demo` in a pty");
    crate::outln!(
        "  start to first frame  median {} ms, max {} ms",
        frames[frames.len() / 2],
        frames[frames.len() - 1]
    );
    crate::outln!(
        "  resident memory       median {:.1} MB, max {:.1} MB",
        rss[rss.len() / 2] as f64 / 1024.0,
        rss[rss.len() - 1] as f64 / 1024.0
    );
    Ok(())
}
