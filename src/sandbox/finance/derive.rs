//! Money derived from the sandbox's own orders. A delivered order settles `settle_days` after
//! delivery into that day's statement (statements are cut at 00:00 UTC, API README §7), with
//! revenue, commission at its category's rate, a transaction fee, shipping, affiliate
//! commission and VAT on fees (UK); refunds are negative transactions; adjustments and reserve
//! releases land in the statement of the day they fall due; each statement keeps a share of
//! its settlement in reserve; statements are paid (small ones carried into the next payment),
//! payments reach the bank as SETTLE withdrawals.

use super::{Breakdown, DAY, Due, SbPayment, SbSkuTx, SbStatement, SbTx, SbWithdrawal};
use crate::sandbox::commerce::model::{SbLine, SbOrder, ShopCommerce};
use crate::sandbox::world::World;
use rust_decimal::{Decimal, RoundingStrategy};

fn r2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn pct(n: i64) -> Decimal {
    Decimal::new(n, 2)
}

/// The platform commission rate of a product's category. TikTok Shop's referral fee is a
/// percentage of the sale by category (Seller University "Referral fee" table: most US
/// categories 6-8%); the sandbox files its products by name.
pub fn category_rate(product_name: &str) -> Decimal {
    let n = product_name.to_ascii_lowercase();
    let beauty = ["serum", "lip", "mask", "brush", "cream", "palette", "gift box"];
    let home = ["cushion", "mug", "candle", "lamp", "towel"];
    if beauty.iter().any(|k| n.contains(k)) {
        pct(8)
    } else if home.iter().any(|k| n.contains(k)) {
        pct(7)
    } else {
        pct(6)
    }
}

/// Orders bought through a creator's video pay affiliate commission: a fixed fifth of orders,
/// chosen by id so the same order always does.
pub fn affiliated(order_id: &str) -> bool {
    order_id.bytes().map(u32::from).sum::<u32>() % 5 == 0
}

/// What the carrier charged for TikTok shipping (the seller's own carrier bills the seller
/// outside TikTok).
fn actual_shipping(o: &SbOrder, gb: bool) -> Decimal {
    if o.shipping_type != "TIKTOK" {
        Decimal::ZERO
    } else if o.shipping_fee > Decimal::ZERO {
        o.shipping_fee
    } else if gb {
        Decimal::new(349, 2)
    } else {
        Decimal::new(499, 2)
    }
}

/// A refund of some of an order's lines: lines cancelled after the order was paid, and the lines
/// of each return or refund request TikTok has refunded (`sandbox::returns`). Refunds come from
/// here and nowhere else.
pub struct Refund<'a> {
    pub lines: Vec<&'a SbLine>,
}

/// The refunds of an order: the one place refunds come from.
pub fn refunds_of_order<'a>(
    _c: &'a ShopCommerce,
    returns: &crate::sandbox::returns::ReturnsWorld,
    o: &'a SbOrder,
) -> Vec<Refund<'a>> {
    if o.paid_time.is_none() {
        return vec![];
    }
    let mut out = Vec::new();
    let lines: Vec<&SbLine> = o.lines.iter().filter(|l| l.cancelled.is_some()).collect();
    if !lines.is_empty() {
        out.push(Refund { lines });
    }
    // Each refunded return: its lines (a line already refunded by a cancel is not refunded twice).
    let refunded = returns
        .by_shop
        .get(&o.shop_id)
        .into_iter()
        .flat_map(|m| m.values())
        .filter(|r| r.order_id == o.id && r.refunded.is_some());
    for r in refunded {
        let lines: Vec<&SbLine> =
            o.lines.iter().filter(|l| l.cancelled.is_none() && r.line_ids.contains(&l.id)).collect();
        if !lines.is_empty() {
            out.push(Refund { lines });
        }
    }
    out
}

