//! The panes, in tab order: the tab bar, help, hints, the pane-switch keys (`1`.., `g` and a
//! letter) and the keymap's tables are all generated from this list. Adding a pane is its
//! module plus one line here.

use super::pane::{Pane, PaneSpec};
use super::panes::{inbox, listings, mapping, orders, packages, shops};

pub struct Entry {
    pub spec: &'static PaneSpec,
    pub make: fn() -> Box<dyn Pane>,
}

pub const PANES: &[Entry] = &[
    Entry { spec: &shops::SPEC, make: || Box::new(shops::ShopsPane::default()) },
    Entry { spec: &orders::SPEC, make: || Box::new(orders::OrdersPane::default()) },
    Entry { spec: &packages::SPEC, make: || Box::new(packages::PackagesPane::default()) },
    Entry { spec: &mapping::SPEC, make: || Box::new(mapping::MappingPane::default()) },
    Entry { spec: &inbox::SPEC, make: || Box::new(inbox::InboxPane::default()) },
    Entry { spec: &listings::SPEC, make: || Box::new(listings::ListingsPane::default()) },
];

pub fn specs() -> impl Iterator<Item = &'static PaneSpec> {
    PANES.iter().map(|e| e.spec)
}
