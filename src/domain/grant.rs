//! A seller's authorization of our app (the result of Get Access Token): the tokens that serve
//! every shop of that seller. TikTok returns `*_expire_in` as absolute unix seconds (API README §3.2).

use super::secret::Secret;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    /// `open_id` of the authorizing seller user: the grant's identity.
    pub open_id: String,
    pub seller_name: String,
    pub seller_base_region: String,
    pub access_token: Secret,
    /// Absolute unix seconds.
    pub access_token_expire_in: i64,
    pub refresh_token: Secret,
    /// Absolute unix seconds: the end of the seller's authorization.
    pub refresh_token_expire_in: i64,
    pub granted_scopes: Vec<String>,
    pub updated_at: i64,
}

/// Refresh this long before the access token expires (access tokens live about 7 days).
pub const REFRESH_AHEAD_SECS: i64 = 24 * 3600;

/// Our own countdown: remind the operator this many days before the authorization ends.
pub const REMINDER_DAYS: [i64; 3] = [30, 7, 1];

impl Grant {
    pub fn needs_refresh(&self, now: i64) -> bool {
        self.access_token_expire_in - now <= REFRESH_AHEAD_SECS
    }

    pub fn authorization_expired(&self, now: i64) -> bool {
        self.refresh_token_expire_in <= now
    }

    /// The smallest reminder threshold (in days) already reached, if any: 30, 7 or 1.
    pub fn reminder_due(&self, now: i64) -> Option<i64> {
        let left = self.refresh_token_expire_in - now;
        REMINDER_DAYS.iter().rev().copied().find(|d| left <= d * super::time::DAY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::DAY;

    fn grant(access: i64, refresh: i64) -> Grant {
        Grant {
            open_id: "o".into(),
            seller_name: "s".into(),
            seller_base_region: "US".into(),
            access_token: Secret::new("a"),
            access_token_expire_in: access,
            refresh_token: Secret::new("r"),
            refresh_token_expire_in: refresh,
            granted_scopes: vec![],
            updated_at: 0,
        }
    }

    #[test]
    fn refresh_a_day_ahead() {
        let g = grant(10 * DAY, 100 * DAY);
        assert!(!g.needs_refresh(8 * DAY));
        assert!(g.needs_refresh(9 * DAY));
    }

    #[test]
    fn reminder_thresholds() {
        let g = grant(0, 100 * DAY);
        assert_eq!(g.reminder_due(0), None);
        assert_eq!(g.reminder_due(70 * DAY), Some(30));
        assert_eq!(g.reminder_due(93 * DAY), Some(7));
        assert_eq!(g.reminder_due(99 * DAY + 1), Some(1));
        assert!(g.authorization_expired(100 * DAY));
    }
}
