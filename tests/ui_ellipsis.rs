//! Every table marks a cut: a cell wider than its column ends in an ellipsis (one helper,
//! `ui::chrome::fit_row`, with the columns computed as ratatui lays them out), and the id on the
//! same row stays whole. One case per table, each with a value too long for its column.

use crate::ui;

use tokshop::domain::order::Source;
use tokshop::store::views::ShopsRow;
use ui::*;

/// A fixture with a long value, the keys that open the table, the size, and the id whose row
/// must show the cut.
struct Case {
    table: &'static str,
    views: FixedViews,
    keys: &'static [&'static str],
    size: (u16, u16),
    id: &'static str,
}

fn long_shop_name() -> FixedViews {
    let mut v = loaded();
    if let Ok(view) = &mut v.shops {
        for row in &mut view.rows {
            if let ShopsRow::Shop(l) = row
                && l.shop.id == "7494049642642441622"
            {
                l.shop.name = "Maomao Beauty United States Flagship Store".into();
            }
        }
    }
    v
}

fn long_carrier() -> FixedViews {
    let v = loaded();
    let (store, _) = v.store.as_ref().expect("store");
    let mut o = order_data::orders(NOW).into_iter().find(|o| o.id == "576461413038785706").expect("fixture order");
    for l in &mut o.lines {
        l.shipping_provider_name = Some("Royal Mail Tracked 48 Signed For".into());
    }
    o.update_time += 10;
    store.upsert_orders(&[o], Source::Poll, NOW).expect("stored");
    v
}

#[test]
fn every_table_cuts_with_an_ellipsis_and_keeps_ids_whole() {
    let cases = [
        Case {
            table: "shops",
            views: long_shop_name(),
            keys: &["go-shops"],
            size: (120, 40),
            id: "7494049642642441622",
        },
        Case {
            table: "packages",
            views: long_carrier(),
            keys: &["go-packages"],
            size: (80, 24),
            id: "1153000000000000601",
        },
        Case { table: "inbox", views: loaded(), keys: &["go-inbox"], size: (80, 24), id: "re-authorize" },
        Case {
            table: "returns",
            views: crate::ui_returns::with_returns(),
            keys: &["go-returns"],
            size: (120, 40),
            id: "4035100000000000004",
        },
        Case {
            table: "audit",
            views: crate::ui_team::with_log(),
            keys: &["go-audit"],
            size: (120, 40),
            id: "576486316948490002",
        },
        Case {
            table: "statements (unsettled)",
            views: crate::ui_statements::with_money(),
            keys: &["go-statements", "statements-section", "statements-section", "statements-section"],
            size: (80, 24),
            id: "576486316948490099",
        },
        Case { table: "listings", views: loaded(), keys: &["go-listings"], size: (120, 40), id: "unmatched" },
    ];
    for c in cases {
        let mut a = app(false, &c.views);
        for k in c.keys {
            press(&mut a, &c.views, k);
        }
        let screen = draw(&mut a, c.size.0, c.size.1);
        let row = screen
            .lines()
            .find(|l| l.contains(c.id))
            .unwrap_or_else(|| panic!("{}: no row {}\n{screen}", c.table, c.id));
        // The last cell may end at the border: the cut is inside the row, before the frame.
        let inside = row.trim_end_matches(['│', '"', ' ']);
        assert!(inside.contains('…'), "{}: the cut is marked: {row}", c.table);
    }
    // The audit's target names "ship order" and its whole id at 120 columns.
    let v = crate::ui_team::with_log();
    let mut a = app(false, &v);
    press(&mut a, &v, "go-audit");
    assert!(draw(&mut a, 120, 40).contains("ship order 576486316948490001"), "the id in the target is whole");
}
