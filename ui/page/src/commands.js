// The Rust commands the page calls, one typed function each. Every rejection becomes an
// AppError (see errors.js), so callers branch on `code` and nothing else.

import { toAppError } from "./errors.js";

/**
 * @typedef {import('../../bindings/AppInfo').AppInfo} AppInfo
 * @typedef {import('../../bindings/QuoteView').QuoteView} QuoteView
 * @typedef {import('../../bindings/Payout').Payout} Payout
 * @typedef {import('../../bindings/CustomerInput').CustomerInput} CustomerInput
 * @typedef {import('../../bindings/FieldError').FieldError} FieldError
 * @typedef {import('../../bindings/FinalizedOrder').FinalizedOrder} FinalizedOrder
 * @typedef {import('../../bindings/KeyStatus').KeyStatus} KeyStatus
 * @typedef {import('../../bindings/Settings').Settings} Settings
 * @typedef {import('../../bindings/HistoryFilter').HistoryFilter} HistoryFilter
 * @typedef {import('../../bindings/HistoryPage').HistoryPage} HistoryPage
 * @typedef {import('../../bindings/Cursor').Cursor} Cursor
 * @typedef {import('../../bindings/OrderDetail').OrderDetail} OrderDetail
 * @typedef {import('../../bindings/Totals').Totals} Totals
 * @typedef {import('../../bindings/Receipt').Receipt} Receipt
 * @typedef {import('../../bindings/ExportSummary').ExportSummary} ExportSummary
 * @typedef {import('../../bindings/ViewBounds').ViewBounds} ViewBounds
 */

/**
 * @typedef {object} TauriChannel a stream of messages from one command
 * @property {(message: unknown) => void} onmessage
 */

/**
 * @typedef {object} TauriGlobal the part of `window.__TAURI__` the page uses
 * @property {{ invoke: (command: string, args?: Record<string, unknown>)
 *   => Promise<unknown>, Channel: new () => TauriChannel }} core
 * @property {{ listen: (event: string, handler: (event: { payload: unknown }) => void)
 *   => Promise<() => void> }} [event]
 */

/** @returns {TauriGlobal | null} */
export function tauri() {
  const global = /** @type {{ __TAURI__?: TauriGlobal }} */ (/** @type {unknown} */ (window));
  return global.__TAURI__ ?? null;
}

/**
 * @template T
 * @param {string} command
 * @param {Record<string, unknown>} [args]
 * @returns {Promise<T>}
 */
async function call(command, args) {
  const bridge = tauri();
  if (!bridge) throw toAppError(new Error("the Tauri bridge is missing"));

  try {
    return /** @type {T} */ (await bridge.core.invoke(command, args));
  } catch (rejection) {
    throw toAppError(rejection);
  }
}

/** @returns {Promise<AppInfo>} */
export const appInfo = () => call("app_info");

/**
 * @param {Record<string, unknown>} event raw data of a revendo_device_selected message
 * @returns {Promise<QuoteView>}
 */
export const captureQuote = (event) => call("capture_quote", { event });

/**
 * @param {Record<string, unknown>} event raw data of a revendo_cart_updated message
 * @returns {Promise<QuoteView | null>} null when the cart is about another quote
 */
export const updateCart = (event) => call("update_cart", { event });

/**
 * @param {Payout} payout
 * @returns {Promise<QuoteView>}
 */
export const setPayout = (payout) => call("set_payout", { payout });

/**
 * @param {string | null} priceId null forgets whatever quote is current
 * @returns {Promise<null>}
 */
export const forgetQuote = (priceId) => call("forget_quote", { priceId });

/**
 * @param {CustomerInput} customer
 * @returns {Promise<FieldError[]>} empty when valid
 */
export const validateCustomer = (customer) => call("validate_customer", { customer });

/**
 * @param {CustomerInput} customer
 * @returns {Promise<FinalizedOrder>}
 */
export const finalizeOrder = (customer) => call("finalize_order", { customer });

/**
 * @param {string} key
 * @returns {Promise<KeyStatus>}
 */
export const setApiKey = (key) => call("set_api_key", { key });

/** @returns {Promise<KeyStatus>} */
export const deleteApiKey = () => call("delete_api_key");

