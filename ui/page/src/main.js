// The page's entry: asks Rust who and where this till is, picks the language, and mounts
// the three screens. Nothing here decides anything Rust owns.

import * as commands from "./commands.js";
import { toAppError } from "./errors.js";
import { createTranslator, pickLanguage } from "./i18n.js";
import { mountHistory } from "./history-view.js";
import { mountReceipt } from "./receipt-view.js";
import { mountSettings } from "./settings-view.js";
import { mountTradeIn } from "./tradein.js";
import { applyTranslations, buttonByTest, byTest, show } from "./dom.js";

/**
 * @typedef {import('../../bindings/AppInfo').AppInfo} AppInfo
 * @typedef {import('../../bindings/Language').Language} Language
 * @typedef {import('../../bindings/Settings').Settings} Settings
 * @typedef {import('./context.js').ScreenName} ScreenName
 * @typedef {import('./context.js').TillContext} TillContext
 * @typedef {import('./i18n.js').Translate} Translate
 */

/** @type {readonly ScreenName[]} */
const SCREENS = ["tradein", "history", "settings"];

/** @type {Language} */
let language = "de";
/** @type {Translate} */
let translate = createTranslator({});

/** @type {Translate} */
const t = (key, params) => translate(key, params);

/**
 * Locales are files of the app itself, fetched like any other asset of the page.
 *
 * @param {Language} next
 */
async function useLanguage(next) {
  const response = await fetch(`locales/${next}.json`);
  if (!response.ok) throw new Error(`locale ${next} could not be loaded (${response.status})`);
  translate = createTranslator(await response.json());
  language = next;
  document.documentElement.lang = next;
  applyTranslations(document, t);
}

/** @param {AppInfo} info */
function renderTopbar(info) {
  byTest("app-version").textContent = info.version;
  byTest("till-identity").textContent = t("topbar.identity", {
    store: info.storeId || "–",
    till: info.tillId || "–",
    operator: info.operator || "–",
  });
  show(byTest("training-banner"), info.training);
  document.body.classList.toggle("training", info.training);

  const badge = byTest("nav-history-badge");
  badge.textContent = String(info.unresolvedCount);
  badge.setAttribute("aria-label", t("history.unresolved_count", { count: info.unresolvedCount }));
  show(badge, info.unresolvedCount > 0);
}

/** @param {unknown} rejection */
async function showStartupError(rejection) {
  await useLanguage(pickLanguage(null, navigator.languages)).catch(() => {});
  byTest("startup-error-message").textContent = toAppError(rejection).message;
  show(byTest("startup-error"), true);
  buttonByTest("startup-retry").addEventListener("click", () => location.reload());
}

async function boot() {
  /** @type {AppInfo} */
  let info;
  try {
    info = await commands.appInfo();
  } catch (rejection) {
    return showStartupError(rejection);
  }

  // Rust's `language` already resolves "no setting" its own way; the settings' explicit
  // choice comes first, then the webview's system languages, as the contract orders.
  const settings = await commands.getSettings().catch(() => null);
  const preferred = settings ? settings.language : info.language;
  // A till with untranslated labels still works; a till that refuses to start does not.
  await useLanguage(pickLanguage(preferred, navigator.languages)).catch((error) => {
    console.error(error);
  });

  /** @type {{ render: () => void }[]} */
  const views = [];
  /** @type {Partial<Record<ScreenName, () => void>>} */
  const onOpen = {};

  const receipt = mountReceipt({ t, language: () => language, training: () => info.training });

  /** @type {TillContext} */
  const context = {
    t,
    language: () => language,
    info: () => info,
    async refreshInfo() {
      info = await commands.appInfo().catch(() => info);
      renderTopbar(info);
      for (const view of views) view.render();
    },
    openScreen(screen) {
      receipt.close();
      for (const name of SCREENS) {
        show(byTest(`screen-${name}`), name === screen);
        const nav = byTest(`nav-${name}`);
        if (name === screen) nav.setAttribute("aria-current", "page");
        else nav.removeAttribute("aria-current");
      }
      window.scrollTo(0, 0);
      onOpen[screen]?.();
    },
    openReceipt: receipt.open,
  };

  /** @param {Settings} saved */
  async function followSettings(saved) {
    const next = pickLanguage(saved.language, navigator.languages);
    if (next !== language) await useLanguage(next);
    await context.refreshInfo();
  }

  const tradeIn = mountTradeIn(context);
  const history = mountHistory(context);
  const settingsScreen = mountSettings(context, followSettings);
  views.push(tradeIn, history, settingsScreen, receipt);
  onOpen.history = history.open;
  onOpen.settings = settingsScreen.open;

  for (const name of SCREENS) {
    byTest(`nav-${name}`).addEventListener("click", () => context.openScreen(name));
  }

  renderTopbar(info);
  context.openScreen("tradein");
}

boot();
