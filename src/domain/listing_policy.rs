//! Listing policy TikTok enforces in its audit rather than in the API: the listing check warns
//! about it before the product leaves, so a rejection a minute later is not the first word.
//!
//! External links: TikTok Shop forbids content that sends buyers elsewhere ("Alternate
//! Ordering Information (Redirecting Traffic)", TikTok Shop Seller University,
//! seller-th.tiktok.com/university/essay?knowledge_id=1519417092556561; the Chinese help on
//! private transactions: no external links, web pages or contact details in product
//! descriptions).

/// The first link to a site in `text` (`http://…`, `https://…` or `www.…`), as written.
pub fn external_link(text: &str) -> Option<&str> {
    let lower = text.to_ascii_lowercase();
    let (start, prefix) = ["http://", "https://", "www."].iter().filter_map(|p| lower.find(p).map(|i| (i, p.len()))).min()?;
    let rest = &text[start..];
    let end = rest.find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ')')).unwrap_or(rest.len());
    let link = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    // A prefix with nothing after it ("www.") names no site.
    (link.len() > prefix).then_some(link)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_as_written_and_nothing_in_plain_text() {
        assert_eq!(external_link("<p>Care guide: https://northwind.example/care.</p>"), Some("https://northwind.example/care"));
        assert_eq!(external_link("See WWW.Shop.example for more"), Some("WWW.Shop.example"));
        assert_eq!(external_link(r#"<a href="http://x.example/a?b=1">x</a>"#), Some("http://x.example/a?b=1"));
        assert_eq!(external_link("Five vegan brushes; 100% cotton pouch."), None);
        assert_eq!(external_link("ends with www."), None);
    }
}
