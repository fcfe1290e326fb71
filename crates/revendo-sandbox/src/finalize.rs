//! The finalize endpoint's decisions: which request becomes an order and which is refused,
//! with Revendo's published codes and messages.
//!
//! Checks run in this order: the key, the JSON body, required fields, customer data, the
//! partner order id (a known one answers 409 whatever the offer), the offer's existence,
//! its age, and whether another order already used it.

use std::time::Duration;

use serde_json::{Map, Value};
use time::OffsetDateTime;

use crate::config::ResponseShape;
use crate::ledger::Ledger;
use crate::shape::{self, Refusal};

/// What the endpoint answers: an HTTP status and a JSON body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Answer {
    pub status: u16,
    pub body: Value,
}

/// The inputs of one finalize request.
pub(crate) struct Request<'a> {
    pub api_key: Option<&'a [u8]>,
    pub body: &'a [u8],
    pub now: OffsetDateTime,
}

/// The rules of the endpoint, fixed for the life of a sandbox.
pub(crate) struct Rules<'a> {
    pub api_key: &'a str,
    pub offer_lifetime: Duration,
}

/// Decides one finalize request, creating the order when it is accepted.
pub(crate) fn finalize(
    ledger: &mut Ledger,
    rules: &Rules<'_>,
    shape: ResponseShape,
    request: &Request<'_>,
) -> Answer {
    match decide(ledger, rules, shape, request) {
        Ok(answer) => answer,
        Err(refusal) => Answer { status: refusal.status, body: refusal.body(shape) },
    }
}

fn decide(
    ledger: &mut Ledger,
    rules: &Rules<'_>,
    shape: ResponseShape,
    request: &Request<'_>,
) -> Result<Answer, Refusal> {
    if request.api_key != Some(rules.api_key.as_bytes()) {
        return Err(Refusal::unauthorized());
    }

    let body: Value = serde_json::from_slice(request.body)
        .map_err(|_| Refusal::invalid_request("Invalid JSON body"))?;
    let Some(body) = body.as_object() else {
        return Err(Refusal::invalid_request("Invalid JSON body: expected an object"));
    };

    let fields = Fields::read(body);
    let missing = fields.missing(shape);
    if !missing.is_empty() {
        return Err(Refusal::invalid_request(format!(
            "Missing required fields: {}",
            missing.join(", ")
        )));
    }
    if fields.country != "CH" {
        let mut refusal = Refusal::invalid_request("Invalid customer data");
        refusal.errors.push("We can only accept orders from Switzerland".to_owned());
        return Err(refusal);
    }

    if let Some(existing) = ledger.order_for(&fields.partner_order_id) {
        tracing::info!(partner_order_id = %existing.partner_order_id, "duplicate order");
        return Ok(Answer { status: 409, body: shape::duplicate(existing, shape) });
    }

    let offer = ledger
        .offer(&fields.offer_id)
        .ok_or_else(|| Refusal::new(404, "offer_not_found", "Offer not found"))?
        .clone();
    if request.now - offer.created_at > rules.offer_lifetime {
        let lifetime = describe(rules.offer_lifetime);
        return Err(Refusal::new(
            400,
            "offer_expired",
            format!("Quote has expired (>{lifetime} old)"),
        ));
    }
    if ledger.is_used(&offer) {
        return Err(Refusal::invalid_request("Offer already used"));
    }

    let customer = body.get("customer").cloned().unwrap_or(Value::Null);
    let order = ledger.create_order(&offer, &fields.partner_order_id, customer, request.now);
    tracing::info!(
        partner_order_id = %order.partner_order_id,
        offer_id = %order.offer_id,
        order_number = order.order_number,
        "order created"
    );
    Ok(Answer { status: 200, body: shape::created(&order, shape) })
}

/// "60 minutes", or seconds for lifetimes shorter than a whole number of minutes.
fn describe(lifetime: Duration) -> String {
    let seconds = lifetime.as_secs();
    if seconds.is_multiple_of(60) && seconds > 0 {
        format!("{} minutes", seconds / 60)
    } else {
        format!("{seconds} seconds")
    }
}

/// The required fields of a request, each as trimmed text (empty when absent, blank or
/// not a string or number).
struct Fields {
    offer_id: String,
    partner_order_id: String,
    customer: [(&'static str, String); 5],
    address: [(&'static str, String); 4],
    country: String,
    shipping_method: String,
}

impl Fields {
    fn read(body: &Map<String, Value>) -> Self {
        let empty = Map::new();
        let customer = body.get("customer").and_then(Value::as_object).unwrap_or(&empty);
        let address = customer.get("address").and_then(Value::as_object).unwrap_or(&empty);
        let text = |map: &Map<String, Value>, key: &str| match map.get(key) {
            Some(Value::String(text)) => text.trim().to_owned(),
            Some(Value::Number(number)) => number.to_string(),
            _ => String::new(),
        };

        Self {
            offer_id: text(body, "offer_id"),
            partner_order_id: text(body, "partner_order_id"),
            customer: ["email", "first_name", "last_name", "phone", "iban"]
                .map(|key| (key, text(customer, key))),
            address: ["street", "zip", "city", "country"].map(|key| (key, text(address, key))),
            country: text(address, "country"),
            shipping_method: text(body, "shipping_method"),
        }
    }

    /// The names of absent fields, in the order of the published request; `IBAN` is
    /// spelled as Revendo's message spells it and required only in the later shape.
    fn missing(&self, shape: ResponseShape) -> Vec<&'static str> {
        let mut missing = Vec::new();
        let top = [("offer_id", &self.offer_id), ("partner_order_id", &self.partner_order_id)];
        missing.extend(top.iter().filter(|(_, value)| value.is_empty()).map(|(key, _)| *key));

        for (key, value) in self.customer.iter().chain(&self.address) {
            if !value.is_empty() {
                continue;
            }
            match *key {
                "iban" if shape == ResponseShape::Seed => {}
                "iban" => missing.push("IBAN"),
                other => missing.push(other),
            }
        }

        if self.shipping_method.is_empty() {
            missing.push("shipping_method");
        }
        missing
    }
}
