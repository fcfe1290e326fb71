//! What a test leaves behind for CI: a screenshot of its last screen, the app's output
//! and its log files, all in the repository's ignored `target/e2e-artifacts/`, whatever
//! `CARGO_TARGET_DIR` says.

use std::path::{Path, PathBuf};

use crate::binaries::repository;
use crate::{Error, Result};

/// The artifact files of one test, named after it.
#[derive(Debug, Clone)]
pub struct Artifacts {
    folder: PathBuf,
    test: String,
}

impl Artifacts {
    /// The artifacts of the test `test`, in a folder created as needed.
    pub fn for_test(test: &str) -> Result<Artifacts> {
        let folder = repository().join("target/e2e-artifacts");
        std::fs::create_dir_all(&folder).map_err(|error| Error::io(&folder, error))?;
        Ok(Artifacts { folder, test: test.to_owned() })
    }

    /// The test's name.
    pub fn test(&self) -> &str {
        &self.test
    }

    /// The screenshot of the test's last screen.
    pub fn screenshot(&self) -> PathBuf {
        self.folder.join(format!("{}.png", self.test))
    }

    /// A file of the test with the ending `suffix` (`driver.log`, `sandbox.log`).
    pub fn file(&self, suffix: &str) -> PathBuf {
        self.folder.join(format!("{}.{suffix}", self.test))
    }

    /// Copies the till's log folder of the data folder `data_dir` beside the screenshot.
    pub fn keep_app_logs(&self, data_dir: &Path) {
        let source = data_dir.join("logs");
        let target = self.folder.join(format!("{}.app-logs", self.test));
        let Ok(entries) = std::fs::read_dir(&source) else { return };
        if std::fs::create_dir_all(&target).is_err() {
            return;
        }
        for entry in entries.flatten() {
            let _ = std::fs::copy(entry.path(), target.join(entry.file_name()));
        }
    }
}
