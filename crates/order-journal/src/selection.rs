//! Turning a history query into SQL shared by the history list, the totals and the CSV
//! export.
//!
//! Orders are listed by journal id, newest first. The id grows with every order
//! journaled, so it is the order of creation; unlike a timestamp it cannot step backwards
//! when the till's clock is corrected, and the full-text index can walk its matches in
//! that order and stop after one page instead of sorting every match.

use revendo_protocol::Payout;
use rusqlite::Connection;
use rusqlite::types::Value;
use time::OffsetDateTime;

use crate::Result;
use crate::model::{OrderState, to_millis};
use crate::text::fold;

/// Which orders the history shows, sums or exports. The default selects every order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryQuery {
    /// Words as staff type them: any part of the customer's name, email or phone, of the
    /// partner order id, Revendo's order id or web id, or of the device. Case and accents
    /// are ignored; every word must match.
    pub text: String,
    /// Orders created at or after this instant.
    pub from: Option<OffsetDateTime>,
    /// Orders created before this instant.
    pub until: Option<OffsetDateTime>,
    /// Orders in any of these states; empty means every state.
    pub states: Vec<OrderState>,
    /// Orders with this payout.
    pub payout: Option<Payout>,
    /// Orders made by this operator.
    pub operator: Option<String>,
}

/// The SQL pieces of a query: its `FROM`, its `WHERE` conditions with their parameters,
/// and the column that orders it (the journal id).
pub(crate) struct Selection {
    pub from: &'static str,
    pub conditions: Vec<String>,
    pub params: Vec<Value>,
    pub id_column: &'static str,
    /// Whether only the newest [`SHORT_SEARCH_DEPTH`] orders are looked through.
    pub newest_only: bool,
}

/// The trigram index matches only words of three characters or more.
const TRIGRAM: usize = 3;

/// How many of the newest orders a search of only one- or two-character words looks
/// through, for its list, its totals and its export alike: about a week and a half of a
/// busy till. Such words are what staff type on their way to a longer one, and matching
/// them against every order would read the whole journal; the third character switches
/// to the index and to every order.
pub const SHORT_SEARCH_DEPTH: u64 = 10_000;

/// What a selection is read for, which decides how SQLite should walk it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// A page of the history, newest first.
    List,
    /// Sums: without search words they are read from the `created_at` index alone.
    Totals,
    /// Every selected order, in journal order.
    Export,
}

/// How a date range was applied to a selection.
enum Dated {
    /// No order was created in the range.
    NoOrders,
    /// As a range of journal ids, the newest being `newest`.
    ByIds { newest: i64 },
    /// As a condition on the `created_at` index.
    ByIndex,
}

impl Selection {
    /// Builds the selection, or `None` when the date range holds no order at all.
    pub fn build(
        connection: &Connection,
        query: &HistoryQuery,
        purpose: Purpose,
    ) -> Result<Option<Selection>> {
        let terms = search_terms(&query.text);
        let mut selection = Selection::matching(&terms);

        let mut newest = None;
        if query.from.is_some() || query.until.is_some() {
            let from = query.from.map_or(i64::MIN, to_millis);
            let until = query.until.map_or(i64::MAX, to_millis);
            match selection.created_between(connection, from, until, purpose)? {
                Dated::NoOrders => return Ok(None),
                Dated::ByIds { newest: last } => newest = Some(last),
                Dated::ByIndex => {}
            }
        }

        let only_checked = !terms.is_empty() && terms.iter().all(|term| term.indexed.is_none());
        if only_checked {
            let newest = match newest {
                Some(newest) => newest,
                None => {
                    connection.query_row("SELECT coalesce(max(id), 0) FROM orders", [], |row| {
                        row.get(0)
                    })?
                }
            };
            selection.push("o.id > ?", [Value::Integer(newest - SHORT_SEARCH_DEPTH as i64)]);
            selection.newest_only = true;
        }

        if !query.states.is_empty() {
            let marks = vec!["?"; query.states.len()].join(", ");
            let states = query.states.iter().map(|state| Value::Text(state.as_str().to_owned()));
            selection.push(&format!("o.state IN ({marks})"), states);
        }
        if let Some(payout) = query.payout {
            selection.push("o.payout = ?", [Value::Text(payout.as_str().to_owned())]);
        }
        if let Some(operator) = &query.operator {
            selection.push("o.operator = ?", [Value::Text(operator.clone())]);
        }
        Ok(Some(selection))
    }

    /// The orders matching every search term: through the index when a term has an
    /// indexed part, and checked against the order's own text for the others.
    fn matching(terms: &[Term]) -> Selection {
        let indexed: Vec<String> =
            terms.iter().filter_map(|term| term.indexed.as_deref()).map(quote).collect();
        let mut selection = if indexed.is_empty() {
            Selection {
                from: "orders o",
                conditions: vec![],
                params: vec![],
                id_column: "o.id",
                newest_only: false,
            }
        } else {
            Selection {
                from: "order_search s JOIN orders o ON o.id = s.rowid",
                conditions: vec!["order_search MATCH ?".to_owned()],
                params: vec![Value::Text(indexed.join(" AND "))],
                id_column: "s.rowid",
                newest_only: false,
            }
        };

        for word in terms.iter().filter_map(|term| term.checked.clone()) {
            selection.push(
                "journal_contains(?, o.first_name, o.last_name, o.email, o.phone, \
                 CASE WHEN o.phone LIKE '+41%' THEN '0' || substr(o.phone, 4) END, \
                 o.partner_order_id, o.revendo_order_id, o.web_id, o.device_name)",
                [Value::Text(word)],
            );
        }
        selection
    }

