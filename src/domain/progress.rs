//! Progress of long work (a backfill, price details, a catalogue's images, a bulk push): how
//! much is done of how much (known, or estimated), and about how long is left. Plain data: the
//! engine reports it, the console draws a gauge, a headless command a bar on stderr.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Which work this is, the same in every report of it (`backfill 7495…`).
    pub key: String,
    /// What people read: `Backfill of Maomao Beauty US`.
    pub label: String,
    /// What is counted: `orders`, `products`.
    pub unit: String,
    pub done: u64,
    /// How many in all, when known or estimated.
    pub total: Option<u64>,
    /// The total is an estimate (`about`).
    pub estimated: bool,
    /// Time since the work began.
    pub elapsed_ms: u64,
    /// The last report of this work.
    pub finished: bool,
}

/// `12,345`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `45 s`, `3 min`, `2 h 05 min`.
pub fn duration_words(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs} s"),
        60..3600 => format!("{} min", secs.div_ceil(60)),
        _ => format!("{} h {:02} min", secs / 3600, (secs % 3600) / 60),
    }
}

impl Progress {
    /// Done over total, in 0..=1, when a total is known.
    pub fn ratio(&self) -> Option<f64> {
        let total = self.total.filter(|t| *t > 0)?;
        Some((self.done as f64 / total as f64).clamp(0.0, 1.0))
    }

    /// Seconds left at the pace so far (None before anything is done or without a total).
    pub fn eta_secs(&self) -> Option<u64> {
        let total = self.total?;
        if self.done == 0 || self.finished {
            return None;
        }
        let left = total.saturating_sub(self.done);
        Some(((self.elapsed_ms as f64 / self.done as f64) * left as f64 / 1000.0).ceil() as u64)
    }

    /// `340 of about 1,200 orders · about 2 min left`.
    pub fn counts(&self) -> String {
        let of = match self.total {
            Some(t) if self.estimated => format!(" of about {}", thousands(t)),
            Some(t) => format!(" of {}", thousands(t)),
            None => String::new(),
        };
        let mut s = format!("{}{of} {}", thousands(self.done), self.unit);
        if self.finished {
            s.push_str(&format!(" · done in {}", duration_words(self.elapsed_ms / 1000)));
        } else if let Some(eta) = self.eta_secs() {
            s.push_str(&format!(" · about {} left", duration_words(eta)));
        }
        s
    }

    /// `Backfill of Maomao Beauty US: 340 of about 1,200 orders · about 2 min left`.
    pub fn words(&self) -> String {
        format!("{}: {}", self.label, self.counts())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(done: u64, total: Option<u64>, estimated: bool, elapsed_ms: u64) -> Progress {
        Progress {
            key: "k".into(),
            label: "Backfill of Shop".into(),
            unit: "orders".into(),
            done,
            total,
            estimated,
            elapsed_ms,
            finished: false,
        }
    }

    #[test]
    fn counts_and_estimate() {
        assert_eq!(
            p(340, Some(1200), true, 34_000).words(),
            "Backfill of Shop: 340 of about 1,200 orders · about 2 min left"
        );
        assert_eq!(p(5, Some(10), false, 5_000).counts(), "5 of 10 orders · about 5 s left");
        assert_eq!(p(0, Some(10), false, 5_000).counts(), "0 of 10 orders");
        assert_eq!(p(7, None, false, 1_000).counts(), "7 orders");
        let mut done = p(10, Some(10), false, 125_000);
        done.finished = true;
        assert_eq!(done.counts(), "10 of 10 orders · done in 3 min");
        assert_eq!(p(3, Some(4), false, 0).ratio(), Some(0.75));
        assert_eq!(p(9, Some(4), false, 0).ratio(), Some(1.0));
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(duration_words(7_500), "2 h 05 min");
    }
}
