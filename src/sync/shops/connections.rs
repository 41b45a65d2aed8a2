//! Shop connections (SHOP-CONN-SINGLE, SHOP-CONN-MULTI, SHOP-MAN-MULTI): stores, the seller
//! authorization link with a CSRF `state`, the code exchange, and linking the authorized shops
//! to a store. Re-authorization runs the same flow and keeps every shop's data.

use crate::domain::attention::{AttentionItem, AttentionKind};
use crate::domain::audit::Outcome;
use crate::domain::authorization::{AuthPurpose, PENDING_AUTH_TTL_SECS, PendingAuth};
use crate::domain::shop::{PlatformStore, Shop, ShopStatus, validate_store_name};
use crate::message::ShopsAnswer;
use crate::store::{StoreError, attention, audit, cursors, grants, pending_auth, shops};
use crate::sync::{SyncCtx, SyncError, SyncResult, Update};
use rand::RngExt;
use redb::WriteTransaction;
use std::collections::BTreeSet;

pub fn add_store(ctx: &SyncCtx, name: &str) -> SyncResult<()> {
    validate_store_name(name).map_err(SyncError::Invalid)?;
    let now = ctx.now();
    ctx.store.write(|t| {
        shops::add_store(t, &PlatformStore { name: name.into(), created_at: now })?;
        audit::append(t, now, &ctx.actor, "stores add", name, Outcome::Ok(String::new()))?;
        Ok(())
    })?;
    ctx.updates.send(Update::Changed(crate::sync::Topic::Shops));
    Ok(())
}

pub fn remove_store(ctx: &SyncCtx, name: &str) -> SyncResult<()> {
    let now = ctx.now();
    ctx.store.write(|t| {
        shops::remove_store(t, name)?;
        audit::append(t, now, &ctx.actor, "stores remove", name, Outcome::Ok(String::new()))?;
        Ok(())
    })?;
    ctx.updates.send(Update::Changed(crate::sync::Topic::Shops));
    Ok(())
}

fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The seller authorization link (API README §3.1): `authorize_url?service_id=..&state=..`.
pub fn authorization_url(authorize_url: &str, service_id: &str, state: &str) -> String {
    let sep = if authorize_url.contains('?') { '&' } else { '?' };
    format!("{authorize_url}{sep}service_id={}&state={}", percent(service_id), percent(state))
}

/// Start an authorization: a fresh CSRF state, recorded before the link is shown.
pub fn begin(
    ctx: &SyncCtx,
    store_name: &str,
    purpose: AuthPurpose,
    interactive: bool,
) -> SyncResult<(PendingAuth, String)> {
    let service_id = ctx.auth.service_id.clone().filter(|s| !s.is_empty()).ok_or_else(|| {
        SyncError::Invalid(
            "service_id is not set: add service_id (from Partner Center) to the config file or set TOKSHOP_SERVICE_ID"
                .into(),
        )
    })?;
    let now = ctx.now();
    let mut rng = rand::rng();
    let state: String = (0..32).map(|_| char::from(b"0123456789abcdef"[rng.random_range(0..16)])).collect();
    let pending = PendingAuth {
        state: state.clone(),
        store: store_name.into(),
        purpose,
        interactive,
        created_at: now,
        expires_at: now + PENDING_AUTH_TTL_SECS,
        grant: None,
        shops: vec![],
    };
    ctx.store.write(|t| {
        if shops::get_store(t, store_name)?.is_none() {
            return Err(StoreError::NotFound(format!(
                "store {store_name:?} does not exist; add it first (tokshop stores add {store_name})"
            )));
        }
        pending_auth::purge_expired(t, now)?;
        pending_auth::put_pending(t, &pending)
    })?;
    Ok((pending, authorization_url(&ctx.auth.authorize_url, &service_id, &state)))
}

