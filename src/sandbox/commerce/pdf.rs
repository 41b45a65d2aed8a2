//! A real, minimal PDF shipping label (PDF 1.4, one A6 page, Helvetica), served behind the
//! `doc_url` of Get Package Shipping Document.

/// Escape text for a PDF string literal.
fn esc(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii() && !c.is_ascii_control())
        .map(|c| match c {
            '(' => "\\(".to_string(),
            ')' => "\\)".to_string(),
            '\\' => "\\\\".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// A label with a title, lines of text and a bar-like tracking block.
pub fn label(title: &str, lines: &[String], tracking: &str) -> Vec<u8> {
    // A6 portrait: 298 x 420 points.
    let mut content = String::new();
    content.push_str("BT /F1 16 Tf 20 385 Td (");
    content.push_str(&esc(title));
    content.push_str(") Tj ET\n");
    let mut y = 355;
    for l in lines {
        content.push_str(&format!("BT /F1 10 Tf 20 {y} Td ({}) Tj ET\n", esc(l)));
        y -= 16;
    }
    // A stripe per character of the tracking number: a barcode stand-in that scales to print.
    let mut x = 20.0;
    for ch in tracking.bytes() {
        let wdt = 1.0 + f64::from(ch % 4);
        content.push_str(&format!("{x:.1} 60 {wdt:.1} 60 re f\n"));
        x += wdt + 1.5;
    }
    content.push_str(&format!("BT /F1 12 Tf 20 40 Td ({}) Tj ET\n", esc(tracking)));
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 298 420] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> \
            >>"
        .to_string(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn is_a_pdf_with_a_valid_xref() {
        let pdf = super::label("TikTok Shipping", &["Ship to: Jane (Doe)".into()], "TT123");
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-1.4"));
        assert!(text.trim_end().ends_with("%%EOF"));
        assert!(text.contains("Jane \\(Doe\\)"));
        let start: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|s| s.lines().next())
            .and_then(|s| s.parse().ok())
            .expect("startxref");
        assert!(text[start..].starts_with("xref"));
    }
}
