// The history screen's logic without the page: the filter Rust is asked with, the list
// grown page by page, which answer still counts, and the totals as staff read them.

import { formatChf } from "./money.js";

/**
 * @typedef {import('../../bindings/HistoryFilter').HistoryFilter} HistoryFilter
 * @typedef {import('../../bindings/HistoryPage').HistoryPage} HistoryPage
 * @typedef {import('../../bindings/OrderState').OrderState} OrderState
 * @typedef {import('../../bindings/OrderSummary').OrderSummary} OrderSummary
 * @typedef {import('../../bindings/Payout').Payout} Payout
 * @typedef {import('../../bindings/Cursor').Cursor} Cursor
 * @typedef {import('../../bindings/Totals').Totals} Totals
 * @typedef {import('./i18n.js').Translate} Translate
 */

/** In the order of an order's life. */
/** @type {readonly OrderState[]} */
export const ORDER_STATES = Object.freeze([
  "created",
  "in_flight",
  "confirmed",
  "rejected",
  "unresolved",
]);

/** The words staff read for each state. */
/** @type {Readonly<Record<OrderState, string>>} */
export const STATE_LABELS = Object.freeze({
  created: "status.created",
  in_flight: "status.sending",
  confirmed: "status.sent",
  rejected: "status.rejected",
  unresolved: "status.unresolved",
});

/** @type {readonly Payout[]} */
const PAYOUTS = Object.freeze(["cash", "voucher"]);

/** Quiet time after a keystroke before the search box asks Rust again. */
export const SEARCH_DEBOUNCE_MS = 150;

/**
 * @typedef {object} HistoryFields the filter form as typed
 * @property {string} text words: partner order id, Revendo's ids, device, customer
 * @property {string} state "" for all, else an OrderState
 * @property {string} payout "" for both, else a Payout
 * @property {string} operator "" for everyone
 * @property {string} from "YYYY-MM-DD" or ""
 * @property {string} to "YYYY-MM-DD" or ""
 */

/** @returns {HistoryFields} */
export function emptyFields() {
  return { text: "", state: "", payout: "", operator: "", from: "", to: "" };
}

/**
 * Only what the page can recognise passes; Rust checks the rest.
 *
 * @param {HistoryFields} fields
 * @returns {HistoryFilter}
 */
export function buildHistoryFilter(fields) {
  const state = ORDER_STATES.find((s) => s === fields.state);
  const operator = fields.operator.trim();
  return {
    text: fields.text.trim(),
    from: isDay(fields.from) ? fields.from : null,
    to: isDay(fields.to) ? fields.to : null,
    states: state ? [state] : [],
    payout: PAYOUTS.find((p) => p === fields.payout) ?? null,
    operator: operator === "" ? null : operator,
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
 * @typedef {object} HistoryList what the table shows
 * @property {OrderSummary[]} items newest first
 * @property {Cursor | null} next where "more" continues; null on the last page
 */

/** @returns {HistoryList} */
export function emptyList() {
  return { items: [], next: null };
}

/**
 * @param {HistoryList} list
 * @param {HistoryPage} page
 * @param {boolean} append "more" adds to the list; a new search replaces it
 * @returns {HistoryList}
 */
export function withPage(list, page, append) {
  return {
    items: append ? [...list.items, ...page.items] : page.items,
    next: page.next,
  };
}

/**
 * Answers can overtake each other (a slow search, then a fast one): each request takes a
 * ticket, and only the latest ticket's answer is shown. A new search also voids a "more"
 * still on its way, whose page belongs to the old list.
 */
export function createTickets() {
  let latest = 0;
  return {
    /** @returns {number} */
    take() {
      latest += 1;
      return latest;
    },
    /** @param {number} ticket */
    isLatest(ticket) {
      return ticket === latest;
    },
  };
}

/**
 * Searches once at the first keystroke after a pause, then waits for a quiet spell: a
 * single letter answers at once, fast typing asks Rust only when the staff stop.
 *
 * @param {(startedAt: number) => void} run called with the time of the keystroke it
 *   answers
 * @param {object} [clock] for tests
 * @param {() => number} [clock.now]
 * @param {(callback: () => void, ms: number) => unknown} [clock.setTimeout]
 * @param {(timer: unknown) => void} [clock.clearTimeout]
 * @param {number} [quietMs]
 * @returns {(keystrokeAt: number) => void}
 */
export function searchAsTyped(run, clock = {}, quietMs = SEARCH_DEBOUNCE_MS) {
  const now = clock.now ?? (() => performance.now());
  const later = clock.setTimeout ?? ((callback, ms) => setTimeout(callback, ms));
  const cancel =
    clock.clearTimeout ??
    ((timer) => clearTimeout(/** @type {ReturnType<typeof setTimeout>} */ (timer)));
  /** @type {unknown} */
  let timer = null;
  let lastKeystroke = -Infinity;

  return (keystrokeAt) => {
    const paused = now() - lastKeystroke >= quietMs;
    lastKeystroke = now();
    if (timer !== null) cancel(timer);
    timer = null;

    if (paused) {
      run(keystrokeAt);
      return;
    }
    timer = later(() => {
      timer = null;
      run(keystrokeAt);
    }, quietMs);
  };
}

/**
 * @typedef {object} TotalsLine
 * @property {OrderState | "all"} state
 * @property {string} label
 * @property {string} text count and sums, e.g. "3 orders · cash CHF 450.00 · …"
 */

/**
 * The selection's figures: all together first, then each state that has orders.
 *
 * @param {Totals} totals
 * @param {Translate} t
 * @returns {TotalsLine[]}
 */
export function totalsLines(totals, t) {
  /** @param {{ count: number, cash: number, voucher: number, paidOut: number }} sums */
  const text = (sums) =>
    t("history.totals", {
      orders: sums.count,
      cash: formatChf(sums.cash),
      voucher: formatChf(sums.voucher),
      paidOut: formatChf(sums.paidOut),
    });

  /** @type {TotalsLine[]} */
  const lines = [{ state: "all", label: t("history.totals_all"), text: text(totals.all) }];
  for (const entry of totals.byState) {
    if (entry.count === 0) continue;
    lines.push({ state: entry.state, label: t(STATE_LABELS[entry.state]), text: text(entry) });
  }
  return lines;
}

/**
 * @param {OrderSummary} order
 * @returns {number} the amount of the payout the customer chose
 */
export function chosenAmount(order) {
  return order.payout === "voucher" ? order.voucher : order.cash;
}

/**
 * @param {Date} now
 * @returns {string} today as "YYYY-MM-DD" in local time
 */
export function localDay(now) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The lead's benchmark reads these: milliseconds from a keystroke to the rendered list,
 * and from a "more" click to the appended page.
 *
 * @typedef {{ search: number[], page: number[] }} TillTimings
 */

/**
 * @param {object} global the window
 * @returns {TillTimings}
 */
export function timings(global) {
  const holder = /** @type {{ __tillTimings?: TillTimings }} */ (global);
  holder.__tillTimings ??= { search: [], page: [] };
  return holder.__tillTimings;
}
