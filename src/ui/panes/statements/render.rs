//! Drawing the Statements pane: the section tabs, each section's table, a statement's
//! transactions and an order's SKU breakdown. Names of products and SKUs are made inert.

use super::{Section, StatementsPane};
use crate::domain::text::inert_line;
use crate::domain::time::date;
use crate::store::views::FinanceView;
use crate::ui::notice::{cannot_show, nothing_yet, notice};
use crate::ui::{RenderCtx, theme};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};
use rust_decimal::Decimal;

fn m(d: Decimal) -> String {
    format!("{:.2}", d)
}

fn block(title: String) -> Block<'static> {
    Block::default().borders(Borders::ALL).title(Span::styled(title, theme::title()))
}

pub fn draw(p: &mut StatementsPane, f: &mut Frame, area: Rect, _ctx: &RenderCtx) {
    let v = match &p.view {
        crate::ui::loaded::Loaded::Ready(v) => v.clone(),
        crate::ui::loaded::Loaded::Failed(e) => {
            return notice(f, area, Some(block(" Statements ".into())), cannot_show("the statements", e));
        }
        crate::ui::loaded::Loaded::Loading => FinanceView::default(),
    };
    let shop = v
        .shops
        .iter()
        .find(|(id, _)| Some(id) == v.shop_id.as_ref())
        .map(|(_, n)| inert_line(n).into_owned())
        .unwrap_or_default();
    if v.shop_id.is_none() {
        let explain = "Statements, payments and withdrawals show here once a shop is connected and its finance \
                       synced (daily, or r to pull now).";
        return notice(f, area, Some(block(" Statements ".into())), nothing_yet("No statements yet.", explain));
    }
    let wide = area.width >= 110;
    if p.query.order_id.is_some() {
        return order(p, &v, f, area, wide);
    }
    if p.query.statement_id.is_some() {
        return detail(p, &v, f, area, wide);
    }
    let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let mut spans = vec![Span::styled(format!(" {shop} "), theme::title())];
    for s in Section::ALL {
        let style = if s == p.section { theme::tab_active() } else { theme::tab() };
        spans.push(Span::styled(format!(" {} ", s.label()), style));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), tabs);
    let height = body.height.saturating_sub(3) as usize;
    let offset = p.cursor.scroll(height);
    let sel = p.cursor.selected;
    let (header, widths, rows): (Vec<&str>, Vec<Constraint>, Vec<Vec<Span>>) = match p.section {
        Section::Statements => statements(&v, wide),
        Section::Payments => payments(&v, wide),
        Section::Withdrawals => (
            vec!["Created", "Withdrawal", "Type", "Status", "Amount"],
            vec![
                Constraint::Length(10),
                Constraint::Length(20),
                Constraint::Length(8),
                Constraint::Length(10),
                Constraint::Fill(1),
            ],
            v.withdrawals
                .iter()
                .map(|w| {
                    vec![
                        Span::from(date(w.create_time)),
                        Span::from(w.id.clone()),
                        Span::from(w.kind.clone()),
                        status(&w.status),
                        Span::from(format!("{} {}", m(w.amount), w.currency)),
                    ]
                })
                .collect(),
        ),
        Section::Unsettled => (
            vec!["Order", "Created", "Estimate", "When", "Why"],
            vec![
                Constraint::Length(19),
                Constraint::Length(10),
                Constraint::Length(14),
                Constraint::Length(18),
                Constraint::Fill(1),
            ],
            v.unsettled
                .iter()
                .map(|u| {
                    let when =
                        u.estimated_settlement.parse::<i64>().map(date).unwrap_or(u.estimated_settlement.clone());
                    vec![
                        Span::from(u.order_id.clone()),
                        Span::from(date(u.order_create_time)),
                        Span::from(format!("{} {}", m(u.estimate.settlement), u.currency)),
                        Span::from(when),
                        Span::from(inert_line(&u.reason).into_owned()),
                    ]
                })
                .collect(),
        ),
        Section::Breaks => breaks(&v),
    };
    let title = format!(" {} · {} ", p.section.label(), summary(&v));
    if rows.is_empty() {
        let what = format!("No {} for this shop.", p.section.label().to_lowercase());
        return notice(f, body, Some(block(title)), nothing_yet(what, "Press r to pull from TikTok now."));
    }
    let cols = crate::ui::chrome::boxed_columns(body, &widths, 1);
    let rows: Vec<Row> = rows
        .into_iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, c)| {
            let r = crate::ui::chrome::fit_row(c, &cols);
            if i == sel { r.style(theme::selected()) } else { r }
        })
        .collect();
    let t = Table::new(rows, widths)
        .header(Row::new(header.into_iter().map(|h| Cell::from(Span::styled(h, theme::title())))))
        .block(block(title))
        .column_spacing(1);
    f.render_widget(t, body);
}

