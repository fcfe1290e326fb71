//! Reads Revendo's answer to a finalize, in every published shape, into a
//! [`RevendoOrder`] or a [`FinalizeError`].
//!
//! Amounts are read from their JSON text (`227.00` stays 22700 Rappen) through
//! `RawValue`, never through a float. Unknown fields are ignored.

use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::error::{
    ConfigProblem, FinalizeError, Refusal, Result, UnexpectedKind, fields_named_in,
};
use crate::money::Rappen;
use crate::order::RevendoOrder;
use crate::timestamp::parse_created_at;

/// The tracking page of an order when Revendo's answer has none: a URL with an `{id}`
/// placeholder that receives the web id, or else the order id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackingUrlPattern(String);

impl TrackingUrlPattern {
    /// The pattern Revendo publishes.
    pub const PUBLISHED: &'static str = "https://revendo.ch/ankauf/tracking/?order={id}";

    /// Accepts a pattern that has the `{id}` placeholder.
    pub fn new(pattern: impl Into<String>) -> Result<TrackingUrlPattern> {
        let pattern = pattern.into();
        if !pattern.contains("{id}") {
            return Err(FinalizeError::Config(ConfigProblem::TrackingPatternWithoutId));
        }
        Ok(TrackingUrlPattern(pattern))
    }

    /// The tracking URL of an order id, the id percent-encoded.
    pub fn url_for(&self, id: &str) -> String {
        let mut encoded = String::with_capacity(id.len());
        for byte in id.bytes() {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                encoded.push(char::from(byte));
            } else {
                encoded.push_str(&format!("%{byte:02X}"));
            }
        }
        self.0.replace("{id}", &encoded)
    }
}

impl Default for TrackingUrlPattern {
    fn default() -> Self {
        TrackingUrlPattern(Self::PUBLISHED.to_owned())
    }
}

/// Longest id, status or currency text accepted from Revendo.
const MAX_ID_CHARS: usize = 100;
/// Longest server message kept.
const MAX_MESSAGE_CHARS: usize = 500;
/// Most detail lines kept from `data.errors`.
const MAX_DETAIL_LINES: usize = 50;

/// The order fields of a success, a flat 409, or an `existing_order`.
#[derive(Deserialize, Clone)]
struct WireOrder<'a> {
    #[serde(borrow, default)]
    order_id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    web_id: Option<&'a RawValue>,
    #[serde(default)]
    status: Option<Value>,
    #[serde(borrow, default)]
    quote_amount: Option<&'a RawValue>,
    #[serde(default)]
    currency: Option<Value>,
    #[serde(default)]
    tracking_url: Option<Value>,
    #[serde(default)]
    created_at: Option<Value>,
}

/// Everything around the order: success flag, error code and message, `data`, and the
/// seed 409's `existing_order` (also looked for inside `data`).
#[derive(Deserialize)]
struct WireEnvelope<'a> {
    #[serde(default)]
    success: Option<Value>,
    #[serde(default)]
    error: Option<Value>,
    #[serde(default)]
    code: Option<Value>,
    #[serde(default)]
    message: Option<Value>,
    #[serde(borrow, default)]
    data: Option<WireErrorData<'a>>,
    #[serde(borrow, default)]
    existing_order: Option<WireOrder<'a>>,
}

#[derive(Deserialize)]
struct WireErrorData<'a> {
    #[serde(default)]
    errors: Option<Value>,
    #[serde(borrow, default)]
    existing_order: Option<WireOrder<'a>>,
}

