//! `tokshop statements list|show`, `tokshop payments list`, `tokshop withdrawals list`: what
//! the store holds from the last finance sync, to the cent, with each statement's
//! reconciliation mark.

use crate::cli::JsonFlag;
use crate::cli::finance::json as fj;
use crate::cli::output::{json, table};
use crate::cli::paging::Limit;
use crate::cli::session::{CliError, Globals, open_store};
use crate::domain::finance::reconcile::statement_breaks;
use crate::domain::time::date;
use crate::store::finance::read::StatementFilter;
use clap::Subcommand;
use rust_decimal::Decimal;
use serde_json::json as j;

#[derive(Subcommand, Debug)]
pub enum StatementsCmd {
    /// Statements by day: settlement, revenue, fees, shipping, adjustments, payment, reconciliation
    List {
        #[arg(long)]
        shop: Option<String>,
        /// First day (YYYY-MM-DD, UTC)
        #[arg(long)]
        from: Option<String>,
        /// Last day, included (YYYY-MM-DD, UTC)
        #[arg(long)]
        to: Option<String>,
        /// PAID, PROCESSING or FAILED
        #[arg(long)]
        status: Option<String>,
        #[command(flatten)]
        lim: Limit,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// A statement's totals and every transaction
    Show {
        statement_id: String,
        #[command(flatten)]
        out: JsonFlag,
    },
}

#[derive(Subcommand, Debug)]
pub enum PaymentsCmd {
    /// Payments to the bank, with the statements each one paid
    List {
        #[arg(long)]
        shop: Option<String>,
        #[command(flatten)]
        lim: Limit,
        #[command(flatten)]
        out: JsonFlag,
    },
}

#[derive(Subcommand, Debug)]
pub enum WithdrawalsCmd {
    /// Withdrawals (WITHDRAW, SETTLE, TRANSFER, REVERSE)
    List {
        #[arg(long)]
        shop: Option<String>,
        #[command(flatten)]
        lim: Limit,
        #[command(flatten)]
        out: JsonFlag,
    },
}

/// `YYYY-MM-DD` to midnight UTC; `end` gives the next midnight (the day included).
pub fn day(s: &Option<String>, end: bool) -> Result<Option<i64>, CliError> {
    match s {
        None => Ok(None),
        Some(v) => crate::domain::time::parse_date(v)
            .map(|t| Some(if end { t + crate::domain::time::DAY } else { t }))
            .ok_or_else(|| CliError::usage(format!("{v:?} is not a date (YYYY-MM-DD)"))),
    }
}

fn m(d: Decimal) -> String {
    format!("{:.2}", d)
}

/// ✔, or the difference between TikTok's settlement and its transactions (or "not pulled").
pub fn mark(store: &crate::store::Store, s: &crate::domain::finance::Statement) -> Result<String, CliError> {
    let sums = store.statement_sums(&s.id)?;
    let breaks = statement_breaks(s, sums.as_ref());
    Ok(match (sums, breaks.first()) {
        (None, _) => "not pulled".into(),
        (_, None) => "✔".into(),
        (_, Some(first)) => {
            let b = breaks.iter().find(|b| b.what == "settlement").unwrap_or(first);
            format!("{:+.2}", b.difference())
        }
    })
}

pub async fn run_statements(g: &Globals, cmd: StatementsCmd) -> Result<(), CliError> {
    let (_, store) = open_store(g)?;
    match cmd {
        StatementsCmd::List { shop, from, to, status, lim, out } => {
            if let Some(s) = &status
                && !["PAID", "PROCESSING", "FAILED"].contains(&s.as_str())
            {
                return Err(CliError::usage(format!("--status {s:?}: PAID, PROCESSING or FAILED")));
            }
            let f = StatementFilter { shop_id: shop, from: day(&from, false)?, to: day(&to, true)?, status };
            let list = lim.apply(store.statements(&f)?, "statements");
            if out.json {
                let mut v = Vec::new();
                for s in &list {
                    let mark = mark(&store, s)?;
                    v.push(j!({"statement": fj::statement(s), "reconciles": mark == "✔", "mark": mark}));
                }
                json(&v);
                return Ok(());
            }
            let mut rows = Vec::new();
            for s in &list {
                let t = &s.totals;
                rows.push(vec![
                    date(s.time),
                    s.id.clone(),
                    s.currency.clone(),
                    m(t.settlement),
                    m(t.revenue),
                    m(t.fee_tax),
                    m(t.shipping),
                    m(t.adjustment),
                    m(t.reserve),
                    s.payment_status.clone(),
                    mark(&store, s)?,
                ]);
            }
            table(
                &[
                    "DAY",
                    "STATEMENT",
                    "CUR",
                    "SETTLEMENT",
                    "REVENUE",
                    "FEES+TAX",
                    "SHIPPING",
                    "ADJUST",
                    "RESERVE",
                    "PAYMENT",
                    "RECONCILED",
                ],
                &rows,
            );
            Ok(())
        }
        StatementsCmd::Show { statement_id, out } => {
            let s = store
                .statement(&statement_id)?
                .ok_or_else(|| CliError::failed(format!("no statement {statement_id} (tokshop finance sync)")))?;
            let txs = store.statement_transactions(&s.id)?;
            let sums = store.statement_sums(&s.id)?;
            let breaks = statement_breaks(&s, sums.as_ref());
            if out.json {
                let transactions: Vec<_> = txs.iter().map(fj::transaction).collect();
                let sums = sums.as_ref().map(|x| fj::sums(x, &s.currency));
                json(
                    &j!({"statement": fj::statement(&s), "transactions": transactions, "sums": sums, "breaks": breaks}),
                );
                return Ok(());
            }
            let t = &s.totals;
            crate::outln!(
                "Statement {} of {} ({}), payment {} {}",
                s.id,
                date(s.time),
                s.currency,
                s.payment_id,
                s.payment_status
            );
            crate::outln!(
                "Settlement {}  revenue {}  fees+tax {}  shipping {}  adjustments {}  reserve {}  payable {}",
                m(t.settlement),
                m(t.revenue),
                m(t.fee_tax),
                m(t.shipping),
                m(t.adjustment),
                m(t.reserve),
                m(t.payable())
            );
            for b in &breaks {
                crate::outln!("Does not reconcile: {} {} ≠ {} ({})", b.what, m(b.left), m(b.right), b.note);
            }
            let rows: Vec<Vec<String>> = txs
                .iter()
                .map(|x| {
                    let subject = if !x.order_id.is_empty() { x.order_id.clone() } else { x.reserve_id.clone() };
                    vec![
                        x.id.clone(),
                        x.kind.clone(),
                        subject,
                        m(x.totals.revenue),
                        m(x.totals.shipping),
                        m(x.totals.fee_tax),
                        m(x.totals.adjustment),
                        m(x.totals.reserve),
                        m(x.totals.settlement),
                    ]
                })
                .collect();
            table(
                &[
                    "TRANSACTION",
                    "TYPE",
                    "ORDER/RESERVE",
                    "REVENUE",
                    "SHIPPING",
                    "FEES+TAX",
                    "ADJUST",
                    "RESERVE",
                    "SETTLEMENT",
                ],
                &rows,
            );
            Ok(())
        }
    }
}

pub async fn run_payments(g: &Globals, cmd: PaymentsCmd) -> Result<(), CliError> {
    let (_, store) = open_store(g)?;
    let PaymentsCmd::List { shop, lim, out } = cmd;
    let payments = lim.apply(store.payments(shop.as_deref())?, "payments");
    let statements = store.statements(&StatementFilter { shop_id: shop, ..Default::default() })?;
    let paid =
        |id: &str| -> Vec<String> { statements.iter().filter(|s| s.payment_id == id).map(|s| s.id.clone()).collect() };
    if out.json {
        let v: Vec<_> =
            payments.iter().map(|p| j!({"payment": fj::payment(p), "statement_ids": paid(&p.id)})).collect();
        json(&v);
        return Ok(());
    }
    let rows: Vec<Vec<String>> = payments
        .iter()
        .map(|p| {
            vec![
                date(p.create_time),
                p.id.clone(),
                p.status.clone(),
                format!("{} {}", m(p.amount), p.currency),
                format!("{} {}", m(p.before_exchange), p.before_currency),
                p.exchange_rate.to_string(),
                m(p.reserve),
                paid(&p.id).len().to_string(),
            ]
        })
        .collect();
    table(&["CREATED", "PAYMENT", "STATUS", "AMOUNT", "BEFORE EXCHANGE", "RATE", "RESERVE", "STATEMENTS"], &rows);
    Ok(())
}

pub async fn run_withdrawals(g: &Globals, cmd: WithdrawalsCmd) -> Result<(), CliError> {
    let (_, store) = open_store(g)?;
    let WithdrawalsCmd::List { shop, lim, out } = cmd;
    let list = lim.apply(store.withdrawals(shop.as_deref())?, "withdrawals");
    if out.json {
        json(&list.iter().map(fj::withdrawal).collect::<Vec<_>>());
        return Ok(());
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|w| {
            vec![date(w.create_time), w.id.clone(), w.kind.clone(), w.status.clone(), m(w.amount), w.currency.clone()]
        })
        .collect();
    table(&["CREATED", "WITHDRAWAL", "TYPE", "STATUS", "AMOUNT", "CUR"], &rows);
    Ok(())
}
