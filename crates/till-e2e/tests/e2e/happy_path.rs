//! A whole trade-in in training mode, as staff do it: the receipt in both layouts, the
//! order in the history, still there after a restart of the till, and reprinted as a copy.

use serde_json::json;
use till_e2e::desktop::window_shown;
use till_e2e::receipt::{
    choose_layout, close_receipt, current_layout, fact, header_lines, qr_source, wait_for_receipt,
};
use till_e2e::till::{Bench, Till};
use till_e2e::trade_in::{
    Customer, IPHONE_13_VOUCHER, Outcome, captured_quote, choose_device, fill_customer, finalize,
    open_history, open_history_detail, rappen, search_history,
};

#[test]
fn a_voucher_trade_in_in_training_gives_a_receipt_and_an_order_found_again_after_a_restart() {
    let header = ["Elektro Muster AG", "Bahnhofstrasse 1, 8001 Zürich"];
    let bench =
        Bench::with_settings("happy_path", &[("receiptHeader", json!(header))]).expect("bench");
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
    let partner_order_id = till.text_content("done-partner-order-id").expect("our reference");
    assert!(!partner_order_id.is_empty(), "our reference shown");

    till.click_on("receipt").expect("receipt opens from the done screen");
    wait_for_receipt(&till).expect("receipt shown");
    assert_eq!(fact(&till, "tracking-url").expect("url"), tracking_url, "the tracking URL in full");
    let qr = qr_source(&till).expect("QR code");
    assert!(qr.starts_with("data:image/svg+xml;base64,"), "Rust's SVG QR code: {qr:.60}");
    assert_eq!(header_lines(&till).expect("header"), header, "the store's header lines");
    assert_eq!(fact(&till, "device").expect("device"), offered.name, "the device");
    assert_eq!(rappen(&fact(&till, "amount").expect("amount")), rappen(&offered.amount));
    assert_eq!(fact(&till, "partner-order-id").expect("reference"), partner_order_id);
    assert!(!till.is_shown("receipt-copy").expect("copy marker"), "the first print is no copy");

    let roll = current_layout(&till).expect("layout");
    let a4 = choose_layout(&till, "a4").expect("A4 chosen");
    save_screen(&till, &bench, "receipt-a4");
    assert_eq!((a4.pressed.as_str(), a4.print_layout.as_str()), ("a4", "a4"), "{a4:?}");
    assert_eq!(a4.print_sheets, ["a4"], "only the A4 print sheet applies: {a4:?}");
    let back = choose_layout(&till, "roll").expect("roll chosen again");
    save_screen(&till, &bench, "receipt-roll");
    assert_eq!((back.pressed.as_str(), back.print_layout.as_str()), ("roll", "roll"), "{back:?}");
    assert_eq!(back.print_sheets, ["roll"], "only the roll's print sheet applies: {back:?}");
    assert!(a4.width > 2.0 * back.width, "A4 is wider than the 80 mm roll: {a4:?} {back:?}");
    assert_eq!(back, roll, "back to the roll as it was");
    close_receipt(&till).expect("receipt closed");

    open_history(&till).expect("history screen");
    let rows = search_history(&till, "Brunner").expect("found by surname");
    assert!(rows.iter().any(|row| row.contains(&partner_order_id)), "rows: {rows:?}");
    open_history_detail(&till, &partner_order_id).expect("detail of the order");
    save_screen(&till, &bench, "history");
    drop(till);

    let till = bench.launch(&["--sandbox"]).expect("till restarts on the same data folder");
    open_history(&till).expect("history screen after the restart");
    let rows = search_history(&till, "Brunner").expect("found again after the restart");
    assert!(rows.iter().any(|row| row.contains(&partner_order_id)), "rows: {rows:?}");
    open_history_detail(&till, &partner_order_id).expect("detail after the restart");
    till.click_on("history-reprint").expect("reprint");
    wait_for_receipt(&till).expect("the copy shown");
    let marker =
        till.wait_text("receipt-copy", "the copy marker", |t| !t.is_empty()).expect("copy");
    assert!(till.is_shown("receipt-copy").expect("marker"), "marked as a copy: {marker:?}");
    assert_eq!(fact(&till, "partner-order-id").expect("reference"), partner_order_id);
    assert_eq!(fact(&till, "tracking-url").expect("url"), tracking_url, "the same tracking URL");

    // Printing opens the system's print dialog (with "Print to File" for a PDF) over the
    // till; the page stays as it was behind it.
    assert!(!window_shown("Print").expect("windows listed"), "no print dialog before");
    till.click_on("receipt-print").expect("print");
    till_e2e::wait_for("the system print dialog", till_e2e::PATIENCE, || {
        match window_shown("Print") {
            Ok(true) => Ok(()),
            Ok(false) => Err("not shown".to_owned()),
            Err(error) => Err(error.to_string()),
        }
    })
    .expect("print dialog");
    let shot = bench.artifacts().file("print-dialog.png");
    let _ = std::process::Command::new("import").args(["-window", "root"]).arg(&shot).status();
}

/// Keeps a screenshot of the till's screen now beside the test's other artifacts.
fn save_screen(till: &Till, bench: &Bench, name: &str) {
    let path = bench.artifacts().file(&format!("{name}.png"));
    till.screenshot(&path).expect("screenshot");
}
