//! What the console and the CLI offer for a return, and the words they show for it: each
//! fact here is one a support agent acts on.

use super::*;

fn ret(t: ReturnType, status: &str, next: Option<&str>) -> Return {
    Return { return_type: Some(t), status: status.into(), next_action: next.map(str::to_string), ..Default::default() }
}

#[test]
fn decisions_follow_type_and_state() {
    let mut r = ret(ReturnType::ReturnAndRefund, "RETURN_OR_REFUND_REQUEST_PENDING", Some("SELLER_RESPOND_RETURN"));
    assert_eq!(r.approve_decision(false), Some("APPROVE_RETURN"));
    assert_eq!(r.reject_decision(), Some("REJECT_RETURN"));
    r.status = "BUYER_SHIPPED_ITEM".into();
    r.next_action = Some("SELLER_RESPOND_RECEIVE_PACKAGE".into());
    assert_eq!(r.approve_decision(false), Some("APPROVE_RECEIVED_PACKAGE"));
    assert_eq!(r.reject_decision(), Some("REJECT_RECEIVED_PACKAGE"));
    r.arbitration = Some("IN_PROGRESS".into());
    assert!(r.decisions().is_empty() && !r.waiting());
}

#[test]
fn each_request_offers_exactly_the_decisions_tiktok_accepts_in_its_state() {
    use ReturnType::*;
    let table: &[(ReturnType, &str, Option<&str>, &[&str])] = &[
        (
            Refund,
            "RETURN_OR_REFUND_REQUEST_PENDING",
            Some("SELLER_RESPOND_REFUND"),
            &["APPROVE_REFUND", "OFFER_PARTIAL_REFUND", "REJECT_REFUND"],
        ),
        (
            ReturnAndRefund,
            "RETURN_OR_REFUND_REQUEST_PENDING",
            Some("SELLER_RESPOND_RETURN"),
            &["APPROVE_RETURN", "OFFER_PARTIAL_REFUND", "REJECT_RETURN"],
        ),
        (ReturnAndRefund, "AWAITING_BUYER_SHIP", None, &["DIRECT_REFUND"]),
        (
            ReturnAndRefund,
            "BUYER_SHIPPED_ITEM",
            Some("SELLER_RESPOND_RECEIVE_PACKAGE"),
            &["APPROVE_RECEIVED_PACKAGE", "REJECT_RECEIVED_PACKAGE", "DIRECT_REFUND"],
        ),
        // On its way back but not yet received: the seller may only refund at once.
        (ReturnAndRefund, "BUYER_SHIPPED_ITEM", None, &["DIRECT_REFUND"]),
        (
            Replacement,
            "REPLACEMENT_REQUEST_PENDING",
            Some("SELLER_RESPOND_REPLACEMENT"),
            &["APPROVE_REPLACEMENT", "ISSUE_REPLACEMENT_REFUND", "REJECT_REPLACEMENT"],
        ),
        // A type that does not fit the state, and finished requests: nothing to decide.
        (Refund, "REPLACEMENT_REQUEST_PENDING", Some("SELLER_RESPOND_REFUND"), &[]),
        (Replacement, "RETURN_OR_REFUND_REQUEST_PENDING", Some("SELLER_RESPOND_REPLACEMENT"), &[]),
        (ReturnAndRefund, "RETURN_OR_REFUND_REQUEST_COMPLETE", None, &[]),
        (Refund, "RETURN_OR_REFUND_REQUEST_CANCEL", None, &[]),
    ];
    for (t, status, next, want) in table {
        assert_eq!(ret(*t, status, *next).decisions(), want.to_vec(), "{t:?} in {status}");
    }
}

#[test]
fn approve_picks_the_approval_that_fits_and_partial_picks_the_offer() {
    let refund = ret(ReturnType::Refund, "RETURN_OR_REFUND_REQUEST_PENDING", Some("SELLER_RESPOND_REFUND"));
    assert_eq!(refund.approve_decision(false), Some("APPROVE_REFUND"));
    assert_eq!(refund.approve_decision(true), Some("OFFER_PARTIAL_REFUND"));
    assert_eq!(refund.reject_decision(), Some("REJECT_REFUND"));
    let swap = ret(ReturnType::Replacement, "REPLACEMENT_REQUEST_PENDING", Some("SELLER_RESPOND_REPLACEMENT"));
    assert_eq!(swap.approve_decision(false), Some("APPROVE_REPLACEMENT"));
    assert_eq!(swap.approve_decision(true), None, "a replacement has no partial refund offer");
    // Waiting for the buyer to ship: approving means refunding at once.
    let waiting = ret(ReturnType::ReturnAndRefund, "AWAITING_BUYER_SHIP", None);
    assert_eq!(waiting.approve_decision(false), Some("DIRECT_REFUND"));
    assert_eq!(waiting.reject_decision(), None);
    // On its way back, not received: approve has nothing to approve yet.
    let moving = ret(ReturnType::ReturnAndRefund, "BUYER_SHIPPED_ITEM", None);
    assert_eq!(moving.approve_decision(false), None);
    let done = ret(ReturnType::Refund, "RETURN_OR_REFUND_REQUEST_COMPLETE", None);
    assert_eq!((done.approve_decision(false), done.approve_decision(true), done.reject_decision()), (None, None, None));
}

