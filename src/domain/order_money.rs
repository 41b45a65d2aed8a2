//! What the buyer paid for an order, as TikTok itemises it (Get Order Detail `payment`): every
//! price, discount, tax and fee, each a `Decimal` in the order's currency, and the breakdown the
//! console and `orders show --json` show. Fields added after the first release are
//! `#[serde(default)]` so stores written before them still load.

use super::money::Money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub currency: String,
    /// Items after product discounts: `original_total_product_price − seller_discount − platform_discount`.
    #[serde(with = "rust_decimal::serde::str")]
    pub sub_total: Decimal,
    /// Shipping the buyer paid: `original_shipping_fee` less the shipping discounts.
    #[serde(with = "rust_decimal::serde::str")]
    pub shipping_fee: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub seller_discount: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub platform_discount: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub total_amount: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub original_total_product_price: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub original_shipping_fee: Decimal,
    /// All taxes the buyer paid (product, shipping, item insurance).
    #[serde(with = "rust_decimal::serde::str")]
    pub tax: Decimal,
    #[serde(default, with = "rust_decimal::serde::str")]
    pub shipping_fee_seller_discount: Decimal,
    #[serde(default, with = "rust_decimal::serde::str")]
    pub shipping_fee_platform_discount: Decimal,
    /// The seller's shipping discount under the co-funded free shipping programme.
    #[serde(default, with = "rust_decimal::serde::str")]
    pub shipping_fee_cofunded_discount: Decimal,
    #[serde(default, with = "rust_decimal::serde::str")]
    pub product_tax: Decimal,
    #[serde(default, with = "rust_decimal::serde::str")]
    pub shipping_fee_tax: Decimal,
    /// Thailand's minimum-spend top-up.
    #[serde(default, with = "rust_decimal::serde::str")]
    pub small_order_fee: Decimal,
    /// US retail delivery fee (Colorado, Minnesota).
    #[serde(default, with = "rust_decimal::serde::str")]
    pub retail_delivery_fee: Decimal,
    /// Indonesia's per-transaction buyer service fee.
    #[serde(default, with = "rust_decimal::serde::str")]
    pub buyer_service_fee: Decimal,
    /// Payment-method handling or instalment costs.
    #[serde(default, with = "rust_decimal::serde::str")]
    pub handling_fee: Decimal,
    #[serde(default, with = "rust_decimal::serde::str")]
    pub shipping_insurance_fee: Decimal,
    #[serde(default, with = "rust_decimal::serde::str")]
    pub item_insurance_fee: Decimal,
    #[serde(default, with = "rust_decimal::serde::str")]
    pub item_insurance_tax: Decimal,
}

/// What an amount of the breakdown is to the buyer's total.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MoneyRole {
    /// A price before discounts.
    Price,
    /// Taken off the price above it (shown as a positive amount, as TikTok sends it).
    Discount,
    /// What the lines above come to.
    Subtotal,
    Tax,
    Fee,
    Total,
}

/// One labelled amount of an order's money breakdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MoneyItem {
    /// TikTok's field name in `payment`.
    pub key: &'static str,
    pub label: &'static str,
    pub role: MoneyRole,
    pub amount: Money,
}

impl Payment {
    /// Every fee the buyer paid on top of items, shipping and tax.
    pub fn fees(&self) -> Decimal {
        self.small_order_fee
            + self.retail_delivery_fee
            + self.buyer_service_fee
            + self.handling_fee
            + self.shipping_insurance_fee
            + self.item_insurance_fee
    }

    /// Whether `sub_total + shipping_fee + tax + fees` is the total the buyer paid.
    pub fn adds_up(&self) -> bool {
        self.sub_total + self.shipping_fee + self.tax + self.fees() == self.total_amount
    }

