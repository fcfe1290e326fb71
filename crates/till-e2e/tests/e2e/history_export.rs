//! The history exported for the accounts, as staff do it: the export button, the system's
//! save dialog, a CSV file where they chose, holding the order without the customer's
//! full IBAN. Closing the dialog saves nothing and says so.

use till_e2e::desktop::{dismiss, save_as};
use till_e2e::till::{Bench, Till};
use till_e2e::trade_in::{
    Customer, IPHONE_13_VOUCHER, Outcome, captured_quote, choose_device, fill_customer, finalize,
    open_history,
};

/// The title GTK's save dialog gets when the till names none.
const SAVE_DIALOG: &str = "Save File";

#[test]
fn the_history_is_saved_as_csv_where_staff_choose_and_closing_the_dialog_saves_nothing() {
    let bench = Bench::new("history_export").expect("bench");
    let till = bench.launch(&["--sandbox"]).expect("till starts in training");
    let customer = Customer::swiss("Keller");
    let partner_order_id = trade_in(&till, &customer);

    open_history(&till).expect("history screen");
    let target = bench.data_dir().join("orders for the accounts.csv");
    till.click_on("history-export").expect("export");
    save_as(SAVE_DIALOG, &target).expect("file name typed into the save dialog");
    let report = till
        .wait_text("history-export-text", "the export's report", |text| text.contains(".csv"))
        .expect("report shown");
    assert!(report.contains(&target.display().to_string()), "names the file: {report:?}");
    till.screenshot(&bench.artifacts().file("saved.png")).expect("screenshot");

    let csv = std::fs::read_to_string(&target).expect("the file is written");
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 2, "a header and the one order: {csv:?}");
    assert!(rows[1].contains(&partner_order_id), "our reference in the row: {:?}", rows[1]);
    assert!(rows[1].contains(&customer.last_name), "the customer's name: {:?}", rows[1]);
    let iban_digits: String = customer.iban.split_whitespace().collect();
    assert!(!csv.contains(&iban_digits) && !csv.contains(&customer.iban), "no full IBAN");

    till.click_on("history-export").expect("export again");
    dismiss(SAVE_DIALOG).expect("dialog closed");
    let not_saved = till.locale_text("history.export_not_saved").expect("locale text");
    till.wait_text("history-export-text", "the report of nothing saved", |text| text == not_saved)
        .expect("nothing saved, and said so");
    assert!(
        till.is_shown("history-export-progress").expect("report line"),
        "the report stays until the next export"
    );
}

/// One voucher trade-in for `customer`, finalized; its partner order id.
fn trade_in(till: &Till, customer: &Customer) -> String {
    choose_device(till, "revendo-frame", &IPHONE_13_VOUCHER).expect("device chosen");
    captured_quote(till).expect("quote captured");
    fill_customer(till, customer).expect("customer typed");
    let outcome = finalize(till).expect("finalize answered");
    assert!(matches!(outcome, Outcome::Done { .. }), "the order is made: {outcome:?}");
    till.text_content("done-partner-order-id").expect("our reference")
}
