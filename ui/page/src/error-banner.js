// The banner that tells staff what went wrong and offers the one action that helps.

import { describeError } from "./errors.js";
import { byTest, show } from "./dom.js";

/**
 * @typedef {import('../../bindings/AppError').AppError} AppError
 * @typedef {import('./errors.js').ErrorAction} ErrorAction
 * @typedef {import('./i18n.js').Translate} Translate
 */

/** Actions that need a button; the others are handled where the error is shown. */
/** @type {Partial<Record<ErrorAction, string>>} */
const ACTION_LABELS = {
  start_over: "action.start_over",
  open_settings: "action.open_settings",
  open_history: "action.open_history",
};

/**
 * @param {Partial<Record<ErrorAction, () => void>>} handlers
 * @param {() => void} dismiss
 * @returns {{ render: (error: AppError | null, t: Translate) => void }}
 */
export function mountErrorBanner(handlers, dismiss) {
  const banner = byTest("error-banner");
  const button = byTest("error-action");
  /** @type {ErrorAction} */
  let current = "dismiss";

  button.addEventListener("click", () => handlers[current]?.());
  byTest("error-dismiss").addEventListener("click", dismiss);

  return {
    render(error, t) {
      show(banner, error !== null);
      if (!error) return;

      const notice = describeError(error);
      current = notice.action;
      byTest("error-message").textContent = t(notice.key);

      // An order kept in the journal is named, so staff can find it in the history.
      const reference = error.partnerOrderId
        ? t("error.reference", { partnerOrderId: error.partnerOrderId })
        : "";
      const text = [notice.detail, reference].filter(Boolean).join(" ");
      const detail = byTest("error-detail");
      detail.textContent = text;
      show(detail, text !== "");

      const label = ACTION_LABELS[notice.action];
      show(button, label !== undefined && handlers[notice.action] !== undefined);
      if (label) button.textContent = t(label);
    },
  };
}
