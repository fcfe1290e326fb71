//! The finalize flow against the Revendo simulation over loopback, with a real journal
//! file: what staff see and what the journal and the simulated server hold afterwards.

use std::time::Duration;

use order_journal::{HistoryQuery, OrderState};
use revendo_protocol::{
    ApiKey, ClientConfig, Payout, Product, Quote, Rappen, RetrySchedule, RevendoClient,
};
use revendo_sandbox::{Faults, OfferSpec, SandboxConfig};
use time::OffsetDateTime;

use super::*;
use crate::till::Credentials;
use crate::training_till::{TrainingTill, customer, training_till};

/// Creates an offer on the simulation, `age` old, and holds it as the iframe would.
fn select_device(fixture: &TrainingTill, age: Duration, captured_at: OffsetDateTime) -> Quote {
    let spec = OfferSpec { age, ..OfferSpec::default() };
    let offer = fixture.sandbox.create_offer(spec).expect("offer created");
    let quote = Quote {
        offer_id: offer.offer_id,
        price_id: Some(offer.price_id),
        temporary: false,
        product: Product { id: None, name: offer.product_name, quantity: 1 },
        base: Some(Rappen(offer.base)),
        cash: Rappen(offer.cash),
        voucher: Rappen(offer.voucher),
        deductions: vec![],
        bonuses: vec![],
        coupons: vec![],
    };
    fixture.till.desk().capture(quote.clone(), captured_at);
    quote
}

fn states(till: &Till) -> Vec<OrderState> {
    let page = till.journal().search(&HistoryQuery::default(), None).expect("history");
    page.items.iter().map(|order| order.state).collect()
}

#[tokio::test]
async fn a_finalized_quote_is_confirmed_journaled_and_forgotten() {
    let fixture = training_till().await;
    let quote = select_device(&fixture, Duration::ZERO, OffsetDateTime::now_utc());
    fixture.till.desk().set_payout(Payout::Voucher);

    let order = finalize_held_quote(&fixture.till, &customer()).await.expect("confirmed");

    assert_eq!(order.partner_order_id, "ZH01-2-000001");
    assert_eq!(order.amount, quote.voucher);
    assert!(order.revendo.tracking_url.starts_with("https://revendo.ch/ankauf/tracking/?order="));
    assert_eq!(states(&fixture.till), [OrderState::Confirmed]);
    assert_eq!(fixture.sandbox.orders().len(), 1);
    assert!(fixture.till.desk().current().is_none(), "the next customer starts afresh");
}

#[tokio::test]
async fn finalizing_the_same_quote_again_returns_the_first_order() {
    let fixture = training_till().await;
    let quote = select_device(&fixture, Duration::ZERO, OffsetDateTime::now_utc());
    let first = finalize_held_quote(&fixture.till, &customer()).await.expect("confirmed");
    fixture.till.desk().capture(quote, OffsetDateTime::now_utc());

    let second = finalize_held_quote(&fixture.till, &customer()).await.expect("same order");

    assert_eq!(second.partner_order_id, first.partner_order_id);
    assert_eq!(second.revendo.order_id, first.revendo.order_id);
    assert_eq!(fixture.sandbox.orders().len(), 1);
}

#[tokio::test]
async fn a_second_click_while_sending_is_refused_and_sends_nothing() {
    let fixture = training_till().await;
    let quote = select_device(&fixture, Duration::ZERO, OffsetDateTime::now_utc());
    let _first_click = fixture.till.claim_sending(&quote.offer_id).expect("first claim");

    let second = finalize_held_quote(&fixture.till, &customer()).await;

    assert!(matches!(second, Err(Error::AlreadySending)));
    assert!(states(&fixture.till).is_empty());
    assert!(fixture.sandbox.orders().is_empty());
}

#[tokio::test]
async fn an_invalid_customer_is_refused_before_anything_is_journaled() {
    let fixture = training_till().await;
    select_device(&fixture, Duration::ZERO, OffsetDateTime::now_utc());
    let input = CustomerInput { iban: "CH93 0076 2011 6238 5295 8".into(), ..customer() };

    let refused = finalize_held_quote(&fixture.till, &input).await;

    let Err(Error::InvalidCustomer(errors)) = refused else { panic!("expected field errors") };
    assert_eq!(errors.len(), 1);
    assert!(states(&fixture.till).is_empty());
}

#[tokio::test]
async fn a_quote_past_its_lifetime_is_not_sent() {
    let fixture = training_till().await;
    let captured = OffsetDateTime::now_utc() - Duration::from_secs(61 * 60);
    select_device(&fixture, Duration::ZERO, captured);

    let refused = finalize_held_quote(&fixture.till, &customer()).await;

    assert!(matches!(refused, Err(Error::QuoteExpired)));
    assert!(fixture.sandbox.orders().is_empty());
}

