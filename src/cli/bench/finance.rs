//! `tokshop bench finance`: a year of statements holding `--transactions` transactions for one
//! shop, written to a store; then the reconciliation of the year timed, and the Statements
//! pane opened and driven key by key at 120x40 (open, and key to frame).

use super::orders::{PaneRun, print_keys};
use super::{ms, pct};
use crate::cli::session::CliError;
use crate::domain::finance::{Components, Payment, Statement, Totals, Transaction, Withdrawal};
use crate::store::Store;
use crate::store::finance as fs;
use crate::ui::app::App;
use crate::ui::keymap::Keymap;
use crate::ui::panes::statements::StatementsPane;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;
use std::time::{Duration, Instant};

const SHOP: &str = "7495540735365777507";
const DAY: i64 = 86_400;

fn fill(store: &Store, transactions: usize, now: i64) -> Result<(), CliError> {
    let per = transactions.div_ceil(365).max(1);
    let mut n = 0usize;
    for day in 0..365i64 {
        let sid = format!("72{:017}", day);
        let time = (now / DAY - 365 + day) * DAY;
        let mut txs = Vec::with_capacity(per);
        for k in 0..per {
            if n >= transactions {
                break;
            }
            n += 1;
            let gross = Decimal::new(1000 + (k as i64 % 50) * 37, 2);
            let commission = -(gross * Decimal::new(8, 2)).round_dp(2);
            let fee = -(gross * Decimal::new(3, 2)).round_dp(2);
            txs.push(Transaction {
                id: format!("8{:018}", n),
                statement_id: sid.clone(),
                kind: "ORDER".into(),
                order_id: format!("5{:017}", n),
                order_create_time: time - 10 * DAY,
                currency: "USD".into(),
                totals: Totals {
                    revenue: gross,
                    fee_tax: commission + fee,
                    settlement: gross + commission + fee,
                    ..Totals::default()
                },
                parts: Components { gross_sales: gross, commission, transaction_fee: fee, ..Components::default() },
                ..Transaction::default()
            });
        }
        let sums = crate::domain::finance::TxSums::of(&txs);
        let s = Statement {
            id: sid.clone(),
            shop_id: SHOP.into(),
            time,
            currency: "USD".into(),
            totals: Totals { reserve: Decimal::ZERO, ..sums.totals.clone() },
            payment_status: "PAID".into(),
            payment_id: format!("34{:017}", day),
            payment_time: time + DAY,
            pulled: None,
        };
        let amount = sums.totals.settlement;
        let p = Payment {
            id: s.payment_id.clone(),
            shop_id: SHOP.into(),
            create_time: time,
            paid_time: time + DAY,
            status: "PAID".into(),
            amount,
            currency: "USD".into(),
            settlement: amount,
            reserve: Decimal::ZERO,
            before_exchange: amount,
            before_currency: "USD".into(),
            exchange_rate: Decimal::ONE,
            bank_account: "****6789".into(),
        };
        let w = Withdrawal {
            id: format!("6{:018}", day),
            shop_id: SHOP.into(),
            kind: "SETTLE".into(),
            amount,
            currency: "USD".into(),
            status: "SUCCESS".into(),
            create_time: time + DAY,
        };
        store.write(|t| {
            fs::put_statements(t, std::slice::from_ref(&s))?;
            fs::replace_transactions(t, &sid, &txs, Decimal::ZERO)?;
            fs::put_payments(t, &[p])?;
            fs::put_withdrawals(t, &[w])
        })?;
    }
    Ok(())
}

fn frame(term: &mut Terminal<TestBackend>, app: &mut App, now: i64) -> Result<(), CliError> {
    term.draw(|f| app.render(f, now)).map(|_| ()).map_err(|e| CliError::failed(e.to_string()))
}

fn pane_run(store: &Store, now: i64) -> Result<PaneRun, CliError> {
    let t0 = Instant::now();
    let keymap = Keymap::load(None).map_err(|e| CliError::failed(e.to_string()))?;
    let mut app = App::new(keymap, false, crate::logging::LogRing::default());
    let views: &dyn crate::store::views::ViewSource = store;
    app.load(views);
    app.show::<StatementsPane>(&crate::ui::Cx { views, now });
    let mut term = Terminal::new(TestBackend::new(120, 40)).map_err(|e| CliError::failed(e.to_string()))?;
    frame(&mut term, &mut app, now)?;
    let open = t0.elapsed();
    let total = app.pane::<StatementsPane>().and_then(|p| p.view.ready().map(|v| v.statements.len())).unwrap_or(0);
    use crossterm::event::KeyCode;
    let mut keys: Vec<(&str, KeyCode)> = Vec::new();
    for _ in 0..100 {
        keys.push(("j", KeyCode::Char('j')));
    }
    for _ in 0..5 {
        keys.extend([("pgdn", KeyCode::PageDown), ("pgup", KeyCode::PageUp)]);
    }
    for _ in 0..5 {
        keys.extend([
            ("enter", KeyCode::Enter),
            ("j", KeyCode::Char('j')),
            ("enter", KeyCode::Enter),
            ("esc", KeyCode::Esc),
            ("esc", KeyCode::Esc),
        ]);
    }
    for _ in 0..10 {
        keys.push(("s", KeyCode::Char('s')));
    }
    let mut lat = Vec::new();
    let mut slow: Vec<(Duration, usize)> = Vec::new();
    for (i, (_, code)) in keys.iter().enumerate() {
        let t = Instant::now();
        app.on_key(crossterm::event::KeyEvent::new(*code, crossterm::event::KeyModifiers::NONE), views, now);
        frame(&mut term, &mut app, now)?;
        lat.push(t.elapsed());
        slow.push((t.elapsed(), i));
    }
    lat.sort();
    slow.sort_by_key(|s| std::cmp::Reverse(s.0));
    let slowest =
        slow.iter().take(3).filter_map(|(d, i)| keys.get(*i).map(|k| format!("{} ({})", k.0, ms(*d)))).collect();
    Ok(PaneRun { total: total as u64, open, keys: lat, slowest })
}

pub fn finance(transactions: usize, dir: Option<&std::path::Path>) -> Result<(), CliError> {
    let tmp = std::env::temp_dir().join(format!("tokshop-bench-finance-{}", std::process::id()));
    let dir = dir.map(|d| d.to_path_buf()).unwrap_or_else(|| tmp.clone());
    let store = Store::open(&dir)?;
    let now = crate::clock::Clock::now(&crate::clock::SystemClock);
    let t = Instant::now();
    fill(&store, transactions, now)?;
    crate::outln!("finance: {transactions} transactions in 365 statements written in {}", ms(t.elapsed()));
    let mut runs = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let r = store.reconcile(SHOP, Some(now - 366 * DAY), None)?;
        runs.push(t.elapsed());
        if !r.reconciles() || r.transactions as usize != transactions {
            return Err(CliError::failed(format!("the year does not reconcile: {} break(s)", r.breaks.len())));
        }
    }
    runs.sort();
    crate::outln!(
        "  reconcile a year ({transactions} transactions)   best {}  median {}",
        ms(pct(&runs, 0.0)),
        ms(pct(&runs, 0.5))
    );
    let run = pane_run(&store, now)?;
    crate::outln!("  Statements pane over {} statements, 120x40: open {}", run.total, ms(run.open));
    print_keys(&run);
    drop(store);
    let _ = std::fs::remove_dir_all(&tmp);
    Ok(())
}
