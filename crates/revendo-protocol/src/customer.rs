//! The customer who sells a device: the form as typed, and the checked record that is
//! journaled and sent to Revendo.

use serde::{Deserialize, Serialize};

use crate::iban::Iban;

/// The customer form exactly as staff typed it; nothing in it is trusted yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct CustomerInput {
    /// Email address as typed.
    pub email: String,
    /// First name as typed.
    pub first_name: String,
    /// Last name as typed.
    pub last_name: String,
    /// Phone number in any usual Swiss or international writing.
    pub phone: String,
    /// IBAN, spaces allowed.
    pub iban: String,
    /// Street and house number.
    pub street: String,
    /// Swiss postcode.
    pub zip: String,
    /// City.
    pub city: String,
    /// Country; empty means Switzerland, as the form defaults it.
    pub country: String,
}

/// A customer whose every field passed validation: trimmed, the phone in E.164
/// (`+41791234567`), the IBAN checked, the country `CH`.
///
/// Built by validating a [`CustomerInput`]; its `Debug` hides the IBAN but not the
/// other fields, so it is never logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Customer {
    /// Checked email address.
    pub email: String,
    /// First name, trimmed.
    pub first_name: String,
    /// Last name, trimmed.
    pub last_name: String,
    /// Phone in E.164, e.g. `+41791234567`.
    pub phone: String,
    /// Checked CH or LI IBAN.
    pub iban: Iban,
    /// Swiss postal address.
    pub address: Address,
}

/// A Swiss postal address, shaped as Revendo's `customer.address`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Address {
    /// Street and house number.
    pub street: String,
    /// Four-digit Swiss postcode.
    pub zip: String,
    /// City.
    pub city: String,
    /// Always `"CH"`: Revendo accepts orders from Switzerland only.
    pub country: String,
}
