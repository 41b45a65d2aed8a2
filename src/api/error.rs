//! The error taxonomy of the Open API (API README §2.3): every failure is retryable, needs a
//! token refresh, or is permanent, and carries TikTok's code, message and request id.

/// What the caller should do about a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorClass {
    /// Try again after a back-off: rate limited, internal error, timeout, 5xx, network.
    Retryable,
    /// The access token expired (105002): refresh once, then retry.
    Reauthenticate,
    /// Retrying will not help: bad signature, missing scope, bad parameters, business rules.
    Permanent,
}

/// Codes that mean "rate limited": back the shop's lane off.
pub const RATE_LIMITED: i64 = 36009002;
pub const INTERNAL_ERROR: i64 = 36009003;
pub const REQUEST_TIMEOUT: i64 = 36009007;
pub const EXPIRED_CREDENTIALS: i64 = 105002;
pub const INVALID_SIGN: i64 = 106001;
pub const ACCESS_DENIED: i64 = 105005;
pub const MISSING_SHOP_CIPHER: i64 = 106013;
pub const OVERLOADED_PARAMETER: i64 = 36009004;
pub const INVALID_AUTH_CODE: i64 = 36004004;

/// Classify a TikTok `code` together with the HTTP status it came with.
pub fn classify(code: Option<i64>, http_status: Option<u16>) -> ErrorClass {
    match code {
        Some(RATE_LIMITED) | Some(INTERNAL_ERROR) | Some(REQUEST_TIMEOUT) => ErrorClass::Retryable,
        Some(EXPIRED_CREDENTIALS) => ErrorClass::Reauthenticate,
        // A 401 for the access token itself (TikTok no longer knows it): refresh once; when the
        // refresh is refused too, the shop needs re-authorizing (never left "active").
        Some(OVERLOADED_PARAMETER) if http_status == Some(401) => ErrorClass::Reauthenticate,
        // "Failed to get orders" on order detail: documented as transient (API README §2.4).
        Some(10002014) | Some(10002015) | Some(10037002..=10037004) => ErrorClass::Retryable,
        Some(_) => match http_status {
            Some(429) => ErrorClass::Retryable,
            _ => ErrorClass::Permanent,
        },
        None => match http_status {
            Some(429) | Some(500..=599) | None => ErrorClass::Retryable,
            Some(_) => ErrorClass::Permanent,
        },
    }
}

/// Why a call failed. Never holds a secret: transport errors are stripped of their URL (the
/// token endpoints carry `app_secret` in the query).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{endpoint}: {}", self.describe())]
pub struct ApiError {
    pub class: ErrorClass,
    /// TikTok's `code`, when the server answered with an envelope.
    pub code: Option<i64>,
    pub message: String,
    pub request_id: Option<String>,
    pub http_status: Option<u16>,
    /// `METHOD /path` of the call.
    pub endpoint: String,
}

impl ApiError {
    pub fn from_envelope(endpoint: &str, code: i64, message: &str, request_id: Option<String>, http: u16) -> ApiError {
        ApiError {
            class: classify(Some(code), Some(http)),
            code: Some(code),
            message: message.to_string(),
            request_id,
            http_status: Some(http),
            endpoint: endpoint.to_string(),
        }
    }

    /// A failure before any envelope: network, timeout, or a body that is not an envelope.
    pub fn transport(endpoint: &str, message: impl Into<String>, http: Option<u16>) -> ApiError {
        ApiError {
            class: classify(None, http),
            code: None,
            message: message.into(),
            request_id: None,
            http_status: http,
            endpoint: endpoint.to_string(),
        }
    }

    /// A response that arrived but does not have the shape the contract promises.
    pub fn decode(endpoint: &str, message: impl Into<String>, request_id: Option<String>) -> ApiError {
        ApiError {
            class: ErrorClass::Permanent,
            code: None,
            message: message.into(),
            request_id,
            http_status: Some(200),
            endpoint: endpoint.to_string(),
        }
    }

    pub fn is_rate_limited(&self) -> bool {
        self.code == Some(RATE_LIMITED) || self.http_status == Some(429)
    }

    fn describe(&self) -> String {
        let mut s = match self.code {
            Some(c) => format!("code {c}: {}", self.message),
            None => self.message.clone(),
        };
        if let Some(h) = self.http_status.filter(|h| *h != 200) {
            s.push_str(&format!(" (HTTP {h})"));
        }
        if let Some(r) = &self.request_id {
            s.push_str(&format!(" [request_id {r}]"));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taxonomy() {
        assert_eq!(classify(Some(36009002), Some(429)), ErrorClass::Retryable);
        assert_eq!(classify(Some(36009003), Some(500)), ErrorClass::Retryable);
        assert_eq!(classify(Some(36009007), Some(200)), ErrorClass::Retryable);
        assert_eq!(classify(None, Some(503)), ErrorClass::Retryable);
        assert_eq!(classify(None, None), ErrorClass::Retryable);
        assert_eq!(classify(None, Some(429)), ErrorClass::Retryable);
        assert_eq!(classify(Some(105002), Some(401)), ErrorClass::Reauthenticate);
        assert_eq!(classify(Some(36009004), Some(401)), ErrorClass::Reauthenticate, "a refused access token");
        for c in [106001, 105005, 106013, 36009004, 21011050] {
            assert_eq!(classify(Some(c), Some(400)), ErrorClass::Permanent, "{c}");
        }
        assert_eq!(classify(None, Some(404)), ErrorClass::Permanent);
    }

    #[test]
    fn message_names_code_and_request() {
        let e = ApiError::from_envelope(
            "GET /authorization/202309/shops",
            106001,
            "Invalid credentials",
            Some("RID".into()),
            401,
        );
        assert_eq!(
            e.to_string(),
            "GET /authorization/202309/shops: code 106001: Invalid credentials (HTTP 401) [request_id RID]"
        );
    }
}
