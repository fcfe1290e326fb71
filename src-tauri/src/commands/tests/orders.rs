//! Orders: finalized and resent against the simulation, their refusals as the page
//! receives them, their receipt and tracking URL.

use std::time::Duration;

use revendo_sandbox::{Faults, OfferSpec};
use serde_json::{Value, json};

use super::{TillApp, code, customer_json};

/// Selects a device and finalizes it while the simulation answers 500 to every attempt;
/// answers the error the page received.
fn unresolved_order(till: &TillApp) -> Value {
    till.select_device(OfferSpec::default());
    till.sandbox.set_faults(Faults { fail_next: 3, ..Faults::default() });
    let refused = till.call("finalize_order", json!({ "customer": customer_json() }));
    refused.expect_err("three server errors")
}

#[test]
fn finalize_order_confirms_the_held_quote_with_the_chosen_payout() {
    let till = TillApp::start();
    let (offer, _) = till.select_device(OfferSpec::default());
    till.call("set_payout", json!({ "payout": "voucher" })).expect("switched");

    let order = till.call("finalize_order", json!({ "customer": customer_json() }));

    let order = order.expect("confirmed");
    assert_eq!(order["partnerOrderId"], "ZH01-2-000001");
    assert_eq!((&order["payout"], &order["amount"]), (&json!("voucher"), &json!(offer.voucher)));
    assert_eq!(order["productName"], offer.product_name);
    let tracking_url = order["trackingUrl"].as_str().expect("tracking URL");
    assert!(tracking_url.starts_with("https://revendo.ch/ankauf/tracking/?order="));
    assert_eq!(order["alreadyExisted"], false);
    assert_eq!(till.sandbox.orders().len(), 1);
    assert_eq!(till.call("current_quote", json!({})), Ok(Value::Null), "next customer");
}

#[test]
fn finalize_order_without_a_quote_is_refused_as_no_quote() {
    let till = TillApp::start();

    let error = till.call("finalize_order", json!({ "customer": customer_json() }));

    assert_eq!(code(&error.expect_err("refused")), "no_quote");
}

#[test]
fn an_invalid_customer_is_refused_with_every_field_named_and_nothing_sent() {
    let till = TillApp::start();
    till.select_device(OfferSpec::default());
    let mut customer = customer_json();
    customer["zip"] = json!("80");

    let error = till.call("finalize_order", json!({ "customer": customer }));

    let error = error.expect_err("refused");
    assert_eq!(code(&error), "invalid_customer");
    assert_eq!(error["fields"], json!([{ "field": "zip", "problem": "zip_format" }]));
    assert_eq!(error["partnerOrderId"], Value::Null, "nothing was journaled");
    assert!(till.sandbox.orders().is_empty());
}

#[test]
fn a_refusal_by_revendo_names_the_journaled_order_and_cannot_be_resent() {
    let till = TillApp::start();
    till.select_device(OfferSpec { age: Duration::from_secs(61 * 60), ..OfferSpec::default() });

    let refused = till.call("finalize_order", json!({ "customer": customer_json() }));
    let resent = till.call("resend_order", json!({ "partnerOrderId": "ZH01-2-000001" }));

    let refused = refused.expect_err("expired at Revendo");
    assert_eq!(code(&refused), "offer_expired");
    assert_eq!(refused["partnerOrderId"], "ZH01-2-000001");
    let resent = resent.expect_err("refused for good");
    assert_eq!(code(&resent), "already_rejected");
    assert_eq!(resent["partnerOrderId"], "ZH01-2-000001");
}

#[test]
fn an_unresolved_order_is_counted_and_resent_with_its_partner_order_id() {
    let till = TillApp::start();
    let refused = unresolved_order(&till);
    let info = till.call("app_info", json!({})).expect("answered");

    let resent = till.call("resend_order", json!({ "partnerOrderId": "ZH01-2-000001" }));

    assert_eq!(code(&refused), "unresolved");
    assert_eq!(refused["partnerOrderId"], "ZH01-2-000001");
    assert_eq!(info["unresolvedCount"], 1);
    assert_eq!(resent.expect("confirmed")["partnerOrderId"], "ZH01-2-000001");
    assert_eq!(till.sandbox.orders().len(), 1);
}

#[test]
fn the_receipt_of_a_confirmed_order_carries_its_tracking_url_as_a_qr_image() {
    let till = TillApp::start();
    let order = till.confirmed_order();

    let receipt = till.call("receipt", json!({ "partnerOrderId": "ZH01-2-000001", "copy": true }));

    let receipt = receipt.expect("receipt");
    assert_eq!(receipt["trackingUrl"], order["trackingUrl"]);
    assert_eq!(receipt["orderId"], order["orderId"]);
    let qr = receipt["qrDataUrl"].as_str().expect("QR image");
    assert!(qr.starts_with("data:image/svg+xml;base64,"), "{qr}");
    assert_eq!((&receipt["storeId"], &receipt["operator"]), (&json!("ZH01"), &json!("Anna")));
    assert_eq!(receipt["copy"], true);
}

#[test]
fn an_unresolved_order_has_no_receipt_and_no_tracking_url() {
    let till = TillApp::start();
    unresolved_order(&till);
    let id = json!({ "partnerOrderId": "ZH01-2-000001" });

    let receipt = till.call("receipt", json!({ "partnerOrderId": "ZH01-2-000001", "copy": false }));
    let opened = till.call("open_tracking_url", id.clone());
    let copied = till.call("copy_tracking_url", id);

    for refused in [receipt, opened, copied] {
        assert_eq!(code(&refused.expect_err("not confirmed")), "not_confirmed");
    }
}

#[test]
fn an_unknown_partner_order_id_is_refused_as_unknown_order() {
    let till = TillApp::start();
    let id = json!({ "partnerOrderId": "ZH01-2-999999" });
    let receipt = json!({ "partnerOrderId": "ZH01-2-999999", "copy": false });

    let answers = [
        till.call("order_detail", id.clone()),
        till.call("receipt", receipt),
        till.call("resend_order", id.clone()),
        till.call("open_tracking_url", id.clone()),
        till.call("copy_tracking_url", id),
    ];

    for refused in answers {
        assert_eq!(code(&refused.expect_err("unknown")), "unknown_order");
    }
}

/// The mock runtime's print does nothing: this shows that the command reaches the
/// webview and answers; the system's print dialog itself cannot open in a test.
#[test]
fn print_receipt_asks_the_page_webview_to_print() {
    let till = TillApp::start();

    assert_eq!(till.call("print_receipt", json!({})), Ok(Value::Null));
}
