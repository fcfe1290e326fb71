import { test } from "node:test";
import assert from "node:assert/strict";

import { formatChf } from "../page/src/money.js";

test("whole francs show two decimals", () => {
  assert.equal(formatChf(23_700), "CHF 237.00");
});

test("thousands are grouped with an apostrophe, Swiss style", () => {
  assert.equal(formatChf(123_700), "CHF 1'237.00");
  assert.equal(formatChf(123_456_789), "CHF 1'234'567.89");
  assert.equal(formatChf(100_000), "CHF 1'000.00");
  assert.equal(formatChf(99_999), "CHF 999.99");
});

test("Rappen below a franc and zero are padded", () => {
  assert.equal(formatChf(5), "CHF 0.05");
  assert.equal(formatChf(0), "CHF 0.00");
});

test("deductions show their minus sign after the currency", () => {
  assert.equal(formatChf(-5_000), "CHF -50.00");
  assert.equal(formatChf(-123_450), "CHF -1'234.50");
});

test("anything but whole Rappen is refused rather than rounded", () => {
  for (const amount of [2.5, NaN, Infinity, Number.MAX_SAFE_INTEGER + 2]) {
    assert.throws(() => formatChf(amount), RangeError, String(amount));
  }
});
