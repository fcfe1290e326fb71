//! A signal for the startup benchmark: when `REVENDO_STARTUP_PROBE` is set, the first
//! finished page load prints `startup-probe: ready` on standard error, the moment the
//! window can take input. The bare-window example prints the same, so both are timed
//! alike.

use std::sync::atomic::{AtomicBool, Ordering};

use tauri::webview::{PageLoadEvent, PageLoadPayload};
use tauri::{Runtime, Webview};

static REPORTED: AtomicBool = AtomicBool::new(false);

/// Tauri's page-load hook: logs each finished load and reports the first one.
pub fn page_loaded<R: Runtime>(webview: &Webview<R>, payload: &PageLoadPayload<'_>) {
    // Revendo's own webview, when shown, loads beside the till's page; the page counts.
    if payload.event() != PageLoadEvent::Finished || webview.label() != "main" {
        return;
    }
    tracing::debug!(webview = webview.label(), "page loaded");

    let probing = std::env::var_os("REVENDO_STARTUP_PROBE").is_some();
    if probing && !REPORTED.swap(true, Ordering::Relaxed) {
        eprintln!("startup-probe: ready");
    }
}
