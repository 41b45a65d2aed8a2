//! Fuzzy search over a category tree's leaves by their full path, per keystroke
//! (nucleo-matcher, the matcher behind the helix editor's pickers). The index is built once per
//! tree; a query then only scores prepared strings.

use super::tiktok_catalog::CategoryTree;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

pub struct CategoryIndex {
    entries: Vec<(String, String, Utf32String)>,
    matcher: Matcher,
}

/// One hit: the leaf's id, its path, and the score (higher is better).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub id: String,
    pub path: String,
    pub score: u32,
}

impl CategoryIndex {
    /// Index the usable leaves of a tree.
    pub fn new(tree: &CategoryTree) -> CategoryIndex {
        let entries = tree
            .categories
            .iter()
            .filter(|c| c.is_leaf)
            .map(|c| {
                let path = tree.path(&c.id);
                let hay = Utf32String::from(path.as_str());
                (c.id.clone(), path, hay)
            })
            .collect();
        CategoryIndex { entries, matcher: Matcher::new(Config::DEFAULT.match_paths()) }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The best `limit` leaves for `query`, best first (ties: shorter path first).
    pub fn search(&mut self, query: &str, limit: usize) -> Vec<Hit> {
        let q = query.trim();
        if q.is_empty() {
            return Vec::new();
        }
        let pattern = Pattern::parse(q, CaseMatching::Ignore, Normalization::Smart);
        let mut hits: Vec<(u32, usize)> = Vec::new();
        for (i, (_, _, hay)) in self.entries.iter().enumerate() {
            if let Some(score) = pattern.score(hay.slice(..), &mut self.matcher) {
                hits.push((score, i));
            }
        }
        hits.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| self.entries[a.1].1.len().cmp(&self.entries[b.1].1.len())));
        hits.into_iter()
            .take(limit)
            .map(|(score, i)| {
                let (id, path, _) = &self.entries[i];
                Hit { id: id.clone(), path: path.clone(), score }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tiktok_catalog::Category;

    fn cat(id: &str, parent: &str, name: &str, leaf: bool) -> Category {
        Category { id: id.into(), parent_id: parent.into(), name: name.into(), is_leaf: leaf, permissions: vec!["AVAILABLE".into()] }
    }

    #[test]
    fn finds_leaves_by_fuzzy_path() {
        let tree = CategoryTree {
            categories: vec![
                cat("1", "0", "Kitchenware", false),
                cat("2", "1", "Drinkware", false),
                cat("3", "2", "Mugs", true),
                cat("4", "2", "Tumblers", true),
                cat("5", "0", "Beauty & Personal Care", false),
                cat("6", "5", "Makeup Brushes", true),
            ],
            ..CategoryTree::default()
        };
        let mut idx = CategoryIndex::new(&tree);
        assert_eq!(idx.len(), 3);
        let hits = idx.search("drink mug", 5);
        assert_eq!(hits[0].path, "Kitchenware > Drinkware > Mugs");
        assert_eq!(idx.search("mkup brsh", 5)[0].id, "6");
        assert!(idx.search("zzzz", 5).is_empty());
    }
}
