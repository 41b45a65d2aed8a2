//! Telling a barcode scanner from a person. A scanner is a keyboard that types a whole code and
//! Enter within a few milliseconds per key; a person is far slower. Printable keys are held
//! while they arrive faster than `gap_ms` apart: at least `min_len` of them ending in Enter are
//! a scan (never commands); anything else lets the held keys go on, in order, as typed. Pure:
//! the caller passes each key's arrival time in milliseconds and calls [`Scanner::tick`] when
//! [`Scanner::deadline`] passes; nothing here sleeps or reads a clock.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What counts as a scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScanConfig {
    /// Keys closer together than this (milliseconds) may be a scanner's; 0 turns detection off.
    pub gap_ms: u64,
    /// The fewest printable keys before Enter that make a scan.
    pub min_len: usize,
    /// The most printable keys held: a longer burst is typing (a key held down), let go.
    pub max_len: usize,
}

impl Default for ScanConfig {
    fn default() -> ScanConfig {
        ScanConfig { gap_ms: 30, min_len: 6, max_len: 64 }
    }
}

/// What the keys fed so far come to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A key to handle as typed; `burst` when it came in a fast burst that was not a scan.
    Key { key: KeyEvent, burst: bool },
    /// A scanned code (its Enter swallowed).
    Scan(String),
}

#[derive(Clone, Debug, Default)]
pub struct Scanner {
    pub config: ScanConfig,
    held: Vec<KeyEvent>,
    last: u64,
}

/// A key a scanner types as part of a code: a character, shifted or not, with no other modifier.
fn printable(k: &KeyEvent) -> Option<char> {
    let plain = (k.modifiers - KeyModifiers::SHIFT).is_empty();
    match k.code {
        KeyCode::Char(c) if plain && !c.is_control() && !c.is_whitespace() => Some(c),
        _ => None,
    }
}

impl Scanner {
    pub fn new(config: ScanConfig) -> Scanner {
        Scanner { config, held: Vec::new(), last: 0 }
    }

    /// A key arriving at `at` (ms).
    pub fn feed(&mut self, key: KeyEvent, at: u64) -> Vec<Input> {
        if self.config.gap_ms == 0 {
            return vec![Input::Key { key, burst: false }];
        }
        let mut out = self.tick(at);
        let fast = !self.held.is_empty();
        if let Some(c) = printable(&key) {
            self.held.push(key);
            self.last = at;
            if self.held.len() > self.config.max_len || self.held_down(c) {
                out.extend(self.release());
            }
            return out;
        }
        if key.code == KeyCode::Enter && fast && self.held.len() >= self.config.min_len {
            let code: String = self.held.drain(..).filter_map(|k| printable(&k)).collect();
            out.push(Input::Scan(code));
            return out;
        }
        out.extend(self.release());
        out.push(Input::Key { key, burst: fast });
        out
    }

    /// Held keys whose burst has ended by `at` (the next key is later than the gap).
    pub fn tick(&mut self, at: u64) -> Vec<Input> {
        match self.deadline() {
            Some(d) if at >= d => self.release(),
            _ => vec![],
        }
    }

    /// When held keys are let go unless another fast key comes first.
    pub fn deadline(&self) -> Option<u64> {
        (!self.held.is_empty()).then(|| self.last + self.config.gap_ms)
    }

    /// Everything held, as typed (the input ended).
    pub fn release(&mut self) -> Vec<Input> {
        let burst = self.held.len() > 1;
        self.held.drain(..).map(|key| Input::Key { key, burst }).collect()
    }

