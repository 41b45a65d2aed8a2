//! The one sanitiser for untrusted text (buyers, shops, products, CSV files, webhook bodies).
//!
//! Text written by strangers reaches terminals: the console, plain-text output piped to a
//! pager, JSON piped to `less -R`. Control characters in it could retitle a window
//! (`ESC ] 0;`), plant a hyperlink (`ESC ] 8;;`), clear the screen or move the cursor, and the
//! bidi overrides could make `exe.txt` read as `txt.exe`. [`inert`] shows every such character
//! as a visible escape (`\x1b`, `\u202e`) and keeps every letter, so what the stranger wrote
//! stays readable and nothing of it acts. [`inert_line`] also shows newlines, for a value that
//! must stay on one line (a table cell, a list row). [`json_inert`] escapes what `serde_json`
//! leaves raw (DEL, C1 and the bidi characters) inside an encoded JSON document.

use std::borrow::Cow;
use std::fmt::Write as _;

/// A character that acts on a terminal or reorders text: C0 controls other than tab and
/// newline, DEL, C1 controls, the bidi embeddings and overrides (U+202A to U+202E) and
/// isolates (U+2066 to U+2069).
pub fn is_active(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escape(out: &mut String, c: char) {
    let n = c as u32;
    if n < 0x100 {
        let _ = write!(out, "\\x{n:02x}");
    } else {
        let _ = write!(out, "\\u{n:04x}");
    }
}

fn shown(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let acts = |c: char| is_active(c) || (!keep_newlines && matches!(c, '\n' | '\r' | '\t'));
    if !s.chars().any(acts) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' if !keep_newlines => out.push_str("\\n"),
            '\t' if !keep_newlines => out.push(' '),
            c if acts(c) => escape(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` with every active character shown as a visible escape; tabs and newlines kept.
pub fn inert(s: &str) -> Cow<'_, str> {
    shown(s, true)
}

/// `s` on one line: as [`inert`], and newlines shown as `\n`, tabs as a space.
pub fn inert_line(s: &str) -> Cow<'_, str> {
    shown(s, false)
}

/// An encoded JSON document with DEL, C1 and the bidi characters escaped as `\uXXXX` (serde_json
/// escapes C0 itself). The result decodes to the same values.
pub fn json_inert(doc: &str) -> Cow<'_, str> {
    if !doc.chars().any(is_active) {
        return Cow::Borrowed(doc);
    }
    let mut out = String::with_capacity(doc.len() + 8);
    for c in doc.chars() {
        if is_active(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Every string in a JSON value made [`inert`] in place (object keys too): a view read from
/// the engine is shown by the console with nothing in it acting on the terminal.
pub fn inert_json(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => {
            if let Cow::Owned(o) = inert(s) {
                *s = o;
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(inert_json),
        serde_json::Value::Object(m) => {
            if m.keys().any(|k| k.chars().any(is_active)) {
                let old = std::mem::take(m);
                for (k, mut val) in old {
                    inert_json(&mut val);
                    m.insert(inert(&k).into_owned(), val);
                }
            } else {
                m.values_mut().for_each(inert_json);
            }
        }
        _ => {}
    }
}

/// A value quoted in a message: inert, on one line, cut to `max` characters with an ellipsis.
pub fn quoted(s: &str, max: usize) -> String {
    let line = inert_line(s);
    if line.chars().count() <= max {
        return line.into_owned();
    }
    let mut cut: String = line.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_sequences_are_shown_not_sent() {
        let hostile = "Ann\x1b]0;pwned\x07 \x1b[2J\u{9b}31m\x7f\u{202e}gpj.exe";
        let shown = inert(hostile);
        assert_eq!(shown, "Ann\\x1b]0;pwned\\x07 \\x1b[2J\\x9b31m\\x7f\\u202egpj.exe");
        assert!(!shown.chars().any(is_active));
    }

    #[test]
    fn letters_tabs_and_newlines_are_kept_and_clean_text_is_not_copied() {
        let s = "Zoë 北京 🚲\tline\nnext";
        assert!(matches!(inert(s), Cow::Borrowed(_)));
        assert_eq!(inert_line(s), "Zoë 北京 🚲 line\\nnext");
        assert_eq!(inert_line("a\r\nb"), "a\\x0d\\nb");
    }

    #[test]
    fn every_boundary_of_the_active_ranges() {
        for c in
            ['\0', '\x08', '\x0b', '\x1f', '\x7f', '\u{80}', '\u{9f}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}']
        {
            assert!(is_active(c), "{:x}", c as u32);
        }
        for c in ['\t', '\n', ' ', '~', '\u{a0}', '\u{2029}', '\u{202f}', '\u{2065}', '\u{206a}'] {
            assert!(!is_active(c), "{:x}", c as u32);
        }
    }

    #[test]
    fn json_stays_valid_and_decodes_to_the_same_text() {
        let v = serde_json::json!({ "name": "a\u{9b}b\x7fc\u{202e}d\x1be" });
        let doc = serde_json::to_string(&v).unwrap_or_default();
        let safe = json_inert(&doc);
        assert!(!safe.chars().any(is_active));
        assert!(safe.contains("\\u009b") && safe.contains("\\u007f") && safe.contains("\\u202e"));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).ok(), Some(v));
    }

    #[test]
    fn every_string_of_a_view_is_made_inert() {
        let mut v = serde_json::json!({"a": ["ok", {"b\u{1b}": "x\u{9b}y"}], "n": 3});
        inert_json(&mut v);
        assert_eq!(v, serde_json::json!({"a": ["ok", {"b\\x1b": "x\\x9by"}], "n": 3}));
    }

    #[test]
    fn quoted_values_are_cut_with_an_ellipsis() {
        assert_eq!(quoted("short", 80), "short");
        let long = "x".repeat(10_000);
        let q = quoted(&long, 80);
        assert_eq!(q.chars().count(), 80);
        assert!(q.ends_with('…'));
    }
}
