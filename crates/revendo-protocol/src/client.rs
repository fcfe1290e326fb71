//! The finalize call over HTTPS: one reused connection pool, bounded attempts that all
//! carry the same partner order id, and an answer for every outcome.

use std::net::IpAddr;
use std::time::Duration;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderName, HeaderValue};
use reqwest::{Url, redirect};
use time::OffsetDateTime;
use tokio::time::Instant;

use crate::attempt::{AttemptObserver, AttemptReport, RetrySchedule};
use crate::error::{ConfigProblem, FinalizeError, NetworkFailure, Result, UnexpectedKind};
use crate::order::RevendoOrder;
use crate::request::FinalizeRequest;
use crate::response::{TrackingUrlPattern, parse_finalize_response};
use crate::secret::ApiKey;

/// The path of the finalize endpoint below the API base.
pub const FINALIZE_PATH: &str = "/wp-json/revendo/v1/orders/finalize";

/// The path and query of Revendo's trade-in page on its host; `iframe=1` is required.
pub const IFRAME_PATH: &str = "/sell-a-device-iframe/?iframe=1";

/// The header that carries the API key, and nothing else does.
const API_KEY_HEADER: HeaderName = HeaderName::from_static("x-revendo-api-key");

/// How the client talks to Revendo; [`ClientConfig::new`] fills in the published
/// defaults.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Scheme and host (and any path prefix) of the API, e.g.
    /// [`ClientConfig::PRODUCTION_API_BASE`]. Plain `http` only to loopback.
    pub api_base: String,
    /// Where a tracking URL is built from when an answer has none; needs `{id}`.
    pub tracking_url_pattern: String,
    /// Longest wait for one attempt's complete answer (30 s, as Revendo's examples).
    pub attempt_timeout: Duration,
    /// When to retry server errors and transport failures.
    pub retry: RetrySchedule,
    /// Longest time a whole finalize call may take, waits included; no attempt starts
    /// after it and the last attempt's timeout is cut to it.
    pub deadline: Duration,
    /// The `User-Agent` of every request.
    pub user_agent: String,
    /// Largest answer body read; a longer one is an unexpected response.
    pub max_body_bytes: usize,
}

impl ClientConfig {
    /// Revendo's production API.
    pub const PRODUCTION_API_BASE: &'static str = "https://purchase.revendo.dev";
    /// Revendo's staging API.
    pub const STAGING_API_BASE: &'static str = "https://staging.revendo.dev";
    /// The user agent unless told otherwise: the till's name and version.
    pub const USER_AGENT: &'static str = concat!("revendo-pos/", env!("CARGO_PKG_VERSION"));

    /// The defaults: published tracking pattern, 30 s per attempt, three attempts 1 s and
    /// 2 s apart (±20 %), 90 s in all, a 64 KiB body cap.
    pub fn new(api_base: impl Into<String>) -> ClientConfig {
        ClientConfig {
            api_base: api_base.into(),
            tracking_url_pattern: TrackingUrlPattern::PUBLISHED.to_owned(),
            attempt_timeout: Duration::from_secs(30),
            retry: RetrySchedule::default(),
            deadline: Duration::from_secs(90),
            user_agent: Self::USER_AGENT.to_owned(),
            max_body_bytes: 64 * 1024,
        }
    }
}

/// The Revendo API client, built once and shared: one connection pool, redirects never
/// followed, the key sent only in `X-Revendo-API-Key`.
#[derive(Debug, Clone)]
pub struct RevendoClient {
    http: reqwest::Client,
    finalize_url: Url,
    tracking: TrackingUrlPattern,
    attempt_timeout: Duration,
    retry: RetrySchedule,
    deadline: Duration,
    max_body_bytes: usize,
}

/// How one attempt ended.
struct AttemptOutcome {
    status: Option<u16>,
    result: Result<RevendoOrder>,
    /// A server error or transport failure, worth another attempt.
    retryable: bool,
    /// The request may have reached Revendo although no usable answer came back.
    unanswered: bool,
}

/// An attempt's outcome with the report the observer receives.
struct ReportedOutcome {
    report: AttemptReport,
    result: Result<RevendoOrder>,
    retryable: bool,
    unanswered: bool,
}

/// Why a body was not read.
enum BodyProblem {
    TooLarge,
    Transport(reqwest::Error),
}

