//! Opaque page tokens (standard base64, so they carry `+`, `/` and `=` like TikTok's) and the
//! common parameter checks of list endpoints.

use crate::sandbox::gateway::Call;
use crate::sandbox::reply::Reply;

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn encode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::new();
    for chunk in b.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub fn decode(s: &str) -> Option<String> {
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes().filter(|c| *c != b'=') {
        let v = B64.iter().position(|x| *x == c)? as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `page_size` within `[1, max]` (required), or the reply saying what is wrong.
pub fn page_size(c: &Call, max: usize, default: Option<usize>) -> Result<usize, Reply> {
    match c.query.get("page_size").map(|v| v.parse::<usize>()) {
        Some(Ok(n)) if (1..=max).contains(&n) => Ok(n),
        None if default.is_some() => Ok(default.unwrap_or(1)),
        _ => Err(Reply::err(200, 21001001, format!("Invalid parameters. page_size must be between 1 and {max}."))),
    }
}

/// The cursor a page token carries: `(sort value, id)`.
pub fn cursor(c: &Call) -> Result<Option<(i64, String)>, Reply> {
    let Some(t) = c.query.get("page_token").filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let bad = || Reply::err(200, 21001001, "Invalid parameters. The page_token is invalid or expired.");
    let text = decode(t).ok_or_else(bad)?;
    let mut parts = text.splitn(3, '|');
    match (parts.next(), parts.next().and_then(|v| v.parse().ok()), parts.next()) {
        (Some("v1"), Some(v), Some(id)) => Ok(Some((v, id.to_string()))),
        _ => Err(bad()),
    }
}

pub fn token(sort_value: i64, id: &str) -> String {
    encode(&format!("v1|{sort_value}|{id}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trip() {
        for s in ["", "a", "ab", "abc", "v1|1700000000|576461413038785752"] {
            assert_eq!(super::decode(&super::encode(s)).as_deref(), Some(s));
        }
        assert_eq!(super::encode("ab?"), "YWI/");
    }
}
