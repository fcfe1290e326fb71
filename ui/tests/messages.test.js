import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
  acceptMessage,
  clampHeight,
  createDropCounter,
  MAX_FRAME_HEIGHT,
  MIN_FRAME_HEIGHT,
  readPixels,
} from "../page/src/messages.js";

const ORIGIN = "https://purchase.revendo.dev";
const frameWindow = { name: "revendo frame" };
const expected = { origin: ORIGIN, frameWindow };

/** @param {string} name */
function fixture(name) {
  const url = new URL(`../../fixtures/revendo/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8"));
}

/** @param {unknown} data */
function fromFrame(data, origin = ORIGIN, source = frameWindow) {
  return { origin, source, data };
}

test("a published device-selected message passes with its raw data for Rust", () => {
  for (const name of ["event-device-selected-seed.json", "event-device-selected-later.json"]) {
    const data = fixture(name);
    const message = acceptMessage(fromFrame(data), expected);
    assert.deepEqual(message, { type: "revendo_device_selected", event: data });
  }
});

test("the origin must match exactly", () => {
  const data = fixture("event-loaded.json");
  for (const origin of [
    "http://purchase.revendo.dev",
    "https://www.purchase.revendo.dev",
    "https://purchase.revendo.dev.evil.example",
    "https://purchase.revendo.dev:443",
    "https://PURCHASE.revendo.dev",
    "null",
    "",
  ]) {
    assert.equal(acceptMessage(fromFrame(data, origin), expected), null, origin);
  }
});

test("a message from another window of the right origin is dropped", () => {
  const data = fixture("event-loaded.json");
  assert.equal(acceptMessage(fromFrame(data, ORIGIN, { name: "popup" }), expected), null);
  assert.equal(acceptMessage(fromFrame(data, ORIGIN, null), expected), null);
});

test("nothing passes while the frame has no window yet", () => {
  const data = fixture("event-loaded.json");
  assert.equal(acceptMessage(fromFrame(data), { origin: ORIGIN, frameWindow: null }), null);
});

test("an empty configured origin accepts nothing", () => {
  const event = { origin: "", source: frameWindow, data: fixture("event-loaded.json") };
  assert.equal(acceptMessage(event, { origin: "", frameWindow }), null);
});

test("data that is not a plain object with a type is dropped", () => {
  for (const data of [null, undefined, "revendo_iframe_loaded", 42, [], ["revendo_resize"],
    {}, { type: 7 }, JSON.stringify(fixture("event-loaded.json"))]) {
    assert.equal(acceptMessage(fromFrame(data), expected), null, JSON.stringify(data));
  }
});

test("unknown types are dropped, including the page's own configure message", () => {
  assert.equal(acceptMessage(fromFrame({ type: "revendo_unknown" }), expected), null);
  assert.equal(acceptMessage(fromFrame(fixture("message-configure.json")), expected), null);
});

test("the loaded event reports its status", () => {
  const message = acceptMessage(fromFrame(fixture("event-loaded.json")), expected);
  assert.deepEqual(message, { type: "revendo_iframe_loaded", status: "ready" });
});

test("resize takes a number or a numeric string and clamps it", () => {
  const resize = (/** @type {unknown} */ height) =>
    acceptMessage(fromFrame({ type: "revendo_resize", height }), expected);

  assert.deepEqual(resize(1450), { type: "revendo_resize", height: 1450 });
  assert.deepEqual(resize("1450"), { type: "revendo_resize", height: 1450 });
  assert.deepEqual(resize(" 812.6 "), { type: "revendo_resize", height: 813 });
  assert.deepEqual(resize(120), { type: "revendo_resize", height: MIN_FRAME_HEIGHT });
  assert.deepEqual(resize("-40"), { type: "revendo_resize", height: MIN_FRAME_HEIGHT });
  assert.deepEqual(resize(1e9), { type: "revendo_resize", height: MAX_FRAME_HEIGHT });
});

test("resize without a usable height is dropped", () => {
  for (const height of [undefined, null, "", "1450px", "abc", NaN, Infinity, {}, [800], true]) {
    const event = fromFrame({ type: "revendo_resize", height });
    assert.equal(acceptMessage(event, expected), null, String(height));
  }
});

test("the published resize fixture passes", () => {
  const message = acceptMessage(fromFrame(fixture("event-resize.json")), expected);
  assert.deepEqual(message, { type: "revendo_resize", height: 1450 });
});

test("scroll to position reads its position and never goes above the frame", () => {
  const message = acceptMessage(fromFrame(fixture("event-scroll-position.json")), expected);
  assert.deepEqual(message, { type: "revendo_scroll_to_position", position: 317 });

  const above = { type: "revendo_scroll_to_position", position: -20 };
  assert.deepEqual(acceptMessage(fromFrame(above), expected), {
    type: "revendo_scroll_to_position",
    position: 0,
  });
  const unusable = { type: "revendo_scroll_to_position", position: "top" };
  assert.equal(acceptMessage(fromFrame(unusable), expected), null);
});

test("scroll to top needs no fields", () => {
  const message = acceptMessage(fromFrame({ type: "revendo_scroll_to_top" }), expected);
  assert.deepEqual(message, { type: "revendo_scroll_to_top" });
});

test("removal carries the price id, as text even when sent as a number", () => {
  const data = fixture("event-remove.json");
  const message = acceptMessage(fromFrame(data), expected);
  assert.deepEqual(message, {
    type: "revendo_remove_device_selected",
    priceId: "11153245-tmp",
    event: data,
  });

  const numeric = { type: "revendo_remove_device_selected", price_id: 11153245 };
  assert.equal(acceptMessage(fromFrame(numeric), expected)?.type, numeric.type);
  const parsed = acceptMessage(fromFrame(numeric), expected);
  assert.equal(parsed.priceId, "11153245");
});

test("a removal without a usable price id is dropped, so it can never forget another quote", () => {
  for (const price_id of [undefined, null, "", {}, NaN]) {
    const event = fromFrame({ type: "revendo_remove_device_selected", price_id });
    assert.equal(acceptMessage(event, expected), null, String(price_id));
  }
});

test("the cart update passes with its data, and without a cart list it is dropped", () => {
  const data = fixture("event-cart-updated.json");
  assert.deepEqual(acceptMessage(fromFrame(data), expected), {
    type: "revendo_cart_updated",
    event: data,
  });
  const notAList = { type: "revendo_cart_updated", cart: {} };
  assert.equal(acceptMessage(fromFrame(notAList), expected), null);
});

test("a device selection without details is dropped before it reaches Rust", () => {
  const event = fromFrame({ type: "revendo_device_selected", details: "iPhone" });
  assert.equal(acceptMessage(event, expected), null);
});

test("readPixels and clampHeight agree on the documented limits", () => {
  assert.equal(readPixels("600"), 600);
  assert.equal(readPixels("6e2"), null);
  assert.equal(clampHeight(599.4), MIN_FRAME_HEIGHT);
  assert.equal(clampHeight(20001), MAX_FRAME_HEIGHT);
});

test("the drop counter reports each batch once, with the last origin", () => {
  const drops = createDropCounter();
  assert.equal(drops.take(), null);

  drops.record("https://evil.example");
  drops.record("http://purchase.revendo.dev");
  assert.deepEqual(drops.take(), { count: 2, lastOrigin: "http://purchase.revendo.dev" });
  assert.equal(drops.take(), null);
});
