//! Tables, the schema version and ordered migrations.
//!
//! Values are JSON (serde) bytes: readable with any redb tool, tolerant of added fields.

use super::error::{StoreError, StoreResult};
use redb::{ReadableDatabase, TableDefinition, WriteTransaction};

pub const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
/// Platform stores by name.
pub const STORES: TableDefinition<&str, &[u8]> = TableDefinition::new("stores");
/// TikTok shops by shop id.
pub const SHOPS: TableDefinition<&str, &[u8]> = TableDefinition::new("shops");
/// Credentials: seller grants (tokens and expiries) by open_id.
pub const GRANTS: TableDefinition<&str, &[u8]> = TableDefinition::new("grants");
/// Authorization attempts by CSRF state.
pub const PENDING_AUTH: TableDefinition<&str, &[u8]> = TableDefinition::new("pending_auth");
/// The webhook inbox: every delivery by arrival sequence.
pub const WEBHOOKS: TableDefinition<u64, &[u8]> = TableDefinition::new("webhooks");
/// `tts_notification_id` -> sequence, for exactly-once processing.
pub const WEBHOOK_IDS: TableDefinition<&str, u64> = TableDefinition::new("webhook_ids");
/// Accepted deliveries not yet processed.
pub const WEBHOOK_PENDING: TableDefinition<u64, ()> = TableDefinition::new("webhook_pending");
/// Writes to TikTok by id.
pub const OUTBOX: TableDefinition<u64, &[u8]> = TableDefinition::new("outbox");
/// Idempotency key -> outbox id.
pub const OUTBOX_KEYS: TableDefinition<&str, u64> = TableDefinition::new("outbox_keys");
/// Sync cursors by `shop_id/concern`.
pub const CURSORS: TableDefinition<&str, &[u8]> = TableDefinition::new("cursors");
/// The human inbox by item key.
pub const ATTENTION: TableDefinition<&str, &[u8]> = TableDefinition::new("attention");
/// Append-only audit log by sequence.
pub const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new("audit");

const SCHEMA_VERSION_KEY: &str = "schema_version";

type Migration = fn(&WriteTransaction) -> StoreResult<()>;

/// Ordered migrations; entry `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[Migration] = &[v1_create_tables];

pub const CURRENT_VERSION: u64 = MIGRATIONS.len() as u64;

fn v1_create_tables(txn: &WriteTransaction) -> StoreResult<()> {
    txn.open_table(STORES)?;
    txn.open_table(SHOPS)?;
    txn.open_table(GRANTS)?;
    txn.open_table(PENDING_AUTH)?;
    txn.open_table(WEBHOOKS)?;
    txn.open_table(WEBHOOK_IDS)?;
    txn.open_table(WEBHOOK_PENDING)?;
    txn.open_table(OUTBOX)?;
    txn.open_table(OUTBOX_KEYS)?;
    txn.open_table(CURSORS)?;
    txn.open_table(ATTENTION)?;
    txn.open_table(AUDIT)?;
    Ok(())
}

pub fn schema_version(db: &redb::Database) -> StoreResult<u64> {
    let r = db.begin_read()?;
    let t = match r.open_table(META) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    let v = t.get(SCHEMA_VERSION_KEY)?;
    Ok(v.map(|g| {
        let b = g.value();
        let mut a = [0u8; 8];
        if b.len() == 8 {
            a.copy_from_slice(b);
        }
        u64::from_le_bytes(a)
    })
    .unwrap_or(0))
}

/// Bring the store to [`CURRENT_VERSION`], one committed step at a time.
pub fn migrate(db: &redb::Database) -> StoreResult<()> {
    let found = schema_version(db)?;
    if found > CURRENT_VERSION {
        return Err(StoreError::Schema(format!(
            "the store has schema v{found} but this tokshop knows only up to v{CURRENT_VERSION}; upgrade tokshop"
        )));
    }
    for (i, m) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let txn = db.begin_write()?;
        m(&txn)?;
        {
            let mut meta = txn.open_table(META)?;
            meta.insert(SCHEMA_VERSION_KEY, (i as u64 + 1).to_le_bytes().as_slice())?;
        }
        txn.commit()?;
    }
    Ok(())
}
