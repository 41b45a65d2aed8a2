//! Console flows of the Listings pane and the catalogue sections of the Mapping pane: keys
//! pressed through the keymap by action name, the commands they send checked field by field.

use crate::ui;

use crossterm::event::KeyCode;
use tokshop::domain::listing::{Hazmat, HazmatKind};
use tokshop::domain::tiktok_catalog::Brand;
use tokshop::message::CatalogCommand;
use tokshop::message::Command;
use ui::order_data::US;
use ui::*;

pub(crate) fn only(cmds: Vec<Command>) -> CatalogCommand {
    match cmds.as_slice() {
        [Command::Catalog(c)] => c.clone(),
        other => panic!("expected one catalogue command, got {other:?}"),
    }
}

pub(crate) fn listings_at(row: usize) -> (FixedViews, tokshop::ui::app::App) {
    let views = loaded();
    let mut a = app(false, &views);
    press(&mut a, &views, "go-listings");
    for _ in 0..row {
        press(&mut a, &views, "select-next");
    }
    (views, a)
}

#[test]
fn hazmat_no_saves_the_answer_as_the_draft() {
    let (views, mut a) = listings_at(1);
    assert!(press(&mut a, &views, "answer-hazmat").is_empty());
    let CatalogCommand::SaveDraft { draft } = only(choose(&mut a, &views, 1)) else { panic!("a draft") };
    assert_eq!((draft.shop_id.as_str(), draft.handle.as_str()), (US, "enamel-mug"));
    assert_eq!(draft.hazmat, Some(Hazmat::default()));
    assert!(a.overlays.is_empty());
}

#[test]
fn hazmat_yes_asks_which_and_the_battery_type() {
    let (views, mut a) = listings_at(2);
    press(&mut a, &views, "answer-hazmat");
    assert!(choose(&mut a, &views, 2).is_empty(), "yes asks which");
    // Tick lithium batteries and aerosols.
    key(&mut a, &views, KeyCode::Home);
    key(&mut a, &views, KeyCode::Char(' '));
    key(&mut a, &views, KeyCode::Down);
    key(&mut a, &views, KeyCode::Down);
    key(&mut a, &views, KeyCode::Char(' '));
    assert!(key(&mut a, &views, KeyCode::Enter).is_empty(), "lithium asks the battery type");
    // The rain jacket's category has no battery-type attribute: the type is typed.
    assert!(a.top::<tokshop::ui::overlays::prompt::Prompt>().is_some());
    type_text(&mut a, &views, "Lithium-ion");
    let CatalogCommand::SaveDraft { draft } = only(key(&mut a, &views, KeyCode::Enter)) else { panic!("a draft") };
    let h = draft.hazmat.expect("answered");
    assert!(h.contains);
    assert_eq!(h.kinds, vec![HazmatKind::LithiumBatteries, HazmatKind::Aerosols]);
    assert_eq!(h.battery_type.as_deref(), Some("Lithium-ion"));
}

#[test]
fn package_weight_and_dimensions_are_checked_as_typed() {
    let (views, mut a) = listings_at(2);
    press(&mut a, &views, "set-package");
    type_text(&mut a, &views, "0.4 30x20");
    assert!(key(&mut a, &views, KeyCode::Enter).is_empty(), "two dimensions are refused");
    assert!(a.top::<tokshop::ui::overlays::prompt::Prompt>().is_some(), "the prompt stays open with the error");
    for _ in 0..5 {
        key(&mut a, &views, KeyCode::Backspace);
    }
    type_text(&mut a, &views, "30x20x5");
    let CatalogCommand::SaveDraft { draft } = only(key(&mut a, &views, KeyCode::Enter)) else { panic!("a draft") };
    assert_eq!(draft.package_weight_kg.map(|w| w.to_string()).as_deref(), Some("0.4"));
    assert_eq!(
        draft.package_dimensions_cm.map(|d| format!("{}x{}x{}", d.length, d.width, d.height)).as_deref(),
        Some("30x20x5")
    );
}

