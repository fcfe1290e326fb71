//! Checks the customer form before anything is sent to Revendo: one problem per field, with
//! a stable code the page translates and shows next to that field.

use std::fmt;

use serde::Serialize;

use crate::customer::{Address, Customer, CustomerInput};
use crate::iban::{Iban, IbanError};

/// A field of the customer form, serialized as the form's own (camelCase) field name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum CustomerField {
    /// `email`: where Revendo sends the shipping label.
    Email,
    /// `firstName`: with the last name, the owner of the payout account.
    FirstName,
    /// `lastName`.
    LastName,
    /// `phone`, sent in E.164.
    Phone,
    /// `iban`: the payout account, CH or LI.
    Iban,
    /// `street`: street and house number.
    Street,
    /// `zip`: the Swiss postcode.
    Zip,
    /// `city`.
    City,
    /// `country`: Switzerland only.
    Country,
}

impl CustomerField {
    /// Every field in the order of the form.
    pub const ALL: [CustomerField; 9] = [
        CustomerField::Email,
        CustomerField::FirstName,
        CustomerField::LastName,
        CustomerField::Phone,
        CustomerField::Iban,
        CustomerField::Street,
        CustomerField::Zip,
        CustomerField::City,
        CustomerField::Country,
    ];

    /// The form's name of the field, as serialized (`firstName`).
    pub fn as_str(self) -> &'static str {
        match self {
            CustomerField::Email => "email",
            CustomerField::FirstName => "firstName",
            CustomerField::LastName => "lastName",
            CustomerField::Phone => "phone",
            CustomerField::Iban => "iban",
            CustomerField::Street => "street",
            CustomerField::Zip => "zip",
            CustomerField::City => "city",
            CustomerField::Country => "country",
        }
    }

    /// The most characters the field may hold once trimmed (email: RFC 5321's 254; a
    /// typed IBAN: 34 characters plus grouping spaces).
    pub fn max_length(self) -> usize {
        match self {
            CustomerField::Email => 254,
            CustomerField::FirstName | CustomerField::LastName => 100,
            CustomerField::Phone => 32,
            CustomerField::Iban => 42,
            CustomerField::Street => 200,
            CustomerField::Zip => 10,
            CustomerField::City => 100,
            CustomerField::Country => 60,
        }
    }
}

impl fmt::Display for CustomerField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What is wrong with a field; the serialized code is stable, the English `Display` is
/// a fallback for logs and untranslated pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FieldProblem {
    /// Empty after trimming.
    Missing,
    /// Longer than [`CustomerField::max_length`].
    TooLong,
    /// Holds control characters (line breaks, tabs, NUL): never typed by a person.
    InvalidCharacters,
    /// Not an email address: one `@`, a local part, a domain with a dot, no spaces.
    EmailSyntax,
    /// Not a Swiss phone number nor an international one in `+CC…` or `00CC…` form.
    PhoneFormat,
    /// An IBAN of another country than Switzerland or Liechtenstein.
    IbanCountry,
    /// Not 21 letters and digits after removing spaces.
    IbanFormat,
    /// The IBAN's check digits do not match: most often a typing error.
    IbanChecksum,
    /// Not a Swiss postcode (four digits, 1000 to 9999).
    ZipFormat,
    /// Another country than Switzerland: Revendo accepts Swiss addresses only.
    CountryNotCh,
}

impl FieldProblem {
    /// The stable code, as serialized (`email_syntax`).
    pub fn code(self) -> &'static str {
        match self {
            FieldProblem::Missing => "missing",
            FieldProblem::TooLong => "too_long",
            FieldProblem::InvalidCharacters => "invalid_characters",
            FieldProblem::EmailSyntax => "email_syntax",
            FieldProblem::PhoneFormat => "phone_format",
            FieldProblem::IbanCountry => "iban_country",
            FieldProblem::IbanFormat => "iban_format",
            FieldProblem::IbanChecksum => "iban_checksum",
            FieldProblem::ZipFormat => "zip_format",
            FieldProblem::CountryNotCh => "country_not_ch",
        }
    }
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FieldProblem::Missing => "this field is required",
            FieldProblem::TooLong => "this field is too long",
            FieldProblem::InvalidCharacters => "this field contains control characters",
            FieldProblem::EmailSyntax => "not a valid email address",
            FieldProblem::PhoneFormat => "not a valid phone number (e.g. 079 123 45 67)",
            FieldProblem::IbanCountry => "only Swiss and Liechtenstein IBANs are accepted",
            FieldProblem::IbanFormat => "a Swiss IBAN has 21 letters and digits",
            FieldProblem::IbanChecksum => "the IBAN's check digits do not match",
            FieldProblem::ZipFormat => "a Swiss postcode has four digits",
            FieldProblem::CountryNotCh => "only addresses in Switzerland are accepted",
        })
    }
}

