//! The sandbox's own signature verifier, written apart from the client's signer on purpose:
//! the two implement the same contract (API README §1.2) and meet only at the published vectors.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::collections::BTreeMap;

type Mac256 = Hmac<Sha256>;

fn mac_over(secret: &str, parts: &[&[u8]]) -> Option<Mac256> {
    let mut m = Mac256::new_from_slice(secret.as_bytes()).ok()?;
    for p in parts {
        m.update(p);
    }
    Some(m)
}

/// The input TikTok MACs: `secret + path + k1v1k2v2... + body? + secret`, keys in byte order,
/// without `sign` and `access_token`; the body is left out for multipart requests.
fn signed_input(secret: &str, path: &str, params: &BTreeMap<String, String>, body: &[u8], multipart: bool) -> Vec<u8> {
    let mut s: Vec<u8> = Vec::new();
    s.extend(secret.bytes());
    s.extend(path.bytes());
    for (k, v) in params {
        if k == "sign" || k == "access_token" {
            continue;
        }
        s.extend(k.bytes());
        s.extend(v.bytes());
    }
    if !multipart {
        s.extend_from_slice(body);
    }
    s.extend(secret.bytes());
    s
}

/// Hex signature the sandbox expects (for diagnostics and the vector tests).
pub fn expected(secret: &str, path: &str, params: &BTreeMap<String, String>, body: &[u8], multipart: bool) -> String {
    let input = signed_input(secret, path, params, body, multipart);
    match mac_over(secret, &[&input]) {
        Some(m) => hex::encode(m.finalize().into_bytes()),
        None => String::new(),
    }
}

/// Constant-time check of a presented `sign` (hex, either case).
pub fn verify(
    secret: &str,
    path: &str,
    params: &BTreeMap<String, String>,
    body: &[u8],
    multipart: bool,
    presented: &str,
) -> bool {
    let Ok(raw) = hex::decode(presented) else {
        return false;
    };
    let input = signed_input(secret, path, params, body, multipart);
    match mac_over(secret, &[&input]) {
        Some(m) => m.verify_slice(&raw).is_ok(),
        None => false,
    }
}

/// The `Authorization` header of a webhook: hex HMAC-SHA256(app_secret, app_key + body).
pub fn webhook_signature(app_key: &str, app_secret: &str, body: &[u8]) -> String {
    match mac_over(app_secret, &[app_key.as_bytes(), body]) {
        Some(m) => hex::encode(m.finalize().into_bytes()),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn published_vectors() {
        let a1 = p(&[("app_key", "29a39d"), ("timestamp", "1623812664")]);
        assert!(verify(
            "e59af819cc",
            "/authorization/202309/shops",
            &a1,
            b"",
            false,
            "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8"
        ));
        assert!(verify(
            "app_secret",
            "/test-api",
            &p(&[("foo", "bar")]),
            b"",
            false,
            "d3cb7fe11ecae942802ceeca67e7cf10120cc12f1517d45fbc1c8cfe5413c80f"
        ));
        let a3 = p(&[
            ("app_key", "68xu9ks5p4i8"),
            ("shop_cipher", "ROW_xkMbgAAAeVAQra0eZWebFQq5aIK"),
            ("timestamp", "1696909648"),
        ]);
        assert!(verify(
            "e59af819cc",
            "/event/202309/webhooks",
            &a3,
            b"",
            false,
            "ed58e1b5e59865c22a7b828c1cab65007441f43cc91a6cb2f2cdc638e0995a37"
        ));
        let body = br#"{"event_type":"PACKAGE_UPDATE","address":"https://partner.tiktokshop.com"}"#;
        assert!(verify(
            "e59af819cc",
            "/event/202309/webhooks",
            &a3,
            body,
            false,
            "701dd6deb2389fe4c469b89bd37fc56f96a6da6afeb4d01c9077a65169752fa7"
        ));
        // Upper-case hex is accepted too; a tampered body is not.
        assert!(verify(
            "e59af819cc",
            "/event/202309/webhooks",
            &a3,
            body,
            false,
            &"701dd6deb2389fe4c469b89bd37fc56f96a6da6afeb4d01c9077a65169752fa7".to_uppercase()
        ));
        assert!(!verify(
            "e59af819cc",
            "/event/202309/webhooks",
            &a3,
            b"{}",
            false,
            "701dd6deb2389fe4c469b89bd37fc56f96a6da6afeb4d01c9077a65169752fa7"
        ));
    }

    #[test]
    fn computed_vectors_and_exclusions() {
        let secret = "test_app_secret_0123456789";
        let mut q =
            p(&[("app_key", "6abcd1234efgh"), ("timestamp", "1700000000"), ("shop_cipher", "ROW_TestCipher123")]);
        assert_eq!(
            expected(secret, "/product/202309/products/1729592969712207008", &q, b"", false),
            "3456ddd4909354de712dd0f2033e0f242addd1781f9efee09771b84c1d7d34b9"
        );
        q.insert("access_token".into(), "IGNORED".into());
        q.insert("sign".into(), "IGNORED".into());
        assert_eq!(
            expected(secret, "/product/202309/products/1729592969712207008", &q, b"", false),
            "3456ddd4909354de712dd0f2033e0f242addd1781f9efee09771b84c1d7d34b9"
        );
        let up = p(&[("app_key", "6abcd1234efgh"), ("timestamp", "1700000000")]);
        assert_eq!(
            expected(secret, "/product/202309/images/upload", &up, b"ignored", true),
            "9cc61a1e829af480918fe071d473cbf5580e4e679c22665a1403efc47b07619e"
        );
    }

    #[test]
    fn webhook_vector() {
        let body = concat!(
            r#"{"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507","#,
            r#""timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178","#,
            r#""order_status":"UNPAID","update_time":1718305585}}"#
        )
        .as_bytes();
        assert_eq!(
            webhook_signature("abcdef", "123", body),
            "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05"
        );
    }
}
