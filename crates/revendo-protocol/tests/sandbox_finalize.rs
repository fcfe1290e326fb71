//! The client against the real simulator over loopback HTTP: every row of Revendo's
//! error table, both response shapes, and the faults a till meets in a shop.

mod support;

use std::time::Duration;

use revendo_protocol::{
    ApiKey, FinalizeError, FinalizeRequest, NetworkFailure, Rappen, Resolution, RevendoOrder,
    UnexpectedKind, Unobserved,
};
use revendo_sandbox::{Faults, OfferSpec, ResponseShape, Sandbox, SandboxConfig};
use support::{RecordingJournal, SANDBOX_KEY, assert_private, customer, fast_client};

const SHAPES: [ResponseShape; 2] = [ResponseShape::Seed, ResponseShape::Later];

async fn sandbox(shape: ResponseShape) -> Sandbox {
    let config = SandboxConfig { shape, ..SandboxConfig::default() };
    Sandbox::start("127.0.0.1:0".parse().expect("address"), config).await.expect("sandbox starts")
}

/// A fresh offer and a request for it under `partner_order_id`.
fn request_for(sandbox: &Sandbox, partner_order_id: &str) -> FinalizeRequest {
    let offer = sandbox.create_offer(OfferSpec::default()).expect("catalogue product");
    FinalizeRequest::new(offer.offer_id, partner_order_id, customer())
}

