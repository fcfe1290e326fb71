//! CSV export of the history: after the save dialog, the journal streams the selection to
//! the file on a worker thread, reporting progress and stopping when staff cancel. A
//! cancelled or failed export leaves no partial file behind.

use std::fs::File;
use std::io::BufWriter;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use order_journal::{ExportOutcome, HistoryQuery, Journal, TillIdentity};
use serde::Serialize;

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

/// Progress of a running export, sent to the page on the export's channel.
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
/// till keeps journaling meanwhile; `progress` hears the rows written so far.
pub fn write_csv(
    journal_path: PathBuf,
    identity: TillIdentity,
    query: HistoryQuery,
    path: PathBuf,
    cancel: ExportCancel,
    mut progress: impl FnMut(ExportProgress),
) -> Result<ExportSummary> {
    cancel.reset();
    let journal = Journal::open(&journal_path, identity)?;
    let file = File::create(&path).map_err(|error| export_failed(&path, &error))?;

    let outcome = journal.export_csv(&query, BufWriter::new(file), |rows| {
        progress(ExportProgress { rows });
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

#[cfg(test)]
mod tests {
    use order_journal::{NewOrder, PROGRESS_EVERY};
    use revendo_protocol::{Payout, Rappen};
    use time::OffsetDateTime;

    use super::*;
    use crate::training_till::customer;

    /// A journal of `count` orders in `folder`, and the identity it was opened with.
    fn journal_of(folder: &std::path::Path, count: u64) -> (PathBuf, TillIdentity) {
        let path = folder.join("journal.sqlite3");
        let identity = TillIdentity::parse("ZH01", "2").expect("identity");
        let mut journal = Journal::open(&path, identity.clone()).expect("journal");
        let customer = customer().validate().expect("a valid customer");
        for number in 0..count {
            let order = NewOrder {
                offer_id: format!("offer-{number}"),
                price_id: None,
                product_id: None,
                device_name: "iPhone 13".into(),
                cash: Rappen::francs(200),
                voucher: Rappen::francs(230),
                payout: Payout::Cash,
                customer: customer.clone(),
                operator: "Anna".into(),
            };
            journal.create_order(&order, OffsetDateTime::now_utc()).expect("journaled");
        }
        (path, identity)
    }

    #[test]
    fn a_complete_export_writes_every_order_and_reports_progress_on_the_way() {
        let folder = tempfile::tempdir().expect("temp dir");
        let (journal, identity) = journal_of(folder.path(), PROGRESS_EVERY + 1);
        let target = folder.path().join("orders.csv");
        let mut heard = Vec::new();

        let summary = write_csv(
            journal,
            identity,
            HistoryQuery::default(),
            target.clone(),
            ExportCancel::default(),
            |progress| heard.push(progress.rows),
        )
        .expect("exported");

        assert_eq!(summary.rows, PROGRESS_EVERY + 1);
        assert!(!summary.cancelled);
        assert_eq!(summary.path.as_deref(), Some(target.display().to_string().as_str()));
        let csv = std::fs::read_to_string(&target).expect("file written");
        assert_eq!(csv.lines().count() as u64, PROGRESS_EVERY + 2, "a header and every order");
        assert_eq!(heard.first(), Some(&PROGRESS_EVERY));
        assert_eq!(heard.last(), Some(&(PROGRESS_EVERY + 1)), "the final count is reported");
    }

    #[test]
    fn a_cancelled_export_stops_and_leaves_no_partial_file() {
        let folder = tempfile::tempdir().expect("temp dir");
        let (journal, identity) = journal_of(folder.path(), PROGRESS_EVERY + 1);
        let target = folder.path().join("orders.csv");
        let cancel = ExportCancel::default();
        let staff = cancel.clone();

        let summary =
            write_csv(journal, identity, HistoryQuery::default(), target.clone(), cancel, |_| {
                staff.cancel()
            })
            .expect("stopped cleanly");

        assert!(summary.cancelled);
        assert_eq!(summary.rows, PROGRESS_EVERY);
        assert_eq!(summary.path, None);
        assert!(!target.exists(), "the partial file is removed");
    }

    #[test]
    fn a_file_that_cannot_be_created_is_an_export_error_naming_it() {
        let folder = tempfile::tempdir().expect("temp dir");
        let (journal, identity) = journal_of(folder.path(), 1);
        let target = folder.path().join("no such folder").join("orders.csv");

        let error = write_csv(
            journal,
            identity,
            HistoryQuery::default(),
            target,
            ExportCancel::default(),
            |_| {},
        )
        .expect_err("refused");

        assert_eq!(error.code(), "export_failed");
        assert!(error.to_string().contains("no such folder"), "{error}");
    }
}
