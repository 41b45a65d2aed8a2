//! Small helpers for wire DTOs: decimal strings that must parse, lenient ids.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};
use std::str::FromStr;

/// A money string of the wire ("199.00"); empty or absent is zero, anything else must parse.
pub fn dec(field: &str, v: &Option<String>) -> Result<Decimal, String> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(Decimal::ZERO),
        Some(s) => Decimal::from_str(s).map_err(|_| format!("{field} {s:?} is not a decimal amount")),
    }
}

/// An id that some payloads send as a JSON number: always kept as text.
pub fn id_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        S(String),
        N(u64),
    }
    Ok(match Option::<Id>::deserialize(d)? {
        Some(Id::S(s)) => s,
        Some(Id::N(n)) => n.to_string(),
        None => String::new(),
    })
}

/// A non-empty string, or None.
pub fn opt(s: &Option<String>) -> Option<String> {
    s.clone().filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    #[test]
    fn decimals() {
        assert_eq!(super::dec("x", &Some("1.50".into())).expect("ok").to_string(), "1.50");
        assert_eq!(super::dec("x", &None).expect("ok").to_string(), "0");
        // TikTok sends "" for a fee that does not apply: zero, never a failed order.
        assert_eq!(super::dec("payment.small_order_fee", &Some(String::new())), Ok(rust_decimal::Decimal::ZERO));
        assert_eq!(super::dec("payment.small_order_fee", &Some("  ".into())), Ok(rust_decimal::Decimal::ZERO));
        assert_eq!(
            super::dec("payment.tax", &Some("1,5".into())),
            Err("payment.tax \"1,5\" is not a decimal amount".into())
        );
    }

    /// TikTok writes some ids as strings and others as numbers; both keep every digit, and a
    /// missing one is empty.
    #[test]
    fn an_id_sent_as_a_number_or_a_string_keeps_every_digit() {
        #[derive(serde::Deserialize)]
        struct W {
            #[serde(default, deserialize_with = "super::id_string")]
            id: String,
        }
        let read = |j: &str| serde_json::from_str::<W>(j).expect("parses").id;
        assert_eq!(read(r#"{"id":"576461413038785752"}"#), "576461413038785752");
        assert_eq!(read(r#"{"id":7494062124528568074}"#), "7494062124528568074");
        assert_eq!(read(r#"{"id":null}"#), "");
        assert_eq!(read(r#"{}"#), "");
    }

    proptest::proptest! {
        /// Any decimal string TikTok sends parses to exactly its amount.
        #[test]
        fn every_amount_parses_exactly(mantissa in -10_000_000_000_000i64..10_000_000_000_000i64, scale in 0u32..5) {
            let d = rust_decimal::Decimal::new(mantissa, scale);
            proptest::prop_assert_eq!(super::dec("x", &Some(d.to_string())), Ok(d));
        }
    }
}
