//! Sync cursors: where each shop's poller for each concern left off.

use super::Store;
use super::codec::{get_str, put_str};
use super::error::StoreResult;
use super::schema::CURSORS;
use redb::WriteTransaction;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// Everything updated before this unix time has been read.
    pub synced_until: i64,
    /// A page token to resume a window that was cut short, if any.
    pub page_token: Option<String>,
    pub updated_at: i64,
    /// The window the page token belongs to (the token is only valid for that query); no end:
    /// the open-ended last window.
    #[serde(default)]
    pub window_start: Option<i64>,
    #[serde(default)]
    pub window_end: Option<i64>,
}

fn key(shop_id: &str, concern: &str) -> String {
    format!("{shop_id}/{concern}")
}

pub fn put_cursor(txn: &WriteTransaction, shop_id: &str, concern: &str, c: &Cursor) -> StoreResult<()> {
    put_str(&mut txn.open_table(CURSORS)?, &key(shop_id, concern), c)
}

impl Store {
    pub fn get_cursor(&self, shop_id: &str, concern: &str) -> StoreResult<Option<Cursor>> {
        self.read(|r| get_str(&r.open_table(CURSORS)?, "cursors", &key(shop_id, concern)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        assert_eq!(s.get_cursor("1", "orders").expect("get"), None);
        let c = Cursor {
            synced_until: 42,
            page_token: Some("a+b/c=".into()),
            updated_at: 43,
            window_start: Some(40),
            window_end: Some(50),
        };
        s.write(|t| put_cursor(t, "1", "orders", &c)).expect("put");
        assert_eq!(s.get_cursor("1", "orders").expect("get"), Some(c));
    }
}
