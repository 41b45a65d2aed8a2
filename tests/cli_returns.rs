//! `tokshop returns ...` with the binary against the sandbox: sync, list and show (money as
//! decimal strings with currency, hostile buyer text inert), a decision that does not fit
//! refused before anything is sent, the warehouse receiving a package by its tracking number,
//! and `orders show --json` naming the order's returns.

use crate::common;

use common::bin::{Env, stderr, stdout};
use common::*;
use tokshop::sandbox::seed::Seed;

/// The demo sandbox with Northwind's shop connected to a fresh data dir: (sandbox, env, shop id).
async fn connected() -> (tokshop::sandbox::SandboxHandle, Env, String) {
    let sb = sandbox(Seed::Demo).await;
    let env = Env::new(Some(&sb.base_url()));
    assert!(env.run_async(&["stores", "add", "main"]).await.status.success());
    let code = sb.issue_code(Some("Northwind Outfitters")).expect("code");
    let o = env.run_async(&["shops", "connect", "--store", "main", "--auth-code", &code, "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let shop = sb.sellers().into_iter().find(|s| s.1 == "Northwind Outfitters").expect("seller").2[0].clone();
    (sb, env, shop)
}

#[tokio::test]
async fn support_and_warehouse_work_from_the_command_line() {
    let (sb, env, shop) = connected().await;
    // A buyer whose note tries to move the cursor and ring the bell.
    let order = sb.returnable_orders(&shop).remove(0);
    let hostile = sb.open_return(&shop, &order, "refund", Some("broken\u{1b}[2J\u{7} lid")).expect("opened");
    let o = env.run_async(&["returns", "sync"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let o = env.run_async(&["returns", "list", "--waiting", "--json"]).await;
    let list: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert!(list.as_array().expect("rows").iter().all(|r| r["waiting_on_seller"] == true));
    let o = env.run_async(&["returns", "show", &hostile]).await;
    let text = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "inert: {text}");
    assert!(text.contains("photo http"), "the photo URLs: {text}");
    let o = env.run_async(&["returns", "show", &hostile, "--json"]).await;
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let total = &v["refund"]["total"];
    assert!(total["amount"].as_str().expect("a decimal string").contains('.'), "{total}");
    assert_eq!(total["currency"], "USD");
    assert!(v["decisions_allowed"].as_array().expect("list").iter().any(|d| d == "APPROVE_REFUND"));
    // A package decision on a refund-only request: refused with what fits, nothing queued.
    let o = env.run_async(&["returns", "receive", &order, "--accept", "--yes"]).await;
    assert!(!o.status.success() && stderr(&o).contains("no received package"), "{}", stderr(&o));
    // Rejecting without --yes is refused before anything.
    let o = env.run_async(&["returns", "reject", &hostile, "--reason", "x"]).await;
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // The warehouse scans a received package's return tracking number.
    let o = env.run_async(&["returns", "list", "--status", "BUYER_SHIPPED_ITEM", "--json"]).await;
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let received = rows
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["next_action"] == "SELLER_RESPOND_RECEIVE_PACKAGE")
        .expect("a package waits")
        .clone();
    let tracking = received["return_tracking_number"].as_str().expect("tracking").to_string();
    let o = env.run_async(&["returns", "receive", &tracking, "--accept", "--yes"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let id = received["return_id"].as_str().expect("id");
    let after = sb.return_json(&shop, id).expect("sandbox");
    assert_eq!(after["return_status"], "RETURN_OR_REFUND_REQUEST_SUCCESS");
    // Approving the hostile one, then the order names its return.
    let o = env.run_async(&["returns", "approve", &hostile, "--yes"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let o = env.run_async(&["orders", "sync"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let o = env.run_async(&["orders", "show", &order, "--json"]).await;
    let ov: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(ov["returns"][0]["return_id"], hostile.as_str());
    assert_eq!(ov["is_replacement_order"], false);
    assert!(ov["replacement_order_ids"].as_array().is_some());
    sb.shutdown();
}

#[tokio::test]
async fn a_rejection_carries_the_sellers_evidence_images_and_a_bad_file_is_named_before_sending() {
    let (sb, env, shop) = connected().await;
    let order = sb.returnable_orders(&shop).remove(0);
    let id = sb.open_return(&shop, &order, "refund", None).expect("opened");
    assert!(env.run_async(&["returns", "sync"]).await.status.success());
    let o = env.run_async(&["returns", "reasons", &id, "--json"]).await;
    let reasons: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let reason = reasons[0]["name"].as_str().expect("a reason").to_string();
    // A file that is not an image: named, and nothing reaches TikTok.
    let bad = env.home.path().join("notes.txt");
    std::fs::write(&bad, "not a picture").expect("write");
    let before = sb.return_json(&shop, &id).expect("sandbox")["update_time"].clone();
    let bad_s = bad.display().to_string();
    let o = env.run_async(&["returns", "reject", &id, "--reason", &reason, "--image", &bad_s, "--yes"]).await;
    assert!(!o.status.success(), "refused");
    assert!(stderr(&o).contains("notes.txt"), "names the file: {}", stderr(&o));
    assert_eq!(sb.return_json(&shop, &id).expect("sandbox")["update_time"], before, "nothing sent");
    // Two photos of the item: uploaded, and the rejection carries them.
    let mut files = Vec::new();
    for n in 0..2u8 {
        let p = env.home.path().join(format!("evidence-{n}.png"));
        image::RgbImage::from_pixel(640, 480, image::Rgb([90, 90 + n * 40, 200])).save(&p).expect("png");
        files.push(p.display().to_string());
    }
    let args = ["returns", "reject", &id, "--reason", &reason, "--comment", "works as shown", "--image", &files[0]];
    let o = env.run_async(&[&args[..], &["--image", &files[1], "--yes"]].concat()).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("2 image(s)"), "{}", stdout(&o));
    let recs = sb.return_records_json(&shop, &id).expect("records");
    let last = recs["records"].as_array().expect("records").last().expect("the rejection").clone();
    assert_eq!(last["note"], "works as shown", "{last}");
    assert_eq!(last["images"].as_array().map(Vec::len), Some(2), "{last}");
    sb.shutdown();
}

#[tokio::test]
async fn the_sellers_own_label_is_kept_with_the_return_and_its_tracking_number_finds_it() {
    let (sb, env, shop) = connected().await;
    let order = sb.returnable_orders(&shop).remove(0);
    let id = sb.open_return(&shop, &order, "return", None).expect("opened");
    assert!(env.run_async(&["returns", "sync"]).await.status.success());
    // Not a label file: refused with its name, nothing approved.
    let bad = env.home.path().join("label.exe");
    std::fs::write(&bad, "MZ").expect("write");
    let o = env.run_async(&["returns", "label", &id, "--file", &bad.display().to_string()]).await;
    assert!(!o.status.success() && stderr(&o).contains("label.exe"), "{}", stderr(&o));
    assert_eq!(sb.return_json(&shop, &id).expect("sandbox")["return_status"], "RETURN_OR_REFUND_REQUEST_PENDING");
    let pdf = env.home.path().join("ups label.pdf");
    std::fs::write(&pdf, b"%PDF-1.4 a label").expect("write");
    let args = ["returns", "label", &id, "--file", pdf.to_str().expect("path"), "--carrier", "UPS", "--tracking"];
    let o = env.run_async(&[&args[..], &["1ZSELLERLABEL1"]].concat()).await;
    assert!(o.status.success(), "{}", stderr(&o));
    // TikTok got a plain approval; the label stays here, copied, for the buyer.
    assert_eq!(sb.return_json(&shop, &id).expect("sandbox")["return_status"], "AWAITING_BUYER_SHIP");
    let o = env.run_async(&["returns", "show", &id, "--json"]).await;
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let kept = v["seller_label"]["file"].as_str().expect("kept").to_string();
    assert_eq!(std::fs::read(&kept).expect("the copy"), b"%PDF-1.4 a label");
    assert_eq!(v["seller_label"]["tracking_number"], "1ZSELLERLABEL1");
    let o = env.run_async(&["returns", "show", &id]).await;
    assert!(stdout(&o).contains("outside TikTok"), "{}", stdout(&o));
    // The warehouse scans that tracking number: it names the return (no package waits yet).
    let o = env.run_async(&["returns", "receive", "1ZSELLERLABEL1", "--accept", "--yes"]).await;
    assert!(stderr(&o).contains("no received package"), "{}", stderr(&o));
    sb.shutdown();
}

#[tokio::test]
async fn kill_9_between_the_approve_call_and_its_commit_approves_exactly_once() {
    let (sb, env, shop) = connected().await;
    let order = sb.returnable_orders(&shop).remove(0);
    let id = sb.open_return(&shop, &order, "refund", None).expect("opened");
    assert!(env.run_async(&["returns", "sync"]).await.status.success());
    // Every answer of TikTok leaves 3 s after the call was carried out: the process dies after
    // the approval was done (it reads the return first, then approves) and before it heard.
    sb.set_faults(tokshop::sandbox::faults::Faults { reply_delay_ms: 3_000, ..Default::default() });
    let mut child = env
        .command(&["returns", "approve", &id, "--yes"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let mut decided = None;
    for _ in 0..2_000 {
        let r = sb.return_json(&shop, &id).expect("sandbox");
        if r["return_status"] != "RETURN_OR_REFUND_REQUEST_PENDING" {
            decided = Some(r);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let decided = decided.expect("TikTok approved it");
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-9", &pid]).status().expect("kill").success());
    let _ = child.wait();
    sb.set_faults(tokshop::sandbox::faults::Faults::default());
    // The same command again: the item still in line is performed, reads first, sends nothing.
    let o = env.run_async(&["returns", "approve", &id, "--yes"]).await;
    let out = format!("{}{}", stdout(&o), stderr(&o));
    assert!(out.contains("already decided") || out.contains("does not fit"), "{out}");
    let after = sb.return_json(&shop, &id).expect("sandbox");
    assert_eq!(after["update_time"], decided["update_time"], "approved once: no second decision on TikTok");
    let recs = sb.return_records_json(&shop, &id).expect("records");
    let approvals = recs["records"]
        .as_array()
        .expect("records")
        .iter()
        .filter(|r| r["description"].as_str().is_some_and(|d| d.contains("approved")))
        .count();
    assert_eq!(approvals, 1, "{recs}");
    sb.shutdown();
}
