//! Opening an authorization link. Over SSH there is usually no browser: the link is shown to
//! copy. A loopback link (the built-in sandbox) is followed directly, like a browser would, so
//! the demo's consent page redirects to our own callback.

use crate::sync::{SyncCtx, Update};

pub async fn open(ctx: &SyncCtx, url: &str) {
    let loopback = reqwest::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(String::from))
        .is_some_and(|h| h == "127.0.0.1" || h == "localhost" || h == "[::1]");
    if loopback {
        let client = match crate::api::client::http_client(std::time::Duration::from_secs(10)) {
            Ok(c) => c,
            Err(e) => return ctx.updates.send(Update::Failed(e.to_string())),
        };
        match client.get(url).send().await {
            Ok(r) if r.status().is_success() => {}
            Ok(r) => {
                ctx.updates.send(Update::Failed(format!("the consent page answered HTTP {}", r.status().as_u16())))
            }
            Err(e) => ctx.updates.send(Update::Failed(format!("cannot open the link: {}", e.without_url()))),
        }
        return;
    }
    let opener = std::env::var("BROWSER").ok().filter(|b| !b.is_empty()).unwrap_or_else(|| "xdg-open".into());
    match tokio::process::Command::new(&opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        Ok(_) => ctx.updates.send(Update::Done(format!("opened the link with {opener}"))),
        Err(_) => ctx
            .updates
            .send(Update::Failed(format!("no browser here ({opener} not found): copy the link to the seller"))),
    }
}
