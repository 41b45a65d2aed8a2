//! Every action the console knows: its name in keymaps, what it does (for help and hints),
//! where it applies, and whether it is dangerous (confirmed, and hidden in `--read-only`).

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    Help,
    Log,
    NextPane,
    PrevPane,
    GoShops,
    GoInbox,
    SelectNext,
    SelectPrev,
    PageDown,
    PageUp,
    SelectFirst,
    SelectLast,
    ConnectShop,
    ReauthorizeShop,
    DisconnectShop,
    RefreshToken,
    AddStore,
    RemoveStore,
    OpenItem,
    DismissItem,
}

/// Which keymap table an action belongs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Global,
    Shops,
    Inbox,
}

impl Scope {
    pub fn table(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Shops => "shops",
            Scope::Inbox => "inbox",
        }
    }

    pub fn from_table(s: &str) -> Option<Scope> {
        match s {
            "global" => Some(Scope::Global),
            "shops" => Some(Scope::Shops),
            "inbox" => Some(Scope::Inbox),
            _ => None,
        }
    }

    pub const ALL: [Scope; 3] = [Scope::Global, Scope::Shops, Scope::Inbox];
}

pub const ALL: [Action; 21] = [
    Action::Quit,
    Action::Help,
    Action::Log,
    Action::NextPane,
    Action::PrevPane,
    Action::GoShops,
    Action::GoInbox,
    Action::SelectNext,
    Action::SelectPrev,
    Action::PageDown,
    Action::PageUp,
    Action::SelectFirst,
    Action::SelectLast,
    Action::ConnectShop,
    Action::ReauthorizeShop,
    Action::DisconnectShop,
    Action::RefreshToken,
    Action::AddStore,
    Action::RemoveStore,
    Action::OpenItem,
    Action::DismissItem,
];

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Log => "log",
            Action::NextPane => "next-pane",
            Action::PrevPane => "prev-pane",
            Action::GoShops => "go-shops",
            Action::GoInbox => "go-inbox",
            Action::SelectNext => "select-next",
            Action::SelectPrev => "select-prev",
            Action::PageDown => "page-down",
            Action::PageUp => "page-up",
            Action::SelectFirst => "select-first",
            Action::SelectLast => "select-last",
            Action::ConnectShop => "connect-shop",
            Action::ReauthorizeShop => "reauthorize-shop",
            Action::DisconnectShop => "disconnect-shop",
            Action::RefreshToken => "refresh-token",
            Action::AddStore => "add-store",
            Action::RemoveStore => "remove-store",
            Action::OpenItem => "open-item",
            Action::DismissItem => "dismiss-item",
        }
    }

    pub fn from_name(s: &str) -> Option<Action> {
        ALL.iter().copied().find(|a| a.name() == s)
    }

    pub fn description(self) -> &'static str {
        match self {
            Action::Quit => "quit tokshop",
            Action::Help => "show this help",
            Action::Log => "recent warnings and errors",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::GoShops => "go to Shops",
            Action::GoInbox => "go to Inbox",
            Action::SelectNext => "move down",
            Action::SelectPrev => "move up",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::SelectFirst => "go to the first row",
            Action::SelectLast => "go to the last row",
            Action::ConnectShop => "connect TikTok shops to a store",
            Action::ReauthorizeShop => "re-authorize the selected shop",
            Action::DisconnectShop => "disconnect the selected shop",
            Action::RefreshToken => "refresh the shop's access token now",
            Action::AddStore => "add a platform store",
            Action::RemoveStore => "remove the selected store",
            Action::OpenItem => "act on the selected item",
            Action::DismissItem => "dismiss the selected item",
        }
    }

    /// Short label for the footer hints.
    pub fn hint(self) -> &'static str {
        match self {
            Action::ConnectShop => "connect",
            Action::ReauthorizeShop => "reauthorize",
            Action::DisconnectShop => "disconnect",
            Action::RefreshToken => "refresh",
            Action::AddStore => "add store",
            Action::RemoveStore => "remove store",
            Action::OpenItem => "open",
            Action::DismissItem => "dismiss",
            Action::Help => "help",
            Action::Quit => "quit",
            other => other.name(),
        }
    }

    pub fn scope(self) -> Scope {
        match self {
            Action::ConnectShop
            | Action::ReauthorizeShop
            | Action::DisconnectShop
            | Action::RefreshToken
            | Action::AddStore
            | Action::RemoveStore => Scope::Shops,
            Action::OpenItem | Action::DismissItem => Scope::Inbox,
            _ => Scope::Global,
        }
    }

    /// Dangerous actions always confirm and do not exist in read-only mode.
    pub fn dangerous(self) -> bool {
        matches!(self, Action::DisconnectShop | Action::RemoveStore)
    }
}
