//! Finance family (API README §5.5): Get Statements, Get Payments, Get Withdrawals (202309),
//! Get Transactions by Statement and by Order (202501: all regions, to the SKU), Get Unsettled
//! Transactions (202507). Every call takes the lowest lane of the shop's rate budget.

use super::client::{ApiClient, ApiRequest, Method, ShopRef};
use super::error::ApiError;
use super::limiter::Lane;
use super::wire::{dec, id_string};
use crate::domain::finance::{
    Components, OrderMoney, Payment, SkuMoney, Statement, Totals, Transaction, Unsettled, Withdrawal,
};
use serde::Deserialize;
use std::collections::BTreeMap;

type M = Option<String>;

/// A page of a list and the next page's token (empty at the end).
pub struct FinPage<T> {
    pub items: Vec<T>,
    pub next_page_token: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct StatementDto {
    #[serde(deserialize_with = "id_string")]
    id: String,
    statement_time: i64,
    currency: String,
    revenue_amount: M,
    fee_amount: M,
    adjustment_amount: M,
    settlement_amount: M,
    shipping_cost_amount: M,
    payment_status: String,
    payment_id: String,
    payment_time: i64,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct StatementsDto {
    statements: Vec<StatementDto>,
    next_page_token: Option<String>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct ValueDto {
    value: M,
    currency: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct PaymentDto {
    #[serde(deserialize_with = "id_string")]
    id: String,
    create_time: i64,
    paid_time: i64,
    status: String,
    amount: ValueDto,
    settlement_amount: ValueDto,
    reserve_amount: ValueDto,
    payment_amount_before_exchange: ValueDto,
    exchange_rate: M,
    bank_account: String,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct PaymentsDto {
    payments: Vec<PaymentDto>,
    next_page_token: Option<String>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct WithdrawalDto {
    #[serde(deserialize_with = "id_string")]
    id: String,
    #[serde(rename = "type")]
    kind: String,
    amount: M,
    currency: String,
    status: String,
    create_time: i64,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct WithdrawalsDto {
    withdrawals: Vec<WithdrawalDto>,
    next_page_token: Option<String>,
}

/// A breakdown object: every key is an amount string (nested objects are walked).
type Parts = BTreeMap<String, serde_json::Value>;

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct FeeTaxDto {
    fee: Parts,
    tax: Parts,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct TxDto {
    #[serde(deserialize_with = "id_string")]
    id: String,
    #[serde(rename = "type")]
    kind: String,
    order_id: String,
    order_create_time: i64,
    adjustment_id: String,
    reserve_id: String,
    reserve_status: String,
    estimated_release_time: M,
    revenue_amount: M,
    revenue_breakdown: Parts,
    shipping_cost_amount: M,
    shipping_cost_breakdown: Parts,
    fee_tax_amount: M,
    fee_tax_breakdown: FeeTaxDto,
    adjustment_amount: M,
    reserve_amount: M,
    settlement_amount: M,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct StatementTxsDto {
    currency: String,
    total_reserve_amount: M,
    transactions: Vec<TxDto>,
    next_page_token: Option<String>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct SkuDto {
    sku_id: String,
    sku_name: String,
    product_name: String,
    quantity: serde_json::Value,
    statement_id: String,
    revenue_amount: M,
    revenue_breakdown: Parts,
    shipping_cost_amount: M,
    shipping_cost_breakdown: Parts,
    fee_tax_amount: M,
    fee_tax_breakdown: FeeTaxDto,
    settlement_amount: M,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct OrderTxsDto {
    order_id: String,
    currency: String,
    revenue_amount: M,
    shipping_cost_amount: M,
    fee_and_tax_amount: M,
    settlement_amount: M,
    sku_transactions: Vec<SkuDto>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct UnsettledDto {
    #[serde(deserialize_with = "id_string")]
    id: String,
    order_id: String,
    order_create_time: i64,
    order_delivery_time: i64,
    currency: String,
    estimated_settlement: String,
    unsettled_reason: String,
    est_revenue_amount: M,
    est_shipping_cost_amount: M,
    est_fee_tax_amount: M,
    est_adjustment_amount: M,
    est_settlement_amount: M,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct UnsettledPageDto {
    transactions: Vec<UnsettledDto>,
    next_page_token: Option<String>,
}

fn part(p: &Parts, k: &str) -> Result<rust_decimal::Decimal, String> {
    dec(k, &p.get(k).and_then(|v| v.as_str()).map(String::from))
}

/// Every amount of a breakdown object not named in `known`, summed.
fn rest(p: &Parts, known: &[&str]) -> Result<rust_decimal::Decimal, String> {
    let mut sum = rust_decimal::Decimal::ZERO;
    for (k, v) in p {
        if known.contains(&k.as_str()) {
            continue;
        }
        if let Some(s) = v.as_str() {
            sum += dec(k, &Some(s.to_string()))?;
        }
    }
    Ok(sum)
}

fn components(rev: &Parts, ship: &Parts, ft: &FeeTaxDto) -> Result<Components, String> {
    const FEES: [&str; 3] = ["platform_commission_amount", "transaction_fee_amount", "affiliate_commission_amount"];
    Ok(Components {
        gross_sales: part(rev, "subtotal_before_discount_amount")?,
        seller_discount: part(rev, "seller_discount_amount")?,
        refund: part(rev, "refund_subtotal_before_discount_amount")? + part(rev, "seller_discount_refund_amount")?,
        customer_shipping: part(ship, "customer_paid_shipping_fee_amount")?,
        actual_shipping: part(ship, "actual_shipping_fee_amount")?,
        commission: part(&ft.fee, FEES[0])?,
        transaction_fee: part(&ft.fee, FEES[1])?,
        affiliate: part(&ft.fee, FEES[2])?,
        other_fees: rest(&ft.fee, &FEES)?,
        vat: part(&ft.tax, "vat_amount")?,
        other_taxes: rest(&ft.tax, &["vat_amount"])?,
    })
}

fn tx(d: TxDto, statement_id: &str, currency: &str) -> Result<Transaction, String> {
    Ok(Transaction {
        parts: components(&d.revenue_breakdown, &d.shipping_cost_breakdown, &d.fee_tax_breakdown)?,
        totals: Totals {
            revenue: dec("revenue_amount", &d.revenue_amount)?,
            shipping: dec("shipping_cost_amount", &d.shipping_cost_amount)?,
            fee_tax: dec("fee_tax_amount", &d.fee_tax_amount)?,
            adjustment: dec("adjustment_amount", &d.adjustment_amount)?,
            reserve: dec("reserve_amount", &d.reserve_amount)?,
            settlement: dec("settlement_amount", &d.settlement_amount)?,
        },
        id: d.id,
        statement_id: statement_id.to_string(),
        kind: d.kind,
        order_id: d.order_id,
        order_create_time: d.order_create_time,
        adjustment_id: d.adjustment_id,
        reserve_id: d.reserve_id,
        reserve_status: d.reserve_status,
        estimated_release_time: d.estimated_release_time.and_then(|s| s.parse().ok()).unwrap_or(0),
        currency: currency.to_string(),
    })
}

/// A statement's transactions page and its reported reserve.
pub struct TxPage {
    pub items: Vec<Transaction>,
    pub reserve: rust_decimal::Decimal,
    pub next_page_token: String,
}

impl ApiClient {
    fn fin(&self, shop: &ShopRef, path: impl Into<String>) -> ApiRequest {
        ApiRequest::new(Method::GET, path.into(), shop.auth()).lane(Lane::Finance)
    }

    /// One page of Get Statements, oldest first, statement times in `[ge, lt)`.
    pub async fn get_statements(
        &self,
        shop: &ShopRef,
        ge: i64,
        lt: Option<i64>,
        page_size: u32,
        token: Option<&str>,
    ) -> Result<FinPage<Statement>, ApiError> {
        let mut req = self
            .fin(shop, "/finance/202309/statements")
            .query("sort_field", "statement_time")
            .query("sort_order", "ASC")
            .query("page_size", page_size)
            .query("statement_time_ge", ge);
        if let Some(lt) = lt {
            req = req.query("statement_time_lt", lt);
        }
        if let Some(t) = token {
            req = req.query("page_token", t);
        }
        let r = self.call::<StatementsDto>(&req).await?;
        let e = |m: String| ApiError::decode(&req.endpoint(), m, Some(r.request_id.clone()));
        let mut items = Vec::new();
        for d in r.data.statements {
            let totals = Totals {
                revenue: dec("revenue_amount", &d.revenue_amount).map_err(e)?,
                shipping: dec("shipping_cost_amount", &d.shipping_cost_amount).map_err(e)?,
                fee_tax: dec("fee_amount", &d.fee_amount).map_err(e)?,
                adjustment: dec("adjustment_amount", &d.adjustment_amount).map_err(e)?,
                reserve: rust_decimal::Decimal::ZERO,
                settlement: dec("settlement_amount", &d.settlement_amount).map_err(e)?,
            };
            items.push(Statement {
                id: d.id,
                shop_id: shop.id.clone(),
                time: d.statement_time,
                currency: d.currency,
                totals,
                payment_status: d.payment_status,
                payment_id: d.payment_id,
                payment_time: d.payment_time,
                pulled: None,
            });
        }
        Ok(FinPage { items, next_page_token: r.data.next_page_token.unwrap_or_default() })
    }

    /// One page of Get Payments, oldest first, created in `[ge, now)`.
    pub async fn get_payments(
        &self,
        shop: &ShopRef,
        ge: i64,
        page_size: u32,
        token: Option<&str>,
    ) -> Result<FinPage<Payment>, ApiError> {
        let mut req = self
            .fin(shop, "/finance/202309/payments")
            .query("sort_field", "create_time")
            .query("sort_order", "ASC")
            .query("page_size", page_size)
            .query("create_time_ge", ge);
        if let Some(t) = token {
            req = req.query("page_token", t);
        }
        let r = self.call::<PaymentsDto>(&req).await?;
        let e = |m: String| ApiError::decode(&req.endpoint(), m, Some(r.request_id.clone()));
        let mut items = Vec::new();
        for d in r.data.payments {
            items.push(Payment {
                shop_id: shop.id.clone(),
                create_time: d.create_time,
                paid_time: d.paid_time,
                status: d.status,
                amount: dec("amount", &d.amount.value).map_err(e)?,
                currency: d.amount.currency,
                settlement: dec("settlement_amount", &d.settlement_amount.value).map_err(e)?,
                reserve: dec("reserve_amount", &d.reserve_amount.value).map_err(e)?,
                before_exchange: dec("payment_amount_before_exchange", &d.payment_amount_before_exchange.value)
                    .map_err(e)?,
                before_currency: d.payment_amount_before_exchange.currency,
                exchange_rate: dec("exchange_rate", &d.exchange_rate).map_err(e)?,
                bank_account: d.bank_account,
                id: d.id,
            });
        }
        Ok(FinPage { items, next_page_token: r.data.next_page_token.unwrap_or_default() })
    }

    /// One page of Get Withdrawals of every type, created from `ge`.
    pub async fn get_withdrawals(
        &self,
        shop: &ShopRef,
        ge: i64,
        page_size: u32,
        token: Option<&str>,
    ) -> Result<FinPage<Withdrawal>, ApiError> {
        let mut req = self
            .fin(shop, "/finance/202309/withdrawals")
            .query("types", "WITHDRAW,SETTLE,TRANSFER,REVERSE")
            .query("page_size", page_size)
            .query("create_time_ge", ge);
        if let Some(t) = token {
            req = req.query("page_token", t);
        }
        let r = self.call::<WithdrawalsDto>(&req).await?;
        let e = |m: String| ApiError::decode(&req.endpoint(), m, Some(r.request_id.clone()));
        let mut items = Vec::new();
        for d in r.data.withdrawals {
            items.push(Withdrawal {
                shop_id: shop.id.clone(),
                amount: dec("amount", &d.amount).map_err(e)?,
                kind: d.kind,
                currency: d.currency,
                status: d.status,
                create_time: d.create_time,
                id: d.id,
            });
        }
        Ok(FinPage { items, next_page_token: r.data.next_page_token.unwrap_or_default() })
    }

    /// One page of a statement's transactions (202501).
    pub async fn get_statement_transactions(
        &self,
        shop: &ShopRef,
        statement_id: &str,
        page_size: u32,
        token: Option<&str>,
    ) -> Result<TxPage, ApiError> {
        let mut req = self
            .fin(shop, format!("/finance/202501/statements/{statement_id}/statement_transactions"))
            .query("sort_field", "order_create_time")
            .query("sort_order", "ASC")
            .query("page_size", page_size);
        if let Some(t) = token {
            req = req.query("page_token", t);
        }
        let r = self.call::<StatementTxsDto>(&req).await?;
        let e = |m: String| ApiError::decode(&req.endpoint(), m, Some(r.request_id.clone()));
        let d = r.data;
        let reserve = dec("total_reserve_amount", &d.total_reserve_amount).map_err(e)?;
        let mut items = Vec::new();
        for t in d.transactions {
            items.push(tx(t, statement_id, &d.currency).map_err(e)?);
        }
        Ok(TxPage { items, reserve, next_page_token: d.next_page_token.unwrap_or_default() })
    }

    /// An order's settled money to the SKU (202501).
    pub async fn get_order_transactions(
        &self,
        shop: &ShopRef,
        order_id: &str,
        now: i64,
    ) -> Result<OrderMoney, ApiError> {
        let req = self.fin(shop, format!("/finance/202501/orders/{order_id}/statement_transactions"));
        let r = self.call::<OrderTxsDto>(&req).await?;
        let e = |m: String| ApiError::decode(&req.endpoint(), m, Some(r.request_id.clone()));
        let d = r.data;
        let mut skus = Vec::new();
        for s in d.sku_transactions {
            skus.push(SkuMoney {
                parts: components(&s.revenue_breakdown, &s.shipping_cost_breakdown, &s.fee_tax_breakdown).map_err(e)?,
                totals: Totals {
                    revenue: dec("revenue_amount", &s.revenue_amount).map_err(e)?,
                    shipping: dec("shipping_cost_amount", &s.shipping_cost_amount).map_err(e)?,
                    fee_tax: dec("fee_tax_amount", &s.fee_tax_amount).map_err(e)?,
                    settlement: dec("settlement_amount", &s.settlement_amount).map_err(e)?,
                    ..Totals::default()
                },
                sku_id: s.sku_id,
                sku_name: s.sku_name,
                product_name: s.product_name,
                quantity: s.quantity.as_u64().or_else(|| s.quantity.as_str().and_then(|q| q.parse().ok())).unwrap_or(0)
                    as u32,
                statement_id: s.statement_id,
            });
        }
        Ok(OrderMoney {
            order_id: if d.order_id.is_empty() { order_id.to_string() } else { d.order_id },
            shop_id: shop.id.clone(),
            currency: d.currency,
            totals: Totals {
                revenue: dec("revenue_amount", &d.revenue_amount).map_err(e)?,
                shipping: dec("shipping_cost_amount", &d.shipping_cost_amount).map_err(e)?,
                fee_tax: dec("fee_and_tax_amount", &d.fee_and_tax_amount).map_err(e)?,
                settlement: dec("settlement_amount", &d.settlement_amount).map_err(e)?,
                ..Totals::default()
            },
            skus,
            fetched_at: now,
        })
    }

    /// One page of Get Unsettled Transactions (202507), oldest order first.
    pub async fn get_unsettled(
        &self,
        shop: &ShopRef,
        page_size: u32,
        token: Option<&str>,
    ) -> Result<FinPage<Unsettled>, ApiError> {
        let mut req = self
            .fin(shop, "/finance/202507/orders/unsettled")
            .query("sort_field", "order_create_time")
            .query("sort_order", "ASC")
            .query("page_size", page_size);
        if let Some(t) = token {
            req = req.query("page_token", t);
        }
        let r = self.call::<UnsettledPageDto>(&req).await?;
        let e = |m: String| ApiError::decode(&req.endpoint(), m, Some(r.request_id.clone()));
        let mut items = Vec::new();
        for d in r.data.transactions {
            items.push(Unsettled {
                estimate: Totals {
                    revenue: dec("est_revenue_amount", &d.est_revenue_amount).map_err(e)?,
                    shipping: dec("est_shipping_cost_amount", &d.est_shipping_cost_amount).map_err(e)?,
                    fee_tax: dec("est_fee_tax_amount", &d.est_fee_tax_amount).map_err(e)?,
                    adjustment: dec("est_adjustment_amount", &d.est_adjustment_amount).map_err(e)?,
                    settlement: dec("est_settlement_amount", &d.est_settlement_amount).map_err(e)?,
                    reserve: rust_decimal::Decimal::ZERO,
                },
                id: d.id,
                shop_id: shop.id.clone(),
                order_id: d.order_id,
                order_create_time: d.order_create_time,
                delivery_time: d.order_delivery_time,
                currency: d.currency,
                estimated_settlement: d.estimated_settlement,
                reason: d.unsettled_reason,
            });
        }
        Ok(FinPage { items, next_page_token: r.data.next_page_token.unwrap_or_default() })
    }
}
