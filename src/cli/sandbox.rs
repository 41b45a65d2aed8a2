//! `tokshop sandbox`: the emulator alone, for scripts, training and other tools; and small
//! admin helpers that talk to a running one.

use super::session::{CliError, Globals};
use crate::logging::{self, LogRing};
use crate::sandbox::faults::Faults;
use crate::sandbox::seed::Seed;
use crate::sandbox::{self, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_SERVICE_ID, SandboxConfig};
use clap::{Args, Subcommand};
use std::net::SocketAddr;

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SandboxArgs {
    #[command(subcommand)]
    pub cmd: Option<SandboxCmd>,
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on (API host, auth host and admin routes on one listener)
    #[arg(long, default_value = "127.0.0.1:9900")]
    pub listen: SocketAddr,
    #[arg(long, env = "TOKSHOP_SANDBOX_APP_KEY", default_value = DEFAULT_APP_KEY)]
    pub app_key: String,
    #[arg(long, env = "TOKSHOP_SANDBOX_APP_SECRET", default_value = DEFAULT_APP_SECRET, hide_default_value = true)]
    pub app_secret: String,
    #[arg(long, default_value = DEFAULT_SERVICE_ID)]
    pub service_id: String,
    /// Where webhooks are sent (e.g. http://127.0.0.1:8787/webhooks/tiktok)
    #[arg(long)]
    pub webhook_url: Option<String>,
    /// Where the consent page redirects with the code (e.g. http://127.0.0.1:8787/oauth/callback)
    #[arg(long)]
    pub redirect_url: Option<String>,
    #[arg(long, default_value = "demo", value_parser = ["demo", "empty", "hostile"])]
    pub seed: String,
    /// Share of API calls failing with HTTP 500 / 36009003 (0-1)
    #[arg(long, default_value_t = 0.0)]
    pub error_rate: f64,
    /// Requests per second per app and shop before 429 / 36009002 (0 = unlimited)
    #[arg(long, default_value_t = 0)]
    pub qps: u32,
    /// Added latency per API call, in milliseconds
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Share of webhooks never delivered (0-1)
    #[arg(long, default_value_t = 0.0)]
    pub drop_webhook_rate: f64,
    /// New orders per minute per connected shop (default: 1 with the demo seed, 0 with empty)
    #[arg(long)]
    pub orders_per_minute: Option<f64>,
}

#[derive(Subcommand, Debug)]
pub enum SandboxCmd {
    /// Get a seller's auth code without a browser (from a running sandbox)
    IssueCode {
        #[arg(long, default_value = "http://127.0.0.1:9900")]
        sandbox_url: String,
        /// Seller name, open_id or shop id (default: the first seller)
        #[arg(long)]
        seller: Option<String>,
    },
    /// Move a running sandbox's clock forward
    AdvanceClock {
        seconds: i64,
        #[arg(long, default_value = "http://127.0.0.1:9900")]
        sandbox_url: String,
    },
}

pub async fn run(_g: &Globals, args: SandboxArgs) -> Result<(), CliError> {
    match args.cmd {
        Some(SandboxCmd::IssueCode { sandbox_url, seller }) => {
            let body = serde_json::json!({ "seller": seller });
            let v = admin_post(&sandbox_url, "/_sandbox/auth_codes", body).await?;
            crate::outln!("{}", v["code"].as_str().unwrap_or_default());
            Ok(())
        }
        Some(SandboxCmd::AdvanceClock { seconds, sandbox_url }) => {
            let v = admin_post(&sandbox_url, "/_sandbox/clock", serde_json::json!({ "advance_secs": seconds })).await?;
            crate::outln!("sandbox time is now {}", crate::domain::time::date_time(v["now"].as_i64().unwrap_or(0)));
            Ok(())
        }
        None => serve(args.serve).await,
    }
}

async fn admin_post(base: &str, path: &str, body: serde_json::Value) -> Result<serde_json::Value, CliError> {
    let http = crate::api::client::http_client(std::time::Duration::from_secs(10))?;
    let url = format!("{}{path}", base.trim_end_matches('/'));
    let r = http
        .post(&url)
        .json(&body)
        .send()
        .await
        .map_err(|e| CliError::failed(format!("cannot reach the sandbox at {base}: {}", e.without_url())))?;
    let status = r.status();
    let v: serde_json::Value =
        r.json().await.map_err(|e| CliError::failed(format!("the sandbox answered something unreadable: {e}")))?;
    if !status.is_success() {
        return Err(CliError::failed(format!("sandbox: {}", v["error"].as_str().unwrap_or("request failed"))));
    }
    Ok(v)
}

async fn serve(a: ServeArgs) -> Result<(), CliError> {
    let _log = logging::init(&std::env::temp_dir().join("tokshop-sandbox"), LogRing::default(), true);
    let faults = Faults {
        error_rate: a.error_rate,
        qps: a.qps,
        latency_ms: a.latency_ms,
        drop_webhook_rate: a.drop_webhook_rate,
        ..Faults::default()
    };
    faults.validate().map_err(CliError::usage)?;
    let seed: Seed = a.seed.parse().map_err(CliError::usage)?;
    let cfg = SandboxConfig {
        listen: a.listen,
        app_key: a.app_key.clone(),
        app_secret: a.app_secret.clone(),
        service_id: a.service_id.clone(),
        redirect_url: a.redirect_url,
        webhook_url: a.webhook_url,
        seed,
        faults,
        rng_seed: 42,
        mix: crate::sandbox::commerce::OrderMix {
            orders_per_minute: a.orders_per_minute.unwrap_or(if seed == Seed::Demo { 1.0 } else { 0.0 }),
            ..Default::default()
        },
    };
    let h = sandbox::start(cfg).await.map_err(|e| CliError::failed(e.to_string()))?;
    if seed == Seed::Demo {
        h.finance_demo();
    }
    let base = h.base_url();
    crate::outln!("TikTok Shop sandbox listening on {base}");
    crate::outln!("Point tokshop at it (the app secret is the sandbox's own, never a real one):");
    crate::outln!(
        "  TOKSHOP_API_BASE_URL={base} TOKSHOP_AUTH_BASE_URL={base} TOKSHOP_AUTHORIZE_URL={base}/open/authorize \\"
    );
    crate::outln!(
        "  TOKSHOP_APP_KEY={} TOKSHOP_APP_SECRET=<--app-secret> TOKSHOP_SERVICE_ID={}",
        a.app_key,
        a.service_id
    );
    crate::outln!("Sellers:");
    for (open_id, name, shops) in h.sellers() {
        crate::outln!("  {name} (open_id {open_id}): {} shop(s)", shops.len());
    }
    crate::outln!("Auth code without a browser: tokshop sandbox issue-code --sandbox-url {base} [--seller NAME]");
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .map_err(|e| CliError::failed(format!("cannot watch for SIGTERM: {e}")))?;
    tokio::select! {
        _ = term.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    h.shutdown();
    Ok(())
}
