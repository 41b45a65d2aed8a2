//! Who may do what. A team shares one data dir: each OS user has a role, and every action and
//! command says which capability it needs; reading needs none.

use serde::{Deserialize, Serialize};

/// What a write changes, and so which roles may make it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Capability {
    /// Stores, shop connections, tokens.
    Shops,
    /// The platform catalogue, its mappings, listing.
    Catalog,
    /// Shipping, tracking, splits and combines, labels, carriers.
    Fulfilment,
    /// The seller's cancels and answers to buyers' cancellation requests.
    Cancellations,
    /// Decisions on returns, refunds and replacements.
    Returns,
    /// Accepting or rejecting a returned package at the warehouse.
    ReceiveReturns,
    /// Dismissing Inbox items and retrying failed writes.
    Inbox,
}

impl Capability {
    /// What it covers, in words ("shipping needs the warehouse or admin role").
    pub fn label(self) -> &'static str {
        match self {
            Capability::Shops => "connecting and managing shops",
            Capability::Catalog => "changing the catalogue and listings",
            Capability::Fulfilment => "shipping, packages and carriers",
            Capability::Cancellations => "cancelling orders and answering cancellation requests",
            Capability::Returns => "deciding on returns and refunds",
            Capability::ReceiveReturns => "receiving returned packages",
            Capability::Inbox => "dismissing Inbox items and retrying failed writes",
        }
    }

    /// Why a role may not: "shipping, packages and carriers needs the admin or warehouse role;
    /// alice is support".
    pub fn refusal(self, user: &str, role: Role) -> String {
        let allowed: Vec<&str> = Role::allowed(self).into_iter().map(Role::name).collect();
        format!("{} needs the {} role; {user} is {}", self.label(), allowed.join(" or "), role.name())
    }
}

/// A user's role on a data dir.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything.
    #[default]
    Admin,
    /// Ship, split, combine, labels, tracking, carriers; receive returned packages.
    Warehouse,
    /// Returns, refunds, cancellations, the Inbox.
    Support,
    /// Read only.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Warehouse, Role::Support, Role::Viewer];

    pub fn can(self, c: Capability) -> bool {
        use Capability::*;
        match self {
            Role::Admin => true,
            Role::Warehouse => matches!(c, Fulfilment | ReceiveReturns),
            Role::Support => matches!(c, Cancellations | Returns | Inbox),
            Role::Viewer => false,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Warehouse => "warehouse",
            Role::Support => "support",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == s)
    }

    /// The roles that may use a capability (for "needs the warehouse or admin role").
    pub fn allowed(c: Capability) -> Vec<Role> {
        Role::ALL.into_iter().filter(|r| r.can(c)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_does_what_its_name_says() {
        assert!(Role::Admin.can(Capability::Shops) && Role::Admin.can(Capability::Returns));
        assert!(Role::Warehouse.can(Capability::Fulfilment) && Role::Warehouse.can(Capability::ReceiveReturns));
        assert!(!Role::Warehouse.can(Capability::Cancellations) && !Role::Warehouse.can(Capability::Shops));
        assert!(Role::Support.can(Capability::Returns) && Role::Support.can(Capability::Cancellations));
        assert!(!Role::Support.can(Capability::Fulfilment) && !Role::Support.can(Capability::Shops));
        assert!(Role::ALL.iter().all(|r| r == &Role::Admin || !r.can(Capability::Catalog)));
        assert!([Capability::Shops, Capability::Fulfilment, Capability::Inbox].iter().all(|c| !Role::Viewer.can(*c)));
        assert_eq!(Role::parse("support"), Some(Role::Support));
        assert_eq!(Role::allowed(Capability::ReceiveReturns), vec![Role::Admin, Role::Warehouse]);
    }

    /// The whole matrix, so no role gains or loses a capability unnoticed.
    #[test]
    fn every_role_may_do_exactly_its_own_work() {
        use Capability::*;
        let all = [Shops, Catalog, Fulfilment, Cancellations, Returns, ReceiveReturns, Inbox];
        let want = |r: Role| -> Vec<Capability> {
            match r {
                Role::Admin => all.to_vec(),
                Role::Warehouse => vec![Fulfilment, ReceiveReturns],
                Role::Support => vec![Cancellations, Returns, Inbox],
                Role::Viewer => vec![],
            }
        };
        for r in Role::ALL {
            let got: Vec<Capability> = all.into_iter().filter(|c| r.can(*c)).collect();
            assert_eq!(got, want(r), "{}", r.name());
            assert_eq!(Role::parse(r.name()), Some(r));
        }
        assert_eq!(Role::ALL.map(Role::name), ["admin", "warehouse", "support", "viewer"]);
        assert_eq!(Role::parse("Admin"), None, "role names are exact");
        assert_eq!(Role::parse("owner"), None);
    }

    #[test]
    fn a_refusal_names_what_was_asked_who_may_and_who_asked() {
        assert_eq!(
            Capability::Fulfilment.refusal("alice", Role::Support),
            "shipping, packages and carriers needs the admin or warehouse role; alice is support"
        );
        assert_eq!(
            Capability::Inbox.refusal("bob", Role::Viewer),
            "dismissing Inbox items and retrying failed writes needs the admin or support role; bob is viewer"
        );
        assert_eq!(
            Capability::Shops.refusal("carol", Role::Warehouse),
            "connecting and managing shops needs the admin role; carol is warehouse"
        );
        let labels = [
            (Capability::Catalog, "changing the catalogue and listings"),
            (Capability::Cancellations, "cancelling orders and answering cancellation requests"),
            (Capability::Returns, "deciding on returns and refunds"),
            (Capability::ReceiveReturns, "receiving returned packages"),
        ];
        for (c, l) in labels {
            assert_eq!(c.label(), l);
        }
    }
}
