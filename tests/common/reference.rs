//! Field-by-field comparison of a live sandbox answer with TikTok's reference sample: every field
//! path of the sample (`data.orders[].line_items[].rts_time`) must be in the answer with the same
//! JSON type, in every element of every array; every path of the answer must be in the sample.
//! What differs is reported as a [`Gap`], so one run shows every gap of every route.
#![allow(dead_code)]

use serde_json::{Map, Value};
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum GapKind {
    /// In the sample, not in the answer.
    Missing,
    /// In the answer, not in the sample.
    Extra,
    /// In both, with different JSON types.
    Type,
    /// The sample's array has elements, the answer's is empty: nothing under it was checked.
    Empty,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Gap {
    pub kind: GapKind,
    pub path: String,
    pub detail: String,
}

use super::kind;

/// The sample's elements of one array merged into one schema: the union of their fields (the
/// sample's elements sometimes show different optional fields).
fn merged(items: &[Value]) -> Option<Value> {
    let first = items.first()?.clone();
    Some(items.iter().skip(1).fold(first, merge))
}

fn merge(a: Value, b: &Value) -> Value {
    match (a, b) {
        (Value::Object(mut a), Value::Object(b)) => {
            for (k, v) in b {
                let next = match a.remove(k) {
                    Some(old) => merge(old, v),
                    None => v.clone(),
                };
                a.insert(k.clone(), next);
            }
            Value::Object(a)
        }
        (Value::Array(a), Value::Array(b)) => {
            let all: Vec<Value> = a.into_iter().chain(b.iter().cloned()).collect();
            Value::Array(merged(&all).into_iter().collect())
        }
        (Value::Null, b) => b.clone(),
        (a, _) => a,
    }
}

/// Every gap between `sample` and `answer`, below `at`.
pub fn compare(sample: &Value, answer: &Value, at: &str) -> BTreeSet<Gap> {
    let mut out = BTreeSet::new();
    walk(sample, answer, at, &mut out);
    out
}

fn walk(sample: &Value, answer: &Value, at: &str, out: &mut BTreeSet<Gap>) {
    match (sample, answer) {
        // A null in the sample says nothing about the type.
        (Value::Null, _) => {}
        (Value::Object(s), Value::Object(a)) => objects(s, a, at, out),
        (Value::Array(s), Value::Array(a)) => {
            let Some(schema) = merged(s) else { return };
            if a.is_empty() {
                out.insert(Gap { kind: GapKind::Empty, path: format!("{at}[]"), detail: "empty list".into() });
            }
            for x in a {
                walk(&schema, x, &format!("{at}[]"), out);
            }
        }
        _ if kind(sample) != kind(answer) => {
            out.insert(Gap {
                kind: GapKind::Type,
                path: at.to_string(),
                detail: format!("sample {} {sample}, sandbox {} {answer}", kind(sample), kind(answer)),
            });
        }
        _ => {}
    }
}

fn objects(s: &Map<String, Value>, a: &Map<String, Value>, at: &str, out: &mut BTreeSet<Gap>) {
    for (k, v) in s {
        let path = format!("{at}.{k}");
        match a.get(k) {
            Some(x) => walk(v, x, &path, out),
            None => {
                out.insert(Gap { kind: GapKind::Missing, path, detail: format!("sample {}", kind(v)) });
            }
        }
    }
    for (k, v) in a {
        if !s.contains_key(k) {
            out.insert(Gap { kind: GapKind::Extra, path: format!("{at}.{k}"), detail: format!("sandbox {}", kind(v)) });
        }
    }
}

/// A document's field paths (arrays as `[]`, their elements' fields merged) and the paths of
/// its non-empty arrays (`data.orders[]`: an array one answer leaves empty is still checked when
/// another answer of the same route fills it), below `at`.
pub fn survey(v: &Value, at: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut fields, mut filled) = (BTreeSet::new(), BTreeSet::new());
    walk_paths(v, at, &mut fields, &mut filled);
    (fields, filled)
}

/// The field paths of a document, below `at`.
pub fn paths(v: &Value, at: &str) -> BTreeSet<String> {
    survey(v, at).0
}

fn walk_paths(v: &Value, at: &str, fields: &mut BTreeSet<String>, filled: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = format!("{at}.{k}");
                fields.insert(p.clone());
                walk_paths(x, &p, fields, filled);
            }
        }
        Value::Array(items) => {
            if !items.is_empty() {
                filled.insert(format!("{at}[]"));
            }
            for x in items {
                walk_paths(x, &format!("{at}[]"), fields, filled);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_gap_kind_is_seen() {
        let sample = json!({"a": 1, "b": [{"x": "s", "y": true}], "c": "t", "d": [{"z": 1}]});
        let answer = json!({"a": "1", "b": [{"x": "s", "y": true}, {"x": "s"}], "e": 0, "d": []});
        let kinds: Vec<(GapKind, String)> =
            compare(&sample, &answer, "data").into_iter().map(|g| (g.kind, g.path)).collect();
        assert_eq!(
            kinds,
            vec![
                (GapKind::Missing, "data.b[].y".into()),
                (GapKind::Missing, "data.c".into()),
                (GapKind::Extra, "data.e".into()),
                (GapKind::Type, "data.a".into()),
                (GapKind::Empty, "data.d[]".into()),
            ]
        );
        assert_eq!(paths(&sample, "data").len(), 7);
        assert_eq!(survey(&answer, "data").1.into_iter().collect::<Vec<_>>(), vec!["data.b[]".to_string()]);
    }
}
