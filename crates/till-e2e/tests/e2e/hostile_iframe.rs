//! Hostile input from frames: quote messages that do not come from the till's Revendo
//! frame are ignored, and a product name with markup stays text.

use serde_json::{Value, json};
use till_e2e::sandbox::StandaloneSandbox;
use till_e2e::till::{Bench, Till};
use till_e2e::trade_in::{
    DeviceChoice, HOSTILE_PHONE, IPHONE_13_VOUCHER, captured_quote, choose_device, choose_device_in,
};
use till_e2e::webdriver::test_id;
use till_e2e::{PATIENCE, wait_for};

/// Records every message the top page receives, after the page's own listener has seen it.
const RECORD_MESSAGES: &str = "window.__seen = []; \
    window.addEventListener('message', (event) => window.__seen.push({ \
      origin: event.origin, type: event.data && event.data.type }));";

/// A complete `revendo_device_selected` message, as a forger would write it.
const FORGED_SELECTION: &str = "window.postMessage({ type: 'revendo_device_selected', \
    details: { offer_id: 'forged-offer', price_id: 'forged-price', \
      product: { id: '1', name: 'Forged phone', quantity: 1 }, \
      price: { base: 5000, final_cash: 5000, final_coupon: 5500 }, \
      deductions: [], bonuses: [], coupons: [] }, timestamp: Date.now() }, '*'); \
    return window.location.origin;";

/// Adds an iframe named `name` showing `url` above the till's own Revendo frame.
const ADD_FRAME: &str = "const frame = document.createElement('iframe'); \
    frame.dataset.test = arguments[0]; frame.src = arguments[1]; \
    frame.style.width = '100%'; frame.style.height = '650px'; \
    const box = document.querySelector('[data-test=\"step-panel-quote\"]'); \
    box.prepend(frame);";

/// Waits until the top page has received a device selection posted from `origin`.
fn wait_delivered(till: &Till, origin: &str) {
    let script = "return window.__seen.some((m) => m.origin === arguments[0] \
                    && m.type === 'revendo_device_selected');";
    wait_for(
        &format!("a device selection from {origin} to reach the page"),
        PATIENCE,
        || match till.execute(script, vec![json!(origin)]) {
            Ok(Value::Bool(true)) => Ok(()),
            Ok(other) => Err(other.to_string()),
            Err(error) => Err(error.to_string()),
        },
    )
    .expect("message delivered");
}

/// Asserts that neither the page nor Rust holds a quote (Rust refuses to switch the
/// payout of a quote it does not hold).
fn assert_no_quote(till: &Till, after: &str) {
    let answer = till.invoke("set_payout", json!({ "payout": "cash" })).expect("invoke");
    let refusal = answer.expect_err(&format!("Rust holds no quote after {after}"));
    assert_eq!(refusal["code"], "no_quote", "Rust holds no quote after {after}: {refusal}");
    assert!(till.is_shown("quote-empty").expect("card"), "the card is empty after {after}");
}

#[test]
fn device_selections_from_another_origin_or_another_frame_are_ignored() {
    let bench = Bench::new("forged_messages").expect("bench");
    let revendo = StandaloneSandbox::start(bench.artifacts(), &[]).expect("the configured Revendo");
    let stranger = StandaloneSandbox::start(bench.artifacts(), &[]).expect("another origin");
    let till = bench.launch_against(&revendo.api_base, &revendo.iframe_url).expect("till");
    till.wait_shown("revendo-frame").expect("frame");
    till.execute(RECORD_MESSAGES, vec![]).expect("recorder");

    let page_origin = till.execute(FORGED_SELECTION, vec![]).expect("posted");
    wait_delivered(&till, page_origin.as_str().unwrap_or_default());
    assert_no_quote(&till, "a selection posted by the page itself");

    till.execute(ADD_FRAME, vec![json!("stranger-frame"), json!(stranger.iframe_url)])
        .expect("stranger frame added");
    let frame = till.wait_shown("stranger-frame").expect("stranger's frame");
    let galaxy = DeviceChoice { category: "phones", device: "galaxy-s23", payout: "cash" };
    choose_device_in(&till, &frame, &galaxy).expect("selected in the stranger's frame");
    wait_delivered(&till, &stranger.origin);
    assert_no_quote(&till, "a selection from another loopback origin");

    till.execute(ADD_FRAME, vec![json!("second-frame"), json!(revendo.iframe_url)])
        .expect("second frame added");
    let frame = till.wait_shown("second-frame").expect("second frame of Revendo's origin");
    let ipad = DeviceChoice { category: "tablets", device: "ipad-9", payout: "cash" };
    choose_device_in(&till, &frame, &ipad).expect("selected in the second frame");
    wait_delivered(&till, &revendo.origin);
    assert_no_quote(&till, "a selection from a frame that is not the till's");

    // The same kind of message from the till's own frame is taken: the checks above
    // could have seen a quote.
    till.execute(
        "document.querySelectorAll('[data-test$=\"-frame\"]:not(#revendo-frame)') \
                  .forEach((frame) => frame.remove());",
        vec![],
    )
    .expect("frames removed");
    choose_device(&till, "revendo-frame", &IPHONE_13_VOUCHER).expect("selected in the till");
    let (device, _) = captured_quote(&till).expect("quote captured");
    assert!(device.starts_with("iPhone 13"), "the till's own frame is heard: {device:?}");
}

#[test]
fn a_product_name_with_markup_is_shown_as_text() {
    let bench = Bench::new("markup_in_product_name").expect("bench");
    let revendo = StandaloneSandbox::start(bench.artifacts(), &[]).expect("sandbox");
    let page = format!("{}&catalog=hostile", revendo.iframe_url);
    let till = bench.launch_against(&revendo.api_base, &page).expect("till");

    choose_device(&till, "revendo-frame", &HOSTILE_PHONE).expect("hostile phone chosen");
    let (device, _) = captured_quote(&till).expect("quote captured");

    assert!(device.contains("<img src=x onerror=alert(1)>"), "markup shown as text: {device:?}");
    let card = till.find(&test_id("quote-card")).expect("card");
    let images = till
        .execute(
            "return arguments[0].querySelectorAll('img').length;",
            vec![till_e2e::webdriver::Session::arg(&card)],
        )
        .expect("count");
    assert_eq!(images, json!(0), "no element was made from the name");
    let anywhere =
        till.execute("return document.querySelectorAll('img[src=\"x\"]').length;", vec![]);
    assert_eq!(anywhere.expect("count"), json!(0), "nor anywhere in the till's page");
}
