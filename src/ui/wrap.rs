//! Word wrapping with a hanging indent, for detail texts whose lines are items ("  ✗ field
//! problem", "    → fix", "Category  path"): a continuation starts under the item's text, not
//! at the margin, so a long report stays readable in 80 columns.

use ratatui::text::{Line, Span};

/// How far a continuation of `line` is indented: under its text after the leading spaces and
/// the bullet, or under the value after a 10-column label ("Category  ").
fn indent_of(line: &Line) -> usize {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let lead = text.chars().take_while(|c| *c == ' ').count();
    let first = line.spans.first().map(|s| s.content.as_ref()).unwrap_or("");
    if lead == 0 && first.chars().count() == 10 && first.ends_with(' ') {
        return 10;
    }
    let rest: String = text.chars().skip(lead).collect();
    match rest.chars().next() {
        Some('✗' | '→' | '·' | '•' | '-') => lead + 2,
        _ => lead,
    }
}

/// Wrap `line` to `width` columns; continuations are indented by [`indent_of`]. Styles of the
/// spans and of the line are kept; a word longer than a line is cut.
pub fn hanging(line: Line<'static>, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(8));
    if line.width() <= width {
        return vec![line];
    }
    let indent = indent_of(&line).min(width / 2);
    let style = line.style;
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut cur: Vec<Span<'static>> = Vec::new();
    // Columns used on the current line, and where its text starts (0, then the indent).
    let (mut used, mut start) = (0usize, 0usize);
    let flush = |cur: &mut Vec<Span<'static>>, out: &mut Vec<Line<'static>>| {
        if let Some(last) = cur.last_mut() {
            let trimmed = last.content.trim_end().to_string();
            last.content = trimmed.into();
        }
        out.push(Line::from(std::mem::take(cur)).style(style));
    };
    for span in line.spans {
        for chunk in span.content.split_inclusive(' ') {
            let mut piece = chunk.to_string();
            loop {
                if used + Span::raw(piece.trim_end().to_string()).width() <= width {
                    used += Span::raw(piece.clone()).width();
                    cur.push(Span::styled(piece, span.style));
                    break;
                }
                if used > start {
                    // The line has text: go on on the next one, under the item's text.
                    flush(&mut cur, &mut out);
                    cur.push(Span::raw(" ".repeat(indent)));
                    (used, start) = (indent, indent);
                    piece = piece.trim_start().to_string();
                    if piece.is_empty() {
                        break;
                    }
                    continue;
                }
                // A word longer than the room on an empty line: cut it where its display width
                // fills the room (wide characters take two columns; at least one is taken).
                let room = width.saturating_sub(used).max(1);
                let (head, tail) = cut(&piece, room);
                cur.push(Span::styled(head, span.style));
                used = width;
                piece = tail;
                if piece.is_empty() {
                    break;
                }
            }
        }
    }
    if !cur.is_empty() {
        flush(&mut cur, &mut out);
    }
    out
}

/// `s` split where the display width of the head fills `room` columns (at least one character).
fn cut(s: &str, room: usize) -> (String, String) {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = Span::raw(c.to_string()).width();
        if used + w > room && i > 0 {
            return (s[..i].to_string(), s[i..].to_string());
        }
        used += w;
    }
    (s.to_string(), String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn continuations_hang_under_the_items_text() {
        let l = Line::from(vec![
            Span::raw("  ✗ hazmat "),
            Span::raw("does the product contain hazardous materials such as batteries?"),
        ]);
        assert_eq!(
            text(&hanging(l, 30)),
            vec!["  ✗ hazmat does the product", "    contain hazardous", "    materials such as", "    batteries?"]
        );
        let l =
            Line::from(vec![Span::raw("Category  "), Span::raw("Beauty & Personal Care > Makeup > Makeup Brushes")]);
        assert_eq!(
            text(&hanging(l, 30)),
            vec!["Category  Beauty & Personal", "          Care > Makeup >", "          Makeup Brushes"]
        );
    }

    proptest::proptest! {
        #[test]
        fn no_line_is_wider_than_asked_and_no_word_is_lost(
            text in "[ a-zA-Z0-9✗→é.,>漢字テスト商品-]{0,200}",
            width in 8u16..90,
        ) {
            let out = hanging(Line::raw(text.clone()), width);
            for l in &out {
                proptest::prop_assert!(l.width() <= usize::from(width), "{:?} at {width}", l);
            }
            let words = |s: &str| s.split_whitespace().collect::<String>();
            proptest::prop_assert_eq!(words(&super::tests::text(&out).join(" ")), words(&text));
        }
    }

    #[test]
    fn short_lines_stay_and_long_words_are_cut() {
        let l = Line::raw("short");
        assert_eq!(text(&hanging(l, 30)), vec!["short"]);
        let l = Line::raw("    → tokshop categories map --shop 74954003341752541687495400334175254168");
        let out = text(&hanging(l, 30));
        assert!(out.iter().all(|s| s.chars().count() <= 30), "{out:?}");
        assert_eq!(out.concat().replace(' ', ""), "→tokshopcategoriesmap--shop74954003341752541687495400334175254168");
    }
}
