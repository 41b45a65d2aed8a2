//! Money: an exact decimal amount with its ISO 4217 currency. Never a float.
//!
//! TikTok sends amounts as decimal strings in major units with a sibling `currency`
//! (API README §7); [`Money::parse`] keeps every digit.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MoneyError {
    #[error("amount {0:?} is not a decimal number")]
    BadAmount(String),
    #[error("currency {0:?} is not a three-letter ISO 4217 code")]
    BadCurrency(String),
}

impl Money {
    pub fn parse(amount: &str, currency: &str) -> Result<Money, MoneyError> {
        let amount = Decimal::from_str(amount.trim()).map_err(|_| MoneyError::BadAmount(amount.to_string()))?;
        if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(MoneyError::BadCurrency(currency.to_string()));
        }
        Ok(Money { amount, currency: currency.to_string() })
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_digit() {
        let m = Money::parse("199.00", "USD").expect("valid");
        assert_eq!(m.to_string(), "199.00 USD");
        let big = Money::parse("12345678901234567.89", "IDR").expect("valid");
        assert_eq!(big.amount.to_string(), "12345678901234567.89");
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(Money::parse("1,0", "USD"), Err(MoneyError::BadAmount("1,0".into())));
        assert_eq!(Money::parse("1", "usd"), Err(MoneyError::BadCurrency("usd".into())));
    }

    #[test]
    fn serializes_amount_as_string() {
        let m = Money::parse("0.10", "GBP").expect("valid");
        assert_eq!(serde_json::to_string(&m).expect("json"), r#"{"amount":"0.10","currency":"GBP"}"#);
    }

    proptest::proptest! {
        /// Any amount TikTok can send, in any currency code, survives text, JSON, the wire
        /// parser and the two-decimal display with every digit and its sign.
        #[test]
        fn money_round_trips_exactly(
            mantissa in -10_000_000_000_000i64..10_000_000_000_000i64,
            scale in 0u32..5,
            cur in "[A-Z]{3}",
        ) {
            let d = rust_decimal::Decimal::new(mantissa, scale);
            let m = Money::parse(&d.to_string(), &cur).expect("parses");
            proptest::prop_assert_eq!(m.amount, d);
            proptest::prop_assert_eq!(m.amount.scale(), scale, "no digit lost or added");
            let back: Money = serde_json::from_str(&serde_json::to_string(&m).expect("json")).expect("back");
            proptest::prop_assert_eq!(&back, &m);
            let shown = m.to_string();
            let (amount, code) = shown.split_once(' ').expect("amount currency");
            proptest::prop_assert_eq!(Money::parse(amount, code).expect("again"), m.clone());
            let cents = crate::domain::returns::cents(d);
            proptest::prop_assert_eq!(rust_decimal::Decimal::from_str(&cents).expect("cents"), d);
            proptest::prop_assert!(cents.split_once('.').is_some_and(|(_, f)| f.len() >= 2), "{}", cents);
        }
    }
}
