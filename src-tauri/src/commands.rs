//! The commands the page may call. Each one only delegates; the decisions live in the
//! modules beside it. `build.rs` lists them and the capability files grant them.
//!
//! Commands that need the app or a webview are generic over the runtime, so that the
//! tests drive them through Tauri's own IPC on its mock runtime.

use order_journal::{Cursor, OrderDetail, Totals};
use revendo_protocol::{CustomerInput, FieldError, IframeEvent, Payout};
use serde_json::Value;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State, Webview};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::dto::{AppInfo, FinalizedOrder, QuoteView};
use crate::error::{Error, Result};
use crate::export::{self, ExportProgress, ExportSummary};
use crate::finalize;
use crate::history::{HistoryFilter, HistoryPage};
use crate::keychain::KeyStatus;
use crate::quote_desk::QUOTE_LIFETIME;
use crate::receipt::{self, Receipt};
use crate::revendo_view::{self, ViewBounds};
use crate::settings::Settings;
use crate::till::Till;

/// Every command the till answers; `build.rs` gives each one a permission, and the
/// capability files grant them.
pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app_info,
        capture_quote,
        update_cart,
        set_payout,
        forget_quote,
        current_quote,
        validate_customer,
        finalize_order,
        resend_order,
        search_history,
        order_detail,
        history_totals,
        receipt,
        print_receipt,
        open_tracking_url,
        copy_tracking_url,
        export_history_csv,
        cancel_export,
        key_status,
        set_api_key,
        delete_api_key,
        get_settings,
        save_settings,
        report_dropped_messages,
        place_revendo_view,
        reload_revendo_view,
        revendo_view_event,
    ]
}

/// What the page needs to render the till.
#[tauri::command]
pub fn app_info(till: State<'_, Till>) -> Result<AppInfo> {
    let settings = till.settings();
    let key = till.key_status();
    let unresolved_count = till.journal().count_unresolved()?;

    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        training: till.is_training(),
        environment: till.endpoints.kind,
        iframe_url: till.endpoints.iframe_url.clone(),
        revendo_origin: till.endpoints.origin.clone(),
        display: settings.display,
        language: settings.language,
        store_id: settings.store_id,
        till_id: settings.till_id,
        operator: settings.operator,
        api_key_stored: key.stored,
        keychain_available: key.available,
        unresolved_count,
        quote_lifetime_seconds: QUOTE_LIFETIME.as_secs(),
    })
}

/// Holds the quote of a `revendo_device_selected` message that passed the page's
/// origin and source checks; Rust parses it again and trusts nothing in it.
#[tauri::command]
pub fn capture_quote(till: State<'_, Till>, event: Value) -> Result<QuoteView> {
    match IframeEvent::parse(&event)? {
        IframeEvent::DeviceSelected { quote } => {
            let now = time::OffsetDateTime::now_utc();
            Ok(QuoteView::from(till.desk().capture(quote, now)))
        }
        _ => Err(wrong_event_for("capture_quote")),
    }
}

/// Applies a `revendo_cart_updated` message; `None` when it does not concern the
/// held quote.
#[tauri::command]
pub fn update_cart(till: State<'_, Till>, event: Value) -> Result<Option<QuoteView>> {
    match IframeEvent::parse(&event)? {
        IframeEvent::CartUpdated { cart, payout } => {
            Ok(till.desk().update_cart(&cart, payout).map(QuoteView::from))
        }
        _ => Err(wrong_event_for("update_cart")),
    }
}

/// A valid message of another type than `command` handles.
fn wrong_event_for(command: &'static str) -> Error {
    let field = "type";
    Error::InvalidEvent(revendo_protocol::IframeEventError::InvalidField { event: command, field })
}

/// Switches the held quote between cash and voucher.
#[tauri::command]
pub fn set_payout(till: State<'_, Till>, payout: Payout) -> Result<QuoteView> {
    till.desk().set_payout(payout).map(QuoteView::from).ok_or(Error::NoQuote)
}

/// Forgets the held quote: when Revendo's page removed it (`price_id`), or for a new
/// customer (`None`).
#[tauri::command]
pub fn forget_quote(till: State<'_, Till>, price_id: Option<String>) {
    till.desk().forget(price_id.as_deref());
}

