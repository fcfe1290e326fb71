//! Swiss and Liechtenstein IBANs: the payout account of a trade-in.

use std::fmt;

use serde::{Serialize, Serializer};

/// A checked IBAN of a Swiss (`CH`) or Liechtenstein (`LI`) account, held in its
/// compact form (upper case, no spaces).
///
/// It is personal data: `Debug` shows only its masked form, and it serializes to the
/// compact form only where a request to Revendo or the journal needs it in full.
#[derive(Clone, PartialEq, Eq)]
pub struct Iban(String);

/// Why a text is not an IBAN the till accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IbanError {
    /// Empty after trimming.
    #[error("the IBAN is missing")]
    Missing,
    /// Another country than Switzerland or Liechtenstein.
    #[error("only Swiss and Liechtenstein IBANs are accepted")]
    Country,
    /// Not 21 characters, or characters other than letters and digits.
    #[error("an IBAN of CH or LI has 21 characters")]
    Format,
    /// The mod-97 check digits do not match: most often a typing error.
    #[error("the IBAN's check digits do not match")]
    Checksum,
}

/// Length of a CH or LI IBAN in its compact form.
const CH_LI_LENGTH: usize = 21;

impl Iban {
    /// Accepts an IBAN as staff type it (`CH93 0076 2011 6238 5295 7`, lower case,
    /// surrounding spaces) and checks country, length and the mod-97 check digits.
    pub fn parse(text: &str) -> Result<Iban, IbanError> {
        let compact: String =
            text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
        if compact.is_empty() {
            return Err(IbanError::Missing);
        }
        if !(compact.starts_with("CH") || compact.starts_with("LI")) {
            return Err(IbanError::Country);
        }
        let well_formed = compact.len() == CH_LI_LENGTH
            && compact[2..4].bytes().all(|b| b.is_ascii_digit())
            && compact.bytes().all(|b| b.is_ascii_alphanumeric());
        if !well_formed {
            return Err(IbanError::Format);
        }
        if mod97(&compact) != 1 {
            return Err(IbanError::Checksum);
        }
        Ok(Iban(compact))
    }

    /// The compact form, as sent to Revendo.
    pub fn as_compact(&self) -> &str {
        &self.0
    }

    /// Country, check digits and the last four characters, as kept once an order is
    /// settled: `CH93…2957`.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }
}

/// Masks any compact IBAN text to country, check digits and last four characters.
pub fn mask(compact: &str) -> String {
    let chars: Vec<char> = compact.chars().collect();
    if chars.len() <= 8 {
        return "…".to_owned();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

/// ISO 13616 check: move the first four characters to the end, turn letters into
/// numbers (A = 10 … Z = 35) and take the remainder modulo 97.
fn mod97(compact: &str) -> u32 {
    let rotated = compact[4..].chars().chain(compact[..4].chars());
    rotated.fold(0u32, |acc, c| {
        let value = c.to_digit(36).unwrap_or(0);
        if value >= 10 { (acc * 100 + value) % 97 } else { (acc * 10 + value) % 97 }
    })
}

impl fmt::Debug for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Iban({})", self.masked())
    }
}

impl Serialize for Iban {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_swiss_and_liechtenstein_ibans_as_typed() {
        let iban = Iban::parse(" ch93 0076 2011 6238 5295 7 ").expect("valid Swiss IBAN");
        assert_eq!(iban.as_compact(), "CH9300762011623852957");
        assert!(Iban::parse("LI21 0881 0000 2324 013A A").is_ok());
        assert!(Iban::parse("CH5604835012345678009").is_ok());
    }

    #[test]
    fn refuses_each_kind_of_wrong_iban() {
        assert_eq!(Iban::parse("  "), Err(IbanError::Missing));
        assert_eq!(Iban::parse("DE89 3704 0044 0532 0130 00"), Err(IbanError::Country));
        assert_eq!(Iban::parse("CH93 0076 2011 6238 5295"), Err(IbanError::Format));
        assert_eq!(Iban::parse("CH93-0076-2011-6238-5295-7"), Err(IbanError::Format));
        assert_eq!(Iban::parse("CH93 0076 2011 6238 5295 8"), Err(IbanError::Checksum));
        assert_eq!(Iban::parse("CH39 0076 2011 6238 5295 7"), Err(IbanError::Checksum));
    }

    #[test]
    fn debug_and_mask_show_only_country_check_digits_and_last_four() {
        let iban = Iban::parse("CH9300762011623852957").expect("valid");
        assert_eq!(iban.masked(), "CH93…2957");
        assert_eq!(format!("{iban:?}"), "Iban(CH93…2957)");
    }
}
