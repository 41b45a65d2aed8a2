//! TikTok's money side in the sandbox: statements, their transactions (to the SKU), payments,
//! withdrawals and unsettled orders, all derived from the sandbox's own orders (`derive.rs`),
//! never invented apart from them. Deductions are negative, as TikTok writes them.

pub mod derive;
pub mod handle;
pub mod json;
pub mod keys;

use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

pub const DAY: i64 = 86_400;

/// The adjustment types of the reference (API README §5.5), the only ones the sandbox makes.
pub const ADJUSTMENT_TYPES: [&str; 21] = [
    "CHARGE_BACK",
    "CUSTOMER_SERVICE_COMPENSATION",
    "DEDUCTIONS_INCURRED_BY_SELLER",
    "GMV_PAYMENT_FOR_ADS",
    "PLATFORM_COMMISSION_ADJUSTMENT",
    "PLATFORM_COMMISSION_COMPENSATION",
    "PLATFORM_PENALTY",
    "PROMOTION_ADJUSTMENT",
    "REBATE",
    "PLATFORM_COMPENSATION",
    "PLATFORM_REIMBURSEMENT",
    "COFUNDED_CREATOR_REWARDS",
    "STAMP_DUTY",
    "FBT_WAREHOUSE_SERVICE_FEE",
    "LOGISTICS_REIMBURSEMENT",
    "SHIPPING_FEE_ADJUSTMENT",
    "SHIPPING_FEE_COMPENSATION",
    "SHIPPING_FEE_REBATE",
    "SAMPLE_SHIPPING_FEE",
    "SELLER_MISSION_REWARD",
    "OTHER_ADJUSTMENT",
];

/// Every amount component of a transaction, signed as TikTok sends them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Breakdown {
    /// Revenue: the subtotal before seller discounts, the seller's discounts (negative) and
    /// refunds of the subtotal after seller discounts (negative).
    pub gross_sales: Decimal,
    pub seller_discount: Decimal,
    pub refund: Decimal,
    /// Shipping: what the buyer paid and what the carrier cost (negative).
    pub customer_shipping: Decimal,
    pub actual_shipping: Decimal,
    /// Fees (negative): platform commission, transaction fee, affiliate commission.
    pub commission: Decimal,
    pub transaction_fee: Decimal,
    pub affiliate: Decimal,
    /// Taxes on fees (negative): VAT in the UK.
    pub vat: Decimal,
    pub adjustment: Decimal,
    pub reserve: Decimal,
}

impl Breakdown {
    pub fn revenue(&self) -> Decimal {
        self.gross_sales + self.seller_discount + self.refund
    }
    pub fn shipping(&self) -> Decimal {
        self.customer_shipping + self.actual_shipping
    }
    pub fn fee(&self) -> Decimal {
        self.commission + self.transaction_fee + self.affiliate
    }
    pub fn tax(&self) -> Decimal {
        self.vat
    }
    pub fn fee_tax(&self) -> Decimal {
        self.fee() + self.tax()
    }
    /// Revenue, shipping, fees and taxes and adjustments; reserves are apart.
    pub fn settlement(&self) -> Decimal {
        self.revenue() + self.shipping() + self.fee_tax() + self.adjustment
    }
    pub fn add(&mut self, o: &Breakdown) {
        self.gross_sales += o.gross_sales;
        self.seller_discount += o.seller_discount;
        self.refund += o.refund;
        self.customer_shipping += o.customer_shipping;
        self.actual_shipping += o.actual_shipping;
        self.commission += o.commission;
        self.transaction_fee += o.transaction_fee;
        self.affiliate += o.affiliate;
        self.vat += o.vat;
        self.adjustment += o.adjustment;
        self.reserve += o.reserve;
    }
}

#[derive(Clone, Debug)]
pub struct SbSkuTx {
    pub sku_id: String,
    pub sku_name: String,
    pub product_name: String,
    pub quantity: u32,
    pub b: Breakdown,
}

#[derive(Clone, Debug)]
pub struct SbTx {
    pub id: String,
    /// ORDER, RESERVE or an adjustment type.
    pub kind: String,
    pub order_id: String,
    pub order_create_time: i64,
    pub adjustment_id: String,
    pub reserve_id: String,
    /// COLLECTED or RELEASED (reserves).
    pub reserve_status: String,
    pub estimated_release_time: i64,
    pub statement_id: String,
    pub b: Breakdown,
    pub skus: Vec<SbSkuTx>,
}

