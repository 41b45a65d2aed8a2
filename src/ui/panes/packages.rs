//! The Packages pane: packages to fulfil first, soonest ship-by first (overdue red, due within a
//! day yellow), then the rest newest first; with status, ship-by, carrier, the warehouse by name,
//! tracking, their split or combine tag and their orders (ORD-SPLIT-3PL2, ORD-COMBINE-3PL2: Seller Center's splits and
//! combines show here as TikTok reports them). Read a window at a time, like the Orders pane.

use crate::domain::package::Package;
use crate::domain::role::Capability;
use crate::domain::time::relative;
use crate::message::{FulfilmentCommand, Topic};
use crate::ui::action::Action;
use crate::ui::notice::{cannot_show, nothing_yet, notice};
use crate::ui::overlays::confirm::Confirm;
use crate::ui::paged::PagedWindow;
use crate::ui::pane::{Nav, Pane, PaneSpec};
use crate::ui::panes::orders::{DUE_SOON, detail};
use crate::ui::shared::Shared;
use crate::ui::{Cx, RenderCtx, theme};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Cell, Row, Table};

pub const OPEN_PACKAGE: Action = Action::new("open-package", "open", "open the package's first order", |app, cx| {
    match app.pane::<PackagesPane>().and_then(|p| p.selected()).and_then(|p| p.order_ids.first().cloned()) {
        Some(id) => detail::open(app, &id, cx),
        None => app.toast("No package selected", true, cx.now),
    }
    vec![]
});
pub const UNCOMBINE: Action =
    Action::new("uncombine", "uncombine", "split a combined package back into orders", |app, cx| {
        match app.pane::<PackagesPane>().and_then(|p| p.selected()).cloned() {
            Some(p) if p.order_ids.len() > 1 && !p.shipped() => app.push(Confirm::new(
                format!("Uncombine package {}?", p.id),
                format!("Orders {} go back to one package each; each ships on its own.", p.order_ids.join(", ")),
                FulfilmentCommand::Uncombine { package_id: p.id },
                true,
            )),
            Some(p) if p.shipped() => {
                app.toast(format!("Package {} has shipped: it can no longer be uncombined", p.id), true, cx.now)
            }
            Some(p) => app.toast(format!("Package {} holds one order: nothing to uncombine", p.id), true, cx.now),
            None => app.toast("No package selected", true, cx.now),
        }
        vec![]
    })
    .dangerous(Capability::Fulfilment);

pub const SPEC: PaneSpec = PaneSpec {
    table: "packages",
    title: "Packages",
    short: "Pkg",
    help: "Packages",
    go: Action::new("go-packages", "packages", "go to Packages", |app, cx| {
        app.show::<PackagesPane>(cx);
        vec![]
    }),
    key: 'p',
    actions: &[&OPEN_PACKAGE, &UNCOMBINE],
};

#[derive(Default)]
pub struct PackagesPane {
    pub window: PagedWindow<Package>,
}

impl PackagesPane {
    pub fn selected(&self) -> Option<&Package> {
        self.window.selected()
    }
}

