//! What the integration tests share: a customer, a fast client and a recording journal.

#![allow(dead_code)]

use std::time::Duration;

use revendo_protocol::{
    AttemptObserver, AttemptReport, AttemptVeto, ClientConfig, Customer, CustomerInput,
    FinalizeError, RetrySchedule, RevendoClient,
};

/// The key the sandbox expects by default.
pub const SANDBOX_KEY: &str = "sandbox-training-key";

/// A Zurich customer, validated as the form would.
pub fn customer() -> Customer {
    CustomerInput {
        email: "anna.meier@example.ch".into(),
        first_name: "Anna".into(),
        last_name: "Meier".into(),
        phone: "079 555 01 23".into(),
        iban: "CH93 0076 2011 6238 5295 7".into(),
        street: "Limmatquai 12".into(),
        zip: "8001".into(),
        city: "Zürich".into(),
        country: "CH".into(),
    }
    .validate()
    .expect("valid customer")
}

/// A client with millisecond retry waits and short timeouts.
pub fn fast_config(api_base: &str) -> ClientConfig {
    let mut config = ClientConfig::new(api_base);
    config.retry =
        RetrySchedule { max_attempts: 3, first_delay: Duration::from_millis(5), jitter: 0.2 };
    config.attempt_timeout = Duration::from_secs(5);
    config.deadline = Duration::from_secs(20);
    config
}

pub fn fast_client(api_base: &str) -> RevendoClient {
    RevendoClient::new(fast_config(api_base)).expect("loopback config")
}

/// Records every attempt, as the order journal does; can refuse one attempt.
#[derive(Debug, Default)]
pub struct RecordingJournal {
    pub started: Vec<u32>,
    pub finished: Vec<AttemptReport>,
    pub refuse_attempt: Option<u32>,
}

impl RecordingJournal {
    pub fn statuses(&self) -> Vec<Option<u16>> {
        self.finished.iter().map(|r| r.http_status).collect()
    }

    pub fn codes(&self) -> Vec<Option<&'static str>> {
        self.finished.iter().map(|r| r.error_code).collect()
    }
}

impl AttemptObserver for RecordingJournal {
    fn attempt_starting(&mut self, number: u32) -> Result<(), AttemptVeto> {
        if self.refuse_attempt == Some(number) {
            return Err(AttemptVeto("journal disk is full".into()));
        }
        self.started.push(number);
        Ok(())
    }

    fn attempt_finished(&mut self, report: &AttemptReport) {
        self.finished.push(report.clone());
    }
}

/// Asserts that neither the error's `Display` nor its `Debug` shows the key or the
/// customer's data.
pub fn assert_private(error: &FinalizeError, key: &str) {
    let shown = format!("{error} {error:?}");
    for secret in
        [key, "anna.meier", "Meier", "CH9300762011623852957", "+41795550123", "Limmatquai"]
    {
        assert!(!shown.contains(secret), "{secret:?} appears in {shown}");
    }
}