/// Reads one answer of the finalize endpoint: 200 (seed, later, partner draft) and
/// 409 (flat, or with `existing_order`) become an order, 409 marked `already_existed`;
/// 4xx become the matching refusal; 5xx a server error; anything else an unexpected
/// response. The number of attempts in the error is 1; the client corrects it.
pub fn parse_finalize_response(
    status: u16,
    body: &[u8],
    tracking: &TrackingUrlPattern,
) -> Result<RevendoOrder> {
    let unexpected = |kind| FinalizeError::UnexpectedResponse { status, kind, attempts: 1 };
    if !(200..=299).contains(&status) && !(400..=599).contains(&status) {
        return Err(unexpected(UnexpectedKind::UnknownStatus));
    }
    if looks_like_html(body) {
        return Err(unexpected(UnexpectedKind::HtmlPage));
    }

    let envelope = serde_json::from_slice::<WireEnvelope>(body);
    if (500..=599).contains(&status) {
        let message = envelope.ok().and_then(|e| e.message.as_ref().and_then(short_text));
        return Err(FinalizeError::ServerError { status, message, attempts: 1 });
    }
    let envelope = match envelope {
        Ok(envelope) if first_byte(body) == Some(b'{') => envelope,
        _ if serde_json::from_slice::<Value>(body).is_ok() => {
            return Err(unexpected(UnexpectedKind::UnknownShape));
        }
        _ => return Err(unexpected(UnexpectedKind::NotJson)),
    };

    let failed = envelope.success.as_ref().and_then(Value::as_bool) == Some(false);
    match status {
        200..=299 if !failed => read_flat_order(body, tracking, false).map_err(unexpected),
        409 => {
            let nested =
                envelope.existing_order.or(envelope.data.and_then(|data| data.existing_order));
            match nested {
                Some(order) => read_order(order, tracking, true).map_err(unexpected),
                None => read_flat_order(body, tracking, true).map_err(unexpected),
            }
        }
        _ => Err(refusal(status, &envelope)),
    }
}

/// A 4xx (or a 2xx that says `success: false`) as the refusal it stands for.
fn refusal(status: u16, envelope: &WireEnvelope) -> FinalizeError {
    let code = envelope
        .error
        .as_ref()
        .and_then(Value::as_str)
        .or_else(|| envelope.code.as_ref().and_then(Value::as_str))
        .unwrap_or("");
    let details = envelope.data.as_ref().and_then(|d| d.errors.as_ref()).map(detail_lines);
    let refusal = Refusal {
        status,
        code: code.chars().take(MAX_ID_CHARS).collect(),
        message: envelope.message.as_ref().and_then(short_text).unwrap_or_default(),
        errors: details.unwrap_or_default(),
        after_unanswered_attempt: false,
    };

    match (code, status) {
        ("offer_expired", _) => FinalizeError::OfferExpired(refusal),
        ("offer_not_found", _) => FinalizeError::OfferNotFound(refusal),
        ("unauthorized", _) | (_, 401 | 403) => FinalizeError::Unauthorized(refusal),
        ("invalid_request", _) | (_, 400) => {
            let texts = std::iter::once(refusal.message.as_str())
                .chain(refusal.errors.iter().map(String::as_str));
            FinalizeError::InvalidRequest { fields: fields_named_in(texts), refusal }
        }
        _ => FinalizeError::UnexpectedResponse {
            status,
            kind: UnexpectedKind::UnknownStatus,
            attempts: 1,
        },
    }
}

fn read_flat_order(
    body: &[u8],
    tracking: &TrackingUrlPattern,
    already_existed: bool,
) -> std::result::Result<RevendoOrder, UnexpectedKind> {
    let wire: WireOrder = serde_json::from_slice(body).map_err(|_| UnexpectedKind::UnknownShape)?;
    read_order(wire, tracking, already_existed)
}

