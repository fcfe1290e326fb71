//! A whole trade-in in training mode, as staff do it, and the order still there after a
//! restart of the till.

use till_e2e::till::Bench;
use till_e2e::trade_in::{
    Customer, IPHONE_13_VOUCHER, Outcome, captured_quote, choose_device, fill_customer, finalize,
    history_works, rappen, search_history,
};

#[test]
fn a_voucher_trade_in_in_training_ends_with_an_order_found_again_after_a_restart() {
    let bench = Bench::new("happy_path").expect("bench");
    let till = bench.launch(&["--sandbox"]).expect("till starts in training");
    assert!(till.is_shown("training-banner").expect("banner"), "training banner shown");

    let offered = choose_device(&till, "revendo-frame", &IPHONE_13_VOUCHER).expect("device chosen");
    let (device, _) = captured_quote(&till).expect("quote captured");
    assert_eq!(device, offered.name, "the till shows the device Revendo's page added");
    let voucher = till.text_content("payout-voucher-amount").expect("voucher amount");
    assert_eq!(rappen(&voucher), rappen(&offered.amount), "Revendo's voucher value");
    // Revendo's published cart message carries amounts, not the customer's choice: the
    // staff confirm the payout on the till.
    till.click_on("payout-voucher").expect("voucher chosen on the till");
    let toggle = till.find("[data-test=\"payout-voucher\"]").expect("toggle");
    till_e2e::wait_for("the voucher toggle to be pressed", till_e2e::PATIENCE, || {
        match till.attribute(&toggle, "aria-pressed") {
            Ok(Some(pressed)) if pressed == "true" => Ok(()),
            other => Err(format!("{other:?}")),
        }
    })
    .expect("voucher pressed");
    let amount = till.text_content("quote-amount").expect("amount");
    assert_eq!(rappen(&amount), rappen(&offered.amount), "the quote shows the voucher amount");

    fill_customer(&till, &Customer::swiss("Brunner")).expect("customer typed");
    let outcome = finalize(&till).expect("finalize answered");

    let Outcome::Done { order_id, tracking_url, amount: paid } = outcome else {
        panic!("expected the done screen, saw {outcome:?}");
    };
    assert!(order_id.starts_with("ANK-"), "Revendo's web id shown: {order_id:?}");
    assert!(
        tracking_url.starts_with("https://revendo.ch/ankauf/tracking/?order=")
            && tracking_url.ends_with(&order_id),
        "tracking URL of that order: {tracking_url:?}"
    );
    assert_eq!(rappen(&paid), rappen(&offered.amount), "the voucher amount was ordered");
    let receipt = till.find("[data-test=\"receipt\"]").expect("receipt button");
    // TODO(feature): the receipt is not built yet (its button is disabled); open it here
    // once it is.
    let receipt_ready = till.property(&receipt, "disabled").expect("disabled") == false;
    if receipt_ready {
        till.click(&receipt).expect("receipt opens");
    } else {
        eprintln!("NOTE: the receipt button is disabled (receipt not built yet)");
    }
    let partner_order_id = till.text_content("done-partner-order-id").expect("our reference");
    assert!(!partner_order_id.is_empty(), "our reference shown");

    if history_works(&till).expect("history screen") {
        let rows = search_history(&till, "Brunner").expect("found by surname");
        assert!(rows.iter().any(|row| row.contains(&partner_order_id)), "rows: {rows:?}");
    } else {
        eprintln!("NOTE: the history screen says it is not available (no search_history command)");
    }
    drop(till);

    let till = bench.launch(&["--sandbox"]).expect("till restarts on the same data folder");
    let history = history_works(&till).expect("history screen after restart");
    if history {
        let rows = search_history(&till, "Brunner").expect("found again after the restart");
        assert!(rows.iter().any(|row| row.contains(&partner_order_id)), "rows: {rows:?}");
    } else {
        // TODO(feature): look the order up in the history once it can search; until
        // then the journal is asked through the page's resend command, which answers a
        // confirmed order from the journal without sending anything.
        eprintln!("NOTE: history unavailable after the restart; asked resend_order instead");
        let args = serde_json::json!({ "partnerOrderId": partner_order_id });
        let kept = till.invoke("resend_order", args).expect("invoke");
        let kept = kept.expect("the journal still has the order after the restart");
        assert_eq!(kept["webId"], order_id.as_str(), "the same Revendo order: {kept}");
    }
}