impl RevendoClient {
    /// Checks the configuration and builds the HTTP client.
    ///
    /// Fails with [`FinalizeError::Config`] for an API base that is not an http(s) URL,
    /// plain http to a host beyond loopback, a tracking pattern without `{id}`, a retry
    /// schedule without attempts, or a TLS backend that cannot start.
    pub fn new(config: ClientConfig) -> Result<RevendoClient> {
        let config_error = FinalizeError::Config;
        let base = Url::parse(&config.api_base)
            .ok()
            .filter(|url| url.host_str().is_some())
            .ok_or(config_error(ConfigProblem::ApiBaseNotUrl))?;
        let loopback = is_loopback(&base);
        match base.scheme() {
            "https" => {}
            "http" if loopback => {}
            "http" => return Err(config_error(ConfigProblem::PlainHttpToRemoteHost)),
            _ => return Err(config_error(ConfigProblem::ApiBaseNotUrl)),
        }
        let endpoint = format!("{}{FINALIZE_PATH}", base.as_str().trim_end_matches('/'));
        let finalize_url =
            Url::parse(&endpoint).map_err(|_| config_error(ConfigProblem::ApiBaseNotUrl))?;

        let tracking = TrackingUrlPattern::new(config.tracking_url_pattern)?;
        if config.retry.max_attempts == 0 {
            return Err(config_error(ConfigProblem::NoAttempts));
        }

        let mut builder = reqwest::Client::builder()
            .redirect(redirect::Policy::none())
            .user_agent(config.user_agent);
        if loopback {
            builder = builder.no_proxy();
        }
        let http =
            builder.build().map_err(|e| config_error(ConfigProblem::HttpClient(e.to_string())))?;

        Ok(RevendoClient {
            http,
            finalize_url,
            tracking,
            attempt_timeout: config.attempt_timeout,
            retry: config.retry,
            deadline: config.deadline,
            max_body_bytes: config.max_body_bytes,
        })
    }

    /// The endpoint every finalize call posts to.
    pub fn finalize_url(&self) -> &Url {
        &self.finalize_url
    }

    /// Finalizes one order with Revendo.
    ///
    /// Every attempt sends the same body, so the same `partner_order_id`; `attempts` hears
    /// of each attempt before it leaves (and can stop it) and after it ended. Only 500,
    /// 502, 503, 504 and transport failures are retried, on the schedule and within the
    /// deadline; a 4xx ends the call at once. A 409 is the existing order, returned with
    /// `already_existed` set.
    pub async fn finalize(
        &self,
        key: &ApiKey,
        request: &FinalizeRequest,
        attempts: &mut dyn AttemptObserver,
    ) -> Result<RevendoOrder> {
        let key_header = key_header(key)?;
        // A struct of strings always serializes to JSON; one body serves every attempt.
        let body = bytes::Bytes::from(serde_json::to_vec(request).unwrap_or_default());

        let deadline = Instant::now() + self.deadline;
        let partner_order_id = request.partner_order_id.as_str();
        let mut last_failure = None;
        let mut unanswered = false;
        for number in 1..=self.retry.max_attempts {
            if number > 1 {
                let wait = self.retry.delay_before(number);
                if Instant::now() + wait >= deadline {
                    tracing::warn!(partner_order_id, attempt = number, "finalize deadline reached");
                    break;
                }
                tokio::time::sleep(wait).await;
            }

            if let Err(veto) = attempts.attempt_starting(number) {
                tracing::warn!(partner_order_id, attempt = number, "attempt vetoed by observer");
                return Err(FinalizeError::Vetoed {
                    attempt: number,
                    reason: veto.0,
                    after_unanswered_attempt: unanswered,
                });
            }

            let outcome = self.reported_attempt(number, &key_header, &body, deadline).await;
            attempts.attempt_finished(&outcome.report);
            log_attempt(partner_order_id, &outcome.report);

            match outcome.result {
                Ok(order) => return Ok(order),
                Err(error) if !outcome.retryable => {
                    let error = if unanswered { error.after_unanswered_attempt() } else { error };
                    return Err(error.with_attempts(number));
                }
                Err(error) => {
                    unanswered |= outcome.unanswered;
                    last_failure = Some(error.with_attempts(number));
                }
            }
        }

        let last_failure = last_failure.unwrap_or(FinalizeError::Network {
            failure: NetworkFailure::Timeout,
            attempts: 0,
            maybe_received: false,
        });
        Err(if unanswered { last_failure.after_unanswered_attempt() } else { last_failure })
    }

