//! Linking a TikTok product made elsewhere to a platform product by hand (CAT-PRE-CAMPAIGN),
//! SKU by SKU: each TikTok SKU whose seller SKU is none of the product's variants is asked
//! about in turn, so the orders of a Seller Center or campaign product map to platform SKUs.

use super::Pick;
use crate::sync::Command;
use crate::sync::catalog_commands::CatalogCommand;
use crate::ui::app::App;
use crate::ui::overlays::picker::{PickItem, Picker};
use std::collections::BTreeMap;

/// What a link in progress carries from one question to the next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkInProgress {
    pub shop_id: String,
    pub product_id: String,
    pub store: String,
    pub handle: String,
    pub links: BTreeMap<String, String>,
    /// TikTok SKUs still to ask about: (id, seller SKU).
    pub pending: Vec<(String, String)>,
    /// The platform variants offered: (SKU, label).
    pub variants: Vec<(String, String)>,
}

impl App {
    /// The platform product for an unmatched TikTok product is chosen: ask about its SKUs.
    pub(crate) fn link_chosen(&mut self, shop_id: String, product_id: String, store: String, handle: String) -> Vec<Command> {
        let v = &self.listings.view;
        let tiktok: Vec<(String, String)> = v
            .listings
            .iter()
            .find(|l| l.shop_id == shop_id && l.product_id == product_id)
            .map(|l| l.skus.iter().map(|s| (s.id.clone(), s.seller_sku.clone())).collect())
            .unwrap_or_default();
        let variants: Vec<(String, String)> = v
            .products
            .iter()
            .find(|p| p.store == store && p.handle == handle)
            .map(|p| {
                p.variants
                    .iter()
                    .map(|x| (x.sku.clone(), format!("{} {}", x.sku, x.option_values.join(" / ")).trim().to_string()))
                    .collect()
            })
            .unwrap_or_default();
        // A one-variant product is that variant; a TikTok SKU carrying a platform SKU is that one.
        let pending: Vec<(String, String)> = if variants.len() < 2 {
            vec![]
        } else {
            tiktok.into_iter().filter(|(_, seller)| !variants.iter().any(|(sku, _)| sku == seller)).collect()
        };
        self.next_sku_link(LinkInProgress { shop_id, product_id, store, handle, links: BTreeMap::new(), pending, variants })
    }

    fn next_sku_link(&mut self, mut link: LinkInProgress) -> Vec<Command> {
        if link.pending.is_empty() {
            let LinkInProgress { shop_id, product_id, store, handle, links, .. } = link;
            return vec![Command::Catalog(CatalogCommand::Link { shop_id, product_id, store, handle, sku_links: links })];
        }
        let (id, seller) = link.pending[0].clone();
        let mut items = vec![PickItem::new("none of them (map it later)", "")];
        items.extend(link.variants.iter().map(|(_, label)| PickItem::new(label.clone(), "")));
        let msg = format!(
            "TikTok SKU {} ({id}) is which of {}'s variants?",
            if seller.is_empty() { "without seller SKU" } else { &seller },
            link.handle
        );
        link.pending.remove(0);
        self.push_picker(Picker::one("Link SKUs", msg, items, Pick::LinkSku { link: Box::new(link), tiktok_sku: id }));
        vec![]
    }

    /// A TikTok SKU answered: record it and ask about the next.
    pub(crate) fn sku_link_chosen(&mut self, mut link: LinkInProgress, tiktok_sku: String, chosen: usize) -> Vec<Command> {
        if let Some((sku, _)) = chosen.checked_sub(1).and_then(|i| link.variants.get(i)) {
            link.links.insert(tiktok_sku, sku.clone());
        }
        self.next_sku_link(link)
    }
}
