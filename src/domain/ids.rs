//! How TikTok's ids serialize: as the text they are for people (JSON, unchanged), and as a
//! number in a binary format when they are one.
//!
//! TikTok's ids are decimal strings of 18 or 19 digits (`"576461413038785752"`), and an order
//! carries about fifteen of them (its lines', SKUs', products', packages', warehouse's...). As
//! text each costs a length byte and a byte a digit; as a variable-length integer (postcard's
//! varint) 9 bytes, plus one saying which it is. The store's compact encoding (`store/codec.rs`)
//! is the binary format meant; a JSON (human-readable) serializer sees plain strings.
//!
//! Only the canonical decimal form of a number is written as one (no sign, no leading zero, at
//! most 38 digits, so it fits a `u128`): anything else (`"0042"`, `"1Z999AA1"`, `""`) is written
//! as text, so every string reads back exactly as it was.
//!
//! Use on a field: `#[serde(with = "crate::domain::ids::id")]` (a `String`), `ids::opt`
//! (`Option<String>`) or `ids::list` (`Vec<String>`); the last two need `#[serde(default)]` for
//! a JSON value missing the field to read as before.

use serde::{Deserialize, Serialize, Serializer};
use std::cell::Cell;

thread_local! {
    static AS_TEXT: Cell<bool> = const { Cell::new(false) };
}

/// Run `f` with ids (de)serialized as text in every format: the shape the store's compact
/// encoding had before (its version 1), which its migration reads and its tests write.
pub fn as_text<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            AS_TEXT.with(|t| t.set(self.0));
        }
    }
    let _restore = Restore(AS_TEXT.with(|t| t.replace(true)));
    f()
}

fn as_number(human_readable: bool) -> bool {
    !human_readable && !AS_TEXT.with(Cell::get)
}

/// The number an id is, when it is exactly the canonical decimal form of one.
fn number(s: &str) -> Option<u128> {
    let canonical = !s.is_empty() && s.len() <= 38 && s.bytes().all(|b| b.is_ascii_digit());
    match canonical && (s == "0" || !s.starts_with('0')) {
        true => s.parse().ok(),
        false => None,
    }
}

#[derive(Serialize)]
enum WireRef<'a> {
    Number(u128),
    Text(&'a str),
}

#[derive(Deserialize)]
enum Wire {
    Number(u128),
    Text(String),
}

fn wire(s: &str) -> WireRef<'_> {
    match number(s) {
        Some(n) => WireRef::Number(n),
        None => WireRef::Text(s),
    }
}

impl From<Wire> for String {
    fn from(w: Wire) -> Self {
        match w {
            Wire::Number(n) => n.to_string(),
            Wire::Text(s) => s,
        }
    }
}

/// A `String` id.
pub mod id {
    use super::*;
    use serde::Deserializer;

    pub fn serialize<S: Serializer>(v: &str, s: S) -> Result<S::Ok, S::Error> {
        match as_number(s.is_human_readable()) {
            true => wire(v).serialize(s),
            false => s.serialize_str(v),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        match as_number(d.is_human_readable()) {
            true => Wire::deserialize(d).map(String::from),
            false => String::deserialize(d),
        }
    }
}

/// An `Option<String>` id.
pub mod opt {
    use super::*;
    use serde::Deserializer;

    pub fn serialize<S: Serializer>(v: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
        match as_number(s.is_human_readable()) {
            true => v.as_deref().map(wire).serialize(s),
            false => v.serialize(s),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        match as_number(d.is_human_readable()) {
            true => Ok(Option::<Wire>::deserialize(d)?.map(String::from)),
            false => Option::<String>::deserialize(d),
        }
    }
}

/// A `Vec<String>` of ids.
pub mod list {
    use super::*;
    use serde::Deserializer;

    pub fn serialize<S: Serializer>(v: &[String], s: S) -> Result<S::Ok, S::Error> {
        match as_number(s.is_human_readable()) {
            true => s.collect_seq(v.iter().map(|id| wire(id))),
            false => v.serialize(s),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        match as_number(d.is_human_readable()) {
            true => Ok(Vec::<Wire>::deserialize(d)?.into_iter().map(String::from).collect()),
            false => Vec::<String>::deserialize(d),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Ids {
        #[serde(with = "id")]
        one: String,
        #[serde(default, with = "opt")]
        maybe: Option<String>,
        #[serde(default, with = "list")]
        many: Vec<String>,
    }

    fn sample(s: &str) -> Ids {
        Ids { one: s.into(), maybe: Some(s.into()), many: vec![s.into(), "7".into()] }
    }

    const AWKWARD: [&str; 10] = [
        "576461413038785752",
        "0",
        "0042",
        "",
        "1Z999AA10123456784",
        "-5",
        "99999999999999999999999999999999999999",
        "999999999999999999999999999999999999999",
        "340282366920938463463374607431768211456",
        "9400111899223197428490",
    ];

    #[test]
    fn every_id_reads_back_exactly_as_it_was_in_both_formats() {
        for s in AWKWARD {
            let v = sample(s);
            let bin = postcard::to_allocvec(&v).expect("encode");
            assert_eq!(postcard::from_bytes::<Ids>(&bin).expect("decode"), v, "{s:?} in postcard");
            let json = serde_json::to_string(&v).expect("json");
            assert_eq!(serde_json::from_str::<Ids>(&json).expect("json back"), v, "{s:?} in JSON");
        }
        let none = Ids { one: "1".into(), maybe: None, many: vec![] };
        assert_eq!(postcard::from_bytes::<Ids>(&postcard::to_allocvec(&none).expect("e")).expect("d"), none);
    }

    #[test]
    fn a_numeric_id_takes_ten_bytes_instead_of_twenty_and_json_is_unchanged() {
        let id = Ids { one: "7494123456789012345".into(), ..Ids::default() };
        // one: tag + 9-byte varint; maybe: None (1); many: empty (1).
        assert_eq!(postcard::to_allocvec(&id).expect("encode").len(), 10 + 2);
        let text = as_text(|| postcard::to_allocvec(&id).expect("encode"));
        assert_eq!(text.len(), 20 + 2, "as text: a length byte and 19 digits");
        assert_eq!(
            serde_json::to_string(&id).expect("json"),
            r#"{"one":"7494123456789012345","maybe":null,"many":[]}"#
        );
        let text_id = Ids { one: "0042".into(), ..Ids::default() };
        assert_eq!(postcard::to_allocvec(&text_id).expect("encode").len(), 1 + 5 + 2, "a tag, then the text");
    }

    #[test]
    fn the_text_shape_reads_what_it_wrote_and_the_flag_is_restored_after() {
        let v = sample("576461413038785752");
        let text = as_text(|| postcard::to_allocvec(&v).expect("encode"));
        assert_eq!(as_text(|| postcard::from_bytes::<Ids>(&text)).expect("decode"), v);
        assert_ne!(postcard::to_allocvec(&v).expect("encode"), text, "back to numbers after");
        assert!(postcard::from_bytes::<Ids>(&text).map(|d| d != v).unwrap_or(true), "the shapes differ");
    }

    #[test]
    fn only_the_canonical_decimal_form_is_a_number() {
        assert_eq!(number("576461413038785752"), Some(576_461_413_038_785_752));
        assert_eq!(number("0"), Some(0));
        for s in ["", "0042", "-5", "+5", "1 2", "12a", "999999999999999999999999999999999999999"] {
            assert_eq!(number(s), None, "{s:?}");
        }
    }
}
