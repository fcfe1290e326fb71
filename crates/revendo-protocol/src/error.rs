//! The one error of finalizing an order, with a stable code for every outcome the till
//! treats differently, and what each outcome means for the journal.

use std::fmt;

use crate::validate::CustomerField;

/// Result of this crate's fallible operations.
pub type Result<T, E = FinalizeError> = std::result::Result<T, E>;

/// Why an order was not finalized.
///
/// `Display` is meant for logs and staff: it never contains the API key, customer data
/// or text Revendo sent (the server's message is kept in the variant for the page).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FinalizeError {
    /// Revendo answered `offer_expired`: the quote is older than its lifetime (60
    /// minutes). The customer has to select the device again for a new quote.
    #[error("the trade-in quote has expired: select the device again for a new quote")]
    OfferExpired(Refusal),

    /// Revendo answered `offer_not_found`: it does not know the offer id. The customer
    /// has to select the device again for a new quote.
    #[error("Revendo does not know this offer: select the device again for a new quote")]
    OfferNotFound(Refusal),

    /// Revendo refused the API key (HTTP 401 or 403). Staff must check the key.
    #[error("Revendo refused the API key: check the key in the settings")]
    Unauthorized(Refusal),

    /// Revendo refused the order data (HTTP 400 `invalid_request` or another 400).
    /// `fields` lists the customer fields its message names, e.g. `iban` for
    /// "Missing required fields: IBAN", `country` for the Switzerland-only rule; it is
    /// empty when the message names none.
    #[error("Revendo refused the order data{}", named(.fields))]
    InvalidRequest {
        /// The customer fields the server's message names, in form order.
        fields: Vec<CustomerField>,
        /// Revendo's answer.
        refusal: Refusal,
    },

    /// Revendo answered with a server error (HTTP 5xx) to the last attempt; 500, 502,
    /// 503 and 504 were retried until the schedule or the deadline ran out.
    #[error("Revendo had a server error (HTTP {status}) after {attempts} attempt(s)")]
    ServerError {
        /// HTTP status of the last answer.
        status: u16,
        /// Revendo's message, when the body was a Revendo error.
        message: Option<String>,
        /// How many attempts were sent.
        attempts: u32,
    },

    /// The last attempt got no HTTP answer: timeout, refused or lost connection. Retried
    /// like a server error.
    #[error("no answer from Revendo: {failure} after {attempts} attempt(s)")]
    Network {
        /// What went wrong on the wire in the last attempt.
        failure: NetworkFailure,
        /// How many attempts were made.
        attempts: u32,
        /// True when Revendo may have received one of the attempts (it timed out, lost
        /// its connection or got a server error); false when every attempt failed to
        /// connect, so nothing was sent.
        maybe_received: bool,
    },

    /// An answer that is not one of Revendo's: an HTML page (from a proxy or firewall),
    /// a body that is not JSON or not a known shape, a status the protocol does not use,
    /// a body over the size cap.
    #[error("unexpected answer (HTTP {status}): {kind}")]
    UnexpectedResponse {
        /// HTTP status of the answer.
        status: u16,
        /// What was unexpected.
        kind: UnexpectedKind,
        /// How many attempts were sent.
        attempts: u32,
    },

    /// The key holds characters an HTTP header cannot carry; nothing was sent.
    #[error("the API key contains characters that cannot be sent: check the key")]
    KeyNotSendable,

    /// The attempt observer (the journal) refused an attempt before it left, so it was
    /// not sent.
    #[error("attempt {attempt} was not sent: it could not be journaled ({reason})")]
    Vetoed {
        /// The attempt that was not sent.
        attempt: u32,
        /// The observer's reason.
        reason: String,
        /// True when an earlier attempt may have reached Revendo.
        after_unanswered_attempt: bool,
    },

    /// The client configuration cannot be used; raised when the client is built.
    #[error("the Revendo client configuration is invalid: {0}")]
    Config(ConfigProblem),
}

/// A definitive refusal by Revendo (HTTP 4xx): what it said, as received.
///
/// Revendo's message may repeat what was sent (an email address, a name), so `Debug`
/// shows only its length; read [`Refusal::message`] to show it to staff.
#[derive(Clone, PartialEq, Eq)]
pub struct Refusal {
    /// HTTP status of the answer.
    pub status: u16,
    /// Revendo's error code (`offer_expired`, `invalid_request`…), empty if it sent none.
    pub code: String,
    /// Revendo's message, at most 500 characters; meant for staff, not for logs.
    pub message: String,
    /// The detail lines of the later error shape (`data.errors`), at most 50.
    pub errors: Vec<String>,
    /// True when an earlier attempt of the same finalize may have reached Revendo
    /// without an answer: then this refusal does not prove that no order exists.
    pub after_unanswered_attempt: bool,
}