/// Normalises one order. Only a missing or malformed order id makes it unusable; an
/// amount finer than a Rappen, an unknown date format or a tracking URL that is not
/// http(s) are dropped (the order exists, and refusing it would hide that).
fn read_order(
    wire: WireOrder,
    tracking: &TrackingUrlPattern,
    already_existed: bool,
) -> std::result::Result<RevendoOrder, UnexpectedKind> {
    let order_id = wire.order_id.and_then(id_text).ok_or(UnexpectedKind::UnknownShape)?;
    let web_id = wire.web_id.and_then(id_text);

    let quote_amount = wire.quote_amount.and_then(|raw| match amount_from_raw(raw) {
        Ok(amount) => amount,
        Err(()) => {
            tracing::warn!(%order_id, "quote_amount is not an amount in Rappen; ignored");
            None
        }
    });
    let created_at = wire.created_at.as_ref().and_then(Value::as_str).and_then(|text| {
        let parsed = parse_created_at(text);
        if parsed.is_none() {
            tracing::warn!(%order_id, "created_at has an unknown format; ignored");
        }
        parsed
    });

    let given_url = wire
        .tracking_url
        .as_ref()
        .and_then(Value::as_str)
        .filter(|url| url.starts_with("https://") || url.starts_with("http://"))
        .filter(|url| url.len() <= 2048 && !url.chars().any(char::is_control));
    let tracking_url = match given_url {
        Some(url) => url.to_owned(),
        None => tracking.url_for(web_id.as_deref().unwrap_or(&order_id)),
    };

    Ok(RevendoOrder {
        status: wire.status.as_ref().and_then(short_id).unwrap_or_else(|| "unknown".to_owned()),
        currency: wire.currency.as_ref().and_then(short_id),
        order_id,
        web_id,
        quote_amount,
        tracking_url,
        created_at,
        already_existed,
    })
}

/// An id sent as a JSON string or an integer, as text; `None` when empty, too long or
/// of another type.
fn id_text(raw: &RawValue) -> Option<String> {
    let value: Value = serde_json::from_str(raw.get()).ok()?;
    match value {
        Value::String(text) => Some(text.trim().to_owned()),
        Value::Number(number) if number.is_u64() || number.is_i64() => Some(raw.get().to_owned()),
        _ => None,
    }
    .filter(|id| !id.is_empty() && id.chars().count() <= MAX_ID_CHARS)
    .filter(|id| !id.chars().any(char::is_control))
}

fn short_id(value: &Value) -> Option<String> {
    value
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty() && s.chars().count() <= MAX_ID_CHARS)
        .map(str::to_owned)
}

fn short_text(value: &Value) -> Option<String> {
    value.as_str().map(|s| s.chars().take(MAX_MESSAGE_CHARS).collect())
}

/// `data.errors` as lines: a list of texts, or WordPress's `{field: [texts]}` map.
fn detail_lines(errors: &Value) -> Vec<String> {
    let mut lines = Vec::new();
    let mut collect = |value: &Value| match value {
        Value::String(_) => lines.extend(short_text(value)),
        Value::Array(items) => lines.extend(items.iter().filter_map(short_text)),
        _ => {}
    };
    match errors {
        Value::Object(map) => map.values().for_each(&mut collect),
        other => collect(other),
    }
    lines.truncate(MAX_DETAIL_LINES);
    lines
}

/// An amount in francs from its JSON text: a number (`227.00`) or a numeric string
/// (`"227.00"`), exactly; `null` is no amount.
pub(crate) fn amount_from_raw(raw: &RawValue) -> std::result::Result<Option<Rappen>, ()> {
    let text = raw.get();
    if text == "null" {
        return Ok(None);
    }
    let decimal = if text.starts_with('"') {
        serde_json::from_str::<String>(text).map_err(|_| ())?
    } else {
        text.to_owned()
    };
    Rappen::from_decimal_str(decimal.trim()).map(Some).map_err(|_| ())
}

fn looks_like_html(body: &[u8]) -> bool {
    first_byte(body) == Some(b'<')
}

/// The first byte that is not whitespace or a byte order mark.
fn first_byte(body: &[u8]) -> Option<u8> {
    let start = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    start.iter().copied().find(|b| !b.is_ascii_whitespace())
}

#[cfg(test)]
mod tests;
