//! The append-only audit log.

use super::Store;
use super::codec::{decode, encode, next_seq};
use super::error::StoreResult;
use super::schema::AUDIT;
use super::views::Page;
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditEntry, AuditQuery, Outcome};
use redb::{ReadableTable, WriteTransaction};

/// Entries read at most per page or per list of users: a filter that matches little stays cheap.
pub const SCAN: usize = 20_000;

pub fn append(
    txn: &WriteTransaction,
    at: i64,
    actor: &Actor,
    command: &str,
    target: &str,
    outcome: Outcome,
) -> StoreResult<u64> {
    let mut t = txn.open_table(AUDIT)?;
    let seq = next_seq(&t)?;
    let e = AuditEntry {
        seq,
        at,
        actor: actor.to_string(),
        user: actor.user.clone(),
        role: actor.role,
        via: actor.via.clone(),
        command: command.into(),
        target: target.into(),
        outcome,
    };
    t.insert(seq, encode(&e)?.as_slice())?;
    Ok(seq)
}

impl Store {
    /// Append one entry in its own transaction (for outcomes recorded after the fact).
    pub fn audit(&self, at: i64, actor: &Actor, command: &str, target: &str, outcome: Outcome) -> StoreResult<u64> {
        self.write(|t| append(t, at, actor, command, target, outcome))
    }

    /// The newest entry's seq (0 before the first).
    pub fn audit_seq(&self) -> StoreResult<u64> {
        self.read(|r| Ok(r.open_table(AUDIT)?.last()?.map(|(k, _)| k.value()).unwrap_or(0)))
    }

    /// Record who asked for what and how it ended, unless the command's own code already did
    /// (an entry by the same actor after `since`, the seq when it started): one entry per action,
    /// the most specific one.
    pub fn audit_unless_recorded(
        &self,
        since: u64,
        at: i64,
        actor: &Actor,
        command: &str,
        target: &str,
        outcome: Outcome,
    ) -> StoreResult<bool> {
        self.write(|txn| {
            {
                let t = txn.open_table(AUDIT)?;
                for row in t.range(since.saturating_add(1)..)? {
                    let (k, v) = row?;
                    let e: AuditEntry = decode("audit", k.value(), v.value())?;
                    if e.user == actor.user && e.via == actor.via {
                        return Ok(false);
                    }
                }
            }
            append(txn, at, actor, command, target, outcome)?;
            Ok(true)
        })
    }

    /// Entries newest first: by one user and since a time when asked, at most `limit`.
    pub fn audit_entries(&self, user: Option<&str>, since: Option<i64>, limit: usize) -> StoreResult<Vec<AuditEntry>> {
        self.read(|r| {
            let t = r.open_table(AUDIT)?;
            let mut out = Vec::new();
            for row in t.iter()?.rev() {
                let (k, v) = row?;
                let e: AuditEntry = decode("audit", k.value(), v.value())?;
                if since.is_some_and(|s| e.at < s) {
                    break;
                }
                if user.is_none_or(|u| e.user == u) {
                    out.push(e);
                    if out.len() >= limit {
                        break;
                    }
                }
            }
            Ok(out)
        })
    }

    /// A page of entries newest first, after the entry `after` (its seq), that match `q`. A
    /// filter that matches little scans at most [`SCAN`] entries per page: the page may then be
    /// short, and `next` says where to go on.
    pub fn audit_page(&self, q: &AuditQuery, after: Option<&str>, limit: usize) -> StoreResult<Page<AuditEntry>> {
        let before = after.and_then(|a| a.parse::<u64>().ok()).unwrap_or(u64::MAX);
        self.read(|r| {
            let t = r.open_table(AUDIT)?;
            let mut page = Page::default();
            let mut last = None;
            for (scanned, row) in t.range(..before)?.rev().enumerate() {
                let (k, v) = row?;
                let seq = k.value();
                if page.rows.len() >= limit || scanned >= SCAN {
                    page.next = last.map(|s: u64| s.to_string());
                    break;
                }
                last = Some(seq);
                let e: AuditEntry = decode("audit", seq, v.value())?;
                if q.matches(&e) {
                    page.keys.push(seq.to_string());
                    page.rows.push(e);
                }
            }
            Ok(page)
        })
    }

