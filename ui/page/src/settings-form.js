// The settings screen edits text fields; Rust owns the Settings record and validates it.
// This module converts between the two and catches only what the page can see for itself.

/**
 * @typedef {import('../../bindings/Settings').Settings} Settings
 * @typedef {import('../../bindings/Environment').Environment} Environment
 * @typedef {import('../../bindings/Display').Display} Display
 * @typedef {import('../../bindings/Language').Language} Language
 */

/**
 * @typedef {object} SettingsFields every value as the form holds it
 * @property {string} environment
 * @property {string} customApiBase
 * @property {string} customIframeUrl
 * @property {string} customOrigin
 * @property {string} display
 * @property {string} storeId
 * @property {string} tillId
 * @property {string} operator
 * @property {string} language "" means: follow the system
 * @property {string} receiptHeader one receipt line per text line
 * @property {string} retentionDays
 */

/** @type {readonly Environment[]} */
const ENVIRONMENTS = ["production", "staging", "custom"];
/** @type {readonly Display[]} */
const DISPLAYS = ["iframe", "webview"];
/** @type {readonly Language[]} */
const LANGUAGES = ["de", "fr", "it", "en"];

/**
 * @param {Settings} settings
 * @returns {SettingsFields}
 */
export function settingsToFields(settings) {
  return {
    environment: settings.environment,
    customApiBase: settings.customApiBase,
    customIframeUrl: settings.customIframeUrl,
    customOrigin: settings.customOrigin,
    display: settings.display,
    storeId: settings.storeId,
    tillId: settings.tillId,
    operator: settings.operator,
    language: settings.language ?? "",
    receiptHeader: settings.receiptHeader.join("\n"),
    retentionDays: String(settings.retentionDays),
  };
}

/**
 * @param {SettingsFields} fields
 * @returns {{ settings: Settings } | { errorKey: string }}
 */
export function fieldsToSettings(fields) {
  const environment = ENVIRONMENTS.find((e) => e === fields.environment);
  const display = DISPLAYS.find((d) => d === fields.display);
  if (!environment || !display) return { errorKey: "settings.invalid_choice" };

  const retention = fields.retentionDays.trim();
  if (!/^\d+$/.test(retention) || Number(retention) < 1) {
    return { errorKey: "settings.retention_invalid" };
  }

  return {
    settings: {
      environment,
      customApiBase: fields.customApiBase.trim(),
      customIframeUrl: fields.customIframeUrl.trim(),
      customOrigin: fields.customOrigin.trim(),
      display,
      storeId: fields.storeId.trim(),
      tillId: fields.tillId.trim(),
      operator: fields.operator.trim(),
      language: LANGUAGES.find((l) => l === fields.language) ?? null,
      receiptHeader: receiptLines(fields.receiptHeader),
      retentionDays: Number(retention),
    },
  };
}

/**
 * Blank lines inside the header are kept (they space the receipt); those at the end are not.
 *
 * @param {string} text
 * @returns {string[]}
 */
export function receiptLines(text) {
  const lines = text.split(/\r?\n/).map((line) => line.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * The Revendo page and its origin are fixed when the window is built, so these changes
 * only take effect after a restart; the screen says so.
 *
 * @param {Settings} before
 * @param {Settings} after
 * @returns {boolean}
 */
export function needsRestart(before, after) {
  return (
    before.environment !== after.environment ||
    before.display !== after.display ||
    (after.environment === "custom" &&
      (before.customApiBase !== after.customApiBase ||
        before.customIframeUrl !== after.customIframeUrl ||
        before.customOrigin !== after.customOrigin))
  );
}
