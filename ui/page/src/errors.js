// Turns whatever a rejected command carries into an AppError, and an AppError into what the
// staff read and the one thing they can do about it. The page branches on `code` only.

/**
 * @typedef {import('../../bindings/AppError').AppError} AppError
 * @typedef {"start_over" | "open_settings" | "open_history" | "fix_fields" | "dismiss"} ErrorAction
 */

/**
 * Codes with their own sentence in the locales (`error.<code>`): every code Rust's
 * `code()` hands the page, Revendo's refusals, and `unavailable` for a bridge that did
 * not answer.
 */
const KNOWN_CODES = new Set([
  "invalid_customer",
  "no_quote",
  "quote_expired_locally",
  "already_sending",
  "no_api_key",
  "training_key",
  "keychain_unavailable",
  "invalid_key",
  "keychain_failed",
  "unresolved",
  "network",
  "already_rejected",
  "invalid_event",
  "unknown_order",
  "invalid_filter",
  "storage",
  "invalid_settings",
  "internal",
  "not_confirmed",
  "receipt_failed",
  "export_failed",
  "offer_expired",
  "offer_not_found",
  "unauthorized",
  "invalid_request",
  "attempt_vetoed",
  "config",
  "unavailable",
]);

/** Codes whose sentence ends in a colon: Rust's message says what exactly. */
const WITH_DETAIL = new Set([
  "invalid_request",
  "storage",
  "invalid_settings",
  "invalid_event",
  "invalid_filter",
  "unavailable",
  "keychain_failed",
  "internal",
  "config",
  "receipt_failed",
  "export_failed",
]);

/** @type {Record<string, ErrorAction>} */
const ACTIONS = {
  offer_expired: "start_over",
  offer_not_found: "start_over",
  no_quote: "start_over",
  quote_expired_locally: "start_over",
  already_rejected: "start_over",
  unauthorized: "open_settings",
  no_api_key: "open_settings",
  keychain_unavailable: "open_settings",
  config: "open_settings",
  unresolved: "open_history",
  network: "open_history",
  invalid_customer: "fix_fields",
};

/**
 * A rejection may be an AppError, a bare string (Tauri's "command not found"), or an
 * Error thrown in the page; all become an AppError so the view has one shape to show.
 *
 * @param {unknown} rejection
 * @returns {AppError}
 */
export function toAppError(rejection) {
  if (typeof rejection === "object" && rejection !== null && "code" in rejection) {
    const raw = /** @type {Record<string, unknown>} */ (rejection);
    return {
      code: String(raw.code),
      message: typeof raw.message === "string" ? raw.message : "",
      field: typeof raw.field === "string" ? /** @type {AppError["field"]} */ (raw.field) : null,
      fields: Array.isArray(raw.fields) ? raw.fields : [],
      partnerOrderId: typeof raw.partnerOrderId === "string" ? raw.partnerOrderId : null,
    };
  }

  const message = rejection instanceof Error ? rejection.message : String(rejection);
  return { code: "unavailable", message, field: null, fields: [], partnerOrderId: null };
}

/**
 * @typedef {object} ErrorNotice
 * @property {string} key locale key of the sentence for this code
 * @property {string} detail the server's own text, shown under the sentence when it adds
 *   something (unknown codes, invalid_request without a field, storage)
 * @property {ErrorAction} action
 */

/**
 * @param {AppError} error
 * @returns {ErrorNotice}
 */
export function describeError(error) {
  const known = KNOWN_CODES.has(error.code);
  const showDetail = !known || WITH_DETAIL.has(error.code);

  let action = ACTIONS[error.code] ?? "dismiss";
  if (error.code === "invalid_request" && error.field) action = "fix_fields";

  return {
    key: known ? `error.${error.code}` : "error.generic",
    detail: showDetail ? error.message : "",
    action,
  };
}

/** @returns {string[]} every locale key `describeError` can return, for the locale test */
export function errorKeys() {
  return ["error.generic", ...[...KNOWN_CODES].map((code) => `error.${code}`)];
}

/** Problem codes of `validate_customer` with their own sentence in the locales. */
export const FIELD_PROBLEMS = Object.freeze([
  "missing",
  "too_long",
  "invalid_characters",
  "email_syntax",
  "phone_format",
  "iban_country",
  "iban_format",
  "iban_checksum",
  "zip_format",
  "country_not_ch",
]);

/**
 * Rust names each field's problem by a code; the staff read the sentence in their
 * language. A code this page does not know yet gets a general sentence.
 *
 * @param {import('../../bindings/FieldError').FieldError} fieldError
 * @param {(key: string) => string} t
 * @returns {string}
 */
export function describeFieldError(fieldError, t) {
  const known = /** @type {readonly string[]} */ (FIELD_PROBLEMS).includes(fieldError.problem);
  return t(known ? `problem.${fieldError.problem}` : "problem.other");
}
