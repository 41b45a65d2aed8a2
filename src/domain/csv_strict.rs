//! What every CSV import checks before it reads a row: the text is UTF-8, every quoted field is
//! closed, and every row has as many fields as the header. The csv crate, read flexibly, would
//! let an unterminated quote swallow the rest of the file and a short row pass as if its last
//! cells were empty; here each is named by line and column and the row is refused.
//!
//! Every import applies the same rule (the README's "Imports"): rows that pass are applied,
//! rows refused are named, and the command ends with "N imported, M refused" and exits 1 when
//! anything was refused.

/// Bytes to text, or the line and column of the first byte that is not UTF-8.
pub fn utf8(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|b| **b == b'\n').count() + 1;
        let col = good.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        format!("line {line}, column {col}: the file is not UTF-8 text (save it as UTF-8 and import again)")
    })
}

/// A structural problem: the 1-based line it starts on, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flaw {
    pub line: u64,
    pub message: String,
}

/// Lines (1-based, where each row starts) of rows to refuse, with why: rows whose field count
/// differs from the header's, and a quoted field never closed (that row and everything after
/// it, which the quote would have swallowed).
pub fn flaws(text: &str) -> Vec<Flaw> {
    let mut out = Vec::new();
    let mut header: Option<usize> = None;
    let (mut line, mut col) = (1u64, 1u64);
    let mut row_line = 1u64;
    let mut fields = 1usize;
    let mut in_quotes: Option<(u64, u64)> = None;
    let mut row_empty = true;
    let mut chars = text.chars().peekable();
    let mut end_row = |row_line: u64, fields: usize, empty: bool, out: &mut Vec<Flaw>| {
        if empty {
            return;
        }
        match header {
            None => header = Some(fields),
            Some(h) if h != fields => out.push(Flaw {
                line: row_line,
                message: format!("{fields} fields where the header has {h} (a missing or extra comma?)"),
            }),
            Some(_) => {}
        }
    };
    while let Some(c) = chars.next() {
        if in_quotes.is_some() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    col += 1;
                } else {
                    in_quotes = None;
                }
            } else if c == '\n' {
                line += 1;
                col = 0;
            }
            col += 1;
            continue;
        }
        match c {
            '"' => {
                in_quotes = Some((line, col));
                row_empty = false;
            }
            ',' => {
                fields += 1;
                row_empty = false;
            }
            '\n' => {
                end_row(row_line, fields, row_empty, &mut out);
                line += 1;
                col = 0;
                row_line = line;
                fields = 1;
                row_empty = true;
            }
            '\r' => {}
            c if !c.is_whitespace() => row_empty = false,
            _ => {}
        }
        col += 1;
    }
    if let Some((l, c)) = in_quotes {
        out.push(Flaw {
            line: row_line,
            message: format!(
                "the quoted field opened at line {l}, column {c} is never closed; this row and the rest of the \
                 file are refused"
            ),
        });
    } else {
        end_row(row_line, fields, row_empty, &mut out);
    }
    out
}

/// Whether a row starting on `line` is refused by `flaws` (an unclosed quote refuses its row
/// and every row after it).
pub fn refused(flaws: &[Flaw], line: u64) -> Option<&Flaw> {
    flaws.iter().find(|f| f.line == line || (f.message.contains("never closed") && line >= f.line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_rows_are_named_by_their_line() {
        let f = flaws("a,b,c\n1,2,3\n1,2\n\n\"x,y\",2,3\n1,2,3,4\n");
        let lines: Vec<u64> = f.iter().map(|f| f.line).collect();
        assert_eq!(lines, vec![3, 6], "{f:?}");
        assert!(f[0].message.starts_with("2 fields where the header has 3"));
    }

    #[test]
    fn an_unterminated_quote_is_named_where_it_opens_and_refuses_the_rest() {
        let text = "name,url\nUPS,x\n\"DHL,y\nFedEx,z\nUSPS,w\n";
        let f = flaws(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].line, 3);
        assert!(f[0].message.starts_with("the quoted field opened at line 3, column 1 is never closed"));
        assert!(refused(&f, 2).is_none() && refused(&f, 3).is_some() && refused(&f, 5).is_some());
    }

    #[test]
    fn quoted_newlines_commas_and_doubled_quotes_are_fine() {
        assert!(flaws("a,b\n\"multi\nline, with \"\"quotes\"\"\",2\r\n3,4\r\n").is_empty());
    }

    #[test]
    fn bytes_that_are_not_utf8_are_named_by_line_and_column() {
        let e = utf8(b"name\nab\xffc\n").expect_err("not utf-8");
        assert!(e.starts_with("line 2, column 3:"), "{e}");
        assert_eq!(utf8("é".as_bytes()), Ok("é"));
    }
}
