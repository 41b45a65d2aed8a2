//! The shops family's commands: stores, the authorization steps, disconnecting, tokens.

use super::{browser, connections, disconnect, tokens};
use crate::domain::authorization::AuthPurpose;
use crate::message::{ShopsAnswer, ShopsCommand};
use crate::sync::commands::{Wakes, fail};
use crate::sync::{SyncCtx, Update};

fn auth_failed(ctx: &SyncCtx, state: String, message: String) {
    ctx.updates.send(ShopsAnswer::AuthFailed { state, message }.into());
}

pub async fn run(ctx: &SyncCtx, cmd: ShopsCommand, wakes: &Wakes<'_>) {
    match cmd {
        ShopsCommand::AddStore { name } => match connections::add_store(ctx, &name) {
            Ok(()) => ctx.updates.send(Update::Done(format!("Store {name} added"))),
            Err(e) => fail(ctx, "Add store", &e),
        },
        ShopsCommand::RemoveStore { name } => match connections::remove_store(ctx, &name) {
            Ok(()) => ctx.updates.send(Update::Done(format!("Store {name} removed"))),
            Err(e) => fail(ctx, "Remove store", &e),
        },
        ShopsCommand::BeginConnect { store, create_store } => {
            if create_store && let Err(e) = connections::add_store(ctx, &store) {
                return auth_failed(ctx, String::new(), e.to_string());
            }
            match connections::begin(ctx, &store, AuthPurpose::Connect, true) {
                Ok((p, url)) => ctx.updates.send(ShopsAnswer::AuthLink { state: p.state, url }.into()),
                Err(e) => auth_failed(ctx, String::new(), e.to_string()),
            }
        }
        ShopsCommand::BeginReauthorize { shop_id } => match connections::begin_reauthorize(ctx, &shop_id, true) {
            Ok((p, url)) => ctx.updates.send(ShopsAnswer::AuthLink { state: p.state, url }.into()),
            Err(e) => auth_failed(ctx, String::new(), e.to_string()),
        },
        ShopsCommand::SubmitCode { state, code } => match connections::exchange(ctx, &state, &code).await {
            Ok(p) => ctx.updates.send(connections::authorized_update(ctx, &p)),
            Err(e) => auth_failed(ctx, state, e.to_string()),
        },
        ShopsCommand::LinkShops { state, shop_ids } => match connections::link(ctx, &state, Some(&shop_ids)) {
            Ok(linked) => {
                let names: Vec<String> = linked.iter().map(|s| format!("{} ({})", s.name, s.region)).collect();
                ctx.updates.send(Update::Done(format!("Connected {}", names.join(", "))));
                ctx.updates.send(ShopsAnswer::Linked { state, names }.into());
                wakes.orders.notify_one();
            }
            Err(e) => auth_failed(ctx, state, e.to_string()),
        },
        ShopsCommand::CancelConnect { state, created_store } => {
            let _ = ctx.store.write(|t| crate::store::pending_auth::delete_pending(t, &state));
            // The store this attempt created goes again, unless a shop joined it meanwhile.
            if let Some(name) = created_store
                && ctx.store.list_shops().map(|shops| !shops.iter().any(|s| s.store == name)).unwrap_or(false)
                && connections::remove_store(ctx, &name).is_ok()
            {
                ctx.updates.send(Update::Done(format!("Store {name} was not kept: the connection was cancelled")));
            }
        }
        ShopsCommand::OpenLink { url } => browser::open(ctx, &url).await,
        ShopsCommand::Disconnect { shop_id } => match disconnect::disconnect(ctx, &shop_id) {
            Ok(_) => {
                wakes.outbox.notify_one();
                ctx.updates.send(Update::Done(format!("Shop {shop_id} disconnected; deauthorizing on TikTok")));
            }
            Err(e) => fail(ctx, "Disconnect", &e),
        },
        ShopsCommand::RefreshToken { shop_id } => match tokens::refresh_shop(ctx, &ctx.tokens, &shop_id).await {
            Ok(_) => ctx.updates.send(Update::Done(format!("Token of shop {shop_id} refreshed"))),
            Err(e) => fail(ctx, "Refresh token", &e),
        },
    }
}
