// The few DOM operations every view needs. Elements are found by their `data-test` name,
// the same stable name the WebDriver tests use, so markup and tests cannot drift apart.

/**
 * @typedef {import('./i18n.js').Translate} Translate
 */

/**
 * @param {string} name
 * @param {ParentNode} [root]
 * @returns {HTMLElement}
 */
export function byTest(name, root = document) {
  const element = root.querySelector(`[data-test="${name}"]`);
  if (!(element instanceof HTMLElement)) throw new Error(`the page lacks [data-test="${name}"]`);
  return element;
}

/**
 * @param {string} name
 * @param {ParentNode} [root]
 * @returns {HTMLInputElement}
 */
export function inputByTest(name, root = document) {
  const element = byTest(name, root);
  if (!(element instanceof HTMLInputElement)) throw new Error(`[data-test="${name}"] is no input`);
  return element;
}

/**
 * @param {string} name
 * @param {ParentNode} [root]
 * @returns {HTMLButtonElement}
 */
export function buttonByTest(name, root = document) {
  const element = byTest(name, root);
  if (!(element instanceof HTMLButtonElement)) {
    throw new Error(`[data-test="${name}"] is no button`);
  }
  return element;
}

/**
 * @param {HTMLElement} element
 * @param {boolean} visible
 */
export function show(element, visible) {
  element.hidden = !visible;
}

/**
 * Creates an element whose text is set as text: anything from Revendo or the journal goes
 * through here or through `textContent`, never through HTML parsing.
 *
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {{ text?: string, className?: string, test?: string }} [options]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function make(tag, options = {}) {
  const element = document.createElement(tag);
  if (options.text !== undefined) element.textContent = options.text;
  if (options.className) element.className = options.className;
  if (options.test) element.dataset.test = options.test;
  return element;
}

/**
 * Fills the static text of the page: `data-i18n="key"` sets the text, and
 * `data-i18n-attr="attr:key;attr:key"` sets attributes such as aria-label or placeholder.
 *
 * @param {ParentNode} root
 * @param {Translate} t
 */
export function applyTranslations(root, t) {
  for (const element of root.querySelectorAll("[data-i18n]")) {
    const key = element.getAttribute("data-i18n");
    if (key) element.textContent = t(key);
  }

  for (const element of root.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of (element.getAttribute("data-i18n-attr") ?? "").split(";")) {
      const [attribute, key] = pair.split(":");
      if (attribute && key) element.setAttribute(attribute.trim(), t(key.trim()));
    }
  }
}

/**
 * Height of the top bar and of the training banner, which stay on screen when the page
 * scrolls: what they cover is not visible.
 *
 * @returns {number} CSS pixels
 */
export function stickyBarsHeight() {
  let covered = 0;
  for (const sticky of document.querySelectorAll(".topbar, .training-banner")) {
    if (sticky instanceof HTMLElement && !sticky.hidden) covered += sticky.offsetHeight;
  }
  return covered;
}
