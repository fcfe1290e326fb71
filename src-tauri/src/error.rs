//! The till's one error type, and the `{code, message}` form the page receives.
//!
//! A code exists because the page does something different for it: shows a field's
//! error, sends staff to the settings, asks for a new quote, points to the history.

use revendo_protocol::{CustomerField, FieldError, FieldErrors, FinalizeError, Resolution};
use serde::Serialize;
use serde::ser::Serializer;

use crate::data_dir::DataDirError;
use crate::endpoints::EndpointError;
use crate::keychain::KeychainError;
use crate::settings::SettingsError;

/// Result of the till's operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong between the page and Revendo.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Fields of the customer form are invalid; nothing was journaled or sent.
    #[error("the customer form has {} invalid field(s)", .0.len())]
    InvalidCustomer(FieldErrors),

    /// No quote is held: no device was selected, or it was removed.
    #[error("no device has been selected in Revendo's page")]
    NoQuote,

    /// The held quote is older than its 60-minute lifetime; nothing was sent.
    #[error("the trade-in quote has expired: select the device again for a new quote")]
    QuoteExpired,

    /// An order for this quote is being sent right now; the second request was ignored.
    #[error("the order for this quote is already being sent")]
    AlreadySending,

    /// No API key is stored for the API in use.
    #[error("no Revendo API key is stored: add it in the settings")]
    NoApiKey,

    /// Training uses the simulation's built-in key; there is none to store or delete.
    #[error("training mode uses the simulation's built-in key")]
    TrainingKey,

    /// The keychain could not store, read or delete the key.
    #[error(transparent)]
    Keychain(#[from] KeychainError),

    /// Revendo did not create the order. `partner_order_id` names the journaled order.
    #[error("order {partner_order_id}: {source}")]
    Finalize { partner_order_id: String, source: Box<FinalizeError> },

    /// The order was refused before, for a reason no resend changes.
    #[error("order {partner_order_id} was refused by Revendo ({code}): select the device again")]
    AlreadyRejected { partner_order_id: String, code: String },

    /// The order is not confirmed, so it has no receipt.
    #[error("order {0} is not confirmed: there is no receipt to print")]
    NotConfirmed(String),

    /// The CSV export could not be written.
    #[error("the export failed: {0}")]
    Export(String),

    /// The receipt could not be made or shown.
    #[error("{0}")]
    Receipt(String),

    /// A history filter that cannot be applied; the message names the value.
    #[error("{0}")]
    InvalidFilter(String),

    /// The journal has no order with this partner order id.
    #[error("the journal has no order {0}")]
    UnknownOrder(String),

    /// A message from Revendo's page could not be understood.
    #[error("Revendo's page sent a message the till does not understand: {0}")]
    InvalidEvent(#[from] revendo_protocol::IframeEventError),

    /// A message for the till came from somewhere else than Revendo's view.
    #[error("a message from outside Revendo's view was ignored ({0})")]
    ForeignMessage(String),

    /// Revendo's own webview could not be opened, placed or reloaded.
    #[error("Revendo's view: {0}")]
    RevendoView(String),

    /// The journal could not be read or written.
    #[error("the order journal failed: {0}")]
    Journal(#[from] order_journal::Error),

    /// The settings could not be accepted or saved.
    #[error(transparent)]
    Settings(#[from] SettingsError),

    /// The configured Revendo endpoints are unusable.
    #[error(transparent)]
    Endpoints(#[from] EndpointError),

    /// The data folder is in use or unusable.
    #[error(transparent)]
    DataDir(#[from] DataDirError),

    /// The Revendo client cannot be built for the configured endpoints.
    #[error("the Revendo client cannot be set up: {0}")]
    ClientSetup(Box<FinalizeError>),

    /// The built-in Revendo simulation could not start.
    #[error("the training simulation could not start: {0}")]
    Sandbox(String),

    /// A background task of the till stopped before it finished.
    #[error("a background task stopped: {0}")]
    Worker(String),

    /// The window could not be created or the app could not run.
    #[error("the till's window failed: {0}")]
    Window(#[from] tauri::Error),
}

impl Error {
    /// The stable code the page branches on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidCustomer(_) => "invalid_customer",
            Error::NoQuote => "no_quote",
            Error::QuoteExpired => "quote_expired_locally",
            Error::AlreadySending => "already_sending",
            Error::NoApiKey => "no_api_key",
            Error::TrainingKey => "training_key",
            Error::Keychain(KeychainError::Unavailable) => "keychain_unavailable",
            Error::Keychain(KeychainError::InvalidKey) => "invalid_key",
            Error::Keychain(KeychainError::Failed(_)) => "keychain_failed",
            Error::Finalize { source, .. } => match source.resolution() {
                Resolution::Unresolved => "unresolved",
                Resolution::Rejected | Resolution::NotSent => source.code(),
            },
            Error::AlreadyRejected { .. } => "already_rejected",
            Error::InvalidEvent(_) => "invalid_event",
            Error::ForeignMessage(_) => "foreign_message",
            Error::RevendoView(_) => "revendo_view",
            Error::UnknownOrder(_) => "unknown_order",
            Error::InvalidFilter(_) => "invalid_filter",
            Error::NotConfirmed(_) => "not_confirmed",
            Error::Receipt(_) => "receipt_failed",
            Error::Export(_) => "export_failed",
            Error::Journal(_) | Error::DataDir(_) => "storage",
            Error::Settings(SettingsError::Invalid(_)) => "invalid_settings",
            Error::Settings(_) => "storage",
            Error::Endpoints(_) | Error::ClientSetup(_) => "invalid_settings",
            Error::Sandbox(_) | Error::Window(_) | Error::Worker(_) => "internal",
        }
    }

    /// What the page shows: Revendo's own words where it gave some, otherwise ours.
    fn page_message(&self) -> String {
        match self {
            Error::Finalize { source, .. } if source.resolution() == Resolution::Rejected => {
                source.server_message().map_or_else(|| source.to_string(), str::to_owned)
            }
            other => other.to_string(),
        }
    }

    /// The customer field Revendo's refusal names, for the form to mark.
    fn field(&self) -> Option<CustomerField> {
        match self {
            Error::Finalize { source, .. } => match source.as_ref() {
                FinalizeError::InvalidRequest { fields, .. } => fields.first().copied(),
                _ => None,
            },
            _ => None,
        }
    }
}

/// What a rejected command hands the page.
#[derive(Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, rename = "AppError"))]
#[serde(rename_all = "camelCase")]
struct PageError<'a> {
    code: &'static str,
    message: String,
    field: Option<CustomerField>,
    fields: Vec<FieldError>,
    /// The journaled order the error concerns, for the history's link.
    partner_order_id: Option<&'a str>,
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let fields = match self {
            Error::InvalidCustomer(errors) => errors.iter().copied().collect(),
            _ => Vec::new(),
        };
        let partner_order_id = match self {
            Error::Finalize { partner_order_id, .. }
            | Error::AlreadyRejected { partner_order_id, .. } => Some(partner_order_id.as_str()),
            _ => None,
        };
        PageError {
            code: self.code(),
            message: self.page_message(),
            field: self.field(),
            fields,
            partner_order_id,
        }
        .serialize(serializer)
    }
}
