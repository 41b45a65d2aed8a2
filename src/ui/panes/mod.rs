//! The panes, one module each, and the registry: the panes in tab order. The tab bar, help,
//! hints, the pane-switch keys (`1`.., `g` and a letter) and the keymap's tables are all
//! generated from [`PANES`]. Adding a pane is its module plus its two lines here.

pub mod audit;
pub mod inbox;
pub mod listings;
pub mod mapping;
pub mod orders;
pub mod packages;
pub mod returns;
pub mod shops;
pub mod statements;

use super::pane::{Pane, PaneSpec};

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
    Entry { spec: &returns::SPEC, make: || Box::new(returns::ReturnsPane::default()) },
    Entry { spec: &statements::SPEC, make: || Box::new(statements::StatementsPane::default()) },
    Entry { spec: &audit::SPEC, make: || Box::new(audit::AuditPane::default()) },
];

pub fn specs() -> impl Iterator<Item = &'static PaneSpec> {
    PANES.iter().map(|e| e.spec)
}
