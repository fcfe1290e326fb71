//! What staff read: the history list, an order's detail and totals.

use revendo_protocol::{Address, Rappen, RevendoOrder, iban};
use rusqlite::OptionalExtension;
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::ids::{AttemptId, OrderId};
use crate::journal::{Journal, summary};
use crate::model::{AttemptRecord, OrderDetail, OrderState, OrderSummary};
use crate::rows::{self, SUMMARY_COLUMNS};
use crate::selection::{HistoryQuery, Purpose, Selection};
use crate::{Error, Result};

/// Orders per page of the history list.
pub const PAGE_SIZE: usize = 50;

/// Where the next page starts: after the last order of the previous one. Opaque to the
/// page, which sends it back as it got it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct Cursor(i64);

/// One page of a list, newest first, and where the next one starts (`None` on the last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    /// At most [`PAGE_SIZE`] items.
    pub items: Vec<T>,
    /// The cursor of the next page, when there is one.
    pub next: Option<Cursor>,
    /// The search, of words too short for the index, looked only through the newest
    /// [`SHORT_SEARCH_DEPTH`](crate::SHORT_SEARCH_DEPTH) orders.
    pub newest_only: bool,
}

/// Number of orders and their amounts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Sums {
    /// How many orders.
    pub count: u64,
    /// What the orders whose customer chose cash pay out.
    pub cash: Rappen,
    /// What the orders whose customer chose a voucher pay out.
    pub voucher: Rappen,
    /// Both together: the amount of the payout each customer chose.
    pub paid_out: Rappen,
}

/// The sums of the orders in one state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StateTotals {
    /// The state.
    pub state: OrderState,
    /// Its orders' sums.
    #[serde(flatten)]
    pub sums: Sums,
}

/// Totals of a selection of orders (a day, a month, any filter).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    /// One entry per state, every state present, in the order of an order's life.
    pub by_state: Vec<StateTotals>,
    /// All selected orders together.
    pub all: Sums,
    /// As in [`Page::newest_only`]: the sums are those of the newest orders only.
    pub newest_only: bool,
}

impl Journal {
    /// How many orders are unresolved, for the badge staff see on every screen. The
    /// repeated condition lets SQLite use the small index of open orders instead of
    /// scanning every order.
    pub fn count_unresolved(&self) -> Result<u64> {
        let count: i64 = self.connection.query_row(
            "SELECT count(*) FROM orders
             WHERE state IN ('created', 'in_flight', 'unresolved') AND state = 'unresolved'",
            [],
            |row| row.get(0),
        )?;
        Ok(u64::try_from(count).unwrap_or_default())
    }

    /// One page of the orders the query selects, newest first. Pass the previous page's
    /// `next` to get the following page; orders journaled meanwhile never shift it.
    pub fn search(
        &self,
        query: &HistoryQuery,
        after: Option<Cursor>,
    ) -> Result<Page<OrderSummary>> {
        let Some(mut selection) = Selection::build(&self.connection, query, Purpose::List)? else {
            return Ok(Page { items: vec![], next: None, newest_only: false });
        };
        if let Some(Cursor(last)) = after {
            let id = selection.id_column;
            selection.push(&format!("{id} < ?"), [Value::Integer(last)]);
        }

        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM {} {} ORDER BY {} DESC LIMIT {}",
            selection.from,
            selection.where_clause(),
            selection.id_column,
            PAGE_SIZE + 1
        );
        let mut statement = self.connection.prepare_cached(&sql)?;
        let mut items = statement
            .query_map(params_from_iter(&selection.params), rows::summary)?
            .collect::<rusqlite::Result<Vec<_>>>()?;

