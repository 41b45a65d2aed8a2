//! Finance: TikTok's statements (one per shop and day, cut at 00:00 UTC), their transactions
//! (orders, refunds, adjustments, reserves) down to the SKU, payments (statements paid
//! together, converted at an exchange rate for cross-border sellers), withdrawals to the bank,
//! unsettled orders with TikTok's estimate; and the reconciliation of the chain
//! (`reconcile.rs`). Amounts are exact decimals, deductions negative as TikTok sends them;
//! every amount travels with its currency.

pub mod export;
pub mod reconcile;
#[cfg(test)]
mod sums_tests;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Every amount component TikTok breaks a transaction into.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Components {
    pub gross_sales: Decimal,
    pub seller_discount: Decimal,
    pub refund: Decimal,
    pub customer_shipping: Decimal,
    pub actual_shipping: Decimal,
    pub commission: Decimal,
    pub transaction_fee: Decimal,
    pub affiliate: Decimal,
    /// Fees TikTok names that the columns above do not (summed).
    pub other_fees: Decimal,
    pub vat: Decimal,
    /// Taxes TikTok names other than VAT (summed).
    pub other_taxes: Decimal,
}

/// The totals of a statement, a transaction or an order, as TikTok groups them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Totals {
    pub revenue: Decimal,
    pub shipping: Decimal,
    pub fee_tax: Decimal,
    pub adjustment: Decimal,
    pub reserve: Decimal,
    pub settlement: Decimal,
}

impl Totals {
    pub fn add(&mut self, o: &Totals) {
        self.revenue += o.revenue;
        self.shipping += o.shipping;
        self.fee_tax += o.fee_tax;
        self.adjustment += o.adjustment;
        self.reserve += o.reserve;
        self.settlement += o.settlement;
    }
    /// What is paid out: the settlement less (or plus) reserves.
    pub fn payable(&self) -> Decimal {
        self.settlement + self.reserve
    }
}

