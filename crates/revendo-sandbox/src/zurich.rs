//! Timestamps in the formats Revendo publishes, including Zurich local time.
//!
//! Switzerland follows the EU rule: summer time (CEST, UTC+2) runs from the last Sunday of
//! March at 01:00 UTC to the last Sunday of October at 01:00 UTC; the rest of the year is
//! CET, UTC+1.

use time::macros::format_description;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

/// `2025-10-07T10:30:45Z`, the seed's `created_at`.
pub(crate) fn utc_z(moment: OffsetDateTime) -> String {
    format(moment.to_offset(UtcOffset::UTC), "Z")
}

/// `2025-10-17T13:19:47+00:00`, the later pages' `created_at`.
pub(crate) fn utc_offset(moment: OffsetDateTime) -> String {
    format(moment.to_offset(UtcOffset::UTC), "+00:00")
}

/// `2025-10-17 15:19:45`, Zurich wall-clock time without a zone, as the later 409 shows.
pub(crate) fn zurich_local(moment: OffsetDateTime) -> String {
    let local = moment.to_offset(zurich_offset(moment));
    let layout = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    PrimitiveDateTime::new(local.date(), local.time())
        .format(&layout)
        .unwrap_or_else(|_| local.to_string())
}

fn format(moment: OffsetDateTime, zone: &str) -> String {
    let layout = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let stamp = moment.format(&layout).unwrap_or_else(|_| moment.to_string());
    format!("{stamp}{zone}")
}

/// The offset of Zurich's clocks from UTC at a given moment.
pub(crate) fn zurich_offset(moment: OffsetDateTime) -> UtcOffset {
    let utc = moment.to_offset(UtcOffset::UTC);
    let summer_starts = switch_moment(utc.year(), Month::March);
    let summer_ends = switch_moment(utc.year(), Month::October);
    let hours = if utc >= summer_starts && utc < summer_ends { 2 } else { 1 };
    UtcOffset::from_hms(hours, 0, 0).unwrap_or(UtcOffset::UTC)
}

/// 01:00 UTC on the last Sunday of the month, when European clocks change.
fn switch_moment(year: i32, month: Month) -> OffsetDateTime {
    let last_day = Date::from_calendar_date(year, month, 31).unwrap_or(Date::MIN);
    let back = last_day.weekday().number_days_from_sunday();
    let last_sunday = last_day - time::Duration::days(i64::from(back));
    debug_assert_eq!(last_sunday.weekday(), Weekday::Sunday);
    PrimitiveDateTime::new(last_sunday, Time::from_hms(1, 0, 0).unwrap_or(Time::MIDNIGHT))
        .assume_utc()
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn the_published_examples_are_reproduced() {
        assert_eq!(utc_z(datetime!(2025-10-07 10:30:45 UTC)), "2025-10-07T10:30:45Z");
        assert_eq!(utc_offset(datetime!(2025-10-17 13:19:47 UTC)), "2025-10-17T13:19:47+00:00");
        assert_eq!(zurich_local(datetime!(2025-10-17 13:19:45 UTC)), "2025-10-17 15:19:45");
    }

    #[test]
    fn zurich_is_one_hour_ahead_in_winter() {
        assert_eq!(zurich_local(datetime!(2025-12-03 16:00:00 UTC)), "2025-12-03 17:00:00");
    }

    #[test]
    fn summer_time_starts_on_the_last_sunday_of_march_at_one_utc() {
        assert_eq!(zurich_local(datetime!(2025-03-30 00:59:59 UTC)), "2025-03-30 01:59:59");
        assert_eq!(zurich_local(datetime!(2025-03-30 01:00:00 UTC)), "2025-03-30 03:00:00");
    }

    #[test]
    fn summer_time_ends_on_the_last_sunday_of_october_at_one_utc() {
        assert_eq!(zurich_local(datetime!(2025-10-26 00:59:59 UTC)), "2025-10-26 02:59:59");
        assert_eq!(zurich_local(datetime!(2025-10-26 01:00:00 UTC)), "2025-10-26 02:00:00");
    }

    #[test]
    fn the_switch_follows_the_calendar_of_each_year() {
        assert_eq!(zurich_local(datetime!(2026-03-29 01:00:00 UTC)), "2026-03-29 03:00:00");
        assert_eq!(zurich_local(datetime!(2026-03-28 12:00:00 UTC)), "2026-03-28 13:00:00");
    }
}
