//! An authorization attempt in flight: the CSRF `state` we put in the seller's authorization
//! link, the store it is for, and (once the seller consented) the exchanged grant and the shops
//! waiting for the operator's choice.

use super::grant::Grant;
use super::shop::AuthorizedShop;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuthPurpose {
    /// Link new shops to the store.
    Connect,
    /// Renew the authorization behind an existing shop without touching its data.
    Reauthorize { shop_id: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingAuth {
    pub state: String,
    pub store: String,
    pub purpose: AuthPurpose,
    /// Started from the console's connect dialog: the operator picks the shops. Otherwise a
    /// captured callback links every authorized shop (like `shops connect` without `--shop`).
    pub interactive: bool,
    pub created_at: i64,
    pub expires_at: i64,
    /// Set once the seller consented and the code was exchanged.
    pub grant: Option<Grant>,
    pub shops: Vec<AuthorizedShop>,
}

/// How long an authorization link stays usable on our side (TikTok's auth code lives 30 min;
/// the seller may take a while to log in first).
pub const PENDING_AUTH_TTL_SECS: i64 = 24 * 3600;