/// Start re-authorizing the seller behind a shop (its store stays the same).
pub fn begin_reauthorize(ctx: &SyncCtx, shop_id: &str, interactive: bool) -> SyncResult<(PendingAuth, String)> {
    let shop =
        ctx.store.get_shop(shop_id)?.ok_or_else(|| SyncError::Invalid(format!("no shop {shop_id} is known here")))?;
    if shop.status == ShopStatus::Disconnected {
        return Err(SyncError::Invalid(format!("shop {shop_id} is disconnected; connect it again instead")));
    }
    let (pending, url) = begin(ctx, &shop.store, AuthPurpose::Reauthorize { shop_id: shop_id.into() }, interactive)?;
    // Which shop it is for: the seller logs in on TikTok's page either way; the sandbox's
    // consent page takes it to log in that shop's seller (TikTok ignores what it does not know).
    Ok((pending, format!("{url}&shop_id={}", percent(shop_id))))
}

/// Exchange the seller's code and fetch the shops it authorizes; both are kept with the
/// pending authorization until shops are linked.
pub async fn exchange(ctx: &SyncCtx, state: &str, code: &str) -> SyncResult<PendingAuth> {
    let now = ctx.now();
    let mut pending = ctx
        .store
        .get_pending_auth(state)?
        .filter(|p| p.expires_at > now)
        .ok_or_else(|| SyncError::Invalid("this authorization is unknown or has expired; start again".into()))?;
    let code = code.trim();
    if code.is_empty() {
        return Err(SyncError::Invalid("the auth code is empty; paste the code from the seller's redirect".into()));
    }
    let grant = ctx.api.get_access_token(code, now).await?;
    let authorized = ctx.api.get_authorized_shops(&grant.access_token).await?;
    if authorized.is_empty() {
        return Err(SyncError::Invalid(format!(
            "seller {:?} authorized the app but no shops came with it",
            grant.seller_name
        )));
    }
    pending.grant = Some(grant.clone());
    pending.shops = authorized;
    ctx.store.write(|t| {
        // The same seller's newer tokens serve its already-linked shops at once, even if the
        // operator never links anything from this consent.
        if grants::get_grant_w(t, &grant.open_id)?.is_some() {
            grants::put_grant(t, &grant)?;
        }
        pending_auth::put_pending(t, &pending)
    })?;
    Ok(pending)
}

/// Link shops of an exchanged authorization (`None`: every authorized shop, or for a
/// re-authorization the shops already served by that seller). Returns the linked shops.
pub fn link(ctx: &SyncCtx, state: &str, chosen: Option<&[String]>) -> SyncResult<Vec<Shop>> {
    let now = ctx.now();
    let linked = ctx.store.write(|t| link_in(t, ctx, state, chosen, now))?;
    for s in &linked {
        ctx.health.ok(&s.id, now);
    }
    ctx.updates.send(Update::Changed(crate::sync::Topic::Shops));
    ctx.updates.send(Update::Changed(crate::sync::Topic::Inbox));
    Ok(linked)
}