async fn finalize(
    sandbox: &Sandbox,
    request: &FinalizeRequest,
    journal: &mut RecordingJournal,
) -> Result<RevendoOrder, FinalizeError> {
    let key = ApiKey::new(SANDBOX_KEY);
    fast_client(&sandbox.api_base()).finalize(&key, request, journal).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_order_is_created_once_in_both_shapes() {
    for shape in SHAPES {
        let sandbox = sandbox(shape).await;
        let request = request_for(&sandbox, "STORE-0001");
        let mut journal = RecordingJournal::default();

        let order = finalize(&sandbox, &request, &mut journal).await.expect("created");

        let held = sandbox.orders();
        assert_eq!(held.len(), 1, "{shape:?}");
        assert_eq!(held[0].partner_order_id, "STORE-0001");
        assert_eq!(order.quote_amount, Some(Rappen(held[0].quote_amount)), "{shape:?}");
        assert!(!order.already_existed);
        assert!(order.created_at.is_some(), "{shape:?}");
        match shape {
            ResponseShape::Seed => {
                assert_eq!(order.order_id, held[0].order_number.to_string());
                assert_eq!(order.tracking_url, held[0].tracking_url());
            }
            ResponseShape::Later => {
                assert_eq!(order.order_id, held[0].later_order_id());
                assert_eq!(order.web_id, None);
                let built = format!("https://revendo.ch/ankauf/tracking/?order={}", order.order_id);
                assert_eq!(order.tracking_url, built);
            }
        }
        assert_eq!(journal.started, [1]);
        assert_eq!(journal.statuses(), [Some(200)]);
        assert_eq!(journal.codes(), [None]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_order_sent_twice_returns_the_existing_one_in_both_shapes() {
    for shape in SHAPES {
        let sandbox = sandbox(shape).await;
        let request = request_for(&sandbox, "STORE-0002");
        let first =
            finalize(&sandbox, &request, &mut RecordingJournal::default()).await.expect("created");

        let second = finalize(&sandbox, &request, &mut RecordingJournal::default())
            .await
            .expect("409 is success");

        assert!(second.already_existed, "{shape:?}");
        assert_eq!(second.order_id, first.order_id);
        assert_eq!(second.quote_amount, first.quote_amount);
        assert_eq!(second.tracking_url, first.tracking_url);
        let (first_at, second_at) =
            (first.created_at.expect("time"), second.created_at.expect("time"));
        assert!((first_at - second_at).abs() < time::Duration::seconds(1), "{shape:?}");
        assert_eq!(sandbox.orders().len(), 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_quote_is_offer_expired_and_rejected_in_both_shapes() {
    for shape in SHAPES {
        let sandbox = sandbox(shape).await;
        let age = Duration::from_secs(61 * 60);
        let offer = sandbox.create_offer(OfferSpec { age, ..OfferSpec::default() }).expect("offer");
        let request = FinalizeRequest::new(offer.offer_id, "STORE-0003", customer());
        let mut journal = RecordingJournal::default();

        let error = finalize(&sandbox, &request, &mut journal).await.expect_err("expired");

        assert!(matches!(error, FinalizeError::OfferExpired(_)), "{shape:?}: {error:?}");
        assert_eq!(error.resolution(), Resolution::Rejected);
        assert_eq!(error.server_message(), Some("Quote has expired (>60 minutes old)"));
        assert_eq!(journal.codes(), [Some("offer_expired")]);
        assert!(sandbox.orders().is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_offer_is_offer_not_found_in_both_shapes() {
    for shape in SHAPES {
        let sandbox = sandbox(shape).await;
        let request = FinalizeRequest::new("99999999", "STORE-0004", customer());

        let error =
            finalize(&sandbox, &request, &mut RecordingJournal::default()).await.expect_err("404");

        assert!(
            matches!(error, FinalizeError::OfferNotFound(ref r) if r.status == 404),
            "{error:?}"
        );
        assert_eq!(error.resolution(), Resolution::Rejected);
        assert!(sandbox.orders().is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_key_is_unauthorized_never_retried_and_never_shown() {
    for shape in SHAPES {
        let sandbox = sandbox(shape).await;
        let request = request_for(&sandbox, "STORE-0005");
        let key = ApiKey::new("sk_live_wrong_9f8e7d");
        let mut journal = RecordingJournal::default();

        let error = fast_client(&sandbox.api_base())
            .finalize(&key, &request, &mut journal)
            .await
            .expect_err("401");

        assert!(
            matches!(error, FinalizeError::Unauthorized(ref r) if r.status == 401),
            "{error:?}"
        );
        assert_eq!(error.code(), "unauthorized");
        assert_eq!(error.resolution(), Resolution::Rejected);
        assert_eq!(journal.started, [1]);
        assert_private(&error, "sk_live_wrong_9f8e7d");
        assert!(sandbox.orders().is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_non_swiss_address_is_invalid_request_naming_the_country_in_both_shapes() {
    for shape in SHAPES {
        let sandbox = sandbox(shape).await;
        let mut request = request_for(&sandbox, "STORE-0006");
        request.customer.address.country = "DE".into();

        let error =
            finalize(&sandbox, &request, &mut RecordingJournal::default()).await.expect_err("400");

        let FinalizeError::InvalidRequest { fields, .. } = &error else { panic!("{error:?}") };
        assert_eq!(fields, &[revendo_protocol::CustomerField::Country], "{shape:?}");
        assert_eq!(error.resolution(), Resolution::Rejected);
        assert_private(&error, SANDBOX_KEY);
        assert!(sandbox.orders().is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_field_is_invalid_request_naming_that_field() {
    let sandbox = sandbox(ResponseShape::Later).await;
    let mut request = request_for(&sandbox, "STORE-0007");
    request.customer.phone = String::new();

    let error =
        finalize(&sandbox, &request, &mut RecordingJournal::default()).await.expect_err("400");

    let FinalizeError::InvalidRequest { fields, refusal } = &error else { panic!("{error:?}") };
    assert_eq!(fields, &[revendo_protocol::CustomerField::Phone]);
    assert_eq!(refusal.message, "Missing required fields: phone");
    assert!(sandbox.orders().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_server_errors_then_success_reuse_one_partner_order_id() {
    for shape in SHAPES {
        let sandbox = sandbox(shape).await;
        sandbox.set_faults(Faults { fail_next: 2, ..Faults::default() });
        let request = request_for(&sandbox, "STORE-0008");
        let mut journal = RecordingJournal::default();

        let order =
            finalize(&sandbox, &request, &mut journal).await.expect("third attempt succeeds");

        assert!(!order.already_existed);
        assert_eq!(journal.started, [1, 2, 3]);
        assert_eq!(journal.statuses(), [Some(500), Some(500), Some(200)]);
        assert_eq!(journal.codes(), [Some("server_error"), Some("server_error"), None]);
        let held = sandbox.orders();
        assert_eq!(held.len(), 1);
        assert_eq!(held[0].partner_order_id, "STORE-0008");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_on_every_attempt_leave_the_order_unresolved() {
    let sandbox = sandbox(ResponseShape::Seed).await;
    sandbox.set_faults(Faults { fail_next: 5, ..Faults::default() });
    let request = request_for(&sandbox, "STORE-0009");
    let mut journal = RecordingJournal::default();

    let error = finalize(&sandbox, &request, &mut journal).await.expect_err("500s");

    assert_eq!(
        error,
        FinalizeError::ServerError {
            status: 500,
            message: Some("Internal server error".into()),
            attempts: 3
        }
    );
    assert_eq!(error.resolution(), Resolution::Unresolved);
    assert_eq!(journal.started, [1, 2, 3]);
    assert!(sandbox.orders().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_answer_is_retried_into_a_409_with_one_order_on_the_server() {
    for shape in SHAPES {
        let sandbox = sandbox(shape).await;
        sandbox.set_faults(Faults { drop_next: 1, ..Faults::default() });
        let request = request_for(&sandbox, "STORE-0010");
        let mut journal = RecordingJournal::default();

        let order =
            finalize(&sandbox, &request, &mut journal).await.expect("409 after the lost answer");

        assert!(order.already_existed, "{shape:?}");
        assert_eq!(journal.statuses(), [None, Some(409)]);
        assert_eq!(journal.codes(), [Some("network"), None]);
        assert_eq!(sandbox.orders().len(), 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_after_a_lost_answer_does_not_prove_that_no_order_exists() {
    let sandbox = sandbox(ResponseShape::Later).await;
    sandbox.set_faults(Faults { drop_next: 1, ..Faults::default() });
    let request = request_for(&sandbox, "STORE-0011");
    let key = ApiKey::new("not-the-key");

    let error = fast_client(&sandbox.api_base())
        .finalize(&key, &request, &mut RecordingJournal::default())
        .await
        .expect_err("401");

    assert_eq!(error.code(), "unauthorized");
    assert_eq!(error.resolution(), Resolution::Unresolved);
    assert!(sandbox.orders().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_slower_than_the_attempt_timeout_is_a_timeout() {
    let sandbox = sandbox(ResponseShape::Seed).await;
    sandbox.set_faults(Faults { delay: Duration::from_secs(3), ..Faults::default() });
    let request = request_for(&sandbox, "STORE-0012");
    let mut config = support::fast_config(&sandbox.api_base());
    config.attempt_timeout = Duration::from_millis(150);
    config.retry.max_attempts = 2;
    let client = revendo_protocol::RevendoClient::new(config).expect("config");
    let mut journal = RecordingJournal::default();

    let error = client
        .finalize(&ApiKey::new(SANDBOX_KEY), &request, &mut journal)
        .await
        .expect_err("timeout");

    assert_eq!(
        error,
        FinalizeError::Network {
            failure: NetworkFailure::Timeout,
            attempts: 2,
            maybe_received: true
        }
    );
    assert_eq!(error.resolution(), Resolution::Unresolved);
    assert_eq!(journal.statuses(), [None, None]);
    assert_eq!(sandbox.orders().len(), 1, "the held first attempt created the order");
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proxy_502_page_is_retried_and_then_reported_as_html() {
    let sandbox = sandbox(ResponseShape::Seed).await;
    sandbox.set_faults(Faults { bad_gateway_next: 1, ..Faults::default() });
    let request = request_for(&sandbox, "STORE-0013");
    let mut journal = RecordingJournal::default();

    let recovered = finalize(&sandbox, &request, &mut journal).await;
    sandbox.set_faults(Faults { bad_gateway_next: 3, ..Faults::default() });
    let persistent =
        finalize(&sandbox, &request_for(&sandbox, "STORE-0014"), &mut RecordingJournal::default())
            .await;

    assert!(recovered.is_ok());
    assert_eq!(journal.statuses(), [Some(502), Some(200)]);
    assert_eq!(
        persistent,
        Err(FinalizeError::UnexpectedResponse {
            status: 502,
            kind: UnexpectedKind::HtmlPage,
            attempts: 3
        })
    );
    assert_eq!(sandbox.orders().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_connection_is_retried_and_reported_as_refused_and_not_sent() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    drop(listener);
    let client = fast_client(&format!("http://127.0.0.1:{port}"));
    let mut journal = RecordingJournal::default();

    let request = FinalizeRequest::new("11153269", "STORE-0015", customer());
    let error = client
        .finalize(&ApiKey::new(SANDBOX_KEY), &request, &mut journal)
        .await
        .expect_err("refused");

    assert_eq!(
        error,
        FinalizeError::Network {
            failure: NetworkFailure::ConnectionRefused,
            attempts: 3,
            maybe_received: false
        }
    );
    assert_eq!(error.code(), "network");
    assert_eq!(error.resolution(), Resolution::NotSent);
    assert_eq!(journal.started, [1, 2, 3]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_attempt_the_journal_refuses_is_never_sent() {
    let sandbox = sandbox(ResponseShape::Seed).await;
    let request = request_for(&sandbox, "STORE-0016");
    let mut journal = RecordingJournal { refuse_attempt: Some(1), ..RecordingJournal::default() };

    let error = finalize(&sandbox, &request, &mut journal).await.expect_err("vetoed");

    assert_eq!(error.code(), "attempt_vetoed");
    assert_eq!(error.resolution(), Resolution::NotSent);
    assert!(journal.finished.is_empty());
    assert!(sandbox.orders().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_the_journal_refuses_leaves_the_order_unresolved() {
    let sandbox = sandbox(ResponseShape::Seed).await;
    sandbox.set_faults(Faults { drop_next: 1, ..Faults::default() });
    let request = request_for(&sandbox, "STORE-0017");
    let mut journal = RecordingJournal { refuse_attempt: Some(2), ..RecordingJournal::default() };

    let error = finalize(&sandbox, &request, &mut journal).await.expect_err("vetoed");

    assert!(matches!(error, FinalizeError::Vetoed { attempt: 2, .. }), "{error:?}");
    assert_eq!(error.resolution(), Resolution::Unresolved);
    assert_eq!(sandbox.orders().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_caller_without_a_journal_can_finalize() {
    let sandbox = sandbox(ResponseShape::Later).await;
    let request = request_for(&sandbox, "STORE-0018");

    let order = fast_client(&sandbox.api_base())
        .finalize(&ApiKey::new(SANDBOX_KEY), &request, &mut Unobserved)
        .await
        .expect("created");

    assert!(order.order_id.starts_with("W-"));
    assert_eq!(sandbox.orders().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_retry_starts_after_the_overall_deadline() {
    let sandbox = sandbox(ResponseShape::Later).await;
    sandbox.set_faults(Faults { fail_next: 5, ..Faults::default() });
    let request = request_for(&sandbox, "STORE-0019");
    let mut config = support::fast_config(&sandbox.api_base());
    config.retry.first_delay = Duration::from_secs(5);
    config.deadline = Duration::from_secs(2);
    let client = revendo_protocol::RevendoClient::new(config).expect("config");
    let mut journal = RecordingJournal::default();

    let error = client
        .finalize(&ApiKey::new(SANDBOX_KEY), &request, &mut journal)
        .await
        .expect_err("500 and no time left");

    assert!(
        matches!(error, FinalizeError::ServerError { status: 500, attempts: 1, .. }),
        "{error:?}"
    );
    assert_eq!(journal.started, [1]);
    assert_eq!(sandbox.faults().fail_next, 4);
    assert!(sandbox.orders().is_empty());
}
