// One order in full, as the history's side panel shows it: the customer (or what
// retention left of them), the amounts, Revendo's answer and every attempt. All of it
// comes from the journal and is set as text.

import { formatSwissTime } from "./receipt-format.js";
import { STATE_LABELS } from "./history-query.js";
import { formatChf } from "./money.js";
import { byTest, make, show } from "./dom.js";

/**
 * @typedef {import('../../bindings/OrderDetail').OrderDetail} OrderDetail
 * @typedef {import('../../bindings/AttemptRecord').AttemptRecord} AttemptRecord
 * @typedef {import('./i18n.js').Translate} Translate
 */

/**
 * @typedef {object} DetailContext
 * @property {Translate} t
 * @property {string} language
 * @property {number | null} retentionDays from the settings, for "removed after N days"
 */

/**
 * @param {OrderDetail | null} detail
 * @param {DetailContext} context
 */
export function renderDetail(detail, context) {
  const facts = byTest("history-detail-facts");
  const revendo = byTest("history-detail-revendo");
  const attempts = byTest("history-detail-attempts");
  facts.replaceChildren();
  revendo.replaceChildren();
  attempts.replaceChildren();
  show(byTest("history-resend-box"), detail?.state === "unresolved");
  show(byTest("history-reprint"), detail?.state === "confirmed");
  show(byTest("history-detail-revendo-box"), detail?.revendo != null);
  show(byTest("history-detail-attempts-box"), (detail?.attempts.length ?? 0) > 0);
  if (!detail) return;

  appendFacts(facts, orderFacts(detail, context), "history-detail");
  if (detail.revendo) {
    appendFacts(revendo, revendoFacts(detail.revendo, context), "history-revendo");
  }
  for (const attempt of detail.attempts) {
    attempts.append(make("li", { text: attemptText(attempt, context), test: "history-attempt" }));
  }
}

/**
 * @param {OrderDetail} detail
 * @param {DetailContext} context
 * @returns {[label: string, value: string, name: string][]}
 */
function orderFacts(detail, context) {
  const { t, language } = context;
  const chosen = detail.payout === "voucher" ? detail.voucher : detail.cash;
  /** @type {[string, string, string][]} */
  const lines = [
    [t("history.partner_order_id"), detail.partnerOrderId, "partner-order-id"],
    [
      t("history.revendo_order_id"),
      detail.webId ?? detail.revendoOrderId ?? "–",
      "revendo-order-id",
    ],
    [t("history.col_status"), t(STATE_LABELS[detail.state]), "status"],
    [t("history.col_time"), formatSwissTime(detail.createdAt, language), "time"],
    [t("history.col_device"), detail.deviceName, "device"],
    [t("done.payout"), t(`payout.${detail.payout}`), "payout"],
    [t("history.col_amount"), formatChf(chosen), "amount"],
    [t("history.amounts"), t("history.amounts_both", {
      cash: formatChf(detail.cash),
      voucher: formatChf(detail.voucher),
    }), "amounts"],
    [t("history.customer"), customerText(detail, context), "customer"],
  ];
  if (detail.ibanMasked) lines.push([t("field.iban"), detail.ibanMasked, "iban"]);
  lines.push([
    t("history.till"),
    `${detail.operator || "–"} · ${detail.storeId} / ${detail.tillId}`,
    "till",
  ]);
  if (detail.lastErrorCode) {
    const text = [detail.lastErrorCode, detail.lastErrorMessage].filter(Boolean).join(": ");
    lines.push([t("history.last_error"), text, "last-error"]);
  }
  return lines;
}

/**
 * The customer as retention left them; once purged, only when it happened.
 *
 * @param {OrderDetail} detail
 * @param {DetailContext} context
 * @returns {string}
 */
function customerText(detail, { t, retentionDays }) {
  const name = [detail.firstName, detail.lastName].filter(Boolean).join(" ") ||
    detail.customerName;
  if (detail.personalDataPurgedAt || !name) {
    return retentionDays === null
      ? t("history.customer_erased")
      : t("history.customer_erased_after", { days: retentionDays });
  }

  const address = detail.address
    ? `${detail.address.street}, ${detail.address.zip} ${detail.address.city}`
    : "";
  return [name, address, detail.email ?? "", detail.phone ?? ""].filter(Boolean).join(" · ");
}

/**
 * @param {import('../../bindings/RevendoOrder').RevendoOrder} order
 * @param {DetailContext} context
 * @returns {[label: string, value: string, name: string][]}
 */
function revendoFacts(order, { t, language }) {
  /** @type {[string, string, string][]} */
  const lines = [
    [t("receipt.order_id"), order.orderId, "order-id"],
    [t("receipt.web_id"), order.webId ?? "–", "web-id"],
    [t("history.revendo_status"), revendoStatusText(order.status, t), "status"],
  ];
  if (order.quoteAmount !== null) {
    lines.push([t("history.revendo_amount"), formatChf(order.quoteAmount), "amount"]);
  }
  if (order.createdAt) {
    lines.push([t("history.col_time"), formatSwissTime(order.createdAt, language), "time"]);
  }
  lines.push([t("done.tracking_url"), order.trackingUrl, "tracking-url"]);
  if (order.alreadyExisted) lines.push([t("history.note"), t("done.already_existed"), "existed"]);
  return lines;
}

/** Revendo's order statuses that the till can name; the documentation publishes one. */
const KNOWN_REVENDO_STATUSES = ["pending_device"];

/**
 * Revendo's status in the staff's words, with Revendo's own code for a call to its
 * support; a status the till does not know is shown as Revendo sent it.
 *
 * @param {string} status e.g. "pending_device"
 * @param {Translate} t
 * @returns {string}
 */
export function revendoStatusText(status, t) {
  if (!KNOWN_REVENDO_STATUSES.includes(status)) return status;
  return `${t(`revendo_status.${status}`)} (${status})`;
}

/**
 * @param {AttemptRecord} attempt
 * @param {DetailContext} context
 * @returns {string} e.g. "#2 · 03.12.26, 14:19 · HTTP 500 · server_error · 812 ms"
 */
export function attemptText(attempt, { t, language }) {
  return [
    `#${attempt.number}`,
    formatSwissTime(attempt.startedAt, language),
    attempt.httpStatus === null ? t("history.no_response") : `HTTP ${attempt.httpStatus}`,
    attempt.errorCode ?? (attempt.httpStatus !== null && attempt.httpStatus < 300 ? "ok" : ""),
    attempt.durationMs === null ? "" : `${attempt.durationMs} ms`,
  ]
    .filter(Boolean)
    .join(" · ");
}

/**
 * @param {HTMLElement} list a <dl>
 * @param {[label: string, value: string, name: string][]} lines
 * @param {string} prefix of each value's data-test
 */
function appendFacts(list, lines, prefix) {
  for (const [label, value, name] of lines) {
    const dd = make("dd", { text: value, test: `${prefix}-${name}` });
    list.append(make("dt", { text: label }), dd);
  }
}