    /// Every price, discount, tax and fee in the order TikTok's relations add them up (API
    /// README §5.3): items less product discounts, shipping less shipping discounts, taxes, fees,
    /// total. Zero amounts are kept; a view may hide zero fees and discounts.
    pub fn breakdown(&self) -> Vec<MoneyItem> {
        use MoneyRole::*;
        let rows: [(&'static str, &'static str, MoneyRole, Decimal); 20] = [
            ("original_total_product_price", "Items", Price, self.original_total_product_price),
            ("seller_discount", "Seller discount", Discount, self.seller_discount),
            ("platform_discount", "TikTok discount", Discount, self.platform_discount),
            ("sub_total", "Subtotal", Subtotal, self.sub_total),
            ("original_shipping_fee", "Shipping", Price, self.original_shipping_fee),
            ("shipping_fee_seller_discount", "Seller shipping discount", Discount, self.shipping_fee_seller_discount),
            (
                "shipping_fee_platform_discount",
                "TikTok shipping discount",
                Discount,
                self.shipping_fee_platform_discount,
            ),
            (
                "shipping_fee_cofunded_discount",
                "Co-funded shipping discount",
                Discount,
                self.shipping_fee_cofunded_discount,
            ),
            ("shipping_fee", "Shipping paid", Subtotal, self.shipping_fee),
            ("product_tax", "Product tax", Tax, self.product_tax),
            ("shipping_fee_tax", "Shipping tax", Tax, self.shipping_fee_tax),
            ("item_insurance_tax", "Item insurance tax", Tax, self.item_insurance_tax),
            ("tax", "Tax", Subtotal, self.tax),
            ("small_order_fee", "Small order fee", Fee, self.small_order_fee),
            ("retail_delivery_fee", "Retail delivery fee", Fee, self.retail_delivery_fee),
            ("buyer_service_fee", "Buyer service fee", Fee, self.buyer_service_fee),
            ("handling_fee", "Handling fee", Fee, self.handling_fee),
            ("shipping_insurance_fee", "Shipping insurance", Fee, self.shipping_insurance_fee),
            ("item_insurance_fee", "Item insurance", Fee, self.item_insurance_fee),
            ("total_amount", "Total", Total, self.total_amount),
        ];
        rows.into_iter()
            .map(|(key, label, role, amount)| MoneyItem {
                key,
                label,
                role,
                amount: Money { amount, currency: self.currency.clone() },
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    fn colorado() -> Payment {
        Payment {
            currency: "USD".into(),
            original_total_product_price: d("34.90"),
            seller_discount: d("1.00"),
            sub_total: d("33.90"),
            original_shipping_fee: d("4.99"),
            shipping_fee_seller_discount: d("4.99"),
            shipping_fee: d("0.00"),
            product_tax: d("2.80"),
            tax: d("2.80"),
            retail_delivery_fee: d("0.28"),
            total_amount: d("36.98"),
            ..Payment::default()
        }
    }

    #[test]
    fn every_fee_and_discount_is_in_the_breakdown_with_its_currency() {
        let items = colorado().breakdown();
        let keys: Vec<&str> = items.iter().map(|i| i.key).collect();
        for k in [
            "seller_discount",
            "shipping_fee_cofunded_discount",
            "retail_delivery_fee",
            "small_order_fee",
            "item_insurance_tax",
        ] {
            assert!(keys.contains(&k), "{k} in {keys:?}");
        }
        let rdf = items.iter().find(|i| i.key == "retail_delivery_fee").expect("rdf");
        assert_eq!((rdf.role, rdf.amount.to_string().as_str()), (MoneyRole::Fee, "0.28 USD"));
        assert_eq!(items.last().map(|i| i.role), Some(MoneyRole::Total));
        assert!(items.iter().all(|i| i.amount.currency == "USD"));
    }

    #[test]
    fn totals_add_up_only_with_every_fee() {
        assert!(colorado().adds_up());
        let without = Payment { retail_delivery_fee: Decimal::ZERO, ..colorado() };
        assert!(!without.adds_up());
    }

    #[test]
    fn a_store_written_before_the_fees_still_loads() {
        let old = r#"{"currency":"USD","sub_total":"1","shipping_fee":"0","seller_discount":"0","platform_discount":"0",
            "total_amount":"1","original_total_product_price":"1","original_shipping_fee":"0","tax":"0"}"#;
        let p: Payment = serde_json::from_str(old).expect("old payment");
        assert_eq!(p.retail_delivery_fee, Decimal::ZERO);
    }
}
