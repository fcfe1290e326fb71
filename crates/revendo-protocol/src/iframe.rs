//! Messages between the till's page and Revendo's trade-in iframe.
//!
//! Everything the iframe posts is untrusted: it is parsed from the JSON value the page
//! received, every text and list is bounded, and amounts are read exactly to the Rappen.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::money::Rappen;
use crate::order::Payout;

/// Longest product name, label or coupon code accepted.
const MAX_TEXT_CHARS: usize = 200;
/// Longest offer, price or product id accepted.
const MAX_ID_CHARS: usize = 100;
/// Most entries accepted in a list (deductions, bonuses, coupons, cart lines).
const MAX_LIST_ENTRIES: usize = 50;
/// Largest height or scroll position accepted, in CSS pixels.
const MAX_PIXELS: f64 = 100_000.0;

/// A message from the iframe, as the till understands it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum IframeEvent {
    /// `revendo_iframe_loaded`: the trade-in page is up (its `status`, normally `ready`).
    Loaded {
        /// The status text sent, normally `ready`.
        status: Option<String>,
    },
    /// `revendo_resize`: the iframe wants this height in pixels.
    Resize {
        /// CSS pixels, rounded up; the page applies its own minimum.
        height: u32,
    },
    /// `revendo_scroll_to_top`: bring the iframe's top into view.
    ScrollToTop,
    /// `revendo_scroll_to_position`: bring this many pixels below the iframe's top into
    /// view.
    ScrollToPosition {
        /// CSS pixels below the iframe's top.
        position: u32,
    },
    /// `revendo_device_selected`: the customer accepted a quote.
    DeviceSelected {
        /// The quote to hold until it is finalized or removed.
        quote: Quote,
    },
    /// `revendo_remove_device_selected`: the quote with this price id was removed.
    RemoveDeviceSelected {
        /// The removed quote's `offer_id` if the message has one, else its `price_id`;
        /// match it with [`Quote::is_removed_by`].
        price_id: String,
    },
    /// `revendo_cart_updated`: the amounts of the quotes in the cart (the customer
    /// switched between cash and voucher).
    CartUpdated {
        /// The cart's quotes, at most 50.
        cart: Vec<CartLine>,
        /// The payout chosen in the iframe, when the message says (`payout: "cash"` or
        /// `"voucher"`); Revendo's published shape does not, so `None` is the norm and
        /// any other value is ignored rather than refused.
        payout: Option<Payout>,
    },
    /// `revendo_order_complete`: analytics only.
    OrderComplete {
        /// Revendo's order id, as text.
        order_id: Option<String>,
        /// The order's total.
        total: Option<Rappen>,
    },
}

/// A quote the customer accepted in the iframe: what the till shows, journals and sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// The id to send as `offer_id`: the event's `offer_id` when present, otherwise its
    /// `price_id` (the seed version's rule).
    pub offer_id: String,
    /// The event's `price_id`, which `revendo_remove_device_selected` refers to.
    pub price_id: Option<String>,
    /// True when `offer_id` ends in `-tmp`: Revendo's later pages call such ids
    /// temporary session ids, which the API may not accept.
    pub temporary: bool,
    /// The device.
    pub product: Product,
    /// Price before deductions and bonuses, when given.
    pub base: Option<Rappen>,
    /// Payout by bank transfer.
    pub cash: Rappen,
    /// Value as a store voucher (usually higher than cash).
    pub voucher: Rappen,
    /// Reductions for the device's condition; amounts as sent (negative).
    pub deductions: Vec<Adjustment>,
    /// Additions such as original packaging.
    pub bonuses: Vec<Adjustment>,
    /// Coupons applied to the quote.
    pub coupons: Vec<Coupon>,
}

impl Quote {
    /// True when a removal message (by price id) refers to this quote.
    pub fn is_removed_by(&self, price_id: &str) -> bool {
        self.price_id.as_deref() == Some(price_id) || self.offer_id == price_id
    }
}

/// The device of a quote; only the name is guaranteed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Product {
    /// Revendo's product id, as text.
    pub id: Option<String>,
    /// Shown to staff and customer as plain text, never as HTML.
    pub name: String,
    /// How many devices; 1 when not given.
    pub quantity: u32,
}

/// A labelled deduction or bonus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Adjustment {
    /// What it is for, as Revendo words it (plain text).
    pub label: String,
    /// Signed as sent: deductions are negative.
    pub amount: Rappen,
}

/// A coupon applied to a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Coupon {
    /// The coupon code (plain text).
    pub code: String,
    /// Its value.
    pub amount: Rappen,
}

/// One quote in the iframe's cart, with its current amounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CartLine {
    /// The quote's `offer_id` if the line has one, else its `price_id`.
    pub price_id: String,
    /// Payout by bank transfer.
    pub cash: Rappen,
    /// Value as a store voucher.
    pub voucher: Rappen,
}

