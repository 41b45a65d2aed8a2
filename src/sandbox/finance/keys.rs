//! Every breakdown key of TikTok's reference samples (finance/*.doc.json), per endpoint, all
//! zero: the sandbox sends each one (as TikTok sends a component that does not apply) and
//! fills in the ones its shops incur. Generated from the samples in `tests/fixtures/finance/`.

use serde_json::{Value, json};

/// Templates of the revenue, shipping, fee and tax breakdowns and the transaction-level
/// supplementary component.
pub struct Keys {
    pub revenue: fn() -> Value,
    pub shipping: fn() -> Value,
    pub fee: fn() -> Value,
    pub tax: fn() -> Value,
    pub supplementary: Option<fn() -> Value>,
}

pub const STATEMENT: Keys = Keys {
    revenue: || {
        json!({
            "subtotal_before_discount_amount": "0.00",
            "refund_subtotal_before_discount_amount": "0.00",
            "seller_discount_amount": "0.00",
            "seller_discount_refund_amount": "0.00",
            "cod_service_fee_amount": "0.00",
            "refund_cod_service_fee_amount": "0.00",
        })
    },
    shipping: || {
        json!({
            "actual_shipping_fee_amount": "0.00",
            "shipping_fee_discount_amount": "0.00",
            "customer_paid_shipping_fee_amount": "0.00",
            "return_shipping_fee_amount": "0.00",
            "replacement_shipping_fee_amount": "0.00",
            "exchange_shipping_fee_amount": "0.00",
            "signature_confirmation_fee_amount": "0.00",
            "shipping_insurance_fee_amount": "0.00",
            "fbt_fulfillment_fee_reimbursement_amount": "0.00",
            "return_shipping_label_fee_amount": "0.00",
            "seller_self_shipping_service_fee_amount": "0.00",
            "return_shipping_fee_paid_buyer_amount": "0.00",
            "failed_delivery_subsidy_amount": "0.00",
            "shipping_fee_guarantee_reimbursement": "0.00",
            "fbt_free_shipping_fee_amount": "0.00",
            "free_return_subsidy_amount": "0.00",
            "supplementary_component": {
                "platform_shipping_fee_discount_amount": "0.00",
                "promo_shipping_incentive_amount": "0.00",
                "shipping_fee_subsidy_amount": "0.00",
                "seller_shipping_fee_discount_amount": "0.00",
                "customer_shipping_fee_offset_amount": "0.00",
                "fbm_shipping_cost_amount": "0.00",
                "fbt_shipping_cost_amount": "0.00",
                "fbt_fulfillment_fee_amount": "0.00",
                "fbt_fulfillment_fee_reimbursement_amount": "0.00",
                "return_refund_subsidy_amount": "0.00",
                "refunded_customer_shipping_fee_amount": "0.00",
                "customer_shipping_fee": "0.00",
                "refund_customer_shipping_fee": "0.00",
            },
        })
    },
    fee: || {
        json!({
            "platform_commission_amount": "0.00",
            "referral_fee_amount": "0.00",
            "refund_administration_fee_amount": "0.00",
            "transaction_fee_amount": "0.00",
            "credit_card_handling_fee_amount": "0.00",
            "affiliate_commission_amount": "0.00",
            "affiliate_commission_amount_before_pit": "0.00",
            "affiliate_partner_commission_amount": "0.00",
            "affiliate_ads_commission_amount": "0.00",
            "sfp_service_fee_amount": "0.00",
            "live_specials_fee_amount": "0.00",
            "bonus_cashback_service_fee_amount": "0.00",
            "mall_service_fee_amount": "0.00",
            "voucher_xtra_service_fee_amount": "0.00",
            "flash_sales_service_fee_amount": "0.00",
            "cofunded_promotion_service_fee_amount": "0.00",
            "pre_order_service_fee_amount": "0.00",
            "tsp_commission_amount": "0.00",
            "dt_handling_fee_amount": "0.00",
            "epr_pob_service_fee_amount": "0.00",
            "seller_paylater_handling_fee_amount": "0.00",
            "fee_per_item_sold_amount": "0.00",
            "cofunded_creator_bonus_amount": "0.00",
            "dynamic_commission_amount": "0.00",
            "external_affiliate_marketing_fee_amount": "0.00",
            "vn_fix_infrastructure_fee": "0.00",
            "affiliate_commission_deposit": "0.00",
            "affiliate_commission_release": "0.00",
            "tap_shop_ads_commission": "0.00",
            "shipping_fee_guarantee_service_fee": "0.00",
            "installation_service_fee": "0.00",
            "campaign_resource_fee": "0.00",
        })
    },
    tax: || {
        json!({
            "vat_amount": "0.00",
            "import_vat_amount": "0.00",
            "customs_duty_amount": "0.00",
            "customs_clearance_amount": "0.00",
            "sst_amount": "0.00",
            "gst_amount": "0.00",
            "iva_amount": "0.00",
            "isr_amount": "0.00",
            "anti_dumping_duty_amount": "0.00",
            "local_vat_amount": "0.00",
            "pit_amount": "0.00",
        })
    },
    supplementary: Some(|| {
        json!({
            "customer_payment_amount": "0.00",
            "customer_refund_amount": "0.00",
            "platform_discount_amount": "0.00",
            "platform_discount_refund_amount": "0.00",
            "seller_cofunded_discount_amount": "0.00",
            "seller_cofunded_discount_refund_amount": "0.00",
            "platform_cofunded_discount_amount": "0.00",
            "platform_cofunded_discount_refund_amount": "0.00",
            "retail_delivery_fee_amount": "0.00",
            "retail_delivery_fee_payment_amount": "0.00",
            "retail_delivery_fee_refund_amount": "0.00",
            "sales_tax_amount": "0.00",
            "sales_tax_payment_amount": "0.00",
            "sales_tax_refund_amount": "0.00",
        })
    }),
};

