//! Every keymap file shipped in `keymaps/` parses, binds no key twice (after normalizing
//! spellings) and names only known actions in the right tables.

use std::collections::HashSet;
use tokshop::ui::action::{Action, Scope};
use tokshop::ui::keymap::{Keymap, parse_seq};

#[test]
fn every_shipped_keymap_is_valid() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/keymaps");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("keymaps dir") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        n += 1;
        let text = std::fs::read_to_string(&path).expect("read");
        let name = path.display().to_string();
        Keymap::load(Some((&name, &text))).unwrap_or_else(|e| panic!("{e}"));
        let tables: toml::Table = toml::from_str(&text).expect("toml");
        for (table, entries) in tables {
            let scope = Scope::from_table(&table).unwrap_or_else(|| panic!("{name}: unknown table {table}"));
            let mut seen = HashSet::new();
            for (key, action) in entries.as_table().expect("table") {
                let seq = parse_seq(key).unwrap_or_else(|e| panic!("{name} [{table}] {key}: {e}"));
                assert!(seen.insert(seq), "{name} [{table}] {key}: bound twice");
                let action = action.as_str().expect("string");
                if action != "none" {
                    let a = Action::from_name(action).unwrap_or_else(|| panic!("{name}: unknown action {action}"));
                    assert_eq!(a.scope(), scope, "{name}: {action} in [{table}]");
                }
            }
        }
    }
    assert!(n >= 1, "keymaps/default.toml exists");
}

#[test]
fn every_action_has_a_key_and_a_description() {
    let km = Keymap::load(None).expect("default");
    for a in tokshop::ui::action::ALL {
        assert!(!km.keys_for(a).is_empty(), "{} has no key in the default keymap", a.name());
        assert!(!a.description().is_empty());
    }
}

#[test]
fn user_keymap_file_overrides() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("keymap.toml");
    std::fs::write(&p, "[global]\n\"Q\" = \"quit\"\n\"q\" = \"none\"\n").expect("write");
    let text = std::fs::read_to_string(&p).expect("read");
    let km = Keymap::load(Some(("keymap.toml", &text))).expect("load");
    assert_eq!(km.keys_for(Action::Quit), vec!["Q".to_string(), "ctrl-c".to_string()]);
}
