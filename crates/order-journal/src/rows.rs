//! Reading stored rows back into the journal's types.

use revendo_protocol::Payout;
use rusqlite::Row;
use rusqlite::types::Type;
use time::OffsetDateTime;

use crate::ids::OrderId;
use crate::model::{OrderState, OrderSummary, from_millis, parse_payout};

/// The columns of an [`OrderSummary`], in the order [`summary`] reads them, for a query
/// whose `orders` table is aliased `o`.
pub(crate) const SUMMARY_COLUMNS: &str = "o.id, o.partner_order_id, o.offer_id, o.device_name, \
     o.cash_rappen, o.voucher_rappen, o.payout, o.first_name, o.last_name, o.state, \
     o.created_at, o.operator, o.revendo_order_id, o.web_id, o.last_error_code";

/// Reads the [`SUMMARY_COLUMNS`] starting at column 0.
pub(crate) fn summary(row: &Row<'_>) -> rusqlite::Result<OrderSummary> {
    let first_name: Option<String> = row.get(7)?;
    let last_name: Option<String> = row.get(8)?;
    Ok(OrderSummary {
        id: OrderId(row.get(0)?),
        partner_order_id: row.get(1)?,
        offer_id: row.get(2)?,
        device_name: row.get(3)?,
        cash: revendo_protocol::Rappen(row.get(4)?),
        voucher: revendo_protocol::Rappen(row.get(5)?),
        payout: payout(row, 6)?,
        customer_name: full_name(first_name.as_deref(), last_name.as_deref()),
        state: state(row, 9)?,
        created_at: time(row, 10)?,
        operator: row.get(11)?,
        revendo_order_id: row.get(12)?,
        web_id: row.get(13)?,
        last_error_code: row.get(14)?,
    })
}

/// "First Last", or `None` when both were purged.
pub(crate) fn full_name(first: Option<&str>, last: Option<&str>) -> Option<String> {
    match (first, last) {
        (None, None) => None,
        (first, last) => {
            Some(format!("{} {}", first.unwrap_or(""), last.unwrap_or("")).trim().to_owned())
        }
    }
}

/// A stored timestamp column.
pub(crate) fn time(row: &Row<'_>, index: usize) -> rusqlite::Result<OffsetDateTime> {
    let millis: i64 = row.get(index)?;
    from_millis(millis).map_err(|e| conversion(index, Type::Integer, e))
}

/// A nullable stored timestamp column.
pub(crate) fn optional_time(
    row: &Row<'_>,
    index: usize,
) -> rusqlite::Result<Option<OffsetDateTime>> {
    let millis: Option<i64> = row.get(index)?;
    millis.map(|m| from_millis(m).map_err(|e| conversion(index, Type::Integer, e))).transpose()
}

/// A stored state column.
pub(crate) fn state(row: &Row<'_>, index: usize) -> rusqlite::Result<OrderState> {
    let text: String = row.get(index)?;
    OrderState::parse(&text).map_err(|e| conversion(index, Type::Text, e))
}

/// A stored payout column.
pub(crate) fn payout(row: &Row<'_>, index: usize) -> rusqlite::Result<Payout> {
    let text: String = row.get(index)?;
    parse_payout(&text).map_err(|e| conversion(index, Type::Text, e))
}

fn conversion(index: usize, kind: Type, error: crate::Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, kind, Box::new(error))
}