#[test]
fn listing_is_confirmed_and_refused_while_fields_are_missing_or_already_listed() {
    // The live brush set is never listed twice.
    let (views, mut a) = listings_at(0);
    assert!(press(&mut a, &views, "list-product").is_empty());
    assert!(a.overlays.is_empty(), "no confirmation for a product already on TikTok");
    // The rain jacket's check names 3 missing fields: nothing is offered.
    let (views, mut a) = listings_at(2);
    assert!(press(&mut a, &views, "list-product").is_empty());
    assert!(a.overlays.is_empty());
    // The mug was never checked: confirm, then the engine checks and lists it through the outbox.
    let (views, mut a) = listings_at(1);
    assert!(press(&mut a, &views, "list-product").is_empty());
    let c = only(key(&mut a, &views, KeyCode::Char('y')));
    assert_eq!(
        c,
        CatalogCommand::List {
            shop_id: US.into(),
            store: "maomao-web".into(),
            handle: "enamel-mug".into(),
            as_draft: false
        }
    );
    // Saving as a TikTok draft is the same write with as_draft.
    press(&mut a, &views, "draft-on-tiktok");
    let CatalogCommand::List { as_draft, .. } = only(key(&mut a, &views, KeyCode::Char('y'))) else { panic!("list") };
    assert!(as_draft);
    // The serum TikTok rejected is offered again: a resubmission of the same product.
    let (views, mut a) = listings_at(3);
    assert!(press(&mut a, &views, "list-product").is_empty());
    assert!(a.top::<tokshop::ui::overlays::confirm::Confirm>().is_some(), "a rejected product can be resubmitted");
    assert!(draw(&mut a, 120, 40).contains("Resubmit vitamin-c-serum?"));
    let c = only(key(&mut a, &views, KeyCode::Char('y')));
    assert_eq!(
        c,
        CatalogCommand::List {
            shop_id: US.into(),
            store: "maomao-web".into(),
            handle: "vitamin-c-serum".into(),
            as_draft: false
        }
    );
}

#[test]
fn check_and_shop_switching() {
    let (views, mut a) = listings_at(1);
    let c = only(press(&mut a, &views, "check-listing"));
    assert_eq!(
        c,
        CatalogCommand::Check { shop_id: US.into(), store: "maomao-web".into(), handle: "enamel-mug".into() }
    );
    press(&mut a, &views, "listings-shop");
    let CatalogCommand::CheckPrerequisites { shop_id } = only(press(&mut a, &views, "check-prerequisites")) else {
        panic!("prerequisites")
    };
    assert_eq!(shop_id, ui::order_data::GB, "S moved to the next shop");
}

#[test]
fn an_unmatched_tiktok_product_is_linked_to_a_platform_product() {
    let (views, mut a) = listings_at(4);
    assert!(press(&mut a, &views, "link-listing").is_empty());
    // The picker offers the shop's own products; the 4th is the serum.
    let c = only(choose(&mut a, &views, 4));
    assert_eq!(
        c,
        CatalogCommand::Link {
            shop_id: US.into(),
            product_id: "1729592969712207009".into(),
            store: "maomao-web".into(),
            handle: "vitamin-c-serum".into(),
            sku_links: Default::default(),
        }
    );
    // Linked to the rain jacket (three sizes), the gift box's SKU is asked about.
    let (views, mut a) = listings_at(4);
    press(&mut a, &views, "link-listing");
    assert!(choose(&mut a, &views, 3).is_empty(), "the jacket has several variants: which one?");
    assert!(draw(&mut a, 120, 40).contains("TikTok SKU MB-GIFT-BOX"));
    let CatalogCommand::Link { handle, sku_links, .. } = only(choose(&mut a, &views, 2)) else { panic!("a link") };
    assert_eq!(handle, "packable-rain-jacket");
    assert_eq!(
        sku_links.into_iter().collect::<Vec<_>>(),
        [("17295929697122070090".to_string(), "NW-RAIN-NVY-S".to_string())]
    );
    let (views, mut a) = listings_at(0);
    assert!(press(&mut a, &views, "link-listing").is_empty());
    assert!(a.overlays.is_empty(), "only unmatched rows link");
}

