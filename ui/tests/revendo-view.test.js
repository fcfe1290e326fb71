import { test } from "node:test";
import assert from "node:assert/strict";

import { sameBounds, viewBounds } from "../page/src/revendo-view.js";

const slot = { top: 140, left: 24.4, width: 860.7, height: 700 };

test("a slot fully on screen is placed where it is, in whole pixels", () => {
  assert.deepEqual(viewBounds(slot, 96, 900), { x: 24, y: 140, width: 860, height: 700 });
});

test("the part under the sticky bars and below the window is left out", () => {
  const scrolled = { ...slot, top: 40 };
  assert.deepEqual(viewBounds(scrolled, 96, 900), { x: 24, y: 96, width: 860, height: 644 });
  assert.deepEqual(viewBounds(slot, 96, 600), { x: 24, y: 140, width: 860, height: 460 });
});

test("a slot that is hidden or scrolled away hides the view", () => {
  assert.equal(viewBounds({ top: 0, left: 0, width: 0, height: 0 }, 96, 900), null);
  assert.equal(viewBounds({ ...slot, top: -700 }, 96, 900), null);
  assert.equal(viewBounds({ ...slot, top: 950 }, 96, 900), null);
});

test("bounds compare by value, and null only equals null", () => {
  const placed = viewBounds(slot, 96, 900);
  assert.equal(sameBounds(placed, { x: 24, y: 140, width: 860, height: 700 }), true);
  assert.equal(sameBounds(placed, { x: 24, y: 141, width: 860, height: 700 }), false);
  assert.equal(sameBounds(placed, null), false);
  assert.equal(sameBounds(null, null), true);
});
