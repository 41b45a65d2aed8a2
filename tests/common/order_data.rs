//! A small, fixed day of orders in a real redb store for console snapshots and flows: overdue,
//! due soon, TikTok-shipped, a cancellation request, on hold, shipped, delivered, cancelled, a
//! Seller Center split and a combined package; carriers, mappings and warehouses.
#![allow(dead_code)]

use rust_decimal::Decimal;
use tokshop::domain::order::{
    Address, LineTax, Order, OrderLine, OrderStatus, Payment, PriceDetail, ShippingType, Source,
};
use tokshop::domain::package::{Cancellation, Carrier, CarrierMapping, DeliveryOption, ShippingProvider, Warehouse};
use tokshop::store::{Store, fulfilment, orders};

pub const GB: &str = "7494049642642441621";
pub const US: &str = "7494049642642441622";
pub const US_OPTION: &str = "7091146663229654785";
pub const GB_OPTION: &str = "7091146663229654790";

fn line(
    id: &str,
    sku: &str,
    name: &str,
    price: i64,
    pkg: Option<&str>,
    status: &str,
    tracking: Option<&str>,
) -> OrderLine {
    OrderLine {
        id: id.into(),
        sku_id: format!("1729{id}"),
        product_id: "1729382476852921560".into(),
        product_name: name.into(),
        sku_name: "Default".into(),
        seller_sku: sku.into(),
        original_price: Decimal::new(price, 2),
        sale_price: Decimal::new(price, 2),
        display_status: status.into(),
        package_id: pkg.map(String::from),
        package_status: if tracking.is_some() { "SHIPPED".into() } else { "TO_FULFILL".into() },
        tracking_number: tracking.map(String::from),
        shipping_provider_id: tracking
            .map(|t| if t.starts_with("RM") { "6617675021119438849".into() } else { "7117858858072016686".into() }),
        shipping_provider_name: tracking.map(|t| if t.starts_with("RM") { "Royal Mail".into() } else { "UPS".into() }),
        taxes: vec![LineTax {
            tax_type: "SALES_TAX".into(),
            amount: Decimal::new(price * 8 / 100, 2),
            rate: Decimal::new(8, 2),
        }],
        cancelled: false,
        ..OrderLine::default()
    }
}

#[allow(clippy::too_many_arguments)]
fn order(
    n: u32,
    shop: &str,
    status: OrderStatus,
    now: i64,
    ship_in_h: i64,
    buyer: &str,
    lines: Vec<OrderLine>,
    tiktok: bool,
) -> Order {
    let (currency, option) = if shop == GB { ("GBP", GB_OPTION) } else { ("USD", US_OPTION) };
    let sub: Decimal = lines.iter().map(|l| l.sale_price).sum();
    let tax = if shop == US { (sub * Decimal::new(8, 2)).round_dp(2) } else { Decimal::ZERO };
    Order {
        id: format!("5764614130387857{n:02}"),
        shop_id: shop.into(),
        status,
        create_time: now - 26 * 3600,
        update_time: now - 3600 + n as i64,
        paid_time: Some(now - 26 * 3600 + 60),
        buyer_user_id: format!("74940496426424{n:05}"),
        buyer_nickname: buyer.into(),
        shipping_type: if tiktok { ShippingType::Tiktok } else { ShippingType::Seller },
        delivery_option_id: option.into(),
        delivery_option_name: "Standard shipping".into(),
        warehouse_id: "7068517275539719942".into(),
        ship_by: Some(now + ship_in_h * 3600),
        payment: Payment {
            currency: currency.into(),
            sub_total: sub,
            shipping_fee: Decimal::new(499, 2),
            tax,
            total_amount: sub + Decimal::new(499, 2) + tax,
            original_total_product_price: sub,
            original_shipping_fee: Decimal::new(499, 2),
            ..Payment::default()
        },
        address: Address {
            name: "A*** M***".into(),
            phone: "(+1)213-***-1234".into(),
            full_address: "1199 Coleman Ave, San Jose, CA, United States".into(),
            postal_code: "95110".into(),
            region_code: if shop == GB { "GB".into() } else { "US".into() },
        },
        lines,
        ..Order::default()
    }
}

