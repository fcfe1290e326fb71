//! The held quote: captured from Revendo's messages, changed by the cart and the payout
//! choice, forgotten, shown again after a reload; and the customer form's check.

use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::{TillApp, code, customer_json, published};

fn instant(value: &Value) -> OffsetDateTime {
    OffsetDateTime::parse(value.as_str().expect("a timestamp"), &Rfc3339).expect("RFC 3339")
}

#[test]
fn capture_quote_answers_the_quote_as_the_page_renders_it() {
    let till = TillApp::start();

    let event = published("event-device-selected-later.json");
    let quote = till.call("capture_quote", json!({ "event": event })).expect("captured");

    assert_eq!(quote["offerId"], "11153269");
    assert_eq!(quote["priceId"], "123-tmp");
    assert_eq!(quote["product"]["name"], "iPhone 13 Pro 128GB");
    assert_eq!((&quote["cash"], &quote["voucher"]), (&json!(45000), &json!(50000)));
    assert_eq!(quote["deductions"], json!([{ "label": "Screen damage", "amount": -5000 }]));
    assert_eq!(quote["coupons"], json!([{ "code": "SUMMER20", "amount": 5000 }]));
    assert_eq!((&quote["payout"], &quote["amount"]), (&json!("cash"), &json!(45000)));
    let lifetime = instant(&quote["expiresAt"]) - instant(&quote["capturedAt"]);
    assert_eq!(lifetime.whole_minutes(), 60);
}

#[test]
fn current_quote_answers_the_held_quote_for_a_reloaded_page() {
    let till = TillApp::start();
    assert_eq!(till.call("current_quote", json!({})), Ok(Value::Null), "nothing held yet");

    let event = published("event-device-selected-seed.json");
    let captured = till.call("capture_quote", json!({ "event": event })).expect("captured");

    assert_eq!(till.call("current_quote", json!({})), Ok(captured));
}

#[test]
fn capture_quote_refuses_any_other_message_as_invalid_event() {
    let till = TillApp::start();

    let resize = published("event-resize.json");
    let error = till.call("capture_quote", json!({ "event": resize })).expect_err("refused");

    assert_eq!(code(&error), "invalid_event");
    assert_eq!(error["field"], Value::Null);
    assert_eq!(error["fields"], json!([]));
    assert_eq!(error["partnerOrderId"], Value::Null);
    assert!(error["message"].as_str().is_some_and(|text| text.contains("capture_quote")));
    assert_eq!(till.call("current_quote", json!({})), Ok(Value::Null));
}

#[test]
fn update_cart_changes_the_held_quote_and_ignores_carts_of_other_quotes() {
    let till = TillApp::start();
    let event = published("event-device-selected-seed.json");
    till.call("capture_quote", json!({ "event": event })).expect("captured");
    let cart = |price_id: &str| {
        let line =
            json!({ "price_id": price_id, "price": { "final_cash": 200, "final_coupon": 220 } });
        json!({ "event": { "type": "revendo_cart_updated", "cart": [line] } })
    };

    let other = till.call("update_cart", cart("999-tmp"));
    let ours = till.call("update_cart", cart("11153245-tmp")).expect("applied");

    assert_eq!(other, Ok(Value::Null));
    assert_eq!((&ours["cash"], &ours["voucher"]), (&json!(20000), &json!(22000)));
}

#[test]
fn update_cart_refuses_a_device_selection_as_invalid_event() {
    let till = TillApp::start();

    let event = published("event-device-selected-seed.json");
    let error = till.call("update_cart", json!({ "event": event })).expect_err("refused");

    assert_eq!(code(&error), "invalid_event");
}

#[test]
fn set_payout_switches_the_amount_paid_out_of_the_held_quote() {
    let till = TillApp::start();
    let refused = till.call("set_payout", json!({ "payout": "voucher" })).expect_err("no quote");
    let event = published("event-device-selected-seed.json");
    till.call("capture_quote", json!({ "event": event })).expect("captured");

    let quote = till.call("set_payout", json!({ "payout": "voucher" })).expect("switched");

    assert_eq!(code(&refused), "no_quote");
    assert_eq!((&quote["payout"], &quote["amount"]), (&json!("voucher"), &json!(24800)));
}

#[test]
fn forget_quote_keeps_the_quote_for_another_price_id_and_forgets_it_for_none() {
    let till = TillApp::start();
    let event = published("event-device-selected-seed.json");
    till.call("capture_quote", json!({ "event": event })).expect("captured");

    till.call("forget_quote", json!({ "priceId": "999-tmp" })).expect("answered");
    let kept = till.call("current_quote", json!({})).expect("answered");
    till.call("forget_quote", json!({ "priceId": null })).expect("answered");
    let forgotten = till.call("current_quote", json!({})).expect("answered");

    assert_eq!(kept["priceId"], "11153245-tmp");
    assert_eq!(forgotten, Value::Null);
}

#[test]
fn validate_customer_names_each_invalid_field_as_the_form_does() {
    let till = TillApp::start();
    let mut customer = customer_json();
    customer["email"] = json!("max.mueller.example.ch");
    customer["iban"] = json!("CH93 0076 2011 6238 5295 8");

    let errors = till.call("validate_customer", json!({ "customer": customer }));

    let expected = json!([
        { "field": "email", "problem": "email_syntax" },
        { "field": "iban", "problem": "iban_checksum" },
    ]);
    assert_eq!(errors, Ok(expected));
}

#[test]
fn validate_customer_answers_no_errors_for_a_valid_customer() {
    let till = TillApp::start();

    let errors = till.call("validate_customer", json!({ "customer": customer_json() }));

    assert_eq!(errors, Ok(json!([])));
}
