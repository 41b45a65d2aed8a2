//! Bad input of any kind, generated: random keystrokes on every pane (loaded, empty, broken,
//! read-only) at sizes down to a sliver never panic the console; arbitrary or damaged Shopify
//! CSV never panics the importer, every bad row is named by line, and the good rows still import.

use crate::ui;

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
    let typed = proptest::char::ranges(vec![' '..='~', 'é'..='é', '✓'..='✓'].into()).prop_map(|c| {
        KeyEvent::new(KeyCode::Char(c), if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE })
    });
    let ctrl = prop_oneof![Just('d'), Just('u'), Just('o'), Just('k'), Just('a')]
        .prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    prop_oneof![6 => typed, 3 => named, 1 => ctrl]
}

/// JSON shaped like what tokshop reads (products, carriers, webhooks, envelopes), with values of
/// every kind in every place.
fn json_strategy() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "[a-z0-9 .-]{0,12}".prop_map(serde_json::Value::from),
    ];
    let keys = prop_oneof![
        Just("products"),
        Just("handle"),
        Just("title"),
        Just("variants"),
        Just("sku"),
        Just("price"),
        Just("inventory"),
        Just("images"),
        Just("type"),
        Just("data"),
        Just("shop_id"),
        Just("order_id"),
        Just("order_status"),
        Just("code"),
        Just("message"),
        Just("request_id"),
        Just("timestamp"),
        Just("tts_notification_id"),
        Just("update_time"),
    ];
    let value = leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            proptest::collection::btree_map(keys.clone().prop_map(String::from), inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    });
    value.prop_map(|v| v.to_string())
}

const SIZES: [(u16, u16); 4] = [(80, 24), (120, 40), (40, 12), (12, 4)];

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_on_every_pane_never_panic(
        keys in proptest::collection::vec(key_strategy(), 1..80),
        which in 0usize..4,
        size in 0usize..4,
    ) {
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
    fn other_files_and_payloads_never_panic_and_always_say_what_is_wrong(
        text in "\\PC{0,300}",
        json in json_strategy(),
    ) {
        // tokshop's catalogue JSON, the carrier CSV, a keymap file, a webhook, an API answer.
        for t in [text.as_str(), json.as_str()] {
            let (_, errors) = tokshop::domain::catalog::parse_json(t, "web", "USD");
            prop_assert!(errors.iter().all(|e| !e.is_empty()));
            let (_, errors) = tokshop::domain::carrier_csv::parse(t);
            prop_assert!(errors.iter().all(|e| !e.is_empty()));
            if let Err(e) = tokshop::ui::keymap::Keymap::load(Some(("keymap.toml", t))) {
                prop_assert!(e.to_string().contains("keymap.toml"), "{e}");
            }
            if let Ok(env) = tokshop::webhook::payload::parse_envelope(t.as_bytes()) {
                let _ = tokshop::webhook::payload::decode(&env);
            }
            let r = tokshop::api::envelope::decode_envelope::<serde_json::Value>("GET /x", 200, t.as_bytes());
            if let Err(e) = r {
                prop_assert!(e.to_string().contains("GET /x"), "{e}");
            }
        }
    }

    #[test]
    fn damaged_rows_are_named_and_the_good_rows_still_import(
        junk in proptest::collection::vec("[a-z0-9,; ]{0,40}", 1..6),
        at in 0usize..4,
    ) {
        let good = include_str!("fixtures/catalog/shopify-products.csv");
        let (clean, clean_errors) = parse(good, "web", "USD");
        let mut lines: Vec<String> = good.lines().map(String::from).collect();
        // Junk goes after the header, before a product's first row, so no product is split.
        let starts: Vec<usize> = lines
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, l)| !l.starts_with(',') && l.split(',').nth(1).is_some_and(|t| !t.is_empty()))
            .map(|(i, _)| i)
            .collect();
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
