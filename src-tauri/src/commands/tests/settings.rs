//! What the page learns about the till, its settings and its key, and what it reports.

use serde_json::{Value, json};

use super::{TillApp, code};

#[test]
fn app_info_describes_the_training_till() {
    let till = TillApp::start();

    let info = till.call("app_info", json!({})).expect("answered");

    assert_eq!((&info["training"], &info["environment"]), (&json!(true), &json!("training")));
    assert_eq!(info["iframeUrl"], till.sandbox.iframe_url());
    assert_eq!(info["revendoOrigin"], till.sandbox.origin());
    assert_eq!((&info["storeId"], &info["tillId"]), (&json!("ZH01"), &json!("2")));
    assert_eq!(info["apiKeyStored"], true);
    assert_eq!(info["unresolvedCount"], 0);
    assert_eq!(info["quoteLifetimeSeconds"], 3600);
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn get_settings_answers_the_settings_in_use() {
    let till = TillApp::start();

    let settings = till.call("get_settings", json!({})).expect("answered");

    assert_eq!((&settings["storeId"], &settings["tillId"]), (&json!("ZH01"), &json!("2")));
    assert_eq!(settings["operator"], "Anna");
    assert_eq!(settings["display"], "iframe");
}

#[test]
fn saved_settings_are_answered_used_and_written_to_the_settings_file() {
    let till = TillApp::start();
    let mut settings = till.call("get_settings", json!({})).expect("answered");
    settings["operator"] = json!("Ben");
    settings["language"] = json!("fr");
    settings["receiptHeader"] = json!(["Elektro Muster AG", "Bahnhofstrasse 1"]);

    let saved = till.call("save_settings", json!({ "settings": settings }));

    assert_eq!(saved, Ok(settings.clone()));
    assert_eq!(till.call("get_settings", json!({})), Ok(settings.clone()));
    let file = std::fs::read_to_string(till.till().data_dir.settings_path()).expect("written");
    assert_eq!(serde_json::from_str::<Value>(&file).expect("JSON"), settings);
}

#[test]
fn settings_with_an_invalid_store_id_are_refused_and_nothing_is_written() {
    let till = TillApp::start();
    let before = till.call("get_settings", json!({})).expect("answered");
    let mut settings = before.clone();
    settings["storeId"] = json!("ZH 01");

    let refused = till.call("save_settings", json!({ "settings": settings }));

    let error = refused.expect_err("refused");
    assert_eq!(code(&error), "invalid_settings");
    assert!(error["message"].as_str().is_some_and(|text| text.contains("store")), "{error}");
    assert_eq!(till.call("get_settings", json!({})), Ok(before));
    assert!(!till.till().data_dir.settings_path().exists());
}

#[test]
fn training_has_its_key_stored_and_none_to_set_or_delete() {
    let till = TillApp::start();

    let status = till.call("key_status", json!({})).expect("answered");
    let set = till.call("set_api_key", json!({ "key": "live-key-123" }));
    let deleted = till.call("delete_api_key", json!({}));

    assert_eq!(status["stored"], true);
    assert_eq!(code(&set.expect_err("refused")), "training_key");
    assert_eq!(code(&deleted.expect_err("refused")), "training_key");
}

#[test]
fn dropped_messages_are_reported_with_count_and_last_origin() {
    let till = TillApp::start();

    let reported = till.call(
        "report_dropped_messages",
        json!({ "count": 3, "lastOrigin": "https://evil.example" }),
    );
    let snake_case = till.call(
        "report_dropped_messages",
        json!({ "count": 3, "last_origin": "https://evil.example" }),
    );

    assert_eq!(reported, Ok(Value::Null));
    let refused = snake_case.expect_err("the page's name is lastOrigin");
    assert!(refused.as_str().is_some_and(|text| text.contains("lastOrigin")), "{refused}");
}

/// Without a running export there is nothing to observe but the answer: the flag it
/// sets is only read by an export, which needs the save dialog (not available here).
#[test]
fn cancel_export_answers_when_no_export_runs() {
    let till = TillApp::start();

    assert_eq!(till.call("cancel_export", json!({})), Ok(Value::Null));
}
