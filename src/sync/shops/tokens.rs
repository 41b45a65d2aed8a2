//! Access tokens: served to the API client from the store, refreshed ahead of expiry (and once
//! after a 105002), with the new refresh token kept. A refresh that fails for good marks the
//! seller's shops "re-authorization required" and says so in the Inbox.

use crate::api::{ApiClient, ApiError, TokenSource};
use crate::clock::SharedClock;
use crate::domain::Secret;
use crate::domain::attention::{AttentionItem, AttentionKind};
use crate::domain::audit::Outcome;
use crate::domain::grant::Grant;
use crate::domain::shop::ShopStatus;
use crate::store::{Store, attention, audit, grants, shops};
use crate::sync::{SyncCtx, Update};
use futures::future::BoxFuture;
use std::sync::Arc;

/// A [`TokenSource`] backed by the store. It refreshes through its own auth-only client, so
/// the client and the source do not own each other.
pub struct StoreTokens {
    store: Store,
    auth: ApiClient,
    clock: SharedClock,
    actor: crate::domain::actor::Actor,
    lock: tokio::sync::Mutex<()>,
}

impl StoreTokens {
    pub fn new(store: Store, auth: ApiClient, clock: SharedClock, actor: &str) -> Arc<StoreTokens> {
        Arc::new(StoreTokens {
            store,
            auth,
            clock,
            actor: crate::domain::actor::Actor::system(actor),
            lock: tokio::sync::Mutex::new(()),
        })
    }

    fn grant_of(&self, shop_id: &str) -> Result<Grant, ApiError> {
        let endpoint = "token";
        let shop = self
            .store
            .get_shop(shop_id)
            .map_err(|e| ApiError::transport(endpoint, e.to_string(), None))?
            .ok_or_else(|| ApiError::decode(endpoint, format!("shop {shop_id} is not connected"), None))?;
        if !shop.status.syncs() {
            return Err(ApiError::decode(
                endpoint,
                format!("shop {shop_id} is {}: no calls are made for it", shop.status.label()),
                None,
            ));
        }
        self.store
            .get_grant(&shop.grant_id)
            .map_err(|e| ApiError::transport(endpoint, e.to_string(), None))?
            .ok_or_else(|| {
                ApiError::decode(endpoint, format!("no credentials for shop {shop_id}; re-authorize it"), None)
            })
    }

    /// Refresh a grant now; on a permanent failure mark its shops and raise an Inbox item.
    pub async fn refresh_grant(&self, grant: &Grant) -> Result<Grant, ApiError> {
        let _guard = self.lock.lock().await;
        let now = self.clock.now();
        // Another task may have refreshed it while we waited.
        if let Ok(Some(current)) = self.store.get_grant(&grant.open_id)
            && current.access_token != grant.access_token
            && !current.needs_refresh(now)
        {
            return Ok(current);
        }
        match self.auth.refresh_access_token(&grant.refresh_token, now).await {
            Ok(mut fresh) => {
                fresh.updated_at = now;
                let res = self.store.write(|t| {
                    grants::put_grant(t, &fresh)?;
                    for s in shops::all_shops_w(t)?.into_iter().filter(|s| s.grant_id == fresh.open_id) {
                        attention::resolve_for_shop(t, "refresh:", &s.id, now)?;
                    }
                    Ok(())
                });
                res.map_err(|e| ApiError::transport("token refresh", e.to_string(), None))?;
                Ok(fresh)
            }
            Err(e) => {
                if e.class != crate::api::ErrorClass::Retryable {
                    let _ = mark_refresh_failed(&self.store, &grant.open_id, &e.to_string(), now, &self.actor);
                }
                Err(e)
            }
        }
    }
}

/// Shops of a grant whose refresh failed for good need a new authorization.
pub fn mark_refresh_failed(
    store: &Store,
    grant_id: &str,
    reason: &str,
    now: i64,
    actor: &crate::domain::actor::Actor,
) -> Result<(), crate::store::StoreError> {
    store.write(|t| {
        for mut s in shops::all_shops_w(t)?.into_iter().filter(|s| s.grant_id == grant_id && s.status.syncs()) {
            s.status = ShopStatus::ReauthorizationRequired;
            s.updated_at = now;
            shops::put_shop(t, &s)?;
            attention::upsert(
                t,
                AttentionItem {
                    key: format!("refresh:{}", s.id),
                    kind: AttentionKind::TokenRefreshFailed,
                    shop_id: Some(s.id.clone()),
                    title: format!("{} ({}) cannot refresh its token: re-authorize it", s.name, s.region),
                    detail: reason.to_string(),
                    deadline: None,
                    created_at: now,
                    updated_at: now,
                    resolved_at: None,
                },
            )?;
            audit::append(t, now, actor, "token refresh", &s.id, Outcome::Failed(reason.to_string()))?;
        }
        Ok(())
    })
}

