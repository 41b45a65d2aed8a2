//! The webhook inbox. A delivery is committed here before it is acknowledged; the
//! `tts_notification_id` index makes processing exactly-once.

use super::Store;
use super::codec::{decode, encode, next_seq};
use super::error::StoreResult;
use super::schema::{WEBHOOK_IDS, WEBHOOK_PENDING, WEBHOOK_REJECTED, WEBHOOK_TALLY, WEBHOOKS};
use crate::domain::notification::{Verdict, WebhookRecord};
use redb::{ReadableTable, ReadableTableMetadata, WriteTransaction};
use sha2::{Digest, Sha256};

/// Bodies of rejected deliveries are kept only this long: enough to see what arrived.
const REJECTED_BODY_LIMIT: usize = 2048;

/// Rejected deliveries kept (the newest); older ones are dropped, their kind still counted, so
/// a flood of unsigned or replayed requests cannot grow the store without bound.
pub const REJECTED_SAMPLE: u64 = 1000;

fn tally_kind(v: &Verdict) -> &'static str {
    match v {
        Verdict::Accepted => "accepted",
        Verdict::Duplicate => "duplicate",
        Verdict::BadSignature(_) => "bad_signature",
        Verdict::Malformed(_) => "malformed",
    }
}

/// One delivery as the receiver saw it, with its verdict so far (`Accepted` = verified and
/// readable; the store decides whether it is a duplicate).
#[derive(Clone, Debug)]
pub struct IncomingWebhook {
    pub received_at: i64,
    pub body: Vec<u8>,
    pub notification_id: Option<String>,
    pub type_code: Option<i64>,
    pub shop_id: Option<String>,
    pub verdict: Verdict,
}

/// An accepted delivery waiting to be processed.
pub type PendingWebhook = WebhookRecord;

fn dedupe_key(w: &IncomingWebhook) -> String {
    match &w.notification_id {
        Some(id) if !id.is_empty() => id.clone(),
        // Older notification samples carry no id: the body itself identifies the delivery.
        _ => format!("body:{}", hex::encode(Sha256::digest(&w.body))),
    }
}

/// Commit a batch of deliveries in one transaction (group commit) and return each verdict.
pub fn ingest(txn: &WriteTransaction, batch: &[IncomingWebhook]) -> StoreResult<Vec<Verdict>> {
    let mut t = txn.open_table(WEBHOOKS)?;
    let mut ids = txn.open_table(WEBHOOK_IDS)?;
    let mut pending = txn.open_table(WEBHOOK_PENDING)?;
    let mut rejected = txn.open_table(WEBHOOK_REJECTED)?;
    let mut tally = txn.open_table(WEBHOOK_TALLY)?;
    let first = next_seq(&t)?;
    let mut verdicts = Vec::with_capacity(batch.len());
    for (seq, w) in (first..).zip(batch.iter()) {
        let mut verdict = w.verdict.clone();
        let key = dedupe_key(w);
        if verdict == Verdict::Accepted && ids.get(key.as_str())?.is_some() {
            verdict = Verdict::Duplicate;
        }
        let body = if verdict == Verdict::Accepted {
            String::from_utf8_lossy(&w.body).into_owned()
        } else {
            String::from_utf8_lossy(&w.body[..w.body.len().min(REJECTED_BODY_LIMIT)]).into_owned()
        };
        let rec = WebhookRecord {
            seq,
            received_at: w.received_at,
            notification_id: w.notification_id.clone(),
            type_code: w.type_code,
            shop_id: w.shop_id.clone(),
            verdict: verdict.clone(),
            body,
            processed_at: None,
            processing_note: None,
        };
        t.insert(seq, encode(&rec)?.as_slice())?;
        if verdict == Verdict::Accepted {
            ids.insert(key.as_str(), seq)?;
            pending.insert(seq, ())?;
        } else {
            rejected.insert(seq, ())?;
            let kind = tally_kind(&verdict);
            let n = tally.get(kind)?.map(|v| v.value()).unwrap_or(0);
            tally.insert(kind, n + 1)?;
        }
        verdicts.push(verdict);
    }
    while rejected.len()? > REJECTED_SAMPLE {
        match rejected.pop_first()? {
            Some((seq, _)) => {
                t.remove(seq.value())?;
            }
            None => break,
        }
    }
    Ok(verdicts)
}

/// Record that a delivery was processed (in the same transaction as its effects).
pub fn mark_processed(txn: &WriteTransaction, seq: u64, note: &str, now: i64) -> StoreResult<()> {
    let mut t = txn.open_table(WEBHOOKS)?;
    let rec = match t.get(seq)? {
        Some(v) => Some(decode::<WebhookRecord>("webhooks", seq, v.value())?),
        None => None,
    };
    if let Some(mut rec) = rec {
        rec.processed_at = Some(now);
        rec.processing_note = Some(note.to_string());
        t.insert(seq, encode(&rec)?.as_slice())?;
    }
    txn.open_table(WEBHOOK_PENDING)?.remove(seq)?;
    Ok(())
}

/// Counts for the status bar and `webhooks list`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebhookCounts {
    /// Deliveries kept (every accepted one, the newest rejected ones).
    pub total: u64,
    pub pending: u64,
    /// Rejected deliveries ever received (bad signature, malformed, duplicate).
    pub rejected: u64,
}

