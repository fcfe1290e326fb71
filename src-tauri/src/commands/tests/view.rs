//! Revendo's own webview: placed over the page's slot, reloaded, and its messages checked
//! before they reach the page.

use std::sync::mpsc;

use serde_json::{Value, json};
use tauri::Listener;
use tauri::test::MockRuntime;

use super::{TillApp, call_from, code, published};
use crate::revendo_view::MESSAGE_EVENT;

fn slot() -> Value {
    json!({ "x": 24.0, "y": 120.5, "width": 800.0, "height": 640.0 })
}

#[test]
fn placing_or_reloading_the_view_while_revendo_is_framed_is_a_revendo_view_error() {
    let till = TillApp::start();

    let placed = till.call("place_revendo_view", json!({ "bounds": slot() }));
    let reloaded = till.call("reload_revendo_view", json!({}));

    for refused in [placed, reloaded] {
        assert_eq!(code(&refused.expect_err("no Revendo webview")), "revendo_view");
    }
}

#[test]
fn the_view_is_placed_over_the_slot_and_hidden_without_one() {
    let till = TillApp::start();
    till.open_revendo_view(&till.sandbox.iframe_url());

    let placed = till.call("place_revendo_view", json!({ "bounds": slot() }));
    let hidden = till.call("place_revendo_view", json!({ "bounds": null }));

    assert_eq!(placed, Ok(Value::Null));
    assert_eq!(hidden, Ok(Value::Null));
}

#[test]
fn a_slot_that_is_not_a_visible_rectangle_is_refused() {
    let till = TillApp::start();
    till.open_revendo_view(&till.sandbox.iframe_url());
    let mut empty = slot();
    empty["width"] = json!(0.0);

    let empty = till.call("place_revendo_view", json!({ "bounds": empty }));
    let malformed = till.call("place_revendo_view", json!({ "bounds": { "x": "left" } }));

    assert_eq!(code(&empty.expect_err("refused")), "revendo_view");
    let malformed = malformed.expect_err("refused before the command runs");
    assert!(malformed.as_str().is_some_and(|text| text.contains("bounds")), "{malformed}");
}

#[test]
fn reloading_the_view_loads_the_trade_in_page_again() {
    let till = TillApp::start();
    let view = till.open_revendo_view(&format!("{}/elsewhere", till.sandbox.origin()));

    let reloaded = till.call("reload_revendo_view", json!({}));

    assert_eq!(reloaded, Ok(Value::Null));
    assert_eq!(view.url().expect("URL").as_str(), till.sandbox.iframe_url());
}

/// The payloads of [`MESSAGE_EVENT`] that reach `listener`, as they arrive.
fn messages_to(listener: &impl Listener<MockRuntime>) -> mpsc::Receiver<Value> {
    let (handed, received) = mpsc::channel();
    listener.listen(MESSAGE_EVENT, move |event| {
        let _ = handed.send(serde_json::from_str(event.payload()).expect("JSON"));
    });
    received
}

#[test]
fn a_message_of_revendo_view_is_handed_to_the_page_alone() {
    let till = TillApp::start();
    let view = till.open_revendo_view(&till.sandbox.iframe_url());
    let to_page = messages_to(&till.page);
    let to_view = messages_to(&view);
    let message = published("event-device-selected-later.json");

    let answer = call_from(&view, "revendo_view_event", json!({ "message": message }));

    assert_eq!(answer, Ok(Value::Null));
    assert_eq!(to_page.try_recv(), Ok(message));
    assert!(to_view.try_recv().is_err(), "Revendo's view hears nothing back");
}

#[test]
fn a_message_sent_by_the_page_itself_is_foreign() {
    let till = TillApp::start();
    let message = published("event-device-selected-later.json");

    let refused = till.call("revendo_view_event", json!({ "message": message }));

    assert_eq!(code(&refused.expect_err("not from Revendo's view")), "foreign_message");
}

#[test]
fn a_message_of_the_view_showing_another_origin_is_foreign() {
    let till = TillApp::start();
    let view = till.open_revendo_view("https://example.com/");
    let message = published("event-device-selected-later.json");

    let refused = call_from(&view, "revendo_view_event", json!({ "message": message }));

    assert_eq!(code(&refused.expect_err("not Revendo's origin")), "foreign_message");
}

#[test]
fn an_undocumented_message_of_the_view_is_an_invalid_event() {
    let till = TillApp::start();
    let view = till.open_revendo_view(&till.sandbox.iframe_url());
    let message = json!({ "type": "revendo_configure", "autoScroll": true });

    let refused = call_from(&view, "revendo_view_event", json!({ "message": message }));

    assert_eq!(code(&refused.expect_err("unknown type")), "invalid_event");
}
