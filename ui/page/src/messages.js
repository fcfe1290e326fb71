// The gate between the Revendo iframe and the till: every message posted to the window
// passes here, and only the documented events from the configured origin and from our own
// frame get through. Everything here is untrusted input from a third-party page.

/** The docs use a 600 px minimum; the maximum only stops a hostile page from making the
 * layout absurdly tall. */
export const MIN_FRAME_HEIGHT = 600;
export const MAX_FRAME_HEIGHT = 20000;

/**
 * @typedef {{ type: "revendo_iframe_loaded", status: string }
 *   | { type: "revendo_resize", height: number }
 *   | { type: "revendo_scroll_to_top" }
 *   | { type: "revendo_scroll_to_position", position: number }
 *   | { type: "revendo_device_selected", event: Record<string, unknown> }
 *   | { type: "revendo_remove_device_selected", priceId: string,
 *       event: Record<string, unknown> }
 *   | { type: "revendo_cart_updated", event: Record<string, unknown> }
 *   | { type: "revendo_order_complete", orderId: string | null }
 * } RevendoMessage
 */

/**
 * @typedef {object} IncomingMessage what the page reads of a `MessageEvent`
 * @property {string} origin
 * @property {unknown} source
 * @property {unknown} data
 */

/**
 * Returns the parsed message, or null when it must be dropped: wrong origin (exact string
 * comparison), not from our frame's window, data not a plain object, unknown type, or a
 * documented type whose fields are unusable.
 *
 * @param {IncomingMessage} event
 * @param {{ origin: string, frameWindow: unknown }} expected
 * @returns {RevendoMessage | null}
 */
export function acceptMessage(event, expected) {
  if (!expected.origin || event.origin !== expected.origin) return null;
  if (expected.frameWindow == null || event.source !== expected.frameWindow) return null;

  return parseRevendoData(event.data);
}

/**
 * Parses the data of a message whose sender is already established (by `acceptMessage`,
 * or by Rust for the webview display).
 *
 * @param {unknown} data
 * @returns {RevendoMessage | null}
 */
export function parseRevendoData(data) {
  if (!isRecord(data) || typeof data.type !== "string") return null;

  switch (data.type) {
    case "revendo_iframe_loaded":
      return { type: data.type, status: typeof data.status === "string" ? data.status : "" };

    case "revendo_resize": {
      const height = readPixels(data.height);
      return height === null ? null : { type: data.type, height: clampHeight(height) };
    }

    case "revendo_scroll_to_top":
      return { type: data.type };

    case "revendo_scroll_to_position": {
      const position = readPixels(data.position);
      if (position === null) return null;
      return { type: data.type, position: Math.min(Math.max(position, 0), MAX_FRAME_HEIGHT) };
    }

    // The quote events go to Rust as they came: Rust's protocol crate is the one parser of
    // quotes, so the page only checks that the part it must route on is present.
    case "revendo_device_selected":
      return isRecord(data.details) ? { type: data.type, event: data } : null;

    // Without a price id a removal cannot say which quote it means.
    case "revendo_remove_device_selected": {
      const priceId = readId(data.price_id);
      return priceId === null ? null : { type: data.type, priceId, event: data };
    }

    case "revendo_cart_updated":
      return Array.isArray(data.cart) ? { type: data.type, event: data } : null;

    case "revendo_order_complete":
      return { type: data.type, orderId: readId(data.order_id) };

    default:
      return null;
  }
}

/**
 * A pixel count as the iframe sends it: a finite number or a numeric string such as "1450"
 * or "1450.5". Anything else (units, empty, NaN, Infinity) is unusable.
 *
 * @param {unknown} value
 * @returns {number | null}
 */
export function readPixels(value) {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || !/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return null;
  return Number(value);
}

/**
 * @param {number} height
 * @returns {number} a whole pixel height within the frame's limits
 */
export function clampHeight(height) {
  return Math.round(Math.min(Math.max(height, MIN_FRAME_HEIGHT), MAX_FRAME_HEIGHT));
}

/**
 * @param {unknown} value
 * @returns {string | null}
 */
function readId(value) {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Counts dropped messages so they can be reported to Rust's log in batches rather than one
 * IPC call per message (a hostile page could post thousands).
 */
export function createDropCounter() {
  let count = 0;
  let lastOrigin = "";

  return {
    /** @param {string} origin */
    record(origin) {
      count += 1;
      lastOrigin = origin;
    },

    /** @returns {{ count: number, lastOrigin: string } | null} what to report, once */
    take() {
      if (count === 0) return null;
      const report = { count, lastOrigin };
      count = 0;
      return report;
    },
  };
}