/// The held quote, for a page that was reloaded.
#[tauri::command]
pub fn current_quote(till: State<'_, Till>) -> Option<QuoteView> {
    till.desk().current().map(QuoteView::from)
}

/// Checks the customer form; an empty list means every field is valid.
#[tauri::command]
pub fn validate_customer(customer: CustomerInput) -> Vec<FieldError> {
    match customer.validate() {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().copied().collect(),
    }
}

/// Journals and sends the order of the held quote for this customer.
#[tauri::command]
pub async fn finalize_order(
    till: State<'_, Till>,
    customer: CustomerInput,
) -> Result<FinalizedOrder> {
    finalize::finalize_held_quote(&till, &customer).await
}

/// Sends an unresolved order again, with its partner order id unchanged.
#[tauri::command]
pub async fn resend_order(
    till: State<'_, Till>,
    partner_order_id: String,
) -> Result<FinalizedOrder> {
    finalize::resend_order(&till, &partner_order_id).await
}

/// One page of history; pass the previous page's `next` for the following one. Runs
/// off the main thread, so the window stays responsive while it reads.
#[tauri::command]
pub async fn search_history<R: Runtime>(
    app: AppHandle<R>,
    filter: HistoryFilter,
    after: Option<Cursor>,
) -> Result<HistoryPage> {
    let query = filter.to_query()?;
    off_main_thread(move || {
        let till = app.state::<Till>();
        let journal = till.journal();
        let page = journal.search(&query, after)?;
        let unresolved_count = journal.count_unresolved()?;
        Ok(HistoryPage {
            items: page.items,
            next: page.next,
            unresolved_count,
            newest_only: page.newest_only,
        })
    })
    .await
}

/// Everything the journal keeps of one order, with its attempts; the IBAN masked.
#[tauri::command]
pub fn order_detail(till: State<'_, Till>, partner_order_id: String) -> Result<OrderDetail> {
    till.order_detail(&partner_order_id)
}

/// Counts and sums per state of the filtered orders, on a reading connection of its
/// own: a long sum never holds up the list or an order being journaled.
#[tauri::command]
pub async fn history_totals<R: Runtime>(
    app: AppHandle<R>,
    filter: HistoryFilter,
) -> Result<Totals> {
    let query = filter.to_query()?;
    off_main_thread(move || {
        app.state::<Till>().with_totals_reader(|journal| Ok(journal.totals(&query)?))
    })
    .await
}

/// Runs a journal read on the blocking pool.
async fn off_main_thread<T: Send + 'static>(
    read: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tauri::async_runtime::spawn_blocking(read)
        .await
        .map_err(|error| Error::Worker(error.to_string()))?
}

/// The receipt of a confirmed order; `copy` marks a reprint.
#[tauri::command]
pub fn receipt(till: State<'_, Till>, partner_order_id: String, copy: bool) -> Result<Receipt> {
    let detail = till.order_detail(&partner_order_id)?;
    let header = till.settings().receipt_header;
    receipt::for_order(&detail, header, copy, time::OffsetDateTime::now_utc())
}

/// Opens the system's print dialog for the page, whose print style shows the receipt
/// alone; "Save as PDF" is in the same dialog.
#[tauri::command]
pub fn print_receipt<R: Runtime>(webview: Webview<R>) -> Result<()> {
    webview.print().map_err(|error| Error::Receipt(format!("printing failed: {error}")))
}

/// Opens a confirmed order's tracking page in the default browser. The URL comes from
/// the journal, never from the page.
#[tauri::command]
pub fn open_tracking_url<R: Runtime>(
    app: AppHandle<R>,
    till: State<'_, Till>,
    partner_order_id: String,
) -> Result<()> {
    let url = till.tracking_url(&partner_order_id)?;
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|error| Error::Receipt(format!("the browser could not be opened: {error}")))
}

/// Puts a confirmed order's tracking URL on the clipboard.
#[tauri::command]
pub fn copy_tracking_url<R: Runtime>(
    app: AppHandle<R>,
    till: State<'_, Till>,
    partner_order_id: String,
) -> Result<()> {
    let url = till.tracking_url(&partner_order_id)?;
    app.clipboard()
        .write_text(url)
        .map_err(|error| Error::Receipt(format!("the clipboard is unavailable: {error}")))
}

