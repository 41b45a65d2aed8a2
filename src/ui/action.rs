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
    GoOrders,
    GoPackages,
    GoMapping,
    FilterStatus,
    FilterShop,
    FilterShipping,
    FilterDue,
    FilterHold,
    FilterCancel,
    Search,
    ToggleSelect,
    OpenOrder,
    ShipOrders,
    SplitShip,
    UpdateTracking,
    CombineOrders,
    CancelOrder,
    AnswerCancel,
    SyncOrders,
    PrintLabel,
    OpenPackage,
    Uncombine,
    AddCarrier,
    RemoveCarrier,
    MapCarrier,
    ImportCarriers,
    RefreshWarehouses,
    GoListings,
    MappingSection,
    MappingShop,
    RecommendCategory,
    CreateBrand,
    ListingsShop,
    CheckListing,
    ListProduct,
    DraftOnTiktok,
    AnswerHazmat,
    SetPackage,
    SetSizeChart,
    AttachCertificate,
    SetAttribute,
    SetOverride,
    EditProduct,
    ImportCatalog,
    MatchProducts,
    LinkListing,
    CheckPrerequisites,
    DetailDown,
    DetailUp,
}

pub use super::scope::Scope;

pub const ALL: [Action; 70] = [
    Action::Quit,
    Action::Help,
    Action::Log,
    Action::NextPane,
    Action::PrevPane,
    Action::GoShops,
    Action::GoOrders,
    Action::GoPackages,
    Action::GoMapping,
    Action::GoInbox,
    Action::GoListings,
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
    Action::OpenOrder,
    Action::ToggleSelect,
    Action::ShipOrders,
    Action::SplitShip,
    Action::UpdateTracking,
    Action::CombineOrders,
    Action::AnswerCancel,
    Action::CancelOrder,
    Action::PrintLabel,
    Action::Search,
    Action::SyncOrders,
    Action::FilterStatus,
    Action::FilterShop,
    Action::FilterShipping,
    Action::FilterDue,
    Action::FilterHold,
    Action::FilterCancel,
    Action::OpenPackage,
    Action::Uncombine,
    Action::AddCarrier,
    Action::MapCarrier,
    Action::ImportCarriers,
    Action::RemoveCarrier,
    Action::RefreshWarehouses,
    Action::MappingSection,
    Action::MappingShop,
    Action::RecommendCategory,
    Action::CreateBrand,
    Action::CheckListing,
    Action::ListProduct,
    Action::DraftOnTiktok,
    Action::AnswerHazmat,
    Action::SetPackage,
    Action::SetSizeChart,
    Action::AttachCertificate,
    Action::SetAttribute,
    Action::SetOverride,
    Action::EditProduct,
    Action::ImportCatalog,
    Action::MatchProducts,
    Action::LinkListing,
    Action::CheckPrerequisites,
    Action::DetailDown,
    Action::DetailUp,
    Action::ListingsShop,
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
            Action::GoOrders => "go-orders",
            Action::GoPackages => "go-packages",
            Action::GoMapping => "go-mapping",
            Action::FilterStatus => "filter-status",
            Action::FilterShop => "filter-shop",
            Action::FilterShipping => "filter-shipping",
            Action::FilterDue => "filter-due",
            Action::FilterHold => "filter-hold",
            Action::FilterCancel => "filter-cancel",
            Action::Search => "search",
            Action::ToggleSelect => "toggle-select",
            Action::OpenOrder => "open-order",
            Action::ShipOrders => "ship-orders",
            Action::SplitShip => "split-ship",
            Action::UpdateTracking => "update-tracking",
            Action::CombineOrders => "combine-orders",
            Action::CancelOrder => "cancel-order",
            Action::AnswerCancel => "answer-cancel",
            Action::SyncOrders => "sync-orders",
            Action::PrintLabel => "print-label",
            Action::OpenPackage => "open-package",
            Action::Uncombine => "uncombine",
            Action::AddCarrier => "add-carrier",
            Action::RemoveCarrier => "remove-carrier",
            Action::MapCarrier => "map-carrier",
            Action::ImportCarriers => "import-carriers",
            Action::RefreshWarehouses => "refresh-warehouses",
            Action::GoListings => "go-listings",
            Action::MappingSection => "mapping-section",
            Action::MappingShop => "mapping-shop",
            Action::RecommendCategory => "recommend-category",
            Action::CreateBrand => "create-brand",
            Action::ListingsShop => "listings-shop",
            Action::CheckListing => "check-listing",
            Action::ListProduct => "list-product",
            Action::DraftOnTiktok => "draft-on-tiktok",
            Action::AnswerHazmat => "answer-hazmat",
            Action::SetPackage => "set-package",
            Action::SetSizeChart => "set-size-chart",
            Action::AttachCertificate => "attach-certificate",
            Action::SetAttribute => "set-attribute",
            Action::SetOverride => "set-override",
            Action::EditProduct => "edit-product",
            Action::ImportCatalog => "import-catalog",
            Action::MatchProducts => "match-products",
            Action::LinkListing => "link-listing",
            Action::CheckPrerequisites => "check-prerequisites",
            Action::DetailDown => "detail-down",
            Action::DetailUp => "detail-up",
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
            Action::GoOrders => "go to Orders",
            Action::GoPackages => "go to Packages",
            Action::GoMapping => "go to Mapping (carriers, categories, brands)",
            Action::FilterStatus => "cycle the status filter",
            Action::FilterShop => "cycle the shop filter",
            Action::FilterShipping => "cycle seller / TikTok shipping",
            Action::FilterDue => "only orders due within a day or overdue",
            Action::FilterHold => "only orders on hold",
            Action::FilterCancel => "only orders with a cancellation request",
            Action::Search => "search order id, SKU, buyer or tracking",
            Action::ToggleSelect => "select or unselect the order (batch ship)",
            Action::OpenOrder => "order detail: lines, address, payment, tax, history",
            Action::ShipOrders => "ship the selected orders (carrier and tracking, or TikTok handover)",
            Action::SplitShip => "ship some lines now (a split shipment)",
            Action::UpdateTracking => "change the tracking number after dispatch",
            Action::CombineOrders => "combine orders TikTok allows into one package",
            Action::CancelOrder => "cancel the order with a reason",
            Action::AnswerCancel => "approve or reject the buyer's cancellation request",
            Action::SyncOrders => "pull orders from TikTok now",
            Action::PrintLabel => "save and print the TikTok shipping label",
            Action::OpenPackage => "open the package's first order",
            Action::Uncombine => "split a combined package back into orders",
            Action::AddCarrier => "add one of your carriers",
            Action::RemoveCarrier => "remove the selected carrier and its mappings",
            Action::MapCarrier => "map the selected carrier, product type, vendor or attribute",
            Action::ImportCarriers => "import carriers from a CSV file",
            Action::RefreshWarehouses => "pull warehouses, delivery options and providers",
            Action::GoListings => "go to Listings",
            Action::MappingSection => "switch between carriers, categories, brands and attributes",
            Action::MappingShop => "the next shop (categories, brands, attributes)",
            Action::RecommendCategory => "ask TikTok to recommend a category for the product type",
            Action::CreateBrand => "create a custom brand for the vendor (2-30 characters)",
            Action::ListingsShop => "the next shop",
            Action::CheckListing => "check every rule for the product on this shop (a dry run)",
            Action::ListProduct => "list the product on this shop",
            Action::DraftOnTiktok => "save the product on this shop as a TikTok draft",
            Action::AnswerHazmat => "answer: does it contain hazardous materials?",
            Action::SetPackage => "package weight (kg) and dimensions (cm)",
            Action::SetSizeChart => "size chart image or template",
            Action::AttachCertificate => "attach a certificate file",
            Action::SetAttribute => "choose an attribute value for the product",
            Action::SetOverride => "TikTok title, description, price or stock for this shop",
            Action::EditProduct => "edit the platform product",
            Action::ImportCatalog => "import a Shopify CSV or tokshop JSON catalogue",
            Action::MatchProducts => "pull the shop's TikTok products and match them by SKU",
            Action::LinkListing => "link an unmatched TikTok product to a platform product",
            Action::CheckPrerequisites => "check the shop's listing prerequisites again",
            Action::DetailDown => "scroll the product's detail down",
            Action::DetailUp => "scroll the product's detail up",
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
            Action::FilterStatus => "status",
            Action::FilterShop => "shop",
            Action::FilterShipping => "shipping",
            Action::FilterDue => "due",
            Action::FilterHold => "hold",
            Action::FilterCancel => "cancel req",
            Action::Search => "search",
            Action::ToggleSelect => "select",
            Action::OpenOrder => "detail",
            Action::ShipOrders => "ship",
            Action::SplitShip => "split",
            Action::UpdateTracking => "tracking",
            Action::CombineOrders => "combine",
            Action::CancelOrder => "cancel",
            Action::AnswerCancel => "answer",
            Action::SyncOrders => "sync",
            Action::PrintLabel => "label",
            Action::OpenPackage => "open",
            Action::Uncombine => "uncombine",
            Action::AddCarrier => "add",
            Action::RemoveCarrier => "remove",
            Action::MapCarrier => "map",
            Action::ImportCarriers => "import",
            Action::RefreshWarehouses => "refresh",
            Action::GoListings => "listings",
            Action::MappingSection => "section",
            Action::MappingShop => "shop",
            Action::RecommendCategory => "recommend",
            Action::CreateBrand => "new brand",
            Action::ListingsShop => "shop",
            Action::CheckListing => "check",
            Action::ListProduct => "list",
            Action::DraftOnTiktok => "draft",
            Action::AnswerHazmat => "hazmat",
            Action::SetPackage => "package",
            Action::SetSizeChart => "size chart",
            Action::AttachCertificate => "cert",
            Action::SetAttribute => "attribute",
            Action::SetOverride => "override",
            Action::EditProduct => "edit",
            Action::ImportCatalog => "import",
            Action::MatchProducts => "match",
            Action::LinkListing => "link",
            Action::CheckPrerequisites => "prereqs",
            Action::DetailDown => "detail ↓",
            Action::DetailUp => "detail ↑",
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
            Action::AddCarrier
            | Action::RemoveCarrier
            | Action::MapCarrier
            | Action::ImportCarriers
            | Action::RefreshWarehouses
            | Action::MappingSection
            | Action::MappingShop
            | Action::RecommendCategory
            | Action::CreateBrand => Scope::Mapping,
            Action::ListingsShop
            | Action::CheckListing
            | Action::ListProduct
            | Action::DraftOnTiktok
            | Action::AnswerHazmat
            | Action::SetPackage
            | Action::SetSizeChart
            | Action::AttachCertificate
            | Action::SetAttribute
            | Action::SetOverride
            | Action::EditProduct
            | Action::ImportCatalog
            | Action::MatchProducts
            | Action::LinkListing
            | Action::CheckPrerequisites
            | Action::DetailDown
            | Action::DetailUp => Scope::Listings,
            Action::OpenPackage | Action::Uncombine => Scope::Packages,
            Action::FilterStatus
            | Action::FilterShop
            | Action::FilterShipping
            | Action::FilterDue
            | Action::FilterHold
            | Action::FilterCancel
            | Action::Search
            | Action::ToggleSelect
            | Action::OpenOrder
            | Action::ShipOrders
            | Action::SplitShip
            | Action::UpdateTracking
            | Action::CombineOrders
            | Action::CancelOrder
            | Action::AnswerCancel
            | Action::SyncOrders
            | Action::PrintLabel => Scope::Orders,
            _ => Scope::Global,
        }
    }

    /// Actions that change something on TikTok or in the carrier mapping; read-only mode hides
    /// them along with the dangerous ones.
    pub fn writes(self) -> bool {
        matches!(
            self,
            Action::ShipOrders
                | Action::SplitShip
                | Action::UpdateTracking
                | Action::CombineOrders
                | Action::AddCarrier
                | Action::MapCarrier
                | Action::ImportCarriers
                | Action::CreateBrand
                | Action::RecommendCategory
                | Action::ListProduct
                | Action::DraftOnTiktok
                | Action::AnswerHazmat
                | Action::SetPackage
                | Action::SetSizeChart
                | Action::AttachCertificate
                | Action::SetAttribute
                | Action::SetOverride
                | Action::EditProduct
                | Action::ImportCatalog
                | Action::LinkListing
        )
    }

    /// Shown in the key hints line. The detail's scroll keys are not: the detail names them
    /// itself when it does not fit.
    pub fn hinted(self) -> bool {
        !matches!(self, Action::DetailDown | Action::DetailUp)
    }

    /// Hidden (not shown, not run) in this mode.
    pub fn hidden(self, read_only: bool) -> bool {
        read_only && (self.dangerous() || self.writes())
    }

    /// Dangerous actions always confirm and do not exist in read-only mode.
    pub fn dangerous(self) -> bool {
        matches!(
            self,
            Action::DisconnectShop
                | Action::RemoveStore
                | Action::CancelOrder
                | Action::AnswerCancel
                | Action::Uncombine
                | Action::RemoveCarrier
        )
    }
}
