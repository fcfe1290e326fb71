// The trade-in flow: quote → customer → done. Rust holds the quote and decides everything;
// this module keeps what the screen shows in step with Rust's answers.

import * as commands from "./commands.js";
import { countdown } from "./countdown.js";
import {
  emptyCustomerForm,
  firstInvalidField,
  toCustomerInput,
  withFieldErrors,
  withFieldMessage,
  withValue,
} from "./customer-form.js";
import {
  bindCustomerForm,
  focusField,
  renderCustomerForm,
  renderFieldError,
} from "./customer-view.js";
import { bindDoneView, renderDoneView } from "./done-view.js";
import { mountErrorBanner } from "./error-banner.js";
import { describeFieldError, toAppError } from "./errors.js";
import { bindQuoteCard, renderCountdown, renderQuoteCard } from "./quote-card.js";
import { mountRevendoFrame } from "./revendo-frame.js";
import { buttonByTest, byTest, show } from "./dom.js";

/**
 * @typedef {import('./context.js').TillContext} TillContext
 * @typedef {import('./messages.js').RevendoMessage} RevendoMessage
 * @typedef {import('../../bindings/QuoteView').QuoteView} Quote
 * @typedef {import('../../bindings/Payout').Payout} Payout
 * @typedef {import('../../bindings/AppError').AppError} AppError
 * @typedef {import('../../bindings/FinalizedOrder').FinalizedOrder} FinalizedOrder
 * @typedef {import('./customer-form.js').CustomerForm} CustomerForm
 * @typedef {"quote" | "customer" | "done"} Step
 */

/** @type {readonly Step[]} */
const STEPS = ["quote", "customer", "done"];

/**
 * @typedef {object} TradeInState
 * @property {Step} step
 * @property {Quote | null} quote as Rust last described it
 * @property {CustomerForm} form
 * @property {FinalizedOrder | null} order
 * @property {AppError | null} error
 * @property {boolean} busy a finalize is in flight
 */

/** @returns {TradeInState} */
function freshState() {
  return {
    step: "quote",
    quote: null,
    form: emptyCustomerForm(),
    order: null,
    error: null,
    busy: false,
  };
}

/**
 * @param {TillContext} context
 * @returns {{ render: () => void }}
 */