fn link_in(
    t: &WriteTransaction,
    ctx: &SyncCtx,
    state: &str,
    chosen: Option<&[String]>,
    now: i64,
) -> Result<Vec<Shop>, StoreError> {
    let pending = pending_auth::get_pending_w(t, state)?
        .filter(|p| p.expires_at > now)
        .ok_or_else(|| StoreError::NotFound("this authorization is unknown or has expired; start again".into()))?;
    let grant = pending
        .grant
        .clone()
        .ok_or_else(|| StoreError::Conflict("the seller has not consented yet: no code was exchanged".into()))?;
    let authorized: BTreeSet<&str> = pending.shops.iter().map(|s| s.id.as_str()).collect();
    let list = || pending.shops.iter().map(|s| format!("{} ({})", s.id, s.name)).collect::<Vec<_>>().join(", ");
    let existing_all = shops::all_shops_w(t)?;
    let selected: Vec<String> = match (&pending.purpose, chosen) {
        (_, Some(ids)) => ids.to_vec(),
        (AuthPurpose::Connect, None) => pending.shops.iter().map(|s| s.id.clone()).collect(),
        (AuthPurpose::Reauthorize { shop_id }, None) => {
            let mut v: Vec<String> = existing_all
                .iter()
                .filter(|s| {
                    s.grant_id == grant.open_id
                        && s.status != ShopStatus::Disconnected
                        && authorized.contains(s.id.as_str())
                })
                .map(|s| s.id.clone())
                .collect();
            if !v.contains(shop_id) {
                v.push(shop_id.clone());
            }
            v
        }
    };
    if selected.is_empty() {
        return Err(StoreError::Conflict("choose at least one shop to link".into()));
    }
    for id in &selected {
        if !authorized.contains(id.as_str()) {
            return Err(StoreError::Conflict(format!(
                "shop {id} is not among the shops this seller authorized: {}",
                list()
            )));
        }
    }
    let store_name = match &pending.purpose {
        AuthPurpose::Connect => pending.store.clone(),
        AuthPurpose::Reauthorize { shop_id } => {
            existing_all.iter().find(|s| &s.id == shop_id).map(|s| s.store.clone()).unwrap_or(pending.store.clone())
        }
    };
    if shops::get_store(t, &store_name)?.is_none() {
        return Err(StoreError::NotFound(format!("store {store_name:?} no longer exists; add it again first")));
    }
    grants::put_grant(t, &grant)?;
    let mut linked = Vec::new();
    for a in pending.shops.iter().filter(|s| selected.contains(&s.id)) {
        let old = existing_all.iter().find(|s| s.id == a.id);
        if let Some(o) = old
            && o.store != store_name
            && o.status != ShopStatus::Disconnected
        {
            return Err(StoreError::Conflict(format!(
                "shop {} ({}) is already connected to store {:?}; disconnect it there first",
                o.id, o.name, o.store
            )));
        }
        let keep_since =
            old.filter(|o| o.store == store_name && o.status != ShopStatus::Disconnected).map(|o| o.connected_at);
        let shop = Shop {
            id: a.id.clone(),
            name: a.name.clone(),
            region: a.region.clone(),
            seller_type: a.seller_type.clone(),
            cipher: a.cipher.clone(),
            code: a.code.clone(),
            store: store_name.clone(),
            status: ShopStatus::Active,
            grant_id: grant.open_id.clone(),
            connected_at: keep_since.unwrap_or(now),
            updated_at: now,
        };
        shops::put_shop(t, &shop)?;
        for prefix in ["reauth:", "deauth:", "refresh:"] {
            attention::resolve_for_shop(t, prefix, &shop.id, now)?;
        }
        linked.push(shop);
    }
    // Other live shops of the same seller are renewed by the new grant too.
    for o in existing_all.iter().filter(|s| s.grant_id == grant.open_id && !selected.contains(&s.id)) {
        if matches!(o.status, ShopStatus::ReauthorizeBy(_) | ShopStatus::ReauthorizationRequired)
            && authorized.contains(o.id.as_str())
        {
            let mut s = o.clone();
            s.status = ShopStatus::Active;
            s.updated_at = now;
            shops::put_shop(t, &s)?;
            attention::resolve_for_shop(t, "reauth:", &s.id, now)?;
        }
    }
    cursors::put_cursor(t, &grant.open_id, "reauth-reminder", &cursors::Cursor::default())?;
    gc_grants(t)?;
    pending_auth::delete_pending(t, state)?;
    let verb = match pending.purpose {
        AuthPurpose::Connect => "shops connect",
        AuthPurpose::Reauthorize { .. } => "shops reauthorize",
    };
    let ids: Vec<&str> = linked.iter().map(|s| s.id.as_str()).collect();
    audit::append(
        t,
        now,
        &ctx.actor,
        verb,
        &store_name,
        Outcome::Ok(format!("linked {} (seller {})", ids.join(", "), grant.seller_name)),
    )?;
    Ok(linked)
}

/// Delete grants no live shop uses any more.
pub fn gc_grants(t: &WriteTransaction) -> Result<(), StoreError> {
    let used: BTreeSet<String> = shops::all_shops_w(t)?
        .into_iter()
        .filter(|s| s.status != ShopStatus::Disconnected)
        .map(|s| s.grant_id)
        .collect();
    let all: Vec<String> = {
        use redb::ReadableTable;
        let table = t.open_table(crate::store::schema::GRANTS)?;
        let mut v = Vec::new();
        for row in table.iter()? {
            v.push(row?.0.value().to_string());
        }
        v
    };
    for g in all.iter().filter(|g| !used.contains(*g)) {
        grants::delete_grant(t, g)?;
    }
    Ok(())
}

