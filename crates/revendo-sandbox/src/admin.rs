//! The admin endpoints under `/sandbox/admin/`: fault injection, the response shape, and
//! a look at what the server holds. Customer data is never shown here.

use std::time::Duration;

use hyper::body::Incoming;
use hyper::{Method, Request, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::catalogue::{Answers, Payout, francs};
use crate::config::{Faults, ResponseShape};
use crate::http::{self, Body};
use crate::ledger::{OfferSpec, SandboxOrder};
use crate::page::offer_json;
use crate::server::Shared;
use crate::zurich;

/// Serves `/sandbox/admin/…`.
pub(crate) async fn route(shared: &Shared, request: Request<Incoming>) -> Response<Body> {
    let path = request.uri().path().to_owned();

    match (request.method(), path.as_str()) {
        (&Method::GET, "/sandbox/admin/faults") => faults_json(shared),
        (&Method::POST, "/sandbox/admin/faults") => {
            match http::read_json::<Faults>(request).await {
                Ok(faults) => {
                    tracing::info!(?faults, "faults replaced");
                    shared.faults.send_replace(faults);
                    faults_json(shared)
                }
                Err(response) => response,
            }
        }
        (&Method::GET, "/sandbox/admin/shape") => shape_json(shared),
        (&Method::POST, "/sandbox/admin/shape") => {
            match http::read_json::<ShapeRequest>(request).await {
                Ok(ShapeRequest { shape }) => {
                    tracing::info!(?shape, "response shape switched");
                    shared.set_shape(shape);
                    shape_json(shared)
                }
                Err(response) => response,
            }
        }
        (&Method::GET, "/sandbox/admin/orders") => {
            let orders: Vec<Value> = shared.ledger().orders().iter().map(order_json).collect();
            http::json_response(200, &Value::Array(orders))
        }
        (&Method::GET, "/sandbox/admin/offers") => {
            let offers: Vec<Value> = shared.ledger().offers().iter().map(offer_json).collect();
            http::json_response(200, &Value::Array(offers))
        }
        (&Method::POST, "/sandbox/admin/offers") => {
            match http::read_json::<OfferRequest>(request).await {
                Ok(wanted) => match shared.create_offer(&wanted.spec()) {
                    Some(offer) => http::json_response(200, &offer_json(&offer)),
                    None => http::json_error(404, "unknown product"),
                },
                Err(response) => response,
            }
        }
        _ => http::text(404, "Not found"),
    }
}

fn faults_json(shared: &Shared) -> Response<Body> {
    let faults = shared.faults.borrow().clone();
    http::json_response(200, &json!(faults))
}

fn shape_json(shared: &Shared) -> Response<Body> {
    http::json_response(200, &json!({"shape": shared.shape()}))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShapeRequest {
    shape: ResponseShape,
}

/// An offer to create directly, e.g. back-dated to test expiry; every field is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct OfferRequest {
    product_id: Option<u32>,
    answers: Answers,
    payout: Payout,
    age_seconds: u64,
}

impl OfferRequest {
    fn spec(&self) -> OfferSpec {
        let defaults = OfferSpec::default();
        OfferSpec {
            product_id: self.product_id.unwrap_or(defaults.product_id),
            answers: self.answers,
            payout: self.payout,
            age: Duration::from_secs(self.age_seconds),
        }
    }
}

/// An order as the admin list shows it: its ids in both shapes, never the customer.
fn order_json(order: &SandboxOrder) -> Value {
    json!({
        "order_number": order.order_number,
        "order_id": order.later_order_id(),
        "web_id": order.web_id,
        "partner_order_id": order.partner_order_id,
        "offer_id": order.offer_id,
        "quote_amount": francs(order.quote_amount),
        "payout": order.payout,
        "tracking_url": order.tracking_url(),
        "created_at": zurich::utc_z(order.created_at),
    })
}
