//! The finalize endpoint against every row of Revendo's published error table, in both
//! response shapes, over real loopback HTTP.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{finalize, finalize_raw, fixture, keys, offer, request};
use revendo_sandbox::{OfferSpec, Payout, ResponseShape::*};
use serde_json::{Value, json};

#[tokio::test]
async fn a_fresh_offer_becomes_an_order_in_the_seed_shape() {
    let sandbox = common::start(Seed).await;
    let offer = offer(&sandbox);

    let (status, body) = finalize(&sandbox, &request(&offer.offer_id, "STORE-1")).await;

    assert_eq!(status, 200);
    assert_eq!(keys(&body), keys(&fixture("200-seed.json")));
    let order = &sandbox.orders()[0];
    assert_eq!(body["order_id"], json!(order.order_number));
    let web_id = body["web_id"].as_str().unwrap();
    assert!(web_id.starts_with("ANK-20") && web_id.len() == "ANK-2025-001234".len(), "{web_id}");
    assert_eq!(body["tracking_url"], format!("https://revendo.ch/ankauf/tracking/?order={web_id}"));
    assert_eq!(body["quote_amount"], json!(offer.cash as f64 / 100.0));
    assert_eq!(body["status"], "pending_device");
    assert!(body["created_at"].as_str().unwrap().ends_with('Z'));
}

#[tokio::test]
async fn a_fresh_offer_becomes_an_order_in_the_later_shape() {
    let sandbox = common::start(Later).await;
    let offer = offer(&sandbox);

    let (status, body) = finalize(&sandbox, &request(&offer.offer_id, "STORE-1")).await;

    assert_eq!(status, 200);
    assert_eq!(keys(&body), keys(&fixture("200-later.json")));
    assert_eq!(body["order_id"], sandbox.orders()[0].later_order_id());
    assert!(body["order_id"].as_str().unwrap().starts_with("W-"));
    assert!(body["created_at"].as_str().unwrap().ends_with("+00:00"));
}

#[tokio::test]
async fn the_quote_amount_is_the_value_of_the_payout_the_customer_chose() {
    let sandbox = common::start(Seed).await;
    let spec = OfferSpec { payout: Payout::Voucher, ..OfferSpec::default() };
    let offer = sandbox.create_offer(spec).unwrap();

    let (_, body) = finalize(&sandbox, &request(&offer.offer_id, "STORE-1")).await;

    assert_eq!(body["quote_amount"], json!(286.0));
    assert_eq!(sandbox.orders()[0].quote_amount, offer.voucher);
}

#[tokio::test]
async fn the_temporary_price_id_is_accepted_as_the_offer_id_as_in_the_seed() {
    let sandbox = common::start(Seed).await;
    let offer = offer(&sandbox);

    let (status, _) = finalize(&sandbox, &request(&offer.price_id, "STORE-1")).await;

    assert_eq!(status, 200);
    assert_eq!(sandbox.orders()[0].offer_id, offer.offer_id);
}

#[tokio::test]
async fn the_same_partner_order_id_twice_answers_409_with_the_existing_order_in_the_seed_shape() {
    let sandbox = common::start(Seed).await;
    let offer = offer(&sandbox);
    let (_, created) = finalize(&sandbox, &request(&offer.offer_id, "STORE-1")).await;

    let (status, body) = finalize(&sandbox, &request(&offer.offer_id, "STORE-1")).await;

    assert_eq!(status, 409);
    assert_eq!(
        keys(&body),
        keys(&json!({"success": 0, "error": 0, "message": 0, "code": 0,
        "existing_order": 0}))
    );
    assert_eq!(
        (&body["success"], &body["error"], &body["code"]),
        (&json!(false), &json!("duplicate_order"), &json!(409))
    );
    assert_eq!(body["existing_order"]["web_id"], created["web_id"]);
    assert_eq!(body["existing_order"]["order_id"], created["order_id"]);
    assert_eq!(sandbox.orders().len(), 1);
}

