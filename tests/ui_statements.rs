//! The Statements pane in each state at 80x24 and 120x40: empty, loaded (with a statement
//! that does not reconcile), a statement's transactions, an order's SKU breakdown, payments,
//! withdrawals, unsettled orders, the reconciliation, and a broken store; opening an order asks
//! the engine for its money.

use crate::ui::*;
use rust_decimal::Decimal;
use tokshop::domain::finance::{
    Components, OrderMoney, Payment, SkuMoney, Statement, Totals, Transaction, Unsettled, Withdrawal,
};
use tokshop::message::{Command, FinanceCommand};
use tokshop::store::finance as fs;
use tokshop::ui::pane::Pane;
use tokshop::ui::panes::statements::StatementsPane;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const SHOP: &str = "7495540735365777507";
const DAY: i64 = 86_400;

fn d(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

fn order_tx(id: &str, statement: &str, order: &str, gross: i64) -> Transaction {
    let commission = -gross * 8 / 100;
    let fee = -gross * 3 / 100;
    let vat = (commission + fee) / 5;
    let parts = Components {
        gross_sales: d(gross),
        commission: d(commission),
        transaction_fee: d(fee),
        vat: d(vat),
        ..Components::default()
    };
    let fee_tax = d(commission + fee + vat);
    Transaction {
        id: id.into(),
        statement_id: statement.into(),
        kind: "ORDER".into(),
        order_id: order.into(),
        order_create_time: NOW - 20 * DAY,
        currency: "GBP".into(),
        totals: Totals { revenue: d(gross), fee_tax, settlement: d(gross) + fee_tax, ..Totals::default() },
        parts,
        ..Transaction::default()
    }
}

/// Three statements of a UK shop, the middle one 1.00 off its transactions, paid together.
pub fn with_money() -> FixedViews {
    let v = loaded();
    let store = &v.store.as_ref().expect("store").0;
    let mut statements = Vec::new();
    for (i, skew) in [(0i64, 0i64), (1, 100), (2, 0)] {
        let id = format!("723880456409751734{i}");
        let txs = vec![
            order_tx(&format!("80000000000000000{i}1"), &id, &format!("57648631694849000{i}"), 2500 + i * 100),
            order_tx(&format!("80000000000000000{i}2"), &id, &format!("57648631694849100{i}"), 1299),
            Transaction {
                id: format!("80000000000000000{i}3"),
                statement_id: id.clone(),
                kind: "RESERVE".into(),
                reserve_id: format!("90000000000000000{i}"),
                reserve_status: "COLLECTED".into(),
                estimated_release_time: NOW + 10 * DAY,
                currency: "GBP".into(),
                totals: Totals { reserve: d(-150), ..Totals::default() },
                ..Transaction::default()
            },
        ];
        let sums = tokshop::domain::finance::TxSums::of(&txs);
        let mut totals = sums.totals.clone();
        totals.revenue += d(skew);
        totals.settlement += d(skew);
        totals.reserve = Decimal::ZERO;
        let s = Statement {
            id: id.clone(),
            shop_id: SHOP.into(),
            time: NOW - (5 - i) * DAY,
            currency: "GBP".into(),
            totals,
            payment_status: if i == 2 { "PROCESSING".into() } else { "PAID".into() },
            payment_id: if i == 2 { "3459275187040258002".into() } else { "3459275187040258001".into() },
            payment_time: NOW - 2 * DAY,
            pulled: None,
        };
        store.write(|t| fs::put_statements(t, std::slice::from_ref(&s))).expect("statement");
        store.write(|t| fs::replace_transactions(t, &id, &txs, sums.totals.reserve)).expect("txs");
        statements.push((s, sums));
    }
    let paid: Decimal = statements[..2].iter().map(|(s, x)| s.totals.settlement + x.totals.reserve).sum();
    let payment = Payment {
        id: "3459275187040258001".into(),
        shop_id: SHOP.into(),
        create_time: NOW - 3 * DAY,
        paid_time: NOW - 2 * DAY,
        status: "PAID".into(),
        amount: paid,
        currency: "GBP".into(),
        settlement: statements[..2].iter().map(|(s, _)| s.totals.settlement).sum(),
        reserve: d(-300),
        before_exchange: paid,
        before_currency: "GBP".into(),
        exchange_rate: Decimal::ONE,
        bank_account: "****6789".into(),
    };
    let w = Withdrawal {
        id: "6000000000000000001".into(),
        shop_id: SHOP.into(),
        kind: "SETTLE".into(),
        amount: paid,
        currency: "GBP".into(),
        status: "SUCCESS".into(),
        create_time: NOW - 2 * DAY,
    };
    let u = Unsettled {
        id: "9764863169484900".into(),
        shop_id: SHOP.into(),
        order_id: "576486316948490099".into(),
        order_create_time: NOW - 3 * DAY,
        currency: "GBP".into(),
        estimate: Totals { settlement: d(1850), ..Totals::default() },
        estimated_settlement: "7 days after delivery".into(),
        reason: "waiting for delivery".into(),
        ..Unsettled::default()
    };
    let money = OrderMoney {
        order_id: "576486316948490000".into(),
        shop_id: SHOP.into(),
        currency: "GBP".into(),
        totals: Totals { revenue: d(2500), fee_tax: d(-330), settlement: d(2170), ..Totals::default() },
        skus: vec![SkuMoney {
            sku_id: "1729592969712207008".into(),
            sku_name: "Rose 30ml".into(),
            product_name: "Hydrating Rose Serum\u{1b}[31m".into(),
            quantity: 2,
            statement_id: "7238804564097517340".into(),
            totals: Totals { revenue: d(2500), fee_tax: d(-330), settlement: d(2170), ..Totals::default() },
            parts: Components { commission: d(-200), transaction_fee: d(-75), vat: d(-55), ..Components::default() },
        }],
        fetched_at: NOW,
    };
    store
        .write(|t| {
            fs::put_payments(t, std::slice::from_ref(&payment))?;
            fs::put_withdrawals(t, std::slice::from_ref(&w))?;
            fs::replace_unsettled(t, SHOP, std::slice::from_ref(&u))?;
            fs::put_order_money(t, &money)
        })
        .expect("money");
    v
}

fn each_size(name: &str, views: &FixedViews, setup: impl Fn(&mut tokshop::ui::app::App, &FixedViews)) {
    for (w, h) in SIZES {
        let mut a = app(false, views);
        setup(&mut a, views);
        snap!(format!("{name}_{w}x{h}"), draw(&mut a, w, h));
    }
}

fn pane(a: &tokshop::ui::app::App) -> &StatementsPane {
    a.pane::<StatementsPane>().expect("the statements pane")
}

#[test]
fn statements_pane_in_every_state() {
    each_size("statements_empty", &empty(), |a, v| {
        press(a, v, "go-statements");
    });
    each_size("statements_error", &broken(), |a, v| {
        press(a, v, "go-statements");
    });
    let v = with_money();
    each_size("statements_loaded", &v, |a, v| {
        press(a, v, "go-statements");
        press(a, v, "select-next");
    });
    each_size("statements_detail", &v, |a, v| {
        press(a, v, "go-statements");
        press(a, v, "select-next");
        press(a, v, "open-statement");
    });
    each_size("statements_order", &v, |a, v| {
        press(a, v, "go-statements");
        press(a, v, "select-last");
        press(a, v, "open-statement");
        press(a, v, "select-next");
        press(a, v, "open-statement");
    });
    for (n, name) in [(1, "payments"), (2, "withdrawals"), (3, "unsettled"), (4, "breaks")] {
        each_size(&format!("statements_{name}"), &v, |a, v| {
            press(a, v, "go-statements");
            for _ in 0..n {
                press(a, v, "statements-section");
            }
        });
    }
}

#[test]
fn the_pane_marks_the_break_and_opening_an_order_asks_for_its_money() {
    let v = with_money();
    let mut a = app(false, &v);
    press(&mut a, &v, "go-statements");
    let view = pane(&a).view.ready().expect("loaded").clone();
    // Newest first: the middle statement (second row) is 1.00 off.
    let offs: Vec<Option<Decimal>> = view.statements.iter().map(|l| l.off).collect();
    assert_eq!(offs, [None, Some(Decimal::ONE), None]);
    assert_eq!(view.report.breaks.iter().filter(|b| b.link == "statement").count(), 2);
    assert_eq!(pane(&a).badge().as_deref(), Some("2"));
    press(&mut a, &v, "select-last");
    press(&mut a, &v, "open-statement");
    // The reserve comes first (no order); the next row is an order.
    assert!(press(&mut a, &v, "open-statement").is_empty());
    press(&mut a, &v, "select-next");
    let cmds = press(&mut a, &v, "open-statement");
    assert_eq!(
        cmds,
        [Command::Finance(FinanceCommand::FetchOrder { shop_id: SHOP.into(), order_id: "576486316948490000".into() })]
    );
    press(&mut a, &v, "statements-back");
    press(&mut a, &v, "statements-back");
    assert!(pane(&a).query.statement_id.is_none());
    let cmds = press(&mut a, &v, "sync-finance");
    assert_eq!(cmds, [Command::Finance(FinanceCommand::Sync { shop_id: Some(SHOP.into()) })]);
}
