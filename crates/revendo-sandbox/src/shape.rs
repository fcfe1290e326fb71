//! The bodies of the finalize API, in each published response shape.

use serde_json::{Value, json};

use crate::catalogue::francs;
use crate::config::ResponseShape;
use crate::ledger::SandboxOrder;
use crate::zurich;

/// A refusal of the finalize API: HTTP status, Revendo's error code and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    /// Details the later shape lists in `data.errors`; the seed shape appends them to the
    /// message, as it has no field for them.
    pub errors: Vec<String>,
}

impl Refusal {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into(), errors: Vec::new() }
    }

    pub fn invalid_request(message: impl Into<String>) -> Self {
        Self::new(400, "invalid_request", message)
    }

    pub fn unauthorized() -> Self {
        Self::new(401, "unauthorized", "Invalid API key")
    }

    pub fn internal_error() -> Self {
        Self::new(500, "internal_error", "Internal server error")
    }

    /// The body in the given shape.
    pub fn body(&self, shape: ResponseShape) -> Value {
        match shape {
            ResponseShape::Seed => {
                let mut message = self.message.clone();
                if !self.errors.is_empty() {
                    message = format!("{message}: {}", self.errors.join("; "));
                }
                json!({"success": false, "error": self.code, "message": message, "code": self.status})
            }
            ResponseShape::Later => {
                let mut data = json!({"status": self.status});
                if !self.errors.is_empty() {
                    data["errors"] = json!(self.errors);
                }
                json!({"code": self.code, "message": self.message, "data": data})
            }
        }
    }
}

/// The 200 body for a new order.
pub(crate) fn created(order: &SandboxOrder, shape: ResponseShape) -> Value {
    let mut body = order_fields(order, shape);
    body["success"] = json!(true);
    if shape == ResponseShape::Later {
        body["created_at"] = json!(zurich::utc_offset(order.created_at));
    }
    body
}

/// The 409 body for a partner order id that already has an order.
pub(crate) fn duplicate(order: &SandboxOrder, shape: ResponseShape) -> Value {
    const MESSAGE: &str = "Order already exists";
    match shape {
        ResponseShape::Seed => json!({
            "success": false,
            "error": "duplicate_order",
            "message": MESSAGE,
            "code": 409,
            "existing_order": order_fields(order, shape),
        }),
        ResponseShape::Later => {
            let mut body = order_fields(order, shape);
            body["success"] = json!(true);
            body["message"] = json!(MESSAGE);
            body
        }
    }
}

/// The fields describing an order: the seed's include `web_id` and `tracking_url`; the
/// later ones carry the string id and Zurich local time, as the later 409 does.
fn order_fields(order: &SandboxOrder, shape: ResponseShape) -> Value {
    let mut fields = json!({
        "status": "pending_device",
        "quote_amount": francs(order.quote_amount),
        "currency": "CHF",
    });
    match shape {
        ResponseShape::Seed => {
            fields["order_id"] = json!(order.order_number);
            fields["web_id"] = json!(order.web_id);
            fields["tracking_url"] = json!(order.tracking_url());
            fields["created_at"] = json!(zurich::utc_z(order.created_at));
        }
        ResponseShape::Later => {
            fields["order_id"] = json!(order.later_order_id());
            fields["created_at"] = json!(zurich::zurich_local(order.created_at));
        }
    }
    fields
}
