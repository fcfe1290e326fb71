//! What the journal records and what it hands back.

use revendo_protocol::{Address, Customer, Payout, Rappen, RevendoOrder};
use serde::Serialize;
use time::OffsetDateTime;

use crate::ids::{AttemptId, OrderId};
use crate::{Error, Result};

/// Where an order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OrderState {
    /// Journaled with its partner order id; nothing sent yet.
    Created,
    /// An attempt was journaled as started; its request may have reached Revendo.
    InFlight,
    /// Revendo created the order (HTTP 200, or 409 for an order an earlier attempt
    /// created). Final.
    Confirmed,
    /// Revendo refused the order with an error code that no retry changes. Final.
    Rejected,
    /// The outcome is unknown (retries exhausted, no answer, or the app was stopped
    /// mid-request); staff resend it with the same partner order id.
    Unresolved,
}

impl OrderState {
    /// Every state, in the order of an order's life.
    pub const ALL: [OrderState; 5] = [
        OrderState::Created,
        OrderState::InFlight,
        OrderState::Confirmed,
        OrderState::Rejected,
        OrderState::Unresolved,
    ];

    /// The name stored in the journal and written to exports.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderState::Created => "created",
            OrderState::InFlight => "in_flight",
            OrderState::Confirmed => "confirmed",
            OrderState::Rejected => "rejected",
            OrderState::Unresolved => "unresolved",
        }
    }

    /// Reads a stored state name.
    pub(crate) fn parse(text: &str) -> Result<OrderState> {
        OrderState::ALL
            .into_iter()
            .find(|state| state.as_str() == text)
            .ok_or_else(|| Error::Corrupt(format!("order state {text:?}")))
    }

    /// Confirmed or rejected: the outcome can no longer change.
    pub fn is_settled(self) -> bool {
        matches!(self, OrderState::Confirmed | OrderState::Rejected)
    }
}

/// An order as the app hands it to the journal, before it has a partner order id.
#[derive(Debug, Clone)]
pub struct NewOrder {
    /// The permanent offer id sent to Revendo; one order per offer.
    pub offer_id: String,
    /// The iframe's `price_id`, when it differs from the offer id.
    pub price_id: Option<String>,
    /// Revendo's product id, when the iframe sent one.
    pub product_id: Option<String>,
    /// The device's name as the iframe showed it.
    pub device_name: String,
    /// The cash amount of the quote.
    pub cash: Rappen,
    /// The voucher amount of the quote.
    pub voucher: Rappen,
    /// How the customer chose to be paid.
    pub payout: Payout,
    /// The validated customer, with the full IBAN.
    pub customer: Customer,
    /// The staff member at the till.
    pub operator: String,
}

/// What `create_order` did: journaled a new order, or found the offer's existing one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "order", rename_all = "snake_case")]
pub enum Created {
    /// A new order with a freshly allocated partner order id, committed.
    New(OrderSummary),
    /// The offer already had an order; nothing was written. A second click never makes a
    /// second order.
    Existing(OrderSummary),
}

impl Created {
    /// The order, new or existing.
    pub fn order(&self) -> &OrderSummary {
        match self {
            Created::New(order) | Created::Existing(order) => order,
        }
    }
}

/// How an attempt ended, as journaled after its request returned or failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptOutcome {
    /// When the answer (or the failure) arrived.
    pub finished_at: OffsetDateTime,
    /// The HTTP status, when a response arrived.
    pub http_status: Option<u16>,
    /// Revendo's error code, or the app's code for a transport failure (`timeout`).
    pub error_code: Option<String>,
}

