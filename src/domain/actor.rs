//! Who acts: the OS user behind a console or a command, with their role and where they acted
//! from; or the engine itself (sync, webhooks, the outbox). Every audit entry and every outbox
//! item names its actor, so "who did what" has an answer.

use super::role::Role;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// The OS user (empty for the engine's own work).
    pub user: String,
    pub role: Option<Role>,
    /// `console`, `command`, `engine`, `demo`, `bench`.
    pub via: String,
}

impl Actor {
    /// The engine's own work (sync, webhooks, the outbox drain), or a tool of its own.
    pub fn system(via: &str) -> Actor {
        Actor { user: String::new(), role: None, via: via.into() }
    }

    pub fn person(user: &str, role: Role, via: &str) -> Actor {
        Actor { user: user.into(), role: Some(role), via: via.into() }
    }
}

impl std::fmt::Display for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.role, self.user.is_empty()) {
            (_, true) if self.via.is_empty() => f.write_str("tokshop"),
            (_, true) => f.write_str(&self.via),
            (Some(r), false) => write!(f, "{} ({}, {})", self.user, r.name(), self.via),
            (None, false) => write!(f, "{} ({})", self.user, self.via),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_read_as_who_what_and_where() {
        assert_eq!(Actor::person("alice", Role::Support, "console").to_string(), "alice (support, console)");
        assert_eq!(Actor::system("engine").to_string(), "engine");
    }
}
