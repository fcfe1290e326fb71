//! End-to-end tests of the till: the real `revendo-pos` binary in a real window, driven
//! over W3C WebDriver through `tauri-driver` and WebKitWebDriver, against the Revendo
//! simulation, with the desktop's real Secret Service.
//!
//! The library is the test bench; the tests themselves live in `tests/`. Run them under a
//! display and a session bus, one at a time:
//!
//! ```text
//! dbus-run-session -- bash -c 'printf pw | gnome-keyring-daemon --unlock \
//!   --components=secrets >/dev/null; xvfb-run --auto-servernum \
//!   --server-args="-screen 0 1400x1000x24" cargo test -p till-e2e -- --test-threads=1'
//! ```
//!
//! Each test leaves a screenshot of its last screen, the app's output and its log files in
//! `target/e2e-artifacts/` of the repository.

pub mod artifacts;
pub mod binaries;
pub mod desktop;
pub mod keychain;
pub mod page;
pub mod receipt;
pub mod relay;
pub mod sandbox;
pub mod till;
pub mod trade_in;
pub mod webdriver;

use std::time::{Duration, Instant};

/// Result of the test bench's operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can stop a test before its assertions.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A binary the tests drive is not where the build puts it.
    #[error("{0}")]
    MissingBinary(String),

    /// A process (tauri-driver, the sandbox, a key command) could not be started or did
    /// not behave as a started process should.
    #[error("process {what}: {message}")]
    Process { what: String, message: String },

    /// The WebDriver server answered a command with an error.
    #[error("WebDriver {command}: {error}: {message}")]
    WebDriver { command: String, error: String, message: String },

    /// An HTTP exchange with WebDriver or the sandbox failed below the protocol.
    #[error("HTTP: {0}")]
    Http(#[from] reqwest::Error),

    /// A JSON answer did not have the expected shape.
    #[error("unexpected answer from {from}: {detail}")]
    Unexpected { from: String, detail: String },

    /// A condition the test waited for did not come true in time.
    #[error("waited {seconds} s for {what}; last seen: {last}")]
    Timeout { what: String, seconds: u64, last: String },

    /// A file of the bench (artifacts, data folder) could not be written or read.
    #[error("file {path}: {source}")]
    Io { path: String, source: std::io::Error },
}

impl Error {
    /// An I/O error about `path`.
    pub fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Error {
        Error::Io { path: path.as_ref().display().to_string(), source }
    }
}

/// How long any single wait of the bench lasts before it fails. It bounds a poll, it is
/// no timed assertion: a healthy till is far quicker.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// Polls `probe` until it yields a value, for at most `patience`. `probe` returns
/// `Err(last seen)` while the condition is false; the timeout error reports `what` was
/// awaited and the last thing seen.
pub fn wait_for<T>(
    what: &str,
    patience: Duration,
    mut probe: impl FnMut() -> std::result::Result<T, String>,
) -> Result<T> {
    let start = Instant::now();
    loop {
        match probe() {
            Ok(value) => return Ok(value),
            Err(last) if start.elapsed() >= patience => {
                return Err(Error::Timeout {
                    what: what.to_owned(),
                    seconds: patience.as_secs(),
                    last,
                });
            }
            Err(_) => std::thread::sleep(Duration::from_millis(150)),
        }
    }
}
