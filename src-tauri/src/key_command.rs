//! `revendo-pos key set|status|delete`: the API key for administrators who deploy
//! many tills from a script.

use std::io::BufRead;
use std::process::ExitCode;

use crate::cli::KeyAction;
use crate::keychain::KeyEntry;

/// Runs one key command against the keychain entry of `api_base` (production by
/// default) and prints one line saying what happened, never the key.
pub fn run(action: KeyAction, api_base: Option<&str>) -> ExitCode {
    let api_base = api_base.unwrap_or(revendo_protocol::ClientConfig::PRODUCTION_API_BASE);
    let entry = KeyEntry::for_api_base(api_base);

    let outcome = match action {
        KeyAction::Set => read_key_line().and_then(|key| {
            entry
                .store(&key)
                .map(|()| format!("API key stored for {api_base}"))
                .map_err(|e| e.to_string())
        }),
        KeyAction::Status => match entry.load() {
            Ok(Some(_)) => Ok(format!("an API key is stored for {api_base}")),
            Ok(None) => Err(format!("no API key is stored for {api_base}")),
            Err(error) => Err(error.to_string()),
        },
        KeyAction::Delete => entry
            .delete()
            .map(|()| format!("no API key is stored for {api_base} any more"))
            .map_err(|e| e.to_string()),
    };

    match outcome {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("revendo-pos: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Reads the key as one line of standard input, so that it never appears in the
/// process list or the shell's history.
fn read_key_line() -> Result<String, String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|error| format!("the key could not be read from standard input: {error}"))?;
    Ok(line.trim().to_owned())
}
