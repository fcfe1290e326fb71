//! Where the programs under test are: the till and the sandbox as the workspace's
//! `cargo build` leaves them, and `tauri-driver` as `cargo install` leaves it.
//!
//! A missing program fails the test with what to build or install; nothing is skipped.

use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The repository's root folder (the workspace).
pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
}

/// The till, `revendo-pos` (`REVENDO_POS_BIN` overrides).
pub fn till() -> Result<PathBuf> {
    workspace_binary("revendo-pos", "REVENDO_POS_BIN", "cargo build")
}

/// The standalone Revendo simulation, `revendo-sandbox` (`REVENDO_SANDBOX_BIN` overrides).
pub fn sandbox() -> Result<PathBuf> {
    workspace_binary("revendo-sandbox", "REVENDO_SANDBOX_BIN", "cargo build -p revendo-sandbox")
}

/// `tauri-driver` (`TAURI_DRIVER_BIN` overrides; else the `PATH`, then `~/.cargo/bin`).
pub fn tauri_driver() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("TAURI_DRIVER_BIN") {
        return existing(PathBuf::from(path), "TAURI_DRIVER_BIN");
    }
    let mut candidates: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).map(|dir| dir.join("tauri-driver")).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        candidates.push(PathBuf::from(home).join(".cargo/bin/tauri-driver"));
    }
    candidates.into_iter().find(|path| path.is_file()).ok_or_else(|| {
        Error::MissingBinary(
            "tauri-driver is not installed: run `cargo install tauri-driver --version '^2' \
             --locked` (and install WebKitWebDriver: Debian's webkit2gtk-driver)"
                .into(),
        )
    })
}

/// A binary of the workspace in the profile folder this test was built into (so that
/// `CARGO_TARGET_DIR` is honoured), else in `$CARGO_TARGET_DIR/debug` or the
/// repository's `target/debug`.
fn workspace_binary(name: &str, override_var: &str, build: &str) -> Result<PathBuf> {
    if let Some(path) = std::env::var_os(override_var) {
        return existing(PathBuf::from(path), override_var);
    }

    let mut folders = Vec::new();
    if let Some(profile) = std::env::current_exe().ok().and_then(profile_folder) {
        folders.push(profile);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        folders.push(PathBuf::from(target).join("debug"));
    }
    folders.push(repository().join("target/debug"));

    let candidates: Vec<PathBuf> = folders.iter().map(|folder| folder.join(name)).collect();
    candidates.iter().find(|path| path.is_file()).cloned().ok_or_else(|| {
        let tried: Vec<String> = candidates.iter().map(|p| p.display().to_string()).collect();
        Error::MissingBinary(format!(
            "{name} is not built: run `{build}` in the repository with the same \
             CARGO_TARGET_DIR first (looked at {})",
            tried.join(", ")
        ))
    })
}

/// `<target>/debug` from `<target>/debug/deps/<test binary>`.
fn profile_folder(test_binary: PathBuf) -> Option<PathBuf> {
    let deps = test_binary.parent()?;
    if deps.file_name()? != "deps" {
        return None;
    }
    deps.parent().map(Path::to_path_buf)
}

fn existing(path: PathBuf, var: &str) -> Result<PathBuf> {
    if path.is_file() {
        Ok(path)
    } else {
        Err(Error::MissingBinary(format!("{var} names {}, which does not exist", path.display())))
    }
}
