import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";

import { errorKeys, FIELD_PROBLEMS } from "../page/src/errors.js";
import { STATE_LABELS } from "../page/src/history-query.js";
import {
  asLanguage,
  createTranslator,
  fill,
  findGaps,
  LANGUAGES,
  pickLanguage,
} from "../page/src/i18n.js";

const root = new URL("../page/", import.meta.url);
const read = (/** @type {string} */ path) => readFileSync(new URL(path, root), "utf8");

/** @type {Record<string, Record<string, string>>} */
const dictionaries = Object.fromEntries(
  LANGUAGES.map((language) => [language, JSON.parse(read(`locales/${language}.json`))]),
);

test("there is a locale file for each language and no other", () => {
  const files = readdirSync(new URL("locales/", root)).filter((f) => f.endsWith(".json")).sort();
  assert.deepEqual(files, LANGUAGES.map((l) => `${l}.json`).sort());
});

test("every language has every key, none of them empty", () => {
  assert.deepEqual(findGaps(dictionaries), []);
});

test("the gap finder notices a missing and an empty key", () => {
  const gaps = findGaps({ de: { a: "A", b: "B" }, fr: { a: " " } });
  assert.deepEqual(gaps, [
    { language: "fr", key: "a" },
    { language: "fr", key: "b" },
  ]);
});

test("each language uses the same placeholders for a key", () => {
  const names = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(dictionaries.en)) {
    for (const language of LANGUAGES) {
      const text = dictionaries[language][key];
      assert.deepEqual(names(text), names(dictionaries.en[key]), `${language} ${key}`);
    }
  }
});

/** Every key the page asks for, collected from the markup and the scripts. */
function keysInUse() {
  const html = read("index.html");
  const keys = new Set([...html.matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1]));
  for (const [, pairs] of html.matchAll(/data-i18n-attr="([^"]+)"/g)) {
    for (const pair of pairs.split(";")) keys.add(pair.split(":")[1].trim());
  }

  for (const file of readdirSync(new URL("src/", root))) {
    const source = read(`src/${file}`);
    for (const [, key] of source.matchAll(/\bt\(\s*"([\w.]+)"/g)) keys.add(key);
    const quoted = /"((?:action|history|settings|key|done|error|receipt|status)\.[\w.]+)"/g;
    for (const [, key] of source.matchAll(quoted)) keys.add(key);
  }

  for (const key of errorKeys()) keys.add(key);
  for (const key of Object.values(STATE_LABELS)) keys.add(key);
  for (const problem of [...FIELD_PROBLEMS, "other"]) keys.add(`problem.${problem}`);
  for (const payout of ["cash", "voucher"]) {
    keys.add(`payout.${payout}`);
    keys.add(`quote.amount_${payout}`);
  }
  return keys;
}

test("every key the page uses exists in the locales", () => {
  const missing = [...keysInUse()].filter((key) => !(key in dictionaries.en));
  assert.deepEqual(missing, []);
});

test("the expired-quote sentence is the reference's, in English", () => {
  assert.equal(
    dictionaries.en["quote.expired"],
    "The trade-in quote has expired. Please select the device again to get a new quote.",
  );
});

test("the training banner says orders are not real in every language", () => {
  for (const language of LANGUAGES) {
    assert.ok(dictionaries[language]["training.banner"].length > 10, language);
  }
});

test("placeholders are filled, and an unfilled one stays visible", () => {
  assert.equal(fill("Kasse {till} · {operator}", { till: 3, operator: "Mia" }), "Kasse 3 · Mia");
  assert.equal(fill("{count} orders"), "{count} orders");
  assert.equal(fill("{constructor}", {}), "{constructor}");
});

test("the translator falls back to the fallback dictionary, then to the key", () => {
  const t = createTranslator({ a: "Eins {n}", empty: "" }, { b: "two", empty: "fallback" });
  assert.equal(t("a", { n: 1 }), "Eins 1");
  assert.equal(t("b"), "two");
  assert.equal(t("empty"), "fallback");
  assert.equal(t("nope"), "nope");
});

test("the till's setting wins over the system's languages", () => {
  assert.equal(pickLanguage("it", ["fr-CH", "de"]), "it");
});

test("without a setting the first supported system language wins", () => {
  assert.equal(pickLanguage(null, ["fr-CH", "de-CH"]), "fr");
  assert.equal(pickLanguage(undefined, ["rm-CH", "en_GB", "de"]), "en");
});

test("German is the last resort", () => {
  assert.equal(pickLanguage(null, []), "de");
  assert.equal(pickLanguage("xx", ["rm", "es-ES"]), "de");
});

test("language tags are read by their prefix, case-insensitively", () => {
  assert.equal(asLanguage("IT-ch"), "it");
  assert.equal(asLanguage("english"), null);
  assert.equal(asLanguage(""), null);
});