#[derive(Clone, Debug)]
pub struct SbStatement {
    pub id: String,
    pub time: i64,
    pub currency: &'static str,
    pub tx_ids: Vec<String>,
    pub payment_id: String,
    /// The fault switch: added to the totals TikTok reports, not to any transaction.
    pub skew: Decimal,
}

#[derive(Clone, Debug)]
pub struct SbPayment {
    pub id: String,
    pub create_time: i64,
    pub paid_time: i64,
    pub failed: bool,
    pub currency: &'static str,
    pub before_currency: &'static str,
    pub settlement: Decimal,
    pub reserve: Decimal,
    pub before_exchange: Decimal,
    pub amount: Decimal,
    pub rate: Decimal,
    pub statement_ids: Vec<String>,
    pub bank_account: String,
}

#[derive(Clone, Debug)]
pub struct SbWithdrawal {
    pub id: String,
    /// WITHDRAW, SETTLE, TRANSFER or REVERSE.
    pub kind: &'static str,
    pub amount: Decimal,
    pub currency: &'static str,
    pub create_time: i64,
    pub payment_id: String,
}

/// What is due to land in a statement: an order's settlement, an adjustment, a reserve release.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Due {
    Order(String),
    Adjustment { kind: String, amount: Decimal, order_id: String },
    Release { reserve_id: String },
}

#[derive(Clone, Debug, Default)]
pub struct ShopFinance {
    pub statements: BTreeMap<String, SbStatement>,
    /// (statement time, id).
    pub by_time: BTreeSet<(i64, String)>,
    pub txs: BTreeMap<String, SbTx>,
    /// Order id to its transactions.
    pub order_txs: BTreeMap<String, Vec<String>>,
    pub payments: BTreeMap<String, SbPayment>,
    pub withdrawals: BTreeMap<String, SbWithdrawal>,
    pub due: BTreeSet<(i64, Due)>,
    /// Orders already queued to settle.
    pub queued: BTreeSet<String>,
    /// Orders seen up to this update time.
    pub scanned_until: i64,
    /// Reserves collected and not released: reserve id to (amount collected, release time).
    pub reserves: BTreeMap<String, (Decimal, i64)>,
    /// Statements waiting to be paid with the next one (their payable was under the minimum).
    pub carried: Vec<String>,
}

/// The finance settings and every shop's money.
#[derive(Clone, Debug)]
pub struct FinanceWorld {
    /// Days from delivery to settlement.
    pub settle_days: i64,
    /// Days from a statement to its payment reaching the bank.
    pub pay_days: i64,
    /// Share of each statement's settlement held in reserve, and for how many days.
    pub reserve_rate: Decimal,
    pub reserve_days: i64,
    /// Payables under this are carried into the next payment.
    pub min_payout: Decimal,
    /// Statements (by id) whose payment fails.
    pub failing: BTreeSet<String>,
    pub shops: BTreeMap<String, ShopFinance>,
    pub next_id: u64,
}

impl Default for FinanceWorld {
    fn default() -> Self {
        FinanceWorld {
            settle_days: 7,
            pay_days: 1,
            reserve_rate: Decimal::new(5, 2),
            reserve_days: 14,
            min_payout: Decimal::ONE,
            failing: BTreeSet::new(),
            shops: BTreeMap::new(),
            next_id: 238_804_564_097_517_339,
        }
    }
}

impl FinanceWorld {
    /// A 19-digit id of its own counter (the world's random ids stay as they were).
    pub fn id(&mut self) -> String {
        self.next_id += 1;
        format!("7{:018}", self.next_id)
    }

    pub fn shop(&mut self, shop_id: &str) -> &mut ShopFinance {
        self.shops.entry(shop_id.to_string()).or_default()
    }
}

impl ShopFinance {
    /// The statement's own totals (its transactions summed), and the reserve apart.
    pub fn totals(&self, s: &SbStatement) -> Breakdown {
        let mut b = Breakdown::default();
        for id in &s.tx_ids {
            if let Some(t) = self.txs.get(id) {
                b.add(&t.b);
            }
        }
        b
    }

    pub fn payment_status(&self, p: &SbPayment, now: i64) -> &'static str {
        if p.failed {
            "FAILED"
        } else if now >= p.paid_time {
            "PAID"
        } else {
            "PROCESSING"
        }
    }
}
