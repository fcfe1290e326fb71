import { test } from "node:test";
import assert from "node:assert/strict";

import {
  asLayout,
  formatAmount,
  formatSwissTime,
  payoutName,
  receiptText,
} from "../page/src/receipt-format.js";

const t = (key, params) => (params ? `${key}(${Object.values(params).join(",")})` : key);

/** A receipt as Rust hands it over. */
const receipt = (extra = {}) => ({
  header: ["Elektro Muster AG", "Bahnhofstrasse 1, 8001 Zürich"],
  storeId: "ZH01",
  tillId: "1",
  operator: "Mia",
  productName: "iPhone 13 <b>128 GB</b>",
  payout: "voucher",
  amount: 123700,
  currency: "CHF",
  orderId: "105030",
  webId: "ANK-2026-001234",
  partnerOrderId: "ZH01-1-20261203-0007",
  trackingUrl: "https://revendo.ch/ankauf/tracking/?order=ANK-2026-001234",
  qrDataUrl: "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
  confirmedAt: "2026-12-03T13:19:47Z",
  copy: false,
  printedAt: "2026-12-05T08:00:00Z",
  ...extra,
});

const fact = (text, name) => text.facts.find((f) => f.name === name)?.value;

test("the amount is printed Swiss style: CHF 1'237.00", () => {
  const text = receiptText(receipt(), t, "de");
  assert.equal(fact(text, "amount"), "CHF 1'237.00");
  assert.equal(formatAmount(5, "CHF"), "CHF 0.05");
  assert.equal(formatAmount(123700, ""), "CHF 1'237.00");
  assert.equal(formatAmount(123700, "EUR"), "EUR 1'237.00");
});

test("the payout is named in the staff's language", () => {
  assert.equal(payoutName("cash", t), "payout.cash");
  assert.equal(payoutName("voucher", t), "payout.voucher");
  assert.equal(fact(receiptText(receipt(), t, "de"), "payout"), "payout.voucher");
});

test("a first print carries no copy marker", () => {
  assert.equal(receiptText(receipt(), t, "de").copyMarker, null);
});

test("a reprint is marked as a copy with the reprint time in Swiss time", () => {
  const text = receiptText(receipt({ copy: true }), t, "de");
  const reprinted = formatSwissTime("2026-12-05T08:00:00Z", "de");
  assert.equal(text.copyMarker, `receipt.copy_marker(${reprinted})`);
  assert.match(text.copyMarker, /09:00/);
});

test("the receipt states Revendo's ids, ours, the device as text and the tracking URL", () => {
  const text = receiptText(receipt(), t, "de");
  assert.equal(fact(text, "order-id"), "105030");
  assert.equal(fact(text, "web-id"), "ANK-2026-001234");
  assert.equal(fact(text, "partner-order-id"), "ZH01-1-20261203-0007");
  assert.equal(fact(text, "device"), "iPhone 13 <b>128 GB</b>");
  assert.equal(fact(text, "till"), "ZH01 / 1");
  assert.equal(fact(text, "operator"), "Mia");
  assert.equal(text.trackingUrl, receipt().trackingUrl);
  assert.equal(text.followLine, "receipt.follow");
  assert.deepEqual(text.header, receipt().header);
});

test("without a web id the line is left out", () => {
  const text = receiptText(receipt({ webId: null }), t, "de");
  assert.equal(fact(text, "web-id"), undefined);
});

test("the date is the confirmation's, on the store's clock", () => {
  const date = fact(receiptText(receipt(), t, "de"), "date");
  assert.match(date, /03\.12\.(20)?26/);
  assert.match(date, /14:19/);
});

test("only Rust's SVG data URL is shown as the QR code", () => {
  assert.equal(receiptText(receipt(), t, "de").qrDataUrl, receipt().qrDataUrl);
  for (const qrDataUrl of ["https://evil.example/qr.svg", "data:text/html;base64,PGgxPg==", ""]) {
    assert.equal(receiptText(receipt({ qrDataUrl }), t, "de").qrDataUrl, null, qrDataUrl);
  }
});

test("an unknown layout falls back to the roll", () => {
  assert.equal(asLayout("a4"), "a4");
  assert.equal(asLayout("roll"), "roll");
  assert.equal(asLayout("letter"), "roll");
});

test("an unreadable time is shown as it came", () => {
  assert.equal(formatSwissTime("yesterday", "fr"), "yesterday");
});