pub const ORDER: Keys = Keys {
    revenue: || {
        json!({
            "subtotal_before_discount_amount": "0.00",
            "seller_discount_amount": "0.00",
            "refund_subtotal_before_discount_amount": "0.00",
            "seller_discount_refund_amount": "0.00",
            "cod_service_fee_amount": "0.00",
            "refund_cod_service_fee_amount": "0.00",
        })
    },
    shipping: || {
        json!({
            "actual_shipping_fee_amount": "0.00",
            "shipping_fee_discount_amount": "0.00",
            "customer_paid_shipping_fee_amount": "0.00",
            "return_shipping_fee_amount": "0.00",
            "replacement_shipping_fee_amount": "0.00",
            "exchange_shipping_fee_amount": "0.00",
            "signature_confirmation_fee_amount": "0.00",
            "shipping_insurance_fee_amount": "0.00",
            "fbt_fulfillment_fee_reimbursement_amount": "0.00",
            "return_shipping_label_fee_amount": "0.00",
            "seller_self_shipping_service_fee_amount": "0.00",
            "return_shipping_fee_paid_buyer_amount": "0.00",
            "failed_delivery_subsidy_amount": "0.00",
            "fbt_free_shipping_fee_amount": "0.00",
            "free_return_subsidy_amount": "0.00",
            "supplementary_component": {
                "fbt_fulfillment_fee_reimbursement_amount": "0.00",
                "platform_shipping_fee_discount_amount": "0.00",
                "promo_shipping_incentive_amount": "0.00",
                "shipping_fee_subsidy_amount": "0.00",
                "seller_shipping_fee_discount_amount": "0.00",
                "fbt_shipping_cost_amount": "0.00",
                "customer_shipping_fee_offset_amount": "0.00",
                "fbm_shipping_cost_amount": "0.00",
                "fbt_fulfillment_fee_amount": "0.00",
                "return_refund_subsidy_amount": "0.00",
                "refunded_customer_shipping_fee_amount": "0.00",
                "shipping_fee_guarantee_reimbursement": "0.00",
            },
        })
    },
    fee: || {
        json!({
            "platform_commission_amount": "0.00",
            "referral_fee_amount": "0.00",
            "refund_administration_fee_amount": "0.00",
            "transaction_fee_amount": "0.00",
            "credit_card_handling_fee_amount": "0.00",
            "affiliate_commission_amount": "0.00",
            "affiliate_commission_amount_before_pit": "0.00",
            "affiliate_partner_commission_amount": "0.00",
            "affiliate_ads_commission_amount": "0.00",
            "sfp_service_fee_amount": "0.00",
            "live_specials_fee_amount": "0.00",
            "bonus_cashback_service_fee_amount": "0.00",
            "mall_service_fee_amount": "0.00",
            "voucher_xtra_service_fee_amount": "0.00",
            "flash_sales_service_fee_amount": "0.00",
            "cofunded_promotion_service_fee_amount": "0.00",
            "pre_order_service_fee_amount": "0.00",
            "tsp_commission_amount": "0.00",
            "dt_handling_fee_amount": "0.00",
            "epr_pob_service_fee_amount": "0.00",
            "fee_per_item_sold_amount": "0.00",
            "seller_paylater_handling_fee_amount": "0.00",
            "cofunded_creator_bonus_amount": "0.00",
            "dynamic_commission_amount": "0.00",
            "external_affiliate_marketing_fee_amount": "0.00",
            "vn_fix_infrastructure_fee": "0.00",
            "affiliate_commission_deposit": "0.00",
            "affiliate_commission_release": "0.00",
            "tap_shop_ads_commission": "0.00",
            "shipping_fee_guarantee_service_fee": "0.00",
            "installation_service_fee": "0.00",
            "campaign_resource_fee": "0.00",
        })
    },
    tax: || {
        json!({
            "vat_amount": "0.00",
            "import_vat_amount": "0.00",
            "customs_duty_amount": "0.00",
            "customs_clearance_amount": "0.00",
            "sst_amount": "0.00",
            "gst_amount": "0.00",
            "iva_amount": "0.00",
            "isr_amount": "0.00",
            "anti_dumping_duty_amount": "0.00",
            "local_vat_amount": "0.00",
            "pit_amount": "0.00",
        })
    },
    supplementary: None,
};