#[tokio::test]
async fn the_same_partner_order_id_twice_answers_409_with_the_order_itself_in_the_later_shape() {
    let sandbox = common::start(Later).await;
    let offer = offer(&sandbox);
    let (_, created) = finalize(&sandbox, &request(&offer.offer_id, "STORE-1")).await;

    let (status, body) = finalize(&sandbox, &request(&offer.offer_id, "STORE-1")).await;

    assert_eq!(status, 409);
    assert_eq!(keys(&body), keys(&fixture("409-later.json")));
    assert_eq!(body["message"], "Order already exists");
    assert_eq!(body["order_id"], created["order_id"]);
    let local = body["created_at"].as_str().unwrap();
    assert!(local.len() == 19 && local.as_bytes()[10] == b' ', "{local}");
    assert_eq!(sandbox.orders().len(), 1);
}

#[tokio::test]
async fn a_known_partner_order_id_answers_409_even_with_another_offer() {
    let sandbox = common::start(Seed).await;
    finalize(&sandbox, &request(&offer(&sandbox).offer_id, "STORE-1")).await;

    let (status, _) = finalize(&sandbox, &request(&offer(&sandbox).offer_id, "STORE-1")).await;

    assert_eq!(status, 409);
    assert_eq!(sandbox.orders().len(), 1);
}

#[tokio::test]
async fn a_wrong_or_missing_key_is_refused_with_401_in_the_later_shape() {
    let sandbox = common::start(Later).await;
    let body = request(&offer(&sandbox).offer_id, "STORE-1").to_string();

    let wrong = finalize_raw(&sandbox, Some("not-the-key"), body.clone()).await;
    let missing = finalize_raw(&sandbox, None, body).await;

    assert_eq!(wrong, (401, fixture("401-later.json")));
    assert_eq!(missing, (401, fixture("401-later.json")));
    assert!(sandbox.orders().is_empty());
}

#[tokio::test]
async fn a_wrong_key_is_refused_with_401_in_the_seed_shape() {
    let sandbox = common::start(Seed).await;
    let body = request(&offer(&sandbox).offer_id, "STORE-1").to_string();

    let answer = finalize_raw(&sandbox, Some("not-the-key"), body).await;

    let expected = json!({"success": false, "error": "unauthorized", "message": "Invalid API key",
        "code": 401});
    assert_eq!(answer, (401, expected));
}

#[tokio::test]
async fn a_missing_iban_is_refused_in_the_later_shape_with_the_published_body() {
    let sandbox = common::start(Later).await;
    let mut body = request(&offer(&sandbox).offer_id, "STORE-1");
    body["customer"].as_object_mut().unwrap().remove("iban");

    let answer = finalize(&sandbox, &body).await;

    assert_eq!(answer, (400, fixture("400-later-missing-iban.json")));
    assert!(sandbox.orders().is_empty());
}

#[tokio::test]
async fn a_missing_iban_is_accepted_in_the_seed_shape_which_does_not_know_it() {
    let sandbox = common::start(Seed).await;
    let mut body = request(&offer(&sandbox).offer_id, "STORE-1");
    body["customer"].as_object_mut().unwrap().remove("iban");

    let (status, _) = finalize(&sandbox, &body).await;

    assert_eq!(status, 200);
}

#[tokio::test]
async fn every_missing_or_blank_field_is_listed_in_request_order() {
    let sandbox = common::start(Seed).await;
    let mut body = request(&offer(&sandbox).offer_id, "STORE-1");
    body["customer"]["email"] = json!("   ");
    body["customer"]["address"].as_object_mut().unwrap().remove("zip");
    body.as_object_mut().unwrap().remove("shipping_method");

    let answer = finalize(&sandbox, &body).await;

    let message = "Missing required fields: email, zip, shipping_method";
    let expected =
        json!({"success": false, "error": "invalid_request", "message": message, "code": 400});
    assert_eq!(answer, (400, expected));
}

#[tokio::test]
async fn a_customer_outside_switzerland_is_refused_in_the_later_shape_with_the_published_body() {
    let sandbox = common::start(Later).await;
    let mut body = request(&offer(&sandbox).offer_id, "STORE-1");
    body["customer"]["address"]["country"] = json!("DE");

    let answer = finalize(&sandbox, &body).await;

    assert_eq!(answer, (400, fixture("400-later-country.json")));
    assert!(sandbox.orders().is_empty());
}

