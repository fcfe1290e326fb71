//! How a sandbox is configured: key, offer lifetime, response shape and injected faults.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Which published version of Revendo's API the sandbox speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ResponseShape {
    /// The API reference of 2025-10-15: numeric `order_id`, `web_id`, `tracking_url`,
    /// `created_at` ending in `Z`, errors as `{success: false, error, message, code}`, a
    /// duplicate as `existing_order`, and no `iban` required.
    #[default]
    Seed,
    /// The later pages: string `order_id` such as `W-0105185`, no `web_id` and no
    /// `tracking_url`, `created_at` ending in `+00:00`, errors in the WordPress REST shape
    /// `{code, message, data: {status, errors}}`, a duplicate as the order itself with
    /// `"message": "Order already exists"` and a Zurich local `created_at`, and `iban`
    /// required.
    Later,
}

impl std::str::FromStr for ResponseShape {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "seed" => Ok(Self::Seed),
            "later" => Ok(Self::Later),
            other => Err(format!("unknown response shape {other:?}: expected seed or later")),
        }
    }
}

/// Faults injected into finalize requests, for tests and staff training.
///
/// Counters are consumed one per finalize request, in this order of precedence: a proxy
/// 502, a 500, then (after the order is processed) a dropped connection. The delay applies
/// to every finalize response, including faulted ones. Other endpoints are never faulted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Answer the next N finalize requests with 500 `internal_error`; no order is created.
    pub fail_next: u32,

    /// Hold every finalize response this long after the request was processed (the order,
    /// if any, already exists). Replacing the faults with a shorter delay releases held
    /// responses early.
    #[serde(rename = "delay_ms", with = "millis")]
    pub delay: Duration,

    /// Process the next N finalize requests (creating the order), then close the
    /// connection without any response, as if it were lost on the way back.
    pub drop_next: u32,

    /// Answer the next N finalize requests with an HTML 502 page, as a reverse proxy does
    /// when the application behind it is down; no order is created.
    pub bad_gateway_next: u32,
}

/// The settings of one sandbox. Its `Debug` output leaves the key out.
#[derive(Clone)]
pub struct SandboxConfig {
    /// The key expected in `X-Revendo-API-Key`.
    pub api_key: String,

    /// How long after its creation an offer can still be finalized (60 minutes at
    /// Revendo).
    pub offer_lifetime: Duration,

    /// The response shape spoken at start; it can be switched while running.
    pub shape: ResponseShape,

    /// The faults active at start.
    pub faults: Faults,
}

impl SandboxConfig {
    /// The key a sandbox expects unless told otherwise.
    pub const DEFAULT_API_KEY: &str = "sandbox-training-key";

    /// Revendo's published offer lifetime.
    pub const DEFAULT_OFFER_LIFETIME: Duration = Duration::from_secs(60 * 60);
}

impl std::fmt::Debug for SandboxConfig {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("SandboxConfig")
            .field("api_key", &"<redacted>")
            .field("offer_lifetime", &self.offer_lifetime)
            .field("shape", &self.shape)
            .field("faults", &self.faults)
            .finish()
    }
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            api_key: Self::DEFAULT_API_KEY.to_owned(),
            offer_lifetime: Self::DEFAULT_OFFER_LIFETIME,
            shape: ResponseShape::default(),
            faults: Faults::default(),
        }
    }
}

mod millis {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(delay: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(u64::try_from(delay.as_millis()).unwrap_or(u64::MAX))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
        u64::deserialize(deserializer).map(Duration::from_millis)
    }
}
