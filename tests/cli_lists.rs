//! A list never stops short without a word: `--limit N` and `--all`, and a line on stderr when
//! more exist than shown.

use crate::common;
use crate::ui::{NOW, order_data};

use common::bin::{Env, stderr, stdout};

#[test]
fn orders_list_says_when_more_exist_than_shown() {
    let env = Env::new(None);
    drop(order_data::seeded_store(&env.data_dir(), NOW));
    let all = order_data::orders(NOW).len();
    let o = env.run(&["orders", "list", "--json", "--limit", "2"]);
    let shown: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(shown.as_array().map(Vec::len), Some(2));
    assert!(stderr(&o).contains("the first 2 orders; more exist"), "{}", stderr(&o));
    let o = env.run(&["orders", "list", "--json", "--all"]);
    let shown: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(shown.as_array().map(Vec::len), Some(all));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let o = env.run(&["orders", "list", "--limit", &all.to_string()]);
    assert!(stderr(&o).is_empty(), "exactly all shown: no line ({})", stderr(&o));
}