#[test]
fn import_defaults_to_the_shops_store_and_currency() {
    let (views, mut a) = listings_at(0);
    press(&mut a, &views, "import-catalog");
    type_text(&mut a, &views, "/data/products.csv");
    let c = only(key(&mut a, &views, KeyCode::Enter));
    assert_eq!(
        c,
        CatalogCommand::Import {
            path: "/data/products.csv".into(),
            store: "maomao-web".into(),
            currency: "USD".into()
        }
    );
    press(&mut a, &views, "import-catalog");
    type_text(&mut a, &views, "/data/p.csv maomao-web pounds");
    assert!(key(&mut a, &views, KeyCode::Enter).is_empty(), "a bad currency is refused in the prompt");
}

#[test]
fn product_types_map_to_categories_by_search() {
    let views = loaded();
    let mut a = app(false, &views);
    press(&mut a, &views, "go-mapping");
    press(&mut a, &views, "mapping-section");
    press(&mut a, &views, "select-next");
    assert!(press(&mut a, &views, "map-carrier").is_empty());
    assert!(a.top::<tokshop::ui::overlays::category_picker::CategoryPicker>().is_some());
    type_text(&mut a, &views, "puffer");
    let c = only(key(&mut a, &views, KeyCode::Enter));
    assert_eq!(
        c,
        CatalogCommand::MapCategory {
            shop_id: US.into(),
            product_type: "Jackets".into(),
            category_id: "601303".into()
        }
    );
    // Carrier actions mean nothing here: they say so and send nothing.
    assert!(press(&mut a, &views, "add-carrier").is_empty());
    assert!(a.overlays.is_empty());
}

#[test]
fn tiktok_recommends_a_category_for_approval() {
    let views = loaded();
    let mut a = app(false, &views);
    press(&mut a, &views, "go-mapping");
    press(&mut a, &views, "mapping-section");
    let CatalogCommand::Recommend { handle, .. } = only(press(&mut a, &views, "recommend-category")) else {
        panic!("recommend")
    };
    assert_eq!(handle, "vitamin-c-serum", "the first product of the type describes it");
    a.on_update(
        tokshop::message::Update::from(tokshop::message::CatalogAnswer::Recommended {
            shop_id: US.into(),
            product_type: "Face Serums".into(),
            category_id: "601460".into(),
            path: "Skincare > Face Serums".into(),
        }),
        &views,
        NOW,
    );
    let c = only(key(&mut a, &views, KeyCode::Char('y')));
    assert_eq!(
        c,
        CatalogCommand::MapCategory {
            shop_id: US.into(),
            product_type: "Face Serums".into(),
            category_id: "601460".into()
        }
    );
}

