//! Group commit: deliveries queue up while a commit is in flight and go to disk together in the
//! next one. Each sender learns its verdict only after the commit that holds its delivery
//! returned, so a 200 always means "durable".

use crate::domain::notification::Verdict;
use crate::store::{IncomingWebhook, Store, StoreError};
use std::sync::mpsc;
use tokio::sync::oneshot;

type Job = (IncomingWebhook, oneshot::Sender<Result<Verdict, String>>);

/// Most deliveries committed together.
const MAX_BATCH: usize = 1024;

#[derive(Clone)]
pub struct Ingestor {
    tx: mpsc::Sender<Job>,
}

impl Ingestor {
    /// Start the writer thread on `store`.
    pub fn start(store: Store) -> Ingestor {
        let (tx, rx) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("webhook-ingest".into())
            .spawn(move || writer(store, rx))
            .map(|_| ())
            .unwrap_or_else(|e| tracing::error!("cannot start the webhook writer: {e}"));
        Ingestor { tx }
    }

    /// Commit one delivery; resolves after it is durable.
    pub async fn submit(&self, w: IncomingWebhook) -> Result<Verdict, String> {
        let (tx, rx) = oneshot::channel();
        self.tx.send((w, tx)).map_err(|_| "the webhook writer has stopped".to_string())?;
        rx.await.map_err(|_| "the webhook writer has stopped".to_string())?
    }
}

fn writer(store: Store, rx: mpsc::Receiver<Job>) {
    while let Ok(first) = rx.recv() {
        let mut jobs = vec![first];
        while jobs.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(j) => jobs.push(j),
                Err(_) => break,
            }
        }
        let batch: Vec<IncomingWebhook> = jobs.iter().map(|(w, _)| w.clone()).collect();
        match store.ingest_webhooks(&batch) {
            Ok(verdicts) => {
                for ((_, reply), v) in jobs.into_iter().zip(verdicts) {
                    let _ = reply.send(Ok(v));
                }
            }
            Err(e) => {
                let msg = describe(&e);
                tracing::error!("webhook batch of {} not stored: {msg}", batch.len());
                for (_, reply) in jobs {
                    let _ = reply.send(Err(msg.clone()));
                }
            }
        }
    }
}

fn describe(e: &StoreError) -> String {
    e.to_string()
}
