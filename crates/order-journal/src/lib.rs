//! The till's journal of trade-in orders, in one SQLite file.
//!
//! Every order is on disk, with its partner order id, before its first request to
//! Revendo leaves; every attempt is journaled before and after. A till killed at any
//! moment finds, on its next start, each order either settled or ready to be resent
//! safely with the same partner order id ([`Journal::recover_interrupted`]).
//!
//! Staff read the journal as history: search by any part of a name, email, phone, order
//! id or device ([`Journal::search`]), totals per state ([`Journal::totals`]) and a CSV
//! export for Excel ([`Journal::export_csv`]). Personal data is masked on settlement and
//! purged after a retention period ([`Journal::purge_personal_data`]).

#![warn(missing_docs)]

mod connection;
mod error;
mod export;
mod history;
mod ids;
mod journal;
mod migrate;
mod model;
mod purge;
mod reopen;
mod rows;
mod selection;
mod text;

pub use connection::BUSY_TIMEOUT;
pub use error::{Error, Result};
pub use export::{ExportOutcome, PROGRESS_EVERY};
pub use history::{Cursor, PAGE_SIZE, Page, StateTotals, Sums, Totals};
pub use ids::{AttemptId, OrderId, StoreId, TillId, TillIdentity};
pub use journal::{INTERRUPTED, Journal};
pub use migrate::SCHEMA_VERSION;
pub use model::{
    AttemptOutcome, AttemptRecord, Created, NewOrder, OrderDetail, OrderState, OrderSummary,
    ResendOrder,
};
pub use purge::{DEFAULT_RETENTION_DAYS, PurgeRecord};
pub use selection::{HistoryQuery, SHORT_SEARCH_DEPTH};