#[test]
fn vendors_map_to_brands_tiktok_allows() {
    let views = loaded();
    let mut a = app(false, &views);
    press(&mut a, &views, "go-mapping");
    press(&mut a, &views, "mapping-section");
    press(&mut a, &views, "mapping-section");
    press(&mut a, &views, "select-last");
    press(&mut a, &views, "map-carrier");
    let c = only(key(&mut a, &views, KeyCode::Enter));
    assert_eq!(
        c,
        CatalogCommand::FetchBrands {
            shop_id: US.into(),
            vendor: "Northwind Outfitters".into(),
            prefix: "Northwind".into()
        }
    );
    let brand = |id: &str, name: &str, authorized: bool, t1: bool| Brand {
        id: id.into(),
        name: name.into(),
        authorized,
        t1,
        ..Brand::default()
    };
    a.on_update(
        tokshop::message::Update::from(tokshop::message::CatalogAnswer::Brands {
            shop_id: US.into(),
            vendor: "Northwind Outfitters".into(),
            brands: vec![brand("1", "Northwind", false, true), brand("2", "Northwind Outfitters", true, false)],
        }),
        &views,
        NOW,
    );
    // The T1 brand the seller is not authorized for cannot be chosen.
    let c = only(choose(&mut a, &views, 2));
    let CatalogCommand::MapBrand { shop_id, vendor, brand_id, brand_name } = c else { panic!("a brand mapping") };
    assert_eq!((shop_id.as_str(), vendor.as_str(), brand_id.as_str()), (US, "Northwind Outfitters", "2"));
    assert!(!brand_name.is_empty());
    // A custom brand is created with TikTok's limits explained.
    press(&mut a, &views, "create-brand");
    let c = only(key(&mut a, &views, KeyCode::Enter));
    assert_eq!(
        c,
        CatalogCommand::CreateBrand {
            shop_id: US.into(),
            vendor: "Northwind Outfitters".into(),
            name: "Northwind Outfitters".into()
        }
    );
}

/// The Mapping pane's attributes section with row `row` selected and its mapping started.
/// Rows: the jacket category, Material, Size, ...
fn map_attribute_row(row: usize) -> (FixedViews, tokshop::ui::app::App) {
    let views = loaded();
    let mut a = app(false, &views);
    press(&mut a, &views, "go-mapping");
    for _ in 0..3 {
        press(&mut a, &views, "mapping-section");
    }
    for _ in 0..row {
        press(&mut a, &views, "select-next");
    }
    press(&mut a, &views, "map-carrier");
    (views, a)
}

#[test]
fn attribute_values_come_from_options_tags_or_a_fixed_value() {
    // Material from the "Fabric" tags.
    let (views, mut a) = map_attribute_row(1);
    choose(&mut a, &views, 2);
    for _ in 0.."Material".len() {
        key(&mut a, &views, KeyCode::Backspace);
    }
    type_text(&mut a, &views, "Fabric");
    let CatalogCommand::MapAttribute { mapping } = only(key(&mut a, &views, KeyCode::Enter)) else {
        panic!("attribute")
    };
    assert_eq!(mapping.attribute_id, "100198");
    assert_eq!(mapping.source, tokshop::domain::listing::AttributeSource::Tag("Fabric".into()));
}

#[test]
fn platform_values_tiktok_lacks_are_translated_one_by_one() {
    // The jacket's Size from its Size option: S and M are TikTok's, L is not.
    let (views, mut a) = map_attribute_row(2);
    assert!(choose(&mut a, &views, 1).is_empty(), "from a variant option");
    assert!(choose(&mut a, &views, 2).is_empty(), "the Size option asks about L");
    let screen = draw(&mut a, 120, 40);
    assert!(
        screen.contains("\"L\" is not one of TikTok's Size values") && screen.contains("leave \"L\" out"),
        "{screen}"
    );
    let CatalogCommand::MapAttribute { mapping } = only(choose(&mut a, &views, 3)) else { panic!("attribute") };
    assert_eq!(mapping.source, tokshop::domain::listing::AttributeSource::Option("Size".into()));
    assert_eq!(
        mapping.values,
        vec![tokshop::domain::listing::ValueMapping {
            from: "L".into(),
            value_id: "1000103".into(),
            value_name: "M".into()
        }]
    );
}

