// The Revendo page inside the till: loads it, configures it on every load, keeps it sized,
// scrolls for it, notices when it never says hello, and hands the quote events on.
// Either as an iframe (messages filtered here) or, when the settings say "webview", in a
// webview of its own that Rust lays over a slot of the page (see revendo-view.js), whose
// messages Rust has already checked when it forwards them here.

import { acceptMessage, createDropCounter, parseRevendoData } from "./messages.js";
import { listen, placeRevendoView, reloadRevendoView, reportDroppedMessages } from "./commands.js";
import { byTest, show, stickyBarsHeight } from "./dom.js";
import { followSlot } from "./revendo-view.js";

/** The docs' partners wait about this long before calling the trade-in unavailable. */
export const LOAD_TIMEOUT_MS = 15_000;
const DROP_REPORT_INTERVAL_MS = 10_000;

/** The event Rust emits for each checked message of the Revendo webview. */
const WEBVIEW_EVENT = "revendo-message";

/**
 * @typedef {import('./messages.js').RevendoMessage} RevendoMessage
 * @typedef {import('../../bindings/AppInfo').AppInfo} AppInfo
 */

/**
 * @param {AppInfo} info
 * @param {(message: RevendoMessage) => void} onQuoteMessage device selected, removed, cart
 * @returns {{ reload: () => void }}
 */
export function mountRevendoFrame(info, onQuoteMessage) {
  const frame = /** @type {HTMLIFrameElement} */ (byTest("revendo-frame"));
  const unavailable = byTest("tradein-unavailable");
  const slot = byTest("revendo-webview-slot");
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let loadTimer;

  function markReady() {
    clearTimeout(loadTimer);
    show(unavailable, false);
  }

  function startLoadTimer() {
    clearTimeout(loadTimer);
    loadTimer = setTimeout(() => show(unavailable, true), LOAD_TIMEOUT_MS);
  }

  const framed = info.display !== "webview";

  /** @param {RevendoMessage} message */
  function handle(message) {
    switch (message.type) {
      case "revendo_iframe_loaded":
        markReady();
        break;
      // In its own webview Revendo has a fixed size and scrolls itself.
      case "revendo_resize":
        if (framed) frame.style.height = `${message.height}px`;
        break;
      case "revendo_scroll_to_top":
        if (framed) scrollToFrame(frame, 0);
        break;
      case "revendo_scroll_to_position":
        if (framed) scrollToFrame(frame, message.position);
        break;
      case "revendo_order_complete":
        // Analytics only: the till's order is the one Rust finalizes, not Revendo's cart.
        break;
      default:
        onQuoteMessage(message);
    }
  }

  if (info.display === "webview") {
    show(frame, false);
    show(slot, true);
    followSlot(slot, () => !unavailable.hidden, placeRevendoView);

    function reloadView() {
      show(unavailable, false);
      startLoadTimer();
      reloadRevendoView().catch(() => show(unavailable, true));
    }
    byTest("revendo-retry").addEventListener("click", reloadView);
    // Loaded again once the page listens: a "loaded" message sent before would be lost.
    listenToWebview(handle).then(reloadView);
    return { reload: reloadView };
  }

  // Configure on every load, not once: the iframe navigates inside itself and each new
  // document starts with autoScroll off.
  frame.addEventListener("load", () => {
    if (!info.revendoOrigin) return;
    frame.contentWindow?.postMessage(
      { type: "revendo_configure", autoScroll: true },
      info.revendoOrigin,
    );
  });

  listenToWindow(info.revendoOrigin, frame, handle);

  function reload() {
    show(unavailable, false);
    frame.style.height = "";
    frame.src = info.iframeUrl;
    startLoadTimer();
  }

  byTest("revendo-retry").addEventListener("click", reload);
  reload();
  return { reload };
}

/**
 * @param {string} origin
 * @param {HTMLIFrameElement} frame
 * @param {(message: RevendoMessage) => void} handle
 */
function listenToWindow(origin, frame, handle) {
  const drops = createDropCounter();
  let reporting = true;

  window.addEventListener("message", (event) => {
    const message = acceptMessage(event, { origin, frameWindow: frame.contentWindow });
    if (message) handle(message);
    else drops.record(event.origin);
  });

  // A command that does not exist (older shell) stops the reports instead of failing
  // every ten seconds.
  setInterval(() => {
    const report = reporting ? drops.take() : null;
    if (!report) return;
    reportDroppedMessages(report.count, report.lastOrigin).catch(() => {
      reporting = false;
    });
  }, DROP_REPORT_INTERVAL_MS);
}

/**
 * @param {(message: RevendoMessage) => void} handle
 * @returns {Promise<unknown>} settled once listening
 */
function listenToWebview(handle) {
  return listen(WEBVIEW_EVENT, (payload) => {
    const message = parseRevendoData(payload);
    if (message) handle(message);
  });
}

/**
 * The top bar (and the training banner) stay on screen, so the target is placed just
 * below them.
 *
 * @param {HTMLIFrameElement} frame
 * @param {number} position pixels from the frame's top
 */
function scrollToFrame(frame, position) {
  const covered = stickyBarsHeight();
  const top = frame.getBoundingClientRect().top + window.scrollY + position - covered - 8;
  window.scrollTo({ top: Math.max(top, 0), behavior: "smooth" });
}
