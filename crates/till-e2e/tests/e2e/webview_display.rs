//! The second way to show Revendo: in a webview of its own inside the till's window,
//! whose messages reach the page only through Rust.

use serde_json::json;
use till_e2e::till::{Bench, Till};
use till_e2e::trade_in::{
    Customer, IPHONE_13_VOUCHER, Outcome, captured_quote, choose_device_in_view, fill_customer,
    finalize, rappen,
};
use till_e2e::{PATIENCE, wait_for};

/// The handles of the till's page and of Revendo's webview, once both exist.
fn page_and_view(till: &Till) -> (String, String) {
    let page = till.window_handle().expect("the page's handle");
    let view = wait_for("Revendo's own webview", PATIENCE, || {
        let handles = till.window_handles().map_err(|error| error.to_string())?;
        handles.into_iter().find(|handle| *handle != page).ok_or("only the page".to_owned())
    })
    .expect("Revendo's webview");
    (page, view)
}

/// Waits until Revendo's view has the slot's size (Rust placed it) and returns both.
fn placed_view_size(till: &Till, page: &str, view: &str) -> ((i64, i64), (i64, i64)) {
    let size = |script: &str| -> Result<(i64, i64), String> {
        let value = till.execute(script, vec![]).map_err(|error| error.to_string())?;
        Ok((value[0].as_f64().unwrap_or(-1.0) as i64, value[1].as_f64().unwrap_or(-1.0) as i64))
    };
    wait_for("Revendo's view to cover the slot", PATIENCE, || {
        till.switch_to_window(page).map_err(|error| error.to_string())?;
        let slot = size(
            "const r = document.querySelector('[data-test=revendo-webview-slot]') \
               .getBoundingClientRect(); return [Math.floor(r.width), r.height];",
        )?;
        till.switch_to_window(view).map_err(|error| error.to_string())?;
        let inside = size("return [window.innerWidth, window.innerHeight];")?;
        till.switch_to_window(page).map_err(|error| error.to_string())?;
        // The slot's height is clipped by the window's bottom edge, not widened.
        if inside.0 == slot.0 && inside.1 > 100 && inside.1 <= slot.1 + 1 {
            Ok((slot, inside))
        } else {
            Err(format!("slot {slot:?}, view {inside:?}"))
        }
    })
    .expect("view placed")
}

#[test]
fn revendo_in_its_own_webview_gives_the_same_trade_in_and_only_through_rust() {
    let bench =
        Bench::with_settings("webview_display", &[("display", json!("webview"))]).expect("bench");
    let till = bench.launch(&["--sandbox"]).expect("till starts in training");
    assert!(!till.is_shown("revendo-frame").expect("frame"), "no iframe in this display");
    assert!(till.is_shown("revendo-webview-slot").expect("slot"), "the page keeps a slot");

    let (page, view) = page_and_view(&till);
    let (slot, inside) = placed_view_size(&till, &page, &view);
    assert!(slot.0 > 400, "a usable width: {slot:?} {inside:?}");

    // Revendo's view cannot reach the page's commands, nor the page Revendo's.
    till.switch_to_window(&view).expect("into Revendo's view");
    let forbidden = till
        .execute(
            "return window.__TAURI_INTERNALS__.invoke('app_info') \
               .then(() => 'allowed', (error) => String(error));",
            vec![],
        )
        .expect("invoke tried");
    assert_ne!(forbidden, json!("allowed"), "Revendo's view called a till command");
    till.switch_to_window(&page).expect("back to the page");
    let forged = json!({ "message": {
        "type": "revendo_device_selected",
        "details": { "price_id": "999", "product": { "name": "Forged" },
                     "price": { "final_cash": "900", "final_coupon": "950" } },
    } });
    let answer = till.invoke("revendo_view_event", forged).expect("invoke answered");
    assert!(answer.is_err(), "the page may not speak for Revendo's view: {answer:?}");

    let offered = choose_device_in_view(&till, &view, &page, &IPHONE_13_VOUCHER)
        .expect("device chosen in Revendo's view");
    let (device, _) = captured_quote(&till).expect("quote captured through Rust");
    assert_eq!(device, offered.name, "the device Revendo's view added");
    let voucher = till.text_content("payout-voucher-amount").expect("voucher amount");
    assert_eq!(rappen(&voucher), rappen(&offered.amount), "Revendo's voucher value");

    // A message Revendo's page never sends is not forwarded: the quote stays.
    till.switch_to_window(&view).expect("into Revendo's view");
    till.execute(
        "window.postMessage({ type: 'revendo_device_selected', details: {} }, '*'); \
         window.postMessage({ type: 'till_please_pay', amount: 1e9 }, '*');",
        vec![],
    )
    .expect("posted");
    till.switch_to_window(&page).expect("back to the page");
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(till.text_content("quote-device").expect("device"), offered.name);
    assert!(!till.is_shown("error-banner").expect("banner"), "nothing reached the page");

    fill_customer(&till, &Customer::swiss("Keller")).expect("customer typed");
    let outcome = finalize(&till).expect("finalize answered");
    let Outcome::Done { order_id, amount, .. } = outcome else {
        panic!("expected the done screen, saw {outcome:?}");
    };
    assert!(order_id.starts_with("ANK-"), "Revendo's web id: {order_id:?}");
    assert_eq!(rappen(&amount), rappen(&offered.amount), "the voucher amount was ordered");

    // The next customer gets a fresh Revendo page in the same view.
    till.click_on("new-customer").expect("new customer");
    till.wait_shown("quote-empty").expect("empty quote");
    placed_view_size(&till, &page, &view);
    till.switch_to_window(&view).expect("into Revendo's view");
    wait_for("a fresh Revendo page", PATIENCE, || {
        match till
            .execute("return document.querySelectorAll('[data-test=cart-item]').length;", vec![])
        {
            Ok(count) if count == json!(0) => Ok(()),
            other => Err(format!("{other:?}")),
        }
    })
    .expect("empty cart");
    till.switch_to_window(&page).expect("back to the page");
}
