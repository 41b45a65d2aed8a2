//! Seeded worlds. `demo` is what `tokshop demo` shows; `empty` is the smallest useful world
//! (one seller with one shop) for scripts and tests.

use super::world::{DEFAULT_AUTHORIZATION_TTL, World};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seed {
    Demo,
    Empty,
}

impl std::str::FromStr for Seed {
    type Err = String;
    fn from_str(s: &str) -> Result<Seed, String> {
        match s {
            "demo" => Ok(Seed::Demo),
            "empty" => Ok(Seed::Empty),
            other => Err(format!("unknown seed {other:?}: use demo or empty")),
        }
    }
}

pub fn apply(w: &mut World, seed: Seed) {
    match seed {
        Seed::Empty => {
            let s = w.add_seller("Sandbox Seller", "US", DEFAULT_AUTHORIZATION_TTL);
            w.add_shop(&s, "Sandbox Seller US", "US", false);
        }
        Seed::Demo => {
            // A cross-border seller with a UK and a US shop (SHOP-CONN-MULTI).
            let maomao = w.add_seller("Maomao Beauty", "CN", DEFAULT_AUTHORIZATION_TTL);
            w.add_shop(&maomao, "Maomao beauty shop", "GB", true);
            w.add_shop(&maomao, "Maomao Beauty US", "US", true);
            // A local seller whose authorization ends in 20 days: reminders start at once.
            let northwind = w.add_seller("Northwind Outfitters", "US", 20 * 86_400);
            w.add_shop(&northwind, "Northwind Outfitters", "US", false);
            // A seller not connected yet, for trying the connect flow.
            let lumen = w.add_seller("Lumen Home", "GB", DEFAULT_AUTHORIZATION_TTL);
            w.add_shop(&lumen, "Lumen Home UK", "GB", false);
        }
    }
}
