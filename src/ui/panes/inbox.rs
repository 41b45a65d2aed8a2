//! The Inbox pane: everything that needs a person, soonest deadline first, with the selected
//! item's detail and the actions to act on it or dismiss it.

use crate::domain::attention::{AttentionItem, AttentionKind};
use crate::domain::time::{date_time, relative};
use crate::ui::RenderCtx;
use crate::ui::action::Action;
use crate::ui::list_state::Cursor;
use crate::ui::theme;
use crate::ui::view::InboxView;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

#[derive(Default)]
pub struct InboxPane {
    pub view: InboxView,
    pub error: Option<String>,
    pub cursor: Cursor,
    page: usize,
}

impl InboxPane {
    pub fn set(&mut self, view: Result<InboxView, String>) {
        match view {
            Ok(v) => {
                self.view = v;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
        self.cursor.clamp(self.view.items.len());
    }

    pub fn selected(&self) -> Option<&AttentionItem> {
        self.view.items.get(self.cursor.selected)
    }

    pub fn navigate(&mut self, a: Action) {
        self.cursor.navigate(a, self.view.items.len(), self.page);
    }

    pub fn render(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let title = format!(" Inbox · {} open ", self.view.items.len());
        let block = Block::default().borders(Borders::ALL).title(Span::styled(title, theme::title()));
        if let Some(e) = &self.error {
            f.render_widget(
                Paragraph::new(Line::styled(format!("Cannot show the inbox: {e}"), theme::error())).block(block).wrap(Wrap { trim: true }),
                area,
            );
            return;
        }
        if self.view.items.is_empty() {
            let p = Paragraph::new(vec![
                Line::from("Nothing needs you right now."),
                Line::styled(
                    "Expiring authorizations, deauthorized shops, orders at risk of their ship-by time, cancellation requests and failed writes to TikTok show up here.",
                    theme::dim(),
                ),
            ])
            .block(block)
            .wrap(Wrap { trim: true });
            f.render_widget(p, area);
            return;
        }
        let [table_area, detail_area] = Layout::vertical([Constraint::Min(3), Constraint::Length(4)]).areas(area);
        let height = table_area.height.saturating_sub(3) as usize;
        self.page = height.max(1);
        let offset = self.cursor.scroll(height);
        let rows: Vec<Row> = self
            .view
            .items
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, it)| {
                let when = it.deadline.map(|d| relative(d, ctx.now)).unwrap_or_else(|| "-".into());
                let style = match it.kind {
                    AttentionKind::Reauthorize => theme::warn(),
                    AttentionKind::Notice => theme::ok(),
                    _ => theme::error(),
                };
                let overdue = it.deadline.is_some_and(|d| d <= ctx.now);
                let row = Row::new(vec![
                    Cell::from(Span::styled(when, if overdue { theme::error() } else { ratatui::style::Style::new() })),
                    Cell::from(Span::styled(it.kind.label(), style)),
                    Cell::from(it.title.clone()),
                ]);
                if i == self.cursor.selected { row.style(theme::selected()) } else { row }
            })
            .collect();
        let table = Table::new(rows, [Constraint::Length(8), Constraint::Length(20), Constraint::Fill(1)])
            .header(Row::new(["Due", "Kind", "What"].map(|h| Cell::from(Span::styled(h, theme::title())))))
            .block(block)
            .column_spacing(1);
        f.render_widget(table, table_area);
        if let Some(it) = self.selected() {
            let mut lines = vec![Line::from(vec![
                Span::styled(it.title.clone(), theme::title()),
                Span::styled(it.deadline.map(|d| format!("  · due {}", date_time(d))).unwrap_or_default(), theme::dim()),
            ])];
            lines.push(Line::from(it.detail.clone()));
            f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), detail_area);
        }
    }
}
