import { test } from "node:test";
import assert from "node:assert/strict";

import {
  buildHistoryQuery,
  emptyFilters,
  formatTimestamp,
  localDay,
  PAGE_SIZE,
} from "../src/history-query.js";

test("empty filters ask for the first page of everything", () => {
  assert.deepEqual(buildHistoryQuery(emptyFilters(), null), {
    text: "",
    status: null,
    from: null,
    to: null,
    cursor: null,
    limit: PAGE_SIZE,
  });
});

test("filters are trimmed and only known statuses and whole days pass", () => {
  const query = buildHistoryQuery(
    { text: "  W-0105185 ", status: "unresolved", from: "2025-10-01", to: "10/20/2025" },
    "cursor-2",
  );
  assert.deepEqual(query, {
    text: "W-0105185",
    status: "unresolved",
    from: "2025-10-01",
    to: null,
    cursor: "cursor-2",
    limit: PAGE_SIZE,
  });
  assert.equal(buildHistoryQuery({ ...emptyFilters(), status: "deleted" }, null).status, null);
});

test("an unreadable timestamp is shown as it came", () => {
  const odd = "2025-10-17 15:19:45 somewhere";
  assert.equal(formatTimestamp(odd, "de"), odd);
  assert.notEqual(formatTimestamp("2025-10-17T13:19:47+00:00", "de"), "2025-10-17T13:19:47+00:00");
});

test("the local day is written as YYYY-MM-DD", () => {
  assert.equal(localDay(new Date(2025, 0, 5, 23, 59)), "2025-01-05");
});
