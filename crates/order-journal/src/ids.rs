//! The identity of a till (its store and till ids) and the partner order ids it hands out.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// A store's id as configured on its tills: 2 to 8 characters A–Z or 0–9 (`ZH01`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct StoreId(String);

/// A till's id within its store: 1 to 3 characters A–Z or 0–9 (`2`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct TillId(String);

impl StoreId {
    /// Accepts a store id, upper-casing it; refuses other lengths or characters.
    pub fn parse(text: &str) -> Result<StoreId> {
        let id = text.trim().to_ascii_uppercase();
        if is_id(&id, 2..=8) { Ok(StoreId(id)) } else { Err(Error::InvalidStoreId(id)) }
    }

    /// The id as written into partner order ids.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TillId {
    /// Accepts a till id, upper-casing it; refuses other lengths or characters.
    pub fn parse(text: &str) -> Result<TillId> {
        let id = text.trim().to_ascii_uppercase();
        if is_id(&id, 1..=3) { Ok(TillId(id)) } else { Err(Error::InvalidTillId(id)) }
    }

    /// The id as written into partner order ids.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_id(text: &str, lengths: std::ops::RangeInclusive<usize>) -> bool {
    lengths.contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// The till that writes a journal: every partner order id it allocates starts with
/// `{store}-{till}-`, which makes ids unique across the tills of a store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TillIdentity {
    /// The store the till stands in.
    pub store: StoreId,
    /// The till within the store.
    pub till: TillId,
}

impl TillIdentity {
    /// Validates both ids.
    pub fn parse(store: &str, till: &str) -> Result<TillIdentity> {
        Ok(TillIdentity { store: StoreId::parse(store)?, till: TillId::parse(till)? })
    }

    /// The prefix of this till's partner order ids, `ZH01-2`.
    pub(crate) fn prefix(&self) -> String {
        format!("{}-{}", self.store.0, self.till.0)
    }
}

/// The partner order id for the `sequence`-th order of a prefix: `ZH01-2-000042`. Six
/// digits keep it short to read over the phone; past 999999 it simply grows.
pub(crate) fn partner_order_id(prefix: &str, sequence: i64) -> String {
    format!("{prefix}-{sequence:06}")
}

/// An order's id in this journal (not the partner order id, which is for people).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct OrderId(pub i64);

/// An attempt's id in this journal, handed out by `begin_attempt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttemptId(pub i64);

impl fmt::Display for OrderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partner_order_ids_are_zero_padded_and_grow_past_six_digits() {
        let identity = TillIdentity::parse("zh01", "2").expect("valid ids");
        assert_eq!(partner_order_id(&identity.prefix(), 42), "ZH01-2-000042");
        assert_eq!(partner_order_id(&identity.prefix(), 1_234_567), "ZH01-2-1234567");
    }

    #[test]
    fn refuses_store_and_till_ids_of_wrong_shape() {
        assert!(StoreId::parse("Z").is_err());
        assert!(StoreId::parse("ZURICH-01").is_err());
        assert!(StoreId::parse("ZH 1").is_err());
        assert!(TillId::parse("").is_err());
        assert!(TillId::parse("1234").is_err());
        assert!(TillId::parse("A1").is_ok());
    }
}
