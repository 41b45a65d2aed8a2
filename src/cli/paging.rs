//! Lists never stop short without a word: every list command takes `--limit N` (default 200)
//! and `--all`, reads pages until it has that many, and says on stderr when more exist.

use crate::store::StoreResult;
use crate::store::views::Page;

/// How many a list shows: `--all` means every one.
pub fn cap(limit: usize, all: bool) -> usize {
    if all { usize::MAX } else { limit }
}

/// Read pages after a key until `limit` rows; true when more exist (one more row was found).
pub fn collect<R>(
    limit: usize,
    mut page: impl FnMut(Option<&str>, usize) -> StoreResult<Page<R>>,
) -> StoreResult<(Vec<R>, bool)> {
    let mut rows = Vec::new();
    let mut after: Option<String> = None;
    while rows.len() < limit {
        let p = page(after.as_deref(), (limit - rows.len()).min(500))?;
        rows.extend(p.rows);
        after = p.next;
        if after.is_none() {
            break;
        }
    }
    // `next` says more may follow: look for one more row before saying so.
    while let Some(a) = after {
        let p = page(Some(&a), 1)?;
        if !p.rows.is_empty() {
            return Ok((rows, true));
        }
        after = p.next;
    }
    Ok((rows, false))
}

/// A list read whole with one more than asked: cut to `limit`, true when more exist.
pub fn cut<R>(mut rows: Vec<R>, limit: usize) -> (Vec<R>, bool) {
    let more = rows.len() > limit;
    rows.truncate(limit);
    (rows, more)
}

/// The line on stderr when a list stopped before the end.
pub fn say_more(shown: usize, what: &str) {
    crate::errln!("tokshop: the first {shown} {what}; more exist (--limit N, or --all for every one)");
}

/// `--limit N` (default 200) and `--all`, for a list command's arguments (`#[command(flatten)]`).
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct Limit {
    /// At most this many (stderr says when more exist)
    #[arg(long, default_value_t = 200)]
    pub limit: usize,
    /// Every one, however many
    #[arg(long)]
    pub all: bool,
}

impl Limit {
    /// A list read whole, cut to the limit; when more exist, stderr says so, naming `what`.
    pub fn apply<R>(self, rows: Vec<R>, what: &str) -> Vec<R> {
        let (rows, more) = cut(rows, cap(self.limit, self.all));
        if more {
            say_more(rows.len(), what);
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_cuts_and_all_keeps_every_row() {
        let l = Limit { limit: 2, all: false };
        assert_eq!(l.apply(vec![1, 2, 3], "rows"), vec![1, 2]);
        assert_eq!(l.apply(vec![1, 2], "rows"), vec![1, 2]);
        assert_eq!(Limit { limit: 2, all: true }.apply(vec![1, 2, 3], "rows"), vec![1, 2, 3]);
    }
}
