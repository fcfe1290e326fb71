//! A till in training mode on the built-in Revendo simulation, served on 127.0.0.1, with
//! a real journal and settings file in a folder of its own: what the tests of the
//! finalize flow and of the commands start from.

use std::time::Duration;

use order_journal::{Journal, TillIdentity};
use revendo_protocol::{ApiKey, ClientConfig, CustomerInput, RetrySchedule, RevendoClient};
use revendo_sandbox::{Sandbox, SandboxConfig};
use tempfile::TempDir;

use crate::data_dir::DataDir;
use crate::endpoints::Endpoints;
use crate::settings::Settings;
use crate::till::{Credentials, Till};

/// The till with the simulation it sends orders to and the folder that holds its files.
pub(crate) struct TrainingTill {
    pub(crate) till: Till,
    /// Separate from the till, so that a test can create offers and read the orders
    /// the simulated Revendo holds.
    pub(crate) sandbox: Sandbox,
    /// Removed when the test ends, with the journal and settings in it.
    pub(crate) folder: TempDir,
}

/// Store `ZH01`, till `2`, operator Anna, on the simulation's training key. A finalize
/// makes at most three attempts, 5 ms apart, so that tests of server faults stay quick.
/// Call it inside the tokio runtime that is to serve the simulation.
pub(crate) async fn training_till() -> TrainingTill {
    let sandbox = Sandbox::start(([127, 0, 0, 1], 0).into(), SandboxConfig::default())
        .await
        .expect("simulation starts");
    let folder = tempfile::tempdir().expect("temp dir");
    let data_dir = DataDir::open(folder.path(), false).expect("data folder");

    let endpoints = Endpoints::training(&sandbox.api_base(), &sandbox.iframe_url()).expect("ok");
    let retry =
        RetrySchedule { max_attempts: 3, first_delay: Duration::from_millis(5), jitter: 0.0 };
    let client =
        RevendoClient::new(ClientConfig { retry, ..ClientConfig::new(sandbox.api_base()) })
            .expect("client");
    let settings = Settings {
        store_id: "ZH01".into(),
        till_id: "2".into(),
        operator: "Anna".into(),
        ..Settings::default()
    };
    let identity = TillIdentity::parse(&settings.store_id, &settings.till_id).expect("identity");
    let journal = Journal::open(&data_dir.journal_path(), identity).expect("journal");
    let key = Credentials::Training(ApiKey::new(SandboxConfig::DEFAULT_API_KEY));

    let till = Till::new(endpoints, client, key, data_dir, journal, settings, None);
    TrainingTill { till, sandbox, folder }
}

/// A customer whose every field is valid.
pub(crate) fn customer() -> CustomerInput {
    CustomerInput {
        email: "max.mueller@example.ch".into(),
        first_name: "Max".into(),
        last_name: "Müller".into(),
        phone: "079 123 45 67".into(),
        iban: "CH93 0076 2011 6238 5295 7".into(),
        street: "Bahnhofstrasse 1".into(),
        zip: "8001".into(),
        city: "Zürich".into(),
        country: "CH".into(),
    }
}
