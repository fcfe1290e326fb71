//! The command line: how administrators and tests start the till, and the keychain
//! commands for deploying many tills without opening a window.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Revendo trade-in till.
///
/// Every option can also be given as an environment variable, for kiosk launchers
/// and automation.
#[derive(Debug, Clone, Default, Parser)]
#[command(name = "revendo-pos", version, about)]
pub struct Cli {
    /// Train on the built-in Revendo simulation: orders are not real and are kept in a
    /// journal of their own.
    #[arg(long, env = "REVENDO_SANDBOX")]
    pub sandbox: bool,

    /// Loopback address for the built-in simulation (with --sandbox); by default a free
    /// port of 127.0.0.1.
    #[arg(long, env = "REVENDO_SANDBOX_LISTEN")]
    pub sandbox_listen: Option<SocketAddr>,

    /// Revendo API base URL, overriding the configured environment.
    #[arg(long, env = "REVENDO_API_BASE")]
    pub api_base: Option<String>,

    /// URL of Revendo's trade-in page, overriding the configured environment.
    #[arg(long, env = "REVENDO_IFRAME_URL")]
    pub iframe_url: Option<String>,

    /// The exact origin whose messages are accepted, overriding the configured
    /// environment (defaults to the origin of the trade-in page).
    #[arg(long, env = "REVENDO_ORIGIN")]
    pub origin: Option<String>,

    /// Folder of the journal, settings and logs (default: the system's app data folder).
    #[arg(long, env = "REVENDO_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Administration without a window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Commands that run and exit without opening the till.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Manage the Revendo API key in the operating system's keychain.
    Key {
        #[command(subcommand)]
        action: KeyAction,

        /// The API base the key belongs to (default: production).
        #[arg(long, global = true, env = "REVENDO_API_BASE")]
        api_base: Option<String>,
    },
}

/// What to do with the stored API key.
#[derive(Debug, Clone, Copy, Subcommand)]
pub enum KeyAction {
    /// Store the key read from standard input (one line), replacing any stored key.
    Set,
    /// Tell whether a key is stored; never prints it.
    Status,
    /// Remove the stored key.
    Delete,
}

impl Cli {
    /// Where the built-in simulation listens.
    pub fn sandbox_address(&self) -> SocketAddr {
        self.sandbox_listen.unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// True when any option points the till away from its configured environment.
    pub fn overrides_environment(&self) -> bool {
        self.api_base.is_some() || self.iframe_url.is_some() || self.origin.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_options_of_an_automated_start() {
        let cli = Cli::try_parse_from([
            "revendo-pos",
            "--api-base",
            "http://127.0.0.1:9000",
            "--iframe-url",
            "http://127.0.0.1:9000/sell-a-device-iframe/?iframe=1",
            "--data-dir",
            "/tmp/till",
        ])
        .expect("valid arguments");

        assert!(!cli.sandbox);
        assert!(cli.overrides_environment());
        assert_eq!(cli.data_dir, Some(PathBuf::from("/tmp/till")));
        assert!(cli.command.is_none());
    }

    #[test]
    fn parses_key_commands_with_their_api_base() {
        let cli = Cli::try_parse_from(["revendo-pos", "key", "status", "--api-base", "https://x"])
            .expect("valid arguments");

        let Some(Command::Key { action, api_base }) = cli.command else {
            panic!("expected a key command");
        };
        assert!(matches!(action, KeyAction::Status));
        assert_eq!(api_base.as_deref(), Some("https://x"));
    }

    #[test]
    fn refuses_a_sandbox_address_that_is_not_an_address() {
        let parsed = Cli::try_parse_from(["revendo-pos", "--sandbox-listen", "localhost"]);
        assert!(parsed.is_err());
    }
}
