//! The Packages pane: packages newest first with status, carrier, tracking, their split or
//! combine tag and their orders (ORD-SPLIT-3PL2, ORD-COMBINE-3PL2: Seller Center's splits and
//! combines show here as TikTok reports them). Read a window at a time, like the Orders pane.

use crate::domain::package::Package;
use crate::domain::time::relative;
use crate::ui::RenderCtx;
use crate::ui::action::Action;
use crate::ui::list_state::Cursor;
use crate::ui::theme;
use crate::ui::view::ViewSource;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

const WINDOW: usize = 200;

#[derive(Default)]
pub struct PackagesPane {
    pub rows: Vec<Package>,
    keys: Vec<String>,
    start: Option<String>,
    back: Vec<Option<String>>,
    more: bool,
    pub cursor: Cursor,
    pub error: Option<String>,
    page: usize,
    /// Shop labels by id, for the table.
    pub shops: Vec<(String, String)>,
}

impl PackagesPane {
    pub fn reload(&mut self, views: &dyn ViewSource) {
        match views.packages(self.start.as_deref(), WINDOW) {
            Ok((rows, keys, more)) => {
                self.rows = rows;
                self.keys = keys;
                self.more = more;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
        self.cursor.clamp(self.rows.len());
    }

    pub fn selected(&self) -> Option<&Package> {
        self.rows.get(self.cursor.selected)
    }

    fn forward(&mut self, views: &dyn ViewSource) -> bool {
        let Some(last) = self.keys.last().cloned().filter(|_| self.more) else { return false };
        self.back.push(self.start.replace(last));
        self.reload(views);
        self.cursor = Cursor::default();
        true
    }

    fn backward(&mut self, views: &dyn ViewSource) -> bool {
        let Some(prev) = self.back.pop() else { return false };
        self.start = prev;
        self.reload(views);
        self.cursor.last(self.rows.len());
        true
    }

    pub fn navigate(&mut self, a: Action, views: &dyn ViewSource) {
        let len = self.rows.len();
        let at_end = self.cursor.selected + 1 >= len;
        match a {
            Action::SelectNext if at_end => {
                self.forward(views);
            }
            Action::SelectPrev if self.cursor.selected == 0 => {
                self.backward(views);
            }
            Action::PageDown if self.cursor.selected + self.page >= len && self.more => {
                self.forward(views);
            }
            Action::PageUp if self.cursor.selected < self.page && !self.back.is_empty() => {
                self.backward(views);
            }
            Action::SelectFirst => {
                self.start = None;
                self.back.clear();
                self.cursor = Cursor::default();
                self.reload(views);
            }
            other => self.cursor.navigate(other, len, self.page),
        }
    }

    pub fn render(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let block = Block::default().borders(Borders::ALL).title(Span::styled(" Packages ", theme::title()));
        if let Some(e) = &self.error {
            let p =
                Paragraph::new(Line::styled(format!("Cannot show packages: {e}"), theme::error())).block(block).wrap(Wrap { trim: true });
            f.render_widget(p, area);
            return;
        }
        if self.rows.is_empty() {
            let p = Paragraph::new(vec![
                Line::from("No packages yet."),
                Line::styled("TikTok creates a package for each order once it is paid; splits and combines show here too.", theme::dim()),
            ])
            .block(block)
            .wrap(Wrap { trim: true });
            f.render_widget(p, area);
            return;
        }
        let wide = area.width >= 110;
        let height = area.height.saturating_sub(3) as usize;
        self.page = height.max(1);
        let offset = self.cursor.scroll(height);
        let rows: Vec<Row> = self.rows.iter().enumerate().skip(offset).take(height).map(|(i, p)| self.row(p, i, wide, ctx)).collect();
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
                vec![Constraint::Length(19), Constraint::Length(11), Constraint::Length(8), Constraint::Length(18), Constraint::Fill(1)],
            )
        };
        let table = Table::new(rows, widths)
            .header(Row::new(header.into_iter().map(|h| Cell::from(Span::styled(h, theme::title())))))
            .block(block)
            .column_spacing(1);
        f.render_widget(table, area);
    }

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
            cells.push(Cell::from(self.shops.iter().find(|s| s.0 == p.shop_id).map(|s| s.1.clone()).unwrap_or_else(|| p.shop_id.clone())));
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
        if i == self.cursor.selected { row.style(theme::selected()) } else { row }
    }
}
