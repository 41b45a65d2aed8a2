//! Background work: connections and tokens, the outbox drain, webhook processing, reminders.
//! The UI talks to it with [`Command`]s and hears back through [`Update`]s; headless commands
//! call the same functions directly. Failures become updates, never crashes.

pub mod browser;
pub mod catalog;
pub mod catalog_commands;
pub mod catalog_file;
pub mod commands;
pub mod connections;
pub mod disconnect;
pub mod engine;
pub mod fulfil;
pub mod fulfil_exec;
pub mod health;
pub mod image_fetch;
pub mod images;
pub mod listing;
pub mod listing_exec;
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
    /// Poll orders now (all syncing shops, or one).
    SyncOrders {
        shop_id: Option<String>,
    },
    /// Ship orders with the seller's carrier (one or many: batch ship).
    Ship {
        requests: Vec<fulfil::ShipRequest>,
    },
    /// TikTok shipping: a pickup slot, or drop-off when `pickup_slot` is None.
    ShipTiktok {
        order_id: String,
        package_id: Option<String>,
        pickup_slot: Option<(i64, i64)>,
    },
    UpdateTracking {
        package_id: String,
        carrier: String,
        tracking: String,
    },
    SplitOrder {
        order_id: String,
        groups: Vec<Vec<String>>,
    },
    FetchCombinable {
        shop_id: String,
    },
    Combine {
        shop_id: String,
        pre_package_id: String,
        order_ids: Vec<String>,
    },
    Uncombine {
        package_id: String,
    },
    FetchHandoverSlots {
        package_id: String,
    },
    PrintLabel {
        package_id: String,
    },
    AnswerCancellation {
        cancel_id: String,
        approve: bool,
        reason: String,
        comment: String,
    },
    FetchRejectReasons {
        cancel_id: String,
    },
    CancelOrder {
        order_id: String,
        reason: String,
    },
    RetryOutbox {
        id: u64,
    },
    AddCarrier {
        name: String,
    },
    RemoveCarrier {
        name: String,
    },
    /// Import carriers from a CSV file (read by the engine: the console does no I/O).
    ImportCarriers {
        path: std::path::PathBuf,
    },
    MapCarrier {
        mapping: crate::domain::package::CarrierMapping,
    },
    RefreshWarehouses {
        shop_id: String,
    },
    /// Catalogue, mapping and listing work (issue 4).
    Catalog(catalog_commands::CatalogCommand),
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
    Catalog,
    Listings,
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
    /// Handover options of a TikTok-shipped package.
    HandoverSlots {
        package_id: String,
        can_pickup: bool,
        can_drop_off: bool,
        slots: Vec<(i64, i64)>,
    },
    /// Orders TikTok would ship together: (pre-generated package id, order ids).
    Combinable {
        shop_id: String,
        groups: Vec<(String, Vec<String>)>,
    },
    /// Reasons a buyer's cancellation request can be rejected with: (name, text).
    RejectReasons {
        cancel_id: String,
        reasons: Vec<(String, String)>,
    },
    /// Brands a shop can use, for a name prefix.
    Brands {
        shop_id: String,
        vendor: String,
        brands: Vec<crate::domain::tiktok_catalog::Brand>,
    },
    /// TikTok's Recommend Category for a product type, for the operator to approve.
    Recommended {
        shop_id: String,
        product_type: String,
        category_id: String,
        path: String,
    },
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
    /// Products to read back (types 5, 15, 16, 37).
    pub product_ids: Vec<String>,
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
        let tokens = tokens::StoreTokens::new(store.clone(), auth_only, clock.clone(), actor);
        let client = ApiClient::new(api, clock.clone(), Some(tokens.clone() as std::sync::Arc<dyn crate::api::TokenSource>))?;
        Ok(SyncCtx {
            api: client,
            clock,
            auth,
            actor: actor.into(),
            updates,
            health: health::Health::default(),
            tokens,
            hints: Hints::default(),
            orders: orders::OrderSyncSettings::default(),
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
