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
    let (start, prefix) =
        ["http://", "https://", "www."].iter().filter_map(|p| lower.find(p).map(|i| (i, p.len()))).min()?;
    let rest = &text[start..];
    let end = rest.find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ')')).unwrap_or(rest.len());
    let link = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    // A prefix with nothing after it ("www.") names no site.
    (link.len() > prefix).then_some(link)
}

/// A barcode as TikTok's `identifier_code` (code, type): 12 digits are a UPC, 13 an EAN (an
/// ISBN when they start 978 or 979), 14 a GTIN; the GS1 check digit must hold. Anything else
/// is not sent, and the reason says why. Types from Create Product's `skus[].identifier_code`.
pub fn identifier_code(barcode: &str) -> Result<(String, &'static str), String> {
    let code: String = barcode.trim().trim_start_matches('\'').to_string();
    if !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("barcode {code:?} is not all digits"));
    }
    let kind = match code.len() {
        12 => "UPC",
        13 if code.starts_with("978") || code.starts_with("979") => "ISBN",
        13 => "EAN",
        14 => "GTIN",
        n => return Err(format!("barcode {code:?} has {n} digits; a UPC has 12, an EAN or ISBN 13, a GTIN 14")),
    };
    let digits: Vec<u32> = code.chars().filter_map(|c| c.to_digit(10)).collect();
    let (body, check) = digits.split_at(digits.len() - 1);
    // GS1: from the right of the body, weights 3, 1, 3, ...
    let sum: u32 = body.iter().rev().enumerate().map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d }).sum();
    if (10 - sum % 10) % 10 != check[0] {
        return Err(format!("barcode {code:?} fails its check digit"));
    }
    Ok((code, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn barcodes_become_identifier_codes_when_they_are_real() {
        assert_eq!(identifier_code("036000291452"), Ok(("036000291452".to_string(), "UPC")));
        assert_eq!(identifier_code("5012345678900"), Ok(("5012345678900".to_string(), "EAN")));
        assert_eq!(identifier_code("9780596520687"), Ok(("9780596520687".to_string(), "ISBN")));
        assert_eq!(identifier_code("00012345678905").map(|c| c.1), Ok("GTIN"));
        assert!(identifier_code("5012345678901").unwrap_err().contains("check digit"));
        assert!(identifier_code("ABC-1").unwrap_err().contains("digits"));
        assert!(identifier_code("12345").unwrap_err().contains("5 digits"));
    }

    #[test]
    fn finds_links_as_written_and_nothing_in_plain_text() {
        assert_eq!(
            external_link("<p>Care guide: https://northwind.example/care.</p>"),
            Some("https://northwind.example/care")
        );
        assert_eq!(external_link("See WWW.Shop.example for more"), Some("WWW.Shop.example"));
        assert_eq!(external_link(r#"<a href="http://x.example/a?b=1">x</a>"#), Some("http://x.example/a?b=1"));
        assert_eq!(external_link("Five vegan brushes; 100% cotton pouch."), None);
        assert_eq!(external_link("ends with www."), None);
    }
}
