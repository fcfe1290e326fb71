//! A quote as the simulator's trade-in page creates it, read as the iframe message the
//! page posts, then finalized: what the customer was shown is what Revendo confirms.

mod support;

use revendo_protocol::{ApiKey, FinalizeRequest, IframeEvent, Rappen, Unobserved};
use revendo_sandbox::{ResponseShape, Sandbox, SandboxConfig};
use serde_json::json;
use support::{SANDBOX_KEY, customer, fast_client};

/// Asks the page's endpoint for a quote and wraps it as `revendo_device_selected`.
async fn selected_device(sandbox: &Sandbox, quote_request: serde_json::Value) -> IframeEvent {
    let details: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/sandbox/quotes", sandbox.api_base()))
        .json(&quote_request)
        .send()
        .await
        .expect("page endpoint")
        .json()
        .await
        .expect("quote json");
    let message = json!({"type": "revendo_device_selected", "details": details});
    IframeEvent::parse(&message).expect("a device selection the till understands")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_voucher_quote_from_the_page_is_finalized_at_the_amount_shown() {
    let config = SandboxConfig { shape: ResponseShape::Later, ..SandboxConfig::default() };
    let sandbox =
        Sandbox::start("127.0.0.1:0".parse().expect("address"), config).await.expect("start");
    let answers = json!({"screen": "scratches", "battery": "weak", "packaging": "included"});

    let event = selected_device(
        &sandbox,
        json!({"product_id": 102, "answers": answers, "payout": "voucher"}),
    )
    .await;
    let IframeEvent::DeviceSelected { quote } = event else { panic!("{event:?}") };
    let offer = sandbox.offers().pop().expect("the page created an offer");
    let request = FinalizeRequest::new(quote.offer_id.clone(), "STORE-0200", customer());
    let key = ApiKey::new(SANDBOX_KEY);
    let order = fast_client(&sandbox.api_base())
        .finalize(&key, &request, &mut Unobserved)
        .await
        .expect("created");

    assert_eq!(quote.offer_id, offer.offer_id);
    assert!(!quote.temporary);
    assert_eq!((quote.cash, quote.voucher), (Rappen(offer.cash), Rappen(offer.voucher)));
    assert_eq!(quote.base, Some(Rappen(offer.base)));
    assert_eq!(quote.deductions.len(), offer.deductions.len());
    assert_eq!(quote.bonuses.len(), offer.bonuses.len());
    assert_eq!(order.quote_amount, Some(quote.voucher));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_product_name_with_markup_is_kept_as_plain_text() {
    let sandbox = Sandbox::start("127.0.0.1:0".parse().expect("address"), SandboxConfig::default())
        .await
        .expect("start");

    let event = selected_device(&sandbox, json!({"product_id": 999})).await;

    let IframeEvent::DeviceSelected { quote } = event else { panic!("{event:?}") };
    assert_eq!(quote.product.name, "iPhone <img src=x onerror=alert(1)> 13");
    assert_eq!(quote.product.id.as_deref(), Some("999"));
}
