//! Opening the journal file: the one place where a SQLite connection is made, so every
//! connection gets the same durability settings.

use std::path::Path;
use std::time::Duration;

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OpenFlags};

use crate::Result;
use crate::text::fold_into;

/// How long a statement waits for another connection's write lock before failing.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens (creating if needed) the journal file with the journal's pragmas: WAL,
/// `synchronous=FULL` (a commit that returned survives a power cut), foreign keys on, a
/// busy timeout, and `secure_delete=FAST` (a replaced IBAN or purged name is zeroed in the
/// page that held it, at no extra I/O).
///
/// On Unix the file is readable and writable by its owner alone (0600); SQLite gives the
/// `-wal` and `-shm` files it creates the same mode as the database.
pub(crate) fn open(path: &Path) -> Result<Connection> {
    restrict_to_owner(path)?;

    let connection = Connection::open_with_flags(path, OpenFlags::default())?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = connection.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(crate::Error::WalUnavailable(mode));
    }
    connection.execute_batch(
        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = FAST;",
    )?;

    register_functions(&connection)?;
    Ok(connection)
}

/// Creates the file with mode 0600 before SQLite opens it, and narrows the mode of an
/// existing file, so the customer data it holds is never readable by other users.
#[cfg(unix)]
fn restrict_to_owner(path: &Path) -> Result<()> {
    use std::fs::{OpenOptions, Permissions};
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};

    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)?;
    if file.metadata()?.permissions().mode() & 0o777 != 0o600 {
        file.set_permissions(Permissions::from_mode(0o600))?;
    }
    Ok(())
}

/// TODO(security): on Windows the file inherits the ACL of the user's profile folder,
/// which is private by default; no ACL is set explicitly.
#[cfg(not(unix))]
fn restrict_to_owner(_path: &Path) -> Result<()> {
    Ok(())
}

/// `journal_contains(needle, field, …)`: true when the folded needle is part of any
/// folded field. Used for search words too short for the trigram index.
fn register_functions(connection: &Connection) -> Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    connection.create_scalar_function("journal_contains", -1, flags, |ctx| {
        let needle: String = ctx.get(0)?;
        let mut folded = String::new();
        for index in 1..ctx.len() {
            if let Some(field) = ctx.get::<Option<String>>(index)? {
                folded.clear();
                fold_into(&field, &mut folded);
                if folded.contains(&needle) {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    })?;
    Ok(())
}