impl fmt::Debug for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Refusal")
            .field("status", &self.status)
            .field("code", &self.code)
            .field("message_chars", &self.message.chars().count())
            .field("error_lines", &self.errors.len())
            .field("after_unanswered_attempt", &self.after_unanswered_attempt)
            .finish()
    }
}

/// What went wrong on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NetworkFailure {
    /// No complete answer within the attempt timeout (or the remaining deadline).
    Timeout,
    /// Nothing listens at the API address: the request was not sent.
    ConnectionRefused,
    /// No connection could be made (name resolution, TLS, unreachable network): the
    /// request was not sent.
    CouldNotConnect,
    /// The connection was reset or closed after the request was sent, before a full
    /// answer arrived: Revendo may have created the order.
    ConnectionLost,
}

impl NetworkFailure {
    /// Stable name for logs and the journal.
    pub fn as_str(self) -> &'static str {
        match self {
            NetworkFailure::Timeout => "timeout",
            NetworkFailure::ConnectionRefused => "connection_refused",
            NetworkFailure::CouldNotConnect => "could_not_connect",
            NetworkFailure::ConnectionLost => "connection_lost",
        }
    }
}

impl fmt::Display for NetworkFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NetworkFailure::Timeout => "the request timed out",
            NetworkFailure::ConnectionRefused => "the connection was refused",
            NetworkFailure::CouldNotConnect => "no connection could be made",
            NetworkFailure::ConnectionLost => "the connection was lost",
        })
    }
}

/// Why an answer is not one of Revendo's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnexpectedKind {
    /// An HTML page, as proxies, firewalls and captive portals send.
    HtmlPage,
    /// A body that is neither JSON nor HTML (or is empty).
    NotJson,
    /// JSON, but not a shape Revendo publishes (e.g. a success without an order id).
    UnknownShape,
    /// A status the protocol does not use (a redirect, 404 without `offer_not_found`,
    /// 429…).
    UnknownStatus,
    /// A body larger than the configured cap; it was not read to its end.
    TooLarge {
        /// The cap in bytes.
        limit: usize,
    },
}

impl fmt::Display for UnexpectedKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnexpectedKind::HtmlPage => f.write_str("an HTML page, probably from a proxy"),
            UnexpectedKind::NotJson => f.write_str("a body that is not JSON"),
            UnexpectedKind::UnknownShape => f.write_str("JSON of an unknown shape"),
            UnexpectedKind::UnknownStatus => f.write_str("a status the protocol does not use"),
            UnexpectedKind::TooLarge { limit } => write!(f, "a body over {limit} bytes"),
        }
    }
}

/// Why a client configuration is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblem {
    /// The API base is not an absolute http(s) URL.
    ApiBaseNotUrl,
    /// Plain `http://` to a host that is not loopback (127.0.0.0/8, ::1, localhost):
    /// the key would cross the network in clear text.
    PlainHttpToRemoteHost,
    /// The tracking URL pattern has no `{id}` placeholder.
    TrackingPatternWithoutId,
    /// The retry schedule allows no attempt at all.
    NoAttempts,
    /// The HTTP client could not be built (TLS backend); the text is reqwest's.
    HttpClient(String),
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigProblem::ApiBaseNotUrl => f.write_str("the API base is not an http(s) URL"),
            ConfigProblem::PlainHttpToRemoteHost => {
                f.write_str("plain http is allowed only to loopback; use https")
            }
            ConfigProblem::TrackingPatternWithoutId => {
                f.write_str("the tracking URL pattern has no {id} placeholder")
            }
            ConfigProblem::NoAttempts => f.write_str("the retry schedule allows no attempt"),
            ConfigProblem::HttpClient(reason) => write!(f, "HTTP client: {reason}"),
        }
    }
}

/// What a failed finalize means for the order, as the journal records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resolution {
    /// Nothing of this finalize reached Revendo, so it created no order (an earlier
    /// finalize of the same partner order id may have: resend it all the same).
    NotSent,
    /// Revendo definitively refused the order (4xx to a first contact): no order
    /// exists; finalizing again needs a change (a new quote, a corrected field, a key).
    Rejected,
    /// The order may or may not exist on Revendo (server error, lost answer, timeout,
    /// unexpected answer). Finalizing again with the SAME partner order id resolves it:
    /// a 409 then returns the existing order.
    Unresolved,
}

