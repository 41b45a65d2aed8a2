//! The sums a statement keeps of its transactions: what the bookkeeper's reconciliation
//! trusts, so every field must add up.

use super::*;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("a decimal")
}

fn tx(id: &str, kind: &str, n: Decimal) -> Transaction {
    Transaction {
        id: id.into(),
        kind: kind.into(),
        order_id: format!("o-{id}"),
        totals: Totals {
            revenue: n,
            shipping: n * d("2"),
            fee_tax: n * d("3"),
            adjustment: n * d("4"),
            reserve: n * d("5"),
            settlement: n * d("6"),
        },
        parts: Components {
            gross_sales: n * d("7"),
            seller_discount: n * d("8"),
            refund: n * d("9"),
            customer_shipping: n * d("10"),
            actual_shipping: n * d("11"),
            commission: -n * d("0.05"),
            transaction_fee: n * d("13"),
            affiliate: n * d("14"),
            other_fees: n * d("15"),
            vat: n * d("16"),
            other_taxes: n * d("17"),
        },
        ..Transaction::default()
    }
}

#[test]
fn a_statement_sums_every_total_and_component_of_its_transactions() {
    let s = TxSums::of(&[tx("1", "ORDER", d("1.25")), tx("2", "ORDER", d("2.5"))]);
    assert_eq!(s.count, 2);
    assert_eq!(s.totals, tx("sum", "ORDER", d("3.75")).totals);
    assert_eq!(s.parts, tx("sum", "ORDER", d("3.75")).parts);
    assert_eq!(s.totals.payable(), d("3.75") * d("11"), "settlement plus reserves");
}

#[test]
fn adjustments_are_summed_by_type_and_reserves_listed_apart() {
    let mut reserve = tx("r", "RESERVE", d("1"));
    reserve.reserve_id = "res-1".into();
    reserve.reserve_status = "COLLECTED".into();
    reserve.estimated_release_time = 1_700_000_000;
    let s = TxSums::of(&[
        tx("1", "LOGISTICS_REIMBURSEMENT", d("1")),
        tx("2", "LOGISTICS_REIMBURSEMENT", d("2")),
        tx("3", "PLATFORM_COMPENSATION", d("0.5")),
        tx("4", "ORDER", d("9")),
        reserve,
    ]);
    assert_eq!(s.adjustments.len(), 2, "orders and reserves are no adjustment: {:?}", s.adjustments);
    assert_eq!(s.adjustments["LOGISTICS_REIMBURSEMENT"], d("12"));
    assert_eq!(s.adjustments["PLATFORM_COMPENSATION"], d("2"));
    assert_eq!(s.reserves, vec![("res-1".to_string(), "COLLECTED".to_string(), d("5"), 1_700_000_000)]);
}

#[test]
fn a_sample_is_an_order_given_away_not_one_without_sales() {
    let sample = |gross: Decimal, revenue: Decimal, kind: &str| {
        let mut t = tx("1", kind, d("1"));
        t.parts.gross_sales = gross;
        t.totals.revenue = revenue;
        t.is_sample()
    };
    assert!(sample(d("10"), d("0"), "ORDER"), "sold at 100% off");
    assert!(!sample(d("0"), d("0"), "ORDER"), "nothing sold is no sample");
    assert!(!sample(d("10"), d("4"), "ORDER"), "a discount is no sample");
    assert!(!sample(d("10"), d("0"), "ADJUSTMENT"), "only orders are samples");
    let mut given = tx("7", "ORDER", d("1"));
    given.totals.revenue = Decimal::ZERO;
    assert_eq!(TxSums::of(&[given, tx("8", "ORDER", d("1"))]).samples, ["o-7"]);
}

#[test]
fn a_commission_outside_two_to_nine_percent_of_revenue_is_flagged() {
    let rated = |rate: Decimal| {
        let mut t = tx("1", "ORDER", d("100"));
        t.parts.commission = -rate * d("100");
        t
    };
    assert_eq!(rated(d("0.05")).commission_rate(), Some(d("0.05")));
    let mut free = rated(d("0.05"));
    free.totals.revenue = Decimal::ZERO;
    assert_eq!(free.commission_rate(), None, "no revenue, no rate");
    let flagged = |rate: Decimal| !TxSums::of(&[rated(rate)]).odd_fees.is_empty();
    assert!(!flagged(d("0.02")) && !flagged(d("0.09")), "the bounds are usual");
    assert!(flagged(d("0.0199")) && flagged(d("0.0901")), "just outside is not");
    assert_eq!(TxSums::of(&[rated(d("0.3"))]).odd_fees, vec![("1".to_string(), d("0.3"))]);
}
