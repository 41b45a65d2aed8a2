//! Background work: connections and tokens, the outbox drain, webhook processing, reminders.
//! The UI talks to it with [`Command`]s and hears back through [`Update`]s; headless commands
//! call the same functions directly. Failures become updates, never crashes.

pub mod browser;
pub mod connections;
pub mod disconnect;
pub mod engine;
pub mod health;
pub mod orders;
pub mod outbox;
pub mod reminders;
pub mod tokens;
pub mod upkeep;
pub mod webhooks;

use crate::api::ApiClient;
use crate::clock::SharedClock;
use crate::domain::shop::AuthorizedShop;
use crate::store::Store;
use tokio::sync::mpsc;

/// What the console asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    AddStore {
        name: String,
    },
    RemoveStore {
        name: String,
    },
    /// Create an authorization link for a store (interactive: the operator picks shops),
    /// adding the store first when `create_store`.
    BeginConnect {
        store: String,
        create_store: bool,
    },
    /// Create a link that renews the authorization behind a shop.
    BeginReauthorize {
        shop_id: String,
    },
    /// Exchange a code the operator pasted for a pending authorization.
    SubmitCode {
        state: String,
        code: String,
    },
    /// Link the chosen shops of an exchanged authorization.
    LinkShops {
        state: String,
        shop_ids: Vec<String>,
    },
    CancelConnect {
        state: String,
    },
    /// Open an authorization link (a browser, or the sandbox's consent page over loopback).
    OpenLink {
        url: String,
    },
    Disconnect {
        shop_id: String,
    },
    RefreshToken {
        shop_id: String,
    },
    ResolveAttention {
        key: String,
    },
}

/// Which store views changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Topic {
    Shops,
    Inbox,
    Webhooks,
    Orders,
    Packages,
    Mapping,
}

/// What the console hears back.
#[derive(Clone, Debug, PartialEq)]
pub enum Update {
    /// Re-read this view from the store.
    Changed(Topic),
    /// An authorization link is ready for the seller.
    AuthLink {
        state: String,
        url: String,
    },
    /// The seller consented: these shops can be linked (with the store each is already in).
    AuthorizedShops {
        state: String,
        shops: Vec<(AuthorizedShop, Option<String>)>,
    },
    /// The authorization failed or was denied.
    AuthFailed {
        state: String,
        message: String,
    },
    /// The chosen shops were linked.
    Linked {
        state: String,
        names: Vec<String>,
    },
    /// Something finished.
    Done(String),
    /// Something failed; the message says what and why.
    Failed(String),
    Health(health::HealthSnapshot),
}

/// Where updates go; a closed receiver is fine (headless runs).
#[derive(Clone)]
pub struct Updates(Option<mpsc::UnboundedSender<Update>>);

impl Updates {
    pub fn new(tx: mpsc::UnboundedSender<Update>) -> Updates {
        Updates(Some(tx))
    }
    pub fn none() -> Updates {
        Updates(None)
    }
    pub fn send(&self, u: Update) {
        if let Some(tx) = &self.0 {
            let _ = tx.send(u);
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
    /// Who acts, for the audit log: `cli`, `console`, `daemon`.
    pub actor: String,
    pub updates: Updates,
    pub health: health::Health,
    pub tokens: std::sync::Arc<tokens::StoreTokens>,
    pub hints: Hints,
    pub orders: orders::OrderSyncSettings,
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
        let tokens = tokens::StoreTokens::new(store.clone(), auth_only, clock.clone(), actor);
        let client = ApiClient::new(api, clock.clone(), Some(tokens.clone() as std::sync::Arc<dyn crate::api::TokenSource>))?;
        Ok(SyncCtx {
            store,
            api: client,
            clock,
            auth,
            actor: actor.into(),
            updates,
            health: health::Health::default(),
            tokens,
            hints: Hints::default(),
            orders: orders::OrderSyncSettings::default(),
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