/// The orders of the fixture day.
pub fn orders(now: i64) -> Vec<Order> {
    use OrderStatus::*;
    let mut out = vec![];
    // Overdue, two lines, seller-shipped.
    out.push(order(
        1,
        US,
        AwaitingShipment,
        now,
        -2,
        "ava.m",
        vec![
            line(
                "577000000000000101",
                "TEE-BLK-M",
                "Cotton tee",
                1999,
                Some("1153000000000000101"),
                "AWAITING_SHIPMENT",
                None,
            ),
            line(
                "577000000000000102",
                "CAP-RED",
                "Baseball cap",
                1499,
                Some("1153000000000000101"),
                "AWAITING_SHIPMENT",
                None,
            ),
        ],
        false,
    ));
    // Due soon, TikTok shipping.
    out.push(order(
        2,
        US,
        AwaitingShipment,
        now,
        5,
        "ben_k",
        vec![line(
            "577000000000000201",
            "MUG-WHT",
            "Enamel mug",
            1250,
            Some("1153000000000000201"),
            "AWAITING_SHIPMENT",
            None,
        )],
        true,
    ));
    // A buyer asks to cancel.
    let mut o = order(
        3,
        GB,
        AwaitingShipment,
        now,
        30,
        "chloe.uk",
        vec![line(
            "577000000000000301",
            "SERUM-30",
            "Vitamin C serum",
            2450,
            Some("1153000000000000301"),
            "AWAITING_SHIPMENT",
            None,
        )],
        false,
    );
    o.cancel_requested = true;
    o.cancel_deadline = Some(now + 20 * 3600);
    o.cancel_reason = Some("No longer needed".into());
    o.cancellation_initiator = Some("BUYER".into());
    out.push(o);
    // On hold (the remorse hour), a sample.
    let mut o = order(
        4,
        US,
        OnHold,
        now,
        70,
        "dev.null",
        vec![line("577000000000000401", "SAMPLE-KIT", "Sample kit", 0, None, "ON_HOLD", None)],
        false,
    );
    o.is_sample = true;
    o.is_on_hold_order = true;
    out.push(o);
    // Shipped with UPS.
    let mut o = order(
        5,
        US,
        InTransit,
        now,
        -20,
        "emma_r",
        vec![line(
            "577000000000000501",
            "TEE-WHT-L",
            "Cotton tee",
            1999,
            Some("1153000000000000501"),
            "IN_TRANSIT",
            Some("1Z999AA10123456784"),
        )],
        false,
    );
    o.tracking_number = Some("1Z999AA10123456784".into());
    o.shipping_provider = Some("UPS".into());
    out.push(o);
    // Delivered, cash on delivery.
    let mut o = order(
        6,
        GB,
        Delivered,
        now,
        -60,
        "finn",
        vec![line(
            "577000000000000601",
            "SERUM-30",
            "Vitamin C serum",
            2450,
            Some("1153000000000000601"),
            "DELIVERED",
            Some("RM123456785GB"),
        )],
        false,
    );
    o.is_cod = true;
    out.push(o);
    // Cancelled.
    out.push(order(
        7,
        US,
        Cancelled,
        now,
        -10,
        "gus",
        vec![line("577000000000000701", "CAP-RED", "Baseball cap", 1499, None, "CANCELLED", None)],
        false,
    ));
    // Split in Seller Center: one package shipped, one to go.
    let mut o = order(
        8,
        US,
        PartiallyShipping,
        now,
        10,
        "hana",
        vec![
            line(
                "577000000000000801",
                "TEE-BLK-S",
                "Cotton tee",
                1999,
                Some("1153000000000000801"),
                "IN_TRANSIT",
                Some("1Z999AA10123456800"),
            ),
            line(
                "577000000000000802",
                "MUG-WHT",
                "Enamel mug",
                1250,
                Some("1153000000000000802"),
                "AWAITING_SHIPMENT",
                None,
            ),
        ],
        false,
    );
    o.split_or_combine = Some("SPLIT".into());
    out.push(o);
    // Two orders of one buyer combined into one package.
    for (n, sku) in [(9, "SOCK-3PK"), (10, "SOCK-5PK")] {
        let mut o = order(
            n,
            US,
            AwaitingShipment,
            now,
            20,
            "ivy",
            vec![line(
                &format!("5770000000000009{n:02}"),
                sku,
                "Socks",
                999,
                Some("1153000000000000900"),
                "AWAITING_SHIPMENT",
                None,
            )],
            false,
        );
        o.split_or_combine = Some("COMBINED".into());
        out.push(o);
    }
    out
}

