import { test } from "node:test";
import assert from "node:assert/strict";

import { describeError, describeFieldError, FIELD_PROBLEMS, toAppError } from "../src/errors.js";

const appError = (code, extra = {}) => ({
  code,
  message: "server text",
  field: null,
  fields: [],
  ...extra,
});

test("a rejected invoke's AppError keeps its code, message, field and fields", () => {
  const fields = [{ field: "iban", problem: "iban_checksum", message: "m" }];
  const error = toAppError({ code: "invalid_customer", message: "x", field: "iban", fields });
  assert.deepEqual(error, { code: "invalid_customer", message: "x", field: "iban", fields });
});

test("a bare string or Error from the bridge becomes an 'unavailable' AppError", () => {
  assert.deepEqual(toAppError("command finalize_order not found"), {
    code: "unavailable",
    message: "command finalize_order not found",
    field: null,
    fields: [],
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

test("an unresolved order points to the history", () => {
  assert.equal(describeError(appError("unresolved")).action, "open_history");
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

test("known field problems are told in the staff's language, unknown ones keep Rust's text", () => {
  const t = (key) => `[${key}]`;
  const known = { field: "iban", problem: "iban_checksum", message: "IBAN checksum wrong" };
  const unknown = { field: "country", problem: "invalid_request", message: "Only CH allowed" };
  assert.equal(describeFieldError(known, t), "[problem.iban_checksum]");
  assert.equal(describeFieldError(unknown, t), "Only CH allowed");
  assert.equal(describeFieldError({ ...unknown, message: "" }, t), "[problem.other]");
});

test("every problem code of the contract has a sentence", () => {
  assert.deepEqual([...FIELD_PROBLEMS].sort(), [
    "country_not_ch", "email_syntax", "iban_checksum", "iban_country", "iban_format",
    "invalid_characters", "missing", "phone_format", "too_long", "zip_format",
  ]);
});
