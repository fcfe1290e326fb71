//! Revendo's `created_at` in each published format. A time without a zone is Swiss
//! local time: the same order (`W-0105185`) is reported as `13:19:47+00:00` in a 200
//! and as `15:19:45` in the 409 that followed, two hours ahead, as CEST is.

use time::format_description::well_known::Rfc3339;
use time::macros::{format_description, offset, time};
use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// Reads `2025-10-07T10:30:45Z`, `2025-10-17T13:19:47+00:00` (RFC 3339, with or without
/// fractions) and `2025-10-17 15:19:45` or `2025-10-17T15:19:45` (Europe/Zurich local
/// time). `None` for anything else.
pub fn parse_created_at(text: &str) -> Option<OffsetDateTime> {
    let text = text.trim();
    if let Ok(instant) = OffsetDateTime::parse(text, &Rfc3339) {
        return Some(instant);
    }

    let with_space = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    let with_t = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let local = PrimitiveDateTime::parse(text, with_space)
        .or_else(|_| PrimitiveDateTime::parse(text, with_t))
        .ok()?;
    Some(local.assume_offset(zurich_offset(local)))
}

/// The offset of Europe/Zurich at a local wall-clock time, by the EU rule: CEST (+02:00)
/// from the last Sunday of March, 01:00 UTC, to the last Sunday of October, 01:00 UTC;
/// CET (+01:00) otherwise. A time repeated in October is read as the first (CEST) one;
/// a time skipped in March is read as CET.
pub fn zurich_offset(local: PrimitiveDateTime) -> UtcOffset {
    let year = local.year();
    let summer_starts = last_sunday(year, Month::March).with_time(time!(1:00));
    let summer_ends = last_sunday(year, Month::October).with_time(time!(1:00));

    let utc_if_summer = local - Duration::hours(2);
    if utc_if_summer >= summer_starts && utc_if_summer < summer_ends {
        offset!(+2)
    } else {
        offset!(+1)
    }
}

/// The last Sunday of a month with 31 days.
fn last_sunday(year: i32, month: Month) -> Date {
    let last_day = Date::from_calendar_date(year, month, 31).unwrap_or(Date::MIN);
    let back = last_day.weekday().number_days_from_sunday();
    last_day - Duration::days(i64::from(back))
}

#[cfg(test)]
mod tests {
    use time::Weekday;
    use time::macros::{date, datetime};

    use super::*;

    #[test]
    fn reads_each_published_format() {
        assert_eq!(
            parse_created_at("2025-10-07T10:30:45Z"),
            Some(datetime!(2025-10-07 10:30:45 UTC))
        );
        assert_eq!(
            parse_created_at("2025-10-17T13:19:47+00:00"),
            Some(datetime!(2025-10-17 13:19:47 UTC))
        );
        assert_eq!(
            parse_created_at("2025-10-17 15:19:45"),
            Some(datetime!(2025-10-17 13:19:45 UTC))
        );
        assert_eq!(
            parse_created_at("2025-10-17T15:19:45"),
            Some(datetime!(2025-10-17 13:19:45 UTC))
        );
        assert_eq!(parse_created_at("17.10.2025 15:19"), None);
    }

    #[test]
    fn local_times_follow_the_eu_summer_time_rule() {
        assert_eq!(parse_created_at("2025-01-15 12:00:00"), Some(datetime!(2025-01-15 11:00 UTC)));
        assert_eq!(parse_created_at("2025-07-15 12:00:00"), Some(datetime!(2025-07-15 10:00 UTC)));
        assert_eq!(
            parse_created_at("2025-03-30 01:59:59"),
            Some(datetime!(2025-03-30 00:59:59 UTC))
        );
        assert_eq!(parse_created_at("2025-03-30 03:00:00"), Some(datetime!(2025-03-30 01:00 UTC)));
        assert_eq!(
            parse_created_at("2025-10-26 01:59:59"),
            Some(datetime!(2025-10-25 23:59:59 UTC))
        );
        assert_eq!(parse_created_at("2025-10-26 03:00:00"), Some(datetime!(2025-10-26 02:00 UTC)));
        assert_eq!(parse_created_at("2024-10-27 12:00:00"), Some(datetime!(2024-10-27 11:00 UTC)));
        assert_eq!(parse_created_at("2024-10-26 12:00:00"), Some(datetime!(2024-10-26 10:00 UTC)));
    }

    #[test]
    fn the_last_sunday_is_found_in_any_year() {
        assert_eq!(last_sunday(2025, Month::March), date!(2025 - 03 - 30));
        assert_eq!(last_sunday(2026, Month::October).weekday(), Weekday::Sunday);
        assert_eq!(last_sunday(2026, Month::October).day(), 25);
    }
}
