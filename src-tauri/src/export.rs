//! CSV export of the history: a save dialog, then the journal streams the selection to
//! the file on a worker thread, reporting progress to the page and stopping when staff
//! cancel. A cancelled or failed export leaves no partial file behind.

use std::fs::File;
use std::io::BufWriter;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use order_journal::{ExportOutcome, HistoryQuery, Journal, TillIdentity};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};

use crate::error::{Error, Result};

/// Where and how an export ended.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "camelCase")]
pub struct ExportSummary {
    /// Rows written (without the header).
    pub rows: u64,
    /// The file written; `None` when staff closed the dialog or cancelled.
    pub path: Option<String>,
    pub cancelled: bool,
}

/// Progress of a running export, sent as the `export-progress` event.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ExportProgress {
    pub rows: u64,
}

/// The flag a running export checks between rows.
#[derive(Debug, Default, Clone)]
pub struct ExportCancel(Arc<AtomicBool>);

impl ExportCancel {
    /// Asks the running export, if any, to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    fn reset(&self) {
        self.0.store(false, Ordering::Relaxed);
    }

    fn requested(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Writes the orders `query` selects to `path` through a connection of its own, so the
/// till keeps journaling meanwhile.
pub fn write_csv<R: Runtime>(
    app: &AppHandle<R>,
    journal_path: PathBuf,
    identity: TillIdentity,
    query: HistoryQuery,
    path: PathBuf,
    cancel: ExportCancel,
) -> Result<ExportSummary> {
    cancel.reset();
    let journal = Journal::open(&journal_path, identity)?;
    let file = File::create(&path).map_err(|error| export_failed(&path, &error))?;

    let outcome = journal.export_csv(&query, BufWriter::new(file), |rows| {
        // Progress goes to the page only; a closed page just stops listening.
        let _ = app.emit("export-progress", ExportProgress { rows });
        if cancel.requested() { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    });

    match outcome {
        Ok(ExportOutcome::Complete { rows }) => {
            tracing::info!(rows, "history exported");
            Ok(ExportSummary { rows, path: Some(path.display().to_string()), cancelled: false })
        }
        Ok(ExportOutcome::Cancelled { rows }) => {
            remove_partial(&path);
            tracing::info!(rows, "history export cancelled");
            Ok(ExportSummary { rows, path: None, cancelled: true })
        }
        Err(error) => {
            remove_partial(&path);
            Err(error.into())
        }
    }
}

fn remove_partial(path: &PathBuf) {
    if let Err(error) = std::fs::remove_file(path) {
        tracing::warn!(%error, "partial export could not be removed");
    }
}

fn export_failed(path: &std::path::Path, error: &std::io::Error) -> Error {
    Error::Export(format!("{} cannot be written: {error}", path.display()))
}
