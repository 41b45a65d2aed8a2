//! The actions that work everywhere: quitting, help, the log, moving between panes and rows.
//! The actions that show each pane are declared by the panes themselves.

use super::action::Action;
use super::overlays::help::Help;
use super::overlays::log::LogView;
use super::overlays::message::MessageView;
use super::overlays::palette::Palette;
use super::pane::Nav;

pub const TABLE: &str = "global";

pub const QUIT: Action = Action::new("quit", "quit", "quit tokshop", |app, _| {
    app.quit = true;
    vec![]
});
pub const HELP: Action = Action::new("help", "help", "show this help", |app, _| {
    let first = app.current_table();
    app.push(Box::new(Help::at(first)));
    vec![]
});
pub const LOG: Action = Action::new("log", "log", "recent warnings and errors", |app, _| {
    app.push(Box::new(LogView::default()));
    vec![]
});
pub const MESSAGE: Action = Action::new("message", "message", "the last message and sync error, whole", |app, _| {
    app.push(Box::new(MessageView::of(app)));
    vec![]
});
pub const PALETTE: Action = Action::new("palette", "run", "find an action by name and run it", |app, _| {
    let table = app.current_table();
    app.push(Box::new(Palette::new(table, app.access)));
    vec![]
});
pub const NEXT_PANE: Action = Action::new("next-pane", "next-pane", "next pane", |app, cx| {
    app.step_pane(true, cx);
    vec![]
});
pub const PREV_PANE: Action = Action::new("prev-pane", "prev-pane", "previous pane", |app, cx| {
    app.step_pane(false, cx);
    vec![]
});
pub const SELECT_NEXT: Action =
    Action::new("select-next", "select-next", "move down", |app, cx| app.navigate(Nav::Next, cx));
pub const SELECT_PREV: Action =
    Action::new("select-prev", "select-prev", "move up", |app, cx| app.navigate(Nav::Prev, cx));
pub const PAGE_DOWN: Action =
    Action::new("page-down", "page-down", "page down", |app, cx| app.navigate(Nav::PageDown, cx));
pub const PAGE_UP: Action = Action::new("page-up", "page-up", "page up", |app, cx| app.navigate(Nav::PageUp, cx));
pub const SELECT_FIRST: Action =
    Action::new("select-first", "select-first", "go to the first row", |app, cx| app.navigate(Nav::First, cx));
pub const SELECT_LAST: Action =
    Action::new("select-last", "select-last", "go to the last row", |app, cx| app.navigate(Nav::Last, cx));

/// Before the panes' `go-*` actions, which the registry adds in tab order.
pub const ACTIONS: &[&Action] = &[&QUIT, &HELP, &LOG, &NEXT_PANE, &PREV_PANE, &MESSAGE, &PALETTE];

/// After them.
pub const MOVES: &[&Action] = &[&SELECT_NEXT, &SELECT_PREV, &PAGE_DOWN, &PAGE_UP, &SELECT_FIRST, &SELECT_LAST];

/// The movement a global action means (overlays that scroll use it).
pub fn nav_of(a: &Action) -> Option<Nav> {
    [
        (&SELECT_NEXT, Nav::Next),
        (&SELECT_PREV, Nav::Prev),
        (&PAGE_DOWN, Nav::PageDown),
        (&PAGE_UP, Nav::PageUp),
        (&SELECT_FIRST, Nav::First),
        (&SELECT_LAST, Nav::Last),
    ]
    .into_iter()
    .find(|(x, _)| *x == a)
    .map(|(_, n)| n)
}

/// Scroll a text overlay by a movement, never past `end` (its last line at the bottom, once
/// known from a frame).
pub fn scroll_by(scroll: &mut u16, nav: Option<Nav>, end: Option<u16>) {
    match nav {
        Some(Nav::Next) => *scroll = scroll.saturating_add(1),
        Some(Nav::Prev) => *scroll = scroll.saturating_sub(1),
        Some(Nav::PageDown) => *scroll = scroll.saturating_add(10),
        Some(Nav::PageUp) => *scroll = scroll.saturating_sub(10),
        Some(Nav::First) => *scroll = 0,
        Some(Nav::Last) => *scroll = end.unwrap_or(*scroll),
        None => {}
    }
    if let Some(end) = end {
        *scroll = (*scroll).min(end);
    }
}

/// Where a text ends: the furthest it scrolls in `area` with its last line at the bottom.
pub fn scroll_end(text: &ratatui::widgets::Paragraph, area: ratatui::layout::Rect) -> u16 {
    let lines = text.line_count(area.width);
    u16::try_from(lines.saturating_sub(usize::from(area.height))).unwrap_or(u16::MAX)
}
