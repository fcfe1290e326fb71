//! Starting the till: data folder, logs, settings, Revendo endpoints, journal, and the
//! window, in that order, so that nothing is shown before the journal is safe to use.

use std::path::PathBuf;

use order_journal::{Journal, TillIdentity};
use revendo_protocol::{ApiKey, ClientConfig, RevendoClient};
use revendo_sandbox::{Sandbox, SandboxConfig};
use tauri::utils::config::Csp;
use tauri::{App, Manager, WebviewUrl, WebviewWindowBuilder};
use time::OffsetDateTime;

use crate::cli::Cli;
use crate::commands;
use crate::data_dir::DataDir;
use crate::endpoints::Endpoints;
use crate::error::{Error, Result};
use crate::keychain::KeyEntry;
use crate::logging;
use crate::revendo_view;
use crate::settings::{Display, Settings};
use crate::till::{Credentials, Till};

/// The identifier of the app, also the name of its data folder.
const IDENTIFIER: &str = "ch.revendo.till";

/// Runs the till until its window is closed.
pub fn launch(cli: Cli) -> Result<()> {
    let root = cli.data_dir.clone().unwrap_or_else(default_data_root);
    let data_dir = DataDir::open(&root, cli.sandbox)?;
    let _log_guard = logging::start(&data_dir.log_folder());
    let settings = Settings::load(&data_dir.settings_path())?;
    tracing::info!(version = env!("CARGO_PKG_VERSION"), training = cli.sandbox, "till starting");

    let (endpoints, credentials, sandbox) = revendo_for(&cli, &settings)?;
    let journal = open_journal(&data_dir, &settings)?;
    let client = RevendoClient::new(ClientConfig::new(endpoints.api_base.clone()))
        .map_err(|error| Error::ClientSetup(Box::new(error)))?;

    // The generated context exits the process itself only if its embedded assets are
    // broken, which a build never ships.
    #[allow(clippy::disallowed_methods)]
    let mut context = tauri::generate_context!();
    allow_frames_from(&mut context.config_mut().app.security.csp, &endpoints.origin);
    let title = if sandbox.is_some() { "Revendo Till – TRAINING" } else { "Revendo Till" };
    let till = Till::new(endpoints, client, credentials, data_dir, journal, settings, sandbox);

    tauri::Builder::default()
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .manage(till)
        .invoke_handler(commands::handler())
        .on_page_load(crate::startup_probe::page_loaded)
        .setup(move |app| {
            tauri::async_runtime::spawn(purge_every_day(app.handle().clone()));
            open_main_window(app, title)
        })
        .run(context)?;

    tracing::info!("till stopped");
    Ok(())
}

/// The system's folder for app data (`~/.local/share/ch.revendo.till` on Linux), the
/// same that Tauri itself would choose.
fn default_data_root() -> PathBuf {
    dirs::data_dir().unwrap_or_else(std::env::temp_dir).join(IDENTIFIER)
}

/// The Revendo this run talks to: the built-in simulation in training, otherwise the
/// configured environment with its key in the keychain.
fn revendo_for(
    cli: &Cli,
    settings: &Settings,
) -> Result<(Endpoints, Credentials, Option<Sandbox>)> {
    if !cli.sandbox {
        let endpoints = Endpoints::resolve(settings, cli)?;
        let entry = KeyEntry::for_api_base(&endpoints.api_base);
        tracing::info!(api_base = endpoints.api_base, "using Revendo");
        return Ok((endpoints, Credentials::Keychain(entry), None));
    }

    let config = SandboxConfig::default();
    let key = ApiKey::new(config.api_key.clone());
    let sandbox = tauri::async_runtime::block_on(Sandbox::start(cli.sandbox_address(), config))
        .map_err(|error| Error::Sandbox(error.to_string()))?;
    let endpoints = Endpoints::training(&sandbox.api_base(), &sandbox.iframe_url())?;
    tracing::info!(api_base = endpoints.api_base, "training on the built-in simulation");
    Ok((endpoints, Credentials::Training(key), Some(sandbox)))
}

/// Opens the journal, lists orders a previous run left mid-flight as unresolved, and
/// purges personal data past its retention.
fn open_journal(data_dir: &DataDir, settings: &Settings) -> Result<Journal> {
    let identity = TillIdentity::parse(&settings.store_id, &settings.till_id)?;
    let mut journal = Journal::open(&data_dir.journal_path(), identity)?;
    let now = OffsetDateTime::now_utc();

    for order in journal.recover_interrupted(now)? {
        tracing::warn!(
            partner_order_id = order.partner_order_id,
            "order was in flight when the till stopped; listed as unresolved"
        );
    }
    let purge = journal.purge_personal_data(now, settings.retention_days)?;
    if purge.orders_purged > 0 {
        tracing::info!(orders = purge.orders_purged, "personal data past its retention purged");
    }
    Ok(journal)
}

/// How often a till that is never restarted purges personal data past its retention.
const PURGE_INTERVAL: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

/// Purges personal data past its retention once a day, for tills left running for weeks;
/// the first purge ran at startup.
async fn purge_every_day(app: tauri::AppHandle) {
    loop {
        tokio::time::sleep(PURGE_INTERVAL).await;
        let till = app.state::<Till>();
        let retention_days = till.settings().retention_days;
        let purged = till.journal().purge_personal_data(OffsetDateTime::now_utc(), retention_days);
        match purged {
            Ok(record) => tracing::info!(orders = record.orders_purged, "daily purge ran"),
            Err(error) => tracing::error!(%error, "daily purge failed"),
        }
    }
}

/// Adds the Revendo origin in use to the policy's `frame-src`, for a custom host that
/// the packaged policy cannot know.
fn allow_frames_from(csp: &mut Option<Csp>, origin: &str) {
    let Some(Csp::Policy(policy)) = csp else { return };
    let directives = policy.split(';').map(|directive| {
        let directive = directive.trim();
        let is_frame_src = directive.split_whitespace().next() == Some("frame-src");
        if is_frame_src && !directive.split_whitespace().any(|source| source == origin) {
            format!("{directive} {origin}")
        } else {
            directive.to_owned()
        }
    });
    *policy = directives.collect::<Vec<_>>().join("; ");
}

/// The till's window with its page, and Revendo's own webview in it when the settings
/// choose that over the frame.
fn open_main_window(
    app: &mut App,
    title: &str,
) -> std::result::Result<(), Box<dyn std::error::Error>> {
    let page = WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
        .title(title)
        .inner_size(1280.0, 860.0)
        .min_inner_size(1024.0, 700.0)
        .build()?;
    let till = app.state::<Till>();
    if till.settings().display == Display::Webview {
        revendo_view::open(app.handle(), &page.as_ref().window(), &till.endpoints)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_custom_origin_is_added_to_frame_src_once() {
        let mut csp = Some(Csp::Policy(
            "default-src 'self'; frame-src https://purchase.revendo.dev".to_owned(),
        ));

        allow_frames_from(&mut csp, "https://revendo.example");
        allow_frames_from(&mut csp, "https://revendo.example");

        let Some(Csp::Policy(policy)) = csp else { panic!("policy kept") };
        assert_eq!(
            policy,
            "default-src 'self'; frame-src https://purchase.revendo.dev https://revendo.example"
        );
    }
}
