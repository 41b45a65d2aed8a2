//! TikTok's response envelope `{code, message, request_id, data}` (API README §2.2).
//! Branch on `code`, not on the HTTP status.

use super::client::ApiResponse;
use super::error::ApiError;
use serde::Deserialize;
use serde::de::DeserializeOwned;

#[derive(Deserialize)]
struct RawEnvelope<'a> {
    code: Option<i64>,
    message: Option<String>,
    request_id: Option<String>,
    #[serde(borrow)]
    data: Option<&'a serde_json::value::RawValue>,
}

/// The common case in one pass: a success envelope whose `data` has the expected shape.
#[derive(Deserialize)]
struct TypedEnvelope<T> {
    code: i64,
    request_id: Option<String>,
    data: Option<T>,
}

pub fn decode_envelope<T: DeserializeOwned>(
    endpoint: &str,
    status: u16,
    bytes: &[u8],
) -> Result<ApiResponse<T>, ApiError> {
    if let Ok(TypedEnvelope { code: 0, request_id, data: Some(data) }) =
        serde_json::from_slice::<TypedEnvelope<T>>(bytes)
    {
        return Ok(ApiResponse { data, request_id: request_id.unwrap_or_default() });
    }
    let env: RawEnvelope = match serde_json::from_slice(bytes) {
        Ok(e) => e,
        Err(_) => {
            let head: String =
                String::from_utf8_lossy(&bytes[..bytes.len().min(60)]).chars().filter(|c| !c.is_control()).collect();
            return Err(ApiError::transport(
                endpoint,
                format!("response is not a TikTok envelope (HTTP {status}, body starts {head:?})"),
                Some(status),
            ));
        }
    };
    let Some(code) = env.code else {
        return Err(ApiError::transport(
            endpoint,
            format!("response has no `code` field (HTTP {status})"),
            Some(status),
        ));
    };
    if code != 0 {
        return Err(ApiError::from_envelope(
            endpoint,
            code,
            env.message.as_deref().unwrap_or(""),
            env.request_id,
            status,
        ));
    }
    let raw = env.data.map(|d| d.get()).unwrap_or("null");
    let data = serde_json::from_str::<T>(raw)
        .map_err(|e| ApiError::decode(endpoint, format!("unexpected response data: {e}"), env.request_id.clone()))?;
    Ok(ApiResponse { data, request_id: env.request_id.unwrap_or_default() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::error::ErrorClass;

    #[derive(Deserialize, Debug)]
    struct Shops {
        shops: Vec<serde_json::Value>,
    }

    #[test]
    fn success() {
        let r = decode_envelope::<Shops>(
            "GET /x",
            200,
            br#"{"code":0,"message":"Success","request_id":"R1","data":{"shops":[{}]}}"#,
        )
        .expect("ok");
        assert_eq!(r.data.shops.len(), 1);
        assert_eq!(r.request_id, "R1");
    }

    #[test]
    fn error_code_wins_over_status() {
        let e = decode_envelope::<Shops>(
            "GET /x",
            200,
            br#"{"code":106001,"message":"Invalid credentials","request_id":"R2","data":null}"#,
        )
        .expect_err("err");
        assert_eq!(e.code, Some(106001));
        assert_eq!(e.class, ErrorClass::Permanent);
    }

    #[test]
    fn non_json_5xx_is_retryable() {
        let e = decode_envelope::<Shops>("GET /x", 502, b"<html>Bad Gateway</html>").expect_err("err");
        assert_eq!(e.class, ErrorClass::Retryable);
        assert!(e.message.contains("not a TikTok envelope"), "{}", e.message);
    }

    #[test]
    fn missing_fields_name_the_field() {
        let e = decode_envelope::<Shops>("GET /x", 200, br#"{"code":0,"data":{}}"#).expect_err("err");
        assert!(e.message.contains("missing field `shops`"), "{}", e.message);
        let e = decode_envelope::<Shops>("GET /x", 200, br#"{"message":"x"}"#).expect_err("err");
        assert!(e.message.contains("no `code`"), "{}", e.message);
    }
}
