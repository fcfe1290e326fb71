//! The Revendo API key in the operating system's keychain: Keychain on macOS,
//! Credential Manager on Windows, the Secret Service on Linux.
//!
//! The key is stored under one service name, with the API base it belongs to as the
//! account, so production, staging and a custom environment each keep their own key.
//! Nothing here falls back to a file: without a keychain the till stores nothing.

use revendo_protocol::ApiKey;
use serde::Serialize;

/// The service name the key is stored under (`secret-tool search service ch.revendo.till`).
pub const SERVICE: &str = "ch.revendo.till";

/// Why the keychain could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum KeychainError {
    /// This computer has no keychain service the till can use (on Linux: no Secret
    /// Service on the session bus). Nothing was stored anywhere.
    #[error("this computer has no keychain service; the API key cannot be stored")]
    Unavailable,
    /// The keychain refused or failed; the text is the keychain's own, which never
    /// contains the key.
    #[error("the keychain failed: {0}")]
    Failed(String),
    /// The key to store is empty or has characters a header cannot carry.
    #[error("the API key is empty or contains spaces or control characters")]
    InvalidKey,
}

/// What the page may learn about the key: whether one is stored, never the key itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../../ui/bindings/"))]
#[serde(rename_all = "camelCase")]
pub struct KeyStatus {
    /// A key is stored for the current API base.
    pub stored: bool,
    /// A keychain service is available on this computer.
    pub available: bool,
}

/// The key of one API base in the keychain.
#[derive(Debug, Clone)]
pub struct KeyEntry {
    account: String,
}

impl KeyEntry {
    /// The entry for the API base `api_base` (a trailing slash is ignored).
    pub fn for_api_base(api_base: &str) -> KeyEntry {
        KeyEntry { account: api_base.trim_end_matches('/').to_owned() }
    }

    /// Reads the stored key; `None` when none is stored.
    pub fn load(&self) -> Result<Option<ApiKey>, KeychainError> {
        match self.entry()?.get_password() {
            Ok(key) => Ok(Some(ApiKey::new(key))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(failed(error)),
        }
    }

    /// Stores `key`, replacing any key stored before.
    pub fn store(&self, key: &str) -> Result<(), KeychainError> {
        let key = key.trim();
        let printable = key.bytes().all(|b| b.is_ascii_graphic());
        if key.is_empty() || !printable {
            return Err(KeychainError::InvalidKey);
        }
        self.entry()?.set_password(key).map_err(failed)
    }

    /// Removes the stored key; removing an absent key is not an error.
    pub fn delete(&self) -> Result<(), KeychainError> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(failed(error)),
        }
    }

    /// Whether a key is stored, and whether there is a keychain at all.
    pub fn status(&self) -> KeyStatus {
        match self.load() {
            Ok(stored) => KeyStatus { stored: stored.is_some(), available: true },
            Err(_) => KeyStatus { stored: false, available: keychain_available() },
        }
    }

    fn entry(&self) -> Result<keyring::Entry, KeychainError> {
        keyring::Entry::new(SERVICE, &self.account).map_err(failed)
    }
}

/// True when the operating system's keychain could be reached when the till started.
pub fn keychain_available() -> bool {
    keyring::Entry::store_status().is_ok()
}

fn failed(error: keyring::Error) -> KeychainError {
    match error {
        keyring::Error::NoDefaultStore => KeychainError::Unavailable,
        // The keychain's messages describe the store, never the secret; the variants
        // that carry secret bytes are reduced to their kind.
        keyring::Error::BadEncoding(_) => KeychainError::Failed("stored key is not text".into()),
        keyring::Error::BadDataFormat(_, _) => {
            KeychainError::Failed("stored key is unreadable".into())
        }
        other => KeychainError::Failed(other.to_string()),
    }
}

/// These tests use the session's real Secret Service, as `scripts/dev test` provides it
/// (gnome-keyring under `dbus-run-session`); each uses an account of its own.
#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    fn entry(test: &str) -> KeyEntry {
        assert!(
            keychain_available(),
            "no Secret Service on the session bus: run the tests with scripts/dev test"
        );
        KeyEntry::for_api_base(&format!("http://127.0.0.1:1/{test}-{}", std::process::id()))
    }

    #[test]
    fn a_stored_key_is_read_back_and_replaced() {
        let entry = entry("replace");

        entry.store("first-key").expect("stored");
        entry.store(" second-key\n").expect("replaced");

        let key = entry.load().expect("readable").expect("present");
        assert_eq!(key.expose(), "second-key");
        assert_eq!(entry.status(), KeyStatus { stored: true, available: true });
        entry.delete().expect("deleted");
    }

    #[test]
    fn a_deleted_key_is_gone_and_deleting_again_is_fine() {
        let entry = entry("delete");
        entry.store("short-lived").expect("stored");

        entry.delete().expect("deleted");

        assert!(entry.load().expect("readable").is_none());
        assert_eq!(entry.status(), KeyStatus { stored: false, available: true });
        entry.delete().expect("deleting an absent key is not an error");
    }

    #[test]
    fn a_key_with_spaces_or_control_characters_is_refused_and_nothing_stored() {
        let entry = entry("invalid");

        for key in ["", "two words", "tab\there", "  "] {
            assert!(matches!(entry.store(key), Err(KeychainError::InvalidKey)), "{key:?}");
        }

        assert!(entry.load().expect("readable").is_none());
    }

    #[test]
    fn keys_of_different_api_bases_are_kept_apart() {
        let production = entry("production");
        let staging = entry("staging");

        production.store("production-key").expect("stored");

        assert!(staging.load().expect("readable").is_none());
        production.delete().expect("deleted");
    }
}
