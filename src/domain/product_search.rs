//! Searching a shop's TikTok products (Search Products, CAT-POST-SEARCH): the statuses TikTok
//! takes and the console's filter, `status:S sku:SKU` (a bare word is a status; several `sku:`
//! words search any of those seller SKUs, at most ten). Pure: the CLI, the engine and the console
//! ask it.

use crate::domain::text::inert_line;

/// The statuses Search Products takes (ALL: any).
pub const STATUSES: &[&str] = &[
    "ALL",
    "ACTIVATE",
    "SELLER_DEACTIVATED",
    "PLATFORM_DEACTIVATED",
    "PENDING",
    "FAILED",
    "DRAFT",
    "FREEZE",
    "DELETED",
];

/// At most this many seller SKUs in one search (TikTok's limit).
pub const MAX_SKUS: usize = 10;

/// A status as TikTok spells it (any case, trimmed; none is ALL), or why not, naming the valid ones.
pub fn status(s: Option<&str>) -> Result<String, String> {
    let s = s.map(|x| x.trim().to_ascii_uppercase()).filter(|x| !x.is_empty()).unwrap_or_else(|| "ALL".into());
    if STATUSES.contains(&s.as_str()) {
        Ok(s)
    } else {
        Err(format!("Unknown status {}: one of {}", inert_line(&s), STATUSES.join(", ")))
    }
}

/// What to search for: a status (ALL for any) and seller SKUs (none: any).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub status: String,
    pub skus: Vec<String>,
}

impl Filter {
    /// `ACTIVATE`, `status:ACTIVATE sku:LV-SER-30`, `sku:A sku:B`, or nothing (every product);
    /// the words in any order, `status:` and `sku:` in any case. Why not, otherwise.
    pub fn parse(text: &str) -> Result<Filter, String> {
        let mut found: Option<String> = None;
        let mut skus = Vec::new();
        for word in text.split_whitespace() {
            let (key, value) = word.split_once(':').unwrap_or(("status", word));
            match key.to_ascii_lowercase().as_str() {
                "status" if found.is_some() => return Err("One status at a time".into()),
                "status" => found = Some(status(Some(value))?),
                "sku" if value.is_empty() => return Err("sku: needs a seller SKU (sku:LV-SER-30)".into()),
                "sku" => skus.push(value.to_string()),
                other => {
                    return Err(format!("Unknown filter {}: (status:S and sku:SKU)", inert_line(other)));
                }
            }
        }
        if skus.len() > MAX_SKUS {
            return Err(format!("At most {MAX_SKUS} seller SKUs in one search"));
        }
        Ok(Filter { status: found.unwrap_or_else(|| "ALL".into()), skus })
    }

    /// "ACTIVATE", "ALL · sku LV-SER-30": what was searched, for a header.
    pub fn label(status: &str, skus: &[String]) -> String {
        if skus.is_empty() { status.to_string() } else { format!("{status} · sku {}", skus.join(", ")) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_is_uppercased_none_is_all_and_an_unknown_one_names_the_valid_ones() {
        assert_eq!(status(Some(" activate ")), Ok("ACTIVATE".into()));
        assert_eq!(status(None), Ok("ALL".into()));
        let e = status(Some("ACTIVE")).expect_err("unknown");
        assert!(e.contains("Unknown status ACTIVE") && e.contains("SELLER_DEACTIVATED, PLATFORM_DEACTIVATED"), "{e}");
    }

    #[test]
    fn the_filter_takes_a_bare_status_status_and_sku_words_or_nothing() {
        let f = |s: &str| Filter::parse(s);
        assert_eq!(f(""), Ok(Filter { status: "ALL".into(), skus: vec![] }));
        assert_eq!(f("activate"), Ok(Filter { status: "ACTIVATE".into(), skus: vec![] }));
        let both = f("SKU:LV-SER-30 status:draft sku:LV-SER-50").expect("both");
        assert_eq!((both.status.as_str(), both.skus), ("DRAFT", vec!["LV-SER-30".to_string(), "LV-SER-50".into()]));
        assert!(f("ACTIVE").expect_err("unknown").contains("one of ALL, ACTIVATE"));
        assert!(f("colour:red").expect_err("unknown key").contains("Unknown filter colour"));
        assert!(f("ACTIVATE DRAFT").is_err());
        assert!(f("sku:").is_err());
        let many = (0..11).map(|i| format!("sku:S{i}")).collect::<Vec<_>>().join(" ");
        assert!(f(&many).expect_err("too many").contains("At most 10"));
    }
}