fn summary(v: &FinanceView) -> String {
    let r = &v.report;
    if r.reconciles() {
        format!("{} statements · reconciles ✔", v.statements.len())
    } else {
        format!("{} statements · {} break(s)", v.statements.len(), r.breaks.len())
    }
}

fn status(s: &str) -> Span<'static> {
    let style = match s {
        "PAID" | "SUCCESS" => theme::ok(),
        "FAILED" => theme::error(),
        _ => theme::dim(),
    };
    Span::styled(s.to_string(), style)
}

fn mark(off: Option<Decimal>, pulled: bool) -> Span<'static> {
    match (pulled, off) {
        (false, _) => Span::styled("…", theme::dim()),
        (true, None) => Span::styled("✔", theme::ok()),
        (true, Some(d)) => Span::styled(format!("{d:+.2}"), theme::error()),
    }
}

type Cols = (Vec<&'static str>, Vec<Constraint>, Vec<Vec<Span<'static>>>);

fn statements(v: &FinanceView, wide: bool) -> Cols {
    let rows = v
        .statements
        .iter()
        .map(|l| {
            let (s, t) = (&l.statement, &l.statement.totals);
            let mut c = vec![Span::from(date(s.time)), Span::from(format!("{} {}", m(t.settlement), s.currency))];
            if wide {
                c.extend([
                    Span::from(m(t.revenue)),
                    Span::from(m(t.fee_tax)),
                    Span::from(m(t.shipping)),
                    Span::from(m(t.adjustment)),
                    Span::from(m(t.reserve)),
                ]);
            } else {
                c.push(Span::from(m(t.fee_tax)));
            }
            c.extend([status(&s.payment_status), mark(l.off, l.pulled)]);
            c
        })
        .collect();
    if wide {
        (
            vec!["Day", "Settlement", "Revenue", "Fees+tax", "Shipping", "Adjust", "Reserve", "Payment", "Rec"],
            vec![
                Constraint::Length(10),
                Constraint::Length(14),
                Constraint::Length(10),
                Constraint::Length(10),
                Constraint::Length(10),
                Constraint::Length(8),
                Constraint::Length(8),
                Constraint::Length(10),
                Constraint::Fill(1),
            ],
            rows,
        )
    } else {
        (
            vec!["Day", "Settlement", "Fees+tax", "Payment", "Rec"],
            vec![
                Constraint::Length(10),
                Constraint::Length(14),
                Constraint::Length(9),
                Constraint::Length(10),
                Constraint::Fill(1),
            ],
            rows,
        )
    }
}

