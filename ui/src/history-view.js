// The history screen: every order this till journaled, searchable offline, with the
// unresolved ones counted and resendable. Resending is safe because Rust reuses the
// partner order id, which Revendo treats as the idempotency key.

import * as commands from "./commands.js";
import { describeError, toAppError } from "./errors.js";
import { buildHistoryQuery, formatTimestamp, localDay } from "./history-query.js";
import { formatChf } from "./money.js";
import { buttonByTest, byTest, make, show } from "./dom.js";

/**
 * @typedef {import('./context.js').TillContext} TillContext
 * @typedef {import('./history-query.js').HistoryFilters} HistoryFilters
 * @typedef {import('../bindings/OrderRow').OrderRow} OrderRow
 * @typedef {import('../bindings/OrderDetail').OrderDetail} OrderDetail
 */

/**
 * @param {TillContext} context
 * @returns {{ open: () => void, render: () => void }}
 */
export function mountHistory(context) {
  const { t } = context;
  const form = /** @type {HTMLFormElement} */ (byTest("history-filters"));
  /** @type {OrderRow[]} */
  let rows = [];
  /** @type {string | null} */
  let nextCursor = null;
  /** @type {OrderDetail | null} */
  let detail = null;

  /** @returns {HistoryFilters} */
  function readFilters() {
    const data = new FormData(form);
    const read = (/** @type {string} */ name) => String(data.get(name) ?? "");
    return { text: read("text"), status: read("status"), from: read("from"), to: read("to") };
  }

  /** @param {boolean} more append the next page instead of starting over */
  async function search(more) {
    try {
      const query = buildHistoryQuery(readFilters(), more ? nextCursor : null);
      const page = await commands.searchHistory(query);
      rows = more ? [...rows, ...page.rows] : page.rows;
      nextCursor = page.nextCursor;
      byTest("history-unresolved-count").textContent = String(page.unresolvedCount);
      show(byTest("history-unavailable"), false);
    } catch (rejection) {
      rows = [];
      nextCursor = null;
      byTest("history-unavailable-detail").textContent = toAppError(rejection).message;
      show(byTest("history-unavailable"), true);
    }
    renderRows();
    if (byTest("history-unavailable").hidden) loadTotals();
    else show(byTest("history-totals"), false);
  }

  /** The day's figures, or those of the filtered period; hidden when Rust has none. */
  async function loadTotals() {
    const filters = readFilters();
    const today = localDay(new Date());
    const totals = byTest("history-totals");
    try {
      const sums = await commands.historyTotals(filters.from || today, filters.to || today);
      totals.textContent = t("history.totals", {
        orders: sums.orders,
        cash: formatChf(sums.cash),
        voucher: formatChf(sums.voucher),
      });
      show(totals, true);
    } catch {
      show(totals, false);
    }
  }

  function renderRows() {
    const body = byTest("history-rows");
    body.replaceChildren(...rows.map((row) => rowElement(row)));
    const unavailable = !byTest("history-unavailable").hidden;
    show(byTest("history-table"), !unavailable);
    show(byTest("history-empty"), rows.length === 0 && !unavailable);
    show(byTest("history-more"), nextCursor !== null);
  }

  /** @param {OrderRow} row */
  function rowElement(row) {
    const tr = make("tr", { test: "history-row", className: `status-${row.status}` });
    tr.dataset.partnerOrderId = row.partnerOrderId;
    tr.classList.toggle("selected", detail?.row.partnerOrderId === row.partnerOrderId);

    const open = make("button", {
      text: row.partnerOrderId,
      className: "link",
      test: "history-row-open",
    });
    open.type = "button";
    open.addEventListener("click", () => openDetail(row.partnerOrderId));

    const orderCell = make("td");
    orderCell.append(open, make("span", { text: row.revendoOrderId ?? "", className: "sub" }));
    const amountCell = make("td", { className: "num" });
    amountCell.append(
      make("span", { text: formatChf(row.amount) }),
      make("span", { text: t(`payout.${row.payout}`), className: "sub" }),
    );
    tr.append(
      make("td", { text: formatTimestamp(row.createdAt, context.language()), className: "nowrap" }),
      orderCell,
      make("td", { text: row.productName }),
      amountCell,
      make("td", { text: t(`status.${row.status}`), className: "status" }),
      make("td", { text: row.operator }),
    );
    return tr;
  }

  /** @param {string} partnerOrderId */
  async function openDetail(partnerOrderId) {
    byTest("history-resend-status").textContent = "";
    try {
      detail = await commands.orderDetail(partnerOrderId);
    } catch (rejection) {
      detail = null;
      byTest("history-resend-status").textContent = errorText(rejection);
    }
    renderDetail();
    renderRows();
  }

  function renderDetail() {
    const panel = byTest("history-detail");
    show(panel, detail !== null || byTest("history-resend-status").textContent !== "");
    const facts = byTest("history-detail-facts");
    const attempts = byTest("history-detail-attempts");
    facts.replaceChildren();
    attempts.replaceChildren();
    show(byTest("history-resend-box"), detail?.row.status === "unresolved");
    if (!detail) return;

    const { row } = detail;
    /** @type {[key: string, value: string, testName: string][]} */
    const lines = [
      ["history.partner_order_id", row.partnerOrderId, "partner-order-id"],
      ["history.revendo_order_id", row.revendoOrderId ?? "–", "revendo-order-id"],
      ["history.col_time", formatTimestamp(row.createdAt, context.language()), "time"],
      ["history.col_device", row.productName, "device"],
      ["history.col_amount", formatChf(row.amount), "amount"],
      ["done.payout", t(`payout.${row.payout}`), "payout"],
      ["history.col_status", t(`status.${row.status}`), "status"],
      ["history.customer", detail.customerName ?? t("history.customer_erased"), "customer"],
      ["history.till", `${row.operator} · ${detail.storeId} / ${detail.tillId}`, "till"],
      ["done.tracking_url", detail.trackingUrl ?? "–", "tracking-url"],
    ];
    for (const [key, value, name] of lines) {
      const test = `history-detail-${name}`;
      facts.append(make("dt", { text: t(key) }), make("dd", { text: value, test }));
    }
    for (const attempt of detail.attempts) {
      const when = formatTimestamp(attempt.at, context.language());
      const text = [when, attempt.outcome, attempt.message ?? ""].filter(Boolean).join(" · ");
      attempts.append(make("li", { text }));
    }
  }

  async function resend() {
    if (!detail) return;
    const button = buttonByTest("history-resend");
    const status = byTest("history-resend-status");
    button.disabled = true;
    status.textContent = t("history.resending");
    try {
      const order = await commands.resendOrder(detail.row.partnerOrderId);
      status.textContent = t("history.resent", { orderId: order.webId ?? order.revendoOrderId });
      await openDetail(order.partnerOrderId);
      status.textContent = t("history.resent", { orderId: order.webId ?? order.revendoOrderId });
      search(false);
      context.refreshInfo();
    } catch (rejection) {
      status.textContent = errorText(rejection);
    } finally {
      button.disabled = false;
    }
  }

  /** @param {unknown} rejection */
  function errorText(rejection) {
    const notice = describeError(toAppError(rejection));
    return [t(notice.key), notice.detail].filter(Boolean).join(" — ");
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(false);
  });
  // The reset event fires before the fields are cleared.
  form.addEventListener("reset", () => setTimeout(() => search(false)));
  byTest("history-more").addEventListener("click", () => search(true));
  byTest("history-show-unresolved").addEventListener("click", () => {
    const status = /** @type {HTMLSelectElement} */ (byTest("history-status"));
    status.value = "unresolved";
    search(false);
  });
  byTest("history-detail-close").addEventListener("click", () => {
    detail = null;
    byTest("history-resend-status").textContent = "";
    renderDetail();
    renderRows();
  });
  byTest("history-resend").addEventListener("click", resend);

  return {
    open() {
      // Until Rust answers, the count is the one app_info() gave at the last refresh.
      byTest("history-unresolved-count").textContent = String(context.info().unresolvedCount);
      search(false);
    },
    render() {
      renderRows();
      renderDetail();
    },
  };
}

