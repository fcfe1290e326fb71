// The finished order: what staff read out or note down, the customer's receipt and
// tracking page, and the way to the next customer.

import * as commands from "./commands.js";
import { formatChf } from "./money.js";
import { buttonByTest, byTest, show } from "./dom.js";

/**
 * @typedef {import('../../bindings/FinalizedOrder').FinalizedOrder} FinalizedOrder
 * @typedef {import('./i18n.js').Translate} Translate
 */

/**
 * @param {object} actions
 * @param {() => void} actions.newCustomer
 * @param {() => FinalizedOrder | null} actions.currentOrder
 * @param {(partnerOrderId: string) => void} actions.openReceipt
 * @param {Translate} actions.t the translator of the moment (the language can change)
 */
export function bindDoneView(actions) {
  const status = byTest("copy-status");

  byTest("new-customer").addEventListener("click", actions.newCustomer);

  byTest("receipt").addEventListener("click", () => {
    const order = actions.currentOrder();
    if (order) actions.openReceipt(order.partnerOrderId);
  });

  byTest("open-tracking-url").addEventListener("click", async () => {
    const order = actions.currentOrder();
    if (!order) return;
    status.textContent = "";
    try {
      await commands.openTrackingUrl(order.partnerOrderId);
    } catch {
      status.textContent = actions.t("done.open_failed");
    }
  });

  byTest("copy-tracking-url").addEventListener("click", async () => {
    const order = actions.currentOrder();
    if (!order) return;
    const copied = await copyTrackingUrl(order);
    status.textContent = actions.t(copied ? "done.copied" : "done.press_copy");
  });
}

/**
 * @param {FinalizedOrder | null} order
 * @param {Translate} t
 */
export function renderDoneView(order, t) {
  byTest("copy-status").textContent = "";
  for (const name of ["receipt", "open-tracking-url", "copy-tracking-url"]) {
    buttonByTest(name).disabled = order === null;
  }
  if (!order) return;

  byTest("done-order-id").textContent = order.webId ?? order.orderId;
  byTest("done-partner-order-id").textContent = order.partnerOrderId;
  byTest("done-device").textContent = order.productName;
  byTest("done-amount").textContent = formatChf(order.amount);
  byTest("done-payout").textContent = t(`payout.${order.payout}`);
  byTest("done-tracking-url").textContent = order.trackingUrl;
  show(byTest("done-already-existed"), order.alreadyExisted);
}

/**
 * Rust's clipboard first; then the webview's, which may refuse; then the URL is selected
 * so that Ctrl+C copies it.
 *
 * @param {FinalizedOrder} order
 * @returns {Promise<boolean>} whether it is on the clipboard
 */
async function copyTrackingUrl(order) {
  try {
    await commands.copyTrackingUrl(order.partnerOrderId);
    return true;
  } catch {
    // Falls through to the webview's own clipboard.
  }

  try {
    await navigator.clipboard.writeText(order.trackingUrl);
    return true;
  } catch {
    const range = document.createRange();
    range.selectNodeContents(byTest("done-tracking-url"));
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
    return false;
  }
}