#[test]
fn a_return_waits_on_the_seller_only_with_a_next_action_and_outside_arbitration() {
    let mut r = ret(ReturnType::Refund, "RETURN_OR_REFUND_REQUEST_PENDING", Some("SELLER_RESPOND_REFUND"));
    assert!(r.waiting());
    r.arbitration = Some("CLOSED".into());
    assert!(r.waiting(), "a closed arbitration no longer holds the request");
    r.arbitration = Some("IN_PROGRESS".into());
    assert!(!r.waiting());
    r.arbitration = None;
    r.next_action = None;
    assert!(!r.waiting());
}

#[test]
fn only_a_package_at_the_warehouse_counts_as_received() {
    let mut r = ret(ReturnType::ReturnAndRefund, "BUYER_SHIPPED_ITEM", Some("SELLER_RESPOND_RECEIVE_PACKAGE"));
    assert!(r.received());
    r.next_action = Some("SELLER_RESPOND_RETURN".into());
    assert!(!r.received());
    r.next_action = None;
    assert!(!r.received());
}

#[test]
fn the_deadline_says_what_tiktok_does_when_it_passes() {
    let mut r = Return::default();
    assert_eq!(r.on_deadline(), "");
    for (next, says) in [
        ("SELLER_RESPOND_RETURN", "TikTok approves the return"),
        ("SELLER_RESPOND_RECEIVE_PACKAGE", "TikTok accepts the package and refunds"),
        ("SELLER_RESPOND_REPLACEMENT", "TikTok sends a replacement"),
        ("SELLER_RESPOND_REFUND", "TikTok approves the refund"),
    ] {
        r.next_action = Some(next.into());
        assert_eq!(r.on_deadline(), says, "{next}");
    }
}

#[test]
fn return_types_read_from_the_wire_and_the_command_line_and_back() {
    use ReturnType::*;
    for (wire, word, t) in [
        ("REFUND", "refund", Refund),
        ("RETURN_AND_REFUND", "return", ReturnAndRefund),
        ("REPLACEMENT", "replacement", Replacement),
    ] {
        assert_eq!(ReturnType::from_wire(wire), t);
        assert_eq!(t.as_wire(), wire);
        assert_eq!(t.word(), word);
        assert_eq!(ReturnType::parse_word(word), Some(t));
    }
    assert_eq!(ReturnType::parse_word("refunds"), None);
    assert_eq!(ReturnType::parse_word(""), None);
    let mut r = Return::default();
    assert_eq!(r.type_word(), "return", "a return of unknown type is called a return");
    r.return_type = Some(Replacement);
    assert_eq!(r.type_word(), "replacement");
}

#[test]
fn amounts_show_to_the_cent_as_tiktok_writes_them() {
    use std::str::FromStr;
    let d = |s| Decimal::from_str(s).unwrap();
    assert_eq!(cents(d("5")), "5.00");
    assert_eq!(cents(d("5.5")), "5.50");
    assert_eq!(cents(d("5.25")), "5.25");
    assert_eq!(cents(d("5.255")), "5.255", "a third decimal is kept, never rounded away");
}

#[test]
fn every_return_status_tiktok_sends_has_its_own_words() {
    let statuses = [
        ("RETURN_OR_REFUND_REQUEST_PENDING", "requested"),
        ("REFUND_OR_RETURN_REQUEST_REJECT", "rejected"),
        ("AWAITING_BUYER_SHIP", "awaiting buyer ship"),
        ("BUYER_SHIPPED_ITEM", "on its way back"),
        ("REJECT_RECEIVE_PACKAGE", "package rejected"),
        ("RETURN_OR_REFUND_REQUEST_SUCCESS", "refund approved"),
        ("RETURN_OR_REFUND_REQUEST_CANCEL", "cancelled"),
        ("RETURN_OR_REFUND_REQUEST_COMPLETE", "refunded"),
        ("REPLACEMENT_REQUEST_PENDING", "replacement requested"),
        ("REPLACEMENT_REQUEST_REJECT", "replacement rejected"),
        ("REPLACEMENT_REQUEST_REFUND_SUCCESS", "refund instead"),
        ("REPLACEMENT_REQUEST_CANCEL", "replacement cancelled"),
        ("REPLACEMENT_REQUEST_COMPLETE", "replaced"),
        ("AWAITING_BUYER_RESPONSE", "offer to buyer"),
    ];
    for (status, words) in statuses {
        assert_eq!(status_label(status), words, "{status}");
    }
    assert_eq!(status_label("SOMETHING_NEW"), "unknown");
}
