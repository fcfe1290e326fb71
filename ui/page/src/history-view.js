// The history screen: every order this till journaled, searchable offline as staff type,
// with the unresolved ones counted and resendable. Resending is safe because Rust reuses
// the partner order id, which Revendo treats as the idempotency key.

import * as commands from "./commands.js";
import { describeError, toAppError } from "./errors.js";
import { renderDetail } from "./history-detail.js";
import { mountExport } from "./history-export.js";
import {
  buildHistoryFilter,
  chosenAmount,
  createTickets,
  emptyFields,
  emptyList,
  localDay,
  searchAsTyped,
  STATE_LABELS,
  timings,
  totalsLines,
  withPage,
} from "./history-query.js";
import { formatSwissTime } from "./receipt-format.js";
import { formatChf } from "./money.js";
import { buttonByTest, byTest, make, show } from "./dom.js";

/** Quiet time after a search before its totals are asked for. */
const TOTALS_PAUSE_MS = 300;

/**
 * @typedef {import('./context.js').TillContext} TillContext
 * @typedef {import('./history-query.js').HistoryFields} HistoryFields
 * @typedef {import('./history-query.js').HistoryList} HistoryList
 * @typedef {import('../../bindings/HistoryFilter').HistoryFilter} HistoryFilter
 * @typedef {import('../../bindings/OrderSummary').OrderSummary} OrderSummary
 * @typedef {import('../../bindings/OrderDetail').OrderDetail} OrderDetail
 */

/**
 * @param {TillContext} context
 * @returns {{ open: () => void, render: () => void }}
 */
