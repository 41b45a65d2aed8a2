//! The sandbox's own representation of TikTok's world: the app, sellers and their shops,
//! auth codes, authorizations and tokens, per-shop webhook subscriptions. Independent of the
//! client's types; JSON is built from these structs by the route handlers.

use super::faults::Faults;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub const AUTH_CODE_TTL: i64 = 30 * 60;
pub const ACCESS_TOKEN_TTL: i64 = 7 * 86_400;
pub const DEFAULT_AUTHORIZATION_TTL: i64 = 365 * 86_400;

#[derive(Clone, Debug)]
pub struct AppRecord {
    pub app_key: String,
    pub app_secret: String,
    pub service_id: String,
    /// Partner Center "redirect URL" the seller lands on after consenting.
    pub redirect_url: Option<String>,
    /// Partner Center webhook URL (shops may override per topic with the Event API).
    pub webhook_url: Option<String>,
}

#[derive(Clone, Debug)]
pub struct SellerAccount {
    pub open_id: String,
    pub name: String,
    pub base_region: String,
    pub shop_ids: Vec<String>,
    /// How long a fresh authorization by this seller lasts.
    pub authorization_ttl: i64,
}

#[derive(Clone, Debug)]
pub struct ShopRecord {
    pub id: String,
    pub name: String,
    pub region: String,
    pub seller_type: &'static str,
    pub cipher: String,
    pub code: String,
    pub seller_open_id: String,
}

#[derive(Clone, Debug)]
pub struct AuthCode {
    pub open_id: String,
    pub expires_at: i64,
    pub used: bool,
}

#[derive(Clone, Debug)]
pub struct Authorization {
    pub open_id: String,
    pub shops: BTreeSet<String>,
    pub granted_at: i64,
    pub expires_at: i64,
    pub refresh_token: String,
    pub scopes: Vec<String>,
    /// Per shop: the sandbox day (unix / 86400) of the last type-7 reminder sent.
    pub reminded_day: HashMap<String, i64>,
    /// The end date passed: tokens were revoked and type 6 sent.
    pub ended: bool,
}

#[derive(Clone, Debug)]
pub struct AccessToken {
    pub open_id: String,
    pub expires_at: i64,
}

#[derive(Clone, Debug)]
pub struct Subscription {
    pub address: String,
    pub create_time: i64,
    pub update_time: i64,
}

/// A notification to send: its type number, shop and `data` object.
#[derive(Clone, Debug)]
pub struct OutgoingEvent {
    pub type_code: i64,
    pub shop_id: String,
    pub data: serde_json::Value,
}

pub struct World {
    pub app: AppRecord,
    pub sellers: BTreeMap<String, SellerAccount>,
    /// Sellers in the order they were created (the first one consents by default).
    pub seller_order: Vec<String>,
    pub shops: BTreeMap<String, ShopRecord>,
    pub codes: HashMap<String, AuthCode>,
    pub authorizations: BTreeMap<String, Authorization>,
    pub access_tokens: HashMap<String, AccessToken>,
    /// Shop id -> event type -> subscription.
    pub subscriptions: BTreeMap<String, BTreeMap<String, Subscription>>,
    pub faults: Faults,
    pub rng: StdRng,
    /// Notifications produced by handlers and the lifecycle, picked up by the sender.
    pub outgoing: Vec<OutgoingEvent>,
    /// Orders, packages, cancellations and logistics per shop id.
    pub commerce: BTreeMap<String, super::commerce::model::ShopCommerce>,
    /// Time-driven order events.
    pub schedule: super::commerce::Schedule,
    /// What the order generator makes, and how often.
    pub mix: super::commerce::OrderMix,
    /// Sandbox time of the next generated order.
    pub next_generate: i64,
    /// `http://host:port` of the sandbox, for URLs it hands out (shipping documents).
    pub base_url: String,
    /// Category trees, brands, uploads and each shop's products.
    pub catalog: super::catalog::CatalogWorld,
    /// Statements, transactions, payments and withdrawals derived from the orders.
    pub finance: super::finance::FinanceWorld,
    /// Returns, refunds and replacements per shop, and their schedule.
    pub returns: super::returns::ReturnsWorld,
}

pub const SCOPES: [&str; 6] = [
    "seller.authorization.info",
    "seller.shop.info",
    "seller.order.info",
    "seller.fulfillment.basic",
    "seller.product.basic",
    "seller.finance.info",
];

impl World {
    pub fn new(app: AppRecord, seed: u64) -> World {
        World {
            app,
            sellers: BTreeMap::new(),
            seller_order: Vec::new(),
            shops: BTreeMap::new(),
            codes: HashMap::new(),
            authorizations: BTreeMap::new(),
            access_tokens: HashMap::new(),
            subscriptions: BTreeMap::new(),
            faults: Faults::default(),
            rng: StdRng::seed_from_u64(seed),
            outgoing: Vec::new(),
            commerce: BTreeMap::new(),
            schedule: super::commerce::Schedule::default(),
            mix: super::commerce::OrderMix::default(),
            next_generate: 0,
            base_url: String::new(),
            catalog: super::catalog::CatalogWorld::default(),
            finance: super::finance::FinanceWorld::default(),
            returns: super::returns::ReturnsWorld::default(),
        }
    }

