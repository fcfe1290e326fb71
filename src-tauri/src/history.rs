//! The history as staff filter it: whole Swiss calendar days, states, payout, operator
//! and words, turned into the journal's query.

use order_journal::{Cursor, HistoryQuery, OrderState, OrderSummary};
use revendo_protocol::Payout;
use revendo_protocol::timestamp::zurich_offset;
use serde::{Deserialize, Serialize};
use time::macros::format_description;
use time::{Date, OffsetDateTime, Time};

use crate::error::{Error, Result};

/// A history filter as the page sends it. Dates are Swiss calendar days
/// (`2026-12-03`), both inclusive; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase", default)]
pub struct HistoryFilter {
    pub text: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub states: Vec<OrderState>,
    pub payout: Option<Payout>,
    pub operator: Option<String>,
}

/// One page of history, newest first.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct HistoryPage {
    pub items: Vec<OrderSummary>,
    /// Pass back to get the next page; `None` on the last.
    pub next: Option<Cursor>,
    /// Orders whose outcome is unknown, over the whole journal.
    pub unresolved_count: u64,
    /// Only the newest orders were searched: the words are too short for the index.
    pub newest_only: bool,
}

impl HistoryFilter {
    /// The journal query: `from` starts at the day's local midnight, `to` ends at the
    /// next day's, in Zurich time whatever zone the till's computer is set to.
    pub fn to_query(&self) -> Result<HistoryQuery> {
        let from = self.from.as_deref().map(|day| swiss_midnight(day, 0)).transpose()?;
        let until = self.to.as_deref().map(|day| swiss_midnight(day, 1)).transpose()?;
        let operator = self.operator.clone().filter(|name| !name.trim().is_empty());

        Ok(HistoryQuery {
            text: self.text.trim().chars().take(100).collect(),
            from,
            until,
            states: self.states.clone(),
            payout: self.payout,
            operator,
        })
    }
}

/// Midnight in Zurich at the start of `day` plus `days_later` days.
fn swiss_midnight(day: &str, days_later: i64) -> Result<OffsetDateTime> {
    let format = format_description!("[year]-[month]-[day]");
    let date = Date::parse(day.trim(), format)
        .map_err(|_| Error::InvalidFilter(format!("not a date (YYYY-MM-DD): {day}")))?;
    let local = (date + time::Duration::days(days_later)).with_time(Time::MIDNIGHT);
    Ok(local.assume_offset(zurich_offset(local)))
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn a_winter_day_runs_from_23_00_to_23_00_utc() {
        let filter = HistoryFilter {
            from: Some("2026-12-03".into()),
            to: Some("2026-12-03".into()),
            ..HistoryFilter::default()
        };

        let query = filter.to_query().expect("valid");

        assert_eq!(query.from, Some(datetime!(2026-12-02 23:00 UTC)));
        assert_eq!(query.until, Some(datetime!(2026-12-03 23:00 UTC)));
    }

    #[test]
    fn a_summer_day_starts_at_22_00_utc() {
        let filter = HistoryFilter { from: Some("2026-07-01".into()), ..HistoryFilter::default() };

        assert_eq!(filter.to_query().expect("valid").from, Some(datetime!(2026-06-30 22:00 UTC)));
    }

    #[test]
    fn a_malformed_date_is_refused_with_the_date_named() {
        let filter = HistoryFilter { to: Some("3.12.2026".into()), ..HistoryFilter::default() };

        let refused = filter.to_query();

        assert!(
            matches!(refused, Err(Error::InvalidFilter(message)) if message.contains("3.12.2026"))
        );
    }

    #[test]
    fn blank_operator_and_surrounding_spaces_do_not_filter() {
        let filter = HistoryFilter {
            text: "  müller ".into(),
            operator: Some(" ".into()),
            ..HistoryFilter::default()
        };

        let query = filter.to_query().expect("valid");

        assert_eq!(query.text, "müller");
        assert_eq!(query.operator, None);
    }
}
