// The sandbox's trade-in page: pick a device, describe its condition, accept a quote.
//
// It talks to its parent (the till) only through window.postMessage, with the messages
// Revendo publishes. Prices and offers come from the sandbox server on this same origin.
// Every text that comes from data (product names above all) is set as text, never parsed
// as HTML.
"use strict";

(() => {
  const params = new URLSearchParams(window.location.search);
  const catalogName = params.get("catalog") === "hostile" ? "hostile" : "";
  // With events=seed, revendo_device_selected carries no offer_id, as in the seed version
  // of the documentation, so the price id is the only id a till gets.
  const seedEvents = params.get("events") === "seed";
  const QUESTIONS_NEEDED = ["screen", "battery", "packaging"];
  const money = new Intl.NumberFormat("de-CH", { style: "currency", currency: "CHF" });

  const state = {
    catalogue: null,
    category: null,
    device: null,
    answers: {},
    preview: null,
    previewRequest: 0,
    payout: "cash",
    cart: [],
    autoScroll: false,
    activeSection: null,
    busy: false,
  };

  const app = document.getElementById("app");
  const problem = document.getElementById("problem");

  // --- messages to and from the parent -------------------------------------------------

  function post(message) {
    window.parent.postMessage(message, "*");
  }

  function timestamp() {
    return new Date().toISOString();
  }

  window.addEventListener("message", (event) => {
    if (window.parent === window || event.source !== window.parent) return;
    const data = event.data;
    if (!data || typeof data !== "object" || data.type !== "revendo_configure") return;
    if (typeof data.autoScroll === "boolean") {
      state.autoScroll = data.autoScroll;
      document.body.dataset.autoScroll = String(data.autoScroll);
    }
  });

  let reportedHeight = 0;
  function reportHeight() {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === reportedHeight) return;
    reportedHeight = height;
    post({ type: "revendo_resize", height });
  }

  function cartMessage() {
    return {
      type: "revendo_cart_updated",
      cart: state.cart.map((offer) => {
        const item = {
          price_id: offer.price_id,
          offer_id: offer.offer_id,
          price: { final_cash: offer.price.final_cash, final_coupon: offer.price.final_coupon },
        };
        if (seedEvents) delete item.offer_id;
        return item;
      }),
      payout: state.payout,
      timestamp: timestamp(),
    };
  }

  function deviceSelectedMessage(offer) {
    const details = {
      offer_id: offer.offer_id,
      price_id: offer.price_id,
      product: offer.product,
      price: offer.price,
      deductions: offer.deductions,
      bonuses: offer.bonuses,
      coupons: offer.coupons,
    };
    if (seedEvents) delete details.offer_id;
    return { type: "revendo_device_selected", details, timestamp: timestamp() };
  }

  // --- scrolling ---------------------------------------------------------------------

  function scrollToTop() {
    post({ type: "revendo_scroll_to_top", timestamp: timestamp() });
    if (!state.autoScroll) window.scrollTo({ top: 0 });
  }

  function focusSection(section) {
    if (!section || section === state.activeSection) return;
    state.activeSection = section;
    const position = Math.round(section.getBoundingClientRect().top + window.scrollY);
    post({ type: "revendo_scroll_to_position", position, timestamp: timestamp() });
    if (!state.autoScroll) section.scrollIntoView({ block: "start", behavior: "smooth" });
  }

  // --- the server ----------------------------------------------------------------------

  async function call(path, body) {
    const init = body === undefined
      ? { method: "GET" }
      : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
    const response = await fetch(path, init);
    if (!response.ok) throw new Error(`the sandbox answered ${response.status}`);
    return response.json();
  }

  function showProblem(text) {
    problem.textContent = text;
    problem.hidden = !text;
  }

  // --- building the page ---------------------------------------------------------------

  // Creates an element. Children that are strings become text nodes, never markup.
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "onclick") node.addEventListener("click", value);
      else if (name === "onchange") node.addEventListener("change", value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) node.append(child);
    }
    return node;
  }

  function heading(text) {
    return el("h1", { tabindex: "-1", class: "step-title" }, text);
  }

  function backButton(onclick) {
    return el("button", { type: "button", class: "back", "data-test": "back", onclick }, "← Back");
  }

  function show(step, ...children) {
    state.activeSection = null;
    app.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined));
    const firstStep = !app.dataset.step;
    app.dataset.step = step;
    if (!firstStep) scrollToTop();
    const title = app.querySelector(".step-title");
    if (title) title.focus({ preventScroll: true });
  }

  function amount(offerOrPreview) {
    const price = offerOrPreview.price;
    return state.payout === "voucher" ? price.final_coupon : price.final_cash;
  }

  function payoutChooser(cash, voucher) {
    const choice = (value, label, price, hint) => el("label", { class: "choice payout", "data-test": `payout-${value}` },
      el("input", {
        type: "radio", name: "payout", value, checked: state.payout === value,
        onchange: () => choosePayout(value),
      }),
      el("span", { class: "tile" },
        el("span", { class: "tile-label" }, label),
        el("strong", { class: "tile-price", "data-test": `price-${value}` }, money.format(price)),
        el("span", { class: "tile-hint" }, hint)));

    return el("fieldset", { class: "payouts", "data-test": "payout-choice" },
      el("legend", {}, "How would you like to be paid?"),
      choice("cash", "Cash", cash, "By bank transfer"),
      choice("voucher", "Store voucher", voucher, "About 10 % more"));
  }

  // --- steps ---------------------------------------------------------------------------

  function showCategories() {
    state.category = null;
    state.device = null;
    const buttons = state.catalogue.categories.map((category) =>
      el("button", {
        type: "button", class: "card", "data-test": `category-${category.id}`,
        onclick: () => showDevices(category),
      },
      el("span", { class: "card-title" }, category.label),
      el("span", { class: "card-hint" }, `${category.devices.length} models`)));

    const cartLink = state.cart.length
      ? el("button", { type: "button", class: "link", "data-test": "view-cart", onclick: showCart },
        `View your trade-in (${state.cart.length})`)
      : null;
    show("category", heading("What would you like to sell?"),
      el("p", { class: "lead" }, "Choose a category. Your quote is ready in under a minute."),
      el("div", { class: "grid" }, buttons), cartLink);
  }

  function showDevices(category) {
    state.category = category;
    const buttons = category.devices.map((device) =>
      el("button", {
        type: "button", class: "card row", "data-test": `device-${device.slug}`,
        onclick: () => showCondition(device),
      },
      el("span", { class: "card-title" }, device.name),
      el("span", { class: "card-hint" }, `up to ${money.format(device.base)}`)));

    show("device", backButton(showCategories), heading(category.label),
      el("div", { class: "list" }, buttons));
  }

  function showCondition(device) {
    state.device = device;
    state.answers = {};
    state.preview = null;

    const questions = state.catalogue.questions.map((question, index) => {
      const options = question.options.map((option) =>
        el("label", { class: "choice", "data-test": `answer-${question.id}-${option.id}` },
          el("input", {
            type: "radio", name: question.id, value: option.id,
            onchange: () => answer(question.id, option.id),
          }),
          el("span", { class: "tile" }, option.label)));
      return el("fieldset", { class: "question section", "data-section": question.id },
        el("legend", {}, `${index + 1}. ${question.label}`),
        el("div", { class: "options" }, options));
    });

    const offer = el("section", { class: "offer section", "data-section": "offer", "data-test": "offer" },
      el("h2", {}, "Your quote"),
      el("div", { class: "offer-body" },
        el("p", { class: "hint" }, "Answer the questions to see your price.")));

    show("condition", backButton(() => showDevices(state.category)),
      heading(device.name),
      el("p", { class: "lead" }, "Tell us about its condition."),
      questions, offer);
  }

  async function answer(question, option) {
    state.answers[question] = option;
    const next = QUESTIONS_NEEDED.find((id) => !(id in state.answers)) || "offer";
    focusSection(app.querySelector(`[data-section="${next}"]`));
    if (next !== "offer") return;

    const request = ++state.previewRequest;
    try {
      const preview = await call("/sandbox/prices", { product_id: state.device.id, answers: state.answers });
      if (request !== state.previewRequest) return;
      state.preview = preview;
      showProblem("");
      renderOffer();
    } catch (error) {
      showProblem(`The price could not be calculated (${error.message}). Please try again.`);
    }
  }

  function adjustmentList(lines, kind) {
    return lines.map((line) => el("li", { class: kind },
      el("span", {}, line.label),
      el("span", {}, `${line.amount > 0 ? "+" : "−"} ${money.format(Math.abs(line.amount))}`)));
  }

  function renderOffer() {
    const preview = state.preview;
    const body = app.querySelector(".offer-body");
    if (!body || !preview) return;

    body.replaceChildren(
      el("ul", { class: "breakdown" },
        el("li", {}, el("span", {}, "Price in flawless condition"), el("span", {}, money.format(preview.price.base))),
        adjustmentList(preview.deductions, "deduction"),
        adjustmentList(preview.bonuses, "bonus")),
      payoutChooser(preview.price.final_cash, preview.price.final_coupon),
      el("button", {
        type: "button", class: "primary", "data-test": "add-device", onclick: addDevice,
      }, "Add device to trade-in"));
  }

  async function addDevice() {
    if (state.busy) return;
    state.busy = true;
    try {
      const offer = await call("/sandbox/quotes", {
        product_id: state.device.id, answers: state.answers, payout: state.payout,
      });
      state.cart.push(offer);
      showProblem("");
      post(deviceSelectedMessage(offer));
      post(cartMessage());
      showCart();
    } catch (error) {
      showProblem(`The device could not be added (${error.message}). Please try again.`);
    } finally {
      state.busy = false;
    }
  }

  function removeDevice(offer) {
    state.cart = state.cart.filter((item) => item !== offer);
    post({ type: "revendo_remove_device_selected", price_id: offer.price_id, timestamp: timestamp() });
    post(cartMessage());
    if (state.cart.length) showCart();
    else showCategories();
  }

  async function choosePayout(payout) {
    state.payout = payout;
    if (app.dataset.step === "cart") renderCartTotals();
    if (!state.cart.length) return;

    try {
      await call("/sandbox/quotes/payout", { offer_ids: state.cart.map((offer) => offer.offer_id), payout });
      showProblem("");
      post(cartMessage());
    } catch (error) {
      showProblem(`The payout could not be changed (${error.message}). Please try again.`);
    }
  }

  function showCart() {
    const items = state.cart.map((offer) => {
      const lines = [...offer.deductions, ...offer.bonuses].map((line) => line.label).join(", ");
      return el("li", { class: "cart-item", "data-test": "cart-item", "data-price-id": offer.price_id },
        el("div", { class: "cart-text" },
          el("strong", { class: "cart-name", "data-test": "cart-item-name" }, offer.product.name),
          el("span", { class: "card-hint" }, lines || "Flawless condition")),
        el("span", { class: "cart-amount", "data-test": "cart-item-amount" }, money.format(amount(offer))),
        el("button", {
          type: "button", class: "remove", "data-test": "remove-device",
          "data-price-id": offer.price_id, "aria-label": `Remove ${offer.product.name}`,
          onclick: () => removeDevice(offer),
        }, "Remove"));
    });

    const sum = (key) => state.cart.reduce((total, offer) => total + offer.price[key], 0);
    show("cart", heading("Your trade-in"),
      el("ul", { class: "cart" }, items),
      payoutChooser(sum("final_cash"), sum("final_coupon")),
      el("p", { class: "total" }, el("span", {}, "Total"),
        el("strong", { "data-test": "cart-total" }, "")),
      el("button", { type: "button", class: "secondary", "data-test": "add-another", onclick: showCategories },
        "Sell another device"),
      el("p", { class: "hint" }, "Staff will complete the order at the till."));
    renderCartTotals();
  }

  function renderCartTotals() {
    const total = state.cart.reduce((sum, offer) => sum + amount(offer), 0);
    const totalNode = app.querySelector('[data-test="cart-total"]');
    if (totalNode) totalNode.textContent = money.format(total);
    for (const node of app.querySelectorAll(".cart-item")) {
      const offer = state.cart.find((item) => item.price_id === node.dataset.priceId);
      const amountNode = node.querySelector(".cart-amount");
      if (offer && amountNode) amountNode.textContent = money.format(amount(offer));
    }
  }

  // --- start ---------------------------------------------------------------------------

  app.addEventListener("focusin", (event) => {
    const section = event.target.closest(".section");
    if (section) focusSection(section);
  });

  async function start() {
    new ResizeObserver(reportHeight).observe(document.body);
    try {
      const query = catalogName ? `?catalog=${catalogName}` : "";
      state.catalogue = await call(`/sandbox/catalogue${query}`);
    } catch (error) {
      showProblem(`The trade-in catalogue could not be loaded (${error.message}).`);
      return;
    }
    showCategories();
    document.body.dataset.ready = "true";
    post({ type: "revendo_iframe_loaded", status: "ready" });
    reportHeight();
  }

  start();
})();
