//! Where the till finds Revendo: the API base, the trade-in page and the one origin
//! whose messages it accepts.

use revendo_protocol::{ClientConfig, IFRAME_PATH, is_loopback};
use serde::Serialize;
use url::Url;

use crate::cli::Cli;
use crate::settings::{Environment, Settings};

/// The environment as the page shows it, with training apart from the configured ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../../ui/bindings/"))]
#[serde(rename_all = "lowercase")]
pub enum EndpointKind {
    Production,
    Staging,
    Custom,
    /// The built-in simulation: orders are not real.
    Training,
}

/// The resolved Revendo endpoints of this run of the till.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    pub kind: EndpointKind,
    /// Base of the REST API, without a trailing slash.
    pub api_base: String,
    /// The trade-in page shown to the customer.
    pub iframe_url: String,
    /// The exact origin (`scheme://host[:port]`) whose messages are accepted.
    pub origin: String,
}

/// Why the configured endpoints cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EndpointError {
    /// Not an absolute URL.
    #[error("{what} is not a valid URL: {url}")]
    Unparsable { what: &'static str, url: String },
    /// Plain HTTP to a host other than this computer.
    #[error("{what} must use https (plain http only to 127.0.0.1 or localhost): {url}")]
    InsecureScheme { what: &'static str, url: String },
    /// An origin with a path, query or trailing slash never equals a message's origin.
    #[error("the accepted origin must be scheme://host[:port] and nothing else: {0}")]
    OriginWithPath(String),
}

impl Endpoints {
    /// Resolves the endpoints from the command line, which wins, then the settings.
    pub fn resolve(settings: &Settings, cli: &Cli) -> Result<Endpoints, EndpointError> {
        let (kind, api_base, iframe_url, origin) = if cli.overrides_environment() {
            let api_base =
                cli.api_base.clone().unwrap_or_else(|| ClientConfig::PRODUCTION_API_BASE.into());
            let iframe_url = cli.iframe_url.clone().unwrap_or_else(|| iframe_on(&api_base));
            (EndpointKind::Custom, api_base, iframe_url, cli.origin.clone())
        } else {
            match settings.environment {
                Environment::Production => {
                    let base = ClientConfig::PRODUCTION_API_BASE.to_owned();
                    (EndpointKind::Production, base.clone(), iframe_on(&base), None)
                }
                Environment::Staging => {
                    let base = ClientConfig::STAGING_API_BASE.to_owned();
                    (EndpointKind::Staging, base.clone(), iframe_on(&base), None)
                }
                Environment::Custom => {
                    let base = settings.custom_api_base.trim().to_owned();
                    let iframe = match settings.custom_iframe_url.trim() {
                        "" => iframe_on(&base),
                        url => url.to_owned(),
                    };
                    let origin = Some(settings.custom_origin.trim().to_owned())
                        .filter(|origin| !origin.is_empty());
                    (EndpointKind::Custom, base, iframe, origin)
                }
            }
        };

        Endpoints::checked(kind, &api_base, &iframe_url, origin.as_deref())
    }

    /// The endpoints of a simulation serving on `api_base`.
    pub fn training(api_base: &str, iframe_url: &str) -> Result<Endpoints, EndpointError> {
        Endpoints::checked(EndpointKind::Training, api_base, iframe_url, None)
    }

    fn checked(
        kind: EndpointKind,
        api_base: &str,
        iframe_url: &str,
        origin: Option<&str>,
    ) -> Result<Endpoints, EndpointError> {
        let api = secure_url("the API base", api_base)?;
        let iframe = secure_url("the trade-in page", iframe_url)?;
        let origin = match origin {
            Some(origin) => checked_origin(origin)?,
            None => iframe.origin().ascii_serialization(),
        };

        Ok(Endpoints {
            kind,
            api_base: api.as_str().trim_end_matches('/').to_owned(),
            iframe_url: iframe.into(),
            origin,
        })
    }
}

fn iframe_on(api_base: &str) -> String {
    format!("{}{IFRAME_PATH}", api_base.trim_end_matches('/'))
}

/// Parses `url`, accepting https anywhere and http only on this computer.
fn secure_url(what: &'static str, url: &str) -> Result<Url, EndpointError> {
    let parsed = Url::parse(url.trim())
        .ok()
        .filter(|u| u.has_host())
        .ok_or_else(|| EndpointError::Unparsable { what, url: url.to_owned() })?;

    match parsed.scheme() {
        "https" => Ok(parsed),
        "http" if is_loopback(&parsed) => Ok(parsed),
        _ => Err(EndpointError::InsecureScheme { what, url: url.to_owned() }),
    }
}

fn checked_origin(origin: &str) -> Result<String, EndpointError> {
    let url = secure_url("the accepted origin", origin)?;
    let serialized = url.origin().ascii_serialization();
    if serialized != origin {
        return Err(EndpointError::OriginWithPath(origin.to_owned()));
    }
    Ok(serialized)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cli_with(api_base: &str, origin: Option<&str>) -> Cli {
        Cli {
            api_base: Some(api_base.to_owned()),
            origin: origin.map(str::to_owned),
            ..Cli::default()
        }
    }

    #[test]
    fn production_is_the_default() {
        let endpoints = Endpoints::resolve(&Settings::default(), &Cli::default()).expect("valid");

        assert_eq!(endpoints.kind, EndpointKind::Production);
        assert_eq!(endpoints.api_base, "https://purchase.revendo.dev");
        assert_eq!(
            endpoints.iframe_url,
            "https://purchase.revendo.dev/sell-a-device-iframe/?iframe=1"
        );
        assert_eq!(endpoints.origin, "https://purchase.revendo.dev");
    }

    #[test]
    fn staging_uses_the_staging_host_for_everything() {
        let settings = Settings { environment: Environment::Staging, ..Settings::default() };
        let endpoints = Endpoints::resolve(&settings, &Cli::default()).expect("valid");

        assert_eq!(endpoints.origin, "https://staging.revendo.dev");
        assert!(endpoints.iframe_url.starts_with("https://staging.revendo.dev/"));
    }

    #[test]
    fn command_line_overrides_settings_and_derives_the_origin() {
        let cli = cli_with("http://127.0.0.1:8787/", None);
        let endpoints = Endpoints::resolve(&Settings::default(), &cli).expect("valid");

        assert_eq!(endpoints.kind, EndpointKind::Custom);
        assert_eq!(endpoints.api_base, "http://127.0.0.1:8787");
        assert_eq!(endpoints.origin, "http://127.0.0.1:8787");
    }

    #[test]
    fn plain_http_to_another_host_is_refused() {
        let cli = cli_with("http://purchase.revendo.dev", None);
        let refused = Endpoints::resolve(&Settings::default(), &cli);

        assert!(matches!(refused, Err(EndpointError::InsecureScheme { .. })));
    }

    #[test]
    fn an_origin_with_a_path_or_slash_is_refused() {
        for origin in ["https://purchase.revendo.dev/", "https://purchase.revendo.dev/x"] {
            let cli = cli_with("https://purchase.revendo.dev", Some(origin));
            let refused = Endpoints::resolve(&Settings::default(), &cli);
            assert_eq!(refused, Err(EndpointError::OriginWithPath(origin.to_owned())));
        }
    }
}
