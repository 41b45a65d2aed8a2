//! The console's one text editor: every text input (a prompt, the connect dialog's fields,
//! the orders search, the command palette, the category search) is a single-line
//! ratatui-textarea with the same keys: characters insert at the cursor; ←/→, Home/End
//! (Ctrl-a/Ctrl-e) move, Ctrl-←/→ (Alt-b/Alt-f) a word at a time; Backspace/Delete
//! (Ctrl-h/Ctrl-d) delete a character, Ctrl-w (Alt-Backspace) the word before the cursor, Ctrl-k
//! to the end, Ctrl-j to the start; Ctrl-u undoes, Ctrl-r redoes, Ctrl-y pastes what was
//! deleted. Enter, Esc, Tab, ↑/↓ and the page keys are never the editor's (the dialog around it
//! decides), and nothing makes a second line.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};
use ratatui_textarea::{CursorMove, TextArea};

pub struct Field {
    area: TextArea<'static>,
    /// At most this many characters (typing beyond is refused).
    max: usize,
}

impl Field {
    /// A field drawn bare, inside a line of its dialog (a search, the palette).
    pub fn new(initial: &str, max: usize) -> Field {
        let mut area = TextArea::new(vec![initial.to_string()]);
        area.move_cursor(CursorMove::End);
        area.set_cursor_line_style(Style::new());
        Field { area, max }
    }

    /// A field drawn in its own box (a prompt, the connect dialog), with a placeholder.
    pub fn boxed(initial: &str, placeholder: &str) -> Field {
        let mut f = Field::new(initial, 4096);
        f.area.set_placeholder_text(placeholder.to_string());
        f.area.set_block(Block::default().borders(Borders::ALL));
        f
    }

    pub fn text(&self) -> String {
        self.area.lines().first().cloned().unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.area.lines().iter().all(|l| l.is_empty())
    }

    /// Replace the text, the cursor at its end.
    pub fn set_text(&mut self, text: &str) {
        self.area.move_cursor(CursorMove::Top);
        self.area.move_cursor(CursorMove::Head);
        self.area.delete_line_by_end();
        self.area.insert_str(text);
    }

    /// Edit with `key`: true when the text changed. Keys the editor never takes (Enter, Esc,
    /// Tab, ↑/↓, page keys, anything making a new line) change nothing and return false.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let never = matches!(
            key.code,
            KeyCode::Enter | KeyCode::Esc | KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down
        ) || matches!(key.code, KeyCode::PageUp | KeyCode::PageDown)
            || (ctrl && matches!(key.code, KeyCode::Char('m' | 'n' | 'p' | 'c' | 'v')));
        if never {
            return false;
        }
        let before = self.text();
        let typing = matches!(key.code, KeyCode::Char(_)) && !ctrl;
        if typing && before.chars().count() >= self.max {
            return false;
        }
        self.area.input(key);
        self.text() != before
    }

    /// The box widget (for a field made with [`Field::boxed`]).
    pub fn widget(&self) -> &TextArea<'static> {
        &self.area
    }

    /// The text as spans with the cursor shown (a block at the end, the character under it
    /// reversed elsewhere), for a field drawn inside a line.
    pub fn spans(&self, style: Style) -> Vec<Span<'static>> {
        let text = self.text();
        let at = self.area.cursor().1;
        let before: String = text.chars().take(at).collect();
        let under: Option<char> = text.chars().nth(at);
        let after: String = text.chars().skip(at + 1).collect();
        let mut out = vec![Span::styled(before, style)];
        match under {
            Some(c) => {
                out.push(Span::styled(c.to_string(), style.add_modifier(ratatui::style::Modifier::REVERSED)));
                out.push(Span::styled(after, style));
            }
            None => out.push(Span::styled("█", style)),
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn same_keys_and_one_line() {
        let mut f = Field::new("rose mist", 40);
        assert!(f.key(k(KeyCode::Char('w'), KeyModifiers::CONTROL)), "ctrl-w deletes the word before");
        assert_eq!(f.text(), "rose ");
        assert!(!f.key(k(KeyCode::Enter, KeyModifiers::NONE)));
        assert!(!f.key(k(KeyCode::Char('m'), KeyModifiers::CONTROL)), "never a new line");
        f.key(k(KeyCode::Home, KeyModifiers::NONE));
        f.key(k(KeyCode::Char('a'), KeyModifiers::NONE));
        assert_eq!(f.text(), "arose ");
        f.set_text("x");
        assert_eq!(f.text(), "x");
        let mut short = Field::new("abc", 3);
        assert!(!short.key(k(KeyCode::Char('d'), KeyModifiers::NONE)), "at most max characters");
        assert!(short.key(k(KeyCode::Backspace, KeyModifiers::NONE)));
    }
}
