//! A till killed while Revendo holds its answer loses no order and makes no second one.

use serde_json::json;
use till_e2e::keychain::StoredKey;
use till_e2e::sandbox::{Faults, SANDBOX_KEY, StandaloneSandbox};
use till_e2e::till::Bench;
use till_e2e::trade_in::{
    Customer, IPHONE_13_VOUCHER, captured_quote, choose_device, fill_customer, resend_unresolved,
};
use till_e2e::{PATIENCE, wait_for};

#[test]
fn an_order_in_flight_when_the_till_is_killed_is_unresolved_and_resent_once() {
    let bench = Bench::new("crash_in_flight").expect("bench");
    let sandbox = StandaloneSandbox::start(bench.artifacts(), &[]).expect("sandbox");
    let _key = StoredKey::store(&sandbox.api_base, SANDBOX_KEY).expect("key stored");
    let mut till = bench.launch_against(&sandbox.api_base, &sandbox.iframe_url).expect("till");
    choose_device(&till, "revendo-frame", &IPHONE_13_VOUCHER).expect("device chosen");
    captured_quote(&till).expect("quote captured");
    fill_customer(&till, &Customer::swiss("Gerber")).expect("customer typed");
    sandbox.set_faults(Faults { delay_ms: 120_000, ..Faults::default() }).expect("hold answers");

    till.click_on("finalize").expect("finalize clicked");
    let orders = wait_for("Revendo to create the order and hold its answer", PATIENCE, || {
        match sandbox.orders() {
            Ok(orders) if !orders.is_empty() => Ok(orders),
            Ok(_) => Err("no order yet".to_owned()),
            Err(error) => Err(error.to_string()),
        }
    })
    .expect("order created");
    till.kill_app().expect("app killed");
    sandbox.set_faults(Faults::default()).expect("held answer released");
    drop(till);

    let till = bench.launch_against(&sandbox.api_base, &sandbox.iframe_url).expect("restart");
    till.wait_text("nav-history-badge", "one unresolved order", |text| text == "1")
        .expect("listed as unresolved");
    let partner_order_id = orders[0]["partner_order_id"].as_str().expect("our reference");
    let resent = resend_unresolved(&till, "Gerber").expect("resent from the history");

    assert_eq!(resent.partner_order_id, partner_order_id, "the order Revendo holds was resent");
    let web_id = orders[0]["web_id"].as_str().expect("Revendo's web id");
    till.wait_text("history-revendo-web-id", "Revendo's existing order", |text| text == web_id)
        .expect("the existing order came back");
    let after = sandbox.orders().expect("orders");
    assert_eq!(after.len(), 1, "still exactly one order on Revendo: {after:?}");
    let info = till.invoke("app_info", json!({})).expect("invoke").expect("info");
    assert_eq!(info["unresolvedCount"], 0, "the order is confirmed now");
}
