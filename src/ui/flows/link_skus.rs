//! Linking a TikTok product made elsewhere to a platform product by hand (CAT-PRE-CAMPAIGN),
//! SKU by SKU: each TikTok SKU whose seller SKU is none of the product's variants is asked
//! about in turn, so the orders of a Seller Center or campaign product map to platform SKUs.

use crate::message::{CatalogCommand, Command};
use crate::store::views::ListingEntry;
use crate::ui::Cx;
use crate::ui::app::App;
use crate::ui::overlays::picker::{PickItem, Picker};
use crate::ui::panes::listings::ListingsPane;
use std::collections::BTreeMap;

/// Products offered to link to (the picker lists them; more are a search away in the CLI).
const OFFERED: usize = 2000;

/// What a link in progress carries from one question to the next.
#[derive(Clone, Debug, PartialEq, Eq)]
struct LinkInProgress {
    shop_id: String,
    product_id: String,
    store: String,
    handle: String,
    links: BTreeMap<String, String>,
    /// TikTok SKUs still to ask about: (id, seller SKU).
    pending: Vec<(String, String)>,
    /// The platform variants offered: (SKU, label).
    variants: Vec<(String, String)>,
}

/// `link-listing`: which platform product an unmatched TikTok product is.
pub fn start(app: &mut App, cx: &Cx) -> Vec<Command> {
    let pane = app.pane::<ListingsPane>();
    let (Some(ListingEntry::Unmatched(l)), Some((shop, store))) =
        (pane.and_then(|p| p.selected()).cloned(), pane.and_then(|p| p.shop.get()))
    else {
        app.toast("Select an unmatched TikTok product (at the end of the list)", true, cx.now);
        return vec![];
    };
    let own = match cx.views.products(&store, None, OFFERED) {
        Ok(p) => p,
        Err(e) => {
            app.toast(format!("Cannot read the products of {store}: {e}"), true, cx.now);
            return vec![];
        }
    };
    let products: Vec<String> = own.iter().map(|p| p.handle.clone()).collect();
    let items = own.iter().map(|p| PickItem::new(p.handle.clone(), p.title.clone())).collect();
    let msg = format!("TikTok product {} ({}) is which platform product?", l.product_id, l.title);
    let tiktok: Vec<(String, String)> = l.skus.iter().map(|s| (s.id.clone(), s.seller_sku.clone())).collect();
    app.push(Picker::one("Link product", msg, items, move |app, chosen, cx| {
        let Some(handle) = chosen.first().and_then(|i| products.get(*i)).cloned() else { return vec![] };
        chosen_product(app, shop, l.product_id, tiktok, store, handle, cx)
    }));
    vec![]
}

/// The platform product is chosen: ask about the TikTok SKUs no variant's SKU names.
fn chosen_product(
    app: &mut App,
    shop_id: String,
    product_id: String,
    tiktok: Vec<(String, String)>,
    store: String,
    handle: String,
    cx: &Cx,
) -> Vec<Command> {
    let variants: Vec<(String, String)> = match cx.views.product(&store, &handle) {
        Ok(Some(p)) => p
            .variants
            .iter()
            .map(|x| (x.sku.clone(), format!("{} {}", x.sku, x.option_values.join(" / ")).trim().to_string()))
            .collect(),
        _ => vec![],
    };
    // A one-variant product is that variant; a TikTok SKU carrying a platform SKU is that one.
    let pending: Vec<(String, String)> = if variants.len() < 2 {
        vec![]
    } else {
        tiktok.into_iter().filter(|(_, seller)| !variants.iter().any(|(sku, _)| sku == seller)).collect()
    };
    next_sku(app, LinkInProgress { shop_id, product_id, store, handle, links: BTreeMap::new(), pending, variants })
}

fn next_sku(app: &mut App, mut link: LinkInProgress) -> Vec<Command> {
    if link.pending.is_empty() {
        let LinkInProgress { shop_id, product_id, store, handle, links, .. } = link;
        return vec![CatalogCommand::Link { shop_id, product_id, store, handle, sku_links: links }.into()];
    }
    let (id, seller) = link.pending.remove(0);
    let mut items = vec![PickItem::new("none of them (map it later)", "")];
    items.extend(link.variants.iter().map(|(_, label)| PickItem::new(label.clone(), "")));
    let msg = format!(
        "TikTok SKU {} ({id}) is which of {}'s variants?",
        if seller.is_empty() { "without seller SKU" } else { &seller },
        link.handle
    );
    app.push(Picker::one("Link SKUs", msg, items, move |app, chosen, _| {
        if let Some((sku, _)) = chosen.first().and_then(|c| c.checked_sub(1)).and_then(|i| link.variants.get(i)) {
            link.links.insert(id, sku.clone());
        }
        next_sku(app, link)
    }));
    vec![]
}
