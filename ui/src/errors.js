// Turns whatever a rejected command carries into an AppError, and an AppError into what the
// staff read and the one thing they can do about it. The page branches on `code` only.

/**
 * @typedef {import('../bindings/AppError').AppError} AppError
 * @typedef {"start_over" | "open_settings" | "open_history" | "fix_fields" | "dismiss"} ErrorAction
 */

/** Codes with their own sentence in the locales (`error.<code>`). */
const KNOWN_CODES = new Set([
  "offer_expired",
  "offer_not_found",
  "unauthorized",
  "invalid_request",
  "invalid_customer",
  "invalid_event",
  "invalid_settings",
  "no_quote",
  "quote_expired_locally",
  "unresolved",
  "already_sending",
  "no_api_key",
  "keychain_unavailable",
  "storage",
  "unavailable",
  "training_key",
  "invalid_key",
  "keychain_failed",
  "already_rejected",
  "unknown_order",
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
  unresolved: "open_history",
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
    };
  }

  const message = rejection instanceof Error ? rejection.message : String(rejection);
  return { code: "unavailable", message, field: null, fields: [] };
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
  const showDetail = !known || ["invalid_request", "storage", "invalid_settings",
    "invalid_event", "unavailable", "keychain_failed"].includes(error.code);

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
 * Rust's field messages are in one language; the staff read theirs. A problem the page
 * does not know (Revendo's own refusal of a field, say) keeps Rust's message, and without
 * one gets a general sentence.
 *
 * @param {import('../bindings/FieldError').FieldError} fieldError
 * @param {(key: string) => string} t
 * @returns {string}
 */
export function describeFieldError(fieldError, t) {
  if (FIELD_PROBLEMS.includes(fieldError.problem)) return t(`problem.${fieldError.problem}`);
  return fieldError.message || t("problem.other");
}
