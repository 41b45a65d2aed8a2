//! Search Products (CAT-POST-SEARCH): a shop's TikTok products by status and seller SKUs, every
//! page read up to a cap. One function for `tokshop products search` and the console's `/` in the
//! Listings pane (`CatalogCommand::SearchProducts`).

use crate::domain::product_search::{MAX_SKUS, status};
use crate::domain::shop::Shop;
use crate::domain::tiktok_catalog::RemoteProduct;
use crate::sync::orders::shop_ref;
use crate::sync::{SyncCtx, SyncError, SyncResult};

/// How many products the console is answered with at most (it says when more exist).
pub const CONSOLE_CAP: usize = 500;

/// Every page of Search Products (100 a call) until more than `cap` are known: at most `cap`
/// products, newest first, and true when more exist. An unknown status is refused before any call.
pub async fn search(
    ctx: &SyncCtx,
    s: &Shop,
    wanted: &str,
    skus: &[String],
    cap: usize,
) -> SyncResult<(Vec<RemoteProduct>, bool)> {
    let wanted = status(Some(wanted)).map_err(SyncError::Invalid)?;
    if skus.len() > MAX_SKUS {
        return Err(SyncError::Invalid(format!("at most {MAX_SKUS} seller SKUs in one search")));
    }
    let mut all = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = ctx.api.search_products(&shop_ref(s), &wanted, skus, 100, token.as_deref()).await?;
        all.extend(page.products);
        // Pages stop once one more than shown is known to exist.
        if page.next_page_token.is_empty() || all.len() > cap {
            break;
        }
        token = Some(page.next_page_token);
    }
    let more = all.len() > cap;
    all.truncate(cap);
    Ok((all, more))
}
