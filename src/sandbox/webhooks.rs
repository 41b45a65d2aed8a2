//! The webhook sender: envelopes signed like TikTok's (`Authorization` = hex
//! HMAC-SHA256(app_secret, app_key + body)), a 3 s acknowledgement deadline, and the retry
//! schedule 2 min / 30 min / 3 h / 12 h on the sandbox clock (API README §4.1).

use super::state::SandboxState;
use super::verify::webhook_signature;
use super::world::{OutgoingEvent, World};
use rand::RngExt;
use serde::Serialize;
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

/// Delay before retry n (1-based), after the previous attempt failed.
pub const RETRY_DELAYS: [i64; 4] = [120, 1800, 3 * 3600, 12 * 3600];
const KEEP: usize = 20_000;

/// Event-API topic names by webhook type (API README §4.3).
pub fn topic(type_code: i64) -> &'static str {
    match type_code {
        1 => "ORDER_STATUS_CHANGE",
        3 => "RECIPIENT_ADDRESS_UPDATE",
        4 => "PACKAGE_UPDATE",
        5 => "PRODUCT_STATUS_CHANGE",
        6 => "SELLER_DEAUTHORIZATION",
        7 => "UPCOMING_AUTHORIZATION_EXPIRATION",
        11 => "CANCELLATION_STATUS_CHANGE",
        12 => "RETURN_STATUS_CHANGE",
        15 => "PRODUCT_INFORMATION_CHANGE",
        16 => "PRODUCT_CREATION",
        37 => "PRODUCT_AUDIT_STATUS_CHANGE",
        _ => "UNKNOWN",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    Pending,
    InFlight,
    Delivered,
    GaveUp,
    /// Lost on purpose (fault injection): never sent.
    Dropped,
    /// Neither the shop nor the app has a webhook address.
    NoAddress,
}

#[derive(Clone, Debug, Serialize)]
pub struct Delivery {
    pub notification_id: String,
    pub type_code: i64,
    pub shop_id: String,
    pub url: String,
    #[serde(skip)]
    pub body: Vec<u8>,
    pub attempts: u32,
    pub due_at: i64,
    pub status: DeliveryStatus,
    pub last_result: Option<String>,
}

#[derive(Default)]
pub struct Deliveries {
    pub items: Vec<Delivery>,
}

impl Deliveries {
    pub fn enqueue(&mut self, w: &mut World, e: OutgoingEvent, now: i64) {
        let id = w.notification_id();
        let envelope = json!({
            "type": e.type_code, "tts_notification_id": id, "shop_id": e.shop_id, "timestamp": now, "data": e.data,
        });
        let body = serde_json::to_vec(&envelope).unwrap_or_default();
        let url = w
            .subscriptions
            .get(&e.shop_id)
            .and_then(|subs| subs.get(topic(e.type_code)))
            .map(|s| s.address.clone())
            .or_else(|| w.app.webhook_url.clone());
        let drop_rate = w.faults.drop_webhook_rate;
        let status = match &url {
            None => DeliveryStatus::NoAddress,
            Some(_) if drop_rate > 0.0 && w.rng.random_bool(drop_rate) => DeliveryStatus::Dropped,
            Some(_) => DeliveryStatus::Pending,
        };
        self.items.push(Delivery {
            notification_id: id,
            type_code: e.type_code,
            shop_id: e.shop_id,
            url: url.unwrap_or_default(),
            body,
            attempts: 0,
            due_at: now,
            status,
            last_result: None,
        });
        if self.items.len() > KEEP {
            let excess = self.items.len() - KEEP;
            self.items.drain(..excess);
        }
    }
}

/// Send what is due, forever (every 50 ms of wall time).
pub async fn run_sender(state: Arc<SandboxState>, http: reqwest::Client) {
    loop {
        send_due(&state, &http).await;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn send_due(state: &Arc<SandboxState>, http: &reqwest::Client) {
    let now = state.clock.now();
    let (app_key, app_secret) = {
        let app = state.app();
        (app.app_key, app.app_secret)
    };
    let due: Vec<(usize, Delivery)> = {
        let mut d = state.deliveries();
        d.items
            .iter_mut()
            .enumerate()
            .filter(|(_, x)| x.status == DeliveryStatus::Pending && x.due_at <= now)
            .map(|(i, x)| {
                x.status = DeliveryStatus::InFlight;
                (i, x.clone())
            })
            .collect()
    };
    for (_, item) in due {
        let state = state.clone();
        let http = http.clone();
        let sig = webhook_signature(&app_key, &app_secret, &item.body);
        tokio::spawn(async move {
            let result = http
                .post(&item.url)
                .header("content-type", "application/json")
                .header("authorization", sig)
                .timeout(Duration::from_secs(3))
                .body(item.body.clone())
                .send()
                .await;
            let outcome = match result {
                Ok(r) if r.status().as_u16() == 200 => Ok(()),
                Ok(r) => Err(format!("HTTP {}", r.status().as_u16())),
                Err(e) => Err(e.without_url().to_string()),
            };
            let now = state.clock.now();
            let mut d = state.deliveries();
            if let Some(x) = d.items.iter_mut().find(|x| x.notification_id == item.notification_id) {
                x.attempts += 1;
                match outcome {
                    Ok(()) => {
                        x.status = DeliveryStatus::Delivered;
                        x.last_result = Some("200".into());
                    }
                    Err(e) => {
                        x.last_result = Some(e);
                        // The first attempt plus four retries; then TikTok stops.
                        match RETRY_DELAYS.get(x.attempts as usize - 1) {
                            Some(delay) => {
                                x.status = DeliveryStatus::Pending;
                                x.due_at = now + delay;
                            }
                            None => x.status = DeliveryStatus::GaveUp,
                        }
                    }
                }
            }
        });
    }
}
