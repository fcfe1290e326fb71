// The staff read the till in German, French, Italian or English. Locales are flat
// `{ "key": "text with {placeholders}" }` files in ui/page/locales/.

/**
 * @typedef {import('../../bindings/Language').Language} Language
 * @typedef {Record<string, string>} Dictionary
 * @typedef {(key: string, params?: Record<string, string | number>) => string} Translate
 */

/** @type {readonly Language[]} */
export const LANGUAGES = Object.freeze(["de", "fr", "it", "en"]);

/** German is the language of most Swiss stores, so it is the last resort. */
export const FALLBACK_LANGUAGE = "de";

/**
 * The first usable choice wins: the till's setting, then the system's languages in order of
 * preference ("fr-CH" counts as French), then German.
 *
 * @param {string | null | undefined} setting
 * @param {readonly string[]} systemLanguages e.g. navigator.languages
 * @returns {Language}
 */
export function pickLanguage(setting, systemLanguages) {
  for (const candidate of [setting, ...systemLanguages]) {
    const language = asLanguage(candidate);
    if (language) return language;
  }
  return FALLBACK_LANGUAGE;
}

/**
 * @param {string | null | undefined} tag a BCP 47 tag such as "it-CH" or "de"
 * @returns {Language | null}
 */
export function asLanguage(tag) {
  if (typeof tag !== "string") return null;
  const prefix = tag.trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((language) => language === prefix) ?? null;
}

/**
 * Replaces each `{name}` with its parameter. A placeholder without a parameter stays
 * visible rather than vanishing, so a missing value is noticed in testing.
 *
 * @param {string} text
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export function fill(text, params = {}) {
  return text.replace(/\{(\w+)\}/g, (whole, name) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/**
 * A missing key falls back to the fallback dictionary, then to the key itself: a till
 * that shows "quote.title" is better than one that shows nothing.
 *
 * @param {Dictionary} dictionary
 * @param {Dictionary} [fallback]
 * @returns {Translate}
 */
export function createTranslator(dictionary, fallback = {}) {
  return (key, params) => {
    const text = dictionary[key] || fallback[key] || key;
    return fill(text, params);
  };
}

/**
 * For the locale test: keys some language has and this one lacks, or has empty.
 *
 * @param {Record<string, Dictionary>} dictionaries by language
 * @returns {{ language: string, key: string }[]}
 */
export function findGaps(dictionaries) {
  const allKeys = new Set(Object.values(dictionaries).flatMap((d) => Object.keys(d)));
  /** @type {{ language: string, key: string }[]} */
  const gaps = [];

  for (const [language, dictionary] of Object.entries(dictionaries)) {
    for (const key of allKeys) {
      const text = dictionary[key];
      if (typeof text !== "string" || text.trim() === "") gaps.push({ language, key });
    }
  }
  return gaps;
}
