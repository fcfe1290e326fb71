// The Rust commands the page calls, one typed function each. Every rejection becomes an
// AppError (see errors.js), so callers branch on `code` and nothing else.

import { toAppError } from "./errors.js";

/**
 * @typedef {import('../bindings/AppInfo').AppInfo} AppInfo
 * @typedef {import('../bindings/Quote').Quote} Quote
 * @typedef {import('../bindings/Payout').Payout} Payout
 * @typedef {import('../bindings/CustomerInput').CustomerInput} CustomerInput
 * @typedef {import('../bindings/FieldError').FieldError} FieldError
 * @typedef {import('../bindings/FinalizedOrder').FinalizedOrder} FinalizedOrder
 * @typedef {import('../bindings/KeyStatus').KeyStatus} KeyStatus
 * @typedef {import('../bindings/Settings').Settings} Settings
 * @typedef {import('../bindings/HistoryQuery').HistoryQuery} HistoryQuery
 * @typedef {import('../bindings/HistoryPage').HistoryPage} HistoryPage
 * @typedef {import('../bindings/OrderDetail').OrderDetail} OrderDetail
 * @typedef {import('../bindings/HistoryTotals').HistoryTotals} HistoryTotals
 */

/**
 * @typedef {object} TauriGlobal the part of `window.__TAURI__` the page uses
 * @property {{ invoke: (command: string, args?: Record<string, unknown>)
 *   => Promise<unknown> }} core
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
 * @returns {Promise<Quote>}
 */
export const captureQuote = (event) => call("capture_quote", { event });

/**
 * @param {Record<string, unknown>} event raw data of a revendo_cart_updated message
 * @returns {Promise<Quote | null>} null when the cart is about another quote
 */
export const updateCart = (event) => call("update_cart", { event });

/**
 * @param {Payout} payout
 * @returns {Promise<Quote>}
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
 * @param {HistoryQuery} query
 * @returns {Promise<HistoryPage>}
 */
export const searchHistory = (query) => call("search_history", { query });

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
 * @param {string} from "YYYY-MM-DD"
 * @param {string} to "YYYY-MM-DD", inclusive
 * @returns {Promise<HistoryTotals>}
 */
export const historyTotals = (from, to) => call("history_totals", { from, to });

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
 * @returns {Promise<Quote | null>}
 */
export const currentQuote = () => call("current_quote");
