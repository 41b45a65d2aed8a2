//! The Packages pane: packages newest first with status, carrier, tracking, their split or
//! combine tag and their orders (ORD-SPLIT-3PL2, ORD-COMBINE-3PL2: Seller Center's splits and
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
use crate::ui::panes::orders::detail;
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
        let rows: Vec<Row> = self
            .window
            .rows()
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, p)| self.row(p, i, wide, ctx))
            .collect();
        let (header, widths): (Vec<&str>, Vec<Constraint>) = if wide {
            (
                vec!["Package", "Shop", "Status", "Tag", "Carrier", "Tracking", "Orders", "Updated"],
                vec![
                    Constraint::Length(19),
                    Constraint::Length(12),
                    Constraint::Length(11),
                    Constraint::Length(9),
                    Constraint::Length(12),
                    Constraint::Length(19),
                    Constraint::Fill(1),
                    Constraint::Length(8),
                ],
            )
        } else {
            (
                vec!["Package", "Status", "Tag", "Tracking", "Orders"],
                vec![
                    Constraint::Length(19),
                    Constraint::Length(11),
                    Constraint::Length(8),
                    Constraint::Length(18),
                    Constraint::Fill(1),
                ],
            )
        };
        let table = Table::new(rows, widths)
            .header(Row::new(header.into_iter().map(|h| Cell::from(Span::styled(h, theme::title())))))
            .block(block)
            .column_spacing(1);
        f.render_widget(table, area);
    }
}

impl PackagesPane {
    fn row(&self, p: &Package, i: usize, wide: bool, ctx: &RenderCtx) -> Row<'static> {
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
        let tracking = p.tracking_number.clone().unwrap_or_else(|| "-".into());
        let mut cells = vec![Cell::from(p.id.clone())];
        if wide {
            let label = ctx.shared.shop_label(&p.shop_id);
            cells.push(Cell::from(if label.is_empty() { p.shop_id.clone() } else { label }));
        }
        cells.push(Cell::from(Span::styled(status, status_style)));
        cells.push(Cell::from(Span::styled(tag, theme::key())));
        if wide {
            let carrier = if p.shipping_type == "TIKTOK" {
                "TikTok".to_string()
            } else {
                p.shipping_provider_name.clone().unwrap_or_else(|| "-".into())
            };
            cells.push(Cell::from(carrier));
        }
        cells.push(Cell::from(tracking));
        cells.push(Cell::from(orders));
        if wide {
            cells.push(Cell::from(Span::styled(relative(p.update_time, ctx.now), theme::dim())));
        }
        let row = Row::new(cells);
        if i == self.window.cursor.selected { row.style(theme::selected()) } else { row }
    }
}