pub const UNSETTLED: Keys = Keys {
    revenue: || {
        json!({
            "subtotal_before_discount_amount": "0.00",
            "seller_discount_amount": "0.00",
            "refund_subtotal_before_discount_amount": "0.00",
            "seller_discount_refund_amount": "0.00",
            "cod_service_fee_amount": "0.00",
            "refund_cod_service_fee_amount": "0.00",
        })
    },
    shipping: || {
        json!({
            "actual_shipping_fee_amount": "0.00",
            "shipping_fee_discount_amount": "0.00",
            "customer_paid_shipping_fee_amount": "0.00",
            "return_shipping_fee_amount": "0.00",
            "replacement_shipping_fee_amount": "0.00",
            "exchange_shipping_fee_amount": "0.00",
            "signature_confirmation_fee_amount": "0.00",
            "shipping_insurance_fee_amount": "0.00",
            "supplementary_component": {
                "customer_shipping_fee_offset_amount": "0.00",
                "shipping_fee_subsidy_amount": "0.00",
                "platform_shipping_fee_discount_amount": "0.00",
                "fbm_shipping_cost_amount": "0.00",
                "fbt_shipping_cost_amount": "0.00",
                "promo_shipping_incentive_amount": "0.00",
                "fbt_fulfillment_fee_amount": "0.00",
                "seller_shipping_fee_discount_amount": "0.00",
            },
        })
    },
    fee: || {
        json!({
            "platform_commission_amount": "0.00",
            "referral_fee_amount": "0.00",
            "refund_administration_fee_amount": "0.00",
            "transaction_fee_amount": "0.00",
            "credit_card_handling_fee_amount": "0.00",
            "affiliate_commission_amount": "0.00",
            "affiliate_commission_before_pit_amount": "0.00",
            "pit_withheld_from_ads_commission_amount": "0.00",
            "affiliate_partner_commission_amount": "0.00",
            "affiliate_ads_commission_amount": "0.00",
            "sfp_service_fee_amount": "0.00",
            "live_specials_fee_amount": "0.00",
            "bonus_cashback_service_fee_amount": "0.00",
            "mall_service_fee_amount": "0.00",
            "retail_delivery_fee_amount": "0.00",
            "retail_delivery_fee_payment_amount": "0.00",
            "retail_delivery_fee_refund_amount": "0.00",
        })
    },
    tax: || {
        json!({
            "sales_tax_amount": "0.00",
            "sales_tax_payment_amount": "0.00",
            "sales_tax_refund_amount": "0.00",
            "vat_amount": "0.00",
            "import_vat_amount": "0.00",
            "customs_duty_amount": "0.00",
            "customs_clearance_amount": "0.00",
            "sst_amount": "0.00",
            "gst_amount": "0.00",
        })
    },
    supplementary: None,
};