fn payments(v: &FinanceView, wide: bool) -> Cols {
    let rows = v
        .payments
        .iter()
        .map(|(p, paid)| {
            let mut c = vec![
                Span::from(date(p.create_time)),
                status(&p.status),
                Span::from(format!("{} {}", m(p.amount), p.currency)),
            ];
            if wide {
                c.extend([
                    Span::from(format!("{} {}", m(p.before_exchange), p.before_currency)),
                    Span::from(p.exchange_rate.to_string()),
                    Span::from(m(p.reserve)),
                ]);
            }
            c.push(Span::from(
                paid.iter()
                    .map(|s| s.chars().rev().take(6).collect::<String>().chars().rev().collect())
                    .collect::<Vec<String>>()
                    .join(" "),
            ));
            c
        })
        .collect();
    if wide {
        (
            vec!["Created", "Status", "Paid", "Before exchange", "Rate", "Reserve", "Statements (id ends)"],
            vec![
                Constraint::Length(10),
                Constraint::Length(10),
                Constraint::Length(14),
                Constraint::Length(16),
                Constraint::Length(9),
                Constraint::Length(8),
                Constraint::Fill(1),
            ],
            rows,
        )
    } else {
        (
            vec!["Created", "Status", "Paid", "Statements"],
            vec![Constraint::Length(10), Constraint::Length(10), Constraint::Length(14), Constraint::Fill(1)],
            rows,
        )
    }
}

fn breaks(v: &FinanceView) -> Cols {
    let mut rows: Vec<Vec<Span>> = v
        .report
        .breaks
        .iter()
        .map(|b| {
            vec![
                Span::styled(b.link.clone(), theme::error()),
                Span::from(b.subject.clone()),
                Span::from(b.what.clone()),
                Span::from(format!("{} ≠ {} {}", m(b.left), m(b.right), b.currency)),
                Span::from(b.note.clone()),
            ]
        })
        .collect();
    rows.extend(v.report.flags.iter().map(|x| {
        vec![
            Span::styled(x.kind.clone(), theme::warn()),
            Span::from(x.subject.clone()),
            Span::from(""),
            Span::from(format!("{} {}", m(x.amount), x.currency)),
            Span::from(inert_line(&x.note).into_owned()),
        ]
    }));
    (
        vec!["Link", "Subject", "What", "TikTok ≠ expected", "Why"],
        vec![
            Constraint::Length(10),
            Constraint::Length(19),
            Constraint::Length(10),
            Constraint::Length(24),
            Constraint::Fill(1),
        ],
        rows,
    )
}

fn detail(p: &mut StatementsPane, v: &FinanceView, f: &mut Frame, area: Rect, wide: bool) {
    let Some((s, txs, brk)) = &v.detail else {
        return notice(f, area, Some(block(" Statement ".into())), nothing_yet("No such statement.", "esc: back"));
    };
    let t = &s.totals;
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(area);
    let rec = if brk.is_empty() {
        Span::styled("reconciles ✔".to_string(), theme::ok())
    } else {
        let b: Vec<String> = brk.iter().map(|b| format!("{} {} ≠ {}", b.what, m(b.left), m(b.right))).collect();
        Span::styled(b.join("; "), theme::error())
    };
    let lines = vec![
        Line::from(vec![
            Span::styled(format!(" {} · {} · ", date(s.time), s.currency), theme::title()),
            Span::raw(format!(
                "settlement {} revenue {} fees {} shipping {} adj {} reserve {} · {} ",
                m(t.settlement),
                m(t.revenue),
                m(t.fee_tax),
                m(t.shipping),
                m(t.adjustment),
                m(t.reserve),
                s.payment_status
            )),
        ]),
        Line::from(vec![Span::raw(" "), rec]),
    ];
    f.render_widget(Paragraph::new(lines), head);
    let height = body.height.saturating_sub(3) as usize;
    let offset = p.detail_cursor.scroll(height);
    let sel = p.detail_cursor.selected;
    let (header, widths) = if wide {
        (
            vec!["Type", "Order / reserve", "Revenue", "Shipping", "Fees+tax", "Adjust", "Reserve", "Settlement"],
            vec![
                Constraint::Length(24),
                Constraint::Length(20),
                Constraint::Length(10),
                Constraint::Length(10),
                Constraint::Length(10),
                Constraint::Length(8),
                Constraint::Length(8),
                Constraint::Fill(1),
            ],
        )
    } else {
        (
            vec!["Type", "Order / reserve", "Revenue", "Settlement"],
            vec![Constraint::Length(22), Constraint::Length(20), Constraint::Length(10), Constraint::Fill(1)],
        )
    };
    let cols = crate::ui::chrome::boxed_columns(body, &widths, 1);
    let rows: Vec<Row> = txs
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, x)| {
            let subject = if x.order_id.is_empty() { x.reserve_id.clone() } else { x.order_id.clone() };
            let kind = if x.is_sample() { "SAMPLE".to_string() } else { x.kind.clone() };
            let mut c = vec![Span::from(kind), Span::from(subject), Span::from(m(x.totals.revenue))];
            if wide {
                c.extend([
                    Span::from(m(x.totals.shipping)),
                    Span::from(m(x.totals.fee_tax)),
                    Span::from(m(x.totals.adjustment)),
                    Span::from(m(x.totals.reserve)),
                ]);
            }
            c.push(Span::from(m(x.totals.settlement)));
            let r = crate::ui::chrome::fit_row(c, &cols);
            if i == sel { r.style(theme::selected()) } else { r }
        })
        .collect();
    let title = format!(" Statement {} · {} transaction(s) · enter: order · esc: back ", s.id, txs.len());
    let t = Table::new(rows, widths)
        .header(Row::new(header.into_iter().map(|h| Cell::from(Span::styled(h, theme::title())))))
        .block(block(title))
        .column_spacing(1);
    f.render_widget(t, body);
}

