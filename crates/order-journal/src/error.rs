//! The one error type of the journal.

/// Everything that can go wrong while journaling or reading orders.
///
/// No variant carries personal data: ids and codes only, never a name, email, phone or
/// IBAN.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite refused or failed a statement (disk full, file locked past the busy
    /// timeout, a broken constraint).
    #[error("journal database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// The journal file could not be created or its permissions could not be set.
    #[error("journal file error: {0}")]
    Io(#[from] std::io::Error),

    /// The file was written by a newer version of the app; it is left untouched.
    #[error(
        "the order journal was written by a newer version of the app (schema {found}, this \
         version knows up to {supported}); please update the app before using this till"
    )]
    NewerSchema {
        /// The schema version found in the file.
        found: i64,
        /// The newest schema version this build knows.
        supported: i64,
    },

    /// SQLite could not switch the file to write-ahead logging, which the journal's
    /// durability relies on; usually the folder is on a network drive.
    #[error("the order journal cannot use write-ahead logging here (journal mode {0})")]
    WalUnavailable(String),

    /// A store id must be 2 to 8 characters A–Z or 0–9.
    #[error("invalid store id {0:?}: use 2 to 8 characters A-Z or 0-9")]
    InvalidStoreId(String),

    /// A till id must be 1 to 3 characters A–Z or 0–9.
    #[error("invalid till id {0:?}: use 1 to 3 characters A-Z or 0-9")]
    InvalidTillId(String),

    /// No order has this journal id.
    #[error("no order with journal id {0}")]
    OrderNotFound(i64),

    /// No attempt has this journal id.
    #[error("no attempt with journal id {0}")]
    AttemptNotFound(i64),

    /// The order is already confirmed or rejected; its outcome is final.
    #[error("order {partner_order_id} is already {state}")]
    AlreadySettled {
        /// The order's partner order id.
        partner_order_id: String,
        /// Its final state, `confirmed` or `rejected`.
        state: &'static str,
    },

    /// The order can no longer be sent: it is settled or its full IBAN is gone.
    #[error("order {0} cannot be resent: its customer details are no longer complete")]
    NotResendable(String),

    /// A stored value cannot be read back (for example an unknown state name): the file
    /// was edited by hand or damaged.
    #[error("unreadable journal value: {0}")]
    Corrupt(String),
}

/// The result of every fallible journal operation.
pub type Result<T, E = Error> = std::result::Result<T, E>;
