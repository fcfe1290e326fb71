//! The till's settings, kept as JSON in the data folder and replaced atomically.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Which Revendo the till talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../../ui/bindings/"))]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    #[default]
    Production,
    Staging,
    /// Hosts given in the settings or on the command line.
    Custom,
}

/// How Revendo's trade-in page is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../../ui/bindings/"))]
#[serde(rename_all = "lowercase")]
pub enum Display {
    /// An iframe inside the till's page.
    #[default]
    Iframe,
    /// A webview of its own inside the window, first-party to Revendo, for systems
    /// that block third-party frames.
    Webview,
}

/// A language the till speaks to staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../../ui/bindings/"))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    De,
    Fr,
    It,
    En,
}

/// Everything staff and administrators configure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../../ui/bindings/"))]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    pub environment: Environment,
    pub custom_api_base: String,
    pub custom_iframe_url: String,
    /// The origin accepted in custom mode; empty means the trade-in page's own origin.
    pub custom_origin: String,
    pub display: Display,
    /// The store's id, the first part of every partner order id (`ZH01`).
    pub store_id: String,
    /// This till's id within the store (`1`).
    pub till_id: String,
    /// Who is serving; recorded on every order.
    pub operator: String,
    /// `None` follows the system's language.
    pub language: Option<Language>,
    /// Lines printed at the top of every receipt (store name, address, phone).
    pub receipt_header: Vec<String>,
    /// Days after settlement that customers' names and contact details are kept.
    pub retention_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            environment: Environment::Production,
            custom_api_base: String::new(),
            custom_iframe_url: String::new(),
            custom_origin: String::new(),
            display: Display::Iframe,
            store_id: "STORE".to_owned(),
            till_id: "1".to_owned(),
            operator: String::new(),
            language: None,
            receipt_header: Vec::new(),
            retention_days: 180,
        }
    }
}

/// Why settings could not be read, accepted or written.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// A value is out of its allowed range; the message names the field.
    #[error("{0}")]
    Invalid(String),
    /// The settings file could not be read or written.
    #[error("the settings file {path} could not be {action}: {source}")]
    Io { path: PathBuf, action: &'static str, source: std::io::Error },
    /// The settings file is not valid JSON for this version.
    #[error("the settings file {path} is damaged: {source}")]
    Damaged { path: PathBuf, source: serde_json::Error },
}

impl Settings {
    /// Reads the settings file, or the defaults when there is none yet.
    pub fn load(path: &Path) -> Result<Settings, SettingsError> {
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Settings::default());
            }
            Err(source) => {
                return Err(SettingsError::Io { path: path.into(), action: "read", source });
            }
        };
        serde_json::from_str(&text)
            .map_err(|source| SettingsError::Damaged { path: path.into(), source })
    }

    /// Checks the settings, then writes them to a temporary file beside `path` and
    /// renames it over the old file, so a crash leaves either the old or the new file.
    pub fn save(&self, path: &Path) -> Result<(), SettingsError> {
        self.check()?;
        let io = |action, source| SettingsError::Io { path: path.into(), action, source };

        let text = serde_json::to_vec_pretty(self).expect("settings always serialize");
        let temporary = path.with_extension("json.tmp");
        let mut file = fs::File::create(&temporary).map_err(|e| io("written", e))?;
        file.write_all(&text).and_then(|()| file.sync_all()).map_err(|e| io("written", e))?;

        fs::rename(&temporary, path).map_err(|e| io("replaced", e))
    }

    /// Refuses settings the till cannot work with, naming the field.
    pub fn check(&self) -> Result<(), SettingsError> {
        let invalid = |message: &str| Err(SettingsError::Invalid(message.to_owned()));
        let id_like = |s: &str, max: usize| {
            let allowed = |b: u8| b.is_ascii_uppercase() || b.is_ascii_digit();
            (1..=max).contains(&s.len()) && s.bytes().all(allowed)
        };

        if !id_like(&self.store_id, 8) || self.store_id.len() < 2 {
            return invalid("store id: 2 to 8 capital letters or digits");
        }
        if !id_like(&self.till_id, 3) {
            return invalid("till id: 1 to 3 capital letters or digits");
        }
        if self.operator.chars().count() > 60 {
            return invalid("operator: at most 60 characters");
        }
        if self.receipt_header.len() > 6 || self.receipt_header.iter().any(|l| l.len() > 60) {
            return invalid("receipt header: at most 6 lines of 60 characters");
        }
        if !(1..=3650).contains(&self.retention_days) {
            return invalid("retention: 1 to 3650 days");
        }
        if self.environment == Environment::Custom && self.custom_api_base.trim().is_empty() {
            return invalid("custom environment: the API base is required");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_gives_defaults() {
        let folder = tempfile::tempdir().expect("temp dir");
        let settings = Settings::load(&folder.path().join("settings.json")).expect("defaults");
        assert_eq!(settings, Settings::default());
    }

    #[test]
    fn saved_settings_load_back_identical() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("settings.json");
        let settings = Settings {
            store_id: "ZH01".into(),
            till_id: "2".into(),
            operator: "Anna".into(),
            language: Some(Language::Fr),
            receipt_header: vec!["Elektro Muster AG".into(), "Bahnhofstrasse 1".into()],
            ..Settings::default()
        };

        settings.save(&path).expect("saved");

        assert_eq!(Settings::load(&path).expect("loaded"), settings);
        assert!(!path.with_extension("json.tmp").exists());
    }

    #[test]
    fn refuses_ids_that_cannot_form_a_partner_order_id() {
        let bad_store = Settings { store_id: "ZH 01".into(), ..Settings::default() };
        let bad_till = Settings { till_id: "".into(), ..Settings::default() };

        assert!(matches!(bad_store.check(), Err(SettingsError::Invalid(m)) if m.contains("store")));
        assert!(matches!(bad_till.check(), Err(SettingsError::Invalid(m)) if m.contains("till")));
    }

    #[test]
    fn damaged_file_is_reported_not_replaced() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("settings.json");
        fs::write(&path, "{ not json").expect("written");

        assert!(matches!(Settings::load(&path), Err(SettingsError::Damaged { .. })));
        assert_eq!(fs::read_to_string(&path).expect("still there"), "{ not json");
    }
}
