//! Finance in the store: statements (by shop and time), their transactions and the sums kept
//! per statement, payments, withdrawals, each order's money and the unsettled orders. Writes
//! are idempotent (keyed by TikTok's ids), so a sync that is cut short and runs again doubles
//! nothing.

pub mod read;

use super::codec::{decode, encode, get_str, put_str};
use super::error::StoreResult;
use super::schema::{
    FIN_ORDER_MONEY, FIN_ORDER_SETTLED, FIN_PAYMENTS, FIN_STATEMENT_KEYS, FIN_STATEMENTS, FIN_TX_SUMS, FIN_TXS,
    FIN_UNSETTLED, FIN_WITHDRAWALS,
};
use crate::domain::finance::{OrderMoney, Payment, Statement, Transaction, TxSums, Unsettled, Withdrawal};
use redb::{ReadableTable, WriteTransaction};

pub fn statement_key(s: &Statement) -> String {
    format!("{}|{:019}|{}", s.shop_id, s.time, s.id)
}

pub fn timed_key(shop: &str, t: i64, id: &str) -> String {
    format!("{shop}|{t:019}|{id}")
}

/// Store statements as TikTok reports them, keeping what was pulled of each. Returns the ids
/// whose transactions are to pull (new, or changed by TikTok since they were pulled).
pub fn put_statements(txn: &WriteTransaction, items: &[Statement]) -> StoreResult<Vec<String>> {
    let mut t = txn.open_table(FIN_STATEMENTS)?;
    let mut keys = txn.open_table(FIN_STATEMENT_KEYS)?;
    let mut todo = Vec::new();
    for s in items {
        let mut s = s.clone();
        let old_key = keys.get(s.id.as_str())?.map(|g| g.value().to_string());
        if let Some(k) = &old_key
            && let Some(old) = get_str::<Statement>(&t, "fin_statements", k)?
        {
            s.pulled = old.pulled;
            s.totals.reserve = old.totals.reserve;
            t.remove(k.as_str())?;
        }
        if s.needs_transactions() {
            todo.push(s.id.clone());
        }
        let key = statement_key(&s);
        put_str(&mut t, &key, &s)?;
        keys.insert(s.id.as_str(), key.as_str())?;
    }
    Ok(todo)
}

/// Replace a statement's transactions with what TikTok lists now, keep their sums, index the
/// orders they settle, and mark the statement pulled at its current totals.
pub fn replace_transactions(
    txn: &WriteTransaction,
    statement_id: &str,
    txs: &[Transaction],
    reserve: rust_decimal::Decimal,
) -> StoreResult<()> {
    let mut t = txn.open_table(FIN_TXS)?;
    let prefix = format!("{statement_id}|");
    let old: Vec<String> = {
        let mut v = Vec::new();
        for row in t.range(prefix.as_str()..)? {
            let (k, _) = row?;
            if !k.value().starts_with(&prefix) {
                break;
            }
            v.push(k.value().to_string());
        }
        v
    };
    for k in old {
        t.remove(k.as_str())?;
    }
    for x in txs {
        t.insert(format!("{statement_id}|{}", x.id).as_str(), encode(x)?.as_slice())?;
    }
    let sums = TxSums::of(txs);
    put_str(&mut txn.open_table(FIN_TX_SUMS)?, statement_id, &sums)?;
    let keys = txn.open_table(FIN_STATEMENT_KEYS)?;
    let Some(key) = keys.get(statement_id)?.map(|g| g.value().to_string()) else { return Ok(()) };
    let mut st = txn.open_table(FIN_STATEMENTS)?;
    if let Some(mut s) = get_str::<Statement>(&st, "fin_statements", &key)? {
        let mut settled = txn.open_table(FIN_ORDER_SETTLED)?;
        for x in txs.iter().filter(|x| x.kind == "ORDER" && !x.order_id.is_empty()) {
            settled.insert(format!("{}|{}", s.shop_id, x.order_id).as_str(), statement_id)?;
        }
        s.totals.reserve = reserve;
        s.pulled = Some(s.totals.clone());
        put_str(&mut st, &key, &s)?;
    }
    Ok(())
}

pub fn put_payments(txn: &WriteTransaction, items: &[Payment]) -> StoreResult<()> {
    let mut t = txn.open_table(FIN_PAYMENTS)?;
    for p in items {
        put_str(&mut t, &timed_key(&p.shop_id, p.create_time, &p.id), p)?;
    }
    Ok(())
}

pub fn put_withdrawals(txn: &WriteTransaction, items: &[Withdrawal]) -> StoreResult<()> {
    let mut t = txn.open_table(FIN_WITHDRAWALS)?;
    for w in items {
        put_str(&mut t, &timed_key(&w.shop_id, w.create_time, &w.id), w)?;
    }
    Ok(())
}

/// Replace a shop's unsettled orders with TikTok's list.
pub fn replace_unsettled(txn: &WriteTransaction, shop_id: &str, items: &[Unsettled]) -> StoreResult<()> {
    let mut t = txn.open_table(FIN_UNSETTLED)?;
    let prefix = format!("{shop_id}|");
    let old: Vec<String> = {
        let mut v = Vec::new();
        for row in t.range(prefix.as_str()..)? {
            let (k, _) = row?;
            if !k.value().starts_with(&prefix) {
                break;
            }
            v.push(k.value().to_string());
        }
        v
    };
    for k in old {
        t.remove(k.as_str())?;
    }
    for u in items {
        put_str(&mut t, &format!("{shop_id}|{}", u.order_id), u)?;
    }
    Ok(())
}

pub fn put_order_money(txn: &WriteTransaction, m: &OrderMoney) -> StoreResult<()> {
    put_str(&mut txn.open_table(FIN_ORDER_MONEY)?, &m.order_id, m)
}

/// Decode every value under a key prefix of a string-keyed table.
pub fn under<T: serde::de::DeserializeOwned>(
    t: &impl ReadableTable<&'static str, &'static [u8]>,
    table: &'static str,
    prefix: &str,
) -> StoreResult<Vec<T>> {
    let mut out = Vec::new();
    for row in t.range(prefix..)? {
        let (k, v) = row?;
        if !k.value().starts_with(prefix) {
            break;
        }
        out.push(decode(table, k.value(), v.value())?);
    }
    Ok(out)
}