    /// The users who acted lately (in the newest [`SCAN`] entries), by name.
    pub fn audit_users(&self) -> StoreResult<Vec<String>> {
        self.read(|r| {
            let t = r.open_table(AUDIT)?;
            let mut users = std::collections::BTreeSet::new();
            for row in t.iter()?.rev().take(SCAN) {
                let (k, v) = row?;
                let e: AuditEntry = decode("audit", k.value(), v.value())?;
                if !e.user.is_empty() {
                    users.insert(e.user);
                }
            }
            Ok(users.into_iter().collect())
        })
    }

    /// The newest `limit` entries, newest first.
    pub fn recent_audit(&self, limit: usize) -> StoreResult<Vec<AuditEntry>> {
        self.read(|r| {
            let t = r.open_table(AUDIT)?;
            let mut out = Vec::new();
            for row in t.iter()?.rev().take(limit) {
                let (k, v) = row?;
                out.push(decode("audit", k.value(), v.value())?);
            }
            Ok(out)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::role::Role;

    #[test]
    fn pages_run_newest_first_filtered_and_continue_where_they_stopped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        let alice = Actor::person("alice", Role::Support, "console");
        let bob = Actor::person("bob", Role::Warehouse, "command");
        for i in 0..10i64 {
            let who = if i % 2 == 0 { &alice } else { &bob };
            let outcome = if i == 4 { Outcome::Failed("refused".into()) } else { Outcome::Ok(String::new()) };
            s.audit(i, who, &format!("cmd {i}"), "", outcome).expect("append");
        }
        let q = AuditQuery { user: Some("alice".into()), failures: false };
        let first = s.audit_page(&q, None, 3).expect("page");
        let names: Vec<&str> = first.rows.iter().map(|e| e.command.as_str()).collect();
        assert_eq!(names, ["cmd 8", "cmd 6", "cmd 4"]);
        assert_eq!(first.keys.len(), 3);
        let second = s.audit_page(&q, first.next.as_deref(), 3).expect("page");
        let names: Vec<&str> = second.rows.iter().map(|e| e.command.as_str()).collect();
        assert_eq!(names, ["cmd 2", "cmd 0"]);
        assert_eq!(second.next, None, "nothing after the oldest");
        let failures = AuditQuery { user: None, failures: true };
        let f = s.audit_page(&failures, None, 10).expect("page");
        assert_eq!(f.rows.len(), 1);
        assert_eq!(f.rows[0].command, "cmd 4");
        assert_eq!(s.audit_users().expect("users"), ["alice", "bob"]);
    }

    #[test]
    fn an_action_its_own_code_recorded_is_not_recorded_twice() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        let alice = Actor::person("alice", Role::Support, "console");
        let bob = Actor::person("bob", Role::Support, "console");
        let since = s.audit_seq().expect("seq");
        assert_eq!(since, 0);
        s.audit(1, &bob, "stores add", "b", Outcome::Ok(String::new())).expect("bob");
        assert!(
            s.audit_unless_recorded(since, 2, &alice, "inbox resolve", "k", Outcome::Ok(String::new())).expect("a")
        );
        let since = s.audit_seq().expect("seq");
        assert_eq!(since, 2);
        s.audit(3, &alice, "stores add", "x", Outcome::Ok(String::new())).expect("inner");
        assert!(
            !s.audit_unless_recorded(since, 4, &alice, "shops AddStore", "x", Outcome::Ok(String::new())).expect("a")
        );
        assert_eq!(s.recent_audit(10).expect("all").len(), 3);
    }
}
