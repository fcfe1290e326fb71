//! Every error staff can meet when finalizing, against the standalone simulation with
//! its fault injection: what the screen says, and how many orders Revendo ends up with.

use till_e2e::keychain::StoredKey;
use till_e2e::relay::Relay;
use till_e2e::sandbox::{Faults, SANDBOX_KEY, StandaloneSandbox};
use till_e2e::till::{Bench, Till};
use till_e2e::trade_in::{
    Customer, IPHONE_13_VOUCHER, Outcome, captured_quote, choose_device, expect_refusal,
    fill_customer, finalize, resend_unresolved,
};

/// A till against `sandbox` with the right key, a device chosen and the customer typed.
fn till_ready_to_finalize(bench: &Bench, sandbox: &StandaloneSandbox, surname: &str) -> Till {
    let till = bench.launch_against(&sandbox.api_base, &sandbox.iframe_url).expect("till starts");
    choose_device(&till, "revendo-frame", &IPHONE_13_VOUCHER).expect("device chosen");
    captured_quote(&till).expect("quote captured");
    fill_customer(&till, &Customer::swiss(surname)).expect("customer typed");
    till
}

#[test]
fn an_expired_quote_is_refused_and_staff_start_over() {
    let bench = Bench::new("expired_quote").expect("bench");
    let sandbox = StandaloneSandbox::start(bench.artifacts(), &["--offer-lifetime-minutes", "0"])
        .expect("sandbox whose offers expire at once");
    let _key = StoredKey::store(&sandbox.api_base, SANDBOX_KEY).expect("key stored");
    let till = till_ready_to_finalize(&bench, &sandbox, "Meier");

    let outcome = finalize(&till).expect("finalize answered");

    expect_refusal(&till, &outcome, "error.offer_expired").expect("expired banner");
    assert!(sandbox.orders().expect("orders").is_empty(), "no order on Revendo");
    till.click_on("error-action").expect("Start over offered");
    till.wait_shown("quote-empty").expect("the quote is gone");
    assert!(till.is_shown("step-panel-quote").expect("quote step"), "back at the quote step");
}

#[test]
fn a_quote_unknown_to_revendo_is_refused() {
    let bench = Bench::new("unknown_offer").expect("bench");
    let first = StandaloneSandbox::start(bench.artifacts(), &[]).expect("sandbox");
    let (api_base, iframe_url, address) =
        (first.api_base.clone(), first.iframe_url.clone(), first.address());
    let _key = StoredKey::store(&api_base, SANDBOX_KEY).expect("key stored");
    let till = till_ready_to_finalize(&bench, &first, "Keller");

    // A Revendo restarted on the same address knows none of the earlier offers.
    first.stop();
    let second = StandaloneSandbox::start_on(&address, bench.artifacts(), &[]).expect("again");
    assert_eq!((second.api_base.as_str(), second.iframe_url.as_str()), (&*api_base, &*iframe_url));
    let outcome = finalize(&till).expect("finalize answered");

    expect_refusal(&till, &outcome, "error.offer_not_found").expect("unknown offer banner");
    assert!(second.orders().expect("orders").is_empty(), "no order on Revendo");
    assert!(till.is_shown("error-action").expect("action"), "Start over offered");
}

