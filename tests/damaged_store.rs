//! Damaged store files are refused with one message naming the file, exit 1 (never a panic's
//! 101), and left exactly as they were.

use crate::common;

use common::bin::{Env, stderr};
use std::io::{Seek, SeekFrom, Write};
use tokshop::domain::notification::Verdict;
use tokshop::store::{DB_FILE, IncomingWebhook, Store};

fn fill(env: &Env) -> std::path::PathBuf {
    let s = Store::open(&env.data_dir()).expect("open");
    let batch: Vec<IncomingWebhook> = (0..3000)
        .map(|i| IncomingWebhook {
            received_at: i,
            body: format!("{{\"type\":1,\"n\":{i},\"pad\":\"{}\"}}", "p".repeat(200)).into_bytes(),
            notification_id: Some(format!("n{i}")),
            type_code: Some(1),
            shop_id: Some("1".into()),
            verdict: Verdict::Accepted,
        })
        .collect();
    s.ingest_webhooks(&batch).expect("ingest");
    drop(s);
    env.data_dir().join(DB_FILE)
}

fn refused(env: &Env, file: &std::path::Path) -> String {
    let before = std::fs::read(file).expect("read");
    let out = env.run(&["webhooks", "list", "--limit", "5000"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "exit 1 with a message, not a panic: {err}");
    assert!(err.contains("is damaged") && err.contains(&file.display().to_string()), "{err}");
    assert!(err.contains("store check") && !err.contains("panicked"), "{err}");
    assert_eq!(std::fs::read(file).expect("read"), before, "the file is left as it was");
    err
}

#[test]
fn an_empty_store_file_is_refused_not_replaced() {
    let env = Env::new(None);
    let file = env.data_dir().join(DB_FILE);
    std::fs::create_dir_all(env.data_dir()).expect("mkdir");
    std::fs::write(&file, b"").expect("empty file");
    let err = refused(&env, &file);
    assert!(err.contains("0 bytes"), "{err}");
}

#[test]
fn a_truncated_store_file_is_refused() {
    let env = Env::new(None);
    let file = fill(&env);
    let bytes = std::fs::read(&file).expect("read");
    std::fs::write(&file, &bytes[..100]).expect("truncate");
    refused(&env, &file);
}

#[test]
fn zeroed_pages_are_refused_with_a_message_not_a_panic() {
    let env = Env::new(None);
    let file = fill(&env);
    let len = std::fs::metadata(&file).expect("meta").len();
    let mut f = std::fs::OpenOptions::new().write(true).open(&file).expect("open");
    f.seek(SeekFrom::Start(8192)).expect("seek");
    f.write_all(&vec![0u8; (len - 8192) as usize]).expect("zero");
    drop(f);
    refused(&env, &file);
}

#[test]
fn a_newer_schema_is_named_as_such_and_only_then() {
    let env = Env::new(None);
    let file = fill(&env);
    {
        let db = redb::Database::create(&file).expect("redb");
        let txn = db.begin_write().expect("write");
        {
            let mut meta = txn.open_table(tokshop::store::schema::META).expect("meta");
            meta.insert("schema_version", 999u64.to_le_bytes().as_slice()).expect("insert");
        }
        txn.commit().expect("commit");
    }
    let out = env.run(&["webhooks", "list"]);
    let err = stderr(&out);
    assert!(matches!(out.status.code(), Some(1 | 2)), "{err}");
    assert!(err.contains("schema v999") && err.contains("upgrade tokshop"), "{err}");
    assert!(!err.contains("damaged"), "{err}");
}