impl TokenSource for StoreTokens {
    fn access_token<'a>(&'a self, shop_id: &'a str) -> BoxFuture<'a, Result<Secret, ApiError>> {
        Box::pin(async move {
            let g = self.grant_of(shop_id)?;
            if g.needs_refresh(self.clock.now()) {
                return self.refresh_grant(&g).await.map(|g| g.access_token);
            }
            Ok(g.access_token)
        })
    }

    fn refresh<'a>(&'a self, shop_id: &'a str, rejected: &'a Secret) -> BoxFuture<'a, Result<Secret, ApiError>> {
        Box::pin(async move {
            let g = self.grant_of(shop_id)?;
            if &g.access_token != rejected {
                // Someone refreshed since the rejected token was handed out.
                return Ok(g.access_token);
            }
            // Force: TikTok said this token expired whatever our clock says.
            let mut stale = g;
            stale.access_token_expire_in = 0;
            self.refresh_grant(&stale).await.map(|g| g.access_token)
        })
    }
}

/// Refresh the grant behind a shop on request (`tokshop shops refresh-token`).
pub async fn refresh_shop(ctx: &SyncCtx, tokens: &StoreTokens, shop_id: &str) -> Result<Grant, crate::sync::SyncError> {
    let shop = ctx
        .store
        .get_shop(shop_id)?
        .ok_or_else(|| crate::sync::SyncError::Invalid(format!("no shop {shop_id} is known here")))?;
    let grant = ctx.store.get_grant(&shop.grant_id)?.ok_or_else(|| {
        crate::sync::SyncError::Invalid(format!(
            "shop {shop_id} has no credentials ({}); re-authorize it",
            shop.status.label()
        ))
    })?;
    let mut forced = grant.clone();
    forced.access_token_expire_in = 0;
    let now = ctx.now();
    match tokens.refresh_grant(&forced).await {
        Ok(g) => {
            let _ = ctx.store.audit(
                now,
                &ctx.actor,
                "shops refresh-token",
                shop_id,
                Outcome::Ok(format!(
                    "access token valid until {}",
                    crate::domain::time::date_time(g.access_token_expire_in)
                )),
            );
            ctx.health.ok(shop_id, now);
            ctx.updates.send(Update::Changed(crate::sync::Topic::Shops));
            Ok(g)
        }
        Err(e) => {
            let _ = ctx.store.audit(now, &ctx.actor, "shops refresh-token", shop_id, Outcome::Failed(e.to_string()));
            ctx.health.error(Some(shop_id), now, &e.to_string());
            ctx.updates.send(Update::Changed(crate::sync::Topic::Shops));
            ctx.updates.send(Update::Changed(crate::sync::Topic::Inbox));
            Err(e.into())
        }
    }
}

/// One pass of background refreshing: every grant near its access-token expiry.
pub async fn refresh_due(ctx: &SyncCtx, tokens: &StoreTokens) {
    let now = ctx.now();
    let Ok(grants) = ctx.store.list_grants() else {
        return;
    };
    let live = ctx.store.list_shops().unwrap_or_default();
    for g in grants.iter().filter(|g| g.needs_refresh(now) && !g.authorization_expired(now)) {
        let shop = live.iter().find(|s| s.grant_id == g.open_id && s.status.syncs());
        let Some(shop) = shop else { continue };
        match tokens.refresh_grant(g).await {
            Ok(_) => {
                tracing::info!("refreshed the access token of seller {} ahead of expiry", g.seller_name);
                ctx.health.ok(&shop.id, now);
            }
            Err(e) => {
                tracing::warn!("token refresh for seller {} failed: {e}", g.seller_name);
                ctx.health.error(Some(&shop.id), now, &e.to_string());
                ctx.updates.send(Update::Changed(crate::sync::Topic::Inbox));
            }
        }
        ctx.updates.send(Update::Changed(crate::sync::Topic::Shops));
    }
}
