//! The Inbox pane: everything that needs a person, soonest deadline first, with the selected
//! item's detail and the actions to act on it or dismiss it.

use crate::domain::attention::{AttentionItem, AttentionKind};
use crate::domain::role::Capability;
use crate::domain::time::{date_time, relative};
use crate::message::{InboxCommand, Topic};
use crate::store::views::InboxView;
use crate::ui::action::Action;
use crate::ui::flows::inbox;
use crate::ui::list_state::Cursor;
use crate::ui::loaded::Loaded;
use crate::ui::notice::{cannot_show, nothing_yet, notice};
use crate::ui::pane::{Nav, Pane, PaneSpec};
use crate::ui::shared::Shared;
use crate::ui::{Cx, RenderCtx, theme};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

pub const OPEN_ITEM: Action = Action::new("open-item", "open", "act on the selected item", inbox::open_item);
pub const DISMISS_ITEM: Action =
    Action::new("dismiss-item", "dismiss", "dismiss the selected item", |app, _| {
        match app.pane::<InboxPane>().and_then(|p| p.selected()) {
            Some(item) => vec![InboxCommand::ResolveAttention { key: item.key.clone() }.into()],
            None => vec![],
        }
    })
    .writes(Capability::Inbox);

pub const FILTER_KIND: Action =
    Action::new("filter-kind", "kind", "show one kind of item (cycles through those present), or all", |app, cx| {
        if let Some(p) = app.pane_mut::<InboxPane>() {
            let kinds = p.kinds();
            p.kind = match p.kind {
                None => kinds.first().copied(),
                Some(k) => kinds.iter().position(|x| *x == k).and_then(|i| kinds.get(i + 1)).copied(),
            };
            p.cursor.selected = 0;
            let shown = p.kind.map(|k| k.label()).unwrap_or("every kind");
            app.toast(format!("Inbox: {shown}"), false, cx.now);
        }
        vec![]
    });

pub const SPEC: PaneSpec = PaneSpec {
    table: "inbox",
    title: "Inbox",
    short: "Inb",
    help: "Inbox",
    go: Action::new("go-inbox", "inbox", "go to Inbox", |app, cx| {
        app.show::<InboxPane>(cx);
        vec![]
    }),
    key: 'i',
    actions: &[&OPEN_ITEM, &DISMISS_ITEM, &FILTER_KIND],
};

#[derive(Default)]
pub struct InboxPane {
    pub view: Loaded<InboxView>,
    pub cursor: Cursor,
    page: usize,
    /// Only this kind of item (None: every kind).
    pub kind: Option<AttentionKind>,
}

impl InboxPane {
    fn all(&self) -> &[AttentionItem] {
        self.view.ready().map(|v| v.items.as_slice()).unwrap_or(&[])
    }

    /// The items shown: every one, or those of the kind chosen.
    pub fn items(&self) -> Vec<&AttentionItem> {
        self.all().iter().filter(|i| self.kind.is_none_or(|k| i.kind == k)).collect()
    }

    /// The kinds present, in the order they first appear.
    pub fn kinds(&self) -> Vec<AttentionKind> {
        let mut out: Vec<AttentionKind> = Vec::new();
        for i in self.all() {
            if !out.contains(&i.kind) {
                out.push(i.kind);
            }
        }
        out
    }

    pub fn selected(&self) -> Option<&AttentionItem> {
        self.items().get(self.cursor.selected).copied()
    }
}

impl Pane for InboxPane {
    fn spec(&self) -> &'static PaneSpec {
        &SPEC
    }

    fn watches(&self, topic: &Topic, _shared: &Shared) -> bool {
        *topic == Topic::Inbox
    }

    fn load(&mut self, cx: &Cx, _shared: &Shared) {
        self.view = Loaded::from_result(cx.views.inbox());
        self.cursor.clamp(self.items().len());
    }

    fn navigate(&mut self, nav: Nav, _cx: &Cx, _shared: &Shared) {
        self.cursor.navigate(nav, self.items().len(), self.page);
    }

    fn badge(&self) -> Option<String> {
        Some(self.all().len().to_string())
    }

    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let items: Vec<AttentionItem> = self.items().into_iter().cloned().collect();
        let title = match self.kind {
            None => format!(" Inbox · {} open ", items.len()),
            Some(k) => format!(" Inbox · {} of {} open · kind: {} ", items.len(), self.all().len(), k.label()),
        };
        let block = Block::default().borders(Borders::ALL).title(Span::styled(title, theme::title()));
        if let Some(e) = self.view.error() {
            return notice(f, area, Some(block), cannot_show("the inbox", e));
        }
        if items.is_empty() {
            let explain = "Expiring authorizations, deauthorized shops, orders at risk of their ship-by time, \
                           cancellation requests and failed writes to TikTok show up here.";
            return notice(f, area, Some(block), nothing_yet("Nothing needs you right now.", explain));
        }
        let [table_area, detail_area] = Layout::vertical([Constraint::Min(3), Constraint::Length(4)]).areas(area);
        let height = table_area.height.saturating_sub(3) as usize;
        self.page = height.max(1);
        let offset = self.cursor.scroll(height);
        let widths = [Constraint::Length(8), Constraint::Length(20), Constraint::Fill(1)];
        let cols = crate::ui::chrome::boxed_columns(table_area, &widths, 1);
        let rows: Vec<Row> = items
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
                let cells = vec![
                    Span::styled(when, if overdue { theme::error() } else { ratatui::style::Style::new() }),
                    Span::styled(it.kind.label(), style),
                    Span::from(it.title.clone()),
                ];
                let row = crate::ui::chrome::fit_row(cells, &cols);
                if i == self.cursor.selected { row.style(theme::selected()) } else { row }
            })
            .collect();
        let table = Table::new(rows, widths)
            .header(Row::new(["Due", "Kind", "What"].map(|h| Cell::from(Span::styled(h, theme::title())))))
            .block(block)
            .column_spacing(1);
        f.render_widget(table, table_area);
        if let Some(it) = self.selected() {
            let mut lines = vec![Line::from(vec![
                Span::styled(it.title.clone(), theme::title()),
                Span::styled(
                    it.deadline.map(|d| format!("  · due {}", date_time(d))).unwrap_or_default(),
                    theme::dim(),
                ),
            ])];
            lines.push(Line::from(it.detail.clone()));
            f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), detail_area);
        }
    }
}
