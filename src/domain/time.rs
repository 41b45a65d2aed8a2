//! Time helpers: the wire carries UTC unix seconds; people read dates.

pub const DAY: i64 = 86_400;

/// `2026-11-26` for a unix time, UTC.
pub fn date(unix: i64) -> String {
    match jiff::Timestamp::from_second(unix) {
        Ok(ts) => ts.strftime("%Y-%m-%d").to_string(),
        Err(_) => format!("@{unix}"),
    }
}

/// `2026-11-26 13:04 UTC` for a unix time.
pub fn date_time(unix: i64) -> String {
    match jiff::Timestamp::from_second(unix) {
        Ok(ts) => ts.strftime("%Y-%m-%d %H:%M UTC").to_string(),
        Err(_) => format!("@{unix}"),
    }
}

/// `13:04:22` for a unix time (status-bar clock).
pub fn clock(unix: i64) -> String {
    match jiff::Timestamp::from_second(unix) {
        Ok(ts) => ts.strftime("%H:%M:%S").to_string(),
        Err(_) => format!("@{unix}"),
    }
}

/// Midnight UTC of a `YYYY-MM-DD` date, in unix seconds.
pub fn parse_date(s: &str) -> Option<i64> {
    let d: jiff::civil::Date = s.trim().parse().ok()?;
    let ts: jiff::Timestamp = format!("{d}T00:00:00Z").parse().ok()?;
    Some(ts.as_second())
}

/// How far away `t` is from `now`, for people: `in 3d`, `in 5h`, `2d ago`.
pub fn relative(t: i64, now: i64) -> String {
    let d = t - now;
    let a = d.abs();
    let s = if a >= DAY {
        format!("{}d", a / DAY)
    } else if a >= 3600 {
        format!("{}h", a / 3600)
    } else if a >= 60 {
        format!("{}m", a / 60)
    } else {
        format!("{a}s")
    };
    if d >= 0 { format!("in {s}") } else { format!("{s} ago") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(date(1_700_000_000), "2023-11-14");
        assert_eq!(date_time(1_700_000_000), "2023-11-14 22:13 UTC");
        assert_eq!(clock(1_700_000_000), "22:13:20");
        assert_eq!(relative(1_000 + 3 * DAY, 1_000), "in 3d");
        assert_eq!(relative(1_000, 1_000 + 7200), "2h ago");
    }
}
