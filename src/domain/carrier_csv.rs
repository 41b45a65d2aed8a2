//! The platform's carriers as CSV (SHOP-MAN-CARRIER): a header row with a `name` column and
//! optionally `tracking_url`. Bad rows are reported by line and column; good rows still count.

use super::package::Carrier;

/// The longest carrier name accepted (names are keys in the store and appear in tables).
const MAX_NAME: usize = 64;

/// A value quoted in a message: inert, cut to 80 characters.
fn quoted(v: &str) -> String {
    format!("\"{}\"", super::text::quoted(v, 80))
}

/// Parse the text of a carriers CSV: (good carriers, one message per bad row).
pub fn parse(text: &str) -> (Vec<Carrier>, Vec<String>) {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut rdr = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let cols: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|c| c.to_lowercase()).collect(),
        Err(e) => return (out, vec![format!("line 1: cannot read the header: {e}")]),
    };
    if cols.iter().all(|c| c.is_empty()) {
        return (out, vec!["the file is empty".into()]);
    }
    let Some(name_col) = cols.iter().position(|c| c == "name") else {
        return (out, vec![format!("line 1: no `name` column (found: {})", cols.join(", "))]);
    };
    let url_col = cols.iter().position(|c| c == "tracking_url");
    let flaws = super::csv_strict::flaws(text);
    errors.extend(flaws.iter().map(|f| format!("line {}: {}", f.line, f.message)));
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                if super::csv_strict::refused(&flaws, line).is_none() {
                    errors.push(format!("line {line}: {e}"));
                }
                continue;
            }
        };
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        if rec.iter().all(|c| c.is_empty()) || super::csv_strict::refused(&flaws, line).is_some() {
            continue;
        }
        match rec.get(name_col).filter(|n| !n.is_empty()) {
            None => errors.push(format!("line {line}: column `name` is empty")),
            Some(n) if n.chars().count() > MAX_NAME || n.contains('|') || n.chars().any(char::is_control) => errors
                .push(format!(
                    "line {line}: column `name`: {} is not a valid carrier name (at most {MAX_NAME} \
                    characters, no `|`)",
                    quoted(n)
                )),
            Some(n) => {
                let url = url_col.and_then(|c| rec.get(c)).filter(|u| !u.is_empty());
                match url {
                    Some(u) if !(u.starts_with("https://") || u.starts_with("http://")) => {
                        errors.push(format!("line {line}: column `tracking_url`: {} is not an http(s) URL", quoted(u)))
                    }
                    _ => out.push(Carrier { name: n.to_string(), tracking_url: url.map(String::from) }),
                }
            }
        }
    }
    (out, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_rows_import_and_bad_rows_are_named_by_line() {
        let text = "name,tracking_url\nUPS,https://www.ups.com/track?tracknum={tracking}\n,\n\"Royal Mail, \
            Tracked\",\nA|B,\nDHL,ftp://x\n";
        let (good, bad) = parse(text);
        assert_eq!(good.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), vec!["UPS", "Royal Mail, Tracked"]);
        assert_eq!(good[0].tracking_url.as_deref(), Some("https://www.ups.com/track?tracknum={tracking}"));
        assert_eq!(bad.len(), 2, "{bad:?}");
        assert!(bad[0].starts_with("line 5: column `name`"), "{bad:?}");
        assert!(bad[1].starts_with("line 6: column `tracking_url`"), "{bad:?}");
    }

    #[test]
    fn structural_errors_refuse_their_rows_and_long_values_are_cut() {
        let long = "n".repeat(10_000_000);
        let text = format!("name,tracking_url\nUPS,\nDHL\n{long},\n\"FedEx,x\nUSPS,\n");
        let (good, bad) = parse(&text);
        assert_eq!(good.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), vec!["UPS"]);
        assert_eq!(bad.len(), 3, "{bad:?}");
        assert!(bad.iter().any(|b| b.starts_with("line 3: 1 fields where the header has 2")), "{bad:?}");
        assert!(bad.iter().any(|b| b.starts_with("line 5: the quoted field opened at line 5")), "{bad:?}");
        assert!(bad.iter().all(|b| b.len() < 300), "values are cut in messages");
    }

    #[test]
    fn a_file_without_a_name_column_says_so() {
        let (good, bad) = parse("carrier\nUPS\n");
        assert!(good.is_empty());
        assert_eq!(bad, vec!["line 1: no `name` column (found: carrier)".to_string()]);
        assert_eq!(parse("").1, vec!["the file is empty".to_string()]);
    }
}
