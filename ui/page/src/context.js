// What every screen receives from the shell of the page.

/**
 * @typedef {import('../../bindings/AppInfo').AppInfo} AppInfo
 * @typedef {import('../../bindings/Language').Language} Language
 * @typedef {import('./i18n.js').Translate} Translate
 * @typedef {"tradein" | "history" | "settings"} ScreenName
 */

/**
 * @typedef {object} TillContext
 * @property {Translate} t always translates into the current language
 * @property {() => Language} language
 * @property {() => AppInfo} info the last app_info() answer
 * @property {() => Promise<void>} refreshInfo asks Rust again (counts, identity, key)
 * @property {(screen: ScreenName) => void} openScreen
 * @property {(partnerOrderId: string, copy: boolean) => void} openReceipt shows the
 *   receipt of a confirmed order over the screen; `copy` marks a reprint
 */

export {};