impl From<IbanError> for FieldProblem {
    fn from(error: IbanError) -> Self {
        match error {
            IbanError::Missing => FieldProblem::Missing,
            IbanError::Country => FieldProblem::IbanCountry,
            IbanError::Format => FieldProblem::IbanFormat,
            IbanError::Checksum => FieldProblem::IbanChecksum,
        }
    }
}

/// One field and its one problem. Its `Display` names the field and the problem, never
/// the value typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldError {
    /// The field to mark on the form.
    pub field: CustomerField,
    /// What to say next to it.
    pub problem: FieldProblem,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problem {
            FieldProblem::TooLong => {
                write!(f, "{}: longer than {} characters", self.field, self.field.max_length())
            }
            problem => write!(f, "{}: {problem}", self.field),
        }
    }
}

/// Every field that failed validation, at most one error per field, in form order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
#[error("invalid customer fields: {}", field_list(.0))]
pub struct FieldErrors(Vec<FieldError>);

fn field_list(errors: &[FieldError]) -> String {
    errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")
}

impl FieldErrors {
    /// The problem of one field, if it has one.
    pub fn problem(&self, field: CustomerField) -> Option<FieldProblem> {
        self.0.iter().find(|e| e.field == field).map(|e| e.problem)
    }

    /// The errors in form order.
    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }

    /// How many fields failed; never zero.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: a `FieldErrors` exists only when some field failed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl CustomerInput {
    /// Checks every field and builds the [`Customer`] sent to Revendo: all text trimmed,
    /// the phone in E.164, the IBAN compact, the country `CH` (an empty country means
    /// `CH`, as the form defaults it; the names of Switzerland in the national languages
    /// and English, and `CHE`, are accepted too).
    pub fn validate(&self) -> Result<Customer, FieldErrors> {
        let mut errors = Vec::new();
        let mut text = |field| self.check(field, &mut errors, |raw| Ok(raw.to_owned()));
        let first_name = text(CustomerField::FirstName);
        let last_name = text(CustomerField::LastName);
        let street = text(CustomerField::Street);
        let city = text(CustomerField::City);

        let email = self.check(CustomerField::Email, &mut errors, normalise_email);
        let phone = self.check(CustomerField::Phone, &mut errors, normalise_phone);
        let iban = self.check(CustomerField::Iban, &mut errors, |raw| Ok(Iban::parse(raw)?));
        let zip = self.check(CustomerField::Zip, &mut errors, normalise_zip);
        let country = self.check(CustomerField::Country, &mut errors, normalise_country);

        match (email, first_name, last_name, phone, iban, street, zip, city, country) {
            (
                Some(email),
                Some(first_name),
                Some(last_name),
                Some(phone),
                Some(iban),
                Some(street),
                Some(zip),
                Some(city),
                Some(country),
            ) => Ok(Customer {
                email,
                first_name,
                last_name,
                phone,
                iban,
                address: Address { street, zip, city, country },
            }),
            _ => {
                errors.sort_by_key(|e| CustomerField::ALL.iter().position(|f| *f == e.field));
                Err(FieldErrors(errors))
            }
        }
    }

    /// Trims one field, runs the shared checks and then its own; records its problem.
    fn check<T>(
        &self,
        field: CustomerField,
        errors: &mut Vec<FieldError>,
        parse: impl FnOnce(&str) -> Result<T, FieldProblem>,
    ) -> Option<T> {
        let raw = self.raw(field).trim();
        let checked = precheck(field, raw).and_then(|()| parse(raw));
        checked.map_err(|problem| errors.push(FieldError { field, problem })).ok()
    }

    fn raw(&self, field: CustomerField) -> &str {
        match field {
            CustomerField::Email => &self.email,
            CustomerField::FirstName => &self.first_name,
            CustomerField::LastName => &self.last_name,
            CustomerField::Phone => &self.phone,
            CustomerField::Iban => &self.iban,
            CustomerField::Street => &self.street,
            CustomerField::Zip => &self.zip,
            CustomerField::City => &self.city,
            CustomerField::Country => &self.country,
        }
    }
}

