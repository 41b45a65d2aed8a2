//! What tests, benches and the demo do to the sandbox's money (as TikTok or the seller would):
//! settle, add adjustments, change a closed statement, skew a statement's totals (the fault
//! switch), fail a payment, and three months of demo history.

use super::DAY;
use super::derive;
use crate::sandbox::SandboxHandle;
use rust_decimal::Decimal;

impl SandboxHandle {
    /// Days from delivery to settlement (default 7).
    pub fn set_settle_days(&self, days: i64) {
        self.state.lock().finance.settle_days = days;
    }

    /// Share of each statement's settlement kept in reserve (default 0.05).
    pub fn set_reserve_rate(&self, rate: Decimal) {
        self.state.lock().finance.reserve_rate = rate;
    }

    /// An adjustment of a documented type, due at `at`. False for an undocumented type.
    pub fn add_adjustment(&self, shop_id: &str, kind: &str, amount: Decimal, order_id: &str, at: i64) -> bool {
        derive::add_adjustment(&mut self.state.lock(), shop_id, kind, amount, order_id, at)
    }

    /// The fault switch: TikTok reports this statement's totals `delta` off its transactions.
    pub fn skew_statement(&self, shop_id: &str, statement_id: &str, delta: Decimal) -> bool {
        let mut w = self.state.lock();
        match w.finance.shop(shop_id).statements.get_mut(statement_id) {
            Some(s) => {
                s.skew = delta;
                true
            }
            None => false,
        }
    }

    /// TikTok changes a closed statement: an adjustment added to it (and to its payment).
    pub fn amend_statement(&self, shop_id: &str, statement_id: &str, kind: &str, amount: Decimal) -> bool {
        derive::amend_statement(&mut self.state.lock(), shop_id, statement_id, kind, amount)
    }

    /// The payment of a statement fails (its withdrawal too).
    pub fn fail_payment(&self, shop_id: &str, statement_id: &str) -> bool {
        let mut w = self.state.lock();
        let f = w.finance.shop(shop_id);
        let pid = f.statements.get(statement_id).map(|s| s.payment_id.clone()).unwrap_or_default();
        match f.payments.get_mut(&pid) {
            Some(p) => {
                p.failed = true;
                true
            }
            None => false,
        }
    }

    /// A shop's statements cut so far: (statement time, id), oldest first.
    pub fn statements(&self, shop_id: &str) -> Vec<(i64, String)> {
        let now = self.now();
        let w = self.state.lock();
        w.finance
            .shops
            .get(shop_id)
            .map(|f| f.by_time.iter().filter(|(t, _)| *t <= now).cloned().collect())
            .unwrap_or_default()
    }

    /// Orders settled in statements cut so far, oldest statement first.
    pub fn settled_orders(&self, shop_id: &str) -> Vec<String> {
        let w = self.state.lock();
        w.finance.shops.get(shop_id).map(|f| f.order_txs.keys().cloned().collect()).unwrap_or_default()
    }

    /// A statement's transactions summed by TikTok's own components: (revenue, shipping, fee
    /// and tax, adjustment, reserve, settlement).
    pub fn statement_sums(&self, shop_id: &str, statement_id: &str) -> Option<[Decimal; 6]> {
        let w = self.state.lock();
        let f = w.finance.shops.get(shop_id)?;
        let b = f.totals(f.statements.get(statement_id)?);
        Some([b.revenue(), b.shipping(), b.fee_tax(), b.adjustment, b.reserve, b.settlement()])
    }

    /// Three months of money for every demo shop: older orders (90 to 14 days ago, some of them
    /// samples), a refund (a line cancelled after payment), two adjustments, reserves collected
    /// and released, one failed payment and one statement whose totals do not reconcile.
    pub fn finance_demo(&self) {
        let now = self.now();
        {
            let mut w = self.state.lock();
            let shops: Vec<String> = w.commerce.keys().cloned().collect();
            let saved = w.mix.clone();
            w.mix.sample = 0.08;
            for shop in &shops {
                crate::sandbox::commerce::generator::history(&mut w, shop, now - 14 * DAY, 60, 76);
            }
            w.mix = saved;
            for shop in &shops {
                refund_one(&mut w, shop, now);
                let any = w.commerce.get(shop).and_then(|c| c.orders.keys().next().cloned()).unwrap_or_default();
                derive::add_adjustment(
                    &mut w,
                    shop,
                    "PLATFORM_COMPENSATION",
                    Decimal::new(500, 2),
                    &any,
                    now - 40 * DAY,
                );
                derive::add_adjustment(
                    &mut w,
                    shop,
                    "SHIPPING_FEE_ADJUSTMENT",
                    Decimal::new(-250, 2),
                    &any,
                    now - 20 * DAY,
                );
            }
            derive::settle(&mut w, now);
            for shop in &shops {
                let f = w.finance.shop(shop);
                let ids: Vec<String> = f.by_time.iter().map(|(_, id)| id.clone()).collect();
                if let Some(s) = ids.get(ids.len().saturating_sub(5)).and_then(|id| f.statements.get_mut(id)) {
                    s.skew = Decimal::new(100, 2);
                }
                let pid = ids.get(ids.len() / 2).and_then(|id| f.statements.get(id)).map(|s| s.payment_id.clone());
                if let Some(p) = pid.and_then(|p| f.payments.get_mut(&p)) {
                    p.failed = true;
                }
            }
        }
        self.tick();
    }
}

/// Cancel one line of a delivered, not yet settled, multi-line order after payment: the
/// refund the demo shows.
fn refund_one(w: &mut crate::sandbox::world::World, shop: &str, now: i64) {
    let days = w.finance.settle_days;
    let Some(c) = w.commerce.get_mut(shop) else { return };
    let pick = c.orders.values_mut().find(|o| {
        derive::settles(o) && o.lines.len() > 1 && derive::settle_time(o, days).is_some_and(|(_, cut)| cut <= now)
    });
    if let Some(o) = pick
        && let Some(l) = o.lines.last_mut()
    {
        l.cancelled = Some(("seller_cancel_reason_out_of_stock".into(), "SELLER"));
    }
}
