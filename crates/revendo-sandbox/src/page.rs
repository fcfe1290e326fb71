//! The trade-in page and the endpoints it calls on its own origin.
//!
//! The server, not the page, prices devices and creates offers, so the offers the API
//! accepts are exactly those the page showed, with their real creation time.

use hyper::body::Incoming;
use hyper::header::{CACHE_CONTROL, HeaderValue, LOCATION};
use hyper::{Method, Request, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::catalogue::{self, Adjustment, Answers, Payout, francs};
use crate::http::{self, Body};
use crate::ledger::{Offer, OfferSpec};
use crate::server::Shared;
use crate::zurich;

const PAGE: &str = include_str!("../assets/trade-in.html");
const SCRIPT: &str = include_str!("../assets/trade-in.js");
const STYLE: &str = include_str!("../assets/trade-in.css");
const INDEX: &str = include_str!("../assets/index.html");
const IFRAME_REQUIRED: &str = include_str!("../assets/iframe-required.html");

/// The page's own scripts and styles only; nothing inline, no other origin. Any site may
/// frame it, as Revendo's page is framed by every partner.
const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";

/// Serves the page, its assets and its endpoints; anything else is 404.
pub(crate) async fn route(shared: &Shared, request: Request<Incoming>) -> Response<Body> {
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);

    match (request.method(), path.as_str()) {
        (&Method::GET, "/sell-a-device-iframe/") => trade_in_page(query.as_deref()),
        (&Method::GET, "/sell-a-device-iframe") => {
            let target = match &query {
                Some(query) => format!("/sell-a-device-iframe/?{query}"),
                None => "/sell-a-device-iframe/".to_owned(),
            };
            let mut response = http::text(301, "Moved Permanently");
            if let Ok(location) = HeaderValue::from_str(&target) {
                response.headers_mut().insert(LOCATION, location);
            }
            response
        }
        (&Method::GET, "/sandbox/assets/trade-in.js") => {
            asset("text/javascript; charset=utf-8", SCRIPT)
        }
        (&Method::GET, "/sandbox/assets/trade-in.css") => asset("text/css; charset=utf-8", STYLE),
        (&Method::GET, "/sandbox/catalogue") => {
            let hostile = http::query_param(query.as_deref(), "catalog") == Some("hostile");
            http::json_response(200, &catalogue::catalogue_json(hostile))
        }
        (&Method::POST, "/sandbox/prices") => prices(request).await,
        (&Method::POST, "/sandbox/quotes") => create_quote(shared, request).await,
        (&Method::POST, "/sandbox/quotes/payout") => choose_payout(shared, request).await,
        _ => http::text(404, "Not found"),
    }
}

/// A short index at `/`, for staff who open the sandbox in a browser.
pub(crate) fn index() -> Response<Body> {
    http::respond(200, "text/html; charset=utf-8", INDEX)
}

/// The page itself; Revendo requires `iframe=1`, and so does the sandbox.
fn trade_in_page(query: Option<&str>) -> Response<Body> {
    let mut response = if http::query_param(query, "iframe") == Some("1") {
        http::respond(200, "text/html; charset=utf-8", PAGE)
    } else {
        http::respond(400, "text/html; charset=utf-8", IFRAME_REQUIRED)
    };
    if let Ok(policy) = HeaderValue::from_str(PAGE_POLICY) {
        response.headers_mut().insert("content-security-policy", policy);
    }
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn asset(content_type: &'static str, text: &'static str) -> Response<Body> {
    let mut response = http::respond(200, content_type, text);
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// What the page sends to price a device or create an offer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteRequest {
    product_id: u32,
    #[serde(default)]
    answers: Answers,
    #[serde(default)]
    payout: Payout,
}

/// `POST /sandbox/prices`: the price of a device under some answers, creating nothing.
async fn prices(request: Request<Incoming>) -> Response<Body> {
    let quote: QuoteRequest = match http::read_json(request).await {
        Ok(quote) => quote,
        Err(response) => return response,
    };
    let Some(device) = catalogue::device_by_id(quote.product_id) else {
        return http::json_error(404, "unknown product");
    };

    let pricing = catalogue::price(device, quote.answers);
    let body = json!({
        "price": {
            "base": francs(pricing.base),
            "final_cash": francs(pricing.cash),
            "final_coupon": francs(pricing.voucher),
        },
        "deductions": adjustments(&pricing.deductions),
        "bonuses": adjustments(&pricing.bonuses),
    });
    http::json_response(200, &body)
}

/// `POST /sandbox/quotes`: creates the offer the customer accepts, returned as the
/// `details` of `revendo_device_selected` plus `payout` and `created_at`.
async fn create_quote(shared: &Shared, request: Request<Incoming>) -> Response<Body> {
    let quote: QuoteRequest = match http::read_json(request).await {
        Ok(quote) => quote,
        Err(response) => return response,
    };

    let spec = OfferSpec {
        product_id: quote.product_id,
        answers: quote.answers,
        payout: quote.payout,
        ..OfferSpec::default()
    };
    match shared.create_offer(&spec) {
        Some(offer) => {
            tracing::info!(offer_id = %offer.offer_id, price_id = %offer.price_id, "offer created");
            http::json_response(200, &offer_json(&offer))
        }
        None => http::json_error(404, "unknown product"),
    }
}

/// What the page sends when the customer switches between cash and voucher.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PayoutRequest {
    offer_ids: Vec<String>,
    payout: Payout,
}

/// `POST /sandbox/quotes/payout`: records the payout chosen for offers already in the
/// cart, so that the order's `quote_amount` follows the customer's last choice.
async fn choose_payout(shared: &Shared, request: Request<Incoming>) -> Response<Body> {
    let choice: PayoutRequest = match http::read_json(request).await {
        Ok(choice) => choice,
        Err(response) => return response,
    };

    let chosen = shared.ledger().choose_payout(&choice.offer_ids, choice.payout);
    http::json_response(200, &json!({"chosen": chosen, "payout": choice.payout}))
}

/// An offer as the page and the admin endpoints show it.
pub(crate) fn offer_json(offer: &Offer) -> Value {
    json!({
        "offer_id": offer.offer_id,
        "price_id": offer.price_id,
        "product": {"id": offer.product_id, "name": offer.product_name, "quantity": 1},
        "price": {
            "base": francs(offer.base),
            "final_cash": francs(offer.cash),
            "final_coupon": francs(offer.voucher),
        },
        "deductions": adjustments(&offer.deductions),
        "bonuses": adjustments(&offer.bonuses),
        "coupons": [],
        "payout": offer.payout,
        "created_at": zurich::utc_z(offer.created_at),
    })
}

fn adjustments(lines: &[Adjustment]) -> Value {
    lines.iter().map(|line| json!({"label": line.label, "amount": francs(line.amount)})).collect()
}
