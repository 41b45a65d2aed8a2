//! `tokshop init`: from nothing to a running setup, one checked step at a time: the app key and
//! secret (the secret in a 0600 file, never echoed; a real request signed with it), the webhook
//! receiver (its port taken and reached from this host; the addresses to give TikTok), the first
//! store, the seller's authorization (the link, and the code coming back to the callback or
//! pasted), a first sync, and `tokshop daemon` as a systemd service. Answers come from flags or,
//! one a line, from stdin, so a script (and the tests) can run it.

mod answers;
mod checks;
mod files;

use super::session::{CliError, Globals, build_ctx};
use crate::config::{self, Overrides, ProcessEnv, Settings};
use crate::domain::Secret;
use crate::domain::authorization::AuthPurpose;
use crate::store::Store;
use crate::sync::{SyncCtx, Updates};
use answers::Answers;
use clap::{Args, ValueEnum};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Args, Debug)]
pub struct InitArgs {
    /// The app key (Partner Center); asked when not given. The secret is always asked (stdin)
    #[arg(long)]
    pub app_key: Option<String>,
    /// The app's service id (Partner Center)
    #[arg(long)]
    pub service_id: Option<String>,
    /// Where the receiver listens (default 127.0.0.1:8787)
    #[arg(long, value_name = "ADDR:PORT")]
    pub webhook_listen: Option<String>,
    /// The address TikTok reaches the receiver by (https://shop.example.com, through your TLS proxy)
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// The first store's name (default main)
    #[arg(long)]
    pub store: Option<String>,
    /// The seller's auth code, if you have it already (else the callback or stdin brings it)
    #[arg(long, value_name = "CODE")]
    pub auth_code: Option<String>,
    /// How long to wait for the seller's authorization, in seconds
    #[arg(long, default_value_t = 1800)]
    pub wait_secs: u64,
    /// Leave out the first sync
    #[arg(long)]
    pub no_sync: bool,
    /// The systemd unit for `tokshop daemon`: print it, write it to ~/.config/systemd/user, or neither
    #[arg(long, value_enum, default_value_t = ServiceMode::Print)]
    pub service: ServiceMode,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ServiceMode {
    Print,
    Write,
    Skip,
}

const STEPS: usize = 6;

fn step(n: usize, what: &str) {
    crate::outln!();
    crate::outln!("{n}/{STEPS} {what}");
}

fn ok(what: &str) {
    crate::outln!("  ✔ {what}");
}

fn warn(what: &str) {
    crate::outln!("  ! {what}");
}

/// A failed step: what is wrong and what to do, exit 1.
fn fix(what: impl Into<String>) -> CliError {
    CliError::failed(format!("init stopped: {}", what.into()))
}

fn missing(what: &str, flag: &str) -> CliError {
    CliError::usage(format!("init needs {what}: give {flag}, or answer it on stdin"))
}

pub async fn run(g: &Globals, args: InitArgs) -> Result<(), CliError> {
    let over = Overrides { config: g.config.clone(), data_dir: g.data_dir.clone() };
    let config_path = config::config_path(&over, &ProcessEnv);
    // What is set already (env, an existing config) becomes the defaults.
    let mut s = Settings::load(&over, &ProcessEnv)?;
    let mut ask = Answers::from_stdin();
    crate::outln!(
        "tokshop init: {STEPS} steps to a running setup. Config {}; data dir {}.",
        config_path.display(),
        s.data_dir.display()
    );

    step(1, "The app (Partner Center: App & Service, your app: app key, app secret, service id)");
    let app_key =
        ask.ask("App key", args.app_key, s.app_key.as_deref()).await.ok_or(missing("the app key", "--app-key"))?;
    let secret = match ask.secret("App secret").await {
        Some(x) => Secret::new(x),
        None => s.app_secret.clone().ok_or_else(|| missing("the app secret", "it on stdin"))?,
    };
    let service_id = ask
        .ask("Service id", args.service_id, s.service_id.as_deref())
        .await
        .ok_or(missing("the service id", "--service-id"))?;
    let shown = checks::app_signs(&s.api_base_url, &app_key, &secret).await.map_err(fix)?;
    ok(&shown);

    step(2, "The webhook receiver (TikTok's webhooks and the seller's authorization come back to it)");
    let default_listen = s.webhook_listen.to_string();
    let listen_text = ask.ask("Listen on", args.webhook_listen, Some(&default_listen)).await.unwrap_or(default_listen);
    let listen: SocketAddr = listen_text
        .parse()
        .map_err(|_| fix(format!("{listen_text:?} is not an address:port; answer e.g. 127.0.0.1:8787")))?;
    let door = checks::open_door(listen).await.map_err(fix)?;
    let here = format!("http://{}", checks::reach(door.addr));
    checks::healthz(&here).await.map_err(|e| {
        fix(format!("the port was taken but does not answer from this host: {e}; check the firewall for {listen}"))
    })?;
    ok(&format!("{listen} is free and answers from this host ({here}/healthz)"));
    let public = ask
        .ask("Public address TikTok reaches it by (your TLS proxy, https://…)", args.public_url, Some(&here))
        .await
        .unwrap_or(here.clone());
    let public = public.trim_end_matches('/').to_string();
    if reqwest::Url::parse(&public).is_err() {
        return Err(fix(format!("{public:?} is not a URL; answer e.g. https://shop.example.com")));
    }
    match checks::healthz(&public).await {
        Ok(()) => ok(&format!("{public}/healthz reaches this receiver")),
        Err(e) => warn(&format!(
            "{e}: TikTok cannot reach the receiver there yet. Point that name at this host and let its proxy forward \
             to {listen} (HTTPS for TikTok); until then webhooks wait and polling keeps orders in step"
        )),
    }
    crate::outln!("  Give TikTok, in Partner Center (App & Service, your app):");
    crate::outln!("    webhook URL   {public}{}", crate::webhook::server::WEBHOOK_PATH);
    crate::outln!("    redirect URL  {public}{}", crate::webhook::server::CALLBACK_PATH);

    let secret_file = config_path.parent().unwrap_or(Path::new(".")).join("app_secret");
    files::write_secret(&secret_file, secret.expose()).map_err(fix)?;
    let urls = [
        ("api_base_url", &s.api_base_url, config::DEFAULT_API_BASE_URL),
        ("auth_base_url", &s.auth_base_url, config::DEFAULT_AUTH_BASE_URL),
        ("authorize_url", &s.authorize_url, config::DEFAULT_AUTHORIZE_URL),
    ]
    .into_iter()
    .filter(|(_, v, d)| v.as_str() != *d)
    .map(|(k, v, _)| (k, v.clone()))
    .collect();
    let answers = files::ConfigAnswers {
        app_key: app_key.clone(),
        service_id: service_id.clone(),
        secret_file: secret_file.clone(),
        webhook_listen: listen.to_string(),
        urls,
        data_dir: g.data_dir.clone(),
    };
    let backup = files::write_config(&config_path, &answers).map_err(fix)?;
    ok(&format!(
        "wrote {} (the secret alone in {}, mode 600){}",
        config_path.display(),
        secret_file.display(),
        backup.map(|b| format!("; the previous file is {}", b.display())).unwrap_or_default()
    ));
    s.app_key = Some(app_key);
    s.app_secret = Some(secret);
    s.service_id = Some(service_id);
    s.webhook_listen = listen;

    step(3, "The first store (your own shop's catalogue and orders; TikTok shops are linked to it)");
    let store_name = ask.ask("Store name", args.store, Some("main")).await.unwrap_or_else(|| "main".into());
    crate::domain::shop::validate_store_name(&store_name).map_err(CliError::usage)?;
    let store = Store::open(&s.data_dir)?;
    let mut ctx = build_ctx(&s, store, crate::clock::system(), "init", Updates::none())?;
    super::progress::attach(&mut ctx);
    add_store(&ctx, &store_name)?;

    step(4, "The seller's authorization");
    let linked = authorize(&ctx, &store_name, door, &mut ask, args.auth_code, args.wait_secs).await?;

    step(5, "The first sync");
    if args.no_sync {
        crate::outln!("  left out (--no-sync): tokshop daemon syncs when it starts, or run tokshop orders sync");
    } else {
        for shop in &linked {
            match super::orders::sync_one(&ctx, shop).await {
                Ok(line) => ok(&line),
                Err(e) => warn(&format!("{}: {}; tokshop daemon tries again", shop.name, e.message)),
            }
        }
    }

    step(6, "tokshop daemon as a service (sync, the outbox and the receiver, always on)");
    service(&config_path, g.data_dir.as_deref(), args.service)?;
    crate::outln!();
    crate::outln!("Done. tokshop opens the console; tokshop daemon status says whether the engine runs.");
    Ok(())
}

fn add_store(ctx: &SyncCtx, name: &str) -> Result<(), CliError> {
    use crate::domain::shop::PlatformStore;
    let now = ctx.now();
    let added = ctx.store.write(|tx| {
        if crate::store::shops::get_store(tx, name)?.is_some() {
            return Ok(false);
        }
        crate::store::shops::add_store(tx, &PlatformStore { name: name.into(), created_at: now })?;
        let outcome = crate::domain::audit::Outcome::Ok(String::new());
        crate::store::audit::append(tx, now, &super::session::actor(), "init: stores add", name, outcome)?;
        Ok(true)
    })?;
    ok(&if added { format!("store {name} added") } else { format!("store {name} is there already") });
    Ok(())
}

/// The link, then the code: from `--auth-code`, the seller's browser at the callback, or a line
/// pasted on stdin (the code, or the whole address the browser ended on). Every shop the seller
/// authorized is linked to the store.
async fn authorize(
    ctx: &SyncCtx,
    store: &str,
    mut door: checks::Door,
    ask: &mut Answers,
    flag: Option<String>,
    wait_secs: u64,
) -> Result<Vec<crate::domain::shop::Shop>, CliError> {
    let (pending, url) = crate::sync::shops::connections::begin(ctx, store, AuthPurpose::Connect, false)?;
    door.expect_state(&pending.state);
    let code = match flag {
        Some(c) => c,
        None => {
            crate::outln!("  Open this link signed in as the seller (or send it to them):");
            crate::outln!("{url}");
            crate::outln!(
                "  Waiting for the seller's browser at {}, or paste the code (or the whole address the browser \
                 ended on) here.",
                crate::webhook::server::CALLBACK_PATH
            );
            wait_for_code(&mut door, ask, wait_secs).await?
        }
    };
    drop(door);
    let exchanged = crate::sync::shops::connections::exchange(ctx, &pending.state, &code).await.map_err(|e| {
        fix(format!("TikTok did not take the code ({e}); open the link again for a new code (codes last 30 minutes)"))
    })?;
    let linked = crate::sync::shops::connections::link(ctx, &exchanged.state, None)?;
    ok(&format!("linked {} shop(s) to store {store}:", linked.len()));
    for s in &linked {
        crate::outln!("    {} · {} · {} ({})", s.id, s.name, s.region, s.status.label());
    }
    Ok(linked)
}

async fn wait_for_code(door: &mut checks::Door, ask: &mut Answers, wait_secs: u64) -> Result<String, CliError> {
    let deadline = tokio::time::sleep(Duration::from_secs(wait_secs));
    tokio::pin!(deadline);
    let mut stdin_open = true;
    loop {
        tokio::select! {
            got = door.codes.recv() => match got {
                Some(Ok(code)) => {
                    ok("the seller's browser brought the code back");
                    return Ok(code);
                }
                Some(Err(why)) => return Err(fix(format!("the seller did not authorize the app ({why})"))),
                None => return Err(fix("the receiver stopped")),
            },
            line = ask.line(), if stdin_open => match line {
                Some(l) => match answers::code_of(&l) {
                    Some(code) => {
                        ok("took the pasted code");
                        return Ok(code);
                    }
                    None if l.is_empty() => {}
                    None => crate::outln!("  no code in that address; paste the code, or wait for the browser"),
                },
                None => stdin_open = false,
            },
            _ = &mut deadline => {
                return Err(fix(format!(
                    "no authorization came back within {wait_secs} s; run tokshop init again (what is done stays done)"
                )));
            }
        }
    }
}

fn service(config: &Path, data_dir: Option<&Path>, mode: ServiceMode) -> Result<(), CliError> {
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("tokshop"));
    let unit = files::systemd_unit(&exe, config, data_dir);
    let enable = "systemctl --user daemon-reload && systemctl --user enable --now tokshop.service";
    let linger = "loginctl enable-linger \"$USER\"   # keeps it running after you log out";
    match mode {
        ServiceMode::Skip => {
            crate::outln!("  left out (--service skip): run tokshop daemon --detach, or see --service")
        }
        ServiceMode::Print => {
            let config_home = crate::config::config_home(&ProcessEnv);
            crate::outln!("  Save this as {}:", files::unit_path(&config_home).display());
            for l in unit.lines() {
                crate::outln!("    {l}");
            }
            crate::outln!("  then: {enable}");
            crate::outln!("        {linger}");
            crate::outln!("  (tokshop init --service write saves it for you)");
        }
        ServiceMode::Write => {
            let path = files::unit_path(&crate::config::config_home(&ProcessEnv));
            files::write_unit(&path, &unit).map_err(fix)?;
            ok(&format!("wrote {}", path.display()));
            crate::outln!("  now: {enable}");
            crate::outln!("       {linger}");
        }
    }
    Ok(())
}
