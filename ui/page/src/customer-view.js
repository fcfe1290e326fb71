// The customer form on screen. The state lives in customer-form.js; this module copies it
// into the inputs and reports what staff type. Keyboard flow: Tab or Enter moves on,
// Enter on the last field submits.

import { CUSTOMER_FIELDS, isCustomerField, nextField } from "./customer-form.js";
import { buttonByTest, byTest, inputByTest, show } from "./dom.js";

/**
 * @typedef {import('./customer-form.js').CustomerForm} CustomerForm
 * @typedef {import('../../bindings/CustomerField').CustomerField} CustomerField
 */

/**
 * @typedef {object} CustomerFormActions
 * @property {(field: CustomerField, value: string) => void} edit
 * @property {() => void} submit
 * @property {() => void} back
 */

/** @param {CustomerFormActions} actions */
export function bindCustomerForm(actions) {
  const form = byTest("customer-form");

  form.addEventListener("input", (event) => {
    const input = event.target;
    if (input instanceof HTMLInputElement && isCustomerField(input.name)) {
      actions.edit(input.name, input.value);
    }
  });

  form.addEventListener("keydown", (event) => {
    const input = event.target;
    if (event.key !== "Enter" || !(input instanceof HTMLInputElement)) return;
    if (!isCustomerField(input.name)) return;

    event.preventDefault();
    const next = nextField(input.name);
    if (next) focusField(next);
    else actions.submit();
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    actions.submit();
  });

  byTest("back-to-quote").addEventListener("click", actions.back);
}

/**
 * @param {CustomerForm} form
 * @param {{ busy: boolean }} context
 * @param {(key: string) => string} t
 */
export function renderCustomerForm(form, context, t) {
  for (const field of CUSTOMER_FIELDS) {
    const input = inputByTest(`field-${field}`);
    // Only write when different, so re-rendering while typing keeps the cursor in place.
    if (input.value !== form.values[field]) input.value = form.values[field];
    renderFieldError(field, form.errors[field]);
  }

  const fields = /** @type {HTMLFieldSetElement} */ (byTest("customer-fields"));
  fields.disabled = context.busy;

  const finalize = buttonByTest("finalize");
  finalize.classList.toggle("busy", context.busy);
  finalize.setAttribute("aria-busy", String(context.busy));
  byTest("finalize-label").textContent = t(context.busy ? "action.finalizing" : "action.finalize");
}

/**
 * An error takes the place of the field's hint, which often says the same in advance.
 *
 * @param {CustomerField} field
 * @param {string | undefined} message
 */
export function renderFieldError(field, message) {
  const input = inputByTest(`field-${field}`);
  const error = byTest(`field-${field}-error`);
  const hint = document.querySelector(`[data-test="field-${field}-hint"]`);

  error.textContent = message ?? "";
  show(error, message !== undefined);
  if (hint instanceof HTMLElement) show(hint, message === undefined);
  if (message === undefined) input.removeAttribute("aria-invalid");
  else input.setAttribute("aria-invalid", "true");
}

/** @param {CustomerField} field */
export function focusField(field) {
  const input = inputByTest(`field-${field}`);
  input.focus();
  input.select();
}
