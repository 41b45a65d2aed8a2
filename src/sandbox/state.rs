//! Shared sandbox state: the world behind a lock, the clock, rate buckets, the route table and
//! the webhook deliveries.

use super::clock::SandboxClock;
use super::faults::{Buckets, Faults};
use super::gateway::Route;
use super::webhooks::Deliveries;
use super::world::{AppRecord, World};
use std::sync::{Mutex, MutexGuard};

pub struct SandboxState {
    pub world: Mutex<World>,
    pub clock: SandboxClock,
    pub buckets: Mutex<Buckets>,
    pub routes: Vec<Route>,
    pub deliveries: Mutex<Deliveries>,
}

fn relock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A handler that panicked must not take the whole sandbox down with a poisoned lock.
    match m.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}

impl SandboxState {
    pub fn lock(&self) -> MutexGuard<'_, World> {
        relock(&self.world)
    }

    pub fn deliveries(&self) -> MutexGuard<'_, Deliveries> {
        relock(&self.deliveries)
    }

    pub fn app(&self) -> AppRecord {
        self.lock().app.clone()
    }

    pub fn faults(&self) -> Faults {
        self.lock().faults.clone()
    }

    pub fn take_rate(&self, key: &str, qps: u32) -> bool {
        relock(&self.buckets).take(key, qps)
    }

    /// Move notifications produced by handlers into the delivery queue.
    pub fn flush_outgoing(&self) {
        let now = self.clock.now();
        let mut w = self.lock();
        let events = std::mem::take(&mut w.outgoing);
        if events.is_empty() {
            return;
        }
        let mut d = self.deliveries();
        // TikTok notifies only about shops that authorized the app (type 6 says it just stopped).
        let wanted: Vec<_> =
            events.into_iter().filter(|e| e.type_code == 6 || w.shop_authorized(&e.shop_id, now)).collect();
        for e in wanted {
            d.enqueue(&mut w, e, now);
        }
    }
}