export function mountHistory(context) {
  const { t } = context;
  const form = /** @type {HTMLFormElement} */ (byTest("history-filters"));
  const measured = timings(window);
  const searches = createTickets();
  const details = createTickets();
  /** @type {HistoryList} */
  let list = emptyList();
  /** @type {OrderDetail | null} */
  let detail = null;
  /** @type {number | null} */
  let retentionDays = null;
  let unavailable = false;
  /** What the rows on screen show, see `listSignature`. */
  let shownSignature = "";
  /** @type {HistoryFilter} the filter of the list on screen */
  let listFilter = buildHistoryFilter(emptyFields());

  /** @returns {HistoryFilter} */
  function currentFilter() {
    const data = new FormData(form);
    const read = (/** @type {string} */ name) => String(data.get(name) ?? "");
    /** @type {HistoryFields} */
    const fields = {
      text: read("text"),
      state: read("state"),
      payout: read("payout"),
      operator: read("operator"),
      from: read("from"),
      to: read("to"),
    };
    return buildHistoryFilter(fields);
  }

  /**
   * @param {boolean} more append the next page instead of starting over
   * @param {{ startedAt: number, into: number[] } | null} timing what to measure
   */
  async function search(more, timing) {
    if (more && list.next === null) return;
    const ticket = searches.take();
    // "More" continues the list on screen, whatever has been typed since.
    const filter = more ? listFilter : currentFilter();
    let shownBefore = 0;

    try {
      const page = await commands.searchHistory(filter, more ? list.next : null);
      if (!searches.isLatest(ticket)) return;
      shownBefore = more ? list.items.length : 0;
      list = withPage(list, page, more);
      listFilter = filter;
      unavailable = false;
      renderUnresolved(page.unresolvedCount);
      show(byTest("history-newest-only"), page.newestOnly);
    } catch (rejection) {
      if (!searches.isLatest(ticket)) return;
      shownBefore = 0;
      list = emptyList();
      unavailable = true;
      show(byTest("history-newest-only"), false);
      byTest("history-unavailable-detail").textContent = errorText(rejection);
    }

    renderRows(shownBefore, true);
    if (timing) {
      // Reading a size makes the browser lay the new rows out now: the figure then
      // includes style and layout, as the list on screen needs them (paint excepted).
      void byTest("history-rows").offsetHeight;
      timing.into.push(performance.now() - timing.startedAt);
    }
    // Totals of a large selection take longer than its first page: they follow the
    // list once typing has paused, and never hold it up.
    if (!more) {
      setTimeout(() => {
        if (searches.isLatest(ticket)) loadTotals(filter, ticket);
      }, TOTALS_PAUSE_MS);
    }
  }

  /**
   * @param {HistoryFilter} filter
   * @param {number} ticket the search it belongs to
   */
  async function loadTotals(filter, ticket) {
    const box = byTest("history-totals");
    try {
      const totals = await commands.historyTotals(filter);
      if (!searches.isLatest(ticket)) return;
      box.replaceChildren(
        ...totalsLines(totals, t).map((line) => {
          const item = make("li", { className: `totals-${line.state}` });
          item.dataset.test = "history-totals-line";
          item.append(make("strong", { text: line.label }), make("span", { text: line.text }));
          return item;
        }),
      );
      show(box, true);
    } catch {
      if (searches.isLatest(ticket)) show(box, false);
    }
  }

  /** @param {number} count */
  function renderUnresolved(count) {
    byTest("history-unresolved-count").textContent = String(count);
    byTest("history-unresolved").classList.toggle("has-unresolved", count > 0);
  }

  /**
   * @param {number} [from] rows already on screen: "more" only adds the new page's rows,
   *   so paging stays as fast on the hundredth page as on the second
   * @param {boolean} [reuse] keep the rows on screen when they show the same orders in the
   *   same states (typing that does not change the result leaves the list alone)
   */
  function renderRows(from = 0, reuse = false) {
    const body = byTest("history-rows");
    const signature = listSignature(list.items);
    if (from > 0 && body.children.length === from) {
      body.append(...list.items.slice(from).map(rowElement));
    } else if (!reuse || signature !== shownSignature) {
      body.replaceChildren(...list.items.map(rowElement));
    }
    shownSignature = signature;
    show(byTest("history-unavailable"), unavailable);
    show(byTest("history-table"), !unavailable);
    show(byTest("history-empty"), list.items.length === 0 && !unavailable);
    show(byTest("history-more"), list.next !== null && !unavailable);
  }

  /**
   * @param {OrderSummary[]} items
   * @returns {string} which orders, in which state, a list shows
   */
  function listSignature(items) {
    return items.map((order) => `${order.id}:${order.state}`).join(" ");
  }

  /** @param {OrderSummary} order */
  function rowElement(order) {
    const row = make("tr", { test: "history-row", className: `state-${order.state}` });
    row.dataset.partnerOrderId = order.partnerOrderId;
    row.classList.toggle("selected", detail?.partnerOrderId === order.partnerOrderId);

    const open = make("button", {
      text: order.partnerOrderId,
      className: "link",
      test: "history-row-open",
    });
    open.type = "button";
    open.addEventListener("click", () => openDetail(order.partnerOrderId));

    const orderCell = make("td");
    const revendoId = order.webId ?? order.revendoOrderId ?? "";
    orderCell.append(open, make("span", { text: revendoId, className: "sub" }));
    const customerCell = make("td", { text: order.customerName ?? "–" });
    const amountCell = make("td", { className: "num" });
    amountCell.append(
      make("span", { text: formatChf(chosenAmount(order)) }),
      make("span", { text: t(`payout.${order.payout}`), className: "sub" }),
    );
    row.append(
      make("td", {
        text: formatSwissTime(order.createdAt, context.language()),
        className: "nowrap",
      }),
      orderCell,
      make("td", { text: order.deviceName }),
      customerCell,
      amountCell,
      make("td", { text: t(STATE_LABELS[order.state]), className: "status" }),
      make("td", { text: order.operator }),
    );
    return row;
  }

  /** @param {string} partnerOrderId */
  async function openDetail(partnerOrderId) {
    const ticket = details.take();
    setStatus("");
    try {
      const answer = await commands.orderDetail(partnerOrderId);
      if (!details.isLatest(ticket)) return;
      detail = answer;
    } catch (rejection) {
      if (!details.isLatest(ticket)) return;
      detail = null;
      setStatus(errorText(rejection));
    }
    showDetail();
    renderRows();
  }

  function showDetail() {
    const status = byTest("history-resend-status").textContent ?? "";
    const open = detail !== null || status !== "";
    show(byTest("history-detail"), open);
    byTest("history-body").classList.toggle("with-detail", open);
    renderDetail(detail, { t, language: context.language(), retentionDays });
  }

  /** @param {string} text */
  function setStatus(text) {
    byTest("history-resend-status").textContent = text;
  }

  async function resend() {
    if (!detail) return;
    const partnerOrderId = detail.partnerOrderId;
    const button = buttonByTest("history-resend");
    button.disabled = true;
    setStatus(t("history.resending"));
    /** @type {string} */
    let outcome;
    try {
      const order = await commands.resendOrder(partnerOrderId);
      outcome = t("history.resent", { orderId: order.webId ?? order.orderId });
    } catch (rejection) {
      outcome = errorText(rejection);
    } finally {
      button.disabled = false;
    }
    // Whatever the answer, the journal now holds the attempt: show the order as it is.
    await openDetail(partnerOrderId);
    setStatus(outcome);
    showDetail();
    search(false, null);
    context.refreshInfo();
  }

  /** @param {unknown} rejection */
  function errorText(rejection) {
    const notice = describeError(toAppError(rejection));
    return [t(notice.key), notice.detail].filter(Boolean).join(" — ");
  }

  function closeDetail() {
    details.take();
    detail = null;
    setStatus("");
    showDetail();
    renderRows();
  }

  /** @param {string} state "" for all */
  function filterByState(state) {
    const select = /** @type {HTMLSelectElement} */ (byTest("history-status"));
    select.value = state;
    search(false, null);
  }

  const typed = searchAsTyped((startedAt) => {
    search(false, { startedAt, into: measured.search });
  });
  byTest("history-search").addEventListener("input", () => typed(performance.now()));
  form.addEventListener("change", (event) => {
    if (event.target !== byTest("history-search")) search(false, null);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(false, null);
  });
  // The reset event fires before the fields are cleared.
  form.addEventListener("reset", () => setTimeout(() => search(false, null)));
  byTest("history-more").addEventListener("click", () => {
    search(true, { startedAt: performance.now(), into: measured.page });
  });
  byTest("history-today").addEventListener("click", () => {
    const today = localDay(new Date());
    for (const name of ["history-from", "history-to"]) {
      /** @type {HTMLInputElement} */ (byTest(name)).value = today;
    }
    search(false, null);
  });
  byTest("history-show-unresolved").addEventListener("click", () => filterByState("unresolved"));
  byTest("history-detail-close").addEventListener("click", closeDetail);
  byTest("history-resend").addEventListener("click", resend);
  byTest("history-reprint").addEventListener("click", () => {
    if (detail) context.openReceipt(detail.partnerOrderId, true);
  });
  mountExport({ t, filter: currentFilter });

  return {
    open() {
      // Until Rust answers, the count is the one app_info() gave at the last refresh.
      renderUnresolved(context.info().unresolvedCount);
      commands
        .getSettings()
        .then((settings) => {
          retentionDays = settings.retentionDays;
        })
        .catch(() => {});
      search(false, null);
    },
    render() {
      renderRows();
      showDetail();
    },
  };
}
