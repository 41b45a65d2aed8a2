//! A window of rows read a page at a time from a view that may hold millions (the order
//! queue, packages, listings): the pane holds one window, never the table. Moving past its
//! end reads the next window; moving before its start goes back to the one before.

use super::list_state::Cursor;
use super::pane::Nav;
use crate::store::views::Page;

/// Rows read per window: several screens' worth, so moving within them reads nothing.
pub const WINDOW: usize = 200;

/// How a pane reads a window: after this key (None: from the start), at most this many rows.
pub type Fetch<'a, R> = &'a dyn Fn(Option<&str>, usize) -> Result<Page<R>, String>;

pub struct PagedWindow<R> {
    rows: Vec<R>,
    keys: Vec<String>,
    /// The key this window starts after (None: the start).
    start: Option<String>,
    /// Where earlier windows started, for paging back.
    back: Vec<Option<String>>,
    next: Option<String>,
    pub cursor: Cursor,
    /// Rows on screen (for page up and down).
    pub page: usize,
    pub error: Option<String>,
}

impl<R> Default for PagedWindow<R> {
    fn default() -> PagedWindow<R> {
        PagedWindow {
            rows: Vec::new(),
            keys: Vec::new(),
            start: None,
            back: Vec::new(),
            next: None,
            cursor: Cursor::default(),
            page: 0,
            error: None,
        }
    }
}

impl<R> PagedWindow<R> {
    pub fn rows(&self) -> &[R] {
        &self.rows
    }

    pub fn selected(&self) -> Option<&R> {
        self.rows.get(self.cursor.selected)
    }

    /// This window is the first (nothing comes before it).
    pub fn at_start(&self) -> bool {
        self.start.is_none()
    }

    /// More rows follow this window.
    pub fn has_more(&self) -> bool {
        self.next.is_some()
    }

    pub fn selected_mut(&mut self) -> Option<&mut R> {
        self.rows.get_mut(self.cursor.selected)
    }

    /// Re-read the current window (after a change), keeping the selection in place.
    pub fn reload(&mut self, fetch: Fetch<R>) {
        match fetch(self.start.as_deref(), WINDOW) {
            Ok(p) => {
                self.rows = p.rows;
                self.keys = p.keys;
                self.next = p.next;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
        self.cursor.clamp(self.rows.len());
    }

    /// Start over from the top (a filter changed).
    pub fn restart(&mut self, fetch: Fetch<R>) {
        self.start = None;
        self.back.clear();
        self.cursor = Cursor::default();
        self.reload(fetch);
    }

    fn forward(&mut self, fetch: Fetch<R>) -> bool {
        let Some(next) = self.next.clone() else { return false };
        self.back.push(self.start.replace(next));
        self.reload(fetch);
        self.cursor = Cursor::default();
        true
    }

    fn backward(&mut self, fetch: Fetch<R>) -> bool {
        let Some(prev) = self.back.pop() else { return false };
        self.start = prev;
        self.reload(fetch);
        self.cursor.last(self.rows.len());
        true
    }

    pub fn navigate(&mut self, nav: Nav, fetch: Fetch<R>) {
        let len = self.rows.len();
        let at_end = self.cursor.selected + 1 >= len;
        let page = self.page.max(1);
        match nav {
            Nav::Next if at_end => {
                self.forward(fetch);
            }
            Nav::Prev if self.cursor.selected == 0 => {
                self.backward(fetch);
            }
            Nav::PageDown if self.cursor.selected + page >= len && self.next.is_some() => {
                self.forward(fetch);
            }
            Nav::PageUp if self.cursor.selected < page && !self.back.is_empty() => {
                self.backward(fetch);
            }
            Nav::First => self.restart(fetch),
            other => self.cursor.navigate(other, len, page),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows 0..n, keyed by their number.
    fn source(n: usize) -> impl Fn(Option<&str>, usize) -> Result<Page<usize>, String> {
        move |after, limit| {
            let from = after.and_then(|a| a.parse::<usize>().ok()).map(|a| a + 1).unwrap_or(0);
            let rows: Vec<usize> = (from..n).take(limit).collect();
            let keys: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
            let next = (from + limit < n).then(|| keys.last().cloned()).flatten();
            Ok(Page { rows, keys, next })
        }
    }

    #[test]
    fn pages_forward_and_back_across_windows() {
        let fetch = source(WINDOW * 2 + 5);
        let mut w = PagedWindow { page: 10, ..PagedWindow::default() };
        w.restart(&fetch);
        assert_eq!(w.rows().len(), WINDOW);
        w.navigate(Nav::Last, &fetch);
        w.navigate(Nav::Next, &fetch);
        assert_eq!(w.selected(), Some(&WINDOW), "the next window starts where the first ended");
        w.navigate(Nav::Prev, &fetch);
        assert_eq!(w.selected(), Some(&(WINDOW - 1)), "back to the last row of the first window");
        w.navigate(Nav::First, &fetch);
        assert_eq!(w.selected(), Some(&0));
        w.navigate(Nav::PageUp, &fetch);
        assert_eq!(w.selected(), Some(&0), "nothing before the start");
    }
}
