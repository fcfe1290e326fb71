//! The till's state, shared by every command: the journal, the Revendo client, the key,
//! the held quote and the settings.

use std::collections::HashSet;
use std::sync::{Mutex, MutexGuard, PoisonError, RwLock};

use order_journal::{Journal, OrderDetail};
use revendo_protocol::{ApiKey, RevendoClient};

use crate::data_dir::DataDir;
use crate::endpoints::Endpoints;
use crate::error::{Error, Result};
use crate::export::ExportCancel;
use crate::keychain::{KeyEntry, KeyStatus, keychain_available};
use crate::quote_desk::QuoteDesk;
use crate::settings::Settings;

/// Where the API key comes from.
#[derive(Debug)]
pub enum Credentials {
    /// The operating system's keychain entry for the API in use.
    Keychain(KeyEntry),
    /// The built-in simulation's training key, which is no secret.
    Training(ApiKey),
}

impl Credentials {
    /// The key to send, read at the moment it is needed so that a key replaced in the
    /// settings takes effect at once.
    pub fn key(&self) -> Result<ApiKey> {
        match self {
            Credentials::Keychain(entry) => entry.load()?.ok_or(Error::NoApiKey),
            Credentials::Training(key) => Ok(key.clone()),
        }
    }
}

/// Everything a command may touch.
pub struct Till {
    pub endpoints: Endpoints,
    pub client: RevendoClient,
    pub credentials: Credentials,
    pub data_dir: DataDir,
    /// Stops the running CSV export.
    pub export_cancel: ExportCancel,
    journal: Mutex<Journal>,
    totals_reader: Mutex<Option<Journal>>,
    desk: Mutex<QuoteDesk>,
    settings: RwLock<Settings>,
    /// Offer ids whose finalize is running: the in-process half of "one order per
    /// quote"; the journal's unique offer id is the durable half.
    sending: Mutex<HashSet<String>>,
    /// Keeps the built-in simulation serving for as long as the till runs.
    _sandbox: Option<revendo_sandbox::Sandbox>,
}

impl Till {
    /// Assembles the till from its opened parts.
    pub fn new(
        endpoints: Endpoints,
        client: RevendoClient,
        credentials: Credentials,
        data_dir: DataDir,
        journal: Journal,
        settings: Settings,
        sandbox: Option<revendo_sandbox::Sandbox>,
    ) -> Till {
        Till {
            endpoints,
            client,
            credentials,
            data_dir,
            export_cancel: ExportCancel::default(),
            journal: Mutex::new(journal),
            totals_reader: Mutex::new(None),
            desk: Mutex::new(QuoteDesk::default()),
            settings: RwLock::new(settings),
            sending: Mutex::new(HashSet::new()),
            _sandbox: sandbox,
        }
    }

    /// The journal, for one short synchronous step; never held across an `.await`.
    pub fn journal(&self) -> MutexGuard<'_, Journal> {
        // A panic while journaling leaves SQLite's own transaction rolled back; the
        // connection itself stays usable.
        self.journal.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A second connection to the journal for long reads (totals), opened on first use;
    /// SQLite's WAL lets it read while the first one writes.
    pub fn with_totals_reader<T>(&self, read: impl FnOnce(&Journal) -> Result<T>) -> Result<T> {
        let mut reader = self.totals_reader.lock().unwrap_or_else(PoisonError::into_inner);
        let reader = match reader.take() {
            Some(journal) => reader.insert(journal),
            None => {
                let identity = self.journal().identity().clone();
                reader.insert(Journal::open(&self.data_dir.journal_path(), identity)?)
            }
        };
        read(reader)
    }

    /// The held quote.
    pub fn desk(&self) -> MutexGuard<'_, QuoteDesk> {
        self.desk.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A copy of the current settings.
    pub fn settings(&self) -> Settings {
        self.settings.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Replaces the settings in memory (after they were saved).
    pub fn replace_settings(&self, settings: Settings) {
        *self.settings.write().unwrap_or_else(PoisonError::into_inner) = settings;
    }

    /// Everything the journal keeps of the order with this partner order id.
    pub fn order_detail(&self, partner_order_id: &str) -> Result<OrderDetail> {
        let journal = self.journal();
        let order = journal.find_by_partner_order_id(partner_order_id)?;
        let order = order.ok_or_else(|| Error::UnknownOrder(partner_order_id.to_owned()))?;
        Ok(journal.order_detail(order.id)?)
    }

    /// The tracking URL of a confirmed order.
    pub fn tracking_url(&self, partner_order_id: &str) -> Result<String> {
        let detail = self.order_detail(partner_order_id)?;
        let revendo = detail.revendo.ok_or_else(|| Error::NotConfirmed(partner_order_id.into()))?;
        Ok(revendo.tracking_url)
    }

    /// The keychain entry of the API in use; training has none to manage.
    pub fn key_entry(&self) -> Result<&KeyEntry> {
        match &self.credentials {
            Credentials::Keychain(entry) => Ok(entry),
            Credentials::Training(_) => Err(Error::TrainingKey),
        }
    }

    /// Whether a key is stored for the API in use (always, in training).
    pub fn key_status(&self) -> KeyStatus {
        match &self.credentials {
            Credentials::Keychain(entry) => entry.status(),
            Credentials::Training(_) => KeyStatus { stored: true, available: keychain_available() },
        }
    }

    /// Checks and saves `settings`, then uses them.
    pub fn save_settings(&self, settings: Settings) -> Result<Settings> {
        settings.save(&self.data_dir.settings_path())?;
        self.replace_settings(settings.clone());
        tracing::info!("settings saved");
        Ok(settings)
    }

    /// True in training mode.
    pub fn is_training(&self) -> bool {
        matches!(self.credentials, Credentials::Training(_))
    }

    /// Claims the right to send the order of `offer_id`; a second claim while the
    /// first is held fails with [`Error::AlreadySending`].
    pub fn claim_sending(&self, offer_id: &str) -> Result<SendingClaim<'_>> {
        let mut sending = self.sending.lock().unwrap_or_else(PoisonError::into_inner);
        if !sending.insert(offer_id.to_owned()) {
            return Err(Error::AlreadySending);
        }
        Ok(SendingClaim { till: self, offer_id: offer_id.to_owned() })
    }
}

/// Held while one offer's order is being sent; released when dropped, also when the
/// finalize future is cancelled.
pub struct SendingClaim<'a> {
    till: &'a Till,
    offer_id: String,
}

impl Drop for SendingClaim<'_> {
    fn drop(&mut self) {
        let mut sending = self.till.sending.lock().unwrap_or_else(PoisonError::into_inner);
        sending.remove(&self.offer_id);
    }
}
