import { test } from "node:test";
import assert from "node:assert/strict";

import { doneReport, doneText, progressRows } from "../page/src/history-export.js";
import { attemptText, revendoStatusText } from "../page/src/history-detail.js";

const t = (key, params) => (params ? `${key}(${Object.values(params).join(",")})` : key);

test("progress messages are read for their row count; anything else is ignored", () => {
  assert.equal(progressRows({ rows: 5000 }), 5000);
  assert.equal(progressRows({ rows: "5000" }), null);
  assert.equal(progressRows(null), null);
});

test("an export's end says where it went, that it was cancelled, or that nothing was saved", () => {
  const saved = doneReport({ rows: 12, path: "/home/till/orders.csv", cancelled: false });
  assert.equal(doneText(saved, t), "history.export_done(12,/home/till/orders.csv)");

  const cancelled = doneReport({ rows: 3000, path: null, cancelled: true });
  assert.equal(doneText(cancelled, t), "history.export_cancelled(3000)");

  const closed = doneReport({ rows: 0, path: null, cancelled: false });
  assert.equal(doneText(closed, t), "history.export_not_saved");

  assert.equal(doneReport(null), null);
});

test("an attempt reads as number, time, HTTP status, error code and duration", () => {
  const attempt = {
    id: 9,
    number: 2,
    startedAt: "2026-12-03T13:19:47Z",
    finishedAt: "2026-12-03T13:19:48Z",
    durationMs: 812,
    httpStatus: 500,
    errorCode: "server_error",
  };
  const text = attemptText(attempt, { t, language: "de", retentionDays: null });
  assert.match(text, /^#2 · .*14:19 · HTTP 500 · server_error · 812 ms$/);

  const interrupted = { ...attempt, httpStatus: null, durationMs: null, errorCode: "interrupted" };
  assert.match(attemptText(interrupted, { t, language: "de", retentionDays: null }),
    / · history\.no_response · interrupted$/);

  const ok = { ...attempt, httpStatus: 201, errorCode: null };
  const okText = attemptText(ok, { t, language: "de", retentionDays: null });
  assert.match(okText, /HTTP 201 · ok · 812 ms$/);
});

test("Revendo's status reads in the staff's words with its code; an unknown one as sent", () => {
  assert.equal(
    revendoStatusText("pending_device", t),
    "revendo_status.pending_device (pending_device)",
  );
  assert.equal(revendoStatusText("device_received", t), "device_received");
});
