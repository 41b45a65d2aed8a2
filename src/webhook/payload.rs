//! Reading a notification: the envelope `{type, tts_notification_id, shop_id, timestamp, data}`
//! (API README §4.2) and the `data` of the types tokshop acts on. Ids may arrive as JSON
//! numbers in some samples; they are kept as strings.

use crate::domain::notification::Notification;
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    pub type_code: i64,
    pub notification_id: Option<String>,
    pub shop_id: Option<String>,
    pub timestamp: Option<i64>,
    pub data: Value,
}

#[derive(Deserialize)]
struct RawEnvelope {
    #[serde(rename = "type")]
    type_code: Option<Value>,
    tts_notification_id: Option<Value>,
    shop_id: Option<Value>,
    timestamp: Option<Value>,
    data: Option<Value>,
}

/// A JSON string or number as text (`"123"` or `123` -> `123`).
pub fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Parse the envelope; the error names what is wrong.
pub fn parse_envelope(body: &[u8]) -> Result<Envelope, String> {
    let raw: RawEnvelope = serde_json::from_slice(body).map_err(|e| format!("body is not a JSON notification: {e}"))?;
    let type_code = raw.type_code.as_ref().and_then(int).ok_or("missing or non-numeric `type`")?;
    Ok(Envelope {
        type_code,
        notification_id: raw.tts_notification_id.as_ref().and_then(id_text),
        shop_id: raw.shop_id.as_ref().and_then(id_text),
        timestamp: raw.timestamp.as_ref().and_then(int),
        data: raw.data.unwrap_or(Value::Null),
    })
}

/// Decode the meaning of a stored notification.
pub fn decode(env: &Envelope) -> Result<Notification, String> {
    let text = |k: &str| env.data.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
    match env.type_code {
        6 => Ok(Notification::SellerDeauthorization { message: text("message") }),
        7 => {
            let t =
                env.data.get("expiration_time").and_then(int).ok_or("type 7 without a numeric data.expiration_time")?;
            Ok(Notification::UpcomingAuthorizationExpiration { message: text("message"), expiration_time: t })
        }
        1 | 3 => {
            let id = env.data.get("order_id").and_then(id_text).ok_or("order notification without data.order_id")?;
            Ok(Notification::OrdersChanged { order_ids: vec![id] })
        }
        4 => {
            let mut ids: Vec<String> = env
                .data
                .get("package_list")
                .and_then(|v| v.as_array())
                .map(|l| {
                    l.iter()
                        .flat_map(|p| p.get("order_id_list").and_then(|o| o.as_array()).cloned().unwrap_or_default())
                        .filter_map(|v| id_text(&v))
                        .collect()
                })
                .unwrap_or_default();
            ids.sort();
            ids.dedup();
            if ids.is_empty() {
                return Err("type 4 without data.package_list[].order_id_list".into());
            }
            Ok(Notification::OrdersChanged { order_ids: ids })
        }
        12 => {
            let return_id = env.data.get("return_id").and_then(id_text).ok_or("type 12 without data.return_id")?;
            let order_id = env.data.get("order_id").and_then(id_text).unwrap_or_default();
            Ok(Notification::ReturnChanged { order_id, return_id })
        }
        11 => {
            let order_id = env.data.get("order_id").and_then(id_text).ok_or("type 11 without data.order_id")?;
            let cancel_id = env.data.get("cancel_id").and_then(id_text).unwrap_or_default();
            Ok(Notification::CancellationChanged { order_id, cancel_id })
        }
        // 5 PRODUCT_STATUS_CHANGE, 15 PRODUCT_INFORMATION_CHANGE, 16 PRODUCT_CREATION,
        // 37 PRODUCT_AUDIT_STATUS_CHANGE: product_id is a number in 5, 16 and 37, a string in 15.
        5 | 15 | 16 | 37 => {
            let id = env
                .data
                .get("product_id")
                .and_then(id_text)
                .ok_or_else(|| format!("type {} without data.product_id", env.type_code))?;
            Ok(Notification::ProductChanged { product_id: id })
        }
        other => Ok(Notification::Other { type_code: other }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_type_7_example() {
        let body = concat!(
            r#"{"type":7,"tts_notification_id":"7327112393057371910","shop_id":"7494049642642441621","#,
            r#""timestamp":1644412885,"data":{"message":"Authorization of shop_id {xxx} is expiring in {x} days. "#,
            r#"Please direct the merchant to re-authorize.","expiration_time":"1627587506"}}"#,
        )
        .as_bytes();
        let env = parse_envelope(body).expect("parse");
        assert_eq!(env.shop_id.as_deref(), Some("7494049642642441621"));
        match decode(&env).expect("decode") {
            Notification::UpcomingAuthorizationExpiration { expiration_time, .. } => {
                assert_eq!(expiration_time, 1627587506)
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn numeric_ids_are_kept_as_text() {
        let env = parse_envelope(br#"{"type":6,"shop_id":7494049642642441621,"data":{"message":"m"}}"#).expect("parse");
        assert_eq!(env.shop_id.as_deref(), Some("7494049642642441621"));
        assert_eq!(env.notification_id, None);
    }

    #[test]
    fn bad_input_is_named() {
        assert!(parse_envelope(b"{\"type\":").expect_err("truncated").contains("not a JSON notification"));
        assert_eq!(parse_envelope(b"{\"data\":{}}").expect_err("no type"), "missing or non-numeric `type`");
        let env = parse_envelope(br#"{"type":7,"shop_id":"1","data":{}}"#).expect("parse");
        assert!(decode(&env).is_err());
        let env = parse_envelope(br#"{"type":99,"shop_id":"1","data":{}}"#).expect("parse");
        assert_eq!(decode(&env), Ok(Notification::Other { type_code: 99 }));
    }
}
