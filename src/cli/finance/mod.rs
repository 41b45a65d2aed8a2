//! `tokshop finance sync|order|reconcile|export`, and (in `lists.rs`) `statements`,
//! `payments`, `withdrawals`. Reading needs no capability; exports write local files only.

pub mod json;
pub mod lists;

use crate::cli::JsonFlag;
use crate::cli::output::{json, table};
use crate::cli::session::{CliError, Globals, open_ctx, open_store};
use crate::domain::finance::export;
use crate::store::finance::read::StatementFilter;
use clap::{Subcommand, ValueEnum};
use lists::day;
use rust_decimal::Decimal;
use serde_json::json as j;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportKind {
    Transactions,
    Payouts,
}

#[derive(Subcommand, Debug)]
pub enum FinanceCmd {
    /// Pull statements (and their transactions), payments, withdrawals and unsettled orders now
    Sync {
        #[arg(long)]
        shop: Option<String>,
        /// Re-read from this day (YYYY-MM-DD) instead of the saved cursor
        #[arg(long)]
        since: Option<String>,
    },
    /// An order's money: settled transactions to the SKU, or unsettled with TikTok's estimate
    Order {
        order_id: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Check order → transactions → statement → payment → withdrawal; exit 1 on any break
    Reconcile {
        #[arg(long)]
        shop: Option<String>,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// CSV for the accountant: every transaction, or one journal per payout (Xero / QuickBooks)
    Export {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        shop: Option<String>,
        #[arg(long, value_enum)]
        kind: ExportKind,
        /// The CSV file to write (an absolute path when an engine runs the command)
        #[arg(long)]
        out: PathBuf,
    },
}

impl FinanceCmd {
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        None
    }
}

fn m(d: Decimal) -> String {
    format!("{:.2}", d)
}

pub async fn run(g: &Globals, cmd: FinanceCmd) -> Result<(), CliError> {
    match cmd {
        FinanceCmd::Sync { shop, since } => {
            let mut ctx = open_ctx(g)?;
            crate::cli::progress::attach(&mut ctx);
            let since = day(&since, false)?;
            let done = crate::sync::finance::sync_all(&ctx, shop.as_deref(), since).await;
            if done.is_empty() {
                return Err(CliError::failed("no connected shop to sync (tokshop shops list)"));
            }
            let mut failed = None;
            for (s, r) in done {
                match r {
                    Ok(st) => crate::outln!(
                        "{}: {} statement(s) read, {} pulled with {} transaction(s), {} payment(s), {} withdrawal(s), \
                         {} unsettled",
                        s.name,
                        st.statements,
                        st.pulled,
                        st.transactions,
                        st.payments,
                        st.withdrawals,
                        st.unsettled
                    ),
                    Err(e) => failed = Some(CliError::failed(format!("finance sync of {}: {e}", s.name))),
                }
            }
            failed.map_or(Ok(()), Err)
        }
        FinanceCmd::Order { order_id, out } => order(g, &order_id, out.json).await,
        FinanceCmd::Reconcile { shop, from, to, out } => {
            let (_, store) = open_store(g)?;
            let (from, to) = (day(&from, false)?, day(&to, true)?);
            let shops: Vec<_> =
                store.list_shops()?.into_iter().filter(|s| shop.as_ref().is_none_or(|id| &s.id == id)).collect();
            let mut reports = Vec::new();
            for s in &shops {
                reports.push((s, store.reconcile(&s.id, from, to)?));
            }
            let clean = reports.iter().all(|(_, r)| r.reconciles());
            if out.json {
                let v: Vec<_> = reports
                    .iter()
                    .map(|(s, r)| j!({"shop_id": s.id, "shop_name": s.name, "report": self::json::report(r)}))
                    .collect();
                json(&v);
            } else {
                for (s, r) in &reports {
                    let totals: Vec<String> = r.settlement.iter().map(|(c, a)| format!("{} {c}", m(*a))).collect();
                    crate::outln!(
                        "{}: {} statement(s), {} transaction(s), {} payment(s), settlement {}; {}",
                        s.name,
                        r.statements,
                        r.transactions,
                        r.payments,
                        totals.join(", "),
                        if r.reconciles() {
                            "reconciles ✔".to_string()
                        } else {
                            format!("{} break(s)", r.breaks.len())
                        }
                    );
                    let rows: Vec<Vec<String>> = r
                        .breaks
                        .iter()
                        .map(|b| {
                            vec![
                                b.link.clone(),
                                b.subject.clone(),
                                b.what.clone(),
                                b.currency.clone(),
                                m(b.left),
                                m(b.right),
                                format!("{:+.2}", b.difference()),
                                b.note.clone(),
                            ]
                        })
                        .collect();
                    if !rows.is_empty() {
                        table(&["LINK", "SUBJECT", "WHAT", "CUR", "TIKTOK", "EXPECTED", "DIFF", "WHY"], &rows);
                    }
                    let mut kinds: std::collections::BTreeMap<&str, usize> = Default::default();
                    for f in &r.flags {
                        *kinds.entry(f.kind.as_str()).or_default() += 1;
                    }
                    let flags: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
                    if !flags.is_empty() {
                        crate::outln!("  flagged: {}", flags.join(", "));
                    }
                }
            }
            if clean { Ok(()) } else { Err(CliError { code: 1, message: String::new() }) }
        }
        FinanceCmd::Export { from, to, shop, kind, out } => {
            let (_, store) = open_store(g)?;
            let f = StatementFilter {
                shop_id: shop.clone(),
                from: day(&Some(from), false)?,
                to: day(&Some(to), true)?,
                status: None,
            };
            let statements = store.statements(&f)?;
            let text = match kind {
                ExportKind::Transactions => {
                    let mut rows = Vec::new();
                    for s in statements {
                        let txs = store.statement_transactions(&s.id)?;
                        rows.push((s, txs));
                    }
                    export::transactions(&rows)
                }
                ExportKind::Payouts => {
                    let mut by: std::collections::BTreeMap<String, Vec<_>> = Default::default();
                    for s in statements.into_iter().filter(|s| !s.payment_id.is_empty()) {
                        let sums = store.statement_sums(&s.id)?.unwrap_or_default();
                        by.entry(s.payment_id.clone()).or_default().push((s, sums));
                    }
                    let rows: Vec<_> = store
                        .payments(shop.as_deref())?
                        .into_iter()
                        .filter_map(|p| by.remove(&p.id).map(|v| (p, v)))
                        .collect();
                    export::payouts(&rows)
                }
            };
            std::fs::write(&out, &text)
                .map_err(|e| CliError::failed(format!("cannot write {}: {e}", out.display())))?;
            crate::outln!("Wrote {} row(s) to {}", text.lines().count().saturating_sub(1), out.display());
            Ok(())
        }
    }
}

async fn order(g: &Globals, order_id: &str, as_json: bool) -> Result<(), CliError> {
    let ctx = open_ctx(g)?;
    let o = ctx
        .store
        .get_order(order_id)?
        .ok_or_else(|| CliError::failed(format!("no order {order_id} in the store (tokshop orders sync)")))?;
    let shop = crate::sync::commands::live_shop(&ctx, &o.shop_id)?;
    let money = crate::sync::finance::fetch_order(&ctx, &shop, order_id).await?;
    let unsettled = ctx.store.unsettled(Some(&shop.id))?.into_iter().find(|u| u.order_id == order_id);
    let statement = ctx.store.settled_in(&shop.id, order_id)?;
    if as_json {
        json(&j!({"order_id": order_id, "settled": !money.skus.is_empty(), "statement_id": statement,
            "money": self::json::order_money(&money), "unsettled": unsettled.as_ref().map(self::json::unsettled)}));
        return Ok(());
    }
    if money.skus.is_empty() {
        match unsettled {
            Some(u) => crate::outln!(
                "Order {order_id}: not settled ({}); estimated {} — settlement {} {}, revenue {}, \
                fees+tax {}, shipping {}",
                u.reason,
                u.estimated_settlement,
                m(u.estimate.settlement),
                u.currency,
                m(u.estimate.revenue),
                m(u.estimate.fee_tax),
                m(u.estimate.shipping)
            ),
            None => crate::outln!("Order {order_id}: not settled, and TikTok does not list it as unsettled"),
        }
        return Ok(());
    }
    let t = &money.totals;
    crate::outln!(
        "Order {order_id}: settled {} {} (revenue {}, shipping {}, fees+tax {}), statement {}",
        m(t.settlement),
        money.currency,
        m(t.revenue),
        m(t.shipping),
        m(t.fee_tax),
        statement.unwrap_or_default()
    );
    let rows: Vec<Vec<String>> = money
        .skus
        .iter()
        .map(|k| {
            vec![
                k.sku_id.clone(),
                format!("{} {}", k.product_name, k.sku_name),
                k.quantity.to_string(),
                k.statement_id.clone(),
                m(k.totals.revenue),
                m(k.parts.commission),
                m(k.parts.transaction_fee),
                m(k.parts.affiliate),
                m(k.parts.vat),
                m(k.totals.shipping),
                m(k.totals.settlement),
            ]
        })
        .collect();
    table(
        &[
            "SKU",
            "ITEM",
            "QTY",
            "STATEMENT",
            "REVENUE",
            "COMMISSION",
            "TX FEE",
            "AFFILIATE",
            "VAT",
            "SHIPPING",
            "SETTLEMENT",
        ],
        &rows,
    );
    Ok(())
}
