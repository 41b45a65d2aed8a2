//! Bad input of any kind, generated: random keystrokes on every pane (loaded, empty, broken,
//! read-only) at sizes down to a sliver never panic the console; arbitrary or damaged Shopify
//! CSV never panics the importer, every bad row is named by line, and the good rows still import.
#![allow(clippy::panic)]

#[path = "common/ui.rs"]
mod ui;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use tokshop::domain::shopify_csv::parse;
use ui::*;

fn key_strategy() -> impl Strategy<Value = KeyEvent> {
    let named = prop_oneof![
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::Backspace),
        Just(KeyCode::Delete),
    ]
    .prop_map(|c| KeyEvent::new(c, KeyModifiers::NONE));
    // Every printable key the keymap uses, and some it does not (digits switch panes).
    let typed = proptest::char::ranges(vec![' '..='~', 'é'..='é', '✓'..='✓'].into())
        .prop_map(|c| KeyEvent::new(KeyCode::Char(c), if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE }));
    let ctrl = prop_oneof![Just('d'), Just('u'), Just('o'), Just('k'), Just('a')]
        .prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    prop_oneof![6 => typed, 3 => named, 1 => ctrl]
}

const SIZES: [(u16, u16); 4] = [(80, 24), (120, 40), (40, 12), (12, 4)];

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_on_every_pane_never_panic(keys in proptest::collection::vec(key_strategy(), 1..80), which in 0usize..4, size in 0usize..4) {
        let views = match which {
            0 | 3 => loaded(),
            1 => empty(),
            _ => broken(),
        };
        let mut a = app(which == 3, &views);
        let (w, h) = SIZES[size];
        for (n, k) in keys.into_iter().enumerate() {
            let _ = a.on_key(k, &views, NOW);
            if n % 10 == 9 {
                a.load(&views);
            }
            let _ = draw(&mut a, w, h);
        }
    }

    #[test]
    fn arbitrary_text_never_panics_the_csv_importer(text in "\\PC{0,400}", body in "[a-zA-Z0-9,\"'.; \n-]{0,400}") {
        let _ = parse(&text, "web", "USD");
        // Behind a real header, so the rows are read field by field.
        let header = include_str!("fixtures/catalog/shopify-products.csv").lines().next().unwrap_or_default();
        let (_, errors) = parse(&format!("{header}\n{body}"), "web", "USD");
        for e in &errors {
            prop_assert!(e.line >= 2 && !e.message.is_empty(), "{e}");
        }
    }

    #[test]
    fn damaged_rows_are_named_and_the_good_rows_still_import(junk in proptest::collection::vec("[a-z0-9,; ]{0,40}", 1..6), at in 0usize..4) {
        let good = include_str!("fixtures/catalog/shopify-products.csv");
        let (clean, clean_errors) = parse(good, "web", "USD");
        let mut lines: Vec<String> = good.lines().map(String::from).collect();
        // Junk goes after the header, before a product's first row, so no product is split.
        let starts: Vec<usize> = lines.iter().enumerate().skip(1).filter(|(_, l)| !l.starts_with(',') && l.split(',').nth(1).is_some_and(|t| !t.is_empty())).map(|(i, _)| i).collect();
        let pos = starts[at % starts.len()];
        for (k, j) in junk.iter().enumerate() {
            lines.insert(pos + k, format!("junk-{k}-{j}"));
        }
        let damaged = lines.join("\n") + "\n";
        let (products, errors) = parse(&damaged, "web", "USD");
        for e in &errors {
            prop_assert!(e.line >= 2, "an error names its line: {e}");
        }
        for p in &clean {
            let q = products.iter().find(|q| q.handle == p.handle);
            prop_assert!(q.is_some(), "{} still imports; errors: {:?}", p.handle, errors);
            prop_assert_eq!(q.map(|q| q.variants.len()), Some(p.variants.len()), "{}", p.handle);
        }
        prop_assert!(errors.len() >= clean_errors.len());
    }
}
