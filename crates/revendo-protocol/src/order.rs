//! What a finalized trade-in is on Revendo's side, whichever response shape reported it.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::money::Rappen;

/// How the customer is paid: the cash amount by bank transfer, or the (usually higher)
/// voucher amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Payout {
    /// The cash amount, paid to the customer's IBAN.
    Cash,
    /// The voucher value, as a store voucher.
    Voucher,
}

impl Payout {
    /// The amount paid out this way, of a quote's cash and voucher amounts.
    pub fn amount_of(self, cash: Rappen, voucher: Rappen) -> Rappen {
        match self {
            Payout::Cash => cash,
            Payout::Voucher => voucher,
        }
    }

    /// The stable lower-case name used in the journal, CSV exports and the page.
    pub fn as_str(self) -> &'static str {
        match self {
            Payout::Cash => "cash",
            Payout::Voucher => "voucher",
        }
    }
}

/// Revendo's record of a finalized order, normalised from every published shape
/// (200 seed, 200 later, 409 flat, 409 with `existing_order`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RevendoOrder {
    /// Revendo's order id, as text whether it arrived as a number (`105030`) or a string
    /// (`"W-0105185"`).
    pub order_id: String,
    /// The customer-facing id (`ANK-2025-001234`), when the response has one.
    pub web_id: Option<String>,
    /// Revendo's order status, such as `pending_device`.
    pub status: String,
    /// The amount Revendo confirmed, when the response states one.
    pub quote_amount: Option<Rappen>,
    /// Currency of `quote_amount`; Revendo uses `CHF`.
    pub currency: Option<String>,
    /// The tracking page for the customer: as given, or built from the published pattern
    /// with the web id (or else the order id).
    pub tracking_url: String,
    /// When Revendo created the order, when the response states it.
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub created_at: Option<OffsetDateTime>,
    /// True when Revendo answered that the order already existed (HTTP 409): the
    /// order was created by an earlier attempt with the same partner order id.
    pub already_existed: bool,
}
