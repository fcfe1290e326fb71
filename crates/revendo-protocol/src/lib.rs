//! The Revendo partner protocol as a till needs it, with no dependency on the app shell:
//! money in Rappen, the customer and their validation, the iframe's messages, and the
//! client that finalizes an order and survives every published response shape.

pub mod attempt;
pub mod client;
pub mod customer;
pub mod error;
pub mod iban;
pub mod iframe;
pub mod money;
pub mod order;
pub mod request;
pub mod response;
pub mod secret;
pub mod timestamp;
pub mod validate;

pub use attempt::{AttemptObserver, AttemptReport, AttemptVeto, RetrySchedule, Unobserved};
pub use client::{ClientConfig, FINALIZE_PATH, IFRAME_PATH, RevendoClient, is_loopback};
pub use customer::{Address, Customer, CustomerInput};
pub use error::{
    ConfigProblem, FinalizeError, NetworkFailure, Refusal, Resolution, Result, UnexpectedKind,
};
pub use iban::{Iban, IbanError};
pub use iframe::{
    Adjustment, CartLine, ConfigureMessage, Coupon, IframeEvent, IframeEventError, Product, Quote,
};
pub use money::{AmountError, Rappen};
pub use order::{Payout, RevendoOrder};
pub use request::{FinalizeRequest, ShippingMethod};
pub use response::{TrackingUrlPattern, parse_finalize_response};
pub use secret::ApiKey;
pub use validate::{CustomerField, FieldError, FieldErrors, FieldProblem};
