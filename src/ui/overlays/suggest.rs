//! TikTok's recommended title and description beside the ones there now (CAT-NFOQUAL-TITLEDESC),
//! one choice per field: keep what is there (`k`), take TikTok's (`t`), or edit (`e`: the
//! console's one text editor, `ui::field` in a prompt, prefilled with TikTok's text or the edit
//! so far; enter keeps the edit if TikTok's rules take it, esc drops it). `↑`/`↓` (Tab) pick the
//! field, enter goes on to the diff (nothing is sent from here), esc cancels the whole change.
//!
//! Two columns (now | TikTok's) from [`COLUMNS_FROM`] columns inside the box, as at 120 wide;
//! narrower, as at 80 wide, the two are stacked, each the box's full width. Side by side at 80
//! each column would be about 36 characters, so a 100-character recommended title wraps to three
//! lines beside a one-line current title and a description fills the box after a few words;
//! stacked, every text gets twice the width and reads in half the lines, with the same labels
//! and the same keys.

use crate::domain::live_edit::{description_problem, title_problem};
use crate::domain::text::inert_line;
use crate::message::Command;
use crate::ui::app::App;
use crate::ui::keymap::Keymap;
use crate::ui::overlay::{Overlay, Reply};
use crate::ui::overlays::prompt::Prompt;
use crate::ui::{Cx, RenderCtx, theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::rc::Rc;

/// The inner width from which the two texts stand side by side.
pub const COLUMNS_FROM: u16 = 90;

/// What the seller chose for a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Keep,
    Take,
    Edit,
}

/// One field: what is there now, TikTok's text, the seller's edit, and the choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    pub field: &'static str,
    pub now: String,
    pub tiktok: Option<String>,
    pub edited: Option<String>,
    pub choice: Choice,
}

impl Side {
    /// The text to apply (`None`: leave the field as it is).
    pub fn wanted(&self) -> Option<String> {
        match self.choice {
            Choice::Keep => None,
            Choice::Take => self.tiktok.clone(),
            Choice::Edit => self.edited.clone(),
        }
    }
}

/// What enter leads to: the title and description to apply (`None`: as they are), or why not.
pub type OnChosen = Rc<dyn Fn(&mut App, Option<String>, Option<String>, &Cx) -> Result<Vec<Command>, String>>;

pub struct SuggestView {
    pub handle: String,
    /// The title, then the description.
    pub fields: [Side; 2],
    pub selected: usize,
    pub error: Option<String>,
    on_chosen: OnChosen,
}

impl SuggestView {
    pub fn new(
        handle: String,
        fields: [Side; 2],
        on_chosen: impl Fn(&mut App, Option<String>, Option<String>, &Cx) -> Result<Vec<Command>, String> + 'static,
    ) -> Box<SuggestView> {
        Box::new(SuggestView { handle, fields, selected: 0, error: None, on_chosen: Rc::new(on_chosen) })
    }

    /// The editor for the selected field, prefilled with the edit so far, else TikTok's text,
    /// else what is there (on one line: the editor makes none).
    fn editor(&self) -> Box<Prompt> {
        let i = self.selected;
        let s = &self.fields[i];
        let text = s.edited.as_ref().or(s.tiktok.as_ref()).unwrap_or(&s.now).replace(['\r', '\n'], " ");
        let help = format!(
            "{}'s {}: edit TikTok's text; enter keeps it for the change shown next, esc drops the edit.",
            self.handle, s.field
        );
        Prompt::new(&format!("Edit the {}", s.field), &help, &text, move |app, text, _cx| {
            let problem = if i == 0 { title_problem(&text) } else { description_problem(&text) };
            if let Some(why) = problem {
                return Err(format!("{why}: change it, or esc to drop the edit"));
            }
            let v = app.top_mut::<SuggestView>().ok_or("the suggestions were closed")?;
            v.fields[i].edited = Some(text);
            v.fields[i].choice = Choice::Edit;
            v.error = None;
            Ok(vec![])
        })
    }

    fn choose(&mut self, choice: Choice) {
        let s = &mut self.fields[self.selected];
        self.error = match choice {
            Choice::Take if s.tiktok.is_none() => Some(format!("TikTok suggests no {}", s.field)),
            _ => {
                s.choice = choice;
                None
            }
        };
    }

