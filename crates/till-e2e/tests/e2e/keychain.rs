//! The API key lives in the desktop's Secret Service only: set and deleted from the
//! settings screen, never readable by the page, and never stored elsewhere.

use std::path::Path;

use serde_json::json;
use till_e2e::keychain::{StoredKey, key_command, search_entries, stored_key};
use till_e2e::sandbox::StandaloneSandbox;
use till_e2e::till::Bench;
use till_e2e::webdriver::test_id;

/// A key no other test uses, so that finding it proves where it went.
fn unique_key() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_nanos())
        .unwrap_or_default();
    format!("e2e-key-{nanos}")
}

/// Every file under `folder` whose bytes contain `needle`.
fn files_containing(folder: &Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(bytes) = std::fs::read(&path)
                && bytes.windows(needle.len()).any(|window| window == needle.as_bytes())
            {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

#[test]
fn a_key_set_in_the_settings_lives_in_the_secret_service_unreadable_by_the_page() {
    let bench = Bench::new("keychain_settings").expect("bench");
    let sandbox = StandaloneSandbox::start(bench.artifacts(), &[]).expect("sandbox");
    let _cleanup = StoredKey::cleared_after(&sandbox.api_base);
    let key = unique_key();
    let till = bench.launch_against(&sandbox.api_base, &sandbox.iframe_url).expect("till");
    till.wait_shown("no-key-notice").expect("the till says no key is stored");

    till.click_on("nav-settings").expect("settings");
    till.wait_shown("screen-settings").expect("settings open");
    let status = till.find(&test_id("key-status")).expect("status");
    assert_eq!(till.attribute(&status, "data-state").expect("state").as_deref(), Some("missing"));
    till.type_into("settings-api-key", &key).expect("key typed");
    till.click_on("settings-save-key").expect("saved");
    let saved = till.locale_text("key.saved").expect("text");
    till.wait_text("key-message", "the key saved", |text| text == saved).expect("saved");

    assert_eq!(stored_key(&sandbox.api_base).expect("lookup"), Some(key.clone()));
    let entries = search_entries().expect("search");
    assert!(
        entries.contains(&format!("username = {}", sandbox.api_base)),
        "no entry names the API base"
    );
    let input = till.find(&test_id("settings-api-key")).expect("input");
    assert_eq!(till.property(&input, "value").expect("value"), json!(""), "field emptied");
    let status = till.invoke("key_status", json!({})).expect("invoke").expect("status");
    assert_eq!(status, json!({ "stored": true, "available": true }), "only whether it is stored");
    for command in ["app_info", "get_settings"] {
        let answer = till.invoke(command, json!({})).expect("invoke").expect(command);
        assert!(!answer.to_string().contains(&key), "{command} does not return the key");
    }
    let page = till
        .execute(
            "return document.documentElement.outerHTML + JSON.stringify(localStorage) \
               + JSON.stringify(sessionStorage);",
            vec![],
        )
        .expect("page text");
    assert!(!page.to_string().contains(&key), "the page keeps no copy of the key");
    assert_eq!(files_containing(bench.data_dir(), &key), Vec::<String>::new(), "nor any file");

    till.click_on("settings-delete-key").expect("delete");
    till.click_on("settings-delete-key-confirm").expect("confirmed");
    let deleted = till.locale_text("key.deleted").expect("text");
    till.wait_text("key-message", "the key deleted", |text| text == deleted).expect("deleted");
    assert_eq!(stored_key(&sandbox.api_base).expect("lookup"), None, "gone from the keyring");
    let status = till.find(&test_id("key-status")).expect("status");
    assert_eq!(till.attribute(&status, "data-state").expect("state").as_deref(), Some("missing"));
}

#[test]
fn without_a_secret_service_the_till_says_so_and_stores_the_key_nowhere() {
    let bench = Bench::new("keychain_unavailable").expect("bench");
    let sandbox = StandaloneSandbox::start(bench.artifacts(), &[]).expect("sandbox");
    let _cleanup = StoredKey::cleared_after(&sandbox.api_base);
    let key = unique_key();
    let args = ["--api-base", &sandbox.api_base, "--iframe-url", &sandbox.iframe_url];
    let no_bus = [("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")];
    let till = bench.launch_with_env(&args, &no_bus).expect("till starts without a bus");

    till.click_on("nav-settings").expect("settings");
    till.wait_shown("screen-settings").expect("settings open");
    let unavailable = till.locale_text("key.unavailable").expect("text");
    till.wait_text("key-status", "no keychain", |text| text == unavailable).expect("said so");
    let input = till.find(&test_id("settings-api-key")).expect("input");
    assert_eq!(till.property(&input, "disabled").expect("disabled"), json!(true));

    let refused = till.invoke("set_api_key", json!({ "key": key })).expect("invoke");
    let error = refused.expect_err("storing is refused");
    assert_eq!(error["code"], "keychain_unavailable", "error: {error}");
    assert_eq!(stored_key(&sandbox.api_base).expect("lookup"), None, "not in the keyring");
    assert_eq!(files_containing(bench.data_dir(), &key), Vec::<String>::new(), "nor any file");
}

#[test]
fn the_key_commands_store_report_and_delete_the_key_and_never_print_it() {
    let api_base = "https://key-commands.revendo.example";
    let _cleanup = StoredKey::cleared_after(api_base);
    let key = unique_key();
    let run = |action: &str, stdin: &str, env: &[(&str, &str)]| {
        key_command(action, api_base, stdin, env).expect("revendo-pos runs")
    };
    let status = |stdin| run("status", stdin, &[]);

    let before = status("");
    assert!(!before.succeeded, "no key yet: {}", before.stdout);
    assert_eq!(before.stderr, format!("revendo-pos: no API key is stored for {api_base}"));

    // As a deployment script pipes it: surrounding blanks and the line break are not key.
    let set = run("set", &format!("  {key}\n"), &[]);
    assert!(set.succeeded, "{}", set.stderr);
    assert_eq!(set.stdout, format!("API key stored for {api_base}"));
    assert_eq!(stored_key(api_base).expect("lookup").as_deref(), Some(key.as_str()));

    let stored = status("");
    assert!(stored.succeeded, "{}", stored.stderr);
    assert_eq!(stored.stdout, format!("an API key is stored for {api_base}"));

    let empty = run("set", "\n", &[]);
    assert!(!empty.succeeded, "an empty key is refused");
    assert!(empty.stderr.starts_with("revendo-pos: "), "{}", empty.stderr);
    assert_eq!(stored_key(api_base).expect("lookup").as_deref(), Some(key.as_str()), "kept");

    let no_bus = [("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")];
    let without = run("status", "", &no_bus);
    assert!(!without.succeeded, "no Secret Service, no answer: {}", without.stdout);
    assert!(without.stderr.contains("no keychain service"), "says so: {}", without.stderr);

    let deleted = run("delete", "", &[]);
    assert!(deleted.succeeded, "{}", deleted.stderr);
    assert_eq!(stored_key(api_base).expect("lookup"), None, "gone from the Secret Service");
    assert!(!status("").succeeded, "no key any more");

    for run in [&before, &set, &stored, &empty, &without, &deleted] {
        assert!(!run.stdout.contains(&key) && !run.stderr.contains(&key), "the key printed");
    }
}
