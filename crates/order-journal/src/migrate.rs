//! Schema migrations: plain SQL files embedded in the binary, applied in one transaction
//! and counted in `PRAGMA user_version`.

use rusqlite::{Connection, TransactionBehavior};

use crate::{Error, Result};

/// Every migration in order; the schema version is the number applied.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_orders.sql"),
    include_str!("../migrations/0002_history.sql"),
];

/// The newest schema version this build knows.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database to [`SCHEMA_VERSION`]. All pending migrations run in one
/// transaction: a crash leaves the previous version intact. A database written by a
/// newer build is refused before anything is written to it.
pub(crate) fn migrate(connection: &mut Connection) -> Result<()> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: i64 = transaction.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found < 0 {
        return Err(Error::Corrupt(format!("schema version {found}")));
    }
    if found > SCHEMA_VERSION {
        return Err(Error::NewerSchema { found, supported: SCHEMA_VERSION });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }

    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        transaction.execute_batch(sql)?;
        tracing::info!(version = index + 1, "journal schema migrated");
    }
    transaction.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    transaction.commit()?;
    Ok(())
}
