//! Where a key binding applies: everywhere (the `global` table) or in one pane, named as the
//! keymap file names its tables.

/// Which keymap table an action belongs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Global,
    Shops,
    Orders,
    Packages,
    Mapping,
    Listings,
    Inbox,
}

impl Scope {
    pub fn table(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Shops => "shops",
            Scope::Orders => "orders",
            Scope::Packages => "packages",
            Scope::Mapping => "mapping",
            Scope::Listings => "listings",
            Scope::Inbox => "inbox",
        }
    }

    pub fn from_table(s: &str) -> Option<Scope> {
        match s {
            "global" => Some(Scope::Global),
            "shops" => Some(Scope::Shops),
            "orders" => Some(Scope::Orders),
            "packages" => Some(Scope::Packages),
            "mapping" => Some(Scope::Mapping),
            "listings" => Some(Scope::Listings),
            "inbox" => Some(Scope::Inbox),
            _ => None,
        }
    }

    pub const ALL: [Scope; 7] =
        [Scope::Global, Scope::Shops, Scope::Orders, Scope::Packages, Scope::Mapping, Scope::Listings, Scope::Inbox];
}
