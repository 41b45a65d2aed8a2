//! Request signing for the versioned Open API (API README §1.2-§1.3).
//!
//! `sign = hex(HMAC-SHA256(app_secret, app_secret + path + sorted(key+value) + body + app_secret))`,
//! leaving out `sign` and `access_token` (and `x-tts-access-token`, as the PHP SDK does), and the
//! body when the content type is `multipart/form-data`. Values are signed decoded; array values
//! are already comma-joined by the caller. Token endpoints on the auth host are not signed.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

const EXCLUDED: [&str; 3] = ["sign", "access_token", "x-tts-access-token"];

/// Whether a `Content-Type` value is multipart (only the media type counts, not its parameters).
pub fn is_multipart(content_type: &str) -> bool {
    content_type.split(';').next().map(|m| m.trim().eq_ignore_ascii_case("multipart/form-data")).unwrap_or(false)
}

/// The string that is wrapped in the secret and MAC'd (exposed for tests and diagnostics).
pub fn base_string(path: &str, query: &[(String, String)], body: &[u8], content_type: &str) -> Vec<u8> {
    let mut params: Vec<&(String, String)> = query.iter().filter(|(k, _)| !EXCLUDED.contains(&k.as_str())).collect();
    params.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut out = Vec::with_capacity(path.len() + body.len() + 64);
    out.extend_from_slice(path.as_bytes());
    for (k, v) in params {
        out.extend_from_slice(k.as_bytes());
        out.extend_from_slice(v.as_bytes());
    }
    if !is_multipart(content_type) {
        out.extend_from_slice(body);
    }
    out
}

/// The lower-case hex `sign` for a request.
pub fn sign(app_secret: &str, path: &str, query: &[(String, String)], body: &[u8], content_type: &str) -> String {
    let base = base_string(path, query, body, content_type);
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail here.
    let mut mac = match HmacSha256::new_from_slice(app_secret.as_bytes()) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(app_secret.as_bytes());
    mac.update(&base);
    mac.update(app_secret.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }
    const JSON: &str = "application/json";
    const C_SECRET: &str = "test_app_secret_0123456789";

    #[test]
    fn a1_official_doc_vector() {
        let s = sign(
            "e59af819cc",
            "/authorization/202309/shops",
            &q(&[("app_key", "29a39d"), ("timestamp", "1623812664")]),
            b"",
            JSON,
        );
        assert_eq!(s, "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8");
    }

    #[test]
    fn a2_php_vector() {
        let s = sign("app_secret", "/test-api", &q(&[("foo", "bar")]), b"", JSON);
        assert_eq!(s, "d3cb7fe11ecae942802ceeca67e7cf10120cc12f1517d45fbc1c8cfe5413c80f");
    }

    fn a3_query() -> Vec<(String, String)> {
        q(&[
            ("app_key", "68xu9ks5p4i8"),
            ("shop_cipher", "ROW_xkMbgAAAeVAQra0eZWebFQq5aIK"),
            ("timestamp", "1696909648"),
        ])
    }

    #[test]
    fn a3_dotnet_get_vector() {
        assert_eq!(
            sign("e59af819cc", "/event/202309/webhooks", &a3_query(), b"", JSON),
            "ed58e1b5e59865c22a7b828c1cab65007441f43cc91a6cb2f2cdc638e0995a37"
        );
    }

    #[test]
    fn a4_dotnet_put_with_body_vector() {
        let body = br#"{"event_type":"PACKAGE_UPDATE","address":"https://partner.tiktokshop.com"}"#;
        assert_eq!(
            sign("e59af819cc", "/event/202309/webhooks", &a3_query(), body, JSON),
            "701dd6deb2389fe4c469b89bd37fc56f96a6da6afeb4d01c9077a65169752fa7"
        );
    }

    fn c_common() -> Vec<(&'static str, &'static str)> {
        vec![("app_key", "6abcd1234efgh"), ("timestamp", "1700000000"), ("shop_cipher", "ROW_TestCipher123")]
    }

    #[test]
    fn c1_categories() {
        let mut p = c_common();
        p.extend([("category_version", "v2"), ("locale", "en-US"), ("keyword", "shoes")]);
        assert_eq!(
            sign(C_SECRET, "/product/202309/categories", &q(&p), b"", JSON),
            "8adaa7b56301eec93ecccbef0aeb8d13e95c0b59a76c147673403bba36a0ee66"
        );
    }

    #[test]
    fn c2_order_search_with_body() {
        let mut p = c_common();
        p.extend([("page_size", "20"), ("sort_field", "create_time"), ("sort_order", "DESC")]);
        let body = br#"{"order_status":"AWAITING_SHIPMENT","create_time_ge":1699913600,"create_time_lt":1700000000}"#;
        assert_eq!(
            sign(C_SECRET, "/order/202309/orders/search", &q(&p), body, JSON),
            "e60a78354d96e591f666acfc5596cb17ff4c71a7ce5c162d11e0c478bcd8f4c7"
        );
    }

    #[test]
    fn c3_product_and_ship() {
        assert_eq!(
            sign(C_SECRET, "/product/202309/products/1729592969712207008", &q(&c_common()), b"", JSON),
            "3456ddd4909354de712dd0f2033e0f242addd1781f9efee09771b84c1d7d34b9"
        );
        let body = br#"{"handover_method":"PICKUP","pickup_slot":{"start_time":1700010000,"end_time":1700020000}}"#;
        assert_eq!(
            sign(C_SECRET, "/fulfillment/202309/packages/1153132168123859123/ship", &q(&c_common()), body, JSON),
            "629675f58c712ca0f69d587eb7c56abcbc66bd2dc4c6a9b8d4e49fc020e45101"
        );
    }

    #[test]
    fn c4_comma_joined_ids() {
        let mut p = c_common();
        p.push(("ids", "576461413038785752,576461413038785753"));
        assert_eq!(
            sign(C_SECRET, "/order/202309/orders", &q(&p), b"", JSON),
            "2fa51a812d567782bcef2ddb29e71e9d955418de0f6141eba564304e465093d9"
        );
    }

    #[test]
    fn c5_multipart_body_is_not_signed() {
        let p = q(&[("app_key", "6abcd1234efgh"), ("timestamp", "1700000000")]);
        let ct = "multipart/form-data; boundary=xyz";
        assert_eq!(
            sign(C_SECRET, "/product/202309/images/upload", &p, b"--xyz\r\nbinary", ct),
            "9cc61a1e829af480918fe071d473cbf5580e4e679c22665a1403efc47b07619e"
        );
    }

    #[test]
    fn c6_sign_and_access_token_are_excluded() {
        let mut p = c_common();
        p.extend([("access_token", "IGNORED"), ("sign", "IGNORED")]);
        assert_eq!(
            sign(C_SECRET, "/product/202309/products/1729592969712207008", &q(&p), b"", JSON),
            "3456ddd4909354de712dd0f2033e0f242addd1781f9efee09771b84c1d7d34b9"
        );
    }

    #[test]
    fn multipart_detection_uses_media_type_only() {
        assert!(is_multipart("multipart/form-data; boundary=abc"));
        assert!(is_multipart("Multipart/Form-Data"));
        assert!(!is_multipart("application/json"));
    }
}