export function mountTradeIn(context) {
  const { t } = context;
  let state = freshState();
  // Quote answers can arrive out of order (two quick selections); only the latest counts.
  let quoteTicket = 0;

  const banner = mountErrorBanner(
    {
      start_over: startOver,
      open_settings: () => context.openScreen("settings"),
      open_history: () => context.openScreen("history"),
    },
    () => update({ error: null }),
  );
  const frame = mountRevendoFrame(context.info(), onQuoteMessage);

  /** @param {import('../../bindings/FieldError').FieldError} fieldError */
  const describe = (fieldError) => describeFieldError(fieldError, t);

  /** @param {Partial<TradeInState>} change */
  function update(change) {
    state = { ...state, ...change };
    render();
  }

  /** @param {unknown} rejection */
  function fail(rejection) {
    update({ error: toAppError(rejection) });
  }

  /** @param {() => Promise<Quote | null>} request */
  async function changeQuote(request) {
    const ticket = ++quoteTicket;
    try {
      const quote = await request();
      if (ticket !== quoteTicket || !quote) return;
      update({ quote, error: null });
    } catch (rejection) {
      if (ticket === quoteTicket) fail(rejection);
    }
  }

  /** @param {RevendoMessage} message */
  function onQuoteMessage(message) {
    // The finished order's quote is gone; "new customer" reloads the frame for the next.
    if (state.step === "done") return;

    if (message.type === "revendo_device_selected") {
      changeQuote(() => commands.captureQuote(message.event));
    } else if (message.type === "revendo_cart_updated") {
      changeQuote(() => commands.updateCart(message.event));
    } else if (message.type === "revendo_remove_device_selected") {
      forgetRemoved(message.priceId);
    }
  }

  /** @param {string} priceId never null here: null would make Rust forget any quote */
  function forgetRemoved(priceId) {
    if (state.quote?.priceId === priceId) {
      quoteTicket += 1;
      update({ quote: null, step: "quote" });
    }
    commands.forgetQuote(priceId).catch(fail);
  }

  /** @param {Payout} payout */
  function choosePayout(payout) {
    if (state.quote && state.quote.payout !== payout) {
      changeQuote(() => commands.setPayout(payout));
    }
  }

  function proceed() {
    if (!state.quote || countdown(state.quote.expiresAt, Date.now()).expired) return;
    update({ step: "customer", error: null });
    window.scrollTo(0, 0);
    focusField(firstInvalidField(state.form) ?? "firstName");
  }

  function back() {
    update({ step: "quote" });
  }

  /** Clears the quote, the customer and the order: nothing carries over to the next sale. */
  function startOver() {
    quoteTicket += 1;
    state = freshState();
    render();
    frame.reload();
    window.scrollTo(0, 0);
    commands.forgetQuote(null).catch(fail);
  }

  /**
   * @param {import('../../bindings/CustomerField').CustomerField} field
   * @param {string} value
   */
  function edit(field, value) {
    state = { ...state, form: withValue(state.form, field, value) };
    renderFieldError(field, state.form.errors[field]);
  }

  async function finalize() {
    // Only spares a pointless call; the one-order-per-quote guarantee is Rust's.
    if (state.busy) return;
    if (!state.quote) return fail({ code: "no_quote", message: "" });
    if (countdown(state.quote.expiresAt, Date.now()).expired) {
      return fail({ code: "quote_expired_locally", message: "" });
    }

    const customer = toCustomerInput(state.form);
    update({ busy: true, error: null });
    try {
      const problems = await commands.validateCustomer(customer);
      if (problems.length > 0) {
        state = { ...state, form: withFieldErrors(state.form, problems, describe) };
      } else {
        const order = await commands.finalizeOrder(customer);
        state = { ...freshState(), step: "done", order };
        // An earlier unresolved order may have been this one: the badge must follow.
        context.refreshInfo();
      }
    } catch (rejection) {
      state = { ...state, ...afterFinalizeError(toAppError(rejection)) };
    }

    // Focus only once the fieldset is enabled again; a disabled input cannot take it.
    update({ busy: false });
    if (state.step === "done") {
      window.scrollTo(0, 0);
      buttonByTest("new-customer").focus();
    } else {
      const first = firstInvalidField(state.form);
      if (first) focusField(first);
      else if (state.error) window.scrollTo(0, 0);
    }
  }

  /**
   * @param {AppError} error
   * @returns {Partial<TradeInState>}
   */
  function afterFinalizeError(error) {
    if (error.code === "invalid_customer") {
      return { error, form: withFieldErrors(state.form, error.fields, describe) };
    }
    if (error.code === "invalid_request" && error.field) {
      const message = error.message || t("problem.other");
      return { error, form: withFieldMessage(state.form, error.field, message) };
    }
    // An order journaled and left open (unresolved, not sent) adds to the history's badge.
    if (error.partnerOrderId) context.refreshInfo();
    return { error };
  }

  function render() {
    renderStepper(state.step);
    for (const step of STEPS) show(byTest(`step-panel-${step}`), state.step === step);
    show(byTest("quote-card"), state.step !== "done");

    const info = context.info();
    show(byTest("no-key-notice"), !info.apiKeyStored && !info.training);

    banner.render(state.error, t);
    renderQuoteCard(state.quote, { step: state.step, busy: state.busy, now: Date.now() }, t);
    renderCustomerForm(state.form, { busy: state.busy }, t);
    renderDoneView(state.order, t);
  }

  bindQuoteCard({ choosePayout, proceed, startOver });
  bindCustomerForm({ edit, submit: finalize, back });
  bindDoneView({
    newCustomer: startOver,
    currentOrder: () => state.order,
    openReceipt: (partnerOrderId) => context.openReceipt(partnerOrderId, false),
    t,
  });
  byTest("no-key-open-settings").addEventListener("click", () => context.openScreen("settings"));

  setInterval(() => {
    if (state.quote && state.step !== "done") renderCountdown(state.quote, state.step, Date.now());
  }, 1000);

  render();

  // After a reload Rust may still hold the quote the customer accepted; an older shell
  // without the command simply starts empty.
  const restoreTicket = quoteTicket;
  commands
    .currentQuote()
    .then((quote) => {
      if (quote && restoreTicket === quoteTicket && !state.quote) update({ quote });
    })
    .catch(() => {});

  return { render };
}

/** @param {Step} current */
function renderStepper(current) {
  const currentIndex = STEPS.indexOf(current);
  STEPS.forEach((step, index) => {
    const item = byTest(`step-${step}`);
    item.classList.toggle("complete", index < currentIndex);
    if (index === currentIndex) item.setAttribute("aria-current", "step");
    else item.removeAttribute("aria-current");
  });
}