fn provider(id: &str, name: &str) -> ShippingProvider {
    ShippingProvider { id: id.into(), name: name.into() }
}

pub fn warehouses() -> Vec<Warehouse> {
    let wh = |shop: &str, id: &str, name: &str, option: &str, providers: Vec<ShippingProvider>| Warehouse {
        id: id.into(),
        shop_id: shop.into(),
        name: name.into(),
        effect_status: "ENABLED".into(),
        kind: "SALES_WAREHOUSE".into(),
        is_default: true,
        address: String::new(),
        delivery_options: vec![DeliveryOption {
            id: option.into(),
            name: "Standard shipping".into(),
            kind: "SEND_BY_SELLER".into(),
            providers,
        }],
    };
    vec![
        wh(
            GB,
            "7068517275539719940",
            "Leeds DC",
            GB_OPTION,
            vec![provider("6617675021119438849", "Royal Mail"), provider("6617675021119438850", "DPD")],
        ),
        wh(
            US,
            "7068517275539719942",
            "San Jose DC",
            US_OPTION,
            vec![
                provider("7117858858072016686", "UPS"),
                provider("7117859084333745966", "USPS"),
                provider("7132708441138546437", "FedEx"),
            ],
        ),
    ]
}

/// A store in `dir` with the fixture day in it.
pub fn seeded_store(dir: &std::path::Path, now: i64) -> Store {
    let s = Store::open(dir).expect("open store");
    let list = orders(now);
    let mut first = list[0].clone();
    first.status = OrderStatus::Unpaid;
    first.update_time -= 25 * 3600;
    s.upsert_orders(&[first], Source::Backfill, now - 25 * 3600).expect("orders");
    s.upsert_orders(&list[..1], Source::Webhook, now - 3000).expect("orders");
    s.upsert_orders(&list[1..], Source::Backfill, now - 3000).expect("orders");
    // The first order's status history: seen unpaid, then awaiting shipment by webhook.
    s.write(|t| {
        let price = PriceDetail {
            currency: "USD".into(),
            total: Decimal::new(3997, 2),
            payment: Decimal::new(3997, 2),
            subtotal: Decimal::new(3498, 2),
            tax_amount: Decimal::new(280, 2),
            tax_rate: Decimal::new(8, 2),
            shipping_sale_price: Decimal::new(499, 2),
            lines: vec![],
        };
        orders::put_price(t, US, "576461413038785701", &price)?;
        fulfilment::upsert_cancellations(
            t,
            &[Cancellation {
                id: "4035318504086196001".into(),
                shop_id: GB.into(),
                order_id: "576461413038785703".into(),
                cancel_type: "BUYER_CANCEL".into(),
                status: "CANCELLATION_REQUEST_PENDING".into(),
                role: "BUYER".into(),
                reason: "ecom_order_delivered_refund_and_return_reason_no_longer_needed".into(),
                reason_text: "No longer needed".into(),
                deadline: Some(now + 20 * 3600),
                create_time: now - 4 * 3600,
                update_time: now - 4 * 3600,
            }],
        )?;
        for w in warehouses().chunk_by(|a, b| a.shop_id == b.shop_id) {
            fulfilment::put_warehouses(t, &w[0].shop_id, w)?;
        }
        fulfilment::add_carrier(
            t,
            &Carrier {
                name: "UPS Ground".into(),
                tracking_url: Some("https://www.ups.com/track?tracknum={tracking}".into()),
            },
        )?;
        fulfilment::add_carrier(t, &Carrier { name: "Royal Mail".into(), tracking_url: None })?;
        fulfilment::map_carrier(
            t,
            &CarrierMapping {
                carrier: "UPS Ground".into(),
                shop_id: US.into(),
                delivery_option_id: String::new(),
                provider_id: "7117858858072016686".into(),
                provider_name: "UPS".into(),
            },
        )?;
        Ok(())
    })
    .expect("fixtures");
    s
}
