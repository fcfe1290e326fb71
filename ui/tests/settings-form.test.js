import { test } from "node:test";
import assert from "node:assert/strict";

import {
  fieldsToSettings,
  needsRestart,
  receiptLines,
  settingsToFields,
} from "../page/src/settings-form.js";

const settings = {
  environment: "production",
  customApiBase: "",
  customIframeUrl: "",
  customOrigin: "",
  display: "iframe",
  storeId: "ZH-01",
  tillId: "3",
  operator: "Mia",
  language: null,
  receiptHeader: ["Elektro Muster AG", "", "Bahnhofstrasse 1, 8001 Zürich"],
  retentionDays: 90,
};

test("settings survive the round trip through the form unchanged", () => {
  assert.deepEqual(fieldsToSettings(settingsToFields(settings)), { settings });
});

test("'system language' is an empty choice in the form and null in the settings", () => {
  assert.equal(settingsToFields(settings).language, "");
  const fields = { ...settingsToFields(settings), language: "fr" };
  assert.equal(fieldsToSettings(fields).settings.language, "fr");
});

test("retention must be a whole number of days, at least one", () => {
  for (const retentionDays of ["", "0", "-3", "2.5", "ninety"]) {
    const result = fieldsToSettings({ ...settingsToFields(settings), retentionDays });
    assert.deepEqual(result, { errorKey: "settings.retention_invalid" }, retentionDays);
  }
  const fields = { ...settingsToFields(settings), retentionDays: " 30 " };
  assert.equal(fieldsToSettings(fields).settings.retentionDays, 30);
});

test("an unknown environment or display is refused", () => {
  const fields = { ...settingsToFields(settings), environment: "training" };
  assert.deepEqual(fieldsToSettings(fields), { errorKey: "settings.invalid_choice" });
});

test("receipt lines keep inner blank lines and drop trailing ones", () => {
  assert.deepEqual(receiptLines("A  \r\n\nB\n\n\n"), ["A", "", "B"]);
  assert.deepEqual(receiptLines(""), []);
});

test("environment and display changes need a restart, identity changes do not", () => {
  assert.equal(needsRestart(settings, { ...settings, operator: "Luca" }), false);
  assert.equal(needsRestart(settings, { ...settings, environment: "staging" }), true);
  assert.equal(needsRestart(settings, { ...settings, display: "webview" }), true);
  const custom = { ...settings, environment: "custom", customOrigin: "http://127.0.0.1:8080" };
  assert.equal(needsRestart(custom, { ...custom, customOrigin: "http://127.0.0.1:9090" }), true);
});
