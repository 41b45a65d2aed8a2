//! Choosing a TikTok leaf category: type to fuzzy-search every leaf's path (per keystroke), or
//! browse the tree with the arrow keys (right opens, left closes). Enter on a leaf chooses it.

use crate::domain::category_search::{CategoryIndex, Hit};
use crate::domain::tiktok_catalog::CategoryTree;
use crate::message::CatalogCommand;
use crate::ui::keymap::Keymap;
use crate::ui::overlay::{OnScan, Overlay, Reply};
use crate::ui::{RenderCtx, theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use std::collections::BTreeSet;

pub struct CategoryPicker {
    pub shop_id: String,
    pub product_type: String,
    pub tree: CategoryTree,
    index: CategoryIndex,
    pub query: crate::ui::field::Field,
    pub hits: Vec<Hit>,
    pub expanded: BTreeSet<String>,
    pub selected: usize,
    pub error: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum CategoryOutcome {
    Stay,
    Cancel,
    Chosen(String),
}

/// A visible row of the browse view: (id, depth, name, is_leaf, expanded).
type BrowseRow = (String, usize, String, bool, bool);

impl CategoryPicker {
    pub fn new(shop_id: &str, product_type: &str, tree: CategoryTree) -> CategoryPicker {
        let index = CategoryIndex::new(&tree);
        CategoryPicker {
            shop_id: shop_id.into(),
            product_type: product_type.into(),
            tree,
            index,
            query: crate::ui::field::Field::new("", 80),
            hits: vec![],
            expanded: BTreeSet::new(),
            selected: 0,
            error: None,
        }
    }

    fn browse_rows(&self) -> Vec<BrowseRow> {
        let mut out = Vec::new();
        self.walk("0", 0, &mut out);
        out
    }

    fn walk(&self, parent: &str, depth: usize, out: &mut Vec<BrowseRow>) {
        for c in self.tree.categories.iter().filter(|c| c.parent_id == parent) {
            let open = self.expanded.contains(&c.id);
            out.push((c.id.clone(), depth, c.name.clone(), c.is_leaf, open));
            if open && !c.is_leaf {
                self.walk(&c.id, depth + 1, out);
            }
        }
    }

    fn len(&self) -> usize {
        if self.query.is_empty() { self.browse_rows().len() } else { self.hits.len() }
    }

    fn search(&mut self) {
        self.hits = self.index.search(&self.query.text(), 200);
        self.selected = 0;
    }

    pub fn choose_key(&mut self, key: KeyEvent) -> CategoryOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        self.error = None;
        match key.code {
            KeyCode::Esc => return CategoryOutcome::Cancel,
            KeyCode::Char('c') if ctrl => return CategoryOutcome::Cancel,
            KeyCode::Down => self.selected = (self.selected + 1).min(self.len().saturating_sub(1)),
            KeyCode::Up => self.selected = self.selected.saturating_sub(1),
            KeyCode::PageDown => self.selected = (self.selected + 10).min(self.len().saturating_sub(1)),
            KeyCode::PageUp => self.selected = self.selected.saturating_sub(10),
            KeyCode::Right if self.query.is_empty() => {
                if let Some(r) = self.browse_rows().get(self.selected).filter(|r| !r.3) {
                    self.expanded.insert(r.0.clone());
                }
            }
            KeyCode::Left if self.query.is_empty() => {
                let rows = self.browse_rows();
                if let Some(r) = rows.get(self.selected) {
                    if r.4 {
                        self.expanded.remove(&r.0);
                    } else if let Some(parent) = self.tree.get(&r.0).map(|c| c.parent_id.clone()) {
                        self.expanded.remove(&parent);
                        if let Some(i) = self.browse_rows().iter().position(|x| x.0 == parent) {
                            self.selected = i;
                        }
                    }
                }
            }
            KeyCode::Enter => {
                let (id, leaf) = if self.query.is_empty() {
                    match self.browse_rows().get(self.selected) {
                        Some(r) => (r.0.clone(), r.3),
                        None => return CategoryOutcome::Stay,
                    }
                } else {
                    match self.hits.get(self.selected) {
                        Some(h) => (h.id.clone(), true),
                        None => return CategoryOutcome::Stay,
                    }
                };
                if leaf {
                    let usable = self.tree.get(&id).is_some_and(|c| c.usable());
                    if !usable {
                        self.error = Some(
                            "that category is not open to this shop (invite only or outside its main category)".into(),
                        );
                        return CategoryOutcome::Stay;
                    }
                    return CategoryOutcome::Chosen(id);
                }
                if !self.expanded.remove(&id) {
                    self.expanded.insert(id);
                }
            }
            _ => {
                if self.query.key(key) {
                    self.search();
                }
            }
        }
        CategoryOutcome::Stay
    }
}

impl Overlay for CategoryPicker {
    fn on_scan(&self) -> OnScan {
        OnScan::Type
    }

    fn on_key(&mut self, key: KeyEvent, _keymap: &Keymap) -> Reply {
        match self.choose_key(key) {
            CategoryOutcome::Stay => Reply::Stay,
            CategoryOutcome::Cancel => Reply::Close,
            CategoryOutcome::Chosen(category_id) => {
                let (shop_id, product_type) = (self.shop_id.clone(), self.product_type.clone());
                Reply::Next(Box::new(move |app, cx| {
                    app.toast(format!("Mapping {product_type:?}…"), false, cx.now);
                    Ok(vec![CatalogCommand::MapCategory { shop_id, product_type, category_id }.into()])
                }))
            }
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, _ctx: &RenderCtx) {
        self.draw(f, area);
    }
}

impl CategoryPicker {
    /// Draw it over `area` (the benchmark draws it alone).
    pub fn draw(&self, f: &mut Frame, area: Rect) {
        let r = Rect { x: area.x + 2, y: area.y, width: area.width.saturating_sub(4), height: area.height };
        f.render_widget(Clear, r);
        let title = format!(
            " Category for {:?} · {} leaves ({} tree) ",
            self.product_type,
            self.index.len(),
            self.tree.version
        );
        let block = Block::default().borders(Borders::ALL).title(Span::styled(title, theme::title()));
        let inner = block.inner(r);
        f.render_widget(block, r);
        let [input, list, foot] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(inner);
        let mut prompt = vec![Span::styled("search: ", theme::key())];
        if self.query.is_empty() {
            prompt.push(Span::styled("type to search, or browse with the arrows", theme::dim()));
        } else {
            prompt.extend(self.query.spans(ratatui::style::Style::new()));
        }
        f.render_widget(Paragraph::new(Line::from(prompt)), input);
        let height = list.height as usize;
        let offset = (self.selected + 1).saturating_sub(height);
        let lines: Vec<Line> = if self.query.is_empty() {
            self.browse_rows()
                .iter()
                .enumerate()
                .skip(offset)
                .take(height)
                .map(|(i, (_, depth, name, leaf, open))| {
                    let mark = if *leaf {
                        "  "
                    } else if *open {
                        "▾ "
                    } else {
                        "▸ "
                    };
                    let style = if i == self.selected { theme::selected() } else { ratatui::style::Style::new() };
                    Line::styled(format!("{}{mark}{name}", "  ".repeat(*depth)), style)
                })
                .collect()
        } else if self.hits.is_empty() {
            vec![Line::styled("No leaf matches.", theme::dim())]
        } else {
            self.hits
                .iter()
                .enumerate()
                .skip(offset)
                .take(height)
                .map(|(i, h)| {
                    let style = if i == self.selected { theme::selected() } else { ratatui::style::Style::new() };
                    Line::from(vec![
                        Span::styled(h.path.clone(), style),
                        Span::styled(format!("  {}", h.id), theme::dim()),
                    ])
                })
                .collect()
        };
        f.render_widget(Paragraph::new(lines), list);
        let foot_line = match &self.error {
            Some(e) => Line::styled(e.clone(), theme::error()),
            None => Line::styled("↑↓ move  → open  ← close  enter choose a leaf  esc cancel", theme::dim()),
        };
        f.render_widget(Paragraph::new(foot_line), foot);
    }
}
