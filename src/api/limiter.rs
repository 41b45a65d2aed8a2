//! One rate limiter per shop (TikTok limits per app and shop, API README §6) with priority
//! lanes: fulfilment first, finance last. A grant task per shop hands out permits from a
//! governor token bucket to the highest-priority waiter; a 429 backs the whole shop off.

use governor::{Quota, RateLimiter};
use std::collections::{HashMap, VecDeque};
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot};

/// Priority lanes, highest first (design notes, "Sync").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lane {
    /// Fulfilment, order detail, and authorization calls.
    Fulfillment = 0,
    Returns = 1,
    InventoryPrice = 2,
    Catalogue = 3,
    Finance = 4,
}

pub const LANES: usize = 5;

type Waiter = oneshot::Sender<()>;

#[derive(Default)]
struct GateState {
    backoff_until: Option<Instant>,
    grants: VecDeque<Instant>,
}

/// The limiter of one shop (or of the app, for calls without a shop).
pub struct Gate {
    lanes: Option<Vec<mpsc::UnboundedSender<Waiter>>>,
    state: Arc<Mutex<GateState>>,
    qps: u32,
}

pub use crate::domain::health::GateStats;

impl Gate {
    fn new(qps: u32) -> Gate {
        let state = Arc::new(Mutex::new(GateState::default()));
        let Some(q) = NonZeroU32::new(qps) else {
            return Gate { lanes: None, state, qps };
        };
        let mut senders = Vec::with_capacity(LANES);
        let mut receivers = Vec::with_capacity(LANES);
        for _ in 0..LANES {
            let (tx, rx) = mpsc::unbounded_channel();
            senders.push(tx);
            receivers.push(rx);
        }
        // No burst: permits go out evenly, so a server bucket of the same rate never runs dry
        // from our side (a burst followed by jitter at the exact rate would draw 429s).
        let quota = Quota::per_second(q).allow_burst(NonZeroU32::MIN);
        tokio::spawn(grant_loop(receivers, quota, state.clone()));
        Gate { lanes: Some(senders), state, qps }
    }

    /// Wait for a permit in `lane`. Returns at once when rate limiting is off.
    pub async fn acquire(&self, lane: Lane) {
        if let Some(lanes) = &self.lanes {
            let (tx, rx) = oneshot::channel();
            if lanes[lane as usize].send(tx).is_ok() {
                let _ = rx.await;
            }
        }
        if let Ok(mut s) = self.state.lock() {
            let now = Instant::now();
            s.grants.push_back(now);
            while s.grants.front().is_some_and(|t| now.duration_since(*t) > Duration::from_secs(1)) {
                s.grants.pop_front();
            }
        }
    }

    /// Stop granting for `d` (after a 429 / 36009002).
    pub fn back_off(&self, d: Duration) {
        if let Ok(mut s) = self.state.lock() {
            let until = Instant::now() + d;
            if s.backoff_until.is_none_or(|u| u < until) {
                s.backoff_until = Some(until);
            }
        }
    }

    pub fn stats(&self) -> GateStats {
        let now = Instant::now();
        match self.state.lock() {
            Ok(s) => GateStats {
                used_last_second: s.grants.iter().filter(|t| now.duration_since(**t) <= Duration::from_secs(1)).count()
                    as u32,
                qps: self.qps,
                backoff_remaining_ms: s
                    .backoff_until
                    .map(|u| u.saturating_duration_since(now).as_millis() as u64)
                    .unwrap_or(0),
            },
            Err(_) => GateStats { used_last_second: 0, qps: self.qps, backoff_remaining_ms: 0 },
        }
    }
}

async fn grant_loop(mut lanes: Vec<mpsc::UnboundedReceiver<Waiter>>, quota: Quota, state: Arc<Mutex<GateState>>) {
    let limiter = RateLimiter::direct(quota);
    let mut pending: Vec<VecDeque<Waiter>> = (0..LANES).map(|_| VecDeque::new()).collect();
    loop {
        drain(&mut lanes, &mut pending);
        if pending.iter().all(|q| q.is_empty()) {
            // Wait for the first waiter on any lane; end when every sender is gone.
            // The senders of a gate are dropped together, so one closed lane means all are.
            let (got, i) = {
                let (got, i, _) = futures::future::select_all(lanes.iter_mut().map(|rx| Box::pin(rx.recv()))).await;
                (got, i)
            };
            match got {
                Some(w) => pending[i].push_back(w),
                None => return,
            }
        }
        let backoff = state.lock().ok().and_then(|s| s.backoff_until);
        if let Some(until) = backoff {
            tokio::time::sleep_until(until.into()).await;
        }
        limiter.until_ready().await;
        drain(&mut lanes, &mut pending);
        // Highest-priority live waiter gets the permit; a dropped waiter does not waste it.
        'grant: for q in pending.iter_mut() {
            while let Some(w) = q.pop_front() {
                if w.send(()).is_ok() {
                    break 'grant;
                }
            }
        }
    }
}

fn drain(lanes: &mut [mpsc::UnboundedReceiver<Waiter>], pending: &mut [VecDeque<Waiter>]) {
    for (rx, q) in lanes.iter_mut().zip(pending.iter_mut()) {
        while let Ok(w) = rx.try_recv() {
            q.push_back(w);
        }
    }
}

/// The registry of gates, keyed by shop id (`""` for app-level calls).
pub struct Limiters {
    qps: u32,
    gates: Mutex<HashMap<String, Arc<Gate>>>,
}

impl Limiters {
    /// `qps == 0` turns rate limiting off.
    pub fn new(qps: u32) -> Limiters {
        Limiters { qps, gates: Mutex::new(HashMap::new()) }
    }

    pub fn gate(&self, key: &str) -> Arc<Gate> {
        let mut gates = match self.gates.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        if let Some(g) = gates.get(key) {
            return g.clone();
        }
        gates.entry(key.to_string()).or_insert_with(|| Arc::new(Gate::new(self.qps))).clone()
    }

    pub fn snapshot(&self) -> Vec<(String, GateStats)> {
        let gates = match self.gates.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let mut v: Vec<_> = gates.iter().map(|(k, g)| (k.clone(), g.stats())).collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn higher_lane_goes_first() {
        let limiters = Limiters::new(1);
        let gate = limiters.gate("shop");
        // Use up the single permit of this second; the next one comes about a second later.
        gate.acquire(Lane::Fulfillment).await;
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let mut tasks = Vec::new();
        for lane in [Lane::Finance, Lane::Catalogue, Lane::Fulfillment] {
            let (g, tx) = (gate.clone(), tx.clone());
            tasks.push(tokio::spawn(async move {
                g.acquire(lane).await;
                let _ = tx.send(lane);
            }));
            // Queue them in this order, all well before the next permit.
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(rx.recv().await, Some(Lane::Fulfillment), "the waiter in the highest lane gets the next permit");
        for t in tasks {
            t.abort();
        }
    }

    #[tokio::test]
    async fn zero_qps_means_unlimited() {
        let limiters = Limiters::new(0);
        let g = limiters.gate("x");
        for _ in 0..1000 {
            g.acquire(Lane::Finance).await;
        }
        assert_eq!(g.stats().qps, 0);
    }
}
