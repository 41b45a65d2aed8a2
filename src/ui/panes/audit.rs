//! The Audit pane: who did what, newest first: every write, from a console or a script, with
//! the OS user, their role, where they acted from (console, command, the engine's own work)
//! and the outcome; refusals too. Filtered to one user or to failures; read a window at a time.

use crate::domain::audit::{AuditEntry, AuditQuery, Outcome};
use crate::domain::time::{date_time, relative};
use crate::message::Topic;
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::notice::{cannot_show, nothing_yet, notice};
use crate::ui::overlays::picker::{PickItem, Picker};
use crate::ui::paged::PagedWindow;
use crate::ui::pane::{Nav, Pane, PaneSpec};
use crate::ui::shared::Shared;
use crate::ui::{Cx, RenderCtx, theme};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

pub const AUDIT_USER: Action = Action::new("audit-user", "user", "show one user's entries, or everyone's", pick_user);
pub const AUDIT_FAILURES: Action =
    Action::new("audit-failures", "failures", "show failures and refusals only, or everything", |app, cx| {
        if let Some(p) = app.pane_mut::<AuditPane>() {
            p.query.failures = !p.query.failures;
            p.restart(cx);
        }
        vec![]
    });

pub const SPEC: PaneSpec = PaneSpec {
    table: "audit",
    title: "Audit",
    short: "Aud",
    help: "Audit",
    go: Action::new("go-audit", "audit", "go to Audit", |app, cx| {
        app.show::<AuditPane>(cx);
        vec![]
    }),
    key: 'a',
    actions: &[&AUDIT_USER, &AUDIT_FAILURES],
};

fn pick_user(app: &mut App, cx: &Cx) -> Vec<crate::message::Command> {
    let users = match cx.views.audit_users() {
        Ok(u) => u,
        Err(e) => {
            app.toast(format!("Cannot read the audit log: {e}"), true, cx.now);
            return vec![];
        }
    };
    let mut items = vec![PickItem::new("everyone", "every user's entries and the engine's own work")];
    items.extend(users.iter().map(|u| PickItem::new(u.clone(), "")));
    app.push(Picker::one("Show whose entries", "Users who acted lately:", items, move |app, chosen, cx| {
        let user = chosen.first().and_then(|i| i.checked_sub(1)).and_then(|i| users.get(i).cloned());
        if let Some(p) = app.pane_mut::<AuditPane>() {
            p.query.user = user;
            p.restart(cx);
        }
        vec![]
    }));
    vec![]
}

#[derive(Default)]
pub struct AuditPane {
    pub window: PagedWindow<AuditEntry>,
    pub query: AuditQuery,
}

impl AuditPane {
    pub fn selected(&self) -> Option<&AuditEntry> {
        self.window.selected()
    }

    fn restart(&mut self, cx: &Cx) {
        let q = self.query.clone();
        self.window.restart(&|after, limit| cx.views.audit(&q, after, limit));
    }
}

impl Pane for AuditPane {
    fn spec(&self) -> &'static PaneSpec {
        &SPEC
    }

    /// Every write leaves an entry, and every write changes something.
    fn watches(&self, topic: &Topic, _shared: &Shared) -> bool {
        !matches!(topic, Topic::Webhooks)
    }

    fn load(&mut self, cx: &Cx, _shared: &Shared) {
        let q = self.query.clone();
        self.window.reload(&|after, limit| cx.views.audit(&q, after, limit));
    }

    fn navigate(&mut self, nav: Nav, cx: &Cx, _shared: &Shared) {
        let q = self.query.clone();
        self.window.navigate(nav, &|after, limit| cx.views.audit(&q, after, limit));
    }

    fn render(&mut self, f: &mut Frame, area: Rect, ctx: &RenderCtx) {
        let who = self.query.user.as_deref().unwrap_or("everyone");
        let what = if self.query.failures { " · failures only" } else { "" };
        let title = format!(" Audit · {who}{what} ");
        let block = Block::default().borders(Borders::ALL).title(Span::styled(title, theme::title()));
        if let Some(e) = &self.window.error {
            return notice(f, area, Some(block), cannot_show("the audit log", e));
        }
        if self.window.rows().is_empty() {
            let headline = if self.query == AuditQuery::default() { "Nothing done yet." } else { "No entries match." };
            let explain = "Every write (shipping, cancelling, connecting, mapping, listing), who made it and how it \
                           ended, shows here, and every action refused to a role.";
            return notice(f, area, Some(block), nothing_yet(headline, explain));
        }
        let [table_area, detail_area] = Layout::vertical([Constraint::Min(3), Constraint::Length(3)]).areas(area);
        let wide = area.width >= 110;
        let height = table_area.height.saturating_sub(3) as usize;
        self.window.page = height.max(1);
        let offset = self.window.cursor.scroll(height);
        let selected = self.window.cursor.selected;
        let (header, widths): (Vec<&str>, Vec<Constraint>) = if wide {
            (
                vec!["When", "User", "Role", "Via", "What", "Target", "Outcome"],
                vec![
                    Constraint::Length(8),
                    Constraint::Length(10),
                    Constraint::Length(9),
                    Constraint::Length(7),
                    Constraint::Length(22),
                    // "ship order " and a 19-digit id: an id is never cut.
                    Constraint::Length(30),
                    Constraint::Fill(1),
                ],
            )
        } else {
            (
                vec!["When", "User", "What", "Outcome"],
                vec![Constraint::Length(8), Constraint::Length(10), Constraint::Length(22), Constraint::Fill(1)],
            )
        };
        let cols = crate::ui::chrome::boxed_columns(table_area, &widths, 1);
        let rows = crate::ui::chrome::visible_rows(self.window.rows(), (offset, height, selected), &cols, |e| {
            cells(e, wide, ctx.now)
        });
        let table = Table::new(rows, widths)
            .header(Row::new(header.into_iter().map(|h| Cell::from(Span::styled(h, theme::title())))))
            .block(block)
            .column_spacing(1);
        f.render_widget(table, table_area);
        if let Some(e) = self.selected() {
            let lines = vec![
                Line::from(vec![
                    Span::styled(format!("{} ", e.command), theme::title()),
                    Span::styled(format!("by {} at {}", e.actor, date_time(e.at)), theme::dim()),
                ]),
                Line::from(if e.target.is_empty() {
                    e.outcome.to_string()
                } else {
                    format!("{}: {}", e.target, e.outcome)
                }),
            ];
            f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), detail_area);
        }
    }
}

fn cells(e: &AuditEntry, wide: bool, now: i64) -> Vec<Span<'static>> {
    let user = if e.user.is_empty() { "engine".to_string() } else { e.user.clone() };
    let outcome = match &e.outcome {
        Outcome::Ok(m) if m.is_empty() => Span::styled("ok", theme::ok()),
        Outcome::Ok(m) => Span::styled(m.clone(), theme::ok()),
        Outcome::Failed(m) => Span::styled(m.clone(), theme::error()),
    };
    let mut cells = vec![Span::styled(relative(e.at, now), theme::dim()), Span::from(user)];
    if wide {
        cells.push(Span::from(e.role.map(|r| r.name()).unwrap_or("-")));
        cells.push(Span::from(if e.via.is_empty() { "-".to_string() } else { e.via.clone() }));
    }
    cells.push(Span::from(e.command.clone()));
    if wide {
        cells.push(Span::from(e.target.clone()));
    }
    cells.push(outcome);
    cells
}
