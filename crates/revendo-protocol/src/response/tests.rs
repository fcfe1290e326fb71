use time::macros::datetime;

use super::*;
use crate::error::Resolution;
use crate::validate::CustomerField;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../fixtures/revendo/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse(status: u16, body: &[u8]) -> Result<RevendoOrder> {
    parse_finalize_response(status, body, &TrackingUrlPattern::default())
}

/// The seed's 409 has no published full example: its order sits in `existing_order`,
/// beside the seed's error fields.
const SEED_409: &str = r#"{
  "success": false,
  "error": "duplicate_order",
  "message": "Order already exists for this partner_order_id",
  "code": 409,
  "existing_order": {
    "order_id": 105030,
    "web_id": "ANK-2025-001234",
    "status": "pending_device",
    "quote_amount": 227.00,
    "currency": "CHF",
    "tracking_url": "https://revendo.ch/ankauf/tracking/?order=ANK-2025-001234",
    "created_at": "2025-10-07T10:30:45Z"
  }
}"#;

#[test]
fn the_seed_200_keeps_its_tracking_url_and_exact_amount() {
    let order = parse(200, &fixture("200-seed.json")).expect("order");

    assert_eq!(order.order_id, "105030");
    assert_eq!(order.web_id.as_deref(), Some("ANK-2025-001234"));
    assert_eq!(order.status, "pending_device");
    assert_eq!(order.quote_amount, Some(Rappen(22700)));
    assert_eq!(order.currency.as_deref(), Some("CHF"));
    assert_eq!(order.tracking_url, "https://revendo.ch/ankauf/tracking/?order=ANK-2025-001234");
    assert_eq!(order.created_at, Some(datetime!(2025-10-07 10:30:45 UTC)));
    assert!(!order.already_existed);
}

#[test]
fn the_later_200_gets_a_tracking_url_built_from_the_string_order_id() {
    let order = parse(200, &fixture("200-later.json")).expect("order");

    assert_eq!(order.order_id, "W-0105185");
    assert_eq!(order.web_id, None);
    assert_eq!(order.quote_amount, Some(Rappen(14500)));
    assert_eq!(order.tracking_url, "https://revendo.ch/ankauf/tracking/?order=W-0105185");
    assert_eq!(order.created_at, Some(datetime!(2025-10-17 13:19:47 UTC)));
}

#[test]
fn the_partner_draft_200_builds_the_tracking_url_from_the_web_id() {
    let order = parse(200, &fixture("200-partner-draft.json")).expect("order");

    assert_eq!(order.order_id, "105030");
    assert_eq!(order.tracking_url, "https://revendo.ch/ankauf/tracking/?order=ANK-2025-001234");
    assert_eq!(order.quote_amount, None);
    assert_eq!(order.created_at, None);
}

#[test]
fn a_configured_pattern_replaces_the_published_one() {
    let pattern =
        TrackingUrlPattern::new("https://staging.revendo.dev/track/{id}").expect("has {id}");

    let order = parse_finalize_response(200, &fixture("200-later.json"), &pattern).expect("order");

    assert_eq!(order.tracking_url, "https://staging.revendo.dev/track/W-0105185");
    assert!(TrackingUrlPattern::new("https://revendo.ch/").is_err());
    assert_eq!(pattern.url_for("A B/1"), "https://staging.revendo.dev/track/A%20B%2F1");
}

#[test]
fn the_later_409_is_the_existing_order_in_swiss_local_time() {
    let order = parse(409, &fixture("409-later.json")).expect("409 is a success");

    assert!(order.already_existed);
    assert_eq!(order.order_id, "W-0105185");
    assert_eq!(order.quote_amount, Some(Rappen(14500)));
    assert_eq!(order.created_at, Some(datetime!(2025-10-17 13:19:45 UTC)));
}

#[test]
fn the_seed_409_takes_the_order_from_existing_order() {
    let order = parse(409, SEED_409.as_bytes()).expect("409 is a success");

    assert!(order.already_existed);
    assert_eq!(order.order_id, "105030");
    assert_eq!(order.web_id.as_deref(), Some("ANK-2025-001234"));
    assert_eq!(order.quote_amount, Some(Rappen(22700)));
}

#[test]
fn an_existing_order_inside_data_is_found_too() {
    let body = r#"{"code":"duplicate_order","message":"Order already exists",
        "data":{"status":409,"existing_order":{"order_id":"W-1","status":"pending_device"}}}"#;

    let order = parse(409, body.as_bytes()).expect("409 is a success");

    assert_eq!(order.order_id, "W-1");
    assert!(order.already_existed);
}

#[test]
fn the_seed_error_shape_is_read_by_its_error_code() {
    let error = parse(400, &fixture("400-seed.json")).expect_err("expired");

    let FinalizeError::OfferExpired(refusal) = &error else { panic!("{error:?}") };
    assert_eq!(refusal.message, "Quote has expired (>60 minutes old)");
    assert_eq!(error.code(), "offer_expired");
    assert_eq!(error.resolution(), Resolution::Rejected);
}

