//! Structured logs in a daily rolling file of the data folder.
//!
//! Log lines name orders by their partner order id only. Keys, IBANs, names, emails
//! and phone numbers are never passed to a log macro anywhere in the till.

use std::path::Path;

use tracing_appender::non_blocking::{NonBlockingBuilder, WorkerGuard};
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;

/// How many daily log files are kept.
const KEPT_LOG_FILES: usize = 14;

/// How many lines may wait for the log file.
const BUFFERED_LINES: usize = 1024;

/// Starts logging to `folder`; the returned guard flushes the file when dropped.
///
/// The level comes from `REVENDO_LOG` (for example `debug`), `info` by default.
pub fn start(folder: &Path) -> Option<WorkerGuard> {
    if let Err(error) = std::fs::create_dir_all(folder) {
        eprintln!("logging disabled: the log folder {} is unusable: {error}", folder.display());
        return None;
    }
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("till")
        .filename_suffix("log")
        .max_log_files(KEPT_LOG_FILES)
        .build(folder);
    let appender = match appender {
        Ok(appender) => appender,
        Err(error) => {
            eprintln!("logging disabled: the log folder {} is unusable: {error}", folder.display());
            return None;
        }
    };

    // A till writes a few lines per order: a thousand waiting lines is ample, where the
    // default of 128,000 would hold megabytes of memory for nothing. Lines beyond it are
    // dropped rather than making the till wait for a stalled disk.
    let (writer, guard) =
        NonBlockingBuilder::default().buffered_lines_limit(BUFFERED_LINES).finish(appender);
    let filter = EnvFilter::try_from_env("REVENDO_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let installed = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init();

    installed.is_ok().then_some(guard)
}
