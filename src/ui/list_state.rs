//! Selection and scrolling over a list of rows, shared by the panes.

use super::pane::Nav;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Move for a navigation action over `len` rows with `page` rows on screen.
    pub fn navigate(&mut self, nav: Nav, len: usize, page: usize) {
        match nav {
            Nav::Next => self.next(len),
            Nav::Prev => self.prev(),
            Nav::PageDown => self.page_down(len, page),
            Nav::PageUp => self.page_up(page),
            Nav::First => self.first(),
            Nav::Last => self.last(len),
        }
    }

    pub fn clamp(&mut self, len: usize) {
        if len == 0 {
            self.selected = 0;
        } else if self.selected >= len {
            self.selected = len - 1;
        }
    }
    pub fn next(&mut self, len: usize) {
        if self.selected + 1 < len {
            self.selected += 1;
        }
    }
    pub fn prev(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }
    pub fn page_down(&mut self, len: usize, page: usize) {
        self.selected = (self.selected + page.max(1)).min(len.saturating_sub(1));
    }
    pub fn page_up(&mut self, page: usize) {
        self.selected = self.selected.saturating_sub(page.max(1));
    }
    pub fn first(&mut self) {
        self.selected = 0;
    }
    pub fn last(&mut self, len: usize) {
        self.selected = len.saturating_sub(1);
    }
    /// Keep the selection inside a window of `height` rows; returns the first visible row.
    pub fn scroll(&mut self, height: usize) -> usize {
        if height == 0 {
            return self.offset;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_and_scrolls() {
        let mut c = Cursor::default();
        c.next(3);
        c.next(3);
        c.next(3);
        assert_eq!(c.selected, 2);
        assert_eq!(c.scroll(2), 1);
        c.first();
        assert_eq!(c.scroll(2), 0);
        c.page_down(10, 4);
        assert_eq!(c.selected, 4);
        c.clamp(2);
        assert_eq!(c.selected, 1);
    }
}
