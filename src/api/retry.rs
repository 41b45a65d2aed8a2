//! Jittered exponential back-off with a cap, from `backon`'s builder.

use backon::{BackoffBuilder, ExponentialBuilder};
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct RetryPolicy {
    pub min_delay: Duration,
    pub max_delay: Duration,
    /// Retries after the first attempt.
    pub max_retries: usize,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { min_delay: Duration::from_millis(200), max_delay: Duration::from_secs(10), max_retries: 6 }
    }
}

impl RetryPolicy {
    /// The delays to sleep between attempts, jittered, doubling up to the cap.
    pub fn delays(&self) -> impl Iterator<Item = Duration> + use<> {
        ExponentialBuilder::default()
            .with_min_delay(self.min_delay)
            .with_max_delay(self.max_delay)
            .with_max_times(self.max_retries)
            .with_jitter()
            .build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_and_capped() {
        let p =
            RetryPolicy { min_delay: Duration::from_millis(100), max_delay: Duration::from_secs(1), max_retries: 10 };
        let d: Vec<_> = p.delays().collect();
        assert_eq!(d.len(), 10);
        // Jitter adds up to one more base delay, never more than twice the cap.
        assert!(d.iter().all(|x| *x <= Duration::from_secs(2)));
        assert!(d[0] >= Duration::from_millis(100));
    }
}