#[test]
fn a_wrong_key_sends_staff_to_the_settings_and_the_corrected_key_sends_the_order() {
    let bench = Bench::new("wrong_key").expect("bench");
    let sandbox = StandaloneSandbox::start(bench.artifacts(), &[]).expect("sandbox");
    let _key = StoredKey::store(&sandbox.api_base, "not-the-key-of-this-store").expect("stored");
    let till = till_ready_to_finalize(&bench, &sandbox, "Frei");

    let outcome = finalize(&till).expect("finalize answered");
    expect_refusal(&till, &outcome, "error.unauthorized").expect("key banner");
    assert!(sandbox.orders().expect("orders").is_empty(), "no order on Revendo");

    till.click_on("error-action").expect("Open Settings offered");
    till.wait_shown("screen-settings").expect("settings open");
    till.type_into("settings-api-key", SANDBOX_KEY).expect("key typed");
    till.click_on("settings-save-key").expect("key saved");
    let saved = till.locale_text("key.saved").expect("text");
    till.wait_text("key-message", "the key saved", |text| text == saved).expect("saved");
    till.click_on("nav-tradein").expect("back to the trade-in");
    let outcome = finalize(&till).expect("finalize answered again");

    assert!(matches!(outcome, Outcome::Done { .. }), "sent with the new key: {outcome:?}");
    assert_eq!(sandbox.orders().expect("orders").len(), 1, "one order on Revendo");

    // The log tells the story by our reference, with neither key nor customer in it.
    let reference = till.text_content("done-partner-order-id").expect("our reference");
    let logs = till_e2e::wait_for("the order's lines in the log", till_e2e::PATIENCE, || {
        let logs = bench.app_logs().map_err(|error| error.to_string())?;
        let confirmed = logs
            .lines()
            .any(|line| line.contains("order confirmed") && line.contains(reference.as_str()));
        if confirmed { Ok(logs) } else { Err(format!("{} lines", logs.lines().count())) }
    })
    .expect("the confirmation logged");
    let customer = Customer::swiss("Frei");
    let private = [
        ("the refused key", "not-the-key-of-this-store"),
        ("the key", SANDBOX_KEY),
        ("the surname", customer.last_name.as_str()),
        ("the email", customer.email.as_str()),
        ("the phone", customer.phone.as_str()),
        ("the phone as sent", "+41791234567"),
        ("the street", customer.street.as_str()),
        ("the IBAN", customer.iban.as_str()),
        ("the IBAN as sent", &customer.iban.replace(' ', "")),
        ("the IBAN, masked or not", "CH93"),
    ];
    for (what, text) in private {
        assert!(!logs.contains(text), "{what} is in the till's log");
    }
}

#[test]
fn a_customer_revendo_would_refuse_is_marked_beside_the_field_and_nothing_is_sent() {
    // Revendo refuses addresses outside Switzerland; the till's own validation is
    // stricter than every refusal the simulation makes, so the refusal shows up before
    // anything is sent.
    let bench = Bench::new("refused_field").expect("bench");
    let sandbox = StandaloneSandbox::start(bench.artifacts(), &[]).expect("sandbox");
    let _key = StoredKey::store(&sandbox.api_base, SANDBOX_KEY).expect("key stored");
    let till = bench.launch_against(&sandbox.api_base, &sandbox.iframe_url).expect("till");
    choose_device(&till, "revendo-frame", &IPHONE_13_VOUCHER).expect("device chosen");
    captured_quote(&till).expect("quote captured");
    let customer = Customer { country: "DE".into(), ..Customer::swiss("Schmid") };
    fill_customer(&till, &customer).expect("customer typed");

    till.click_on("finalize").expect("finalize clicked");

    let expected = till.locale_text("problem.country_not_ch").expect("text");
    till.wait_text("field-country-error", "the country refusal", |text| text == expected)
        .expect("country marked");
    let input = till.find("[data-test=\"field-country\"]").expect("input");
    assert_eq!(till.attribute(&input, "aria-invalid").expect("attr").as_deref(), Some("true"));
    assert!(!till.is_shown("field-country-hint").expect("hint"), "the error replaces the hint");
    assert!(till.is_shown("field-iban-hint").expect("hint"), "a field without error keeps it");
    assert!(!till.is_shown("step-panel-done").expect("done"), "not finalized");
    assert!(sandbox.orders().expect("orders").is_empty(), "nothing sent to Revendo");
}