impl FinalizeError {
    /// Stable code the page branches on: `offer_expired`, `offer_not_found`,
    /// `unauthorized`, `invalid_request`, `server_error`, `network`,
    /// `unexpected_response`, `attempt_vetoed`, `config`.
    pub fn code(&self) -> &'static str {
        match self {
            FinalizeError::OfferExpired(_) => "offer_expired",
            FinalizeError::OfferNotFound(_) => "offer_not_found",
            FinalizeError::Unauthorized(_) | FinalizeError::KeyNotSendable => "unauthorized",
            FinalizeError::InvalidRequest { .. } => "invalid_request",
            FinalizeError::ServerError { .. } => "server_error",
            FinalizeError::Network { .. } => "network",
            FinalizeError::UnexpectedResponse { .. } => "unexpected_response",
            FinalizeError::Vetoed { .. } => "attempt_vetoed",
            FinalizeError::Config(_) => "config",
        }
    }

    /// Whether the order now certainly does not exist on Revendo, or may exist.
    pub fn resolution(&self) -> Resolution {
        match self {
            FinalizeError::OfferExpired(refusal)
            | FinalizeError::OfferNotFound(refusal)
            | FinalizeError::Unauthorized(refusal)
            | FinalizeError::InvalidRequest { refusal, .. } => {
                if refusal.after_unanswered_attempt {
                    Resolution::Unresolved
                } else {
                    Resolution::Rejected
                }
            }
            FinalizeError::Vetoed { after_unanswered_attempt: false, .. }
            | FinalizeError::Network { maybe_received: false, .. }
            | FinalizeError::KeyNotSendable
            | FinalizeError::Config(_) => Resolution::NotSent,
            FinalizeError::Vetoed { after_unanswered_attempt: true, .. }
            | FinalizeError::ServerError { .. }
            | FinalizeError::Network { maybe_received: true, .. }
            | FinalizeError::UnexpectedResponse { .. } => Resolution::Unresolved,
        }
    }

    /// Revendo's own message, for staff; `None` when Revendo sent none.
    pub fn server_message(&self) -> Option<&str> {
        match self {
            FinalizeError::OfferExpired(refusal)
            | FinalizeError::OfferNotFound(refusal)
            | FinalizeError::Unauthorized(refusal)
            | FinalizeError::InvalidRequest { refusal, .. } => Some(&refusal.message),
            FinalizeError::ServerError { message, .. } => message.as_deref(),
            _ => None,
        }
    }

    /// Marks the outcome of a finalize in which an attempt may have reached Revendo
    /// unanswered: a refusal then no longer proves that no order exists, nor does a
    /// failure to connect.
    pub(crate) fn after_unanswered_attempt(mut self) -> FinalizeError {
        match &mut self {
            FinalizeError::OfferExpired(refusal)
            | FinalizeError::OfferNotFound(refusal)
            | FinalizeError::Unauthorized(refusal)
            | FinalizeError::InvalidRequest { refusal, .. } => {
                refusal.after_unanswered_attempt = true;
            }
            FinalizeError::Network { maybe_received, .. } => *maybe_received = true,
            _ => {}
        }
        self
    }

    /// Sets the number of attempts made on the outcomes that report it.
    pub(crate) fn with_attempts(mut self, made: u32) -> FinalizeError {
        match &mut self {
            FinalizeError::ServerError { attempts, .. }
            | FinalizeError::Network { attempts, .. }
            | FinalizeError::UnexpectedResponse { attempts, .. } => *attempts = made,
            _ => {}
        }
        self
    }
}

fn named(fields: &[CustomerField]) -> String {
    if fields.is_empty() {
        return String::new();
    }
    let names: Vec<&str> = fields.iter().map(|f| f.as_str()).collect();
    format!(" (fields: {})", names.join(", "))
}

/// The customer fields a server message names, in form order: Revendo's messages name
/// fields in prose ("Missing required fields: IBAN", "orders from Switzerland").
pub(crate) fn fields_named_in<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<CustomerField> {
    let text: String = texts.into_iter().collect::<Vec<_>>().join(" ").to_lowercase();
    let mentions = |words: &[&str]| words.iter().any(|w| text.contains(w));
    CustomerField::ALL
        .into_iter()
        .filter(|field| match field {
            CustomerField::Email => mentions(&["email", "e-mail"]),
            CustomerField::FirstName => mentions(&["first_name", "first name", "firstname"]),
            CustomerField::LastName => mentions(&["last_name", "last name", "lastname"]),
            CustomerField::Phone => mentions(&["phone"]),
            CustomerField::Iban => mentions(&["iban"]),
            CustomerField::Street => mentions(&["street"]),
            CustomerField::Zip => mentions(&["zip", "postcode", "postal code"]),
            CustomerField::City => mentions(&["city"]),
            CustomerField::Country => mentions(&["country", "switzerland"]),
        })
        .collect()
}
