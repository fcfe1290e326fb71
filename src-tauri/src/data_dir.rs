//! The till's data folder: journal, settings and logs, and the lock that keeps a
//! second till off the same journal.

use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};

/// The files of one journal folder, locked for this process.
///
/// The lock is an OS file lock, released when the process ends however it ends, so a
/// till killed by a power cut never leaves a stale lock behind.
#[derive(Debug)]
pub struct DataDir {
    root: PathBuf,
    journal_folder: PathBuf,
    _lock: File,
}

/// Why the data folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum DataDirError {
    /// Another till is already running on this journal.
    #[error("another till is already running with the data folder {0}")]
    InUse(PathBuf),
    /// The folder could not be created or its lock file opened.
    #[error("the data folder {path} cannot be used: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

impl DataDir {
    /// Opens `root`, creating it as needed. Training keeps its journal in a folder of
    /// its own beneath it, so that no training order ever mixes with real ones.
    pub fn open(root: &Path, training: bool) -> Result<DataDir, DataDirError> {
        let journal_folder = if training { root.join("training") } else { root.to_owned() };
        let io = |source| DataDirError::Io { path: journal_folder.clone(), source };
        fs::create_dir_all(&journal_folder).map_err(io)?;

        let lock_path = journal_folder.join("till.lock");
        let lock = File::options().create(true).truncate(false).write(true).open(&lock_path);
        let lock = lock.map_err(io)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(DataDirError::InUse(journal_folder)),
            Err(TryLockError::Error(source)) => return Err(io(source)),
        }

        Ok(DataDir { root: root.to_owned(), journal_folder, _lock: lock })
    }

    /// The SQLite journal of orders.
    pub fn journal_path(&self) -> PathBuf {
        self.journal_folder.join("journal.sqlite3")
    }

    /// Settings shared by real and training use.
    pub fn settings_path(&self) -> PathBuf {
        self.root.join("settings.json")
    }

    /// Rolling log files.
    pub fn log_folder(&self) -> PathBuf {
        self.root.join("logs")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_till_on_the_same_folder_is_refused() {
        let folder = tempfile::tempdir().expect("temp dir");

        let first = DataDir::open(folder.path(), false).expect("first till");
        let second = DataDir::open(folder.path(), false);

        assert!(matches!(second, Err(DataDirError::InUse(_))));
        drop(first);
        assert!(DataDir::open(folder.path(), false).is_ok(), "lock released with the till");
    }

    #[test]
    fn training_uses_a_journal_of_its_own() {
        let folder = tempfile::tempdir().expect("temp dir");

        let real = DataDir::open(folder.path(), false).expect("real till");
        let training = DataDir::open(folder.path(), true).expect("training beside it");

        assert_ne!(real.journal_path(), training.journal_path());
        assert_eq!(real.settings_path(), training.settings_path());
    }
}
