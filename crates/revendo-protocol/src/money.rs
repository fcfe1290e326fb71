//! Money as whole Rappen (centimes of a Swiss franc), never as a float.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An amount of Swiss francs in Rappen: `Rappen(22700)` is CHF 227.00.
///
/// Amounts arrive from Revendo as JSON numbers or numeric strings (`227`, `227.0`,
/// `"237"`); [`Rappen::from_decimal_str`] reads their decimal text exactly, so no
/// amount ever passes through a binary float.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct Rappen(pub i64);

/// Why a decimal text is not an amount in francs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// The text is not a plain decimal number such as `227`, `-50` or `227.05`.
    #[error("not a decimal amount: {0:?}")]
    NotDecimal(String),
    /// More than two decimal places that are not zero: the amount is finer than a Rappen.
    #[error("amount finer than a Rappen: {0:?}")]
    TooPrecise(String),
    /// The amount does not fit in 64 bits of Rappen.
    #[error("amount out of range: {0:?}")]
    OutOfRange(String),
}

impl Rappen {
    /// Zero francs.
    pub const ZERO: Rappen = Rappen(0);

    /// Whole francs, for tests and catalogues.
    pub const fn francs(francs: i64) -> Rappen {
        Rappen(francs * 100)
    }

    /// Reads a decimal amount in francs (`"227"`, `"227.5"`, `"-50.00"`, `"1e2"` is refused)
    /// exactly. Trailing zeros past the second decimal place are accepted (`"227.000"`).
    pub fn from_decimal_str(text: &str) -> Result<Rappen, AmountError> {
        let not_decimal = || AmountError::NotDecimal(text.to_owned());
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
            return Err(not_decimal());
        }
        if digits.ends_with('.') {
            return Err(not_decimal());
        }

        let (cents, rest) = fraction.split_at(fraction.len().min(2));
        if rest.bytes().any(|b| b != b'0') {
            return Err(AmountError::TooPrecise(text.to_owned()));
        }
        let out_of_range = || AmountError::OutOfRange(text.to_owned());
        let whole: i64 = whole.parse().map_err(|_| out_of_range())?;
        let cents: i64 = format!("{cents:0<2}").parse().map_err(|_| not_decimal())?;

        let magnitude =
            whole.checked_mul(100).and_then(|r| r.checked_add(cents)).ok_or_else(out_of_range)?;
        Ok(Rappen(if negative { -magnitude } else { magnitude }))
    }
}

impl FromStr for Rappen {
    type Err = AmountError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Rappen::from_decimal_str(s)
    }
}

/// Formats as francs with two decimals and no currency: `227.00`, `-0.50`.
impl fmt::Display for Rappen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_published_amount_forms_exactly() {
        assert_eq!(Rappen::from_decimal_str("227"), Ok(Rappen(22700)));
        assert_eq!(Rappen::from_decimal_str("227.00"), Ok(Rappen(22700)));
        assert_eq!(Rappen::from_decimal_str("145.0"), Ok(Rappen(14500)));
        assert_eq!(Rappen::from_decimal_str("0.1"), Ok(Rappen(10)));
        assert_eq!(Rappen::from_decimal_str("-50"), Ok(Rappen(-5000)));
        assert_eq!(Rappen::from_decimal_str("19.950"), Ok(Rappen(1995)));
    }

    #[test]
    fn refuses_what_is_not_a_plain_decimal() {
        for text in ["", "-", "1e2", "12.", ".5", "12,50", "CHF 12", "+3", "1.2.3"] {
            assert!(
                matches!(Rappen::from_decimal_str(text), Err(AmountError::NotDecimal(_))),
                "{text:?} was accepted"
            );
        }
        assert!(matches!(Rappen::from_decimal_str("0.005"), Err(AmountError::TooPrecise(_))));
        assert!(matches!(
            Rappen::from_decimal_str("99999999999999999999"),
            Err(AmountError::OutOfRange(_))
        ));
    }

    #[test]
    fn displays_two_decimals() {
        assert_eq!(Rappen(22700).to_string(), "227.00");
        assert_eq!(Rappen(-50).to_string(), "-0.50");
        assert_eq!(Rappen(5).to_string(), "0.05");
    }
}