/// The checks shared by every field: length, control characters, presence (the
/// country alone may be empty).
fn precheck(field: CustomerField, raw: &str) -> Result<(), FieldProblem> {
    if raw.chars().count() > field.max_length() {
        return Err(FieldProblem::TooLong);
    }
    if raw.chars().any(char::is_control) {
        return Err(FieldProblem::InvalidCharacters);
    }
    if raw.is_empty() && field != CustomerField::Country {
        return Err(FieldProblem::Missing);
    }
    Ok(())
}

/// Pragmatic syntax: one `@`, a local part of at most 64 characters, a domain of
/// non-empty dot-separated labels with at least one dot, no whitespace anywhere.
fn normalise_email(raw: &str) -> Result<String, FieldProblem> {
    let (local, domain) = raw.split_once('@').ok_or(FieldProblem::EmailSyntax)?;
    let domain_ok = domain.contains('.') && domain.split('.').all(|label| !label.is_empty());
    let well_formed = !local.is_empty()
        && local.chars().count() <= 64
        && !domain.contains('@')
        && domain_ok
        && !raw.chars().any(char::is_whitespace);
    if well_formed { Ok(raw.to_owned()) } else { Err(FieldProblem::EmailSyntax) }
}

/// Swiss numbers as written in Switzerland (`079 123 45 67`, `+41 (0)79 …`, `0041 79 …`)
/// become `+41` and nine digits; other countries' numbers are accepted in `+CC…` or
/// `00CC…` form with 8 to 15 digits.
fn normalise_phone(raw: &str) -> Result<String, FieldProblem> {
    let without_trunk = raw.replace("(0)", "");
    let mut compact = String::with_capacity(without_trunk.len());
    for c in without_trunk.chars() {
        match c {
            '0'..='9' => compact.push(c),
            '+' if compact.is_empty() => compact.push(c),
            c if c.is_whitespace() || matches!(c, '-' | '.' | '/' | '(' | ')') => {}
            _ => return Err(FieldProblem::PhoneFormat),
        }
    }

    let international =
        compact.strip_prefix('+').or_else(|| compact.strip_prefix("00")).map(str::to_owned);
    let swiss_national = match &international {
        Some(digits) => {
            digits.strip_prefix("41").map(|rest| rest.strip_prefix('0').unwrap_or(rest))
        }
        None => compact.strip_prefix('0'),
    };

    if let Some(national) = swiss_national {
        let valid = national.len() == 9 && !national.starts_with('0');
        return if valid { Ok(format!("+41{national}")) } else { Err(FieldProblem::PhoneFormat) };
    }
    match international {
        Some(digits) if (8..=15).contains(&digits.len()) && !digits.starts_with('0') => {
            Ok(format!("+{digits}"))
        }
        _ => Err(FieldProblem::PhoneFormat),
    }
}

/// Four digits from 1000 to 9999; a `CH-` prefix, as on some letters, is dropped.
fn normalise_zip(raw: &str) -> Result<String, FieldProblem> {
    let digits = raw.strip_prefix("CH-").or_else(|| raw.strip_prefix("ch-")).unwrap_or(raw);
    let valid =
        digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0');
    if valid { Ok(digits.to_owned()) } else { Err(FieldProblem::ZipFormat) }
}

/// Names of Switzerland accepted as the country, compared without case.
const SWITZERLAND: [&str; 7] =
    ["ch", "che", "schweiz", "suisse", "svizzera", "svizra", "switzerland"];

fn normalise_country(raw: &str) -> Result<String, FieldProblem> {
    let lower = raw.to_lowercase();
    if lower.is_empty() || SWITZERLAND.contains(&lower.as_str()) {
        Ok("CH".to_owned())
    } else {
        Err(FieldProblem::CountryNotCh)
    }
}

#[cfg(test)]
mod tests;