#[test]
fn a_long_check_report_scrolls_and_starts_at_the_top_for_the_next_product() {
    let (views, mut a) = listings_at(2);
    let top = draw(&mut a, 80, 24);
    assert!(top.contains("rows 1–"), "the footer says the detail is cut:\n{top}");
    assert!(top.contains("J/K scrolls"), "{top}");
    press(&mut a, &views, "detail-down");
    let down = draw(&mut a, 80, 24);
    assert!(down.contains("rows 4–"), "{down}");
    for _ in 0..50 {
        press(&mut a, &views, "detail-down");
    }
    let bottom = draw(&mut a, 80, 24);
    let footer = bottom.lines().find(|l| l.contains("rows ")).expect("footer").to_string();
    assert!(footer.contains("–") && footer.contains(" of "), "{footer}");
    let (range, total) = footer.split_once(" of ").expect("of");
    let last = range.rsplit('–').next().expect("last").trim();
    assert_eq!(last, total.split_whitespace().next().expect("total"), "scrolling stops at the end: {footer}");
    key(&mut a, &views, KeyCode::Up);
    key(&mut a, &views, KeyCode::Down);
    let again = draw(&mut a, 80, 24);
    assert!(again.contains("rows 1–"), "another product starts at its top:\n{again}");
    // The whole report fits at 120x40: no footer.
    assert!(!draw(&mut a, 120, 40).contains("scrolls ──"));
}

#[test]
fn an_override_starts_from_what_the_shop_shows_and_unchanged_means_none() {
    let (views, mut a) = listings_at(1);
    press(&mut a, &views, "set-override");
    assert!(choose(&mut a, &views, 2).is_empty(), "the description prompt opens");
    assert!(draw(&mut a, 120, 40).contains("Chip-resistant"), "prefilled with the platform's description");
    let CatalogCommand::SaveDraft { draft } = only(
        type_text(&mut a, &views, " Dishwasher safe.").into_iter().chain(key(&mut a, &views, KeyCode::Enter)).collect(),
    ) else {
        panic!("a draft")
    };
    let d = draft.description.expect("overridden");
    assert!(d.contains("Chip-resistant") && d.ends_with(" Dishwasher safe."), "{d}");
    // The title, or the price, left as the platform has it: nothing is overridden.
    for field in [1, 3] {
        press(&mut a, &views, "set-override");
        choose(&mut a, &views, field);
        assert!(key(&mut a, &views, KeyCode::Enter).is_empty(), "field {field}: nothing saved");
        assert!(a.overlays.is_empty());
    }
}

#[test]
fn a_price_in_another_currency_is_not_offered_as_the_shops() {
    // The GB shop sells in GBP; the catalogue's prices are in USD.
    let (views, mut a) = listings_at(0);
    press(&mut a, &views, "listings-shop");
    press(&mut a, &views, "set-override");
    choose(&mut a, &views, 3);
    let screen = draw(&mut a, 120, 40);
    assert!(screen.contains("in GBP"), "{screen}");
    assert!(!screen.contains("19.00"), "the USD price is not offered as a GBP one:\n{screen}");
    let CatalogCommand::SaveDraft { draft } =
        only(type_text(&mut a, &views, "15.50").into_iter().chain(key(&mut a, &views, KeyCode::Enter)).collect())
    else {
        panic!("a draft")
    };
    assert_eq!(draft.prices.values().map(|p| p.to_string()).collect::<Vec<_>>(), ["15.50"]);
}

#[test]
fn stock_is_set_per_tiktok_warehouse_when_the_shop_has_several() {
    let (views, mut a) = listings_at(1);
    let mut austin =
        a.shared.carriers_view().warehouses.iter().find(|w| w.shop_id == US).expect("the US warehouse").clone();
    (austin.id, austin.name, austin.is_default) = ("7068517275539719999".into(), "Austin DC".into(), false);
    a.shared.carriers.ready_mut().expect("carriers").warehouses.push(austin);
    press(&mut a, &views, "set-override");
    let screen = draw(&mut a, 120, 40);
    assert!(
        screen.contains("TikTok stock LM-MUG-WHT in San Jose DC")
            && screen.contains("TikTok stock LM-MUG-WHT in Austin DC"),
        "{screen}"
    );
    assert!(choose(&mut a, &views, 5).is_empty(), "Austin's stock prompt opens");
    assert!(draw(&mut a, 120, 40).contains("│0"), "nothing there yet");
    key(&mut a, &views, KeyCode::Backspace);
    type_text(&mut a, &views, "7");
    let CatalogCommand::SaveDraft { draft } = only(key(&mut a, &views, KeyCode::Enter)) else { panic!("a draft") };
    let per = &draft.inventory["LM-MUG-WHT"];
    assert_eq!(per.get("7068517275539719999"), Some(&7));
    assert_eq!(per.get("7068517275539719942"), Some(&40), "the default warehouse keeps the platform's stock");
}

