//! A one-line text prompt (a store or carrier name, a tracking number typed or scanned, a file
//! path, a comment). What the text is for travels with it as the step that takes it; when that
//! step refuses the text, the prompt stays open with the reason.

use crate::message::Command;
use crate::ui::app::App;
use crate::ui::field::Field;
use crate::ui::keymap::Keymap;
use crate::ui::overlay::{OnScan, Overlay, Reply};
use crate::ui::{Cx, RenderCtx, theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use std::rc::Rc;

/// What typed text leads to: the next step, or why the text does not do.
pub type OnText = Rc<dyn Fn(&mut App, String, &Cx) -> Result<Vec<Command>, String>>;

pub struct Prompt {
    pub title: String,
    pub help: String,
    pub input: Field,
    pub error: Option<String>,
    on_text: OnText,
    /// Tab completes file paths (the certificate's file, a catalogue file).
    paths: bool,
    /// The completions Tab found when more than one fits.
    pub choices: Vec<String>,
}

impl Prompt {
    pub fn new(
        title: &str,
        help: &str,
        initial: &str,
        on_text: impl Fn(&mut App, String, &Cx) -> Result<Vec<Command>, String> + 'static,
    ) -> Box<Prompt> {
        let input = Field::boxed(initial, "");
        Box::new(Prompt {
            title: title.into(),
            help: help.into(),
            input,
            error: None,
            on_text: Rc::new(on_text),
            paths: false,
            choices: Vec::new(),
        })
    }

    /// A prompt for a file path: Tab completes it (spaces in names are fine).
    pub fn path(
        title: &str,
        help: &str,
        initial: &str,
        on_text: impl Fn(&mut App, String, &Cx) -> Result<Vec<Command>, String> + 'static,
    ) -> Box<Prompt> {
        let mut p = Prompt::new(title, help, initial, on_text);
        p.paths = true;
        p
    }

    /// Replace the text, the cursor at its end.
    fn set_text(&mut self, text: &str) {
        self.input.set_text(text);
    }

    pub fn value(&self) -> String {
        self.input.text().trim().to_string()
    }
}

impl Overlay for Prompt {
    fn on_scan(&self) -> OnScan {
        OnScan::Type
    }

    fn on_key(&mut self, key: KeyEvent, _keymap: &Keymap) -> Reply {
        let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
        match key.code {
            KeyCode::Esc => Reply::Close,
            _ if ctrl_c => Reply::Close,
            KeyCode::Enter => {
                let (value, next) = (self.value(), self.on_text.clone());
                Reply::Next(Box::new(move |app, cx| next(app, value, cx)))
            }
            KeyCode::Tab if self.paths => Reply::Complete(self.input.text().trim_start().to_string()),
            _ => {
                if self.input.key(key) {
                    self.error = None;
                    self.choices.clear();
                }
                Reply::Stay
            }
        }
    }

    fn set_error(&mut self, error: String) {
        self.error = Some(error);
    }

    fn completed(&mut self, paths: Vec<String>) {
        let typed = self.input.text();
        self.choices.clear();
        match paths.as_slice() {
            [] => self.error = Some(format!("No file or folder starts with {}", typed.trim())),
            [one] => self.set_text(one),
            many => {
                let common = common_prefix(many);
                if common.chars().count() > typed.trim_start().chars().count() {
                    self.set_text(&common);
                }
                // Their names only (a folder keeps its `/`).
                self.choices = many
                    .iter()
                    .map(|p| {
                        let bare = p.trim_end_matches('/');
                        let name = bare.rsplit('/').next().unwrap_or(bare);
                        if p.ends_with('/') { format!("{name}/") } else { name.to_string() }
                    })
                    .collect();
            }
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, _ctx: &RenderCtx) {
        // A long question wraps (the box grows) instead of being cut.
        let text = Paragraph::new(Line::styled(self.help.clone(), theme::dim())).wrap(Wrap { trim: true });
        let lines = u16::try_from(text.line_count(area.width.min(72).saturating_sub(2))).unwrap_or(6).clamp(1, 6);
        let r = super::centered(area, 72, 7 + lines);
        f.render_widget(Clear, r);
        let block =
            Block::default().borders(Borders::ALL).title(Span::styled(format!(" {} ", self.title), theme::title()));
        let inner = block.inner(r);
        f.render_widget(block, r);
        let [help, input, err] =
            Layout::vertical([Constraint::Length(lines), Constraint::Length(3), Constraint::Length(1)]).areas(inner);
        f.render_widget(text, help);
        f.render_widget(self.input.widget(), input);
        if let Some(e) = &self.error {
            f.render_widget(Paragraph::new(Line::styled(e.clone(), theme::error())), err);
        } else if !self.choices.is_empty() {
            let all = self.choices.join("  ");
            let cut = crate::ui::chrome::fit(vec![Span::raw(all)], usize::from(err.width));
            f.render_widget(Paragraph::new(Line::from(cut)).style(theme::dim()), err);
        }
    }
}

/// The longest beginning every path shares.
fn common_prefix(paths: &[String]) -> String {
    let Some(first) = paths.first() else { return String::new() };
    let mut n = first.chars().count();
    for p in &paths[1..] {
        n = n.min(first.chars().zip(p.chars()).take_while(|(a, b)| a == b).count());
    }
    first.chars().take(n).collect()
}
