//! `tokshop orders list|show|sync|ship|cancel` and `tokshop packages list|label`.

mod show;

use crate::cli::output;
use crate::cli::session::{CliError, Globals, open_ctx, open_store};
use crate::domain::order::{Order, OrderRow, OrderStatus};
use crate::domain::outbox::OutboxState;
use crate::domain::time::date_time;
use crate::message::ShipRequest;
use crate::store::cursors::{self, Cursor};
use crate::store::orders::OrderQuery;
use crate::sync::fulfilment as fulfil;
use crate::sync::orders::plan_cancel;
use crate::sync::{SyncCtx, engine, outbox};
use clap::Subcommand;
use serde::Serialize;
use serde_json::{Value, json};

#[derive(Subcommand, Debug)]
pub enum OrdersCmd {
    /// The order queue, soonest ship-by first
    List {
        /// UNPAID, ON_HOLD, AWAITING_SHIPMENT, PARTIALLY_SHIPPING, AWAITING_COLLECTION, IN_TRANSIT, DELIVERED,
        /// COMPLETED, CANCELLED
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        shop: Option<String>,
        /// At most this many (stderr says when more exist)
        #[arg(long, default_value_t = 200)]
        limit: usize,
        /// Every order, however many
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// One order: lines, address, payment and tax, status history, packages
    Show {
        order_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Pull orders now (backfill on first run, then incremental)
    Sync {
        #[arg(long)]
        shop: Option<String>,
        /// Re-read from this unix time instead of the saved cursor
        #[arg(long)]
        since: Option<i64>,
    },
    /// Ship with your own carrier (all lines, or some: a split), or hand over a TikTok-shipped package
    Ship {
        order_id: String,
        /// Your carrier's name as mapped in `tokshop carriers`
        #[arg(long)]
        carrier: Option<String>,
        #[arg(long)]
        tracking: Option<String>,
        /// Ship only these line ids (comma-separated)
        #[arg(long, value_delimiter = ',')]
        lines: Vec<String>,
        /// TikTok shipping: drop the package off at a drop-off point
        #[arg(long, conflicts_with_all = ["carrier", "tracking", "pickup"])]
        drop_off: bool,
        /// TikTok shipping: a pickup slot START-END (unix seconds)
        #[arg(long, conflicts_with_all = ["carrier", "tracking"])]
        pickup: Option<String>,
    },
    /// Cancel an order with a reason valid for its status
    Cancel {
        order_id: String,
        #[arg(long)]
        reason: String,
        /// Confirm: this is a dangerous action
        #[arg(long)]
        yes: bool,
    },
}

impl OrdersCmd {
    /// What the command may change (None: it only reads), for the engine's role check.
    pub fn needs(&self) -> Option<crate::domain::role::Capability> {
        use crate::domain::role::Capability;
        match self {
            OrdersCmd::List { .. } | OrdersCmd::Show { .. } | OrdersCmd::Sync { .. } => None,
            OrdersCmd::Ship { .. } => Some(Capability::Fulfilment),
            OrdersCmd::Cancel { .. } => Some(Capability::Cancellations),
        }
    }
}

#[derive(Serialize)]
struct RowJson {
    id: String,
    shop_id: String,
    status: String,
    ship_by: Option<i64>,
    create_time: i64,
    update_time: i64,
    buyer_nickname: String,
    items: u32,
    total: Value,
    shipping_type: String,
    on_hold: bool,
    cancel_requested: bool,
    is_cod: bool,
    is_sample: bool,
    split_or_combine: Option<String>,
    tracking_number: Option<String>,
}

fn money(amount: rust_decimal::Decimal, currency: &str) -> Value {
    json!({"amount": amount.to_string(), "currency": currency})
}

fn row_json(r: &OrderRow) -> RowJson {
    RowJson {
        id: r.id.clone(),
        shop_id: r.shop_id.clone(),
        status: r.status.as_wire().to_string(),
        ship_by: r.ship_by,
        create_time: r.create_time,
        update_time: r.update_time,
        buyer_nickname: r.buyer_nickname.clone(),
        items: r.items,
        total: money(r.total, &r.currency),
        shipping_type: r.shipping_type.label().to_uppercase(),
        on_hold: r.on_hold,
        cancel_requested: r.cancel_requested,
        is_cod: r.is_cod,
        is_sample: r.is_sample,
        split_or_combine: r.split_or_combine.clone(),
        tracking_number: r.tracking_number.clone(),
    }
}

fn order_json(ctx_store: &crate::store::Store, o: &Order) -> Result<Value, CliError> {
    let c = &o.payment.currency;
    let p = &o.payment;
    let history: Vec<Value> = ctx_store
        .order_history(&o.id)?
        .iter()
        .map(|h| {
            let (status, source) = (h.status.as_wire(), h.source.label());
            json!({"status": status, "update_time": h.at, "seen_time": h.seen_at, "source": source})
        })
        .collect();
    let packages: Vec<Value> = o
        .package_ids
        .iter()
        .filter_map(|id| ctx_store.get_package(id).ok().flatten())
        .map(|p| {
            json!({
                "id": p.id, "status": p.status, "tag": p.tag, "tracking_number": p.tracking_number,
                "shipping_provider_id": p.shipping_provider_id, "shipping_provider_name": p.shipping_provider_name,
                "order_ids": p.order_ids, "line_ids": p.line_ids, "ship_by": p.ship_by, "warehouse_id": p.warehouse_id,
                "weight": p.weight, "dimension": p.dimension
            })
        })
        .collect();
    let cancellations: Vec<Value> = ctx_store
        .cancellations_of(&o.id)?
        .iter()
        .map(|x| {
            json!({
                "id": x.id, "cancel_type": x.cancel_type, "cancel_status": x.status, "role": x.role,
                "cancel_reason": x.reason, "cancel_reason_text": x.reason_text,
                "deadline": x.deadline
            })
        })
        .collect();
    let platform = ctx_store.platform_skus(o)?;
    let returns = ctx_store.returns_of_order(&o.id)?;
    let replacements: Vec<&String> =
        returns.iter().filter(|r| r.order_id == o.id).filter_map(|r| r.replacement_order_id.as_ref()).collect();
    Ok(json!({
        "id": o.id, "shop_id": o.shop_id, "status": o.status.as_wire(), "create_time": o.create_time,
        "update_time": o.update_time,
        "paid_time": o.paid_time, "ship_by": o.ship_by, "shipping_type": o.shipping_type.label().to_uppercase(),
        "delivery_option_name": o.delivery_option_name, "buyer_nickname": o.buyer_nickname,
        "buyer_message": o.buyer_message,
        "seller_note": o.seller_note,
        "flags": {
            "cod": o.is_cod, "sample": o.is_sample, "on_hold_order": o.is_on_hold_order,
            "replacement": o.is_replacement,
            "replaced_order_id": o.replaced_order_id, "cancel_requested": o.cancel_requested
        },
        "recipient_address": {
            "name": o.address.name, "phone": o.address.phone, "full_address": o.address.full_address,
            "postal_code": o.address.postal_code, "region_code": o.address.region_code
        },
        "payment": {
            "currency": c, "sub_total": money(p.sub_total, c), "shipping_fee": money(p.shipping_fee, c),
            "seller_discount": money(p.seller_discount, c),
            "platform_discount": money(p.platform_discount, c), "tax": money(p.tax, c),
            "total_amount": money(p.total_amount, c),
            "method": o.payment_method,
            "breakdown": o.money_breakdown().iter().map(|i| json!({
                "key": i.key, "label": i.label, "role": i.role, "amount": money(i.amount.amount, c)
            })).collect::<Vec<_>>(),
        },
        "rts_time": o.rts_time,
        "price_detail": o.price.as_ref().map(|d| json!({
            "currency": d.currency, "total": money(d.total, &d.currency), "payment": money(d.payment, &d.currency),
            "subtotal": money(d.subtotal, &d.currency), "tax_amount": money(d.tax_amount, &d.currency),
            "tax_rate": d.tax_rate.to_string(),
            "lines": d.lines.iter().map(|l| json!({
                "id": l.id, "sale_price": money(l.sale_price, &d.currency),
                "tax_amount": money(l.tax_amount, &d.currency), "tax_rate": l.tax_rate.to_string()
            })).collect::<Vec<_>>(),
        })),
        "lines": o.lines.iter().map(|l| json!({
            "id": l.id, "seller_sku": l.seller_sku, "product_name": l.product_name, "sku_name": l.sku_name,
            "sale_price": money(l.sale_price, c), "original_price": money(l.original_price, c),
            "display_status": l.display_status,
            "package_id": l.package_id, "package_status": l.package_status, "tracking_number": l.tracking_number,
            "shipping_provider_name": l.shipping_provider_name,
            "taxes": l.taxes.iter()
                .map(|t| json!({"type": t.tax_type, "amount": money(t.amount, c), "rate": t.rate.to_string()}))
                .collect::<Vec<_>>(),
            "cancelled": l.cancelled, "platform_sku": platform.get(&l.id),
            "is_dangerous_good": l.is_dangerous_good, "rts_time": l.rts_time,
        })).collect::<Vec<_>>(),
        "status_history": history,
        "packages": packages,
        "cancellations": cancellations,
        "returns": returns.iter().filter(|r| r.order_id == o.id).map(|r| json!({
            "return_id": r.id, "return_type": r.return_type.map(|t| t.as_wire()), "return_status": r.status,
            "deadline": r.deadline,
            "refund_total": money(r.refund.total, &r.refund.currency), "replacement_order_id": r.replacement_order_id,
        })).collect::<Vec<_>>(),
        "is_replacement_order": o.is_replacement,
        "replaced_order_id": o.replaced_order_id,
        "replacement_order_ids": replacements,
    }))
}

fn parse_status(s: &str) -> Result<OrderStatus, CliError> {
    match OrderStatus::from_wire(&s.to_uppercase()) {
        OrderStatus::Unknown(_) => Err(CliError::usage(format!(
            "unknown status {s:?}; use one of UNPAID, ON_HOLD, AWAITING_SHIPMENT, PARTIALLY_SHIPPING, \
                AWAITING_COLLECTION, IN_TRANSIT, DELIVERED, COMPLETED, CANCELLED"
        ))),
        st => Ok(st),
    }
}

/// Run the outbox once and say what became of an item.
pub(crate) async fn settle(ctx: &SyncCtx, id: u64) -> Result<String, CliError> {
    outbox::drain_once(ctx).await;
    match ctx.store.get_outbox(id)?.map(|i| (i.state, i.last_error)) {
        Some((OutboxState::Done { note, .. }, _)) => Ok(note),
        Some((OutboxState::Failed { reason, .. }, _)) => Err(CliError::failed(reason)),
        Some((OutboxState::Pending, err)) => Err(CliError::failed(format!(
            "not done yet ({}); it stays queued as outbox #{id} and the daemon or console retries it",
            err.unwrap_or_default()
        ))),
        None => Err(CliError::failed(format!("outbox #{id} vanished"))),
    }
}

/// One shop's orders pulled now (backfill on its first run), with their prices, parcels,
/// cancellations and warehouses: the line that says what came.
pub(crate) async fn sync_one(ctx: &SyncCtx, s: &crate::domain::shop::Shop) -> Result<String, CliError> {
    let stats = crate::sync::orders::sync_shop(ctx, s, &ctx.orders).await?;
    let prices = crate::sync::orders::fetch_prices(ctx, s, 10_000).await?;
    crate::sync::orders::fetch_parcels(ctx, s, 10_000).await?;
    crate::sync::orders::upkeep::sync_cancellations(ctx, s, &[]).await?;
    crate::sync::fulfilment::warehouses::sync_warehouses(ctx, s, false).await?;
    Ok(format!(
        "{} ({}): {} page(s), {} order(s) read, {} new, {} updated, {} unchanged, {} older than stored; {} price \
            detail(s)",
        s.name,
        s.id,
        stats.pages,
        stats.fetched,
        stats.upserts.inserted,
        stats.upserts.updated,
        stats.upserts.unchanged,
        stats.upserts.stale,
        prices
    ))
}

pub async fn run(g: &Globals, cmd: OrdersCmd) -> Result<(), CliError> {
    match cmd {
        OrdersCmd::List { status, shop, limit, all, json } => {
            let (_, store) = open_store(g)?;
            let q = OrderQuery {
                status: status.as_deref().map(parse_status).transpose()?,
                shop_id: shop,
                ..OrderQuery::default()
            };
            let limit = crate::cli::paging::cap(limit, all);
            let (rows, more) = crate::cli::paging::collect(limit, |after, n| store.order_page(&q, after, n))?;
            if more {
                crate::cli::paging::say_more(rows.len(), "orders");
            }
            if json {
                output::json(&rows.iter().map(row_json).collect::<Vec<_>>());
            } else {
                let t: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.ship_by.filter(|_| r.status.is_open()).map(date_time).unwrap_or_else(|| "-".into()),
                            r.id.clone(),
                            r.status.label().to_string(),
                            r.buyer_nickname.clone(),
                            r.items.to_string(),
                            format!("{} {}", r.total, r.currency),
                            r.tracking_number.clone().unwrap_or_default(),
                        ]
                    })
                    .collect();
                output::table(&["SHIP BY", "ORDER", "STATUS", "BUYER", "ITEMS", "TOTAL", "TRACKING"], &t);
            }
        }
        OrdersCmd::Show { order_id, json } => {
            let (_, store) = open_store(g)?;
            let o = store.get_order(&order_id)?.ok_or_else(|| {
                CliError::failed(format!("order {order_id} is not in the store; run tokshop orders sync"))
            })?;
            let v = order_json(&store, &o)?;
            if json {
                output::json(&v);
            } else {
                show::print(&store, &o, crate::clock::system().now())?;
            }
        }
        OrdersCmd::Sync { shop, since } => {
            let mut ctx = open_ctx(g)?;
            crate::cli::progress::attach(&mut ctx);
            let shops: Vec<_> = ctx
                .store
                .list_shops()?
                .into_iter()
                .filter(|s| s.status.syncs() && shop.as_ref().is_none_or(|id| &s.id == id))
                .collect();
            if shops.is_empty() {
                return Err(CliError::failed("no connected shop to sync (tokshop shops list)"));
            }
            for s in &shops {
                if let Some(t) = since {
                    let now = ctx.now();
                    ctx.store.write(|tx| {
                        cursors::put_cursor(
                            tx,
                            &s.id,
                            crate::sync::orders::CONCERN,
                            &Cursor { synced_until: t, page_token: None, updated_at: now, ..Default::default() },
                        )
                    })?;
                }
                crate::outln!("{}", sync_one(&ctx, s).await?);
            }
            crate::sync::orders::upkeep::check_at_risk(&ctx)?;
            let _ = engine::Intervals::default();
        }
        OrdersCmd::Ship { order_id, carrier, tracking, lines, drop_off, pickup } => {
            let ctx = open_ctx(g)?;
            let intent = if drop_off || pickup.is_some() {
                let slot = pickup
                    .map(|p| {
                        let (a, b) = p
                            .split_once('-')
                            .ok_or_else(|| CliError::usage("--pickup takes START-END in unix seconds"))?;
                        Ok::<_, CliError>((
                            a.trim().parse().map_err(|_| CliError::usage("--pickup START is not a number"))?,
                            b.trim().parse().map_err(|_| CliError::usage("--pickup END is not a number"))?,
                        ))
                    })
                    .transpose()?;
                fulfil::plan_tiktok_ship(&ctx, &order_id, None, slot)?
            } else {
                let (Some(carrier), Some(tracking)) = (carrier, tracking) else {
                    return Err(CliError::usage(
                        "give --carrier and --tracking (or --drop-off / --pickup for TikTok shipping)",
                    ));
                };
                fulfil::plan_ship(
                    &ctx,
                    &ShipRequest { order_id: order_id.clone(), carrier, tracking, line_ids: lines },
                )?
            };
            let label = intent.label();
            let item = outbox::enqueue(&ctx, intent)?;
            let note = settle(&ctx, item.id).await?;
            crate::outln!("{label}: {note}");
        }
        OrdersCmd::Cancel { order_id, reason, yes } => {
            if !yes {
                return Err(CliError::usage(format!(
                    "cancelling order {order_id} cannot be undone; run with --yes to confirm"
                )));
            }
            let ctx = open_ctx(g)?;
            let intent = plan_cancel(&ctx, &order_id, &reason, vec![])?;
            let item = outbox::enqueue(&ctx, intent)?;
            let note = settle(&ctx, item.id).await?;
            crate::outln!("Order {order_id}: {note}");
        }
    }
    Ok(())
}
