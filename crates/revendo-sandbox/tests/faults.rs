//! Injected faults: what a client sees, and whether the order exists afterwards.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{finalize, offer, request};
use revendo_sandbox::{Faults, ResponseShape::*};
use serde_json::json;

#[tokio::test]
async fn fail_next_answers_500_that_many_times_then_the_order_is_created() {
    let sandbox = common::start(Seed).await;
    let body = request(&offer(&sandbox).offer_id, "STORE-1");
    sandbox.set_faults(Faults { fail_next: 2, ..Faults::default() });

    let first = finalize(&sandbox, &body).await;
    let second = finalize(&sandbox, &body).await;
    let third = finalize(&sandbox, &body).await;

    let internal = json!({"success": false, "error": "internal_error",
        "message": "Internal server error", "code": 500});
    assert_eq!(first, (500, internal.clone()));
    assert_eq!(second, (500, internal));
    assert_eq!(third.0, 200);
    assert_eq!(sandbox.orders().len(), 1);
    assert_eq!(sandbox.faults(), Faults::default());
}

#[tokio::test]
async fn a_500_in_the_later_shape_is_a_wordpress_error() {
    let sandbox = common::start(Later).await;
    let body = request(&offer(&sandbox).offer_id, "STORE-1");
    sandbox.set_faults(Faults { fail_next: 1, ..Faults::default() });

    let answer = finalize(&sandbox, &body).await;

    let expected = json!({"code": "internal_error", "message": "Internal server error",
        "data": {"status": 500}});
    assert_eq!(answer, (500, expected));
    assert!(sandbox.orders().is_empty());
}

#[tokio::test]
async fn a_dropped_connection_loses_the_response_but_the_order_exists() {
    let sandbox = common::start(Seed).await;
    let body = request(&offer(&sandbox).offer_id, "STORE-1");
    sandbox.set_faults(Faults { drop_next: 1, ..Faults::default() });

    let lost = common::client()
        .post(sandbox.finalize_url())
        .header("X-Revendo-API-Key", common::KEY)
        .json(&body)
        .send()
        .await;
    let retry = finalize(&sandbox, &body).await;

    let error = lost.unwrap_err();
    assert!(error.is_request() || error.is_connect() || error.is_body(), "{error:?}");
    assert_eq!(retry.0, 409);
    assert_eq!(sandbox.orders().len(), 1);
}

#[tokio::test]
async fn bad_gateway_answers_an_html_502_page_and_creates_nothing() {
    let sandbox = common::start(Seed).await;
    let body = request(&offer(&sandbox).offer_id, "STORE-1");
    sandbox.set_faults(Faults { bad_gateway_next: 1, ..Faults::default() });

    let response = common::client()
        .post(sandbox.finalize_url())
        .header("X-Revendo-API-Key", common::KEY)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
    let page = response.text().await.unwrap();
    let after = finalize(&sandbox, &body).await;

    assert_eq!(status, 502);
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(page.contains("<h1>502 Bad Gateway</h1>"), "{page}");
    assert_eq!(after.0, 200);
    assert_eq!(sandbox.orders().len(), 1);
}

#[tokio::test]
async fn a_delay_holds_the_response_of_a_created_order_until_the_faults_are_replaced() {
    let sandbox = common::start(Seed).await;
    let body = request(&offer(&sandbox).offer_id, "STORE-1");
    sandbox.set_faults(Faults { delay: Duration::from_secs(3600), ..Faults::default() });

    let held = tokio::spawn(finalize_owned(sandbox.finalize_url(), body));
    while sandbox.orders().is_empty() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let still_held = !held.is_finished();
    sandbox.set_faults(Faults::default());
    let status = held.await.unwrap();

    assert!(still_held);
    assert_eq!(status, 200);
}

#[tokio::test]
async fn faults_set_through_the_admin_endpoint_apply_to_the_next_requests() {
    let sandbox = common::start(Seed).await;
    let body = request(&offer(&sandbox).offer_id, "STORE-1");

    let (status, faults) =
        common::post_json(&sandbox, "/sandbox/admin/faults", &json!({"fail_next": 1})).await;
    let (_, shown) = common::get_json(&sandbox, "/sandbox/admin/faults").await;
    let first = finalize(&sandbox, &body).await;
    let second = finalize(&sandbox, &body).await;

    assert_eq!(status, 200);
    assert_eq!(
        faults,
        json!({"fail_next": 1, "delay_ms": 0, "drop_next": 0, "bad_gateway_next": 0})
    );
    assert_eq!(shown, faults);
    assert_eq!((first.0, second.0), (500, 200));
}

#[tokio::test]
async fn faults_never_touch_the_sandbox_s_own_endpoints() {
    let sandbox = common::start(Seed).await;
    sandbox.set_faults(Faults { fail_next: 5, bad_gateway_next: 5, ..Faults::default() });

    let (status, _) = common::get_json(&sandbox, "/sandbox/catalogue").await;

    assert_eq!(status, 200);
    assert_eq!(sandbox.faults().fail_next, 5);
}

#[tokio::test]
async fn a_stopped_sandbox_refuses_connections() {
    let sandbox = common::start(Seed).await;
    let url = sandbox.finalize_url();

    sandbox.shutdown().await;
    let result = common::client().post(url).body("{}").send().await;

    assert!(result.unwrap_err().is_connect());
}

async fn finalize_owned(url: String, body: serde_json::Value) -> u16 {
    let response = common::client()
        .post(url)
        .header("X-Revendo-API-Key", common::KEY)
        .json(&body)
        .send()
        .await
        .unwrap();
    response.status().as_u16()
}
