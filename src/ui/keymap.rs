//! Keymaps are data: `keymaps/default.toml` is compiled in; a user file overrides one key at a
//! time (`"none"` unbinds). A bad keymap is a clear error before the screen opens.

use super::action::Action;
use super::global;
use super::panes as registry;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;

pub const DEFAULT_KEYMAP: &str = include_str!("../../keymaps/default.toml");

/// One key press, normalized (shift is folded into the character).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Chord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

pub type Seq = Vec<Chord>;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("keymap {source_name}: {message}")]
pub struct KeymapError {
    pub source_name: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Action(&'static Action),
    /// The keys so far start a longer sequence.
    Pending,
    None,
}

/// A keymap table: its name and the actions that may be bound in it, in the order help and
/// hints show them.
pub struct Table {
    pub name: &'static str,
    pub actions: Vec<&'static Action>,
}

/// Every table: `global` (the global actions, then each pane's `go-*` in tab order, then the
/// moves), then one per pane in tab order.
pub fn tables() -> Vec<Table> {
    let mut global: Vec<&'static Action> = global::ACTIONS.to_vec();
    global.extend(registry::specs().map(|s| &s.go));
    global.extend(global::MOVES.iter().copied());
    let mut out = vec![Table { name: global::TABLE, actions: global }];
    out.extend(registry::specs().map(|s| Table { name: s.table, actions: s.actions.to_vec() }));
    out
}

#[derive(Clone, Debug)]
pub struct Keymap {
    /// Table name -> bindings.
    bindings: BTreeMap<&'static str, Vec<(Seq, &'static Action)>>,
    /// Table name -> its actions in order.
    order: Vec<(&'static str, Vec<&'static Action>)>,
}

pub fn chord_of(ev: &KeyEvent) -> Chord {
    let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let code = match ev.code {
        KeyCode::Char(c) => KeyCode::Char(c),
        KeyCode::BackTab => KeyCode::BackTab,
        other => {
            if ev.modifiers.contains(KeyModifiers::SHIFT) && other == KeyCode::Tab {
                mods = KeyModifiers::NONE;
                KeyCode::BackTab
            } else {
                other
            }
        }
    };
    Chord { code, mods }
}

pub fn parse_key(s: &str) -> Result<Chord, String> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = s;
    loop {
        if let Some(r) = rest.strip_prefix("ctrl-") {
            mods |= KeyModifiers::CONTROL;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("alt-") {
            mods |= KeyModifiers::ALT;
            rest = r;
        } else {
            break;
        }
    }
    let code = match rest {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" => KeyCode::PageUp,
        "pgdn" => KeyCode::PageDown,
        "delete" => KeyCode::Delete,
        "backspace" => KeyCode::Backspace,
        f if f.len() > 1 && f.starts_with('f') && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) => {
            KeyCode::F(f[1..].parse().unwrap_or(1))
        }
        c if c.chars().count() == 1 => KeyCode::Char(c.chars().next().unwrap_or(' ')),
        other => return Err(format!("unknown key {other:?}")),
    };
    Ok(Chord { code, mods })
}

pub fn parse_seq(s: &str) -> Result<Seq, String> {
    let parts: Vec<&str> = s.split(' ').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return Err("empty key".into());
    }
    parts.into_iter().map(parse_key).collect()
}

pub fn display_chord(c: &Chord) -> String {
    let mut s = String::new();
    if c.mods.contains(KeyModifiers::CONTROL) {
        s.push_str("ctrl-");
    }
    if c.mods.contains(KeyModifiers::ALT) {
        s.push_str("alt-");
    }
    s.push_str(&match c.code {
        KeyCode::Char(' ') => "space".into(),
        KeyCode::Char(ch) => ch.to_string(),
        KeyCode::Enter => "enter".into(),
        KeyCode::Esc => "esc".into(),
        KeyCode::Tab => "tab".into(),
        KeyCode::BackTab => "shift-tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "home".into(),
        KeyCode::End => "end".into(),
        KeyCode::PageUp => "pgup".into(),
        KeyCode::PageDown => "pgdn".into(),
        KeyCode::Delete => "del".into(),
        KeyCode::Backspace => "bksp".into(),
        KeyCode::F(n) => format!("f{n}"),
        other => format!("{other:?}"),
    });
    s
}