    fn header(&self, i: usize) -> Line<'static> {
        let s = &self.fields[i];
        let how = match s.choice {
            Choice::Keep => "keep what is there",
            Choice::Take => "take TikTok's",
            Choice::Edit => "your edit",
        };
        let mark = if i == self.selected { "▶ " } else { "  " };
        Line::from(vec![
            Span::styled(mark, theme::key()),
            Span::styled(s.field, theme::title()),
            Span::raw(": "),
            Span::styled(how, theme::key()),
        ])
    }

    /// The two texts of a field, each with its label: (label, text, chosen).
    fn texts(&self, i: usize) -> [(&'static str, String, bool); 2] {
        let s = &self.fields[i];
        let (label, text) = match (&s.edited, &s.tiktok) {
            (Some(e), _) if s.choice == Choice::Edit => ("yours", e.clone()),
            (_, Some(t)) => ("TikTok's", t.clone()),
            (_, None) => ("TikTok's", "(no suggestion)".to_string()),
        };
        [("now", s.now.clone(), s.choice == Choice::Keep), (label, text, s.choice != Choice::Keep)]
    }

    fn block(label: &str, text: &str, chosen: bool, inline: bool) -> Paragraph<'static> {
        let style = if chosen { theme::key().add_modifier(Modifier::BOLD) } else { theme::dim() };
        let label = Span::styled(format!("{}{label}", if chosen { "✓ " } else { "" }), style);
        let text = Span::styled(inert_line(text).into_owned(), if chosen { Style::new() } else { theme::dim() });
        let lines = if inline {
            vec![Line::from(vec![label, Span::raw(": "), text])]
        } else {
            vec![Line::from(label), Line::from(text)]
        };
        Paragraph::new(lines).wrap(Wrap { trim: false })
    }

    /// The rows a field's texts need at `width`.
    fn rows(&self, i: usize, width: u16) -> u16 {
        let [a, b] = self.texts(i);
        let count = |p: Paragraph, w: u16| u16::try_from(p.line_count(w)).unwrap_or(u16::MAX);
        if width >= COLUMNS_FROM {
            let w = (width - 3) / 2;
            count(Self::block(a.0, &a.1, a.2, false), w).max(count(Self::block(b.0, &b.1, b.2, false), w))
        } else {
            count(Self::block(a.0, &a.1, a.2, true), width) + count(Self::block(b.0, &b.1, b.2, true), width)
        }
    }

    fn field(&self, f: &mut Frame, area: Rect, i: usize) {
        if area.height == 0 {
            return;
        }
        f.render_widget(Paragraph::new(self.header(i)), Rect { height: 1, ..area });
        let body = Rect { x: area.x + 2, y: area.y + 1, width: area.width.saturating_sub(2), height: area.height - 1 };
        let [a, b] = self.texts(i);
        if body.width >= COLUMNS_FROM {
            let [l, bar, r] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(3), Constraint::Fill(1)]).areas(body);
            let (left, right) = (Self::block(a.0, &a.1, a.2, false), Self::block(b.0, &b.1, b.2, false));
            let tall = left.line_count(l.width).max(right.line_count(r.width));
            let rows = u16::try_from(tall).unwrap_or(u16::MAX).min(bar.height);
            f.render_widget(left, l);
            let rule: Vec<Line> = (0..rows).map(|_| Line::styled(" │ ", theme::dim())).collect();
            f.render_widget(Paragraph::new(rule), bar);
            f.render_widget(right, r);
        } else {
            let first = Self::block(a.0, &a.1, a.2, true);
            let h = u16::try_from(first.line_count(body.width)).unwrap_or(1).clamp(1, body.height.div_ceil(2).max(1));
            let h = h.min(body.height);
            f.render_widget(first, Rect { height: h, ..body });
            let rest = Rect { y: body.y + h, height: body.height - h, ..body };
            f.render_widget(Self::block(b.0, &b.1, b.2, true), rest);
        }
    }

    fn hints() -> Line<'static> {
        let mut out = Vec::new();
        for (k, what) in [("↑↓", "field"), ("k", "keep"), ("t", "take TikTok's"), ("e", "edit"), ("enter", "review")]
        {
            out.extend([Span::styled(k, theme::key()), Span::raw(format!(" {what}  "))]);
        }
        out.extend([Span::styled("esc", theme::key()), Span::raw(" cancel")]);
        Line::from(out)
    }
}

impl Overlay for SuggestView {
    fn on_key(&mut self, key: KeyEvent, _keymap: &Keymap) -> Reply {
        let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
        match key.code {
            KeyCode::Esc => Reply::Next(Box::new(|app, cx| {
                app.toast("Cancelled: nothing sent", false, cx.now);
                Ok(vec![])
            })),
            _ if ctrl_c => Reply::Close,
            KeyCode::Up | KeyCode::Down | KeyCode::Tab | KeyCode::BackTab => {
                self.selected = 1 - self.selected;
                Reply::Stay
            }
            KeyCode::Char('k') => {
                self.choose(Choice::Keep);
                Reply::Stay
            }
            KeyCode::Char('t') => {
                self.choose(Choice::Take);
                Reply::Stay
            }
            KeyCode::Char('e') => Reply::Push(self.editor()),
            KeyCode::Enter => {
                let (title, description, next) =
                    (self.fields[0].wanted(), self.fields[1].wanted(), self.on_chosen.clone());
                Reply::Next(Box::new(move |app, cx| next(app, title, description, cx)))
            }
            _ => Reply::Stay,
        }
    }

    fn set_error(&mut self, error: String) {
        self.error = Some(error);
    }

    fn render(&self, f: &mut Frame, area: Rect, _ctx: &RenderCtx) {
        let inner = super::approval_box(
            f,
            area,
            116,
            30,
            format!(" {}: TikTok's title and description ", inert_line(&self.handle)),
        );
        let [body, err, hints] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1), Constraint::Length(1)]).areas(inner);
        let title_h = (1 + self.rows(0, body.width.saturating_sub(2))).min((body.height / 3).max(2));
        let [t, _, d] =
            Layout::vertical([Constraint::Length(title_h), Constraint::Length(1), Constraint::Min(0)]).areas(body);
        self.field(f, t, 0);
        self.field(f, d, 1);
        if let Some(e) = &self.error {
            f.render_widget(Paragraph::new(Line::styled(e.clone(), theme::error())), err);
        }
        f.render_widget(Paragraph::new(Self::hints()), hints);
    }
}
