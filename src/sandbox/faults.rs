//! Fault injection: errors, rate limits, latency and lost webhooks, set from flags or
//! `POST /_sandbox/faults`.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::time::Instant;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Faults {
    /// Share of API calls answered with HTTP 500 / 36009003 (0.0-1.0).
    pub error_rate: f64,
    /// Requests per second allowed per (app, shop); 0 = unlimited. Over it: 429 / 36009002.
    pub qps: u32,
    /// Added latency per API call, milliseconds.
    pub latency_ms: u64,
    /// Share of webhooks never delivered (0.0-1.0).
    pub drop_webhook_rate: f64,
    /// Delay after a call was carried out, before its answer leaves, milliseconds: the window
    /// in which a client that dies has had its write done without hearing so (crash tests).
    pub reply_delay_ms: u64,
}

impl Faults {
    pub fn validate(&self) -> Result<(), String> {
        for (name, v) in [("error_rate", self.error_rate), ("drop_webhook_rate", self.drop_webhook_rate)] {
            if !(0.0..=1.0).contains(&v) {
                return Err(format!("{name} must be between 0 and 1, got {v}"));
            }
        }
        for (name, v) in [("latency_ms", self.latency_ms), ("reply_delay_ms", self.reply_delay_ms)] {
            if v > 60_000 {
                return Err(format!("{name} must be at most 60000, got {v}"));
            }
        }
        Ok(())
    }
}

/// Token buckets per (app, shop) key, refilled continuously at `qps`, holding up to `qps`.
#[derive(Default)]
pub struct Buckets {
    buckets: HashMap<String, (f64, Instant)>,
    log: CallLog,
}

/// What the rate limiter saw: every signed call, and when it answered 429 (for benchmarks and
/// tests that check a client stays within the limit).
#[derive(Clone, Debug, Default)]
pub struct CallLog {
    pub calls: u64,
    pub first: Option<Instant>,
    pub limited: Vec<Instant>,
}

impl Buckets {
    /// Take one token; false when the key is over its rate.
    pub fn take(&mut self, key: &str, qps: u32) -> bool {
        let ok = self.take_token(key, qps);
        let now = Instant::now();
        self.log.calls += 1;
        self.log.first.get_or_insert(now);
        if !ok {
            self.log.limited.push(now);
        }
        ok
    }

    pub fn log(&self) -> CallLog {
        self.log.clone()
    }

    pub fn reset_log(&mut self) {
        self.log = CallLog::default();
    }

    fn take_token(&mut self, key: &str, qps: u32) -> bool {
        if qps == 0 {
            return true;
        }
        let now = Instant::now();
        let cap = f64::from(qps);
        let (tokens, last) = self.buckets.entry(key.to_string()).or_insert((cap, now));
        let refill = now.duration_since(*last).as_secs_f64() * cap;
        *tokens = (*tokens + refill).min(cap);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_allows_burst_then_limits() {
        let mut b = Buckets::default();
        let allowed = (0..20).filter(|_| b.take("k", 10)).count();
        assert_eq!(allowed, 10);
        assert!(b.take("other", 10));
        assert!(b.take("k", 0));
    }

    #[test]
    fn validation_names_the_field() {
        let f = Faults { error_rate: 1.5, ..Faults::default() };
        assert_eq!(f.validate(), Err("error_rate must be between 0 and 1, got 1.5".into()));
    }
}
