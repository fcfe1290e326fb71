//! The history: the list, one order's detail and the totals, as the page asks for them.

use serde_json::{Value, json};

use super::{TillApp, code, no_filter};
use crate::training_till::customer;

#[test]
fn a_confirmed_order_is_listed_first_in_the_history() {
    let till = TillApp::start();
    till.confirmed_order();

    let page = till.call("search_history", json!({ "filter": no_filter(), "after": null }));

    let page = page.expect("page");
    let items = page["items"].as_array().expect("items");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["partnerOrderId"], "ZH01-2-000001");
    assert_eq!(items[0]["state"], "confirmed");
    assert_eq!(items[0]["customerName"], "Max Müller");
    assert_eq!((&page["next"], &page["unresolvedCount"]), (&Value::Null, &json!(0)));
}

#[test]
fn the_history_of_another_day_does_not_list_todays_order() {
    let till = TillApp::start();
    till.confirmed_order();
    let mut filter = no_filter();
    filter["from"] = json!("2020-01-01");
    filter["to"] = json!("2020-01-01");

    let page = till.call("search_history", json!({ "filter": filter, "after": null }));

    assert_eq!(page.expect("page")["items"], json!([]));
}

#[test]
fn order_detail_of_a_confirmed_order_shows_revendo_answer_and_never_the_full_iban() {
    let till = TillApp::start();
    let order = till.confirmed_order();

    let detail = till.call("order_detail", json!({ "partnerOrderId": "ZH01-2-000001" }));

    let detail = detail.expect("detail");
    assert_eq!(detail["revendo"]["trackingUrl"], order["trackingUrl"]);
    assert_eq!(detail["attempts"].as_array().map(Vec::len), Some(1));
    let masked = detail["ibanMasked"].as_str().expect("masked IBAN");
    assert!(masked.starts_with("CH93") && masked.ends_with("2957"), "{masked}");
    let iban: String = customer().iban.split_whitespace().collect();
    let text = detail.to_string();
    assert!(!text.contains(&iban) && !text.contains(&customer().iban), "{text}");
}

#[test]
fn history_totals_count_and_sum_the_confirmed_order() {
    let till = TillApp::start();
    let order = till.confirmed_order();

    let totals = till.call("history_totals", json!({ "filter": no_filter() }));

    let totals = totals.expect("totals");
    assert_eq!(totals["all"]["count"], 1);
    assert_eq!(totals["all"]["paidOut"], order["amount"]);
    let states = totals["byState"].as_array().expect("per state");
    let confirmed = states.iter().find(|sums| sums["state"] == "confirmed").expect("listed");
    assert_eq!(confirmed["count"], 1);
}

#[test]
fn a_malformed_date_is_refused_by_the_list_the_totals_and_the_export_as_invalid_filter() {
    let till = TillApp::start();
    let mut filter = no_filter();
    filter["to"] = json!("3.12.2026");

    let list = till.call("search_history", json!({ "filter": filter, "after": null }));
    let totals = till.call("history_totals", json!({ "filter": filter }));
    // Refused before the save dialog: the dialog plugin is not even registered here.
    let export =
        till.call("export_history_csv", json!({ "filter": filter, "progress": "__CHANNEL__:1" }));

    for refused in [list, totals, export] {
        let error = refused.expect_err("refused");
        assert_eq!(code(&error), "invalid_filter");
        assert!(error["message"].as_str().is_some_and(|text| text.contains("3.12.2026")));
    }
}
