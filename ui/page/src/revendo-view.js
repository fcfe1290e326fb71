// Revendo in a webview of its own (the "webview" display setting): the page keeps a slot
// free and tells Rust where it is on screen, and Rust lays the native view over it. A
// native view covers whatever the page draws below it, so it is hidden whenever the slot
// is not fully the trade-in page's: another screen, the customer step, the "trade-in
// unavailable" notice.

import { stickyBarsHeight } from "./dom.js";

/**
 * @typedef {import('../../bindings/ViewBounds').ViewBounds} ViewBounds
 * @typedef {{ top: number, left: number, width: number, height: number }} Box
 */

/**
 * Where the view goes: the slot's box, less what the sticky bars cover at the top and
 * what lies below the window's bottom edge. Whole CSS pixels, as GTK places widgets.
 *
 * @param {Box} slot the slot's client rectangle
 * @param {number} coveredTop height of the bars that stay on screen at the top
 * @param {number} viewportHeight
 * @returns {ViewBounds | null} null when nothing of the slot is on screen
 */
export function viewBounds(slot, coveredTop, viewportHeight) {
  const top = Math.max(slot.top, coveredTop);
  const bottom = Math.min(slot.top + slot.height, viewportHeight);
  const height = Math.floor(bottom - top);
  const width = Math.floor(slot.width);
  if (width < 1 || height < 1) return null;
  return { x: Math.round(slot.left), y: Math.round(top), width, height };
}

/**
 * @param {ViewBounds | null} a
 * @param {ViewBounds | null} b
 * @returns {boolean}
 */
export function sameBounds(a, b) {
  if (a === null || b === null) return a === b;
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/**
 * Keeps Rust's view over the slot: after layout changes, scrolling, resizing and any
 * element being shown or hidden, at most once per frame, and only when the place changed.
 *
 * @param {HTMLElement} slot
 * @param {() => boolean} blocked true while something of the page must show over the slot
 * @param {(bounds: ViewBounds | null) => Promise<unknown>} place
 * @returns {{ refresh: () => void }}
 */
export function followSlot(slot, blocked, place) {
  /** @type {ViewBounds | null | undefined} undefined until the first placement */
  let placed;
  let scheduled = false;

  function update() {
    scheduled = false;
    const bounds = blocked()
      ? null
      : viewBounds(slot.getBoundingClientRect(), stickyBarsHeight(), window.innerHeight);
    if (placed !== undefined && sameBounds(placed, bounds)) return;
    placed = bounds;
    place(bounds).catch(() => {
      // Placed again at the next change rather than left wherever Rust has it.
      placed = undefined;
    });
  }

  function refresh() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(update);
  }

  new ResizeObserver(refresh).observe(slot);
  new MutationObserver(refresh).observe(document.body, {
    subtree: true,
    attributes: true,
    attributeFilter: ["hidden", "class"],
  });
  window.addEventListener("resize", refresh);
  window.addEventListener("scroll", refresh, { passive: true });
  refresh();
  return { refresh };
}