    /// Keeps orders created in `[from, until)`. Totals without search words read them from
    /// the `created_at` index; everything else walks the journal ids of that range.
    fn created_between(
        &mut self,
        connection: &Connection,
        from: i64,
        until: i64,
        purpose: Purpose,
    ) -> Result<Dated> {
        if purpose == Purpose::Totals && self.conditions.is_empty() {
            self.push("o.created_at >= ? AND o.created_at < ?", [from.into(), until.into()]);
            return Ok(Dated::ByIndex);
        }

        let Some((first, last)) = id_range(connection, from, until)? else {
            return Ok(Dated::NoOrders);
        };
        let id = self.id_column;
        self.push(&format!("{id} BETWEEN ? AND ?"), [first.into(), last.into()]);
        // `+` keeps SQLite from choosing the `created_at` index over the id range here.
        self.push("+o.created_at >= ? AND +o.created_at < ?", [from.into(), until.into()]);
        Ok(Dated::ByIds { newest: last })
    }

    /// Adds a condition and its parameters.
    pub fn push(&mut self, condition: &str, params: impl IntoIterator<Item = Value>) {
        self.conditions.push(condition.to_owned());
        self.params.extend(params);
    }

    /// `WHERE …` of every condition, or nothing.
    pub fn where_clause(&self) -> String {
        if self.conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.conditions.join(" AND "))
        }
    }
}

/// The lowest and highest journal id created in `[from, until)`. Adding them as a rowid
/// range lets the list, the index and the totals start at the right place instead of
/// walking every newer order; the exact date condition still applies.
fn id_range(connection: &Connection, from: i64, until: i64) -> Result<Option<(i64, i64)>> {
    let range: (Option<i64>, Option<i64>) = connection.query_row(
        "SELECT min(id), max(id) FROM orders WHERE created_at >= ?1 AND created_at < ?2",
        [from, until],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok(range.0.zip(range.1))
}

/// One typed word: the part the trigram index looks up, and the part checked against
/// the order's own text.
#[derive(Debug, PartialEq, Eq)]
struct Term {
    indexed: Option<String>,
    checked: Option<String>,
}

/// The terms of a search text, folded.
///
/// - A text of digits and phone punctuation only (`079 123 45 67`, `+41 79 123`) is one
///   word without its spaces, in the national form the index holds (`079123`).
/// - A word of three characters or more is looked up in the index.
/// - Of an id such as `ZH01-2-000042` or `ANK-2025-001234` the index holds only the
///   trailing number: that number is looked up, and the whole word is checked against
///   the order. An id typed without three trailing digits yet is only checked.
/// - A shorter word is only checked against the order's text.
fn search_terms(text: &str) -> Vec<Term> {
    let text = text.trim();
    let phone_like = text.chars().any(|c| c.is_ascii_digit())
        && text.chars().all(|c| c.is_ascii_digit() || " +/.()".contains(c) || c.is_whitespace());
    if phone_like {
        let digits: String = text.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        let national = ["+41", "0041"]
            .iter()
            .find_map(|prefix| digits.strip_prefix(prefix))
            .map_or(digits.clone(), |rest| format!("0{rest}"));
        return vec![term(&national)];
    }
    text.split_whitespace().map(term).collect()
}

/// The index folds case and accents itself, so it gets the word as typed; the check
/// folds both sides with [`fold`].
fn term(word: &str) -> Term {
    let id_like = word.contains('-') && word.contains(|c: char| c.is_ascii_digit());
    if id_like {
        let number = word.rsplit(|c: char| !c.is_ascii_digit()).next().unwrap_or("");
        let indexed = (number.len() >= TRIGRAM).then(|| number.to_owned());
        return Term { indexed, checked: Some(fold(word)) };
    }
    if word.chars().count() < TRIGRAM {
        return Term { indexed: None, checked: Some(fold(word)) };
    }
    Term { indexed: Some(word.to_owned()), checked: None }
}

/// A word as an FTS5 string: the trigram index matches it anywhere in a column.
fn quote(word: &str) -> String {
    format!("\"{}\"", word.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indexed(word: &str) -> Term {
        Term { indexed: Some(word.to_owned()), checked: None }
    }

    #[test]
    fn phone_numbers_as_typed_become_one_word() {
        assert_eq!(search_terms(" 079 123 45 67 "), vec![indexed("0791234567")]);
        assert_eq!(search_terms("+41 79 123"), vec![indexed("079123")]);
        assert_eq!(search_terms("0041791234567"), vec![indexed("0791234567")]);
        assert_eq!(search_terms("2345"), vec![indexed("2345")]);
    }

    #[test]
    fn words_are_folded_and_short_ones_are_checked_rather_than_indexed() {
        let short = Term { indexed: None, checked: Some("mu".to_owned()) };
        assert_eq!(search_terms("Hans MÜLLER"), vec![indexed("Hans"), indexed("MÜLLER")]);
        assert_eq!(search_terms("Mü"), vec![short]);
    }

    #[test]
    fn ids_are_looked_up_by_their_trailing_number_and_checked_whole() {
        let id = Term { indexed: Some("000042".to_owned()), checked: Some("zh01-2-000042".into()) };
        assert_eq!(search_terms("ZH01-2-000042"), vec![id]);
        let partial = Term { indexed: None, checked: Some("ank-2025-0".to_owned()) };
        assert_eq!(search_terms("ANK-2025-0"), vec![partial]);
        assert_eq!(search_terms("Rüegg-Meier"), vec![indexed("Rüegg-Meier")]);
    }

    #[test]
    fn quotes_are_doubled_in_index_strings() {
        assert_eq!(quote("a\"b"), "\"a\"\"b\"");
    }
}