pub fn display(seq: &[Chord]) -> String {
    seq.iter().map(display_chord).collect::<Vec<_>>().join(" ")
}

type Tables = BTreeMap<String, BTreeMap<String, String>>;

fn parse_tables(source: &str, text: &str) -> Result<Tables, KeymapError> {
    toml::from_str::<Tables>(text)
        .map_err(|e| KeymapError { source_name: source.into(), message: e.message().to_string() })
}

impl Keymap {
    /// The compiled-in keymap with the user's overrides (`user`: name and text of the file).
    /// Each pane's number (`1`, `2`, ...) and `g` plus its letter are bound first.
    pub fn load(user: Option<(&str, &str)>) -> Result<Keymap, KeymapError> {
        let order: Vec<(&'static str, Vec<&'static Action>)> =
            tables().into_iter().map(|t| (t.name, t.actions)).collect();
        let mut km = Keymap { bindings: BTreeMap::new(), order };
        let mut generated = String::from("[global]\n");
        for (i, spec) in registry::specs().enumerate() {
            if i < 9 {
                generated.push_str(&format!("\"{}\" = \"{}\"\n", i + 1, spec.go.name));
            }
            generated.push_str(&format!("\"g {}\" = \"{}\"\n", spec.key, spec.go.name));
        }
        km.apply("the pane registry", &generated)?;
        km.apply("keymaps/default.toml", DEFAULT_KEYMAP)?;
        km.check_movement_kept()?;
        if let Some((name, text)) = user {
            km.apply(name, text)?;
        }
        km.check_prefixes()?;
        Ok(km)
    }

    fn table_of(&self, name: &str) -> Option<&(&'static str, Vec<&'static Action>)> {
        self.order.iter().find(|(n, _)| *n == name)
    }

