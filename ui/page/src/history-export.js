// Export of the current selection to CSV. Rust asks where to save and writes the file;
// the page shows how many rows are written and can cancel.

import * as commands from "./commands.js";
import { describeError, toAppError } from "./errors.js";
import { buttonByTest, byTest, show } from "./dom.js";

/**
 * @typedef {import('../../bindings/HistoryFilter').HistoryFilter} HistoryFilter
 * @typedef {import('./i18n.js').Translate} Translate
 */

/**
 * @typedef {object} ExportDone
 * @property {number} rows
 * @property {string | null} path null when nothing was saved
 * @property {boolean} cancelled
 */

/**
 * @param {unknown} payload a message of the export's progress channel
 * @returns {number | null} rows written so far
 */
export function progressRows(payload) {
  if (typeof payload !== "object" || payload === null) return null;
  const rows = /** @type {{ rows?: unknown }} */ (payload).rows;
  return typeof rows === "number" && Number.isFinite(rows) ? rows : null;
}

/**
 * @param {unknown} payload the export command's answer
 * @returns {ExportDone | null}
 */
export function doneReport(payload) {
  const rows = progressRows(payload);
  if (rows === null) return null;
  const raw = /** @type {{ path?: unknown, cancelled?: unknown }} */ (payload);
  return {
    rows,
    path: typeof raw.path === "string" && raw.path !== "" ? raw.path : null,
    cancelled: raw.cancelled === true,
  };
}

/**
 * @param {ExportDone} done
 * @param {Translate} t
 * @returns {string}
 */
export function doneText(done, t) {
  if (done.cancelled) return t("history.export_cancelled", { rows: done.rows });
  if (done.path === null) return t("history.export_not_saved");
  return t("history.export_done", { rows: done.rows, path: done.path });
}

/**
 * @param {{ t: Translate, filter: () => HistoryFilter }} context
 */
export function mountExport({ t, filter }) {
  const button = buttonByTest("history-export");
  const line = byTest("history-export-progress");
  const text = byTest("history-export-text");
  const cancel = buttonByTest("history-export-cancel");
  let running = false;

  /**
   * @param {string} message
   * @param {boolean} active the export still runs: Cancel is offered
   */
  function showLine(message, active) {
    text.textContent = message;
    show(line, message !== "");
    show(cancel, active);
    cancel.disabled = false;
    button.disabled = active;
  }

  /** @param {unknown} payload */
  function onProgress(payload) {
    const rows = progressRows(payload);
    if (running && rows !== null) showLine(t("history.export_progress", { rows }), true);
  }

  button.addEventListener("click", async () => {
    if (running) return;
    running = true;
    showLine(t("history.export_starting"), true);
    try {
      const done = doneReport(await commands.exportHistoryCsv(filter(), onProgress));
      running = false;
      showLine(done ? doneText(done, t) : "", false);
    } catch (rejection) {
      running = false;
      const notice = describeError(toAppError(rejection));
      showLine([t(notice.key), notice.detail].filter(Boolean).join(" "), false);
    }
  });

  cancel.addEventListener("click", () => {
    cancel.disabled = true;
    text.textContent = t("history.export_cancelling");
    commands.cancelExport().catch(() => {});
  });
}
