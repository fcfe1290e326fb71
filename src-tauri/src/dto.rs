//! What the commands hand the page. TypeScript declarations of these types are
//! generated into `ui/bindings/` by the test build, so the page and Rust cannot drift.

use revendo_protocol::{Payout, Quote, Rappen, RevendoOrder};
use serde::Serialize;
use time::OffsetDateTime;

use crate::endpoints::EndpointKind;
use crate::quote_desk::HeldQuote;
use crate::settings::{Display, Language};

/// What the page needs to know about this run of the till.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    /// True in training mode: orders go to the built-in simulation.
    pub training: bool,
    pub environment: EndpointKind,
    pub iframe_url: String,
    /// The exact origin whose messages the page accepts.
    pub revendo_origin: String,
    pub display: Display,
    /// The configured language; `None` follows the system.
    pub language: Option<Language>,
    pub store_id: String,
    pub till_id: String,
    pub operator: String,
    pub api_key_stored: bool,
    pub keychain_available: bool,
    /// Orders whose outcome is unknown and that staff should resend.
    pub unresolved_count: u64,
    pub quote_lifetime_seconds: u64,
}

/// The held quote as the page shows it: Revendo's quote, the payout chosen at the till
/// and its amount, and when the quote expires.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct QuoteView {
    /// The product's name is plain text from Revendo's page: the page must never
    /// interpret it as HTML.
    #[serde(flatten)]
    pub quote: Quote,
    pub payout: Payout,
    /// The amount paid out in the chosen way.
    pub amount: Rappen,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(test, ts(type = "string"))]
    pub captured_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(test, ts(type = "string"))]
    pub expires_at: OffsetDateTime,
}

impl From<&HeldQuote> for QuoteView {
    fn from(held: &HeldQuote) -> Self {
        QuoteView {
            quote: held.quote.clone(),
            payout: held.payout,
            amount: held.amount(),
            captured_at: held.captured_at,
            expires_at: held.expires_at(),
        }
    }
}

/// A finalized order, as the done screen and the receipt show it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct FinalizedOrder {
    /// Our id, which staff quote to Revendo.
    pub partner_order_id: String,
    /// Revendo's answer, whichever shape it came in.
    #[serde(flatten)]
    pub revendo: RevendoOrder,
    pub product_name: String,
    pub payout: Payout,
    /// The amount of the chosen payout, as quoted.
    pub amount: Rappen,
}

#[cfg(test)]
mod bindings {
    use order_journal::{OrderDetail, Totals};
    use revendo_protocol::CustomerInput;
    use ts_rs::{Config, TS};

    use crate::keychain::KeyStatus;
    use crate::settings::Settings;

    /// Types that only appear as command arguments or results, which no exported type
    /// refers to, are declared here; the others are exported by their own derive.
    #[test]
    fn every_type_the_page_exchanges_is_declared() {
        let config = Config::from_env();

        CustomerInput::export_all(&config).expect("CustomerInput");
        OrderDetail::export_all(&config).expect("OrderDetail");
        Totals::export_all(&config).expect("Totals");
        KeyStatus::export_all(&config).expect("KeyStatus");
        Settings::export_all(&config).expect("Settings");
    }
}
