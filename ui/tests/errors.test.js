import { test } from "node:test";
import assert from "node:assert/strict";

import { describeError, describeFieldError, FIELD_PROBLEMS, toAppError } from "../page/src/errors.js";

const appError = (code, extra = {}) => ({
  code,
  message: "server text",
  field: null,
  fields: [],
  partnerOrderId: null,
  ...extra,
});

test("a rejected invoke's AppError keeps its code, message, field, fields and order", () => {
  const fields = [{ field: "iban", problem: "iban_checksum" }];
  const raw = {
    code: "unresolved",
    message: "x",
    field: "iban",
    fields,
    partnerOrderId: "ZH01-1-7",
  };
  assert.deepEqual(toAppError(raw), raw);
});

test("an AppError without an order names none", () => {
  assert.equal(toAppError({ code: "no_quote", message: "" }).partnerOrderId, null);
});

test("a bare string or Error from the bridge becomes an 'unavailable' AppError", () => {
  assert.deepEqual(toAppError("command finalize_order not found"), {
    code: "unavailable",
    message: "command finalize_order not found",
    field: null,
    fields: [],
    partnerOrderId: null,
  });
  assert.equal(toAppError(new Error("boom")).message, "boom");
});

test("expired or unknown quotes lead to starting over", () => {
  for (const code of ["offer_expired", "offer_not_found", "quote_expired_locally", "no_quote"]) {
    const notice = describeError(appError(code));
    assert.equal(notice.action, "start_over", code);
    assert.equal(notice.key, `error.${code}`);
    assert.equal(notice.detail, "");
  }
});

test("key problems lead to the settings", () => {
  for (const code of ["unauthorized", "no_api_key", "keychain_unavailable"]) {
    assert.equal(describeError(appError(code)).action, "open_settings", code);
  }
});

test("an order left open, sent or not, points to the history", () => {
  assert.equal(describeError(appError("unresolved")).action, "open_history");
  assert.equal(describeError(appError("network")).action, "open_history");
  assert.equal(describeError(appError("network")).detail, "", "the sentence says it all");
});

test("invalid_request shows Revendo's message, beside the field when one is named", () => {
  assert.deepEqual(describeError(appError("invalid_request")), {
    key: "error.invalid_request",
    detail: "server text",
    action: "dismiss",
  });
  const beside = describeError(appError("invalid_request", { field: "country" }));
  assert.equal(beside.action, "fix_fields");
});

test("an unknown code gets the generic sentence plus the message text", () => {
  assert.deepEqual(describeError(appError("disk_on_fire")), {
    key: "error.generic",
    detail: "server text",
    action: "dismiss",
  });
});

test("field problems are told in the staff's language, unknown ones in general words", () => {
  const t = (key) => `[${key}]`;
  assert.equal(describeFieldError({ field: "iban", problem: "iban_checksum" }, t),
    "[problem.iban_checksum]");
  assert.equal(describeFieldError({ field: "city", problem: "invalid_characters" }, t),
    "[problem.invalid_characters]");
  assert.equal(describeFieldError({ field: "country", problem: "shoe_size" }, t),
    "[problem.other]");
});

test("every error code Rust can hand the page has its own sentence", () => {
  const codes = [
    "invalid_customer", "no_quote", "quote_expired_locally", "already_sending", "no_api_key",
    "training_key", "keychain_unavailable", "invalid_key", "keychain_failed", "unresolved",
    "already_rejected", "invalid_event", "unknown_order", "invalid_filter", "storage",
    "invalid_settings", "internal", "not_confirmed", "receipt_failed", "export_failed",
    "offer_expired", "offer_not_found", "network",
    "unauthorized", "invalid_request", "attempt_vetoed", "config",
  ];
  for (const code of codes) assert.equal(describeError(appError(code)).key, `error.${code}`);
});

test("every problem code of the contract has a sentence", () => {
  assert.deepEqual([...FIELD_PROBLEMS].sort(), [
    "country_not_ch", "email_syntax", "iban_checksum", "iban_country", "iban_format",
    "invalid_characters", "missing", "phone_format", "too_long", "zip_format",
  ]);
});
