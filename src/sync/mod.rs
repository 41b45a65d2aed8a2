//! Background work, by family: shop connections and tokens (`shops`), orders and cancellations
//! (`orders`), shipping and packages (`fulfilment`), the catalogue and listings (`catalog`), the
//! Inbox; and the parts every family shares: the engine's tasks, the outbox drain, webhook
//! processing, health. The console talks to it with [`Command`]s and hears back through
//! [`Update`]s; headless commands call the same functions directly. Failures become updates,
//! never crashes.

pub mod catalog;
pub mod commands;
pub mod engine;
pub mod finance;
pub mod fulfilment;
pub mod health;
pub mod inbox;
pub mod orders;
pub mod outbox;
pub mod progress;
pub mod returns;
pub mod shops;
pub mod webhooks;

use crate::api::ApiClient;
use crate::clock::SharedClock;
use crate::store::Store;
use tokio::sync::mpsc;

pub use crate::message::{Command, Topic, Update};

/// Where updates go: a channel (the console in this process), a function (the engine routing
/// them to its clients), or nowhere (headless runs). A closed receiver is fine.
#[derive(Clone, Default)]
pub struct Updates(Option<std::sync::Arc<dyn Fn(Update) + Send + Sync>>);

impl Updates {
    pub fn new(tx: mpsc::UnboundedSender<Update>) -> Updates {
        Updates(Some(std::sync::Arc::new(move |u| {
            let _ = tx.send(u);
        })))
    }
    pub fn from_fn(f: impl Fn(Update) + Send + Sync + 'static) -> Updates {
        Updates(Some(std::sync::Arc::new(f)))
    }
    pub fn none() -> Updates {
        Updates(None)
    }
    pub fn send(&self, u: Update) {
        if let Some(f) = &self.0 {
            f(u);
        }
    }
}

/// A hint that orders of a shop changed (from a webhook): fetch them now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    pub shop_id: String,
    pub order_ids: Vec<String>,
    /// Refresh these orders' cancellations too (type 11).
    pub cancellations: bool,
    /// Products to read back (types 5, 15, 16, 37).
    pub product_ids: Vec<String>,
    /// Returns to read back with their records (type 12).
    pub return_ids: Vec<String>,
}

/// Where hints go (the engine's fetcher); none in headless runs.
#[derive(Clone, Default)]
pub struct Hints(Option<mpsc::UnboundedSender<Hint>>);

impl Hints {
    pub fn new(tx: mpsc::UnboundedSender<Hint>) -> Hints {
        Hints(Some(tx))
    }
    /// False when nobody listens (the hint is dropped: polling recovers the change).
    pub fn send(&self, h: Hint) -> bool {
        self.0.as_ref().is_some_and(|tx| tx.send(h).is_ok())
    }
}

/// Settings the sync layer needs beyond the API client.
#[derive(Clone, Debug)]
pub struct AuthSettings {
    pub authorize_url: String,
    pub service_id: Option<String>,
}

/// Everything a sync function works with.
#[derive(Clone)]
pub struct SyncCtx {
    pub store: Store,
    pub api: ApiClient,
    pub clock: SharedClock,
    pub auth: AuthSettings,
    /// Who acts, for the audit log and the outbox: a person (through the engine or a command),
    /// or the engine's own work.
    pub actor: crate::domain::actor::Actor,
    pub updates: Updates,
    pub health: health::Health,
    pub tokens: std::sync::Arc<shops::tokens::StoreTokens>,
    pub hints: Hints,
    pub orders: orders::poll::OrderSyncSettings,
    pub labels: LabelSettings,
}

/// Where shipping labels go and what prints them.
#[derive(Clone, Debug, Default)]
pub struct LabelSettings {
    pub dir: std::path::PathBuf,
    /// Run with the label's path as its last argument (e.g. `lp -d zebra`).
    pub print_command: Option<String>,
}

impl SyncCtx {
    /// Wire a context: an auth-only client for refreshing, and the main client whose token
    /// source is the store.
    pub fn build(
        api: crate::api::ApiConfig,
        auth: AuthSettings,
        store: Store,
        clock: SharedClock,
        actor: &str,
        updates: Updates,
    ) -> Result<SyncCtx, crate::api::ApiError> {
        let auth_only = ApiClient::new(api.clone(), clock.clone(), None)?;
        let tokens = shops::tokens::StoreTokens::new(store.clone(), auth_only, clock.clone(), actor);
        let client =
            ApiClient::new(api, clock.clone(), Some(tokens.clone() as std::sync::Arc<dyn crate::api::TokenSource>))?;
        Ok(SyncCtx {
            api: client,
            clock,
            auth,
            actor: crate::domain::actor::Actor::system(actor),
            updates,
            health: health::Health::default(),
            tokens,
            hints: Hints::default(),
            orders: orders::poll::OrderSyncSettings::default(),
            labels: LabelSettings { dir: store.dir().join("labels"), print_command: None },
            store,
        })
    }

    pub fn now(&self) -> i64 {
        self.clock.now()
    }
}

/// Errors of sync operations, already phrased for a person.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Api(#[from] crate::api::ApiError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("{0}")]
    Invalid(String),
}

pub type SyncResult<T> = Result<T, SyncError>;
