//! Every keymap file shipped in `keymaps/` parses, binds no key twice (after normalizing
//! spellings) and names only known actions in the right tables; every action the panes declare
//! has a key, a description and a unique name.

use std::collections::HashSet;
use tokshop::ui::keymap::{Keymap, parse_seq, tables};

#[test]
fn every_shipped_keymap_is_valid() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/keymaps");
    let known = tables();
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
        let parsed: toml::Table = toml::from_str(&text).expect("toml");
        for (table, entries) in parsed {
            let t = known.iter().find(|t| t.name == table).unwrap_or_else(|| panic!("{name}: unknown table {table}"));
            let mut seen = HashSet::new();
            for (key, action) in entries.as_table().expect("table") {
                let seq = parse_seq(key).unwrap_or_else(|e| panic!("{name} [{table}] {key}: {e}"));
                assert!(seen.insert(seq), "{name} [{table}] {key}: bound twice");
                let action = action.as_str().expect("string");
                if action != "none" {
                    assert!(
                        t.actions.iter().any(|a| a.name == action),
                        "{name}: {action} is not an action of [{table}]"
                    );
                }
            }
        }
    }
    assert!(n >= 1, "keymaps/default.toml exists");
}

#[test]
fn every_action_has_a_key_a_description_and_its_own_name() {
    let km = Keymap::load(None).expect("default");
    let mut names = HashSet::new();
    for t in tables() {
        for a in t.actions {
            assert!(!km.keys_for(a).is_empty(), "{} has no key in the default keymap", a.name);
            assert!(!a.description.is_empty(), "{} has no description", a.name);
            assert!(names.insert(a.name), "two actions are named {}", a.name);
        }
    }
}

#[test]
fn each_pane_is_reached_by_its_number_and_by_g_and_its_letter() {
    let km = Keymap::load(None).expect("default");
    for (i, spec) in tokshop::ui::panes::specs().enumerate() {
        let keys = km.keys_for(&spec.go);
        assert!(keys.contains(&(i + 1).to_string()), "{} is pane {}: {keys:?}", spec.title, i + 1);
        assert!(keys.contains(&format!("g {}", spec.key)), "{}: {keys:?}", spec.title);
    }
}

#[test]
fn user_keymap_file_overrides() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("keymap.toml");
    std::fs::write(&p, "[global]\n\"Q\" = \"quit\"\n\"q\" = \"none\"\n").expect("write");
    let text = std::fs::read_to_string(&p).expect("read");
    let km = Keymap::load(Some(("keymap.toml", &text))).expect("load");
    assert_eq!(km.keys_for(&tokshop::ui::global::QUIT), vec!["Q".to_string(), "ctrl-c".to_string()]);
}