    /// One attempt within the attempt timeout and the deadline, with its report.
    async fn reported_attempt(
        &self,
        number: u32,
        key: &HeaderValue,
        body: &bytes::Bytes,
        deadline: Instant,
    ) -> ReportedOutcome {
        let started_at = OffsetDateTime::now_utc();
        let clock = Instant::now();
        let timeout = self.attempt_timeout.min(deadline.saturating_duration_since(clock));

        let outcome = self.attempt(key, body.clone(), timeout).await;

        let report = AttemptReport {
            number,
            started_at,
            duration: clock.elapsed(),
            http_status: outcome.status,
            error_code: outcome.result.as_ref().err().map(FinalizeError::code),
        };
        ReportedOutcome {
            report,
            result: outcome.result,
            retryable: outcome.retryable,
            unanswered: outcome.unanswered,
        }
    }

    /// One POST with its capped body read, all within `timeout`.
    async fn attempt(
        &self,
        key: &HeaderValue,
        body: bytes::Bytes,
        timeout: Duration,
    ) -> AttemptOutcome {
        let exchange = async {
            let response = self
                .http
                .post(self.finalize_url.clone())
                .header(API_KEY_HEADER, key.clone())
                .header(CONTENT_TYPE, "application/json")
                .header(ACCEPT, "application/json")
                .body(body)
                .send()
                .await?;
            let status = response.status().as_u16();
            Ok::<_, reqwest::Error>((status, read_capped(response, self.max_body_bytes).await))
        };

        let network = |failure, unanswered, status| AttemptOutcome {
            status,
            result: Err(FinalizeError::Network {
                failure,
                attempts: 1,
                maybe_received: unanswered,
            }),
            retryable: true,
            unanswered,
        };
        match tokio::time::timeout(timeout, exchange).await {
            Err(_elapsed) => network(NetworkFailure::Timeout, true, None),
            Ok(Err(error)) => {
                let (failure, unanswered) = network_failure(&error);
                network(failure, unanswered, None)
            }
            Ok(Ok((status, Err(BodyProblem::Transport(error))))) => {
                let (failure, _) = network_failure(&error);
                network(failure, true, Some(status))
            }
            Ok(Ok((status, Err(BodyProblem::TooLarge)))) => AttemptOutcome {
                status: Some(status),
                result: Err(FinalizeError::UnexpectedResponse {
                    status,
                    kind: UnexpectedKind::TooLarge { limit: self.max_body_bytes },
                    attempts: 1,
                }),
                retryable: is_retryable(status),
                unanswered: true,
            },
            Ok(Ok((status, Ok(body)))) => AttemptOutcome {
                status: Some(status),
                result: parse_finalize_response(status, &body, &self.tracking),
                retryable: is_retryable(status),
                unanswered: true,
            },
        }
    }
}

/// The key as a header value marked sensitive (kept out of HTTP debug output); an empty
/// key or one with characters a header cannot carry is refused before anything is sent.
///
/// TODO(security): the header value is a copy of the key in reqwest's and hyper's buffers
/// that is not zeroed when dropped; only the [`ApiKey`] itself is.
fn key_header(key: &ApiKey) -> Result<HeaderValue> {
    let mut header = match HeaderValue::from_str(key.expose()) {
        Ok(header) if !key.is_empty() => header,
        _ => return Err(FinalizeError::KeyNotSendable),
    };
    header.set_sensitive(true);
    Ok(header)
}

/// The statuses worth another attempt: a server or gateway that failed this time.
fn is_retryable(status: u16) -> bool {
    matches!(status, 500 | 502 | 503 | 504)
}