/// The headless path: a pasted code straight to linked shops (`None`: every authorized shop).
pub async fn connect_with_code(
    ctx: &SyncCtx,
    store_name: &str,
    code: &str,
    chosen: Option<&[String]>,
) -> SyncResult<Vec<Shop>> {
    let (pending, _) = begin(ctx, store_name, AuthPurpose::Connect, false)?;
    let result = async {
        exchange(ctx, &pending.state, code).await?;
        link(ctx, &pending.state, chosen)
    }
    .await;
    if result.is_err() {
        let _ = ctx.store.write(|t| pending_auth::delete_pending(t, &pending.state));
        let what = result.as_ref().err().map(|e| e.to_string()).unwrap_or_default();
        let _ = ctx.store.audit(ctx.now(), &ctx.actor, "shops connect", store_name, Outcome::Failed(what));
    }
    result
}

/// A code came back through the receiver's callback.
pub async fn on_callback(ctx: &SyncCtx, state: &str, code: Option<&str>, error: Option<&str>) {
    let Some(code) = code else {
        let _ = ctx.store.write(|t| pending_auth::delete_pending(t, state));
        let msg = format!("the seller did not authorize ({})", error.unwrap_or("no code"));
        ctx.updates.send(ShopsAnswer::AuthFailed { state: state.into(), message: msg }.into());
        return;
    };
    let pending = match exchange(ctx, state, code).await {
        Ok(p) => p,
        Err(e) => {
            ctx.health.error(None, ctx.now(), &e.to_string());
            ctx.updates.send(ShopsAnswer::AuthFailed { state: state.into(), message: e.to_string() }.into());
            return;
        }
    };
    if pending.interactive {
        ctx.updates.send(authorized_update(ctx, &pending));
        return;
    }
    match link(ctx, state, None) {
        Ok(linked) => {
            let names: Vec<String> = linked.iter().map(|s| format!("{} ({})", s.name, s.region)).collect();
            let now = ctx.now();
            let _ = ctx.store.write(|t| {
                attention::upsert(
                    t,
                    AttentionItem {
                        key: format!("connected:{state}"),
                        kind: AttentionKind::Notice,
                        shop_id: None,
                        title: format!("Connected {} to store {}", names.join(", "), pending.store),
                        detail: "The seller's authorization came back through the callback; every authorized shop was \
                            linked."
                            .into(),
                        deadline: None,
                        created_at: now,
                        updated_at: now,
                        resolved_at: None,
                    },
                )
            });
            ctx.updates.send(Update::Done(format!("Connected {} to store {}", names.join(", "), pending.store)));
            ctx.updates.send(Update::Changed(crate::sync::Topic::Inbox));
        }
        Err(e) => ctx.updates.send(ShopsAnswer::AuthFailed { state: state.into(), message: e.to_string() }.into()),
    }
}

/// The shops of an exchanged authorization, each with the store it is already linked to.
pub fn authorized_update(ctx: &SyncCtx, pending: &PendingAuth) -> Update {
    let known = ctx.store.list_shops().unwrap_or_default();
    let shops = pending
        .shops
        .iter()
        .map(|a| {
            let linked =
                known.iter().find(|s| s.id == a.id && s.status != ShopStatus::Disconnected).map(|s| s.store.clone());
            (a.clone(), linked)
        })
        .collect();
    ShopsAnswer::AuthorizedShops { state: pending.state.clone(), shops }.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_is_escaped() {
        assert_eq!(
            authorization_url("https://services.tiktokshop.com/open/authorize", "7310", "a b&c"),
            "https://services.tiktokshop.com/open/authorize?service_id=7310&state=a%20b%26c"
        );
        assert_eq!(authorization_url("http://x/a?y=1", "1", "s"), "http://x/a?y=1&service_id=1&state=s");
    }
}
