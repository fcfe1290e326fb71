// The captured quote beside the Revendo page: what the customer gets, for what, and for
// how long. Every text here comes from Revendo and is set as text.

import { countdown } from "./countdown.js";
import { formatChf } from "./money.js";
import { buttonByTest, byTest, make, show } from "./dom.js";

/**
 * @typedef {import('../../bindings/QuoteView').QuoteView} Quote
 * @typedef {import('../../bindings/Payout').Payout} Payout
 * @typedef {import('../../bindings/Adjustment').Adjustment} Adjustment
 * @typedef {import('./i18n.js').Translate} Translate
 */

/**
 * @typedef {object} QuoteCardActions
 * @property {(payout: Payout) => void} choosePayout
 * @property {() => void} proceed Continue to the customer
 * @property {() => void} startOver
 */

/** @param {QuoteCardActions} actions */
export function bindQuoteCard(actions) {
  for (const payout of /** @type {const} */ (["cash", "voucher"])) {
    byTest(`payout-${payout}`).addEventListener("click", () => actions.choosePayout(payout));
  }
  byTest("continue").addEventListener("click", actions.proceed);
  byTest("start-over").addEventListener("click", actions.startOver);
}

/**
 * @param {Quote | null} quote
 * @param {{ step: string, busy: boolean, now: number }} context
 * @param {Translate} t
 */
export function renderQuoteCard(quote, context, t) {
  show(byTest("quote-empty"), quote === null);
  show(byTest("quote-details"), quote !== null);
  if (!quote) return;

  byTest("quote-device").textContent = quote.product.name;
  const quantity = byTest("quote-quantity");
  quantity.textContent = t("quote.quantity", { count: quote.product.quantity });
  show(quantity, quote.product.quantity > 1);

  renderPayout(quote, context.busy, t);
  renderLines("quote-deductions", quote.deductions, t("quote.deductions"));
  renderLines("quote-bonuses", quote.bonuses, t("quote.bonuses"));
  renderLines(
    "quote-coupons",
    quote.coupons.map(({ code, amount }) => ({ label: code, amount })),
    t("quote.coupons"),
  );
  renderCountdown(quote, context.step, context.now);
}

/**
 * @param {Quote} quote
 * @param {boolean} busy
 * @param {Translate} t
 */
function renderPayout(quote, busy, t) {
  for (const payout of /** @type {const} */ (["cash", "voucher"])) {
    const button = buttonByTest(`payout-${payout}`);
    button.setAttribute("aria-pressed", String(quote.payout === payout));
    button.disabled = busy;
  }
  byTest("payout-cash-amount").textContent = formatChf(quote.cash);
  byTest("payout-voucher-amount").textContent = formatChf(quote.voucher);

  byTest("quote-amount-label").textContent = t(`quote.amount_${quote.payout}`);
  byTest("quote-amount").textContent = formatChf(quote.amount);
}

/**
 * @param {string} name
 * @param {Adjustment[]} lines
 * @param {string} heading
 */
function renderLines(name, lines, heading) {
  const list = byTest(name);
  list.replaceChildren();
  show(list, lines.length > 0);
  if (lines.length === 0) return;

  list.append(make("li", { text: heading, className: "adjustments-heading" }));
  for (const line of lines) {
    const item = make("li", { className: line.amount < 0 ? "minus" : "plus", test: "quote-line" });
    item.append(make("span", { text: line.label }), make("span", { text: formatChf(line.amount) }));
    list.append(item);
  }
}

/**
 * Called every second as well as on every change.
 *
 * @param {Quote} quote
 * @param {string} step
 * @param {number} now
 * @returns {boolean} whether the quote has expired
 */
export function renderCountdown(quote, step, now) {
  const state = countdown(quote.expiresAt, now);
  const box = byTest("quote-countdown-box");

  byTest("quote-countdown").textContent = state.text;
  box.classList.toggle("warning", state.warning);
  box.classList.toggle("expired", state.expired);
  show(byTest("quote-countdown-warning"), state.warning);
  show(byTest("quote-expired"), state.expired);

  // Once expired, starting over is the only way forward, so it becomes the main button.
  show(byTest("continue"), step === "quote" && !state.expired);
  byTest("start-over").classList.toggle("primary", state.expired);
  return state.expired;
}