#[test]
fn the_later_error_shape_names_the_missing_iban() {
    let error = parse(400, &fixture("400-later-missing-iban.json")).expect_err("invalid");

    let FinalizeError::InvalidRequest { fields, refusal } = &error else { panic!("{error:?}") };
    assert_eq!(fields, &[CustomerField::Iban]);
    assert_eq!(refusal.message, "Missing required fields: IBAN");
    assert_eq!(error.server_message(), Some("Missing required fields: IBAN"));
}

#[test]
fn the_switzerland_only_error_names_the_country_from_its_detail_lines() {
    let error = parse(400, &fixture("400-later-country.json")).expect_err("invalid");

    let FinalizeError::InvalidRequest { fields, refusal } = &error else { panic!("{error:?}") };
    assert_eq!(fields, &[CustomerField::Country]);
    assert_eq!(refusal.errors, ["We can only accept orders from Switzerland"]);
}

#[test]
fn a_wrong_key_is_unauthorized_in_both_shapes() {
    let later = parse(401, &fixture("401-later.json")).expect_err("401");
    let seed = parse(
        401,
        br#"{"success":false,"error":"unauthorized","message":"Invalid API key","code":401}"#,
    )
    .expect_err("401");

    assert!(matches!(later, FinalizeError::Unauthorized(_)));
    assert!(matches!(seed, FinalizeError::Unauthorized(_)));
}

#[test]
fn an_unknown_offer_is_offer_not_found_but_a_bare_404_is_unexpected() {
    let known = parse(
        404,
        br#"{"code":"offer_not_found","message":"Offer not found","data":{"status":404}}"#,
    );
    let route =
        parse(404, br#"{"code":"rest_no_route","message":"No route","data":{"status":404}}"#);

    assert_eq!(known.expect_err("404").code(), "offer_not_found");
    assert!(matches!(
        route,
        Err(FinalizeError::UnexpectedResponse { kind: UnexpectedKind::UnknownStatus, .. })
    ));
}

#[test]
fn server_errors_keep_their_status_in_both_shapes() {
    let seed =
        parse(500, br#"{"success":false,"error":"internal_error","message":"Boom","code":500}"#);
    let empty = parse(503, b"");

    assert_eq!(
        seed,
        Err(FinalizeError::ServerError { status: 500, message: Some("Boom".into()), attempts: 1 })
    );
    assert_eq!(empty, Err(FinalizeError::ServerError { status: 503, message: None, attempts: 1 }));
}

#[test]
fn html_and_non_json_bodies_are_unexpected_even_with_status_200() {
    let html = parse(502, b"\n<!DOCTYPE html><html><body>Bad Gateway</body></html>");
    let portal = parse(200, b"<html>Login to the shop Wi-Fi</html>");
    let text = parse(200, b"OK");
    let array = parse(200, b"[1,2]");
    let no_id = parse(200, br#"{"success":true,"status":"pending_device"}"#);

    let kind = |r: Result<RevendoOrder>| match r {
        Err(FinalizeError::UnexpectedResponse { kind, .. }) => Some(kind),
        _ => None,
    };
    assert_eq!(kind(html), Some(UnexpectedKind::HtmlPage));
    assert_eq!(kind(portal), Some(UnexpectedKind::HtmlPage));
    assert_eq!(kind(text), Some(UnexpectedKind::NotJson));
    assert_eq!(kind(array), Some(UnexpectedKind::UnknownShape));
    assert_eq!(kind(no_id), Some(UnexpectedKind::UnknownShape));
}

#[test]
fn amounts_are_exact_whatever_their_json_form() {
    let amount = |json: &str| {
        let body = format!(r#"{{"order_id":1,"status":"s","quote_amount":{json}}}"#);
        parse(200, body.as_bytes()).expect("order").quote_amount
    };

    assert_eq!(amount("227.00"), Some(Rappen(22700)));
    assert_eq!(amount("0.1"), Some(Rappen(10)));
    assert_eq!(amount("19.95"), Some(Rappen(1995)));
    assert_eq!(amount("\"145.50\""), Some(Rappen(14550)));
    assert_eq!(amount("null"), None);
    assert_eq!(amount("1.005"), None);
}

#[test]
fn unknown_fields_are_ignored_and_hostile_tracking_urls_replaced() {
    let body = br#"{"success":true,"order_id":"W-7","status":"pending_device","extra":{"a":[1]},
        "tracking_url":"javascript:alert(1)"}"#;

    let order = parse(200, body).expect("order");

    assert_eq!(order.tracking_url, "https://revendo.ch/ankauf/tracking/?order=W-7");
}

#[test]
fn a_200_that_says_success_false_is_a_refusal() {
    let body =
        br#"{"success":false,"error":"offer_expired","message":"Quote has expired","code":400}"#;

    assert_eq!(parse(200, body).expect_err("refused").code(), "offer_expired");
}
