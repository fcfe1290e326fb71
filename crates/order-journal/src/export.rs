//! CSV export of a history selection, for Excel and LibreOffice in a Swiss locale.
//!
//! - UTF-8 with a byte order mark: without it Excel reads the file as Windows-1252 and
//!   garbles every umlaut.
//! - `;` between fields: the list separator of Excel in de-CH (and fr-CH, it-CH), so a
//!   double click opens the file in columns; LibreOffice asks and offers `;`.
//! - Fields quoted when they hold `;`, `"`, a line break, or start or end with a space,
//!   with inner quotes doubled; lines end in CRLF.
//! - Amounts as `227.00` (the decimal point of de-CH), times in Swiss local time.
//! - A field starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
//!   `'`, so no spreadsheet runs it as a formula (a phone `+41…` shows as `'+41…`).
//!
//! Rows are read and written one at a time: a million orders never sit in memory.

use std::io::{BufWriter, Write};
use std::ops::ControlFlow;

use revendo_protocol::{Rappen, iban};
use rusqlite::types::Type;
use rusqlite::{Row, params_from_iter};
use time::{Date, Duration, Month, OffsetDateTime, Weekday};

use crate::Result;
use crate::journal::Journal;
use crate::rows;
use crate::selection::{HistoryQuery, Purpose, Selection};

/// How many rows are written between two calls of the progress callback.
pub const PROGRESS_EVERY: u64 = 1000;

/// How an export ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportOutcome {
    /// Every selected order was written.
    Complete {
        /// Rows written, not counting the header.
        rows: u64,
    },
    /// The progress callback asked to stop; the output holds a partial file.
    Cancelled {
        /// Rows written before stopping.
        rows: u64,
    },
}

const HEADER: [&str; 27] = [
    "Partner order id",
    "Created (Swiss time)",
    "State",
    "Device",
    "Offer id",
    "Payout",
    "Cash CHF",
    "Voucher CHF",
    "Paid out CHF",
    "First name",
    "Last name",
    "Email",
    "Phone",
    "IBAN (masked)",
    "Street",
    "ZIP",
    "City",
    "Operator",
    "Store",
    "Till",
    "Revendo order id",
    "Web id",
    "Revendo status",
    "Tracking URL",
    "Settled (Swiss time)",
    "Error code",
    "Error message",
];

impl Journal {
    /// Writes the selected orders as CSV to `writer`, oldest first, calling `progress`
    /// with the number of rows written every [`PROGRESS_EVERY`] rows; returning
    /// `ControlFlow::Break` stops the export. Run it on its own `Journal` (its own
    /// connection) so the till keeps journaling meanwhile.
    pub fn export_csv<W: Write>(
        &self,
        query: &HistoryQuery,
        writer: W,
        mut progress: impl FnMut(u64) -> ControlFlow<()>,
    ) -> Result<ExportOutcome> {
        let mut out = BufWriter::with_capacity(64 * 1024, writer);
        out.write_all("\u{feff}".as_bytes())?;
        write_record(&mut out, HEADER.map(Some))?;

        let Some(selection) = Selection::build(&self.connection, query, Purpose::Export)? else {
            out.flush()?;
            return Ok(ExportOutcome::Complete { rows: 0 });
        };
        let sql = format!(
            "SELECT o.partner_order_id, o.created_at, o.state, o.device_name, o.offer_id,
                o.payout, o.cash_rappen, o.voucher_rappen, o.first_name, o.last_name, o.email,
                o.phone, o.iban, o.street, o.zip, o.city, o.operator, o.store_id, o.till_id,
                o.revendo_order_id, o.web_id, o.revendo_status, o.tracking_url, o.settled_at,
                o.last_error_code, o.last_error_message
             FROM {} {} ORDER BY {} ASC",
            selection.from,
            selection.where_clause(),
            selection.id_column
        );
        let mut statement = self.connection.prepare(&sql)?;
        let mut found = statement.query(params_from_iter(&selection.params))?;

        let mut clock = SwissClock::default();
        let mut count = 0u64;
        while let Some(row) = found.next()? {
            write_order(&mut out, row, &mut clock)?;
            count += 1;
            if count.is_multiple_of(PROGRESS_EVERY) && progress(count).is_break() {
                out.flush()?;
                return Ok(ExportOutcome::Cancelled { rows: count });
            }
        }

        out.flush()?;
        let _ = progress(count);
        Ok(ExportOutcome::Complete { rows: count })
    }
}

/// Writes one order as a CSV line, its fields in the order of [`HEADER`]. Text is
/// borrowed from SQLite's row, not copied.
fn write_order<W: Write>(out: &mut W, row: &Row<'_>, clock: &mut SwissClock) -> Result<()> {
    let cash = Rappen(row.get(6)?);
    let voucher = Rappen(row.get(7)?);
    let payout = rows::payout(row, 5)?;
    let paid_out = payout.amount_of(cash, voucher);
    let created = clock.format(rows::time(row, 1)?);
    let settled = rows::optional_time(row, 23)?.map(|at| clock.format(at));
    let iban = text(row, 12)?.map(iban::mask);
    let (cash, voucher, paid_out) = (cash.to_string(), voucher.to_string(), paid_out.to_string());

    let fields: [Option<&str>; 27] = [
        text(row, 0)?,
        Some(&created),
        text(row, 2)?,
        text(row, 3)?,
        text(row, 4)?,
        Some(payout.as_str()),
        Some(&cash),
        Some(&voucher),
        Some(&paid_out),
        text(row, 8)?,
        text(row, 9)?,
        text(row, 10)?,
        text(row, 11)?,
        iban.as_deref(),
        text(row, 13)?,
        text(row, 14)?,
        text(row, 15)?,
        text(row, 16)?,
        text(row, 17)?,
        text(row, 18)?,
        text(row, 19)?,
        text(row, 20)?,
        text(row, 21)?,
        text(row, 22)?,
        settled.as_deref(),
        text(row, 24)?,
        text(row, 25)?,
    ];
    write_record(out, fields)
}