#[test]
fn read_only_hides_every_write() {
    let views = loaded();
    let mut a = app(true, &views);
    press(&mut a, &views, "go-listings");
    for (name, code) in [("list-product", 'l'), ("answer-hazmat", 'H'), ("import-catalog", 'i'), ("link-listing", 'b')]
    {
        let seq = a.keymap.seqs_for(a.keymap.action(name).expect("action"));
        assert!(!seq.is_empty(), "{name} is bound");
        assert!(key(&mut a, &views, KeyCode::Char(code)).is_empty(), "{name} sends nothing read-only");
        assert!(a.overlays.is_empty(), "{name} opens nothing read-only");
    }
}

/// The first row whose product has certificates to attach, with the certificate picker open.
fn certificate_picker() -> (FixedViews, tokshop::ui::app::App) {
    for row in 0..6 {
        let (views, mut a) = listings_at(row);
        press(&mut a, &views, "attach-certificate");
        if a.top::<tokshop::ui::overlays::picker::Picker>().is_some() {
            return (views, a);
        }
    }
    panic!("no product of the fixture has certificates to attach");
}

#[test]
fn the_certificate_path_takes_spaces_and_completes_on_tab() {
    use tokshop::ui::overlays::prompt::Prompt;
    let dir = tempfile::tempdir().expect("tempdir");
    for f in ["SDS rose mist.pdf", "SDS rose oil.pdf", "other.pdf"] {
        std::fs::write(dir.path().join(f), b"%PDF-1.4").expect("file");
    }
    let base = format!("{}/", dir.path().display());
    let (views, mut a) = certificate_picker();
    choose(&mut a, &views, 1);
    let initial = a.top::<Prompt>().expect("the path prompt").value();
    for _ in 0..initial.chars().count() + 2 {
        key(&mut a, &views, KeyCode::Backspace);
    }
    type_text(&mut a, &views, &format!("{base}SDS r"));
    // Two files fit: Tab takes what they share and shows both names.
    key(&mut a, &views, KeyCode::Tab);
    let p = a.top::<Prompt>().expect("still open");
    assert_eq!(p.value(), format!("{base}SDS rose"), "the common part (a trailing space is kept, not shown)");
    assert_eq!(p.choices, vec!["SDS rose mist.pdf".to_string(), "SDS rose oil.pdf".to_string()]);
    assert!(draw(&mut a, 120, 40).contains("SDS rose mist.pdf  SDS rose oil.pdf"));
    type_text(&mut a, &views, "m");
    key(&mut a, &views, KeyCode::Tab);
    assert_eq!(a.top::<Prompt>().expect("open").value(), format!("{base}SDS rose mist.pdf"));
    // Nothing fits: said so, the text left as typed.
    type_text(&mut a, &views, "x");
    key(&mut a, &views, KeyCode::Tab);
    assert!(a.top::<Prompt>().and_then(|p| p.error.clone()).is_some_and(|e| e.contains("No file or folder")));
    key(&mut a, &views, KeyCode::Backspace);
    type_text(&mut a, &views, " 2027-06-30");
    let cmds = key(&mut a, &views, KeyCode::Enter);
    let CatalogCommand::SaveDraft { draft } = only(cmds) else { panic!("a draft") };
    let files: Vec<&String> = draft.certifications.values().flat_map(|c| c.files.iter()).collect();
    assert!(files.contains(&&format!("{base}SDS rose mist.pdf")), "the whole path, spaces and all: {files:?}");
}
