// The settings screen. The API key is write-only: the page sends a new one or asks for its
// deletion and only ever learns whether one is stored.

import * as commands from "./commands.js";
import { describeError, toAppError } from "./errors.js";
import { fieldsToSettings, needsRestart, settingsToFields } from "./settings-form.js";
import { buttonByTest, byTest, inputByTest, show } from "./dom.js";

/**
 * @typedef {import('./context.js').TillContext} TillContext
 * @typedef {import('../../bindings/Settings').Settings} Settings
 * @typedef {import('../../bindings/KeyStatus').KeyStatus} KeyStatus
 * @typedef {import('./settings-form.js').SettingsFields} SettingsFields
 */

/**
 * @param {TillContext} context
 * @param {(settings: Settings) => Promise<void>} onSaved lets the page follow a new
 *   language or identity at once
 * @returns {{ open: () => void, render: () => void }}
 */
export function mountSettings(context, onSaved) {
  const { t } = context;
  const form = /** @type {HTMLFormElement} */ (byTest("settings-form"));
  /** @type {Settings | null} */
  let saved = null;
  /** @type {KeyStatus | null} */
  let key = null;

  /** @param {unknown} rejection */
  function errorText(rejection) {
    const notice = describeError(toAppError(rejection));
    return [t(notice.key), notice.detail].filter(Boolean).join(" — ");
  }

  async function open() {
    byTest("settings-status").textContent = "";
    byTest("key-message").textContent = "";
    show(byTest("settings-error"), false);
    show(byTest("settings-training-note"), context.info().training);

    const [settings, status] = await Promise.allSettled([
      commands.getSettings(),
      commands.keyStatus(),
    ]);
    if (settings.status === "fulfilled") fillForm(settings.value);
    else showSettingsError(errorText(settings.reason));

    key = status.status === "fulfilled" ? status.value : null;
    renderKey();
  }

  /** @param {Settings} settings */
  function fillForm(settings) {
    saved = settings;
    const fields = settingsToFields(settings);
    for (const [name, value] of Object.entries(fields)) {
      const control = form.elements.namedItem(name);
      if (
        control instanceof RadioNodeList ||
        control instanceof HTMLInputElement ||
        control instanceof HTMLSelectElement ||
        control instanceof HTMLTextAreaElement
      ) {
        control.value = value;
      }
    }
    renderCustomEnvironment();
  }

  /** @returns {SettingsFields} */
  function readForm() {
    const data = new FormData(form);
    const read = (/** @type {string} */ name) => String(data.get(name) ?? "");
    return {
      environment: read("environment"),
      customApiBase: read("customApiBase"),
      customIframeUrl: read("customIframeUrl"),
      customOrigin: read("customOrigin"),
      display: read("display"),
      storeId: read("storeId"),
      tillId: read("tillId"),
      operator: read("operator"),
      language: read("language"),
      receiptHeader: read("receiptHeader"),
      retentionDays: read("retentionDays"),
    };
  }

  function renderCustomEnvironment() {
    show(byTest("settings-custom"), readForm().environment === "custom");
  }

  /** @param {string} text */
  function showSettingsError(text) {
    const error = byTest("settings-error");
    error.textContent = text;
    show(error, text !== "");
  }

  async function save() {
    byTest("settings-status").textContent = "";
    showSettingsError("");

    const parsed = fieldsToSettings(readForm());
    if ("errorKey" in parsed) return showSettingsError(t(parsed.errorKey));

    const button = buttonByTest("settings-save");
    button.disabled = true;
    try {
      const before = saved;
      const after = await commands.saveSettings(parsed.settings);
      fillForm(after);
      await onSaved(after);
      const restart = before !== null && needsRestart(before, after);
      const savedKey = restart ? "settings.saved_restart" : "settings.saved";
      byTest("settings-status").textContent = t(savedKey);
    } catch (rejection) {
      showSettingsError(errorText(rejection));
    } finally {
      button.disabled = false;
    }
  }

  function renderKey() {
    const status = byTest("key-status");
    const input = inputByTest("settings-api-key");
    const available = key?.available ?? context.info().keychainAvailable;
    const stored = key?.stored ?? context.info().apiKeyStored;

    status.textContent = t(!available ? "key.unavailable" : stored ? "key.stored" : "key.missing");
    status.dataset.state = !available ? "unavailable" : stored ? "stored" : "missing";

    input.disabled = !available;
    buttonByTest("settings-save-key").disabled = !available;
    buttonByTest("settings-save-key").textContent = t(stored ? "key.replace" : "key.store");
    show(byTest("settings-delete-key"), available && stored);
    show(byTest("settings-delete-key-confirm"), false);
  }

  /** @param {() => Promise<KeyStatus>} request */
  async function changeKey(request) {
    const message = byTest("key-message");
    message.textContent = "";
    try {
      key = await request();
      message.textContent = t(key.stored ? "key.saved" : "key.deleted");
      context.refreshInfo();
    } catch (rejection) {
      message.textContent = errorText(rejection);
    }
    renderKey();
  }

  byTest("settings-key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = inputByTest("settings-api-key");
    const value = input.value.trim();
    // The key leaves the page at once: the field never keeps it after the attempt.
    input.value = "";
    if (value === "") {
      byTest("key-message").textContent = t("key.empty");
      return;
    }
    changeKey(() => commands.setApiKey(value));
  });

  byTest("settings-delete-key").addEventListener("click", () => {
    show(byTest("settings-delete-key"), false);
    show(byTest("settings-delete-key-confirm"), true);
    byTest("settings-delete-key-confirm").focus();
  });
  byTest("settings-delete-key-confirm").addEventListener("click", () => {
    changeKey(commands.deleteApiKey);
  });

  form.addEventListener("change", renderCustomEnvironment);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    save();
  });

  return {
    open,
    render() {
      renderKey();
    },
  };
}