/// One row of the history list: enough to show and find an order, nothing secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct OrderSummary {
    /// The journal id, for `order_detail`.
    pub id: OrderId,
    /// The partner order id staff read to Revendo.
    pub partner_order_id: String,
    /// The offer the order was made for.
    pub offer_id: String,
    /// The device's name.
    pub device_name: String,
    /// The cash amount of the quote.
    pub cash: Rappen,
    /// The voucher amount of the quote.
    pub voucher: Rappen,
    /// The payout the customer chose.
    pub payout: Payout,
    /// First and last name; `None` once purged.
    pub customer_name: Option<String>,
    /// Where the order stands.
    pub state: OrderState,
    /// When the order was journaled.
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: OffsetDateTime,
    /// The staff member who made it.
    pub operator: String,
    /// Revendo's order id, once confirmed.
    pub revendo_order_id: Option<String>,
    /// Revendo's customer-facing id, once confirmed (when Revendo gave one).
    pub web_id: Option<String>,
    /// The code of the last failure, for rejected and unresolved orders.
    pub last_error_code: Option<String>,
}

/// One attempt to finalize an order, as shown in its detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AttemptRecord {
    /// The attempt's journal id.
    pub id: AttemptId,
    /// 1 for the first attempt of the order, then 2, 3, …
    pub number: i64,
    /// When it was journaled as started, just before the request left.
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub started_at: OffsetDateTime,
    /// When its outcome was journaled; for an interrupted attempt, when the interruption
    /// was found.
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub finished_at: Option<OffsetDateTime>,
    /// How long the request took; `None` when unknown (interrupted).
    pub duration_ms: Option<i64>,
    /// The HTTP status, when a response arrived.
    pub http_status: Option<u16>,
    /// The error code, `interrupted` when the app stopped mid-request.
    pub error_code: Option<String>,
}

/// Everything about one order that may be shown to staff. The IBAN is always masked
/// here; only [`ResendOrder`] carries it in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct OrderDetail {
    /// The fields of the history row.
    #[serde(flatten)]
    pub summary: OrderSummary,
    /// The iframe's price id, when recorded.
    pub price_id: Option<String>,
    /// Revendo's product id, when recorded.
    pub product_id: Option<String>,
    /// The customer's first name; `None` once purged.
    pub first_name: Option<String>,
    /// The customer's last name; `None` once purged.
    pub last_name: Option<String>,
    /// The customer's email; `None` once purged.
    pub email: Option<String>,
    /// The customer's phone in E.164; `None` once purged.
    pub phone: Option<String>,
    /// The payout IBAN, masked (`CH93…2957`).
    pub iban_masked: Option<String>,
    /// The customer's address; `None` once purged.
    pub address: Option<Address>,
    /// The store of the till that made the order.
    pub store_id: String,
    /// The till that made the order.
    pub till_id: String,
    /// When the order last changed.
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated_at: OffsetDateTime,
    /// When it was confirmed or rejected.
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub settled_at: Option<OffsetDateTime>,
    /// When its personal data was purged.
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub personal_data_purged_at: Option<OffsetDateTime>,
    /// Revendo's answer, once confirmed.
    pub revendo: Option<RevendoOrder>,
    /// The message of the last failure.
    pub last_error_message: Option<String>,
    /// Every attempt, first to last.
    pub attempts: Vec<AttemptRecord>,
}

/// What the app needs to send an unresolved order again: the same offer and partner order
/// id, and the stored customer with the full IBAN. Never sent to the page.
#[derive(Debug, Clone)]
pub struct ResendOrder {
    /// The order's journal id.
    pub id: OrderId,
    /// The offer id to send.
    pub offer_id: String,
    /// The partner order id to send again: Revendo answers 409 if an earlier attempt
    /// created the order.
    pub partner_order_id: String,
    /// The customer as journaled.
    pub customer: Customer,
}

/// Milliseconds since the Unix epoch, as stored.
pub(crate) fn to_millis(at: OffsetDateTime) -> i64 {
    (at.unix_timestamp_nanos() / 1_000_000) as i64
}

/// The instant of stored milliseconds, in UTC.
pub(crate) fn from_millis(millis: i64) -> Result<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000)
        .map_err(|_| Error::Corrupt(format!("timestamp {millis}")))
}

/// Reads a stored payout name.
pub(crate) fn parse_payout(text: &str) -> Result<Payout> {
    match text {
        "cash" => Ok(Payout::Cash),
        "voucher" => Ok(Payout::Voucher),
        other => Err(Error::Corrupt(format!("payout {other:?}"))),
    }
}