#[tokio::test]
async fn an_offer_revendo_calls_expired_is_rejected_and_cannot_be_resent() {
    let fixture = training_till().await;
    select_device(&fixture, Duration::from_secs(61 * 60), OffsetDateTime::now_utc());

    let refused = finalize_held_quote(&fixture.till, &customer()).await;

    let error = refused.expect_err("expired at Revendo");
    assert_eq!(error.code(), "offer_expired");
    assert_eq!(states(&fixture.till), [OrderState::Rejected]);
    let again = resend_order(&fixture.till, "ZH01-2-000001").await;
    assert!(matches!(again, Err(Error::AlreadyRejected { .. })));
}

#[tokio::test]
async fn server_errors_are_retried_with_the_same_partner_order_id() {
    let fixture = training_till().await;
    select_device(&fixture, Duration::ZERO, OffsetDateTime::now_utc());
    fixture.sandbox.set_faults(Faults { fail_next: 2, ..Faults::default() });

    finalize_held_quote(&fixture.till, &customer()).await.expect("third attempt");

    let order = order_id(&fixture.till);
    let detail = fixture.till.journal().order_detail(order).expect("detail");
    let statuses: Vec<_> = detail.attempts.iter().map(|a| a.http_status).collect();
    assert_eq!(statuses, [Some(500), Some(500), Some(200)]);
    assert_eq!(fixture.sandbox.orders().len(), 1);
}

#[tokio::test]
async fn a_lost_answer_is_recovered_by_the_retry_as_the_existing_order() {
    let fixture = training_till().await;
    select_device(&fixture, Duration::ZERO, OffsetDateTime::now_utc());
    fixture.sandbox.set_faults(Faults { drop_next: 1, ..Faults::default() });

    let order = finalize_held_quote(&fixture.till, &customer()).await.expect("confirmed");

    assert!(order.revendo.already_existed);
    assert_eq!(fixture.sandbox.orders().len(), 1);
    assert_eq!(states(&fixture.till), [OrderState::Confirmed]);
}

#[tokio::test]
async fn an_order_left_unresolved_is_resent_and_confirmed_once() {
    let fixture = training_till().await;
    select_device(&fixture, Duration::ZERO, OffsetDateTime::now_utc());
    fixture.sandbox.set_faults(Faults { fail_next: 3, ..Faults::default() });

    let failed = finalize_held_quote(&fixture.till, &customer()).await;
    assert_eq!(failed.expect_err("three server errors").code(), "unresolved");
    assert_eq!(states(&fixture.till), [OrderState::Unresolved]);

    let order = resend_order(&fixture.till, "ZH01-2-000001").await.expect("resent");

    assert_eq!(order.partner_order_id, "ZH01-2-000001");
    assert_eq!(states(&fixture.till), [OrderState::Confirmed]);
    assert_eq!(fixture.sandbox.orders().len(), 1);
}

#[tokio::test]
async fn an_order_that_could_not_reach_revendo_is_kept_open_and_sent_later_once() {
    let mut fixture = training_till().await;
    select_device(&fixture, Duration::ZERO, OffsetDateTime::now_utc());
    let working = std::mem::replace(&mut fixture.till.client, client_to_a_closed_port());

    let failed = finalize_held_quote(&fixture.till, &customer()).await;

    let error = failed.expect_err("nothing listens");
    assert_eq!(error.code(), "network", "told apart from an order that may exist");
    assert_eq!(states(&fixture.till), [OrderState::Unresolved], "kept open for a resend");
    assert!(fixture.sandbox.orders().is_empty());

    fixture.till.client = working;
    let order = resend_order(&fixture.till, "ZH01-2-000001").await.expect("sent");

    assert!(!order.revendo.already_existed, "the first send created it");
    assert_eq!(states(&fixture.till), [OrderState::Confirmed]);
    assert_eq!(fixture.sandbox.orders().len(), 1);
}

/// A client whose API base is a loopback port nothing listens on.
fn client_to_a_closed_port() -> RevendoClient {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    drop(listener);
    let retry =
        RetrySchedule { max_attempts: 2, first_delay: Duration::from_millis(5), jitter: 0.0 };
    let config = ClientConfig { retry, ..ClientConfig::new(format!("http://127.0.0.1:{port}")) };
    RevendoClient::new(config).expect("client")
}

#[tokio::test]
async fn a_wrong_key_rejects_the_order_and_a_corrected_retry_reopens_it() {
    let mut fixture = training_till().await;
    select_device(&fixture, Duration::ZERO, OffsetDateTime::now_utc());
    fixture.till.credentials = Credentials::Training(ApiKey::new("wrong-key"));

    let refused = finalize_held_quote(&fixture.till, &customer()).await;
    assert_eq!(refused.expect_err("bad key").code(), "unauthorized");
    assert_eq!(states(&fixture.till), [OrderState::Rejected]);

    fixture.till.credentials = Credentials::Training(ApiKey::new(SandboxConfig::DEFAULT_API_KEY));
    let order = finalize_held_quote(&fixture.till, &customer()).await.expect("reopened, sent");

    assert_eq!(order.partner_order_id, "ZH01-2-000001");
    assert_eq!(states(&fixture.till), [OrderState::Confirmed]);
}

fn order_id(till: &Till) -> order_journal::OrderId {
    let page = till.journal().search(&HistoryQuery::default(), None).expect("history");
    page.items[0].id
}
