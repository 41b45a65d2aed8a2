//! TikTok's envelope as the sandbox writes it, and the common error replies with the exact
//! messages of the official "Common errors" page.

use serde_json::{Value, json};

#[derive(Clone, Debug)]
pub struct Reply {
    pub http: u16,
    pub code: i64,
    pub message: String,
    pub data: Value,
}

impl Reply {
    pub fn ok(data: Value) -> Reply {
        Reply { http: 200, code: 0, message: "Success".into(), data }
    }

    pub fn empty() -> Reply {
        Reply::ok(json!({}))
    }

    pub fn err(http: u16, code: i64, message: impl Into<String>) -> Reply {
        Reply { http, code, message: message.into(), data: Value::Null }
    }

    /// The JSON body with a request id.
    pub fn body(&self, request_id: &str) -> Value {
        json!({"code": self.code, "message": self.message, "request_id": request_id, "data": self.data})
    }

    pub fn rate_limited() -> Reply {
        Reply::err(429, 36009002, "Too many requests. You've made too many requests in a short period of time.")
    }
    pub fn internal() -> Reply {
        Reply::err(
            500,
            36009003,
            "Internal error. Please try again. If the issue persists after multiple attempts, please contact platform \
                support.",
        )
    }
    pub fn invalid_path() -> Reply {
        Reply::err(404, 36009009, "Invalid path. The specified path does not match any available endpoint.")
    }
    pub fn invalid_method() -> Reply {
        Reply::err(405, 36009010, "Invalid method. The HTTP method used is not supported by this endpoint.")
    }
    pub fn invalid_version() -> Reply {
        Reply::err(404, 36009014, "The version name is invalid, please check and retry.")
    }
    pub fn bad_content_type() -> Reply {
        Reply::err(
            400,
            36009022,
            "Invalid request format. The request body format must be `application/json` for structured data or \
                `multipart/form-data` for binary files.",
        )
    }
    pub fn invalid_app_key() -> Reply {
        Reply::err(400, 36009004, "Invalid credentials. Invalid `app_key` query parameter.")
    }
    pub fn missing_sign() -> Reply {
        Reply::err(
            401,
            36009004,
            "Missing credentials. The request does not include a required signature in the query.",
        )
    }
    pub fn bad_sign() -> Reply {
        Reply::err(401, 106001, "Invalid credentials. The `sign` query parameter is invalid.")
    }
    pub fn bad_token() -> Reply {
        Reply::err(401, 36009004, "Invalid credentials. The `x-tts-access-token` header is invalid.")
    }
    pub fn expired_token() -> Reply {
        Reply::err(401, 105002, "Expired credentials. The `access_token` or `x-tts-access-token` header has expired.")
    }
    pub fn token_shop_mismatch() -> Reply {
        Reply::err(
            403,
            101000,
            "Invalid query or header. The `category_asset_cipher` query parameter or `x-tts-access-token` header is \
                invalid.",
        )
    }
    pub fn missing_cipher() -> Reply {
        Reply::err(
            400,
            106013,
            "Missing identifier. The `shop_cipher` query parameter is required to identify the target shop.",
        )
    }
    pub fn unexpected_cipher() -> Reply {
        Reply::err(
            400,
            36009004,
            "Unexpected identifier. The `shop_cipher` query parameter is not required for this request.",
        )
    }
    pub fn bad_timestamp(why: &str) -> Reply {
        Reply::err(400, 36009004, format!("Invalid timestamp. The value of the `timestamp` query parameter {why}."))
    }
    pub fn invalid_param(msg: impl Into<String>) -> Reply {
        Reply::err(400, 36009004, msg)
    }
}