    /// A digit string id of `len` digits (TikTok ids exceed 2^53: keep them strings).
    pub fn digits(&mut self, first: char, len: usize) -> String {
        let mut s = String::with_capacity(len);
        s.push(first);
        while s.len() < len {
            s.push(char::from(b'0' + self.rng.random_range(0..10u8)));
        }
        s
    }

    pub fn token_text(&mut self, prefix: &str, len: usize) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        let mut s = String::from(prefix);
        for _ in 0..len {
            s.push(char::from(ALPHABET[self.rng.random_range(0..ALPHABET.len())]));
        }
        s
    }

    pub fn add_seller(&mut self, name: &str, base_region: &str, authorization_ttl: i64) -> String {
        let open_id = self.token_text("", 43);
        self.sellers.insert(
            open_id.clone(),
            SellerAccount {
                open_id: open_id.clone(),
                name: name.into(),
                base_region: base_region.into(),
                shop_ids: vec![],
                authorization_ttl,
            },
        );
        self.seller_order.push(open_id.clone());
        open_id
    }

    pub fn first_seller(&self) -> Option<String> {
        self.seller_order.first().cloned()
    }

    pub fn add_shop(&mut self, open_id: &str, name: &str, region: &str, cross_border: bool) -> String {
        let id = self.digits('7', 19);
        let cipher = self.token_text(if cross_border { "GCP_" } else { "ROW_" }, 32);
        let code = format!("{}{}", region, self.token_text("", 10).to_uppercase());
        self.shops.insert(
            id.clone(),
            ShopRecord {
                id: id.clone(),
                name: name.into(),
                region: region.into(),
                seller_type: if cross_border { "CROSS_BORDER" } else { "LOCAL" },
                cipher,
                code,
                seller_open_id: open_id.into(),
            },
        );
        if let Some(s) = self.sellers.get_mut(open_id) {
            s.shop_ids.push(id.clone());
        }
        id
    }

    /// Find a seller by open_id, shop id, or (case-insensitive) name.
    pub fn find_seller(&self, needle: &str) -> Option<String> {
        if self.sellers.contains_key(needle) {
            return Some(needle.to_string());
        }
        if let Some(s) = self.shops.get(needle) {
            return Some(s.seller_open_id.clone());
        }
        self.sellers.values().find(|s| s.name.eq_ignore_ascii_case(needle)).map(|s| s.open_id.clone())
    }

    /// A single-use auth code for a seller's consent.
    pub fn issue_code(&mut self, open_id: &str, now: i64) -> String {
        let code = self.token_text("ROW_", 40);
        self.codes
            .insert(code.clone(), AuthCode { open_id: open_id.into(), expires_at: now + AUTH_CODE_TTL, used: false });
        code
    }

    /// Start (or renew) a seller's authorization: every shop of the seller, a fresh end date,
    /// a new refresh token. Returns the new access token.
    pub fn authorize(&mut self, open_id: &str, now: i64) -> Option<String> {
        let seller = self.sellers.get(open_id)?.clone();
        let refresh = self.token_text("TTP_", 40);
        self.authorizations.insert(
            open_id.into(),
            Authorization {
                open_id: open_id.into(),
                shops: seller.shop_ids.iter().cloned().collect(),
                granted_at: now,
                expires_at: now + seller.authorization_ttl,
                refresh_token: refresh,
                scopes: SCOPES.iter().map(|s| s.to_string()).collect(),
                reminded_day: HashMap::new(),
                ended: false,
            },
        );
        Some(self.mint_access_token(open_id, now))
    }

    pub fn mint_access_token(&mut self, open_id: &str, now: i64) -> String {
        let token = self.token_text("TTP_", 48);
        self.access_tokens
            .insert(token.clone(), AccessToken { open_id: open_id.into(), expires_at: now + ACCESS_TOKEN_TTL });
        token
    }

    /// Is this shop currently authorized for our app?
    pub fn shop_authorized(&self, shop_id: &str, now: i64) -> bool {
        self.shops
            .get(shop_id)
            .and_then(|s| self.authorizations.get(&s.seller_open_id))
            .is_some_and(|a| !a.ended && a.expires_at > now && a.shops.contains(shop_id))
    }

    pub fn shop_by_cipher(&self, cipher: &str) -> Option<&ShopRecord> {
        self.shops.values().find(|s| s.cipher == cipher)
    }

    pub fn request_id(&mut self, now: i64) -> String {
        let ts = jiff::Timestamp::from_second(now).map(|t| t.strftime("%Y%m%d%H%M%S").to_string()).unwrap_or_default();
        let hex: String = (0..20).map(|_| char::from(b"0123456789ABCDEF"[self.rng.random_range(0..16)])).collect();
        format!("{ts}{hex}")
    }

    pub fn emit(&mut self, type_code: i64, shop_id: &str, data: serde_json::Value) {
        self.outgoing.push(OutgoingEvent { type_code, shop_id: shop_id.to_string(), data });
    }

    /// A random index below `n` (n > 0).
    pub fn rng_index(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { self.rng.random_range(0..n) }
    }

    pub fn notification_id(&mut self) -> String {
        self.digits('7', 19)
    }
}
