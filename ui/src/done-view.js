// The finished order: what staff read out or note down, and the way to the next customer.

import { formatChf } from "./money.js";
import { byTest, show } from "./dom.js";

/**
 * @typedef {import('../bindings/FinalizedOrder').FinalizedOrder} FinalizedOrder
 * @typedef {import('./i18n.js').Translate} Translate
 */

/**
 * @param {object} actions
 * @param {() => void} actions.newCustomer
 * @param {() => FinalizedOrder | null} actions.currentOrder
 * @param {Translate} actions.t the translator of the moment (the language can change)
 */
export function bindDoneView(actions) {
  byTest("new-customer").addEventListener("click", actions.newCustomer);
  byTest("copy-tracking-url").addEventListener("click", async () => {
    const order = actions.currentOrder();
    if (!order) return;
    const copied = await copyTrackingUrl(order.trackingUrl);
    byTest("copy-status").textContent = actions.t(copied ? "done.copied" : "done.press_copy");
  });
}

/**
 * @param {FinalizedOrder | null} order
 * @param {Translate} t
 */
export function renderDoneView(order, t) {
  byTest("copy-status").textContent = "";
  if (!order) return;

  byTest("done-order-id").textContent = order.webId ?? order.revendoOrderId;
  byTest("done-partner-order-id").textContent = order.partnerOrderId;
  byTest("done-device").textContent = order.productName;
  byTest("done-amount").textContent = formatChf(order.amount);
  byTest("done-payout").textContent = t(`payout.${order.payout}`);
  byTest("done-tracking-url").textContent = order.trackingUrl;
  show(byTest("done-already-existed"), order.alreadyExisted);
}

/**
 * The webview may refuse the clipboard; then the URL is selected so Ctrl+C copies it.
 *
 * @param {string} url
 * @returns {Promise<boolean>} whether it is on the clipboard
 */
async function copyTrackingUrl(url) {
  try {
    await navigator.clipboard.writeText(url);
    return true;
  } catch {
    const range = document.createRange();
    range.selectNodeContents(byTest("done-tracking-url"));
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
    return false;
  }
}
