//! Sync health as the status bar shows it: per-shop rate-limit budget and back-off, the last
//! successful call and the last error.

use serde::{Deserialize, Serialize};

/// A shop's rate-limit budget and any back-off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateStats {
    /// Calls admitted in the last second.
    pub used_last_second: u32,
    pub qps: u32,
    pub backoff_remaining_ms: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ShopHealth {
    pub shop_id: String,
    pub stats: Option<GateStats>,
    /// Unix time of the last successful call for this shop.
    pub last_ok: Option<i64>,
    pub last_error: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HealthSnapshot {
    pub shops: Vec<ShopHealth>,
    pub last_error: Option<(i64, String)>,
    /// Address the webhook receiver listens on, if it runs.
    pub receiver: Option<String>,
    /// The per-shop rate limit (permits per second; 0 = off).
    pub qps: u32,
}
