//! Shop connections: stores, authorization, disconnecting, tokens.

use crate::domain::shop::AuthorizedShop;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShopsCommand {
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
    /// The operator gave up: the attempt is forgotten, and a store this attempt created (and
    /// that holds no shop) is removed again.
    CancelConnect {
        state: String,
        #[serde(default)]
        created_store: Option<String>,
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
}

/// The steps of an authorization, for the connect dialog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShopsAnswer {
    /// An authorization link is ready for the seller.
    AuthLink { state: String, url: String },
    /// The seller consented: these shops can be linked (with the store each is already in).
    AuthorizedShops { state: String, shops: Vec<(AuthorizedShop, Option<String>)> },
    /// The authorization failed or was denied.
    AuthFailed { state: String, message: String },
    /// The chosen shops were linked.
    Linked { state: String, names: Vec<String> },
}