/** @returns {Promise<KeyStatus>} */
export const keyStatus = () => call("key_status");

/** @returns {Promise<Settings>} */
export const getSettings = () => call("get_settings");

/**
 * @param {Settings} settings
 * @returns {Promise<Settings>}
 */
export const saveSettings = (settings) => call("save_settings", { settings });

/**
 * @param {HistoryFilter} filter
 * @param {Cursor | null} after the previous page's `next`, null for the first page
 * @returns {Promise<HistoryPage>}
 */
export const searchHistory = (filter, after) => call("search_history", { filter, after });

/**
 * @param {string} partnerOrderId
 * @returns {Promise<OrderDetail>}
 */
export const orderDetail = (partnerOrderId) => call("order_detail", { partnerOrderId });

/**
 * @param {string} partnerOrderId
 * @returns {Promise<FinalizedOrder>}
 */
export const resendOrder = (partnerOrderId) => call("resend_order", { partnerOrderId });

/**
 * @param {HistoryFilter} filter
 * @returns {Promise<Totals>}
 */
export const historyTotals = (filter) => call("history_totals", { filter });

/**
 * The receipt of a confirmed order; `copy` marks a reprint.
 *
 * @param {string} partnerOrderId
 * @param {boolean} copy
 * @returns {Promise<Receipt>}
 */
export const receipt = (partnerOrderId, copy) => call("receipt", { partnerOrderId, copy });

/**
 * Rust opens the window's print dialog; the print stylesheet leaves only the receipt.
 *
 * @returns {Promise<null>}
 */
export const printReceipt = () => call("print_receipt");

/**
 * Rust opens the order's tracking page in the default browser.
 *
 * @param {string} partnerOrderId
 * @returns {Promise<null>}
 */
export const openTrackingUrl = (partnerOrderId) => call("open_tracking_url", { partnerOrderId });

/**
 * Rust puts the order's tracking URL on the clipboard.
 *
 * @param {string} partnerOrderId
 * @returns {Promise<null>}
 */
export const copyTrackingUrl = (partnerOrderId) => call("copy_tracking_url", { partnerOrderId });

/**
 * Rust asks where to save, then writes the filtered orders, telling `onProgress` how many
 * rows are written so far; the answer is the end of the export.
 *
 * @param {HistoryFilter} filter
 * @param {(progress: unknown) => void} onProgress hears each `ExportProgress`
 * @returns {Promise<ExportSummary>} rows written, the file (null when staff closed the
 *   dialog or cancelled), whether it was cancelled
 */
export function exportHistoryCsv(filter, onProgress) {
  const Channel = tauri()?.core.Channel;
  // Without the bridge there is no channel either, and `call` rejects as for any command.
  const progress = Channel ? new Channel() : null;
  if (progress) progress.onmessage = onProgress;
  return call("export_history_csv", { filter, progress });
}

/** @returns {Promise<null>} */
export const cancelExport = () => call("cancel_export");

/**
 * Listens to an event Rust emits; null when the bridge has no event API.
 *
 * @param {string} event
 * @param {(payload: unknown) => void} handler
 * @returns {Promise<(() => void) | null>} the unlisten function
 */
export async function listen(event, handler) {
  const events = tauri()?.event;
  if (!events) return null;
  return events.listen(event, (message) => handler(message.payload));
}

/**
 * Dropped iframe messages, reported in batches for Rust's log.
 *
 * @param {number} count
 * @param {string} lastOrigin
 * @returns {Promise<null>}
 */
export const reportDroppedMessages = (count, lastOrigin) =>
  call("report_dropped_messages", { count, lastOrigin });

/**
 * The quote Rust still holds, so a reloaded page shows it again.
 *
 * @returns {Promise<QuoteView | null>}
 */
export const currentQuote = () => call("current_quote");

/**
 * Lays Revendo's own webview over the slot (window coordinates, CSS pixels), or hides
 * it. Only in the "webview" display.
 *
 * @param {ViewBounds | null} bounds
 * @returns {Promise<null>}
 */
export const placeRevendoView = (bounds) => call("place_revendo_view", { bounds });

/**
 * Loads Revendo's page again in its own webview.
 *
 * @returns {Promise<null>}
 */
export const reloadRevendoView = () => call("reload_revendo_view");
