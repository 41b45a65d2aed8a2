//! `tokshop demo`: the built-in sandbox with a demo world, started in-process, and the console
//! against it over loopback. The demo's shops are connected through the real authorization
//! flow; the demo uses its own data dir (a temporary one unless `--data-dir` is given).

pub mod catalog;

use crate::cli::console::{self, Screen, load_keymap};
use crate::cli::session::{CliError, Globals, settings};
use crate::clock::Clock;
use crate::domain::Secret;
use crate::logging::{self, LogRing};
use crate::message::{Topic, Update};
use crate::sandbox::{self, SandboxConfig, seed::Seed};
use crate::store::Store;
use crate::sync::SyncCtx;
use crate::sync::shops::{connections, reminders};
use crate::ui::run::LoopOptions;
use clap::Args;
use std::time::Instant;

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Print the time to the first frame and the resident memory, then exit (for `tokshop bench startup`)
    #[arg(long, hide = true)]
    pub exit_after_first_frame: bool,
}

/// The demo's stores and which seller's shops each one gets.
pub const DEMO_LINKS: [(&str, &str); 2] = [("maomao-web", "Maomao Beauty"), ("northwind-web", "Northwind Outfitters")];

pub async fn run(g: &Globals, args: DemoArgs) -> Result<(), CliError> {
    let started = Instant::now();
    let mut s = settings(g)?;
    let keymap = load_keymap(g, &s)?;
    let ring = LogRing::default();
    let _log = logging::init(&s.state_dir, ring.clone(), false);
    let tmp;
    if g.data_dir.is_none() {
        tmp = tempfile_dir()?;
        s.data_dir = tmp.0.clone();
    }
    // A steady stream of new orders (one a minute per connected shop) on top of the history.
    let mix = crate::sandbox::commerce::OrderMix { orders_per_minute: 1.0, after_sales: 0.05, ..Default::default() };
    let sb = sandbox::start(SandboxConfig { seed: Seed::Demo, mix, ..SandboxConfig::default() })
        .await
        .map_err(|e| CliError::failed(e.to_string()))?;
    // Three months of statements, payments and withdrawals behind the demo's orders.
    sb.finance_demo();
    use_sandbox(&mut s, &sb);
    let store = Store::open(&s.data_dir)?;
    // A data dir from an earlier demo: its shops' tokens came from a sandbox that is gone, so
    // each seller consents again to this one and its live shops are linked afresh.
    let resume = resume_links(&store)?;
    let clock = crate::clock::system();
    let listen = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
    // The engine runs here, with the sandbox; the console attaches to it like any other (a
    // second console may attach too: tokshop --data-dir <the demo's data dir>).
    let engine = crate::engine::start(&s, store, clock.clone(), "demo", listen, true).await?;
    let running = &engine.running;
    if let Some(r) = &running.receiver {
        sb.set_webhook_url(Some(r.webhook_url()));
        sb.set_redirect_url(Some(r.callback_url()));
    }
    // Connect the demo sellers in the background: the first frame does not wait for it.
    let ctx = running.ctx.clone();
    let codes: Vec<Link> = if resume.is_empty() {
        DEMO_LINKS.iter().map(|(st, seller)| (st.to_string(), sb.issue_code(Some(seller)), None)).collect()
    } else {
        resume.into_iter().map(|(st, ids)| (st, sb.issue_code(ids.first().map(String::as_str)), Some(ids))).collect()
    };
    let commands = running.engine.commands.clone();
    let catalog_dir = s.data_dir.join("demo-catalog");
    tokio::spawn(async move {
        seed_connections(&ctx, codes).await;
        seed_catalog(&ctx, &catalog_dir).await;
        // The engine polled before these shops existed: pull their orders now, not in a minute.
        let _ = commands.send(crate::message::OrdersCommand::SyncOrders { shop_id: None }.into());
        let _ = commands.send(crate::message::FinanceCommand::Sync { shop_id: None }.into());
    });
    let exit_early = args.exit_after_first_frame;
    let opts = LoopOptions {
        synchronized: true,
        exit_after_first_frame: exit_early,
        on_first_frame: Some(Box::new(move || {
            let ms = started.elapsed().as_millis();
            tracing::info!("demo: first frame after {ms} ms");
            if exit_early {
                // Printed after the screen is restored (stderr is not the screen).
                FIRST_FRAME_MS.store(ms as u64, std::sync::atomic::Ordering::SeqCst);
            }
        })),
        ..console::default_opts(&s)
    };
    let socket = engine.server.socket.clone();
    let out = match Screen::attached(socket, keymap, g.read_only, ring, clock, opts).await {
        Ok(sc) => console::screen(sc).await,
        Err(e) => Err(e),
    };
    engine.stop();
    if exit_early {
        eprintln!("first_frame_ms={} rss_kb={}", FIRST_FRAME_MS.load(std::sync::atomic::Ordering::SeqCst), rss_kb());
    }
    sb.shutdown();
    out
}

/// Point settings at an in-process sandbox: its base URLs and its app's credentials.
pub fn use_sandbox(s: &mut crate::config::Settings, sb: &sandbox::SandboxHandle) {
    s.app_key = Some(sandbox::DEFAULT_APP_KEY.into());
    s.app_secret = Some(Secret::new(sandbox::DEFAULT_APP_SECRET));
    s.service_id = Some(sandbox::DEFAULT_SERVICE_ID.into());
    s.api_base_url = sb.base_url();
    s.auth_base_url = sb.base_url();
    s.authorize_url = sb.authorize_url();
}