        let next = if items.len() > PAGE_SIZE {
            items.truncate(PAGE_SIZE);
            items.last().map(|last| Cursor(last.id.0))
        } else {
            None
        };
        Ok(Page { items, next, newest_only: selection.newest_only })
    }

    /// Count and amounts of the selected orders, per state and overall.
    pub fn totals(&self, query: &HistoryQuery) -> Result<Totals> {
        let mut by_state: Vec<StateTotals> = OrderState::ALL
            .into_iter()
            .map(|state| StateTotals { state, sums: Sums::default() })
            .collect();
        let Some(selection) = Selection::build(&self.connection, query, Purpose::Totals)? else {
            return Ok(Totals { by_state, all: Sums::default(), newest_only: false });
        };

        let sql = format!(
            "SELECT o.state, count(*),
                coalesce(sum(CASE o.payout WHEN 'cash' THEN o.cash_rappen END), 0),
                coalesce(sum(CASE o.payout WHEN 'voucher' THEN o.voucher_rappen END), 0)
             FROM {} {} GROUP BY o.state",
            selection.from,
            selection.where_clause()
        );
        let mut statement = self.connection.prepare_cached(&sql)?;
        let mut found = statement.query(params_from_iter(&selection.params))?;
        let mut all = Sums::default();
        while let Some(row) = found.next()? {
            let state = rows::state(row, 0)?;
            let cash = Rappen(row.get(2)?);
            let voucher = Rappen(row.get(3)?);
            let sums = Sums {
                count: row.get::<_, i64>(1)? as u64,
                cash,
                voucher,
                paid_out: Rappen(cash.0 + voucher.0),
            };
            all.count += sums.count;
            all.cash.0 += sums.cash.0;
            all.voucher.0 += sums.voucher.0;
            all.paid_out.0 += sums.paid_out.0;
            if let Some(entry) = by_state.iter_mut().find(|entry| entry.state == state) {
                entry.sums = sums;
            }
        }
        Ok(Totals { by_state, all, newest_only: selection.newest_only })
    }

    /// Everything about one order, with its attempts. The IBAN is masked whatever the
    /// order's state.
    pub fn order_detail(&self, order: OrderId) -> Result<OrderDetail> {
        let summary = summary(&self.connection, order)?;
        let mut detail = self
            .connection
            .query_row(
                "SELECT price_id, product_id, first_name, last_name, email, phone, iban,
                    street, zip, city, country, store_id, till_id, updated_at, settled_at,
                    personal_data_purged_at, revendo_order_id, web_id, revendo_status,
                    quote_amount_rappen, currency, tracking_url, revendo_created_at,
                    already_existed, last_error_message
                 FROM orders WHERE id = ?1",
                [order.0],
                |row| {
                    let street: Option<String> = row.get(7)?;
                    let zip: Option<String> = row.get(8)?;
                    let city: Option<String> = row.get(9)?;
                    let address = match (street, zip, city) {
                        (None, None, None) => None,
                        (street, zip, city) => Some(Address {
                            street: street.unwrap_or_default(),
                            zip: zip.unwrap_or_default(),
                            city: city.unwrap_or_default(),
                            country: row.get(10)?,
                        }),
                    };
                    let revendo_order_id: Option<String> = row.get(16)?;
                    let revendo = match revendo_order_id {
                        None => None,
                        Some(order_id) => Some(RevendoOrder {
                            order_id,
                            web_id: row.get(17)?,
                            status: row.get::<_, Option<String>>(18)?.unwrap_or_default(),
                            quote_amount: row.get::<_, Option<i64>>(19)?.map(Rappen),
                            currency: row.get(20)?,
                            tracking_url: row.get::<_, Option<String>>(21)?.unwrap_or_default(),
                            created_at: rows::optional_time(row, 22)?,
                            already_existed: row.get::<_, Option<bool>>(23)?.unwrap_or(false),
                        }),
                    };
                    Ok(OrderDetail {
                        summary: summary.clone(),
                        price_id: row.get(0)?,
                        product_id: row.get(1)?,
                        first_name: row.get(2)?,
                        last_name: row.get(3)?,
                        email: row.get(4)?,
                        phone: row.get(5)?,
                        iban_masked: row.get::<_, Option<String>>(6)?.map(|text| iban::mask(&text)),
                        address,
                        store_id: row.get(11)?,
                        till_id: row.get(12)?,
                        updated_at: rows::time(row, 13)?,
                        settled_at: rows::optional_time(row, 14)?,
                        personal_data_purged_at: rows::optional_time(row, 15)?,
                        revendo,
                        last_error_message: row.get(24)?,
                        attempts: vec![],
                    })
                },
            )
            .optional()?
            .ok_or(Error::OrderNotFound(order.0))?;

        detail.attempts = self.attempts(order)?;
        Ok(detail)
    }

    fn attempts(&self, order: OrderId) -> Result<Vec<AttemptRecord>> {
        let mut statement = self.connection.prepare_cached(
            "SELECT id, number, started_at, finished_at, duration_ms, http_status, error_code
             FROM attempts WHERE order_id = ?1 ORDER BY number",
        )?;
        let attempts = statement
            .query_map([order.0], |row| {
                Ok(AttemptRecord {
                    id: AttemptId(row.get(0)?),
                    number: row.get(1)?,
                    started_at: rows::time(row, 2)?,
                    finished_at: rows::optional_time(row, 3)?,
                    duration_ms: row.get(4)?,
                    http_status: row.get(5)?,
                    error_code: row.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(attempts)
    }
}