    /// The table an action belongs in.
    fn home(&self, a: &Action) -> Option<&'static str> {
        self.order.iter().find(|(_, acts)| acts.contains(&a)).map(|(n, _)| *n)
    }

    fn apply(&mut self, source: &str, text: &str) -> Result<(), KeymapError> {
        let err = |message: String| KeymapError { source_name: source.into(), message };
        for (table, entries) in parse_tables(source, text)? {
            let Some((name, actions)) = self.table_of(&table).cloned() else {
                let known: Vec<String> = self.order.iter().map(|(n, _)| format!("[{n}]")).collect();
                return Err(err(format!("unknown table [{table}]; tables are {}", known.join(", "))));
            };
            let mut seen: Vec<Seq> = Vec::new();
            for (key, action_name) in entries {
                let seq = parse_seq(&key).map_err(|m| err(format!("[{table}] {key:?}: {m}")))?;
                if seen.contains(&seq) {
                    return Err(err(format!("[{table}] {key:?} is bound twice (as another spelling of the same key)")));
                }
                seen.push(seq.clone());
                self.bindings.entry(name).or_default().retain(|(s, _)| s != &seq);
                if action_name == "none" {
                    continue;
                }
                let action = match actions.iter().find(|a| a.name == action_name) {
                    Some(a) => *a,
                    None => {
                        let elsewhere = self.order.iter().find(|(_, acts)| acts.iter().any(|a| a.name == action_name));
                        return Err(err(match elsewhere {
                            Some((home, _)) => {
                                format!("[{table}] {key:?} = {action_name:?}: this action belongs in [{home}]")
                            }
                            None => {
                                let known: Vec<&str> =
                                    self.order.iter().flat_map(|(_, a)| a.iter().map(|x| x.name)).collect();
                                format!(
                                    "[{table}] {key:?} = {action_name:?}: unknown action; known actions: {}",
                                    known.join(", ")
                                )
                            }
                        }));
                    }
                };
                self.bindings.entry(name).or_default().push((seq, action));
            }
        }
        Ok(())
    }

    /// The default keymap never takes a movement key (`j`, `k`, arrows, `g g`, `G`, Ctrl-d/u…,
    /// whatever [global] binds to moving the selection) for a pane's own action: moving must
    /// work the same in every pane. (A user's keymap may, knowingly.)
    fn check_movement_kept(&self) -> Result<(), KeymapError> {
        const MOVES: &[&str] = &["select-next", "select-prev", "page-down", "page-up", "select-first", "select-last"];
        let global = self.bindings.get(global::TABLE).cloned().unwrap_or_default();
        let moves: Vec<&Seq> = global.iter().filter(|(_, a)| MOVES.contains(&a.name)).map(|(s, _)| s).collect();
        for (table, binds) in &self.bindings {
            if *table == global::TABLE {
                continue;
            }
            if let Some((seq, a)) = binds.iter().find(|(s, _)| moves.contains(&s)) {
                return Err(KeymapError {
                    source_name: "keymaps/default.toml".into(),
                    message: format!(
                        "[{table}] {:?} = {:?}: {:?} moves the selection in every pane; bind another key",
                        display(seq),
                        a.name,
                        display(seq)
                    ),
                });
            }
        }
        Ok(())
    }

    fn check_prefixes(&self) -> Result<(), KeymapError> {
        let global: Vec<&(Seq, &'static Action)> =
            self.bindings.get(global::TABLE).map(|v| v.iter().collect()).unwrap_or_default();
        for (name, _) in &self.order {
            let mut all: Vec<&(Seq, &'static Action)> =
                self.bindings.get(name).map(|v| v.iter().collect()).unwrap_or_default();
            if *name != global::TABLE {
                all.extend(global.iter().copied());
            }
            for (a, _) in &all {
                for (b, _) in &all {
                    if a.len() < b.len() && b.starts_with(a) {
                        return Err(KeymapError {
                            source_name: "keymap".into(),
                            message: format!(
                                "{:?} is bound on its own and also starts {:?} in [{name}]",
                                display(a),
                                display(b)
                            ),
                        });
                    }
                }
            }
        }
        Ok(())
    }

    /// What the keys pressed so far mean in `table` (its bindings first, then [global]).
    pub fn lookup(&self, table: &str, keys: &[Chord]) -> Lookup {
        let tables = [table, global::TABLE];
        for t in tables {
            if let Some(found) = self.bindings.get(t).and_then(|v| v.iter().find(|(s, _)| s.as_slice() == keys)) {
                return Lookup::Action(found.1);
            }
        }
        let pending = tables.iter().any(|t| {
            self.bindings.get(t).is_some_and(|v| v.iter().any(|(s, _)| s.len() > keys.len() && s.starts_with(keys)))
        });
        if pending { Lookup::Pending } else { Lookup::None }
    }

    /// The key sequences bound to an action, as shown to people.
    /// Single plain keys come first (`q` before `ctrl-c`), so hints show the simplest one.
    pub fn keys_for(&self, action: &Action) -> Vec<String> {
        let mut seqs = self.seqs_for(action);
        seqs.sort_by_key(|s| (s.len(), s.iter().map(|c| c.mods.bits()).sum::<u8>(), display(s)));
        seqs.iter().map(|s| display(s)).collect()
    }

    pub fn seqs_for(&self, action: &Action) -> Vec<Seq> {
        self.home(action)
            .and_then(|t| self.bindings.get(t))
            .map(|v| v.iter().filter(|(_, a)| *a == action).map(|(s, _)| s.clone()).collect())
            .unwrap_or_default()
    }

    /// Actions bound in a table, in its declared order, with their keys.
    pub fn bindings(&self, table: &str) -> Vec<(&'static Action, Vec<String>)> {
        let Some((_, actions)) = self.table_of(table) else { return vec![] };
        actions
            .iter()
            .filter_map(|a| {
                let keys = self.keys_for(a);
                (!keys.is_empty()).then_some((*a, keys))
            })
            .collect()
    }

    /// Every action by name, from every table.
    pub fn action(&self, name: &str) -> Option<&'static Action> {
        self.order.iter().flat_map(|(_, a)| a.iter().copied()).find(|a| a.name == name)
    }

    /// The tables in order: global, then the panes'.
    pub fn table_names(&self) -> Vec<&'static str> {
        self.order.iter().map(|(n, _)| *n).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> Chord {
        Chord { code: KeyCode::Char(c), mods: KeyModifiers::NONE }
    }

    #[test]
    fn movement_keys_move_in_every_pane() {
        let mut km = Keymap::load(None).expect("default keymap");
        let up = Lookup::Action(km.action("select-prev").expect("known"));
        for table in ["shops", "orders", "packages", "mapping", "inbox", "listings", "audit"] {
            assert_eq!(km.lookup(table, &[key('k')]), up, "k moves up in [{table}]");
        }
        // A default that took `k` for a pane's action is refused, naming it.
        km.apply("keymaps/default.toml", "[listings]\n\"k\" = \"link-listing\"\n").expect("apply");
        let e = km.check_movement_kept().expect_err("refused");
        assert!(e.message.contains("[listings] \"k\" = \"link-listing\""), "{}", e.message);
    }

    #[test]
    fn default_loads_with_sequences() {
        let km = Keymap::load(None).expect("default keymap");
        let named = |n: &str| Lookup::Action(km.action(n).expect("known"));
        assert_eq!(km.lookup("shops", &[key('c')]), named("connect-shop"));
        assert_eq!(km.lookup("inbox", &[key('c')]), Lookup::None);
        assert_eq!(km.lookup("shops", &[key('g')]), Lookup::Pending);
        assert_eq!(km.lookup("shops", &[key('g'), key('i')]), named("go-inbox"));
        assert_eq!(km.lookup("shops", &[key('5')]), named("go-inbox"), "each pane's number is bound from the registry");
        assert_eq!(km.lookup("inbox", &[key('q')]), named("quit"));
        assert!(km.keys_for(&global::QUIT).contains(&"ctrl-c".to_string()));
    }

    #[test]
    fn user_overrides_one_key_and_unbinds() {
        let km =
            Keymap::load(Some(("user.toml", "[shops]\n\"C\" = \"connect-shop\"\n\"c\" = \"none\"\n"))).expect("load");
        let named = |n: &str| Lookup::Action(km.action(n).expect("known"));
        assert_eq!(km.lookup("shops", &[key('C')]), named("connect-shop"));
        assert_eq!(km.lookup("shops", &[key('c')]), Lookup::None);
        assert_eq!(km.lookup("shops", &[key('d')]), named("disconnect-shop"));
    }

    #[test]
    fn bad_keymaps_are_named() {
        let e = Keymap::load(Some(("k.toml", "[shops]\n\"c\" = \"frobnicate\"\n"))).expect_err("unknown action");
        assert!(e.to_string().starts_with("keymap k.toml: [shops] \"c\" = \"frobnicate\": unknown action"), "{e}");
        let e = Keymap::load(Some(("k.toml", "[nosuchpane]\n\"c\" = \"quit\"\n"))).expect_err("unknown table");
        assert!(e.message.contains("unknown table [nosuchpane]"), "{e}");
        assert!(e.message.contains("[listings]") && e.message.contains("[orders]"), "every table is named: {e}");
        let e = Keymap::load(Some(("k.toml", "[global]\n\"hyper-x\" = \"quit\"\n"))).expect_err("bad key");
        assert!(e.message.contains("unknown key"), "{e}");
        let e = Keymap::load(Some(("k.toml", "[inbox]\n\"z\" = \"connect-shop\"\n"))).expect_err("wrong table");
        assert!(e.message.contains("belongs in [shops]"), "{e}");
        let e = Keymap::load(Some(("k.toml", "[global]\n\"g\" = \"help\"\n"))).expect_err("prefix clash");
        assert!(e.message.contains("starts"), "{e}");
        let e = Keymap::load(Some(("k.toml", "[global]\nq = [1]\n"))).expect_err("not a string");
        assert!(e.source_name == "k.toml", "{e}");
    }

    #[test]
    fn shift_tab_is_backtab() {
        let ev = KeyEvent::new(KeyCode::Tab, KeyModifiers::SHIFT);
        assert_eq!(chord_of(&ev), Chord { code: KeyCode::BackTab, mods: KeyModifiers::NONE });
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(chord_of(&ev), key('G'));
    }
}