#[tokio::test]
async fn a_customer_outside_switzerland_is_refused_in_the_seed_shape() {
    let sandbox = common::start(Seed).await;
    let mut body = request(&offer(&sandbox).offer_id, "STORE-1");
    body["customer"]["address"]["country"] = json!("LI");

    let (status, answer) = finalize(&sandbox, &body).await;

    assert_eq!(status, 400);
    assert_eq!(keys(&answer), keys(&fixture("400-seed.json")));
    assert_eq!(answer["error"], "invalid_request");
    assert!(answer["message"].as_str().unwrap().contains("only accept orders from Switzerland"));
}

#[tokio::test]
async fn a_body_that_is_not_json_is_an_invalid_request_in_both_shapes() {
    for shape in [Seed, Later] {
        let sandbox = common::start(shape).await;

        let (status, body) = finalize_raw(&sandbox, Some(common::KEY), "{not json".into()).await;

        assert_eq!(status, 400);
        let code = if shape == Seed { &body["error"] } else { &body["code"] };
        assert_eq!(code, "invalid_request", "{shape:?}: {body}");
    }
}

#[tokio::test]
async fn an_unknown_offer_is_404_offer_not_found_in_both_shapes() {
    for (shape, expected) in [
        (
            Seed,
            json!({"success": false, "error": "offer_not_found", "message": "Offer not found",
            "code": 404}),
        ),
        (
            Later,
            json!({"code": "offer_not_found", "message": "Offer not found",
            "data": {"status": 404}}),
        ),
    ] {
        let sandbox = common::start(shape).await;

        let answer = finalize(&sandbox, &request("99999999", "STORE-1")).await;

        assert_eq!(answer, (404, expected));
    }
}

#[tokio::test]
async fn an_offer_older_than_its_lifetime_is_expired_with_the_published_seed_body() {
    let sandbox = common::start(Seed).await;
    let spec = OfferSpec { age: Duration::from_secs(61 * 60), ..OfferSpec::default() };
    let offer = sandbox.create_offer(spec).unwrap();

    let answer = finalize(&sandbox, &request(&offer.offer_id, "STORE-1")).await;

    assert_eq!(answer, (400, fixture("400-seed.json")));
    assert!(sandbox.orders().is_empty());
}

#[tokio::test]
async fn an_offer_older_than_its_lifetime_is_expired_in_the_later_shape() {
    let sandbox = common::start(Later).await;
    let spec = OfferSpec { age: Duration::from_secs(61 * 60), ..OfferSpec::default() };
    let offer = sandbox.create_offer(spec).unwrap();

    let answer = finalize(&sandbox, &request(&offer.offer_id, "STORE-1")).await;

    let message = "Quote has expired (>60 minutes old)";
    let expected = json!({"code": "offer_expired", "message": message, "data": {"status": 400}});
    assert_eq!(answer, (400, expected));
}

#[tokio::test]
async fn an_offer_within_its_lifetime_is_still_accepted() {
    let sandbox = common::start(Seed).await;
    let spec = OfferSpec { age: Duration::from_secs(59 * 60), ..OfferSpec::default() };
    let offer = sandbox.create_offer(spec).unwrap();

    let (status, _) = finalize(&sandbox, &request(&offer.offer_id, "STORE-1")).await;

    assert_eq!(status, 200);
}

#[tokio::test]
async fn an_offer_used_by_one_order_is_refused_for_another_partner_order() {
    let sandbox = common::start(Seed).await;
    let offer = offer(&sandbox);
    finalize(&sandbox, &request(&offer.offer_id, "STORE-1")).await;

    let (status, body) = finalize(&sandbox, &request(&offer.offer_id, "STORE-2")).await;

    assert_eq!(status, 400);
    assert_eq!(
        (&body["error"], &body["message"]),
        (&json!("invalid_request"), &json!("Offer already used"))
    );
    assert_eq!(sandbox.orders().len(), 1);
}

#[tokio::test]
async fn other_methods_and_routes_get_the_wordpress_no_route_answer() {
    let sandbox = common::start(Seed).await;

    let response = common::client().get(sandbox.finalize_url()).send().await.unwrap();

    assert_eq!(response.status(), 404);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "rest_no_route");
}
