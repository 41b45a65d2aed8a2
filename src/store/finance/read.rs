//! Reading finance back: statements by shop and day, a statement's transactions and sums,
//! payments, withdrawals, an order's money, unsettled orders, and the reconciliation of a
//! shop over a date range (statement sums are kept at write time, so a year reconciles
//! without reading every transaction).

use super::under;
use crate::domain::finance::reconcile::{self, DueOrder, Report};
use crate::domain::finance::{OrderMoney, Payment, Statement, Transaction, TxSums, Unsettled, Withdrawal};
use crate::domain::order::{OrderRow, OrderStatus};
use crate::store::Store;
use crate::store::codec::{decode, get_str};
use crate::store::error::StoreResult;
use crate::store::schema::{
    FIN_ORDER_MONEY, FIN_ORDER_SETTLED, FIN_PAYMENTS, FIN_STATEMENT_KEYS, FIN_STATEMENTS, FIN_TX_SUMS, FIN_TXS,
    FIN_UNSETTLED, FIN_WITHDRAWALS, ORDER_ROWS,
};
use redb::ReadableTable;
use std::collections::{BTreeSet, HashMap};

/// Which statements: a shop (or all), statement times in `[from, to)`, a payment status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatementFilter {
    pub shop_id: Option<String>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub status: Option<String>,
}

impl StatementFilter {
    fn keeps(&self, s: &Statement) -> bool {
        self.from.is_none_or(|f| s.time >= f)
            && self.to.is_none_or(|t| s.time < t)
            && self.status.as_ref().is_none_or(|x| &s.payment_status == x)
    }
}

fn prefix(shop: &Option<String>) -> String {
    shop.as_ref().map(|s| format!("{s}|")).unwrap_or_default()
}

impl Store {
    /// Statements, oldest first (by shop, then time).
    pub fn statements(&self, f: &StatementFilter) -> StoreResult<Vec<Statement>> {
        let mut v: Vec<Statement> =
            self.read(|r| under(&r.open_table(FIN_STATEMENTS)?, "fin_statements", &prefix(&f.shop_id)))?;
        v.retain(|s| f.keeps(s));
        Ok(v)
    }

    pub fn statement(&self, id: &str) -> StoreResult<Option<Statement>> {
        self.read(|r| {
            let Some(k) = r.open_table(FIN_STATEMENT_KEYS)?.get(id)?.map(|g| g.value().to_string()) else {
                return Ok(None);
            };
            get_str(&r.open_table(FIN_STATEMENTS)?, "fin_statements", &k)
        })
    }

    /// A statement's transactions (as pulled), by id.
    pub fn statement_transactions(&self, id: &str) -> StoreResult<Vec<Transaction>> {
        let mut v: Vec<Transaction> = self.read(|r| under(&r.open_table(FIN_TXS)?, "fin_txs", &format!("{id}|")))?;
        v.sort_by(|a, b| (a.order_create_time, &a.id).cmp(&(b.order_create_time, &b.id)));
        Ok(v)
    }

    pub fn statement_sums(&self, id: &str) -> StoreResult<Option<TxSums>> {
        self.read(|r| get_str(&r.open_table(FIN_TX_SUMS)?, "fin_tx_sums", id))
    }

    pub fn payments(&self, shop_id: Option<&str>) -> StoreResult<Vec<Payment>> {
        self.read(|r| under(&r.open_table(FIN_PAYMENTS)?, "fin_payments", &prefix(&shop_id.map(String::from))))
    }

    pub fn withdrawals(&self, shop_id: Option<&str>) -> StoreResult<Vec<Withdrawal>> {
        self.read(|r| under(&r.open_table(FIN_WITHDRAWALS)?, "fin_withdrawals", &prefix(&shop_id.map(String::from))))
    }

    pub fn unsettled(&self, shop_id: Option<&str>) -> StoreResult<Vec<Unsettled>> {
        self.read(|r| under(&r.open_table(FIN_UNSETTLED)?, "fin_unsettled", &prefix(&shop_id.map(String::from))))
    }

    pub fn order_money(&self, order_id: &str) -> StoreResult<Option<OrderMoney>> {
        self.read(|r| get_str(&r.open_table(FIN_ORDER_MONEY)?, "fin_order_money", order_id))
    }

    /// The statement an order settled in, if any.
    pub fn settled_in(&self, shop_id: &str, order_id: &str) -> StoreResult<Option<String>> {
        self.read(|r| {
            Ok(r.open_table(FIN_ORDER_SETTLED)?
                .get(format!("{shop_id}|{order_id}").as_str())?
                .map(|g| g.value().to_string()))
        })
    }

    /// Reconcile a shop over statement times `[from, to)`.
    pub fn reconcile(&self, shop_id: &str, from: Option<i64>, to: Option<i64>) -> StoreResult<Report> {
        let all = self.statements(&StatementFilter { shop_id: Some(shop_id.into()), ..Default::default() })?;
        let (from_t, to_t) = (from.unwrap_or(i64::MIN), to.unwrap_or(i64::MAX));
        let inside = |t: i64| t >= from_t && t < to_t;
        self.read(|r| {
            let sums_t = r.open_table(FIN_TX_SUMS)?;
            let mut sums = HashMap::new();
            let mut released = BTreeSet::new();
            for s in &all {
                if let Some(x) = get_str::<TxSums>(&sums_t, "fin_tx_sums", &s.id)? {
                    released.extend(x.reserves.iter().filter(|r| r.1 == "RELEASED").map(|r| r.0.clone()));
                    sums.insert(s.id.clone(), x);
                }
            }
            let statements: Vec<Statement> = all.iter().filter(|s| inside(s.time)).cloned().collect();
            let p = format!("{shop_id}|");
            let payments: Vec<Payment> = under::<Payment>(&r.open_table(FIN_PAYMENTS)?, "fin_payments", &p)?
                .into_iter()
                .filter(|x| inside(x.create_time))
                .collect();
            let withdrawals: Vec<Withdrawal> =
                under::<Withdrawal>(&r.open_table(FIN_WITHDRAWALS)?, "fin_withdrawals", &p)?
                    .into_iter()
                    .filter(|x| x.create_time >= from_t)
                    .collect();
            let unsettled: HashMap<String, Unsettled> = under::<Unsettled>(&r.open_table(FIN_UNSETTLED)?, "u", &p)?
                .into_iter()
                .map(|u| (u.order_id.clone(), u))
                .collect();
            let mut settled = BTreeSet::new();
            for row in r.open_table(FIN_ORDER_SETTLED)?.range(p.as_str()..)? {
                let (k, _) = row?;
                let Some(id) = k.value().strip_prefix(&p) else { break };
                settled.insert(id.to_string());
            }
            let mut due = Vec::new();
            for row in r.open_table(ORDER_ROWS)?.iter()? {
                let (k, v) = row?;
                let o: OrderRow = decode("order_rows", k.value(), v.value())?;
                if o.shop_id == shop_id
                    && matches!(o.status, OrderStatus::Delivered | OrderStatus::Completed)
                    && inside(o.create_time)
                {
                    due.push(DueOrder { id: o.id, currency: o.currency });
                }
            }
            Ok(reconcile::reconcile(&reconcile::Input {
                statements: &statements,
                sums: &sums,
                payments: &payments,
                withdrawals: &withdrawals,
                due_orders: &due,
                settled: &settled,
                unsettled: &unsettled,
                released: &released,
            }))
        })
    }
}