/// Why an iframe message was not understood. The message names the field, never its
/// content beyond a bounded event type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IframeEventError {
    /// The message is not a JSON object with a string `type`.
    #[error("not a Revendo message: no type")]
    NoType,
    /// A `type` this till does not know (shown at most 60 characters of it).
    #[error("unknown Revendo message type {0:?}")]
    UnknownType(String),
    /// A required field is missing or has the wrong type.
    #[error("{event}: field {field} is missing or invalid")]
    InvalidField {
        /// The message type.
        event: &'static str,
        /// The field's JSON name.
        field: &'static str,
    },
    /// A text or list beyond the accepted bounds.
    #[error("{event}: field {field} is too large")]
    TooLarge {
        /// The message type.
        event: &'static str,
        /// The field's JSON name.
        field: &'static str,
    },
}

/// A message from the host page to the iframe: `revendo_configure`, posted on every
/// iframe load. With `autoScroll: false` (the default) the iframe scrolls internally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename = "revendo_configure")]
pub struct ConfigureMessage {
    /// Whether the iframe asks the host page to scroll instead of scrolling itself.
    #[serde(rename = "autoScroll")]
    pub auto_scroll: bool,
}

impl IframeEvent {
    /// Parses a message as the page received it in `event.data`.
    pub fn parse(message: &Value) -> Result<IframeEvent, IframeEventError> {
        let object = message.as_object().ok_or(IframeEventError::NoType)?;
        let kind = object.get("type").and_then(Value::as_str).ok_or(IframeEventError::NoType)?;
        let fields = Fields { object, event: static_name(kind) };

        match kind {
            "revendo_iframe_loaded" => {
                Ok(IframeEvent::Loaded { status: fields.opt_text("status")? })
            }
            "revendo_resize" => Ok(IframeEvent::Resize { height: fields.pixels("height")? }),
            "revendo_scroll_to_top" => Ok(IframeEvent::ScrollToTop),
            "revendo_scroll_to_position" => {
                Ok(IframeEvent::ScrollToPosition { position: fields.pixels("position")? })
            }
            "revendo_device_selected" => {
                let details = fields.object("details")?;
                Ok(IframeEvent::DeviceSelected { quote: read_quote(&details)? })
            }
            "revendo_remove_device_selected" => {
                let id = fields.opt_id("offer_id")?.or(fields.opt_id("price_id")?);
                let price_id = id.ok_or(fields.invalid("price_id"))?;
                Ok(IframeEvent::RemoveDeviceSelected { price_id })
            }
            "revendo_cart_updated" => Ok(IframeEvent::CartUpdated {
                cart: read_cart(&fields)?,
                payout: fields.opt_text("payout").ok().flatten().and_then(|p| payout_named(&p)),
            }),
            "revendo_order_complete" => Ok(IframeEvent::OrderComplete {
                order_id: fields.opt_id("order_id")?,
                total: fields.opt_amount("total")?,
            }),
            other => Err(IframeEventError::UnknownType(other.chars().take(60).collect())),
        }
    }
}

fn payout_named(name: &str) -> Option<Payout> {
    match name {
        "cash" => Some(Payout::Cash),
        "voucher" | "coupon" => Some(Payout::Voucher),
        _ => None,
    }
}

fn static_name(kind: &str) -> &'static str {
    match kind {
        "revendo_iframe_loaded" => "revendo_iframe_loaded",
        "revendo_resize" => "revendo_resize",
        "revendo_scroll_to_top" => "revendo_scroll_to_top",
        "revendo_scroll_to_position" => "revendo_scroll_to_position",
        "revendo_device_selected" => "revendo_device_selected",
        "revendo_remove_device_selected" => "revendo_remove_device_selected",
        "revendo_cart_updated" => "revendo_cart_updated",
        "revendo_order_complete" => "revendo_order_complete",
        _ => "unknown",
    }
}

fn read_quote(details: &Fields) -> Result<Quote, IframeEventError> {
    let price_id = details.opt_id("price_id")?;
    let offer_id = details.opt_id("offer_id")?.or_else(|| price_id.clone());
    let offer_id = offer_id.ok_or(details.invalid("offer_id"))?;

    let product = details.object("product")?;
    let name = product.opt_text("name")?.filter(|n| !n.trim().is_empty());
    let quantity = match product.object.get("quantity") {
        None | Some(Value::Null) => 1,
        Some(value) => value
            .as_u64()
            .and_then(|q| u32::try_from(q).ok())
            .filter(|q| (1..=1000).contains(q))
            .ok_or(product.invalid("quantity"))?,
    };
    let product =
        Product { id: product.opt_id("id")?, name: name.ok_or(product.invalid("name"))?, quantity };

    let price = details.object("price")?;
    Ok(Quote {
        temporary: offer_id.ends_with("-tmp"),
        offer_id,
        price_id,
        product,
        base: price.opt_amount("base")?,
        cash: price.amount("final_cash")?,
        voucher: price.amount("final_coupon")?,
        deductions: details.list("deductions", |entry| {
            Ok(Adjustment { label: entry.text("label")?, amount: entry.amount("amount")? })
        })?,
        bonuses: details.list("bonuses", |entry| {
            Ok(Adjustment { label: entry.text("label")?, amount: entry.amount("amount")? })
        })?,
        coupons: details.list("coupons", |entry| {
            Ok(Coupon { code: entry.text("code")?, amount: entry.amount("amount")? })
        })?,
    })
}

