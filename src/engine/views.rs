//! The console's reads over the socket: one [`ViewCall`] per [`ViewSource`] method, served by
//! the engine from its store and answered in order; [`RemoteViews`] is the console's side, a
//! `ViewSource` whose every read is one request on a blocking connection (a page is a few
//! hundred microseconds away on the same host). Adding a view: its variant, its arm in
//! [`ViewCall::serve`] and its method on [`RemoteViews`], all here.

use super::protocol::{self, Channel, Greeting, Hello};
use crate::domain::audit::{AuditEntry, AuditQuery};
use crate::domain::catalog::Product;
use crate::domain::order::OrderRow;
use crate::domain::package::{Cancellation, Package};
use crate::domain::returns::Return;
use crate::domain::tiktok_catalog::CategoryTree;
use crate::store::views::{
    FinanceQuery, FinanceView, InboxView, ListingEntry, MappingView, OrderDetailView, OrderQuery, Page, ProductFacets,
    ReturnDetail, ReturnQuery, Scanned, ShopCatalog, ShopsView, ViewSource,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum ViewCall {
    Shops,
    Inbox,
    Orders { query: OrderQuery, after: Option<String>, limit: usize },
    OrderCount,
    OrderDetail { id: String },
    Cancellation { id: String },
    Packages { after: Option<String>, limit: usize },
    Carriers,
    ShopCatalog { shop: String, store: String },
    Listings { shop: String, store: String, after: Option<String>, limit: usize },
    ProductFacets { store: String },
    Products { store: String, after: Option<String>, limit: usize },
    Product { store: String, handle: String },
    ProductsOfTypes { store: String, types: Vec<String>, limit: usize },
    CategoryTree { shop: String },
    Audit { query: AuditQuery, after: Option<String>, limit: usize },
    AuditUsers,
    Finance { query: FinanceQuery },
    Returns { query: ReturnQuery, after: Option<String>, limit: usize },
    ReturnDetail { id: String },
    Scan { code: String },
    CompletePath { typed: String },
}

fn json<T: Serialize>(r: Result<T, String>) -> Result<Value, String> {
    r.and_then(|v| serde_json::to_value(v).map_err(|e| format!("cannot encode the view: {e}")))
}

impl ViewCall {
    /// Answer the call from a view source (the engine's store).
    pub fn serve(self, v: &dyn ViewSource) -> Result<Value, String> {
        match self {
            ViewCall::Shops => json(v.shops()),
            ViewCall::Inbox => json(v.inbox()),
            ViewCall::Orders { query, after, limit } => json(v.orders(&query, after.as_deref(), limit)),
            ViewCall::OrderCount => json(v.order_count()),
            ViewCall::OrderDetail { id } => json(v.order_detail(&id)),
            ViewCall::Cancellation { id } => json(v.cancellation(&id)),
            ViewCall::Packages { after, limit } => json(v.packages(after.as_deref(), limit)),
            ViewCall::Carriers => json(v.carriers()),
            ViewCall::ShopCatalog { shop, store } => json(v.shop_catalog(&shop, &store)),
            ViewCall::Listings { shop, store, after, limit } => {
                json(v.listings(&shop, &store, after.as_deref(), limit))
            }
            ViewCall::ProductFacets { store } => json(v.product_facets(&store)),
            ViewCall::Products { store, after, limit } => json(v.products(&store, after.as_deref(), limit)),
            ViewCall::Product { store, handle } => json(v.product(&store, &handle)),
            ViewCall::ProductsOfTypes { store, types, limit } => json(v.products_of_types(&store, &types, limit)),
            ViewCall::CategoryTree { shop } => json(v.category_tree(&shop)),
            ViewCall::Audit { query, after, limit } => json(v.audit(&query, after.as_deref(), limit)),
            ViewCall::AuditUsers => json(v.audit_users()),
            ViewCall::Finance { query } => json(v.finance(&query)),
            ViewCall::Returns { query, after, limit } => json(v.returns(&query, after.as_deref(), limit)),
            ViewCall::ReturnDetail { id } => json(v.return_detail(&id)),
            ViewCall::Scan { code } => json(v.scan(&code)),
            ViewCall::CompletePath { typed } => json(v.complete_path(&typed)),
        }
    }
}

/// A failed connection is tried again at most this often, so a console without its engine
/// stays responsive (each read fails at once in between).
const RETRY: Duration = Duration::from_millis(1000);

/// The console's reads, from the engine over the socket.
pub struct RemoteViews {
    socket: PathBuf,
    viewer: bool,
    conn: Mutex<Link>,
}

#[derive(Default)]
struct Link {
    stream: Option<UnixStream>,
    failed_at: Option<Instant>,
    why: String,
}

impl RemoteViews {
    pub fn new(socket: PathBuf, viewer: bool) -> RemoteViews {
        RemoteViews { socket, viewer, conn: Mutex::new(Link::default()) }
    }

    fn connect(&self) -> Result<UnixStream, String> {
        let mut s = UnixStream::connect(&self.socket).map_err(|e| format!("the engine is not reachable ({e})"))?;
        protocol::send_blocking(&mut s, &Hello::new(Channel::Views, self.viewer)).map_err(|e| e.to_string())?;
        match protocol::recv_blocking::<Greeting>(&mut s).map_err(|e| e.to_string())? {
            Greeting::Welcome(_) => Ok(s),
            Greeting::Refused(why) => Err(why),
        }
    }

    fn call<T: serde::de::DeserializeOwned>(&self, call: ViewCall) -> Result<T, String> {
        let mut link = match self.conn.lock() {
            Ok(l) => l,
            Err(p) => p.into_inner(),
        };
        if link.stream.is_none() {
            if link.failed_at.is_some_and(|t| t.elapsed() < RETRY) {
                return Err(link.why.clone());
            }
            match self.connect() {
                Ok(s) => {
                    link.stream = Some(s);
                    link.failed_at = None;
                }
                Err(e) => {
                    link.failed_at = Some(Instant::now());
                    link.why = e.clone();
                    return Err(e);
                }
            }
        }
        let Some(stream) = link.stream.as_mut() else { return Err("no connection to the engine".into()) };
        let reply = protocol::send_blocking(stream, &call)
            .and_then(|_| protocol::recv_blocking::<Result<Value, String>>(stream));
        match reply {
            // What strangers wrote (buyers, shops, products) is shown inert: every string of
            // every view passes the one sanitiser before any pane sees it.
            Ok(Ok(mut v)) => {
                crate::domain::text::inert_json(&mut v);
                serde_json::from_value(v).map_err(|e| format!("the engine sent a view this console cannot read: {e}"))
            }
            Ok(Err(e)) => Err(crate::domain::text::inert(&e).into_owned()),
            Err(e) => {
                link.stream = None;
                link.failed_at = Some(Instant::now());
                link.why = format!("the engine stopped answering ({e})");
                Err(link.why.clone())
            }
        }
    }
}

impl ViewSource for RemoteViews {
    fn shops(&self) -> Result<ShopsView, String> {
        self.call(ViewCall::Shops)
    }
    fn inbox(&self) -> Result<InboxView, String> {
        self.call(ViewCall::Inbox)
    }
    fn orders(&self, q: &OrderQuery, after: Option<&str>, limit: usize) -> Result<Page<OrderRow>, String> {
        self.call(ViewCall::Orders { query: q.clone(), after: after.map(String::from), limit })
    }
    fn order_count(&self) -> Result<u64, String> {
        self.call(ViewCall::OrderCount)
    }
    fn order_detail(&self, id: &str) -> Result<Option<OrderDetailView>, String> {
        self.call(ViewCall::OrderDetail { id: id.into() })
    }
    fn cancellation(&self, id: &str) -> Result<Option<Cancellation>, String> {
        self.call(ViewCall::Cancellation { id: id.into() })
    }
    fn packages(&self, after: Option<&str>, limit: usize) -> Result<Page<Package>, String> {
        self.call(ViewCall::Packages { after: after.map(String::from), limit })
    }
    fn carriers(&self) -> Result<MappingView, String> {
        self.call(ViewCall::Carriers)
    }
    fn shop_catalog(&self, shop_id: &str, store: &str) -> Result<ShopCatalog, String> {
        self.call(ViewCall::ShopCatalog { shop: shop_id.into(), store: store.into() })
    }
    fn listings(
        &self,
        shop_id: &str,
        store: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Page<ListingEntry>, String> {
        self.call(ViewCall::Listings {
            shop: shop_id.into(),
            store: store.into(),
            after: after.map(String::from),
            limit,
        })
    }
    fn product_facets(&self, store: &str) -> Result<ProductFacets, String> {
        self.call(ViewCall::ProductFacets { store: store.into() })
    }
    fn products(&self, store: &str, after: Option<&str>, limit: usize) -> Result<Vec<Product>, String> {
        self.call(ViewCall::Products { store: store.into(), after: after.map(String::from), limit })
    }
    fn product(&self, store: &str, handle: &str) -> Result<Option<Product>, String> {
        self.call(ViewCall::Product { store: store.into(), handle: handle.into() })
    }
    fn products_of_types(&self, store: &str, types: &[String], limit: usize) -> Result<Vec<Product>, String> {
        self.call(ViewCall::ProductsOfTypes { store: store.into(), types: types.to_vec(), limit })
    }
    fn category_tree(&self, shop_id: &str) -> Result<Option<CategoryTree>, String> {
        self.call(ViewCall::CategoryTree { shop: shop_id.into() })
    }
    fn audit(&self, q: &AuditQuery, after: Option<&str>, limit: usize) -> Result<Page<AuditEntry>, String> {
        self.call(ViewCall::Audit { query: q.clone(), after: after.map(String::from), limit })
    }
    fn audit_users(&self) -> Result<Vec<String>, String> {
        self.call(ViewCall::AuditUsers)
    }
    fn finance(&self, q: &FinanceQuery) -> Result<FinanceView, String> {
        self.call(ViewCall::Finance { query: q.clone() })
    }
    fn returns(&self, q: &ReturnQuery, after: Option<&str>, limit: usize) -> Result<Page<Return>, String> {
        self.call(ViewCall::Returns { query: q.clone(), after: after.map(String::from), limit })
    }
    fn return_detail(&self, id: &str) -> Result<Option<ReturnDetail>, String> {
        self.call(ViewCall::ReturnDetail { id: id.into() })
    }
    fn scan(&self, code: &str) -> Result<Scanned, String> {
        self.call(ViewCall::Scan { code: code.into() })
    }
    fn complete_path(&self, typed: &str) -> Result<Vec<String>, String> {
        self.call(ViewCall::CompletePath { typed: typed.into() })
    }
}
