//! One test generated from the sandbox's router: every route of the gateway's route table and of
//! the auth host's token routes (the tables the listener is built from) is called on a seeded
//! world, and its live answer is held against TikTok's reference sample field path by field path
//! and type by type. A route without a comparison, a field missing, mistyped or unknown to the
//! sample fails it, unless `exceptions.rs` lists it with its reason. The measure (fields of the
//! sample, fields of the answer, exceptions) is printed per route.

mod cases;
mod exceptions;
mod seeded;

use crate::common::reference::{Gap, GapKind, compare, paths, survey};
use crate::common::{APP_KEY, APP_SECRET, fixture};
use seeded::{Req, Seeded};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use tokshop::sandbox::gateway::CipherRule;
use tokshop::sandbox::routes;

/// A route as the router serves it: its key, whether it takes `shop_cipher`, whether it is signed.
struct Served {
    key: String,
    cipher: CipherRule,
    signed: bool,
}

fn served() -> Vec<Served> {
    let mut out: Vec<Served> = routes::all()
        .iter()
        .map(|r| Served { key: format!("{} {}", r.method, r.pattern), cipher: r.cipher, signed: true })
        .collect();
    out.extend(routes::auth::token_routes().iter().map(|r| Served {
        key: format!("GET {}", r.path),
        cipher: CipherRule::Forbidden,
        signed: false,
    }));
    out
}

async fn send(s: &Seeded, route: &Served, req: &Req) -> Value {
    let method: reqwest::Method = route.key.split(' ').next().unwrap_or("GET").parse().expect("method");
    // The gateway holds `timestamp` against the wall clock, whatever the sandbox's clock says.
    let ts = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("time").as_secs().to_string();
    let mut q: Vec<(String, String)> = vec![("app_key".into(), APP_KEY.into())];
    if !route.signed {
        q.push(("app_secret".into(), APP_SECRET.into()));
    } else {
        q.push(("timestamp".into(), ts));
        if route.cipher != CipherRule::Forbidden {
            q.push(("shop_cipher".into(), s.cipher(req.shop).to_string()));
        }
    }
    q.extend(req.query.iter().cloned());
    let (body, ct) = match &req.multipart {
        Some((b, bytes)) => (bytes.clone(), format!("multipart/form-data; boundary={b}")),
        None => (req.body.clone().unwrap_or_default().into_bytes(), "application/json".to_string()),
    };
    if route.signed {
        let sign = tokshop::api::sign::sign(APP_SECRET, &req.path, &q, &body, &ct);
        q.push(("sign".into(), sign));
    }
    let http = tokshop::api::client::http_client(std::time::Duration::from_secs(20)).expect("http");
    let mut rb = http.request(method, format!("{}{}", s.sb.base_url(), req.path)).query(&q).header("content-type", ct);
    if route.signed {
        rb = rb.header("x-tts-access-token", &s.token);
    }
    let r = rb.body(body).send().await.expect("send");
    r.json::<Value>().await.unwrap_or(Value::Null)
}

struct Row {
    route: String,
    sample_fields: usize,
    answer_fields: usize,
    exceptions: usize,
}

#[tokio::test]
async fn every_route_answers_with_every_field_of_its_reference_sample() {
    let s = seeded::seed().await;
    let cases = cases::all();
    let mut failures: Vec<String> = Vec::new();
    let mut used: BTreeSet<usize> = BTreeSet::new();
    let mut rows = Vec::new();
    let served = served();
    for route in &served {
        if cases::NO_PAGE.iter().any(|(r, _)| *r == route.key) {
            continue;
        }
        let Some(case) = cases.iter().find(|c| c.route == route.key) else {
            failures.push(format!("{}: served, but no reference comparison in cases.rs", route.key));
            continue;
        };
        let sample = fixture(case.sample);
        let mut answer_paths = BTreeSet::new();
        let mut filled = BTreeSet::new();
        let mut gaps: BTreeMap<(GapKind, String), Gap> = BTreeMap::new();
        for req in (case.calls)(&s) {
            let env = send(&s, route, &req).await;
            if env["code"] != 0 {
                failures.push(format!("{} {}: not answered: {env}", route.key, req.path));
                continue;
            }
            let (fields, arrays) = survey(&env["data"], "data");
            answer_paths.extend(fields);
            filled.extend(arrays);
            for g in compare(&sample["data"], &env["data"], "data") {
                gaps.entry((g.kind, g.path.clone())).or_insert(g);
            }
        }
        let mut excepted = BTreeSet::new();
        for g in gaps.into_values().filter(|g| !(g.kind == GapKind::Empty && filled.contains(&g.path))) {
            let hit = exceptions::ALL
                .iter()
                .position(|e| e.kind == g.kind && e.path == g.path && e.routes.contains(&route.key.as_str()));
            match hit {
                Some(i) => {
                    used.insert(i);
                    excepted.insert(g.path.clone());
                }
                None => failures.push(format!("{}: {:?} {} ({})", route.key, g.kind, g.path, g.detail)),
            }
        }
        let sample_fields = paths(&sample["data"], "data").len();
        rows.push(Row {
            route: route.key.clone(),
            sample_fields,
            answer_fields: answer_paths.len(),
            exceptions: excepted.len(),
        });
    }
    for c in &cases {
        if !served.iter().any(|r| r.key == c.route) {
            failures.push(format!("{}: a comparison for a route the sandbox does not serve", c.route));
        }
    }
    for (i, e) in exceptions::ALL.iter().enumerate() {
        if !used.contains(&i) {
            failures.push(format!("stale exception {:?} {} on {:?}: no longer seen", e.kind, e.path, e.routes));
        }
    }
    println!(
        "| route | fields in the reference sample | fields in the sandbox's answer | exceptions |\n|---|---|---|---|"
    );
    for r in &rows {
        println!("| `{}` | {} | {} | {} |", r.route, r.sample_fields, r.answer_fields, r.exceptions);
    }
    for e in exceptions::ALL {
        println!("- {:?} `{}` ({} routes): {}", e.kind, e.path, e.routes.len(), e.why);
    }
    assert!(failures.is_empty(), "{} gaps:\n{}", failures.len(), failures.join("\n"));
}
