//! Fuzzy search over a category tree's leaves by their full path, per keystroke
//! (nucleo-matcher, the matcher behind the helix editor's pickers). The index is built once per
//! tree; a query then only scores prepared strings.

use super::tiktok_catalog::CategoryTree;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};
use std::collections::HashMap;

pub struct CategoryIndex {
    entries: Vec<(String, String, Utf32String)>,
    matcher: Matcher,
    /// The last query and the entries it matched: a query that only extends it (typing on) is
    /// scored against those alone, since extra characters can only narrow a fuzzy match.
    last: Option<(String, Vec<usize>)>,
}

/// One hit: the leaf's id, its path, and the score (higher is better).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub id: String,
    pub path: String,
    pub score: u32,
}

/// Characters with a meaning in nucleo's pattern syntax (negation, anchors, exact, escape):
/// typing one may widen the match, so the search starts over.
const SYNTAX: [char; 5] = ['!', '^', '$', '\'', '\\'];

impl CategoryIndex {
    /// Index the leaves of a tree by their full path (paths built in one pass over a map).
    pub fn new(tree: &CategoryTree) -> CategoryIndex {
        let by_id: HashMap<&str, (&str, &str)> =
            tree.categories.iter().map(|c| (c.id.as_str(), (c.parent_id.as_str(), c.name.as_str()))).collect();
        let path_of = |id: &str| -> String {
            let mut names = Vec::new();
            let mut cur = by_id.get(id);
            while let Some((parent, name)) = cur {
                names.push(*name);
                if names.len() > 16 {
                    break;
                }
                cur = by_id.get(parent);
            }
            names.reverse();
            names.join(" > ")
        };
        let entries = tree
            .categories
            .iter()
            .filter(|c| c.is_leaf)
            .map(|c| {
                let path = path_of(&c.id);
                let hay = Utf32String::from(path.as_str());
                (c.id.clone(), path, hay)
            })
            .collect();
        CategoryIndex { entries, matcher: Matcher::new(Config::DEFAULT.match_paths()), last: None }
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
            self.last = None;
            return Vec::new();
        }
        let pattern = Pattern::parse(q, CaseMatching::Ignore, Normalization::Smart);
        let narrows = self
            .last
            .as_ref()
            .is_some_and(|(prev, _)| q.starts_with(prev.as_str()) && !q[prev.len()..].contains(SYNTAX));
        let candidates: Vec<usize> = match self.last.take() {
            Some((_, matched)) if narrows => matched,
            _ => (0..self.entries.len()).collect(),
        };
        let mut hits: Vec<(u32, usize)> = Vec::with_capacity(candidates.len());
        for i in candidates {
            if let Some(score) = pattern.score(self.entries[i].2.slice(..), &mut self.matcher) {
                hits.push((score, i));
            }
        }
        self.last = Some((q.to_string(), hits.iter().map(|h| h.1).collect()));
        let entries = &self.entries;
        let order = |a: &(u32, usize), b: &(u32, usize)| {
            b.0.cmp(&a.0).then_with(|| entries[a.1].1.len().cmp(&entries[b.1].1.len())).then(a.1.cmp(&b.1))
        };
        if hits.len() > limit && limit > 0 {
            hits.select_nth_unstable_by(limit - 1, order);
            hits.truncate(limit);
        }
        hits.sort_unstable_by(order);
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
        Category {
            id: id.into(),
            parent_id: parent.into(),
            name: name.into(),
            is_leaf: leaf,
            permissions: vec!["AVAILABLE".into()],
        }
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

    #[test]
    fn typing_on_narrows_and_editing_starts_over() {
        let tree = CategoryTree {
            categories: vec![
                cat("1", "0", "Kitchenware", false),
                cat("3", "1", "Mugs", true),
                cat("4", "1", "Tumblers", true),
                cat("5", "1", "Travel Mugs", true),
            ],
            ..CategoryTree::default()
        };
        let mut idx = CategoryIndex::new(&tree);
        let ids = |h: Vec<Hit>| h.into_iter().map(|h| h.id).collect::<Vec<_>>();
        assert_eq!(ids(idx.search("m", 10)).len(), 3, "every path has an m (Kitchenware > ...)");
        assert_eq!(ids(idx.search("mug", 10)), vec!["3", "5"]);
        assert_eq!(ids(idx.search("mugs", 1)), vec!["3"], "the limit keeps the best");
        // Backspacing widens again; a negation is pattern syntax and starts over.
        assert_eq!(ids(idx.search("tum", 10)), vec!["4"]);
        assert_eq!(ids(idx.search("kitchen !mug", 10)), vec!["4"]);
    }
}
