//! A small `multipart/form-data` reader (RFC 7578) for the upload routes: parts with their
//! field name, file name and bytes.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub filename: Option<String>,
    pub data: Vec<u8>,
}

fn boundary(content_type: &str) -> Option<String> {
    content_type
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("boundary="))
        .map(|b| b.trim_matches('"').to_string())
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| &hay[i..i + needle.len()] == needle)
}

fn param(header: &str, key: &str) -> Option<String> {
    header
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix(&format!("{key}=")))
        .map(|v| v.trim_matches('"').to_string())
}

/// The parts of a multipart body, or what is wrong with it.
pub fn parse(body: &[u8], content_type: &str) -> Result<Vec<Part>, String> {
    let b = boundary(content_type).ok_or("no multipart boundary in Content-Type")?;
    let delim = format!("--{b}").into_bytes();
    let mut parts = Vec::new();
    let mut pos = find(body, &delim, 0).ok_or("the body does not start with the boundary")? + delim.len();
    loop {
        if body[pos..].starts_with(b"--") {
            return Ok(parts);
        }
        let head_start = pos + 2;
        let head_end = find(body, b"\r\n\r\n", head_start).ok_or("a part has no header end")?;
        let head = String::from_utf8_lossy(&body[head_start..head_end]).to_string();
        let data_start = head_end + 4;
        let mut end_delim = b"\r\n".to_vec();
        end_delim.extend_from_slice(&delim);
        let data_end = find(body, &end_delim, data_start).ok_or("a part is not closed by the boundary")?;
        let disposition = head
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("content-disposition"))
            .ok_or("a part has no Content-Disposition")?;
        let name = param(disposition, "name").ok_or("a part has no name")?;
        parts.push(Part { name, filename: param(disposition, "filename"), data: body[data_start..data_end].to_vec() });
        pos = data_end + end_delim.len();
        if pos > body.len() {
            return Err("the body ends inside a part".into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_files() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; \
            name=\"use_case\"\r\n\r\nMAIN_IMAGE\r\n--XyZ\r\nContent-Disposition: form-data; name=\"data\"; \
                filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n--XyZ--\r\n";
        let parts = parse(body, "multipart/form-data; boundary=XyZ").expect("parts");
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].data, b"MAIN_IMAGE");
        assert_eq!(parts[1].filename.as_deref(), Some("a.png"));
        assert_eq!(parts[1].data, b"\x89PNG");
        assert!(parse(b"junk", "multipart/form-data").is_err());
    }
}