    /// One key repeated more than a code would: a key held down, not a scanner.
    fn held_down(&self, c: char) -> bool {
        self.held.len() > self.config.min_len && self.held.iter().all(|k| printable(k) == Some(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }
    fn enter() -> KeyEvent {
        KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
    }

    /// Feed `text` then Enter, `step` ms apart from `start`; everything that came out.
    fn typed(s: &mut Scanner, text: &str, start: u64, step: u64) -> Vec<Input> {
        let mut out = Vec::new();
        let mut at = start;
        for c in text.chars() {
            out.extend(s.feed(k(c), at));
            at += step;
        }
        out.extend(s.feed(enter(), at));
        out.extend(s.tick(at + 1000));
        out
    }

    fn keys(out: &[Input]) -> String {
        out.iter()
            .map(|i| match i {
                Input::Key { key, .. } => match key.code {
                    KeyCode::Char(c) => c.to_string(),
                    KeyCode::Enter => "⏎".into(),
                    _ => "?".into(),
                },
                Input::Scan(c) => format!("[{c}]"),
            })
            .collect()
    }

    #[test]
    fn a_fast_burst_ending_in_enter_is_a_scan() {
        let mut s = Scanner::default();
        assert_eq!(typed(&mut s, "578123456789", 1000, 4), vec![Input::Scan("578123456789".into())]);
    }

    #[test]
    fn a_person_typing_is_keys_in_order() {
        let mut s = Scanner::default();
        assert_eq!(keys(&typed(&mut s, "2jjk3o", 1000, 120)), "2jjk3o⏎");
    }

    #[test]
    fn a_short_burst_is_keys() {
        let mut s = Scanner::default();
        let out = typed(&mut s, "12345", 0, 3);
        assert_eq!(keys(&out), "12345⏎");
        assert!(out.iter().all(|i| matches!(i, Input::Key { burst: true, .. })));
    }

    #[test]
    fn a_pause_inside_breaks_the_burst() {
        let mut s = Scanner::default();
        let mut out = Vec::new();
        for (c, at) in [('a', 0), ('b', 5), ('c', 200), ('d', 205), ('e', 210), ('f', 215), ('g', 220)] {
            out.extend(s.feed(k(c), at));
        }
        out.extend(s.feed(enter(), 225));
        assert_eq!(keys(&out), "abcdefg⏎");
    }

    #[test]
    fn held_keys_go_after_the_gap_without_another_key() {
        let mut s = Scanner::default();
        assert!(s.feed(k('j'), 100).is_empty());
        assert_eq!(s.deadline(), Some(130));
        assert!(s.tick(129).is_empty());
        assert_eq!(keys(&s.tick(130)), "j");
        assert_eq!(s.deadline(), None);
    }

    #[test]
    fn a_held_down_key_is_not_a_scan() {
        let mut s = Scanner::default();
        let out = typed(&mut s, "jjjjjjjjjjjj", 0, 20);
        assert_eq!(keys(&out), "jjjjjjjjjjjj⏎");
        // ...but a code with repeated digits in it is.
        assert_eq!(typed(&mut s, "000000123", 5000, 4), vec![Input::Scan("000000123".into())]);
    }

    #[test]
    fn modified_keys_end_a_burst_and_are_never_held() {
        let mut s = Scanner::default();
        let mut out = s.feed(k('a'), 0);
        out.extend(s.feed(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL), 2));
        assert_eq!(keys(&out), "ad");
    }

    #[test]
    fn shifted_letters_belong_to_a_code() {
        let mut s = Scanner::default();
        let mut at = 0;
        let mut out = Vec::new();
        for c in "TS-BLK-M".chars() {
            out.extend(s.feed(KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT), at));
            at += 2;
        }
        out.extend(s.feed(enter(), at));
        assert_eq!(out, vec![Input::Scan("TS-BLK-M".into())]);
    }

    #[test]
    fn too_long_a_burst_is_let_go() {
        let mut s = Scanner::new(ScanConfig { max_len: 8, ..ScanConfig::default() });
        let out = typed(&mut s, "abcdefghijkl", 0, 1);
        assert_eq!(keys(&out), "abcdefghijkl⏎");
    }

    #[test]
    fn zero_gap_turns_detection_off() {
        let mut s = Scanner::new(ScanConfig { gap_ms: 0, ..ScanConfig::default() });
        assert_eq!(keys(&typed(&mut s, "12345678", 0, 1)), "12345678⏎");
    }
}
