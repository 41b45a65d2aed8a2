//! Checking a webhook's `Authorization` header: lower-case hex HMAC-SHA256 keyed by the app
//! secret over `app_key + raw body` (API README §4.1), compared in constant time.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

pub fn check(app_key: &str, app_secret: &str, body: &[u8], header: Option<&str>) -> Result<(), String> {
    let Some(presented) = header.map(str::trim).filter(|h| !h.is_empty()) else {
        return Err("missing Authorization header".into());
    };
    let Ok(raw) = hex::decode(presented) else {
        return Err("Authorization header is not a hex signature".into());
    };
    let mut mac =
        Hmac::<Sha256>::new_from_slice(app_secret.as_bytes()).map_err(|_| "unusable app secret".to_string())?;
    mac.update(app_key.as_bytes());
    mac.update(body);
    mac.verify_slice(&raw).map_err(|_| "signature does not match app_key + body".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[u8] = concat!(
        r#"{"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507","#,
        r#""timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178","#,
        r#""order_status":"UNPAID","update_time":1718305585}}"#,
    )
    .as_bytes();
    const SIG: &str = "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05";

    #[test]
    fn official_vector() {
        assert_eq!(check("abcdef", "123", BODY, Some(SIG)), Ok(()));
    }

    #[test]
    fn rejections_say_why() {
        assert_eq!(check("abcdef", "123", BODY, None), Err("missing Authorization header".into()));
        assert_eq!(
            check("abcdef", "123", BODY, Some("Bearer x")),
            Err("Authorization header is not a hex signature".into())
        );
        assert!(check("abcdef", "124", BODY, Some(SIG)).is_err());
        // A prefix of the right signature, however long, is not the signature.
        for cut in [2, 32, 62] {
            assert!(check("abcdef", "123", BODY, Some(&SIG[..cut])).is_err(), "a {cut}-character prefix");
        }
        let longer = format!("{SIG}00");
        assert!(check("abcdef", "123", BODY, Some(&longer)).is_err(), "the signature with more after it");
        let mut tampered = BODY.to_vec();
        tampered[10] = b'2';
        assert!(check("abcdef", "123", &tampered, Some(SIG)).is_err());
    }
}
