//! What every command needs: settings, the store, and (for commands that call TikTok) an API
//! client with the store's tokens behind it.

use crate::api::ApiConfig;
use crate::clock::SharedClock;
use crate::config::{ConfigError, Overrides, ProcessEnv, Settings};
use crate::store::{Store, StoreError};
use crate::sync::{AuthSettings, SyncCtx, SyncError, Updates};
use std::path::PathBuf;

#[derive(Clone, Debug, Default)]
pub struct Globals {
    pub config: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub keymap: Option<PathBuf>,
    pub read_only: bool,
}

/// A failure with the exit code it deserves.
#[derive(Debug)]
pub struct CliError {
    pub code: i32,
    pub message: String,
}

impl CliError {
    pub fn usage(message: impl Into<String>) -> CliError {
        CliError { code: 2, message: message.into() }
    }
    pub fn failed(message: impl Into<String>) -> CliError {
        CliError { code: 1, message: message.into() }
    }
}

impl From<ConfigError> for CliError {
    fn from(e: ConfigError) -> Self {
        CliError::usage(e.message)
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::InUse { .. } | StoreError::Schema(_) => CliError::usage(e.to_string()),
            other => CliError::failed(other.to_string()),
        }
    }
}

impl From<SyncError> for CliError {
    fn from(e: SyncError) -> Self {
        match e {
            SyncError::Store(s) => s.into(),
            other => CliError::failed(other.to_string()),
        }
    }
}

impl From<crate::api::ApiError> for CliError {
    fn from(e: crate::api::ApiError) -> Self {
        CliError::failed(e.to_string())
    }
}

pub fn settings(g: &Globals) -> Result<Settings, CliError> {
    if let Some(e) = in_engine() {
        return Ok(e.settings);
    }
    Ok(Settings::load(&Overrides { config: g.config.clone(), data_dir: g.data_dir.clone() }, &ProcessEnv)?)
}

pub fn api_config(s: &Settings) -> Result<ApiConfig, CliError> {
    let (key, secret) = s.app()?;
    let mut c = ApiConfig::new(&key, secret, &s.api_base_url, &s.auth_base_url);
    c.qps_per_shop = s.qps_per_shop;
    Ok(c)
}

/// The sync context over `store` for settings `s`.
pub fn build_ctx(
    s: &Settings,
    store: Store,
    clock: SharedClock,
    actor: &str,
    updates: Updates,
) -> Result<SyncCtx, CliError> {
    let auth = AuthSettings { authorize_url: s.authorize_url.clone(), service_id: s.service_id.clone() };
    let mut ctx = SyncCtx::build(api_config(s)?, auth, store, clock, actor, updates)?;
    ctx.labels.print_command = s.print_command.clone();
    if let Some(d) = &s.labels_dir {
        ctx.labels.dir = d.clone();
    }
    Ok(ctx)
}

/// What a headless command runs with inside the engine: the engine's settings, its open store
/// and a sync context acting as the command's user.
#[derive(Clone)]
pub struct InEngine {
    pub settings: Settings,
    pub store: Store,
    pub ctx: SyncCtx,
}

tokio::task_local! {
    /// Set while the engine runs a headless command for a client.
    pub static IN_ENGINE: InEngine;
}

pub fn in_engine() -> Option<InEngine> {
    IN_ENGINE.try_with(|e| e.clone()).ok()
}

/// Who runs the command: the engine's client, or the user of this process (who can open the
/// store only as its owner).
pub fn actor() -> crate::domain::actor::Actor {
    in_engine().map(|e| e.ctx.actor).unwrap_or_else(|| crate::engine::identity::local_actor("command"))
}

/// Settings and the store, for commands that only read or write locally.
pub fn open_store(g: &Globals) -> Result<(Settings, Store), CliError> {
    if let Some(e) = in_engine() {
        return Ok((e.settings, e.store));
    }
    let s = settings(g)?;
    let store = super::progress::open_store(&s.data_dir)?;
    Ok((s, store))
}

/// Settings, store and a sync context, for commands that call TikTok.
pub fn open_ctx(g: &Globals) -> Result<SyncCtx, CliError> {
    if let Some(e) = in_engine() {
        return Ok(e.ctx);
    }
    let s = settings(g)?;
    // Check the app credentials before taking the data dir.
    s.app()?;
    let store = super::progress::open_store(&s.data_dir)?;
    let mut ctx = build_ctx(&s, store, crate::clock::system(), "command", Updates::none())?;
    ctx.actor = actor();
    Ok(ctx)
}
