import { test } from "node:test";
import assert from "node:assert/strict";

import {
  buildHistoryFilter,
  chosenAmount,
  createTickets,
  emptyFields,
  emptyList,
  localDay,
  ORDER_STATES,
  searchAsTyped,
  STATE_LABELS,
  timings,
  totalsLines,
  withPage,
} from "../page/src/history-query.js";

const summary = (partnerOrderId, extra = {}) => ({
  id: 1,
  partnerOrderId,
  offerId: "o",
  deviceName: "iPhone 13",
  cash: 20000,
  voucher: 23700,
  payout: "cash",
  customerName: "Anna Brunner",
  state: "confirmed",
  createdAt: "2026-12-03T13:19:47Z",
  operator: "Mia",
  revendoOrderId: "105030",
  webId: "ANK-2026-000001",
  lastErrorCode: null,
  ...extra,
});

test("empty fields ask for everything", () => {
  assert.deepEqual(buildHistoryFilter(emptyFields()), {
    text: "",
    from: null,
    to: null,
    states: [],
    payout: null,
    operator: null,
  });
});

test("fields are trimmed and only known states, payouts and whole days pass", () => {
  const filter = buildHistoryFilter({
    text: "  W-0105185 ",
    state: "unresolved",
    payout: "voucher",
    operator: "  Mia ",
    from: "2026-12-01",
    to: "12/03/2026",
  });
  assert.deepEqual(filter, {
    text: "W-0105185",
    from: "2026-12-01",
    to: null,
    states: ["unresolved"],
    payout: "voucher",
    operator: "Mia",
  });
  const odd = buildHistoryFilter({ ...emptyFields(), state: "sent", payout: "bitcoin" });
  assert.deepEqual(odd.states, []);
  assert.equal(odd.payout, null);
});

test("a blank operator does not filter", () => {
  assert.equal(buildHistoryFilter({ ...emptyFields(), operator: "   " }).operator, null);
});

test("every state has a label key, and the confirmed one is the 'sent' sentence", () => {
  assert.deepEqual(Object.keys(STATE_LABELS).sort(), [...ORDER_STATES].sort());
  assert.equal(STATE_LABELS.confirmed, "status.sent");
});

test("a new search replaces the list; 'more' appends and moves the cursor on", () => {
  const first = withPage(emptyList(), { items: [summary("A"), summary("B")], next: 41 }, false);
  assert.deepEqual(first.items.map((o) => o.partnerOrderId), ["A", "B"]);
  assert.equal(first.next, 41);

  const more = withPage(first, { items: [summary("C")], next: null }, true);
  assert.deepEqual(more.items.map((o) => o.partnerOrderId), ["A", "B", "C"]);
  assert.equal(more.next, null);

  const fresh = withPage(more, { items: [summary("Z")], next: 7 }, false);
  assert.deepEqual(fresh.items.map((o) => o.partnerOrderId), ["Z"]);
  assert.equal(fresh.next, 7);
});

test("only the latest request's answer counts", () => {
  const tickets = createTickets();
  const slow = tickets.take();
  const fast = tickets.take();
  assert.equal(tickets.isLatest(slow), false);
  assert.equal(tickets.isLatest(fast), true);
});

/** A clock the test moves by hand. */
function fakeClock() {
  let now = 0;
  /** @type {{ at: number, callback: () => void }[]} */
  let timers = [];
  return {
    now: () => now,
    setTimeout: (callback, ms) => {
      const timer = { at: now + ms, callback };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (timer) => {
      timers = timers.filter((t) => t !== timer);
    },
    advance(ms) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const timer of due) timer.callback();
    },
  };
}

test("the first keystroke after a pause searches at once", () => {
  const clock = fakeClock();
  const runs = [];
  const typed = searchAsTyped((at) => runs.push(at), clock, 150);
  typed(clock.now());
  assert.deepEqual(runs, [0]);
});

test("fast typing searches once, 150 ms after the last keystroke, timed from it", () => {
  const clock = fakeClock();
  const runs = [];
  const typed = searchAsTyped((at) => runs.push(at), clock, 150);

  typed(clock.now());
  for (const step of [40, 40, 40]) {
    clock.advance(step);
    typed(clock.now());
  }
  assert.deepEqual(runs, [0], "only the leading search so far");

  clock.advance(149);
  assert.deepEqual(runs, [0]);
  clock.advance(1);
  assert.deepEqual(runs, [0, 120]);
});

test("totals show the selection first, then each state that has orders", () => {
  const t = (key, params) => (params ? `${key}:${params.orders}:${params.cash}` : key);
  const sums = (state, count, cash) => ({ state, count, cash, voucher: 0, paidOut: cash });
  const lines = totalsLines(
    {
      byState: [
        sums("created", 0, 0),
        sums("in_flight", 0, 0),
        sums("confirmed", 3, 123700),
        sums("rejected", 0, 0),
        sums("unresolved", 1, 5000),
      ],
      all: { count: 4, cash: 128700, voucher: 0, paidOut: 128700 },
    },
    t,
  );
  assert.deepEqual(lines, [
    { state: "all", label: "history.totals_all", text: "history.totals:4:CHF 1'287.00" },
    { state: "confirmed", label: "status.sent", text: "history.totals:3:CHF 1'237.00" },
    { state: "unresolved", label: "status.unresolved", text: "history.totals:1:CHF 50.00" },
  ]);
});

test("a row shows the amount of the payout the customer chose", () => {
  assert.equal(chosenAmount(summary("A")), 20000);
  assert.equal(chosenAmount(summary("A", { payout: "voucher" })), 23700);
});

test("timings are kept on the window for the benchmark, created once", () => {
  const global = {};
  timings(global).search.push(12.5);
  timings(global).page.push(30);
  assert.deepEqual(global.__tillTimings, { search: [12.5], page: [30] });
});

test("the local day is written as YYYY-MM-DD", () => {
  assert.equal(localDay(new Date(2025, 0, 5, 23, 59)), "2025-01-05");
});