#[test]
fn two_server_errors_then_success_make_exactly_one_order() {
    let bench = Bench::new("server_errors_then_success").expect("bench");
    let sandbox = StandaloneSandbox::start(bench.artifacts(), &[]).expect("sandbox");
    let _key = StoredKey::store(&sandbox.api_base, SANDBOX_KEY).expect("key stored");
    let till = till_ready_to_finalize(&bench, &sandbox, "Huber");
    sandbox.set_faults(Faults { fail_next: 2, ..Faults::default() }).expect("faults");

    let outcome = finalize(&till).expect("finalize answered");

    let Outcome::Done { order_id, .. } = outcome else { panic!("expected done: {outcome:?}") };
    let orders = sandbox.orders().expect("orders");
    assert_eq!(orders.len(), 1, "exactly one order on Revendo: {orders:?}");
    assert_eq!(orders[0]["web_id"], order_id.as_str(), "the order shown is Revendo's");
}

#[test]
fn a_lost_response_is_retried_and_shown_as_confirmed_with_one_order() {
    let bench = Bench::new("lost_response").expect("bench");
    let sandbox = StandaloneSandbox::start(bench.artifacts(), &[]).expect("sandbox");
    let _key = StoredKey::store(&sandbox.api_base, SANDBOX_KEY).expect("key stored");
    let till = till_ready_to_finalize(&bench, &sandbox, "Baumann");
    sandbox.set_faults(Faults { drop_next: 1, ..Faults::default() }).expect("faults");

    let outcome = finalize(&till).expect("finalize answered");

    let Outcome::Done { order_id, .. } = outcome else { panic!("expected done: {outcome:?}") };
    let orders = sandbox.orders().expect("orders");
    assert_eq!(orders.len(), 1, "exactly one order on Revendo: {orders:?}");
    assert_eq!(orders[0]["web_id"], order_id.as_str(), "the order shown is Revendo's");
    assert!(till.is_shown("done-already-existed").expect("notice"), "said it already existed");
}

#[test]
fn with_revendo_unreachable_nothing_is_sent_and_the_order_goes_once_it_is_back() {
    let bench = Bench::new("server_down").expect("bench");
    let sandbox = StandaloneSandbox::start(bench.artifacts(), &[]).expect("sandbox");
    let relay = Relay::start(&sandbox.address()).expect("relay to the API");
    let api_base = relay.api_base();
    let _key = StoredKey::store(&api_base, SANDBOX_KEY).expect("key stored");
    let till = bench.launch_against(&api_base, &sandbox.iframe_url).expect("till starts");
    choose_device(&till, "revendo-frame", &IPHONE_13_VOUCHER).expect("device chosen");
    captured_quote(&till).expect("quote captured");
    fill_customer(&till, &Customer::swiss("Steiner")).expect("customer typed");

    let down = relay.stop();
    let outcome = finalize(&till).expect("finalize answered");

    expect_refusal(&till, &outcome, "error.network").expect("not-sent banner");
    till.screenshot(&bench.artifacts().file("not-sent.png")).expect("screenshot");
    till.wait_text("nav-history-badge", "one order left open", |text| text == "1")
        .expect("badge counts it");
    assert!(sandbox.orders().expect("orders").is_empty(), "nothing reached Revendo");

    let _relay = down.restart().expect("Revendo back on the same address");
    let resent = resend_unresolved(&till, "Steiner").expect("resent from the history");

    let orders = sandbox.orders().expect("orders");
    assert_eq!(orders.len(), 1, "exactly one order on Revendo: {orders:?}");
    assert_eq!(orders[0]["partner_order_id"], resent.partner_order_id.as_str(), "the same order");
    till.wait_text("history-unresolved-count", "no unresolved order", |text| text == "0")
        .expect("the history counts none");
    till.wait_gone("nav-history-badge").expect("the badge no longer counts it");
    let info = till.invoke("app_info", serde_json::json!({})).expect("invoke").expect("info");
    assert_eq!(info["unresolvedCount"], 0, "no unresolved order left");
}