/// Reads the body up to `cap` bytes; a longer body is not read to its end.
async fn read_capped(
    mut response: reqwest::Response,
    cap: usize,
) -> std::result::Result<Vec<u8>, BodyProblem> {
    let announced = response.content_length().unwrap_or(0);
    if announced > cap as u64 {
        return Err(BodyProblem::TooLarge);
    }

    let mut body = Vec::with_capacity(announced as usize);
    while let Some(chunk) = response.chunk().await.map_err(BodyProblem::Transport)? {
        if body.len() + chunk.len() > cap {
            return Err(BodyProblem::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// What a transport error was, and whether the request may have reached the server (a
/// failure to connect means it did not).
fn network_failure(error: &reqwest::Error) -> (NetworkFailure, bool) {
    if error.is_timeout() {
        return (NetworkFailure::Timeout, true);
    }
    if error.is_connect() {
        let refused = io_kinds(error).any(|kind| kind == std::io::ErrorKind::ConnectionRefused);
        let failure = if refused {
            NetworkFailure::ConnectionRefused
        } else {
            NetworkFailure::CouldNotConnect
        };
        return (failure, false);
    }
    (NetworkFailure::ConnectionLost, true)
}

/// The kinds of the I/O errors in an error's chain of sources.
fn io_kinds<'a>(
    error: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = std::io::ErrorKind> + 'a {
    std::iter::successors(Some(error), |e| e.source())
        .filter_map(|e| e.downcast_ref::<std::io::Error>().map(std::io::Error::kind))
}

/// Whether `url` names this computer: 127.0.0.0/8, ::1 or `localhost`, the only hosts
/// plain http may reach, here and wherever the till accepts a Revendo URL.
pub fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else { return false };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => bare.eq_ignore_ascii_case("localhost"),
    }
}

fn log_attempt(partner_order_id: &str, report: &AttemptReport) {
    let elapsed_ms = u64::try_from(report.duration.as_millis()).unwrap_or(u64::MAX);
    match report.error_code {
        None => tracing::info!(
            partner_order_id,
            attempt = report.number,
            status = report.http_status,
            elapsed_ms,
            "finalize attempt succeeded"
        ),
        Some(code) => tracing::warn!(
            partner_order_id,
            attempt = report.number,
            status = report.http_status,
            code,
            elapsed_ms,
            "finalize attempt failed"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(base: &str) -> Option<ConfigProblem> {
        match RevendoClient::new(ClientConfig::new(base)) {
            Ok(_) => None,
            Err(FinalizeError::Config(problem)) => Some(problem),
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn plain_http_is_accepted_only_to_loopback() {
        for base in
            ["http://127.0.0.1:8080", "http://127.8.9.1", "http://[::1]:9000", "http://localhost:1"]
        {
            assert_eq!(refused(base), None, "{base}");
        }
        for base in
            ["http://purchase.revendo.dev", "http://192.168.1.20:8080", "http://localhost.evil.ch"]
        {
            assert_eq!(refused(base), Some(ConfigProblem::PlainHttpToRemoteHost), "{base}");
        }
        assert_eq!(refused("ftp://purchase.revendo.dev"), Some(ConfigProblem::ApiBaseNotUrl));
        assert_eq!(refused("purchase.revendo.dev"), Some(ConfigProblem::ApiBaseNotUrl));
        assert_eq!(refused(ClientConfig::PRODUCTION_API_BASE), None);
    }

    #[test]
    fn an_empty_key_or_one_a_header_cannot_carry_is_refused_before_sending() {
        let refused = |key: &str| key_header(&ApiKey::new(key)).err();

        assert_eq!(refused(""), Some(FinalizeError::KeyNotSendable));
        assert_eq!(refused("sk_live\n_split"), Some(FinalizeError::KeyNotSendable));
        assert_eq!(refused("sk_live_ok\n"), None);
        assert_eq!(FinalizeError::KeyNotSendable.resolution(), crate::Resolution::NotSent);
    }

    #[test]
    fn the_endpoint_is_the_published_path_below_the_base() {
        let client =
            RevendoClient::new(ClientConfig::new("https://staging.revendo.dev/")).expect("ok");

        assert_eq!(
            client.finalize_url().as_str(),
            "https://staging.revendo.dev/wp-json/revendo/v1/orders/finalize"
        );
    }

    #[test]
    fn a_schedule_without_attempts_or_a_pattern_without_id_is_refused() {
        let mut config = ClientConfig::new(ClientConfig::PRODUCTION_API_BASE);
        config.retry.max_attempts = 0;
        let no_attempts = RevendoClient::new(config).map(|_| ());

        let mut config = ClientConfig::new(ClientConfig::PRODUCTION_API_BASE);
        config.tracking_url_pattern = "https://revendo.ch/".into();
        let no_id = RevendoClient::new(config).map(|_| ());

        assert_eq!(no_attempts, Err(FinalizeError::Config(ConfigProblem::NoAttempts)));
        assert_eq!(no_id, Err(FinalizeError::Config(ConfigProblem::TrackingPatternWithoutId)));
    }
}
