//! Retention of personal data: customer name, email, phone and address are removed from
//! orders settled longer ago than the retention period. Ids, device, amounts, dates,
//! states, Revendo's answer and the masked IBAN stay for the accounts: the masked IBAN
//! (country, check digits, last four characters) identifies no one, and lets staff
//! answer "was it paid to my account ending 2957?".

use rusqlite::{TransactionBehavior, params};
use serde::Serialize;
use time::{Duration, OffsetDateTime};

use crate::Result;
use crate::journal::Journal;
use crate::model::to_millis;
use crate::rows;

/// How long personal data of a settled order is kept unless configured otherwise.
pub const DEFAULT_RETENTION_DAYS: u32 = 180;

/// One run of the retention purge, as recorded in the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PurgeRecord {
    /// When the purge ran.
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub purged_at: OffsetDateTime,
    /// The retention period it applied.
    pub retention_days: u32,
    /// How many orders lost their personal data in this run.
    pub orders_purged: u64,
}

impl Journal {
    /// Removes the personal data of every order settled more than `retention_days` ago,
    /// also from the search index, and records the run, all in one transaction. Orders
    /// not yet settled keep their data: they may still have to be resent.
    pub fn purge_personal_data(
        &mut self,
        now: OffsetDateTime,
        retention_days: u32,
    ) -> Result<PurgeRecord> {
        let cutoff = now - Duration::days(i64::from(retention_days));
        let transaction =
            self.connection.transaction_with_behavior(TransactionBehavior::Immediate)?;

        let purged = transaction.execute(
            "UPDATE orders SET first_name = NULL, last_name = NULL, email = NULL, phone = NULL,
                street = NULL, zip = NULL, city = NULL, personal_data_purged_at = ?2
             WHERE settled_at IS NOT NULL AND personal_data_purged_at IS NULL
                AND settled_at < ?1",
            params![to_millis(cutoff), to_millis(now)],
        )?;
        transaction.execute(
            "INSERT INTO purges (purged_at, retention_days, orders_purged) VALUES (?1, ?2, ?3)",
            params![to_millis(now), retention_days, purged as i64],
        )?;

        transaction.commit()?;
        tracing::info!(orders = purged, retention_days, "personal data purged");
        Ok(PurgeRecord { purged_at: now, retention_days, orders_purged: purged as u64 })
    }

    /// Every recorded purge, most recent first.
    pub fn purges(&self) -> Result<Vec<PurgeRecord>> {
        let mut statement = self.connection.prepare(
            "SELECT purged_at, retention_days, orders_purged FROM purges ORDER BY id DESC",
        )?;
        let records = statement
            .query_map([], |row| {
                Ok(PurgeRecord {
                    purged_at: rows::time(row, 0)?,
                    retention_days: row.get(1)?,
                    orders_purged: row.get::<_, i64>(2)? as u64,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(records)
    }
}