/// The SKU-level breakdown of some lines of an order (shipping on the first SKU when asked).
pub fn sku_txs(o: &SbOrder, lines: &[&SbLine], with_shipping: bool, gb: bool) -> Vec<SbSkuTx> {
    let mut out: Vec<SbSkuTx> = Vec::new();
    for l in lines {
        let seller_discount = if o.is_sample_order { l.original_price } else { l.seller_discount };
        match out.iter_mut().find(|s| s.sku_id == l.sku_id) {
            Some(s) => {
                s.quantity += 1;
                s.b.gross_sales += l.original_price;
                s.b.seller_discount -= seller_discount;
            }
            None => out.push(SbSkuTx {
                sku_id: l.sku_id.clone(),
                sku_name: l.sku_name.clone(),
                product_name: l.product_name.clone(),
                quantity: 1,
                b: Breakdown {
                    gross_sales: l.original_price,
                    seller_discount: -seller_discount,
                    ..Breakdown::default()
                },
            }),
        }
    }
    for (i, s) in out.iter_mut().enumerate() {
        if with_shipping && i == 0 {
            s.b.customer_shipping = if o.is_sample_order { Decimal::ZERO } else { o.shipping_paid() };
            s.b.actual_shipping = -actual_shipping(o, gb);
        }
        let revenue = s.b.revenue();
        s.b.commission = -r2(revenue * category_rate(&s.product_name));
        s.b.transaction_fee = -r2((revenue + s.b.customer_shipping) * pct(3));
        if affiliated(&o.id) {
            s.b.affiliate = -r2(revenue * pct(10));
        }
        if gb {
            s.b.vat = -r2((s.b.commission + s.b.transaction_fee).abs() * pct(20));
        }
    }
    out
}

/// A refund's SKUs: the refunded lines' money, turned around.
fn refund_skus(o: &SbOrder, lines: &[&SbLine], gb: bool) -> Vec<SbSkuTx> {
    let mut skus = sku_txs(o, lines, false, gb);
    for s in &mut skus {
        let b = &s.b;
        s.b = Breakdown {
            refund: -b.revenue(),
            commission: -b.commission,
            transaction_fee: -b.transaction_fee,
            affiliate: -b.affiliate,
            vat: -b.vat,
            ..Breakdown::default()
        };
    }
    skus
}

fn summed(skus: &[SbSkuTx]) -> Breakdown {
    let mut b = Breakdown::default();
    for s in skus {
        b.add(&s.b);
    }
    b
}

/// An order's settlement as TikTok would make it now: the order and each refund.
pub fn order_breakdowns(
    c: &ShopCommerce,
    returns: &crate::sandbox::returns::ReturnsWorld,
    o: &SbOrder,
) -> Vec<Vec<SbSkuTx>> {
    let gb = c.region == "GB";
    let all: Vec<&SbLine> = o.lines.iter().collect();
    let mut out = vec![sku_txs(o, &all, true, gb)];
    for r in refunds_of_order(c, returns, o) {
        out.push(refund_skus(o, &r.lines, gb));
    }
    out
}

/// Is this order owed a settlement (delivered or completed, not cancelled)?
pub fn settles(o: &SbOrder) -> bool {
    matches!(o.status, "DELIVERED" | "COMPLETED") && o.delivery_time.is_some()
}

/// When an order settles, and the statement time it lands in.
pub fn settle_time(o: &SbOrder, settle_days: i64) -> Option<(i64, i64)> {
    let at = o.delivery_time? + settle_days * DAY;
    Some((at, at.div_euclid(DAY) * DAY + DAY))
}

/// Bring every shop's money up to `now`: queue newly delivered orders, then close every
/// statement whose day has ended.
pub fn settle(w: &mut World, now: i64) {
    let shop_ids: Vec<String> = w.commerce.keys().cloned().collect();
    for shop_id in shop_ids {
        queue_delivered(w, &shop_id);
        loop {
            let first = w.finance.shop(&shop_id).due.first().map(|(at, _)| *at);
            let Some(at) = first else { break };
            let cut = at.div_euclid(DAY) * DAY + DAY;
            if cut > now {
                break;
            }
            close_statement(w, &shop_id, cut);
        }
    }
}