impl Store {
    pub fn ingest_webhooks(&self, batch: &[IncomingWebhook]) -> StoreResult<Vec<Verdict>> {
        self.write(|t| ingest(t, batch))
    }

    /// Accepted deliveries not yet processed, oldest first.
    pub fn pending_webhooks(&self, limit: usize) -> StoreResult<Vec<PendingWebhook>> {
        self.read(|r| {
            let p = r.open_table(WEBHOOK_PENDING)?;
            let t = r.open_table(WEBHOOKS)?;
            let mut out = Vec::new();
            for row in p.iter()?.take(limit) {
                let seq = row?.0.value();
                if let Some(v) = t.get(seq)? {
                    out.push(decode("webhooks", seq, v.value())?);
                }
            }
            Ok(out)
        })
    }

    /// The newest `limit` deliveries, newest first.
    pub fn recent_webhooks(&self, limit: usize) -> StoreResult<Vec<WebhookRecord>> {
        self.read(|r| {
            let t = r.open_table(WEBHOOKS)?;
            let mut out = Vec::new();
            for row in t.iter()?.rev().take(limit) {
                let (k, v) = row?;
                out.push(decode("webhooks", k.value(), v.value())?);
            }
            Ok(out)
        })
    }

    pub fn webhook_counts(&self) -> StoreResult<WebhookCounts> {
        self.read(|r| {
            let mut rejected = 0;
            for row in r.open_table(WEBHOOK_TALLY)?.iter()? {
                rejected += row?.1.value();
            }
            let total = r.open_table(WEBHOOKS)?.len()?;
            Ok(WebhookCounts { total, pending: r.open_table(WEBHOOK_PENDING)?.len()?, rejected })
        })
    }

    /// Whether a notification id was ever accepted.
    pub fn has_notification(&self, id: &str) -> StoreResult<bool> {
        self.read(|r| Ok(r.open_table(WEBHOOK_IDS)?.get(id)?.is_some()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(id: Option<&str>, body: &str, verdict: Verdict) -> IncomingWebhook {
        IncomingWebhook {
            received_at: 5,
            body: body.as_bytes().to_vec(),
            notification_id: id.map(String::from),
            type_code: Some(7),
            shop_id: Some("1".into()),
            verdict,
        }
    }

    #[test]
    fn duplicates_in_and_across_batches() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        let v = s
            .ingest_webhooks(&[
                w(Some("a"), "{}", Verdict::Accepted),
                w(Some("a"), "{}", Verdict::Accepted),
                w(None, "{\"x\":1}", Verdict::Accepted),
            ])
            .expect("ingest");
        assert_eq!(v, vec![Verdict::Accepted, Verdict::Duplicate, Verdict::Accepted]);
        let v = s
            .ingest_webhooks(&[
                w(Some("a"), "{}", Verdict::Accepted),
                w(None, "{\"x\":1}", Verdict::Accepted),
                w(Some("b"), "x", Verdict::BadSignature("no".into())),
            ])
            .expect("ingest");
        assert_eq!(v, vec![Verdict::Duplicate, Verdict::Duplicate, Verdict::BadSignature("no".into())]);
        let pending = s.pending_webhooks(10).expect("pending");
        assert_eq!(pending.len(), 2);
        s.write(|t| mark_processed(t, pending[0].seq, "done", 9)).expect("mark");
        assert_eq!(s.pending_webhooks(10).expect("pending").len(), 1);
        assert_eq!(s.webhook_counts().expect("counts"), WebhookCounts { total: 6, pending: 1, rejected: 4 });
        let recent = s.recent_webhooks(1).expect("recent");
        assert_eq!(recent[0].verdict, Verdict::BadSignature("no".into()));
        assert!(s.has_notification("a").expect("has"));
        assert!(!s.has_notification("b").expect("has"));
    }

    #[test]
    fn a_flood_of_rejected_deliveries_keeps_a_bounded_sample_and_counts_them_all() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        let big = "x".repeat(100_000);
        let flood: Vec<_> = (0..1500).map(|_| w(None, &big, Verdict::BadSignature("bad".into()))).collect();
        s.ingest_webhooks(&flood[..700]).expect("ingest");
        s.ingest_webhooks(&[w(Some("ok"), "{}", Verdict::Accepted)]).expect("ingest");
        s.ingest_webhooks(&flood[700..]).expect("ingest");
        let c = s.webhook_counts().expect("counts");
        assert_eq!((c.total, c.pending, c.rejected), (REJECTED_SAMPLE + 1, 1, 1500));
        // The accepted one survives the pruning around it; the kept rejected bodies are cut.
        assert_eq!(s.pending_webhooks(5).expect("pending").len(), 1);
        let recent = s.recent_webhooks(2000).expect("recent");
        assert!(recent.iter().all(|r| r.body.len() <= REJECTED_BODY_LIMIT || r.verdict == Verdict::Accepted));
        assert_eq!(recent.iter().filter(|r| r.verdict != Verdict::Accepted).count() as u64, REJECTED_SAMPLE);
        // The newest are the ones kept.
        assert_eq!(recent.first().map(|r| r.seq), Some(1501));
    }
}