static FIRST_FRAME_MS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Resident memory of this process in KiB (Linux).
pub fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

/// A private temporary data dir, removed when the demo ends.
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn tempfile_dir() -> Result<TempDir, CliError> {
    let now = crate::clock::SystemClock.now();
    let dir = std::env::temp_dir().join(format!("tokshop-demo-{}-{now}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| CliError::failed(format!("cannot create a demo data dir: {e}")))?;
    Ok(TempDir(dir))
}

/// A store to link, the seller's auth code, and which shops (None: all the seller's).
pub type Link = (String, Result<String, String>, Option<Vec<String>>);

/// The live shops of an earlier demo, per store and seller (their first shop names the seller).
pub fn resume_links(store: &Store) -> Result<Vec<(String, Vec<String>)>, CliError> {
    let mut out: Vec<(String, String, Vec<String>)> = Vec::new();
    for shop in store.list_shops()?.into_iter().filter(|s| s.status != crate::domain::shop::ShopStatus::Disconnected) {
        match out.iter_mut().find(|(st, g, _)| *st == shop.store && *g == shop.grant_id) {
            Some((_, _, ids)) => ids.push(shop.id),
            None => out.push((shop.store, shop.grant_id, vec![shop.id])),
        }
    }
    Ok(out.into_iter().map(|(st, _, ids)| (st, ids)).collect())
}

pub async fn seed_connections(ctx: &SyncCtx, codes: Vec<Link>) {
    for (store, code, chosen) in codes {
        let step = async {
            let code = code.map_err(crate::sync::SyncError::Invalid)?;
            if !ctx.store.list_stores()?.iter().any(|s| s.name == store) {
                connections::add_store(ctx, &store)?;
            }
            connections::connect_with_code(ctx, &store, &code, chosen.as_deref()).await
        };
        match step.await {
            Ok(linked) => {
                let names: Vec<String> = linked.iter().map(|s| format!("{} ({})", s.name, s.region)).collect();
                ctx.updates.send(Update::Done(format!("Demo: connected {} to {store}", names.join(", "))));
            }
            Err(e) => {
                ctx.updates.send(Update::Failed(format!("Demo: connecting {store} failed: {e}")));
            }
        }
    }
    reminders::check(ctx);
    if let Err(e) = seed_carriers(ctx).await {
        ctx.updates.send(Update::Failed(format!("Demo: adding carriers failed: {e}")));
    }
    ctx.updates.send(Update::Changed(Topic::Shops));
    ctx.updates.send(Update::Changed(Topic::Inbox));
    ctx.updates.send(Update::Changed(Topic::Carriers));
}

async fn seed_catalog(ctx: &SyncCtx, dir: &std::path::Path) {
    let shops: Vec<_> = match ctx.store.list_shops() {
        Ok(s) => s.into_iter().filter(|s| s.status.syncs()).collect(),
        Err(e) => {
            ctx.updates.send(Update::Failed(format!("Demo: cannot read the shops: {e}")));
            return;
        }
    };
    let msg = match crate::cli::demo::catalog::seed(ctx, dir, &shops).await {
        Ok(m) => Update::Done(m),
        Err(e) => Update::Failed(format!("Demo: seeding the catalogue failed: {e}")),
    };
    ctx.updates.send(msg);
    for s in &shops {
        for t in [Topic::Products(s.store.clone()), Topic::Listings(s.id.clone()), Topic::Mappings(s.id.clone())] {
            ctx.updates.send(Update::Changed(t));
        }
    }
}

/// The platform's carriers: (carrier, the TikTok provider it ships as). FedEx Home stays
/// unmapped so the demo shows "map it now".
const DEMO_CARRIERS: [(&str, Option<&str>); 4] = [
    ("UPS Ground", Some("UPS")),
    ("USPS Priority", Some("USPS")),
    ("Royal Mail Tracked 48", Some("Royal Mail")),
    ("FedEx Home", None),
];

async fn seed_carriers(ctx: &SyncCtx) -> Result<(), crate::sync::SyncError> {
    use crate::domain::package::{Carrier, CarrierMapping};
    use crate::store::fulfilment;
    let shops: Vec<_> = ctx.store.list_shops()?.into_iter().filter(|s| s.status.syncs()).collect();
    for shop in &shops {
        crate::sync::fulfilment::warehouses::sync_warehouses(ctx, shop, true).await?;
    }
    let warehouses = ctx.store.warehouses(None)?;
    ctx.store.write(|t| {
        for (name, provider) in DEMO_CARRIERS {
            fulfilment::add_carrier(t, &Carrier { name: name.into(), tracking_url: None })?;
            let Some(provider) = provider else { continue };
            for shop in &shops {
                let found = warehouses
                    .iter()
                    .filter(|w| w.shop_id == shop.id)
                    .flat_map(|w| w.delivery_options.iter())
                    .flat_map(|o| o.providers.iter())
                    .find(|p| p.name == provider);
                if let Some(p) = found {
                    let m = CarrierMapping {
                        carrier: name.into(),
                        shop_id: shop.id.clone(),
                        delivery_option_id: String::new(),
                        provider_id: p.id.clone(),
                        provider_name: p.name.clone(),
                    };
                    fulfilment::map_carrier(t, &m)?;
                }
            }
        }
        Ok(())
    })?;
    Ok(())
}