fn queue_delivered(w: &mut World, shop_id: &str) {
    let days = w.finance.settle_days;
    let Some(c) = w.commerce.get(shop_id) else { return };
    let f = w.finance.shops.entry(shop_id.to_string()).or_default();
    let from = (f.scanned_until, String::new());
    let mut last = f.scanned_until;
    for (t, id) in c.by_update.range(from..) {
        last = last.max(*t);
        if f.queued.contains(id) {
            continue;
        }
        if let Some(o) = c.orders.get(id)
            && settles(o)
            && let Some((at, _)) = settle_time(o, days)
        {
            f.queued.insert(id.clone());
            f.due.insert((at, Due::Order(id.clone())));
        }
    }
    f.scanned_until = last;
}

/// An adjustment of a documented type, due at `at` (lands in that day's statement).
pub fn add_adjustment(w: &mut World, shop_id: &str, kind: &str, amount: Decimal, order_id: &str, at: i64) -> bool {
    if !super::ADJUSTMENT_TYPES.contains(&kind) {
        return false;
    }
    let due = Due::Adjustment { kind: kind.to_string(), amount, order_id: order_id.to_string() };
    w.finance.shop(shop_id).due.insert((at, due));
    true
}

fn tx(id: String, kind: &str, statement_id: &str) -> SbTx {
    SbTx {
        id,
        kind: kind.to_string(),
        order_id: String::new(),
        order_create_time: 0,
        adjustment_id: String::new(),
        reserve_id: String::new(),
        reserve_status: String::new(),
        estimated_release_time: 0,
        statement_id: statement_id.to_string(),
        b: Breakdown::default(),
        skus: vec![],
    }
}

fn close_statement(w: &mut World, shop_id: &str, cut: i64) {
    let sid = w.finance.id();
    let mut due = Vec::new();
    {
        let f = w.finance.shop(shop_id);
        while let Some(first) = f.due.first().cloned() {
            if first.0 >= cut {
                break;
            }
            f.due.remove(&first);
            due.push(first.1);
        }
    }
    let mut txs: Vec<SbTx> = Vec::new();
    for d in due {
        match d {
            Due::Order(oid) => {
                let Some(c) = w.commerce.get(shop_id) else { continue };
                let Some(o) = c.orders.get(&oid) else { continue };
                let parts = order_breakdowns(c, &w.returns, o);
                let create = o.create_time;
                for skus in parts {
                    let mut t = tx(w.finance.next_tx_id(), "ORDER", &sid);
                    t.order_id = oid.clone();
                    t.order_create_time = create;
                    t.b = summed(&skus);
                    t.skus = skus;
                    txs.push(t);
                }
            }
            Due::Adjustment { kind, amount, order_id } => {
                let mut t = tx(w.finance.next_tx_id(), &kind, &sid);
                t.adjustment_id = w.finance.id();
                t.order_id = order_id;
                t.b.adjustment = amount;
                txs.push(t);
            }
            Due::Release { reserve_id } => {
                let Some((amount, at)) = w.finance.shop(shop_id).reserves.remove(&reserve_id) else { continue };
                let mut t = tx(w.finance.next_tx_id(), "RESERVE", &sid);
                t.reserve_id = reserve_id;
                t.reserve_status = "RELEASED".into();
                t.estimated_release_time = at;
                t.b.reserve = amount;
                txs.push(t);
            }
        }
    }
    let settlement: Decimal = txs.iter().map(|t| t.b.settlement()).sum();
    let rate = w.finance.reserve_rate;
    if settlement > Decimal::ZERO && rate > Decimal::ZERO {
        let amount = r2(settlement * rate);
        let release = cut + w.finance.reserve_days * DAY;
        let rid = w.finance.id();
        let mut t = tx(w.finance.next_tx_id(), "RESERVE", &sid);
        t.reserve_id = rid.clone();
        t.reserve_status = "COLLECTED".into();
        t.estimated_release_time = release;
        t.b.reserve = -amount;
        txs.push(t);
        let f = w.finance.shop(shop_id);
        f.reserves.insert(rid.clone(), (amount, release));
        f.due.insert((release, Due::Release { reserve_id: rid }));
    }
    let currency = w.commerce.get(shop_id).map(|c| c.currency).unwrap_or("USD");
    let statement = SbStatement {
        id: sid.clone(),
        time: cut,
        currency,
        tx_ids: txs.iter().map(|t| t.id.clone()).collect(),
        payment_id: String::new(),
        skew: Decimal::ZERO,
    };
    let f = w.finance.shop(shop_id);
    for t in txs {
        if !t.order_id.is_empty() && t.kind == "ORDER" {
            f.order_txs.entry(t.order_id.clone()).or_default().push(t.id.clone());
        }
        f.txs.insert(t.id.clone(), t);
    }
    f.by_time.insert((cut, sid.clone()));
    f.statements.insert(sid.clone(), statement);
    f.carried.push(sid);
    pay(w, shop_id, cut);
}

