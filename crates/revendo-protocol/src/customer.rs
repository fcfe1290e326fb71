//! The customer who sells a device: the form as typed, and the checked record that is
//! journaled and sent to Revendo.

use serde::{Deserialize, Serialize};

use crate::iban::Iban;

/// The customer form exactly as staff typed it; nothing in it is trusted yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct CustomerInput {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: String,
    pub iban: String,
    pub street: String,
    pub zip: String,
    pub city: String,
    pub country: String,
}

/// A customer whose every field passed validation: trimmed, the phone in E.164
/// (`+41791234567`), the IBAN checked, the country `CH`.
///
/// Built by validating a [`CustomerInput`]; its `Debug` hides the IBAN but not the
/// other fields, so it is never logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Customer {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: String,
    pub iban: Iban,
    pub address: Address,
}

/// A Swiss postal address, shaped as Revendo's `customer.address`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub street: String,
    pub zip: String,
    pub city: String,
    /// Always `"CH"`: Revendo accepts orders from Switzerland only.
    pub country: String,
}
