// What the history screen asks Rust for, built from its filter fields.

/**
 * @typedef {import('../bindings/HistoryQuery').HistoryQuery} HistoryQuery
 * @typedef {import('../bindings/OrderStatus').OrderStatus} OrderStatus
 */

/** @type {readonly OrderStatus[]} */
export const ORDER_STATUSES = Object.freeze(["sending", "sent", "unresolved", "rejected"]);

export const PAGE_SIZE = 50;

/**
 * @typedef {object} HistoryFilters as typed on the screen
 * @property {string} text partner order id, Revendo order id or device
 * @property {string} status "" for all
 * @property {string} from "YYYY-MM-DD" or ""
 * @property {string} to "YYYY-MM-DD" or ""
 */

/** @returns {HistoryFilters} */
export function emptyFilters() {
  return { text: "", status: "", from: "", to: "" };
}

/**
 * @param {HistoryFilters} filters
 * @param {string | null} cursor null for the first page
 * @returns {HistoryQuery}
 */
export function buildHistoryQuery(filters, cursor) {
  return {
    text: filters.text.trim(),
    status: ORDER_STATUSES.find((s) => s === filters.status) ?? null,
    from: isDay(filters.from) ? filters.from : null,
    to: isDay(filters.to) ? filters.to : null,
    cursor,
    limit: PAGE_SIZE,
  };
}

/**
 * @param {string} text
 * @returns {boolean}
 */
function isDay(text) {
  return /^\d{4}-\d{2}-\d{2}$/.test(text);
}

/**
 * @param {string} timestamp RFC 3339
 * @param {string} language
 * @returns {string} local date and time as staff read it, or the raw text if unreadable
 */
export function formatTimestamp(timestamp, language) {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return timestamp;
  return new Intl.DateTimeFormat(`${language}-CH`, {
    dateStyle: "short",
    timeStyle: "short",
  }).format(ms);
}

/**
 * @param {Date} now
 * @returns {string} today as "YYYY-MM-DD" in local time, for the day's totals
 */
export function localDay(now) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
