// The customer form as plain data. Each change returns a new state, and `emptyCustomerForm`
// is the only way to start a customer: nothing typed for one customer can leak into the
// next through a forgotten field.

/**
 * @typedef {import('../../bindings/CustomerField').CustomerField} CustomerField
 * @typedef {import('../../bindings/CustomerInput').CustomerInput} CustomerInput
 * @typedef {import('../../bindings/FieldError').FieldError} FieldError
 */

/**
 * @typedef {object} CustomerForm
 * @property {CustomerInput} values exactly as typed
 * @property {Partial<Record<CustomerField, string>>} errors message per field, shown beside it
 */

/** The order staff type them in (and the tab order): name, contact, address, payout account. */
/** @type {readonly CustomerField[]} */
export const CUSTOMER_FIELDS = Object.freeze([
  "firstName",
  "lastName",
  "email",
  "phone",
  "street",
  "zip",
  "city",
  "country",
  "iban",
]);

/** Revendo only accepts Swiss addresses, so the form starts with the only valid answer. */
export const DEFAULT_COUNTRY = "CH";

/** @returns {CustomerForm} */
export function emptyCustomerForm() {
  return {
    values: {
      email: "",
      firstName: "",
      lastName: "",
      phone: "",
      iban: "",
      street: "",
      zip: "",
      city: "",
      country: DEFAULT_COUNTRY,
    },
    errors: {},
  };
}

/**
 * Editing a field clears its error: the old message no longer describes what is typed.
 *
 * @param {CustomerForm} form
 * @param {CustomerField} field
 * @param {string} value
 * @returns {CustomerForm}
 */
export function withValue(form, field, value) {
  const errors = { ...form.errors };
  delete errors[field];
  return { values: { ...form.values, [field]: value }, errors };
}

/**
 * Replaces all field errors with those Rust reported; the first message per field wins
 * because one sentence beside a field is all staff can read at a glance.
 *
 * @param {CustomerForm} form
 * @param {readonly FieldError[]} fieldErrors
 * @param {(fieldError: FieldError) => string} [describe] the sentence shown for an error;
 *   by default the problem's code
 * @returns {CustomerForm}
 */
export function withFieldErrors(form, fieldErrors, describe = (e) => e.problem) {
  /** @type {Partial<Record<CustomerField, string>>} */
  const errors = {};
  for (const fieldError of fieldErrors) {
    const { field } = fieldError;
    if (isCustomerField(field) && errors[field] === undefined) errors[field] = describe(fieldError);
  }
  return { values: form.values, errors };
}

/**
 * Marks one field with a sentence that is not a problem code: Revendo's own words when
 * it refused the order because of that field.
 *
 * @param {CustomerForm} form
 * @param {CustomerField} field
 * @param {string} message
 * @returns {CustomerForm}
 */
export function withFieldMessage(form, field, message) {
  return { values: form.values, errors: { [field]: message } };
}

/**
 * @param {CustomerForm} form
 * @returns {CustomerField | null} where to put the cursor after a failed submit
 */
export function firstInvalidField(form) {
  return CUSTOMER_FIELDS.find((field) => form.errors[field] !== undefined) ?? null;
}

/**
 * @param {CustomerForm} form
 * @returns {CustomerInput} a copy, so a later edit cannot change what was sent
 */
export function toCustomerInput(form) {
  return { ...form.values };
}

/**
 * @param {unknown} name
 * @returns {name is CustomerField}
 */
export function isCustomerField(name) {
  const names = /** @type {readonly string[]} */ (CUSTOMER_FIELDS);
  return typeof name === "string" && names.includes(name);
}

/**
 * The field after `field` in tab order, or null at the last one: Enter moves on, and on
 * the last field it submits.
 *
 * @param {CustomerField} field
 * @returns {CustomerField | null}
 */
export function nextField(field) {
  const index = CUSTOMER_FIELDS.indexOf(field);
  return CUSTOMER_FIELDS[index + 1] ?? null;
}