fn order(p: &mut StatementsPane, v: &FinanceView, f: &mut Frame, area: Rect, wide: bool) {
    let id = p.query.order_id.clone().unwrap_or_default();
    let Some(o) = &v.order else {
        let lines = nothing_yet(format!("Reading order {id}'s money from TikTok…"), "esc: back");
        return notice(f, area, Some(block(format!(" Order {id} "))), lines);
    };
    let height = area.height.saturating_sub(3) as usize;
    let offset = p.detail_cursor.scroll(height);
    let sel = p.detail_cursor.selected;
    let (header, widths) = if wide {
        (
            vec!["Item", "Qty", "Revenue", "Commission", "Tx fee", "Affiliate", "VAT", "Shipping", "Settlement"],
            vec![
                Constraint::Fill(1),
                Constraint::Length(4),
                Constraint::Length(9),
                Constraint::Length(10),
                Constraint::Length(8),
                Constraint::Length(9),
                Constraint::Length(7),
                Constraint::Length(9),
                Constraint::Length(10),
            ],
        )
    } else {
        (
            vec!["Item", "Qty", "Revenue", "Commission", "Tx fee", "Settlement"],
            vec![
                Constraint::Fill(1),
                Constraint::Length(4),
                Constraint::Length(9),
                Constraint::Length(10),
                Constraint::Length(8),
                Constraint::Length(10),
            ],
        )
    };
    let cols = crate::ui::chrome::boxed_columns(area, &widths, 1);
    let rows: Vec<Row> = o
        .skus
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, k)| {
            let item = inert_line(&format!("{} · {}", k.product_name, k.sku_name)).into_owned();
            let mut c = vec![
                Span::from(item),
                Span::from(k.quantity.to_string()),
                Span::from(m(k.totals.revenue)),
                Span::from(m(k.parts.commission)),
                Span::from(m(k.parts.transaction_fee)),
            ];
            if wide {
                c.extend([
                    Span::from(m(k.parts.affiliate)),
                    Span::from(m(k.parts.vat)),
                    Span::from(m(k.totals.shipping)),
                ]);
            }
            c.push(Span::from(m(k.totals.settlement)));
            let r = crate::ui::chrome::fit_row(c, &cols);
            if i == sel { r.style(theme::selected()) } else { r.style(Style::default()) }
        })
        .collect();
    let t = &o.totals;
    let title = format!(
        " Order {id} · settled {} {} (revenue {}, fees {}, shipping {}) · esc: back ",
        m(t.settlement),
        o.currency,
        m(t.revenue),
        m(t.fee_tax),
        m(t.shipping)
    );
    let table = Table::new(rows, widths)
        .header(Row::new(header.into_iter().map(|h| Cell::from(Span::styled(h, theme::title())))))
        .block(block(title))
        .column_spacing(1);
    f.render_widget(table, area);
}