/// The exchange rate of a cross-border seller's payout into CNY (6 decimals, as TikTok sends).
pub fn exchange_rate(from: &str) -> Decimal {
    match from {
        "GBP" => Decimal::new(9_123_456, 6),
        _ => Decimal::new(7_123_456, 6),
    }
}

fn pay(w: &mut World, shop_id: &str, at: i64) {
    let cross_border = w.shops.get(shop_id).is_some_and(|s| s.seller_type == "CROSS_BORDER");
    let before_currency = w.commerce.get(shop_id).map(|c| c.currency).unwrap_or("USD");
    let (settlement, reserve, failed) = {
        let failing = w.finance.failing.clone();
        let f = w.finance.shop(shop_id);
        let mut settlement = Decimal::ZERO;
        let mut reserve = Decimal::ZERO;
        for sid in &f.carried {
            if let Some(s) = f.statements.get(sid) {
                let b = f.totals(s);
                settlement += b.settlement();
                reserve += b.reserve;
            }
        }
        (settlement, reserve, f.carried.iter().any(|s| failing.contains(s)))
    };
    let min = w.finance.min_payout;
    if settlement + reserve < min {
        return;
    }
    let (currency, rate) =
        if cross_border { ("CNY", exchange_rate(before_currency)) } else { (before_currency, Decimal::ONE) };
    let before = settlement + reserve;
    let pid = w.finance.id();
    let wid = w.finance.id();
    let paid_time = at + w.finance.pay_days * DAY;
    let f = w.finance.shop(shop_id);
    let statement_ids = std::mem::take(&mut f.carried);
    for sid in &statement_ids {
        if let Some(s) = f.statements.get_mut(sid) {
            s.payment_id = pid.clone();
        }
    }
    let amount = r2(before * rate);
    f.payments.insert(
        pid.clone(),
        SbPayment {
            id: pid.clone(),
            create_time: at,
            paid_time,
            failed,
            currency,
            before_currency,
            settlement,
            reserve,
            before_exchange: before,
            amount,
            rate,
            statement_ids,
            bank_account: "****6789".into(),
        },
    );
    f.withdrawals.insert(
        wid.clone(),
        SbWithdrawal { id: wid, kind: "SETTLE", amount, currency, create_time: paid_time, payment_id: pid },
    );
}

impl super::FinanceWorld {
    pub fn next_tx_id(&mut self) -> String {
        self.id()
    }
}

/// TikTok changes a closed statement: an adjustment added to it after the fact (and to its
/// payment, when it has one). Returns false when there is no such statement or type.
pub fn amend_statement(w: &mut World, shop_id: &str, statement_id: &str, kind: &str, amount: Decimal) -> bool {
    if !super::ADJUSTMENT_TYPES.contains(&kind) {
        return false;
    }
    let id = w.finance.id();
    let adj = w.finance.id();
    let f = w.finance.shop(shop_id);
    let Some(s) = f.statements.get_mut(statement_id) else { return false };
    s.tx_ids.push(id.clone());
    let pid = s.payment_id.clone();
    let mut t = tx(id.clone(), kind, statement_id);
    t.adjustment_id = adj;
    t.b.adjustment = amount;
    f.txs.insert(id, t);
    if let Some(p) = f.payments.get_mut(&pid) {
        p.settlement += amount;
        p.before_exchange += amount;
        p.amount = r2(p.before_exchange * p.rate);
        let amount = p.amount;
        if let Some(wd) = f.withdrawals.values_mut().find(|x| x.payment_id == pid) {
            wd.amount = amount;
        }
    }
    true
}
