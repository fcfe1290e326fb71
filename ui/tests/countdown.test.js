import { test } from "node:test";
import assert from "node:assert/strict";

import { countdown, formatClock } from "../page/src/countdown.js";

const EXPIRES = "2025-10-20T15:30:00Z";
const at = (/** @type {string} */ time) => Date.parse(time);

test("a fresh quote shows the full hour and no warning", () => {
  const state = countdown(EXPIRES, at("2025-10-20T14:30:00Z"));
  assert.deepEqual(state, {
    remainingMs: 3_600_000,
    text: "60:00",
    warning: false,
    expired: false,
  });
});

test("the warning starts at ten minutes left, not before", () => {
  assert.equal(countdown(EXPIRES, at("2025-10-20T15:19:59Z")).warning, false);
  assert.equal(countdown(EXPIRES, at("2025-10-20T15:20:00Z")).warning, true);
  assert.equal(countdown(EXPIRES, at("2025-10-20T15:29:59Z")).text, "00:01");
});

test("partial seconds round up so 00:00 means expired", () => {
  const state = countdown(EXPIRES, at("2025-10-20T15:29:59.900Z"));
  assert.equal(state.text, "00:01");
  assert.equal(state.expired, false);
});

test("at and after the expiry the quote is expired, never negative, without a warning", () => {
  for (const now of ["2025-10-20T15:30:00Z", "2025-10-20T18:00:00Z"]) {
    const state = countdown(EXPIRES, at(now));
    assert.deepEqual(state, { remainingMs: 0, text: "00:00", warning: false, expired: true });
  }
});

test("an offset time is read as the same instant", () => {
  const state = countdown("2025-10-20T17:30:00+02:00", at("2025-10-20T15:00:00Z"));
  assert.equal(state.text, "30:00");
});

test("an unreadable expiry counts as expired", () => {
  assert.equal(countdown("soon", at("2025-10-20T15:00:00Z")).expired, true);
});

test("the clock pads minutes and seconds", () => {
  assert.equal(formatClock(65_000), "01:05");
  assert.equal(formatClock(-5), "00:00");
  assert.equal(formatClock(3_599_001), "60:00");
});
