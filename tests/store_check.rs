//! `tokshop store check` finds what is broken and says the store is sound when it is;
//! `tokshop store backup` copies it consistently while an engine runs, and the copy opens.

use crate::common;
use crate::engine::{settings_of, team};
use crate::ui::{NOW, order_data};

use common::bin::{Env, stderr, stdout};
use tokshop::store::{DB_FILE, Store};

#[test]
fn check_says_sound_then_names_a_broken_reference() {
    let env = Env::new(None);
    drop(order_data::seeded_store(&env.data_dir(), NOW));
    let o = env.run(&["store", "check"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}{}", stderr(&o));
    assert!(out.contains("the store is sound") && out.contains("redb pages: sound"), "{out}");
    assert!(out.contains(" orders"), "{out}");
    // An idempotency key that points at no outbox item.
    {
        let db = redb::Database::create(env.data_dir().join(DB_FILE)).expect("redb");
        let txn = db.begin_write().expect("write");
        txn.open_table(tokshop::store::schema::OUTBOX_KEYS).expect("keys").insert("k-lost", 424242u64).expect("ins");
        txn.commit().expect("commit");
    }
    let o = env.run(&["store", "check", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let rep: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(rep["problem_count"], 1, "{rep}");
    assert!(rep["problems"][0].as_str().is_some_and(|p| p.contains("k-lost") && p.contains("424242")), "{rep}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_the_engine_runs_opens_with_the_same_orders() {
    let t = team("").await;
    let s = settings_of(&t.env);
    let out = t.env.home.path().join("backup.redb");
    let o = t.env.run_async(&["store", "backup", "--out", out.to_str().expect("path")]).await;
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("a consistent copy"));
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&out).expect("meta").permissions());
    assert_eq!(mode & 0o777, 0o600);
    // A second backup to the same file is refused, the first left alone.
    let again = t.env.run_async(&["store", "backup", "--out", out.to_str().expect("path")]).await;
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
    assert!(stderr(&again).contains("exists"));
    // Through the engine, pages are not checked (it holds the store) but everything else is.
    let c = t.env.run_async(&["store", "check"]).await;
    assert!(c.status.success() && stdout(&c).contains("not checked: the engine holds"), "{}", stdout(&c));
    let live = order_data::orders(NOW).len() as u64;
    t.engine.stop();
    // Restore: the copy put in a new data dir as its store file.
    let restored = tempfile::tempdir().expect("tempdir");
    std::fs::copy(&out, restored.path().join(DB_FILE)).expect("copy");
    let copy = Store::open(restored.path()).expect("the backup opens");
    assert_eq!(copy.order_count().expect("count"), live);
    assert!(live > 0);
    assert!(s.data_dir.join(DB_FILE).exists());
    t.sb.shutdown();
}