/// A nullable text column, borrowed from the row.
fn text<'row>(row: &'row Row<'_>, index: usize) -> rusqlite::Result<Option<&'row str>> {
    row.get_ref(index)?
        .as_str_or_null()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, Type::Text, Box::new(e)))
}

fn write_record<'a, W: Write>(
    out: &mut W,
    fields: impl IntoIterator<Item = Option<&'a str>>,
) -> Result<()> {
    for (index, field) in fields.into_iter().enumerate() {
        if index > 0 {
            out.write_all(b";")?;
        }
        if let Some(field) = field {
            write_field(out, field)?;
        }
    }
    out.write_all(b"\r\n")?;
    Ok(())
}

/// Writes one field, neutralised against formulas and quoted when needed.
pub(crate) fn write_field<W: Write>(out: &mut W, field: &str) -> std::io::Result<()> {
    let bytes = field.as_bytes();
    let formula = matches!(bytes.first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'));
    let needs_quotes = bytes.iter().any(|b| matches!(b, b';' | b'"' | b'\n' | b'\r'))
        || bytes.first() == Some(&b' ')
        || bytes.last() == Some(&b' ');
    if needs_quotes {
        out.write_all(b"\"")?;
    }
    if formula {
        out.write_all(b"'")?;
    }
    if field.contains('"') {
        out.write_all(field.replace('"', "\"\"").as_bytes())?;
    } else {
        out.write_all(field.as_bytes())?;
    }
    if needs_quotes {
        out.write_all(b"\"")?;
    }
    Ok(())
}

/// Swiss local time: CET (UTC+1), and CEST (UTC+2) from the last Sunday of March to the
/// last Sunday of October, switching at 01:00 UTC. Remembers the switches of the last
/// year it formatted.
#[derive(Default)]
struct SwissClock {
    summer: Option<(i32, OffsetDateTime, OffsetDateTime)>,
}

impl SwissClock {
    /// `2025-10-07 12:30:45` for 10:30:45 UTC.
    fn format(&mut self, at: OffsetDateTime) -> String {
        let year = at.year();
        let (start, end) = match self.summer {
            Some((cached, start, end)) if cached == year => (start, end),
            _ => {
                let switch =
                    |month| last_sunday(year, month).midnight().assume_utc() + Duration::HOUR;
                let (start, end) = (switch(Month::March), switch(Month::October));
                self.summer = Some((year, start, end));
                (start, end)
            }
        };
        let summer = at >= start && at < end;
        let local = at + Duration::hours(if summer { 2 } else { 1 });
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            local.year(),
            local.month() as u8,
            local.day(),
            local.hour(),
            local.minute(),
            local.second()
        )
    }
}

/// The last Sunday of a 31-day month.
fn last_sunday(year: i32, month: Month) -> Date {
    let last = Date::from_calendar_date(year, month, 31).unwrap_or(Date::MIN);
    let mut day = last;
    while day.weekday() != Weekday::Sunday {
        day = day.previous_day().unwrap_or(Date::MIN);
    }
    day
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    fn field(text: &str) -> String {
        let mut out = Vec::new();
        write_field(&mut out, text).expect("write to memory");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn quotes_fields_with_separator_quote_or_line_break() {
        assert_eq!(field("Müller"), "Müller");
        assert_eq!(field("a;b"), "\"a;b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn neutralises_cells_that_spreadsheets_would_run_as_formulas() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("+41791234567"), "'+41791234567");
        assert_eq!(field("-2+3"), "'-2+3");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("\tcmd"), "'\tcmd");
        assert_eq!(field("\rcmd"), "\"'\rcmd\"");
    }

    fn swiss_time(at: OffsetDateTime) -> String {
        SwissClock::default().format(at)
    }

    #[test]
    fn writes_swiss_local_time_across_daylight_saving() {
        assert_eq!(swiss_time(datetime!(2025-10-07 10:30:45 UTC)), "2025-10-07 12:30:45");
        assert_eq!(swiss_time(datetime!(2025-01-15 10:00:00 UTC)), "2025-01-15 11:00:00");
        assert_eq!(swiss_time(datetime!(2025-03-30 00:59:59 UTC)), "2025-03-30 01:59:59");
        assert_eq!(swiss_time(datetime!(2025-03-30 01:00:00 UTC)), "2025-03-30 03:00:00");
        assert_eq!(swiss_time(datetime!(2025-10-26 01:00:00 UTC)), "2025-10-26 02:00:00");
        let mut clock = SwissClock::default();
        assert_eq!(clock.format(datetime!(2025-07-01 10:00 UTC)), "2025-07-01 12:00:00");
        assert_eq!(clock.format(datetime!(2026-01-01 10:00 UTC)), "2026-01-01 11:00:00");
    }
}
