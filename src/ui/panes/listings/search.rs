//! The Listings pane's `/`: the shop's TikTok products by status and seller SKU (Search Products,
//! CAT-POST-SEARCH, as `tokshop products search`). A prompt takes the filter (`ACTIVATE`,
//! `status:DRAFT sku:LV-SER-30`, nothing for every product: `domain::product_search::Filter`);
//! a bad one is named there and nothing is sent. The engine pages the search
//! (`sync::catalog::search`, up to 500) and answers with `Products`, shown in the message view,
//! scrollable, esc closes. Read only: any console may search.

use super::ListingsPane;
use crate::domain::product_search::Filter;
use crate::domain::text::inert_line;
use crate::message::{CatalogAnswer, CatalogCommand, Command, FoundProduct, Update};
use crate::ui::action::Action;
use crate::ui::app::App;
use crate::ui::overlays::message::MessageView;
use crate::ui::overlays::prompt::Prompt;
use crate::ui::{Cx, theme};
use ratatui::text::Line;

const HELP: &str = "A status (ALL, ACTIVATE, SELLER_DEACTIVATED, PLATFORM_DEACTIVATED, PENDING, FAILED, DRAFT, \
FREEZE, DELETED) and/or seller SKUs: ACTIVATE, status:DRAFT sku:LV-SER-30; empty for every product.";

fn search(app: &mut App, cx: &Cx) -> Vec<Command> {
    let Some(shop) = app.pane::<ListingsPane>().and_then(|p| p.shop_id()).map(String::from) else {
        app.toast("Connect a shop first", true, cx.now);
        return vec![];
    };
    app.push(Prompt::new("Search the shop's TikTok products", HELP, "", move |app, text, cx| {
        let f = Filter::parse(&text)?;
        let want = shop.clone();
        app.wait(Box::new(move |app, u, cx| match u {
            Update::Catalog(CatalogAnswer::Products { shop_id, shop_name, status, skus, found, more })
                if *shop_id == want =>
            {
                // The status line no longer says it is searching.
                let found_n = count(found.len(), *more).to_lowercase();
                app.toast(format!("Found {found_n} on {}", inert_line(shop_name)), false, cx.now);
                let title = format!("TikTok products on {}", inert_line(shop_name));
                app.push(Box::new(MessageView::answer(title, lines(shop_name, status, skus, found, *more))));
                true
            }
            _ => false,
        }));
        app.toast(format!("Searching TikTok's products ({})…", Filter::label(&f.status, &f.skus)), false, cx.now);
        Ok(vec![CatalogCommand::SearchProducts { shop_id: shop.clone(), status: f.status, skus: f.skus }.into()])
    }));
    vec![]
}

/// "12 products", "1 product", "The first 500 products".
fn count(n: usize, more: bool) -> String {
    match (n, more) {
        (_, true) => format!("The first {n} products"),
        (1, false) => "1 product".into(),
        _ => format!("{n} products"),
    }
}

/// The answer's lines: a header ("12 products on Maomao Beauty (US) · ACTIVATE"), then per
/// product its title and, below it, its id, status, audit status and seller SKUs. Every text
/// from TikTok goes through the sanitiser.
pub fn lines(shop: &str, status: &str, skus: &[String], found: &[FoundProduct], more: bool) -> Vec<Line<'static>> {
    let what = inert_line(&Filter::label(status, skus)).into_owned();
    let mut out =
        vec![Line::styled(format!("{} on {} · {what}", count(found.len(), more), inert_line(shop)), theme::header())];
    if more {
        out.push(Line::styled("More exist: narrow the search, or tokshop products search --all", theme::warn()));
    }
    if found.is_empty() {
        out.push(Line::styled("No product matches.", theme::dim()));
    }
    for p in found {
        out.push(Line::from(""));
        out.push(Line::raw(inert_line(&p.title).into_owned()));
        let skus: Vec<String> = p.seller_skus.iter().map(|k| inert_line(k).into_owned()).collect();
        let detail = format!(
            "  {} · {} · audit {} · SKUs {}",
            inert_line(&p.id),
            inert_line(&p.status),
            inert_line(&p.audit),
            if skus.is_empty() { "none".into() } else { skus.join(", ") }
        );
        out.push(Line::styled(detail, theme::dim()));
    }
    out
}

pub const SEARCH_PRODUCTS: Action = Action::new(
    "search-tiktok-products",
    "search TikTok",
    "the shop's TikTok products by status and seller SKU (status:S sku:SKU)",
    search,
);

#[cfg(test)]
mod tests {
    #[test]
    fn one_product_is_singular_and_a_cut_answer_says_the_first() {
        assert_eq!(super::count(1, false), "1 product");
        assert_eq!(super::count(0, false), "0 products");
        assert_eq!(super::count(500, true), "The first 500 products");
    }
}