impl Components {
    pub fn add(&mut self, o: &Components) {
        self.gross_sales += o.gross_sales;
        self.seller_discount += o.seller_discount;
        self.refund += o.refund;
        self.customer_shipping += o.customer_shipping;
        self.actual_shipping += o.actual_shipping;
        self.commission += o.commission;
        self.transaction_fee += o.transaction_fee;
        self.affiliate += o.affiliate;
        self.other_fees += o.other_fees;
        self.vat += o.vat;
        self.other_taxes += o.other_taxes;
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Statement {
    pub id: String,
    pub shop_id: String,
    pub time: i64,
    pub currency: String,
    /// The totals TikTok reports (Get Statements; the reserve from the statement's transactions).
    pub totals: Totals,
    /// PAID, FAILED or PROCESSING.
    pub payment_status: String,
    pub payment_id: String,
    pub payment_time: i64,
    /// The reported totals when the transactions were last pulled (None: not pulled yet);
    /// a change of totals means TikTok changed the statement and it is pulled again.
    pub pulled: Option<Totals>,
}

impl Statement {
    /// The transactions are to pull: never pulled, or TikTok's totals changed since.
    pub fn needs_transactions(&self) -> bool {
        let key = |t: &Totals| (t.revenue, t.shipping, t.fee_tax, t.adjustment, t.settlement);
        self.pulled.as_ref().is_none_or(|p| key(p) != key(&self.totals))
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Transaction {
    pub id: String,
    pub statement_id: String,
    /// ORDER, RESERVE or an adjustment type.
    pub kind: String,
    pub order_id: String,
    pub order_create_time: i64,
    pub adjustment_id: String,
    pub reserve_id: String,
    pub reserve_status: String,
    pub estimated_release_time: i64,
    pub currency: String,
    pub totals: Totals,
    pub parts: Components,
}

impl Transaction {
    /// A sample: sold at 100% off (its seller discount cancels its gross sales).
    pub fn is_sample(&self) -> bool {
        self.kind == "ORDER" && self.parts.gross_sales > Decimal::ZERO && self.totals.revenue.is_zero()
    }
    /// The commission as a share of revenue (None without revenue).
    pub fn commission_rate(&self) -> Option<Decimal> {
        (self.totals.revenue > Decimal::ZERO).then(|| -self.parts.commission / self.totals.revenue)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Payment {
    pub id: String,
    pub shop_id: String,
    pub create_time: i64,
    pub paid_time: i64,
    /// PAID, FAILED or PROCESSING.
    pub status: String,
    pub amount: Decimal,
    pub currency: String,
    pub settlement: Decimal,
    pub reserve: Decimal,
    pub before_exchange: Decimal,
    pub before_currency: String,
    pub exchange_rate: Decimal,
    pub bank_account: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Withdrawal {
    pub id: String,
    pub shop_id: String,
    /// WITHDRAW, SETTLE, TRANSFER or REVERSE.
    pub kind: String,
    pub amount: Decimal,
    pub currency: String,
    /// PROCESSING, SUCCESS or FAILED.
    pub status: String,
    pub create_time: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SkuMoney {
    pub sku_id: String,
    pub sku_name: String,
    pub product_name: String,
    pub quantity: u32,
    pub statement_id: String,
    pub totals: Totals,
    pub parts: Components,
}

/// An order's settled money to the SKU (Get Transactions by Order).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderMoney {
    pub order_id: String,
    pub shop_id: String,
    pub currency: String,
    pub totals: Totals,
    pub skus: Vec<SkuMoney>,
    pub fetched_at: i64,
}

/// An order TikTok has not settled yet, with its estimate and reason.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Unsettled {
    pub id: String,
    pub shop_id: String,
    pub order_id: String,
    pub order_create_time: i64,
    pub delivery_time: i64,
    pub currency: String,
    pub estimate: Totals,
    /// A unix time, or TikTok's phrase ("7 days after delivery").
    pub estimated_settlement: String,
    pub reason: String,
}

/// What the store keeps per statement from its transactions, so a year reconciles without
/// reading every transaction again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TxSums {
    pub count: u64,
    pub totals: Totals,
    pub parts: Components,
    /// Adjustments by type.
    pub adjustments: std::collections::BTreeMap<String, Decimal>,
    /// Reserves: (reserve id, COLLECTED or RELEASED, amount, estimated release time).
    pub reserves: Vec<(String, String, Decimal, i64)>,
    /// Orders sold as samples (100% off).
    pub samples: Vec<String>,
    /// Transactions whose commission rate is outside the usual range: (id, rate).
    pub odd_fees: Vec<(String, Decimal)>,
}

/// Commission rates TikTok Shop charges by category lie in this range (Seller University
/// "Referral fee": 2% to 9% across US and UK categories); anything outside is flagged.
pub const USUAL_COMMISSION: (Decimal, Decimal) =
    (Decimal::from_parts(2, 0, 0, false, 2), Decimal::from_parts(9, 0, 0, false, 2));

impl TxSums {
    pub fn of(txs: &[Transaction]) -> TxSums {
        let mut s = TxSums::default();
        for t in txs {
            s.count += 1;
            s.totals.add(&t.totals);
            s.parts.add(&t.parts);
            if t.kind == "RESERVE" {
                s.reserves.push((
                    t.reserve_id.clone(),
                    t.reserve_status.clone(),
                    t.totals.reserve,
                    t.estimated_release_time,
                ));
            } else if t.kind != "ORDER" {
                *s.adjustments.entry(t.kind.clone()).or_default() += t.totals.adjustment;
            }
            if t.is_sample() {
                s.samples.push(t.order_id.clone());
            }
            if let Some(r) = t.commission_rate()
                && (r < USUAL_COMMISSION.0 || r > USUAL_COMMISSION.1)
            {
                s.odd_fees.push((t.id.clone(), r));
            }
        }
        s
    }
}
