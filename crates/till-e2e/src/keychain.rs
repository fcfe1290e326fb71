//! The desktop's Secret Service as the tests see it: what `secret-tool` finds under the
//! till's service name, and the till's own `revendo-pos key …` commands.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::{Error, Result, binaries};

/// The service name the till stores its API key under.
pub const SERVICE: &str = "ch.revendo.till";

/// The key stored in the Secret Service for `api_base`, as `secret-tool lookup` reads it;
/// `None` when there is none.
pub fn stored_key(api_base: &str) -> Result<Option<String>> {
    let output = Command::new("secret-tool")
        .args(["lookup", "service", SERVICE, "username", api_base])
        .stdin(Stdio::null())
        .output()
        .map_err(|error| process_error("secret-tool", &error.to_string()))?;
    let key = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    Ok(Some(key).filter(|key| output.status.success() && !key.is_empty()))
}

/// Everything `secret-tool search --all service ch.revendo.till` prints (attributes
/// and secrets), to show that an entry exists or not.
pub fn search_entries() -> Result<String> {
    let output = Command::new("secret-tool")
        .args(["search", "--all", "service", SERVICE])
        .stdin(Stdio::null())
        .output()
        .map_err(|error| process_error("secret-tool", &error.to_string()))?;
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    Ok(text)
}

/// How one `revendo-pos key …` command ended.
#[derive(Debug)]
pub struct KeyCommand {
    pub succeeded: bool,
    /// Standard output, trimmed.
    pub stdout: String,
    /// Standard error, trimmed.
    pub stderr: String,
}

/// Runs `revendo-pos key <action> --api-base <api_base>` with `stdin` as its input and
/// `env` added to its environment, as an administrator's deployment script would.
pub fn key_command(
    action: &str,
    api_base: &str,
    stdin: &str,
    env: &[(&str, &str)],
) -> Result<KeyCommand> {
    let what = format!("revendo-pos key {action}");
    let mut child = Command::new(binaries::till()?)
        .args(["key", action, "--api-base", api_base])
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| process_error(&what, &error.to_string()))?;
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).map_err(|error| Error::io("revendo-pos stdin", error))?;
    }
    let output =
        child.wait_with_output().map_err(|error| process_error(&what, &error.to_string()))?;
    Ok(KeyCommand {
        succeeded: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).trim().to_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
    })
}

/// `revendo-pos key set --api-base <api_base>` with `key` on standard input, as an
/// administrator deploys a till.
pub fn store_with_cli(api_base: &str, key: &str) -> Result<()> {
    succeeded("set", key_command("set", api_base, &format!("{key}\n"), &[])?)
}

/// `revendo-pos key delete --api-base <api_base>`: leaves the keyring as it was found.
pub fn delete_with_cli(api_base: &str) -> Result<()> {
    succeeded("delete", key_command("delete", api_base, "", &[])?)
}

fn succeeded(action: &str, run: KeyCommand) -> Result<()> {
    if run.succeeded {
        return Ok(());
    }
    Err(process_error(&format!("revendo-pos key {action}"), &run.stderr))
}

fn process_error(what: &str, message: &str) -> Error {
    Error::Process { what: what.into(), message: message.trim().to_owned() }
}

/// A key stored for one API base for the length of a test; deleted again when dropped.
#[derive(Debug)]
pub struct StoredKey {
    api_base: String,
}

impl StoredKey {
    /// Stores `key` for `api_base` with `revendo-pos key set`, through the Secret Service.
    pub fn store(api_base: &str, key: &str) -> Result<StoredKey> {
        store_with_cli(api_base, key)?;
        Ok(StoredKey { api_base: api_base.to_owned() })
    }

    /// Deletes whatever key the till stores for `api_base` during the test, when dropped.
    pub fn cleared_after(api_base: &str) -> StoredKey {
        StoredKey { api_base: api_base.to_owned() }
    }
}

impl Drop for StoredKey {
    fn drop(&mut self) {
        let _ = delete_with_cli(&self.api_base);
    }
}