impl Pane for PackagesPane {
    fn spec(&self) -> &'static PaneSpec {
        &SPEC
    }

    fn watches(&self, topic: &Topic, _shared: &Shared) -> bool {
        matches!(topic, Topic::Packages(_) | Topic::Shops)
    }

    fn load(&mut self, cx: &Cx, _shared: &Shared) {
        self.window.reload(&|after, limit| cx.views.packages(after, limit));
    }

    fn navigate(&mut self, nav: Nav, cx: &Cx, _shared: &Shared) {
        self.window.navigate(nav, &|after, limit| cx.views.packages(after, limit));
    }

    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let block = Block::default().borders(Borders::ALL).title(Span::styled(" Packages ", theme::title()));
        if let Some(e) = &self.window.error {
            return notice(f, area, Some(block), cannot_show("packages", e));
        }
        if self.window.rows().is_empty() {
            let explain = "TikTok creates a package for each order once it is paid; splits and combines show here too.";
            return notice(f, area, Some(block), nothing_yet("No packages yet.", explain));
        }
        let wide = area.width >= 110;
        let height = area.height.saturating_sub(3) as usize;
        self.window.page = height.max(1);
        let offset = self.window.cursor.scroll(height);
        // Ids are never cut: package, tracking and order columns keep their full width.
        let (header, widths): (Vec<&str>, Vec<Constraint>) = if wide {
            (
                vec!["Package", "Status", "Ship by", "Carrier", "Warehouse", "Tracking", "Orders"],
                vec![
                    Constraint::Length(19),
                    Constraint::Length(19),
                    Constraint::Length(7),
                    Constraint::Length(10),
                    Constraint::Length(14),
                    // A USPS tracking number has 22 digits: whole.
                    Constraint::Length(22),
                    Constraint::Fill(1),
                ],
            )
        } else {
            (
                vec!["Package", "Status", "Ship by", "Carrier", "Orders"],
                vec![
                    Constraint::Length(19),
                    Constraint::Length(11),
                    Constraint::Length(7),
                    Constraint::Length(10),
                    Constraint::Fill(1),
                ],
            )
        };
        // What does not fit its column is cut with an ellipsis, never silently.
        let cols = crate::ui::chrome::boxed_columns(area, &widths, 1);
        let rows: Vec<Row> = self
            .window
            .rows()
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, p)| self.row(p, i, wide, ctx, &cols))
            .collect();
        let table = Table::new(rows, widths)
            .header(Row::new(header.into_iter().map(|h| Cell::from(Span::styled(h, theme::title())))))
            .block(block)
            .column_spacing(1);
        f.render_widget(table, area);
    }
}

impl PackagesPane {
    fn row(&self, p: &Package, i: usize, wide: bool, ctx: &RenderCtx, cols: &[u16]) -> Row<'static> {
        let status = p.status.to_lowercase().replace('_', " ");
        let status_style = if p.shipped() { theme::ok() } else { theme::warn() };
        let tag = match p.tag.as_str() {
            "" | "DEFAULT" => String::new(),
            "COMBINE" => "combined".into(),
            t => t.to_lowercase(),
        };
        let orders = match p.order_ids.as_slice() {
            [] => "-".to_string(),
            [one] => one.clone(),
            [first, rest @ ..] => format!("{first} +{}", rest.len()),
        };
        let (due, due_style) = match p.ship_by.filter(|_| p.to_fulfil()) {
            Some(t) if t <= ctx.now => (relative(t, ctx.now), theme::error()),
            Some(t) if t <= ctx.now + DUE_SOON => (relative(t, ctx.now).replace("in ", ""), theme::warn()),
            Some(t) => (relative(t, ctx.now).replace("in ", ""), ratatui::style::Style::new()),
            None => ("-".into(), theme::dim()),
        };
        let carrier = if p.shipping_type == "TIKTOK" {
            "TikTok".to_string()
        } else {
            p.shipping_provider_name.clone().unwrap_or_else(|| "-".into())
        };
        let status = match (wide, tag.is_empty()) {
            (true, false) => format!("{status}·{tag}"),
            _ => status,
        };
        let mut cells = vec![
            Span::from(p.id.clone()),
            Span::styled(status, status_style),
            Span::styled(due, due_style),
            Span::from(carrier),
        ];
        if wide {
            cells.push(Span::from(warehouse_name(ctx.shared.carriers.ready(), &p.warehouse_id)));
            cells.push(Span::from(p.tracking_number.clone().unwrap_or_else(|| "-".into())));
        }
        cells.push(Span::from(orders));
        let row = crate::ui::chrome::fit_row(cells, cols);
        if i == self.window.cursor.selected { row.style(theme::selected()) } else { row }
    }
}

/// A warehouse by its name (its id when the name is not known yet).
pub fn warehouse_name(view: Option<&crate::store::views::MappingView>, id: &str) -> String {
    match view.and_then(|v| v.warehouses.iter().find(|w| w.id == id)) {
        Some(w) if !w.name.is_empty() => w.name.clone(),
        _ if id.is_empty() => "-".into(),
        _ => id.to_string(),
    }
}
