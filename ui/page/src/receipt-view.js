// The receipt screen: Rust's receipt of a confirmed order laid out for the 80 mm roll or
// for A4, and printed alone through the window's print dialog.

import * as commands from "./commands.js";
import { describeError, toAppError } from "./errors.js";
import { asLayout, RECEIPT_LAYOUTS, receiptText } from "./receipt-format.js";
import { buttonByTest, byTest, make, show } from "./dom.js";

/**
 * @typedef {import('./context.js').TillContext} TillContext
 * @typedef {import('../../bindings/Receipt').Receipt} Receipt
 * @typedef {import('./receipt-format.js').ReceiptLayout} ReceiptLayout
 */

const LAYOUT_STORAGE_KEY = "till.receiptLayout";

/**
 * @param {Pick<TillContext, "t" | "language"> & { training: () => boolean }} context
 *   `training` marks receipts of the simulation as not real
 * @returns {{
 *   open: (partnerOrderId: string, copy: boolean) => void,
 *   close: () => void,
 *   render: () => void,
 * }}
 */
export function mountReceipt(context) {
  const { t } = context;
  const view = byTest("receipt-view");
  const paper = byTest("receipt-paper");
  const status = byTest("receipt-status");
  /** @type {Receipt | null} */
  let receipt = null;
  let layout = asLayout(readStoredLayout());
  // Only the last opened receipt may fill the paper.
  let ticket = 0;

  /**
   * @param {string} partnerOrderId
   * @param {boolean} copy
   */
  async function open(partnerOrderId, copy) {
    const mine = ++ticket;
    receipt = null;
    status.textContent = t("receipt.loading");
    show(view, true);
    document.documentElement.classList.add("receipt-open");
    render();
    buttonByTest("receipt-close").focus();

    try {
      const answer = await commands.receipt(partnerOrderId, copy);
      if (mine !== ticket) return;
      receipt = answer;
      status.textContent = "";
    } catch (rejection) {
      if (mine !== ticket) return;
      const notice = describeError(toAppError(rejection));
      status.textContent = [t(notice.key), notice.detail].filter(Boolean).join(" ");
    }
    render();
  }

  function close() {
    ticket += 1;
    receipt = null;
    show(view, false);
    document.documentElement.classList.remove("receipt-open");
  }

  /** @param {ReceiptLayout} next */
  function chooseLayout(next) {
    layout = next;
    try {
      localStorage.setItem(LAYOUT_STORAGE_KEY, next);
    } catch {
      // A webview without storage simply forgets the choice at the next start.
    }
    render();
  }

  async function print() {
    if (!receipt) return;
    try {
      await commands.printReceipt();
    } catch (rejection) {
      // A shell without the command still has the webview's own dialog.
      if (toAppError(rejection).code !== "unavailable") throw rejection;
      window.print();
    }
  }

  function render() {
    paper.className = `receipt layout-${layout}`;
    for (const name of RECEIPT_LAYOUTS) {
      byTest(`receipt-layout-${name}`).setAttribute("aria-pressed", String(name === layout));
    }
    buttonByTest("receipt-print").disabled = receipt === null;
    show(status, status.textContent !== "");
    paper.replaceChildren();
    show(paper, receipt !== null);
    applyPrintLayout(layout);
    if (!receipt) return;
    if (context.training()) {
      const marker = make("p", { text: t("training.banner"), className: "receipt-copy" });
      marker.dataset.test = "receipt-training";
      paper.append(marker);
    }
    fillPaper(paper, receiptText(receipt, t, context.language()));
  }

  for (const name of RECEIPT_LAYOUTS) {
    byTest(`receipt-layout-${name}`).addEventListener("click", () => chooseLayout(name));
  }
  byTest("receipt-print").addEventListener("click", () => {
    print().catch((rejection) => {
      const notice = describeError(toAppError(rejection));
      status.textContent = [t(notice.key), notice.detail].filter(Boolean).join(" ");
      render();
    });
  });
  byTest("receipt-close").addEventListener("click", close);
  view.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close();
  });

  return { open, close, render };
}

/**
 * Chooses the page size of the print: the one print stylesheet of the layout applies.
 *
 * @param {ReceiptLayout} layout
 */
function applyPrintLayout(layout) {
  for (const name of RECEIPT_LAYOUTS) {
    const link = document.querySelector(`link[data-print-layout="${name}"]`);
    if (link instanceof HTMLLinkElement) link.media = name === layout ? "print" : "not all";
  }
  document.documentElement.dataset.printLayout = layout;
}

/**
 * Every text is set as text: the device name and the header come from Revendo and from
 * the settings.
 *
 * @param {HTMLElement} paper
 * @param {import('./receipt-format.js').ReceiptText} text
 */
function fillPaper(paper, text) {
  const header = make("header", { className: "receipt-header" });
  for (const line of text.header) {
    header.append(make("p", { text: line, test: "receipt-header-line" }));
  }
  paper.append(header);

  if (text.copyMarker) {
    const marker = make("p", { text: text.copyMarker, className: "receipt-copy" });
    marker.dataset.test = "receipt-copy";
    paper.append(marker);
  }

  const facts = make("dl", { className: "receipt-facts" });
  for (const fact of text.facts) {
    facts.append(
      make("dt", { text: fact.label }),
      make("dd", { text: fact.value, test: `receipt-${fact.name}` }),
    );
  }
  paper.append(facts);

  const tracking = make("section", { className: "receipt-tracking" });
  if (text.qrDataUrl) {
    const qr = make("img", { className: "receipt-qr", test: "receipt-qr" });
    qr.src = text.qrDataUrl;
    qr.alt = text.trackingUrl;
    tracking.append(qr);
  }
  tracking.append(
    make("p", { text: text.followLine, className: "receipt-follow" }),
    make("p", { text: text.trackingUrl, className: "receipt-url", test: "receipt-tracking-url" }),
  );
  paper.append(tracking);
}

/** @returns {string} */
function readStoredLayout() {
  try {
    return localStorage.getItem(LAYOUT_STORAGE_KEY) ?? "";
  } catch {
    return "";
  }
}
