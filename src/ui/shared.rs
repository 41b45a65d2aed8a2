//! What several panes, flows and the status bar read: the stores and shops, and the carriers
//! with their mappings and the shops' warehouses. The app re-reads each when its topic changes.

use super::loaded::Loaded;
use crate::domain::shop::Shop;
use crate::store::views::{MappingView, ShopLine, ShopsRow, ShopsView};

#[derive(Default)]
pub struct Shared {
    pub shops: Loaded<ShopsView>,
    pub carriers: Loaded<MappingView>,
    /// How pictures are drawn (half-blocks unless the terminal speaks a graphics protocol).
    pub photos: crate::ui::photos::Photos,
}

impl Shared {
    /// The shops view, or an empty one.
    pub fn shops_view(&self) -> ShopsView {
        self.shops.or_empty()
    }

    pub fn shop(&self, id: &str) -> Option<&ShopLine> {
        self.shops.ready().and_then(|v| v.shop(id))
    }

    /// Shops that sync, in the Shops pane's order.
    pub fn live_shops(&self) -> Vec<&Shop> {
        let Some(v) = self.shops.ready() else { return vec![] };
        v.rows
            .iter()
            .filter_map(|r| match r {
                ShopsRow::Shop(l) if l.shop.status.syncs() => Some(&l.shop),
                _ => None,
            })
            .collect()
    }

    /// Every shop once connected, with a short label: the first word of its name and its
    /// region ("Maomao GB").
    pub fn shop_labels(&self) -> Vec<(String, String)> {
        let Some(v) = self.shops.ready() else { return vec![] };
        v.rows
            .iter()
            .filter_map(|r| match r {
                ShopsRow::Shop(l) => Some((
                    l.shop.id.clone(),
                    format!("{} {}", l.shop.name.split_whitespace().next().unwrap_or(""), l.shop.region),
                )),
                _ => None,
            })
            .collect()
    }

    pub fn shop_label(&self, id: &str) -> String {
        self.shop_labels().into_iter().find(|s| s.0 == id).map(|s| s.1).unwrap_or_default()
    }

    /// The carriers view, or an empty one.
    pub fn carriers_view(&self) -> MappingView {
        self.carriers.or_empty()
    }
}

/// The shop a per-shop pane shows (Listings, the Mapping pane's catalogue sections): the one
/// chosen while it is live, else the first live one; with the platform store it lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShopChoice(Option<(String, String)>);

impl ShopChoice {
    pub fn id(&self) -> Option<&str> {
        self.0.as_ref().map(|s| s.0.as_str())
    }

    pub fn store(&self) -> Option<&str> {
        self.0.as_ref().map(|s| s.1.as_str())
    }

    /// (shop id, store).
    pub fn get(&self) -> Option<(String, String)> {
        self.0.clone()
    }

    fn current<'a>(&self, shared: &'a Shared) -> Option<&'a Shop> {
        let live = shared.live_shops();
        self.id().and_then(|id| live.iter().find(|s| s.id == id).copied()).or_else(|| live.first().copied())
    }

    /// Follow the live shops; true when the shop changed.
    pub fn follow(&mut self, shared: &Shared) -> bool {
        let now = self.current(shared).map(|s| (s.id.clone(), s.store.clone()));
        let moved = now != self.0;
        self.0 = now;
        moved
    }

    /// The next live shop; false when there is none.
    pub fn next(&mut self, shared: &Shared) -> bool {
        let live = shared.live_shops();
        if live.is_empty() {
            return false;
        }
        let i = self.current(shared).and_then(|s| live.iter().position(|x| x.id == s.id)).unwrap_or(0);
        let next = live[(i + 1) % live.len()];
        self.0 = Some((next.id.clone(), next.store.clone()));
        true
    }

    /// Whether a change is about this shop or its store.
    pub fn touched_by(&self, topic: &crate::message::Topic) -> bool {
        use crate::message::Topic;
        match topic {
            Topic::Shops => true,
            Topic::Listings(s) | Topic::Mappings(s) => self.id() == Some(s.as_str()),
            Topic::Products(store) => self.store() == Some(store.as_str()),
            _ => false,
        }
    }
}
