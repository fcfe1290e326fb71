// What a receipt says, line by line, worked out from Rust's `Receipt` without touching
// the page: the view lays these lines out for the 80 mm roll or for A4.

import { formatChf } from "./money.js";

/**
 * @typedef {import('../../bindings/Payout').Payout} Payout
 * @typedef {import('../../bindings/Receipt').Receipt} Receipt a confirmed order's receipt
 * @typedef {import('./i18n.js').Translate} Translate
 */

/** @typedef {"roll" | "a4"} ReceiptLayout */

/** @type {readonly ReceiptLayout[]} */
export const RECEIPT_LAYOUTS = Object.freeze(["roll", "a4"]);

/** The only image the receipt shows is Rust's QR code; nothing else may pass as one. */
const QR_PREFIX = "data:image/svg+xml;base64,";

/**
 * @typedef {object} ReceiptFact
 * @property {string} name stable name, for the markup's data-test
 * @property {string} label
 * @property {string} value
 */

/**
 * @typedef {object} ReceiptText
 * @property {string[]} header
 * @property {string | null} copyMarker "COPY – reprinted …" on a reprint
 * @property {ReceiptFact[]} facts
 * @property {string} trackingUrl
 * @property {string | null} qrDataUrl null when it is not Rust's SVG data URL
 * @property {string} followLine tells the customer where to follow the shipment
 */

/**
 * @param {Receipt} receipt
 * @param {Translate} t
 * @param {string} language
 * @returns {ReceiptText}
 */
export function receiptText(receipt, t, language) {
  const time = (/** @type {string} */ at) => formatSwissTime(at, language);

  /** @type {ReceiptFact[]} */
  const facts = [
    { name: "date", label: t("receipt.date"), value: time(receipt.confirmedAt) },
    { name: "till", label: t("receipt.till"), value: `${receipt.storeId} / ${receipt.tillId}` },
    { name: "operator", label: t("receipt.operator"), value: receipt.operator || "–" },
    { name: "device", label: t("receipt.device"), value: receipt.productName },
    { name: "payout", label: t("receipt.payout"), value: payoutName(receipt.payout, t) },
    {
      name: "amount",
      label: t("receipt.amount"),
      value: formatAmount(receipt.amount, receipt.currency),
    },
    { name: "order-id", label: t("receipt.order_id"), value: receipt.orderId },
  ];
  if (receipt.webId) {
    facts.push({ name: "web-id", label: t("receipt.web_id"), value: receipt.webId });
  }
  facts.push({
    name: "partner-order-id",
    label: t("receipt.partner_order_id"),
    value: receipt.partnerOrderId,
  });

  return {
    header: receipt.header,
    copyMarker: receipt.copy ? t("receipt.copy_marker", { time: time(receipt.printedAt) }) : null,
    facts,
    trackingUrl: receipt.trackingUrl,
    qrDataUrl: receipt.qrDataUrl.startsWith(QR_PREFIX) ? receipt.qrDataUrl : null,
    followLine: t("receipt.follow"),
  };
}

/**
 * @param {Payout} payout
 * @param {Translate} t
 * @returns {string} "Cash" or "Voucher" in the staff's language
 */
export function payoutName(payout, t) {
  return t(payout === "voucher" ? "payout.voucher" : "payout.cash");
}

/**
 * @param {number} rappen
 * @param {string} currency Revendo pays in CHF; another currency is named as it came
 * @returns {string} e.g. "CHF 1'237.00"
 */
export function formatAmount(rappen, currency) {
  const chf = formatChf(rappen);
  if (!currency || currency === "CHF") return chf;
  return `${currency}${chf.slice(3)}`;
}

/**
 * Date and time as the store's clock shows them, whatever zone the computer is set to.
 *
 * @param {string} timestamp RFC 3339
 * @param {string} language
 * @returns {string} e.g. "03.12.2026, 14:19", or the raw text if unreadable
 */
export function formatSwissTime(timestamp, language) {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return timestamp;
  return swissClock(language).format(ms);
}

/** One formatter per language: building one costs more than formatting a page of rows. */
const swissClocks = new Map();

/**
 * @param {string} language
 * @returns {Intl.DateTimeFormat}
 */
function swissClock(language) {
  let clock = swissClocks.get(language);
  if (!clock) {
    clock = new Intl.DateTimeFormat(`${language}-CH`, {
      dateStyle: "short",
      timeStyle: "short",
      timeZone: "Europe/Zurich",
    });
    swissClocks.set(language, clock);
  }
  return clock;
}

/**
 * @param {string} value
 * @returns {ReceiptLayout}
 */
export function asLayout(value) {
  return RECEIPT_LAYOUTS.find((layout) => layout === value) ?? "roll";
}