fn read_cart(fields: &Fields) -> Result<Vec<CartLine>, IframeEventError> {
    if fields.object.get("cart").is_none_or(Value::is_null) {
        return Err(fields.invalid("cart"));
    }
    fields.list("cart", |line| {
        let price = line.object("price")?;
        Ok(CartLine {
            price_id: line
                .opt_id("offer_id")?
                .or(line.opt_id("price_id")?)
                .ok_or(line.invalid("price_id"))?,
            cash: price.amount("final_cash")?,
            voucher: price.amount("final_coupon")?,
        })
    })
}

/// The fields of one JSON object of a message, read with bounds.
struct Fields<'a> {
    object: &'a Map<String, Value>,
    event: &'static str,
}

impl<'a> Fields<'a> {
    fn invalid(&self, field: &'static str) -> IframeEventError {
        IframeEventError::InvalidField { event: self.event, field }
    }

    fn too_large(&self, field: &'static str) -> IframeEventError {
        IframeEventError::TooLarge { event: self.event, field }
    }

    fn object(&self, field: &'static str) -> Result<Fields<'a>, IframeEventError> {
        let object =
            self.object.get(field).and_then(Value::as_object).ok_or(self.invalid(field))?;
        Ok(Fields { object, event: self.event })
    }

    fn text(&self, field: &'static str) -> Result<String, IframeEventError> {
        self.opt_text(field)?.ok_or(self.invalid(field))
    }

    /// A text of at most [`MAX_TEXT_CHARS`], without control characters.
    fn opt_text(&self, field: &'static str) -> Result<Option<String>, IframeEventError> {
        match self.object.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) if text.chars().count() > MAX_TEXT_CHARS => {
                Err(self.too_large(field))
            }
            Some(Value::String(text)) => Ok(Some(
                text.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_owned(),
            )),
            Some(_) => Err(self.invalid(field)),
        }
    }

    /// An id sent as a string or an integer, as text of at most [`MAX_ID_CHARS`].
    fn opt_id(&self, field: &'static str) -> Result<Option<String>, IframeEventError> {
        let id = match self.object.get(field) {
            None | Some(Value::Null) => return Ok(None),
            Some(Value::String(text)) => text.trim().to_owned(),
            Some(Value::Number(n)) if n.is_u64() || n.is_i64() => n.to_string(),
            Some(_) => return Err(self.invalid(field)),
        };
        if id.chars().count() > MAX_ID_CHARS {
            return Err(self.too_large(field));
        }
        if id.is_empty() || id.chars().any(char::is_control) {
            return Err(self.invalid(field));
        }
        Ok(Some(id))
    }

    fn amount(&self, field: &'static str) -> Result<Rappen, IframeEventError> {
        self.opt_amount(field)?.ok_or(self.invalid(field))
    }

    /// An amount in francs sent as a number or a numeric string, read from its decimal
    /// text (serde_json prints a float as the shortest text that reads back to it, so
    /// `19.95` stays `19.95`).
    fn opt_amount(&self, field: &'static str) -> Result<Option<Rappen>, IframeEventError> {
        let text = match self.object.get(field) {
            None | Some(Value::Null) => return Ok(None),
            Some(Value::Number(number)) => number.to_string(),
            Some(Value::String(text)) if text.len() <= 32 => text.trim().to_owned(),
            Some(_) => return Err(self.invalid(field)),
        };
        Rappen::from_decimal_str(&text).map(Some).map_err(|_| self.invalid(field))
    }

    /// A non-negative number of pixels, as a number or numeric string, rounded up.
    fn pixels(&self, field: &'static str) -> Result<u32, IframeEventError> {
        let pixels = match self.object.get(field) {
            Some(Value::Number(number)) => number.as_f64(),
            Some(Value::String(text)) if text.len() <= 32 => {
                text.trim().trim_end_matches("px").parse::<f64>().ok()
            }
            _ => None,
        };
        match pixels {
            Some(px) if px.is_finite() && (0.0..=MAX_PIXELS).contains(&px) => Ok(px.ceil() as u32),
            _ => Err(self.invalid(field)),
        }
    }

    /// An optional list of at most [`MAX_LIST_ENTRIES`] objects.
    fn list<T>(
        &self,
        field: &'static str,
        read: impl Fn(&Fields) -> Result<T, IframeEventError>,
    ) -> Result<Vec<T>, IframeEventError> {
        let entries = match self.object.get(field) {
            None | Some(Value::Null) => return Ok(Vec::new()),
            Some(Value::Array(entries)) => entries,
            Some(_) => return Err(self.invalid(field)),
        };
        if entries.len() > MAX_LIST_ENTRIES {
            return Err(self.too_large(field));
        }
        entries
            .iter()
            .map(|entry| {
                let object = entry.as_object().ok_or(self.invalid(field))?;
                read(&Fields { object, event: self.event })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
