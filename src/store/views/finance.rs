//! The Statements pane's view: one shop's statements (newest first, at most a year and a
//! bit), payments with the statements each paid, withdrawals, unsettled orders and the
//! reconciliation; with one statement's transactions and one order's SKU breakdown when asked.

use crate::domain::finance::reconcile::{Break, Report, statement_breaks};
use crate::domain::finance::{OrderMoney, Payment, Statement, Transaction, Unsettled, Withdrawal};
use crate::store::finance::read::StatementFilter;
use crate::store::{Store, StoreResult};
use serde::{Deserialize, Serialize};

/// At most this many rows of each list (a year of daily statements fits).
pub const LIMIT: usize = 400;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinanceQuery {
    /// The shop (None: the first shop with statements).
    pub shop_id: Option<String>,
    pub statement_id: Option<String>,
    pub order_id: Option<String>,
    /// Only the statement and order asked for (the pane keeps the lists it has).
    #[serde(default)]
    pub detail_only: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementLine {
    pub statement: Statement,
    /// None: reconciles; Some(difference) of the settlement (or of the first component).
    pub off: Option<rust_decimal::Decimal>,
    pub pulled: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinanceView {
    /// Shops with finance data: (id, name).
    pub shops: Vec<(String, String)>,
    pub shop_id: Option<String>,
    pub statements: Vec<StatementLine>,
    /// Payments newest first, with the statements each one paid.
    pub payments: Vec<(Payment, Vec<String>)>,
    pub withdrawals: Vec<Withdrawal>,
    pub unsettled: Vec<Unsettled>,
    pub report: Report,
    pub detail: Option<(Statement, Vec<Transaction>, Vec<Break>)>,
    pub order: Option<OrderMoney>,
}

impl Store {
    pub fn finance_view(&self, q: &FinanceQuery) -> StoreResult<FinanceView> {
        let all = if q.detail_only { vec![] } else { self.statements(&StatementFilter::default())? };
        let names: std::collections::HashMap<String, String> =
            self.list_shops()?.into_iter().map(|s| (s.id, s.name)).collect();
        let mut shops: Vec<(String, String)> = Vec::new();
        for s in &all {
            if !shops.iter().any(|(id, _)| id == &s.shop_id) {
                shops.push((s.shop_id.clone(), names.get(&s.shop_id).cloned().unwrap_or_else(|| s.shop_id.clone())));
            }
        }
        let shop_id = if q.detail_only {
            q.shop_id.clone()
        } else {
            q.shop_id.clone().filter(|id| shops.iter().any(|(s, _)| s == id)).or(shops.first().map(|s| s.0.clone()))
        };
        let mut v = FinanceView { shops, shop_id: shop_id.clone(), ..FinanceView::default() };
        let Some(shop) = shop_id else { return Ok(v) };
        if !q.detail_only {
            self.finance_lists(&shop, &mut v)?;
        }
        if let Some(id) = &q.statement_id
            && let Some(s) = self.statement(id)?
        {
            let sums = self.statement_sums(id)?;
            let breaks = statement_breaks(&s, sums.as_ref());
            let txs = self.statement_transactions(id)?.into_iter().take(LIMIT * 5).collect();
            v.detail = Some((s, txs, breaks));
        }
        if let Some(o) = &q.order_id {
            v.order = self.order_money(o)?;
        }
        Ok(v)
    }

    fn finance_lists(&self, shop: &str, v: &mut FinanceView) -> StoreResult<()> {
        let all = self.statements(&StatementFilter { shop_id: Some(shop.to_string()), ..Default::default() })?;
        let shop = shop.to_string();
        let mine: Vec<Statement> = all.into_iter().rev().take(LIMIT).collect();
        for s in &mine {
            let sums = self.statement_sums(&s.id)?;
            let breaks = statement_breaks(s, sums.as_ref());
            let off = breaks.iter().find(|b| b.what == "settlement").or(breaks.first()).map(|b| b.difference());
            v.statements.push(StatementLine {
                statement: s.clone(),
                off: off.filter(|_| sums.is_some()),
                pulled: sums.is_some(),
            });
        }
        let mut payments = self.payments(Some(&shop))?;
        payments.reverse();
        v.payments = payments
            .into_iter()
            .take(LIMIT)
            .map(|p| {
                let paid = mine.iter().filter(|s| s.payment_id == p.id).map(|s| s.id.clone()).collect();
                (p, paid)
            })
            .collect();
        let mut w = self.withdrawals(Some(&shop))?;
        w.reverse();
        v.withdrawals = w.into_iter().take(LIMIT).collect();
        v.unsettled = self.unsettled(Some(&shop))?.into_iter().take(LIMIT).collect();
        v.report = self.reconcile(&shop, None, None)?;
        v.report.flags.truncate(LIMIT);
        Ok(())
    }
}
