//! The `[team]` table of the config: who may use a data dir and with which role.
//!
//! ```toml
//! [team]
//! default_role = "viewer"      # a user not listed below: viewer (the default), or "none"
//! group = "tokshop"            # OS group whose members may reach the engine's socket
//! [team.roles]
//! alice = "support"
//! bob = "warehouse"
//! eve = "none"                 # refused
//! ```
//!
//! The OS user who owns the data dir is admin unless listed otherwise.

use crate::config::ConfigError;
use crate::domain::role::Role;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamFile {
    default_role: Option<String>,
    group: Option<String>,
    roles: Option<BTreeMap<String, String>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamSettings {
    /// The role of a user the config does not list (None: not allowed).
    pub default_role: Option<Role>,
    /// A listed user's role (None: not allowed).
    pub roles: BTreeMap<String, Option<Role>>,
    /// The OS group allowed to reach the socket (None: its owner only).
    pub group: Option<String>,
}

impl Default for TeamSettings {
    fn default() -> TeamSettings {
        TeamSettings { default_role: Some(Role::Viewer), roles: BTreeMap::new(), group: None }
    }
}

fn role(key: &str, value: &str) -> Result<Option<Role>, ConfigError> {
    if value == "none" {
        return Ok(None);
    }
    Role::parse(value).map(Some).ok_or_else(|| ConfigError {
        key: Some(key.to_string()),
        message: format!("{key} = {value:?} is not a role; roles are admin, warehouse, support, viewer, or none"),
    })
}

impl TeamSettings {
    pub fn from_file(f: Option<TeamFile>) -> Result<TeamSettings, ConfigError> {
        let Some(f) = f else { return Ok(TeamSettings::default()) };
        let default_role = match &f.default_role {
            Some(v) => role("team.default_role", v)?,
            None => Some(Role::Viewer),
        };
        let mut roles = BTreeMap::new();
        for (user, v) in f.roles.unwrap_or_default() {
            roles.insert(user.clone(), role(&format!("team.roles.{user}"), &v)?);
        }
        Ok(TeamSettings { default_role, roles, group: f.group.filter(|g| !g.trim().is_empty()) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_refusals_are_read_and_bad_ones_named() {
        let f: TeamFile =
            toml::from_str("default_role = \"none\"\n[roles]\nalice = \"support\"\neve = \"none\"\n").expect("toml");
        let t = TeamSettings::from_file(Some(f)).expect("team");
        assert_eq!(t.default_role, None);
        assert_eq!(t.roles.get("alice"), Some(&Some(Role::Support)));
        assert_eq!(t.roles.get("eve"), Some(&None));
        let f: TeamFile = toml::from_str("[roles]\nbob = \"boss\"\n").expect("toml");
        let e = TeamSettings::from_file(Some(f)).expect_err("not a role");
        assert_eq!(e.key.as_deref(), Some("team.roles.bob"));
        assert!(e.message.contains("admin, warehouse, support, viewer, or none"), "{}", e.message);
        assert_eq!(TeamSettings::from_file(None).expect("default").default_role, Some(Role::Viewer));
    }
}
