//! Time-driven behaviour of TikTok's world on the sandbox clock: authorization reminders
//! (type 7, 30 days before the end, then daily at 00:00 UTC until re-authorized) and the end of
//! an authorization (type 6, tokens revoked).

use super::state::SandboxState;
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

const DAY: i64 = 86_400;

pub async fn run(state: Arc<SandboxState>) {
    loop {
        tick(&state);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub fn tick(state: &SandboxState) {
    let now = state.clock.now();
    {
        let mut w = state.lock();
        super::commerce::lifecycle::tick(&mut w, now);
        super::finance::derive::settle(&mut w, now);
        super::returns::lifecycle::run_due(&mut w, now);
        let ids: Vec<String> = w.authorizations.keys().cloned().collect();
        for open_id in ids {
            let Some(auth) = w.authorizations.get(&open_id).cloned() else {
                continue;
            };
            if auth.ended {
                continue;
            }
            if now >= auth.expires_at {
                // Kept (ended) so a late refresh gets 105002 rather than "unknown token".
                if let Some(a) = w.authorizations.get_mut(&open_id) {
                    a.ended = true;
                }
                w.access_tokens.retain(|_, t| t.open_id != open_id);
                for shop_id in &auth.shops {
                    w.emit(
                        6,
                        shop_id,
                        json!({"message": format!("Shop_id {shop_id} is deauthorized from your APP by merchant.")}),
                    );
                }
                continue;
            }
            if now < auth.expires_at - 30 * DAY {
                continue;
            }
            let today = now.div_euclid(DAY);
            let days_left = (auth.expires_at - now + DAY - 1) / DAY;
            for shop_id in &auth.shops {
                if auth.reminded_day.get(shop_id) == Some(&today) {
                    continue;
                }
                w.emit(
                    7,
                    shop_id,
                    json!({
                        "message": format!("Authorization of shop_id {shop_id} is expiring in {days_left} days. Please \
                            direct the merchant to re-authorize."),
                        "expiration_time": auth.expires_at.to_string(),
                    }),
                );
                if let Some(a) = w.authorizations.get_mut(&open_id) {
                    a.reminded_day.insert(shop_id.clone(), today);
                }
            }
        }
    }
    state.flush_outgoing();
}
