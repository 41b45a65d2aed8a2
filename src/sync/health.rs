//! Sync health for the status bar: per-shop rate-limit budget and back-off, the last error.

pub use crate::domain::health::{GateStats, HealthSnapshot, ShopHealth};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// Shared, cheap-to-clone health record that workers write into.
#[derive(Clone, Default)]
pub struct Health(Arc<Mutex<HealthSnapshot>>);

impl Health {
    fn with<T>(&self, f: impl FnOnce(&mut HealthSnapshot) -> T) -> T {
        let mut g = match self.0.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        f(&mut g)
    }

    pub fn set_receiver(&self, addr: String) {
        self.with(|h| h.receiver = Some(addr));
    }

    /// Where the webhook receiver listens, if it runs.
    pub fn receiver(&self) -> Option<String> {
        self.with(|h| h.receiver.clone())
    }

    pub fn ok(&self, shop_id: &str, now: i64) {
        self.with(|h| {
            let e = entry(h, shop_id);
            e.last_ok = Some(now);
            e.last_error = None;
        });
    }

    pub fn error(&self, shop_id: Option<&str>, now: i64, message: &str) {
        self.with(|h| {
            h.last_error = Some((now, message.to_string()));
            if let Some(id) = shop_id {
                entry(h, id).last_error = Some(message.to_string());
            }
        });
    }

    /// The current record with the limiter's live numbers.
    pub fn snapshot(&self, gates: Vec<(String, GateStats)>, qps: u32) -> HealthSnapshot {
        self.with(|h| {
            h.qps = qps;
            let stats: BTreeMap<String, GateStats> = gates.into_iter().collect();
            for (id, s) in &stats {
                if !id.is_empty() {
                    entry(h, id).stats = Some(s.clone());
                }
            }
            h.clone()
        })
    }
}

fn entry<'a>(h: &'a mut HealthSnapshot, shop_id: &str) -> &'a mut ShopHealth {
    if let Some(i) = h.shops.iter().position(|s| s.shop_id == shop_id) {
        return &mut h.shops[i];
    }
    h.shops.push(ShopHealth { shop_id: shop_id.to_string(), ..ShopHealth::default() });
    h.shops.sort_by(|a, b| a.shop_id.cmp(&b.shop_id));
    let i = h.shops.iter().position(|s| s.shop_id == shop_id).unwrap_or(0);
    &mut h.shops[i]
}