/// Asks where to save, then writes the filtered history as CSV, reporting the rows written
/// on `progress`; `path` is `None` when staff closed the dialog.
#[tauri::command]
pub async fn export_history_csv<R: Runtime>(
    app: AppHandle<R>,
    till: State<'_, Till>,
    filter: HistoryFilter,
    progress: Channel<ExportProgress>,
) -> Result<ExportSummary> {
    let query = filter.to_query()?;
    let chosen = app
        .dialog()
        .file()
        .add_filter("CSV", &["csv"])
        .set_file_name("revendo-orders.csv")
        .blocking_save_file();
    let Some(path) = chosen.and_then(|path| path.into_path().ok()) else {
        return Ok(ExportSummary { rows: 0, path: None, cancelled: false });
    };

    let journal_path = till.data_dir.journal_path();
    let identity = till.journal().identity().clone();
    let cancel = till.export_cancel.clone();
    tauri::async_runtime::spawn_blocking(move || {
        // A page that went away no longer hears progress; the export still completes.
        export::write_csv(journal_path, identity, query, path, cancel, |rows| {
            let _ = progress.send(rows);
        })
    })
    .await
    .map_err(|error| Error::Export(format!("the export stopped: {error}")))?
}

/// Stops a running export; its partial file is removed.
#[tauri::command]
pub fn cancel_export(till: State<'_, Till>) {
    till.export_cancel.cancel();
}

/// Whether a key is stored; never the key.
#[tauri::command]
pub fn key_status(till: State<'_, Till>) -> KeyStatus {
    till.key_status()
}

/// Stores the API key in the keychain, replacing the stored one.
#[tauri::command]
pub fn set_api_key(till: State<'_, Till>, key: String) -> Result<KeyStatus> {
    till.key_entry()?.store(&key)?;
    tracing::info!(api_base = till.endpoints.api_base, "API key stored in the keychain");
    Ok(till.key_status())
}

/// Removes the API key from the keychain.
#[tauri::command]
pub fn delete_api_key(till: State<'_, Till>) -> Result<KeyStatus> {
    till.key_entry()?.delete()?;
    tracing::info!(api_base = till.endpoints.api_base, "API key deleted from the keychain");
    Ok(till.key_status())
}

/// The current settings.
#[tauri::command]
pub fn get_settings(till: State<'_, Till>) -> Settings {
    till.settings()
}

/// Checks and saves the settings; the environment takes effect at the next start.
#[tauri::command]
pub fn save_settings(till: State<'_, Till>, settings: Settings) -> Result<Settings> {
    till.save_settings(settings)
}

/// Records messages the page dropped because they did not come from Revendo's frame.
#[tauri::command]
pub fn report_dropped_messages(count: u32, last_origin: String) {
    let origin: String = last_origin.chars().take(120).collect();
    tracing::warn!(count, origin, "messages from outside Revendo's frame dropped");
}

/// Lays Revendo's own webview over the page's slot for it, or hides it (`None`) while
/// the slot is off screen. Only when the settings show Revendo in its own webview.
#[tauri::command]
pub fn place_revendo_view<R: Runtime>(app: AppHandle<R>, bounds: Option<ViewBounds>) -> Result<()> {
    revendo_view::place(&app, bounds)
}

/// Loads Revendo's page again in its own webview: for the next customer, or to retry.
#[tauri::command]
pub fn reload_revendo_view<R: Runtime>(app: AppHandle<R>, till: State<'_, Till>) -> Result<()> {
    revendo_view::reload(&app, &till.endpoints)
}

/// The one command of Revendo's own webview: a message its page posted. Checked as the
/// page checks the iframe's, then handed to the page; the capability that grants it
/// names that webview and the Revendo origin alone.
#[tauri::command]
pub fn revendo_view_event<R: Runtime>(
    app: AppHandle<R>,
    webview: Webview<R>,
    till: State<'_, Till>,
    message: Value,
) -> Result<()> {
    revendo_view::forward(&app, &webview, &till.endpoints, message)
}

#[cfg(test)]
mod tests;
