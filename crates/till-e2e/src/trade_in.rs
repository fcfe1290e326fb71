//! What staff do at the till, step by step: choose the device in Revendo's page, fill
//! the customer form, finalize, and look an order up in the history.

use serde_json::json;

use crate::webdriver::{Element, Session, test_id};
use crate::{Error, PATIENCE, Result, wait_for};

/// A device and its condition, as chosen in Revendo's page.
#[derive(Debug, Clone, Copy)]
pub struct DeviceChoice {
    /// `data-test` suffix of the category (`phones`).
    pub category: &'static str,
    /// `data-test` suffix of the device (`iphone-13`, `hostile`).
    pub device: &'static str,
    /// `cash` or `voucher`.
    pub payout: &'static str,
}

/// An iPhone 13 in flawless condition, paid out as a voucher.
pub const IPHONE_13_VOUCHER: DeviceChoice =
    DeviceChoice { category: "phones", device: "iphone-13", payout: "voucher" };

/// The phone of the hostile catalogue, whose name carries an `<img onerror>` tag.
pub const HOSTILE_PHONE: DeviceChoice =
    DeviceChoice { category: "phones", device: "hostile", payout: "cash" };

/// A customer as typed into the form.
#[derive(Debug, Clone)]
pub struct Customer {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub street: String,
    pub zip: String,
    pub city: String,
    pub country: String,
    pub iban: String,
}

impl Customer {
    /// A valid Swiss customer with the surname `last_name`.
    pub fn swiss(last_name: &str) -> Customer {
        Customer {
            first_name: "Anna".into(),
            last_name: last_name.into(),
            email: "anna.test@example.ch".into(),
            phone: "079 123 45 67".into(),
            street: "Bahnhofstrasse 1".into(),
            zip: "8001".into(),
            city: "Zürich".into(),
            country: "CH".into(),
            iban: "CH93 0076 2011 6238 5295 7".into(),
        }
    }

    fn fields(&self) -> [(&'static str, &str); 9] {
        [
            ("firstName", &self.first_name),
            ("lastName", &self.last_name),
            ("email", &self.email),
            ("phone", &self.phone),
            ("street", &self.street),
            ("zip", &self.zip),
            ("city", &self.city),
            ("country", &self.country),
            ("iban", &self.iban),
        ]
    }
}

/// What finalizing ended with, as the screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The done screen: Revendo's order id and the tracking URL.
    Done { order_id: String, tracking_url: String, amount: String },
    /// The error banner: its sentence and the detail under it.
    Refused { message: String, detail: String },
}

/// What Revendo's page showed for the device it added to its cart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offered {
    /// The device's name in the cart.
    pub name: String,
    /// The amount of the chosen payout, as Revendo's page shows it.
    pub amount: String,
}

/// Whole Rappen of an amount as a page shows it (`CHF 1'150.00`, `CHF 300.00`).
pub fn rappen(shown: &str) -> Option<u64> {
    let digits: String = shown.chars().filter(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Chooses `choice` in the Revendo page of the iframe named `frame` (in the top page),
/// answers the three questions with the best condition, picks the payout and adds the
/// device; returns what Revendo's page showed for it.
pub fn choose_device(till: &Session, frame: &str, choice: &DeviceChoice) -> Result<Offered> {
    till.leave_frames()?;
    let frame = till.wait_shown(frame)?;
    choose_device_in(till, &frame, choice)
}

/// [`choose_device`] inside a given iframe element of the top page.
pub fn choose_device_in(till: &Session, frame: &Element, choice: &DeviceChoice) -> Result<Offered> {
    till.enter_frame(frame)?;
    let offered = pick(till, choice, |name| click_in_frame(till, frame, name))?;
    till.leave_frames()?;
    Ok(offered)
}

/// [`choose_device`] in Revendo's own webview (the "webview" display), whose window
/// handle is `view`; the session is back on the till's page (`page`) afterwards.
pub fn choose_device_in_view(
    till: &Session,
    view: &str,
    page: &str,
    choice: &DeviceChoice,
) -> Result<Offered> {
    till.switch_to_window(view)?;
    let offered = pick(till, choice, |name| {
        let target = till.wait_shown(name)?;
        // Revendo's page scrolls itself inside its webview.
        till.execute(
            "arguments[0].scrollIntoView({ block: 'center', behavior: 'instant' });",
            vec![Session::arg(&target)],
        )?;
        till.click(&target)
    });
    till.switch_to_window(page)?;
    offered
}

/// Picks `choice` on Revendo's page, the current browsing context, clicking with `click`.
fn pick(
    till: &Session,
    choice: &DeviceChoice,
    click: impl Fn(&str) -> Result<()>,
) -> Result<Offered> {
    wait_for("Revendo's page to be ready", PATIENCE, || {
        match till.execute("return document.body?.dataset.ready ?? 'no body';", vec![]) {
            Ok(ready) if ready == json!("true") => Ok(()),
            Ok(other) => Err(other.to_string()),
            Err(error) => Err(error.to_string()),
        }
    })?;

    click(&format!("category-{}", choice.category))?;
    click(&format!("device-{}", choice.device))?;
    for answer in ["screen-flawless", "battery-good", "packaging-included"] {
        click(&format!("answer-{answer}"))?;
    }
    till.wait_shown("add-device")?;
    click(&format!("payout-{}", choice.payout))?;
    let amount = till.text_content(&format!("price-{}", choice.payout))?;
    click("add-device")?;
    till.wait_shown("cart-item")?;
    let name = till.text_content("cart-item-name")?;
    Ok(Offered { name, amount })
}

/// Clicks the element named `name` in `frame` as a pointer would. The till's page, not
/// the frame, scrolls: first the till finishes any smooth scroll Revendo's page asked
/// for, then the target is brought into the till's view, then it is clicked.
fn click_in_frame(till: &Session, frame: &Element, name: &str) -> Result<()> {
    let target = till.wait_shown(name)?;
    let top = till
        .execute("return arguments[0].getBoundingClientRect().top;", vec![Session::arg(&target)])?;

    till.leave_frames()?;
    wait_until_still(till)?;
    till.execute(
        "const top = arguments[0].getBoundingClientRect().top + window.scrollY + arguments[1]; \
         window.scrollTo({ top: Math.max(top - window.innerHeight / 3, 0), behavior: 'instant' });",
        vec![Session::arg(frame), top],
    )?;
    wait_until_still(till)?;

    till.enter_frame(frame)?;
    till.click(&target)
}

/// Waits until the top page's scroll position holds still between two looks.
fn wait_until_still(till: &Session) -> Result<()> {
    let last = std::cell::Cell::new(f64::NAN);
    wait_for("the till's page to stop scrolling", PATIENCE, || {
        let now = till.execute("return window.scrollY;", vec![]).map_err(|e| e.to_string())?;
        let now = now.as_f64().unwrap_or_default();
        if now == last.replace(now) { Ok(()) } else { Err(format!("scrollY {now}")) }
    })
}

/// Waits for the captured quote card and returns the device name and amount it shows.
pub fn captured_quote(till: &Session) -> Result<(String, String)> {
    till.leave_frames()?;
    till.wait_shown("quote-details")?;
    let device = till.wait_text("quote-device", "a device name", |text| !text.is_empty())?;
    let amount = till.wait_text("quote-amount", "an amount", |text| rappen(text).is_some())?;
    Ok((device, amount))
}

/// Continues from the quote to the customer form and types `customer` into it.
pub fn fill_customer(till: &Session, customer: &Customer) -> Result<()> {
    till.click_on("continue")?;
    till.wait_shown("step-panel-customer")?;
    for (field, value) in customer.fields() {
        till.type_into(&format!("field-{field}"), value)?;
    }
    Ok(())
}

/// Clicks "Finalize order" and waits for the done screen or the error banner.
pub fn finalize(till: &Session) -> Result<Outcome> {
    till.click_on("finalize")?;
    outcome(till)
}

/// Waits for the done screen or the error banner, whichever shows first.
pub fn outcome(till: &Session) -> Result<Outcome> {
    let shown = wait_for("the done screen or an error banner", PATIENCE, || {
        let done = till.is_shown("step-panel-done").map_err(|e| e.to_string())?;
        let error = till.is_shown("error-banner").map_err(|e| e.to_string())?;
        let field_errors = till
            .execute(
                "return [...document.querySelectorAll('.field-error')] \
                   .filter((el) => !el.hidden).map((el) => el.textContent).join(' | ');",
                vec![],
            )
            .map_err(|e| e.to_string())?;
        match (done, error) {
            (true, _) => Ok(true),
            (_, true) => Ok(false),
            _ => Err(format!("neither; field errors: {field_errors}")),
        }
    })?;

    if shown {
        return Ok(Outcome::Done {
            order_id: till.text_content("done-order-id")?,
            tracking_url: till.text_content("done-tracking-url")?,
            amount: till.text_content("done-amount")?,
        });
    }
    Ok(Outcome::Refused {
        message: till.text_content("error-message")?,
        detail: till.text_content("error-detail")?,
    })
}

/// Expects the error banner with the sentence of the locale key `key`.
pub fn expect_refusal(till: &Session, outcome: &Outcome, key: &str) -> Result<()> {
    let expected = till.locale_text(key)?;
    match outcome {
        Outcome::Refused { message, .. } if *message == expected => Ok(()),
        other => Err(Error::Unexpected {
            from: "the finalize outcome".into(),
            detail: format!("expected the banner {expected:?} ({key}), saw {other:?}"),
        }),
    }
}

/// Opens the history screen and waits for its first answer: the table with rows or the
/// "no orders" line. A history that could not be read fails with what the screen says.
pub fn open_history(till: &Session) -> Result<()> {
    till.leave_frames()?;
    till.click_on("nav-history")?;
    till.wait_shown("screen-history")?;
    wait_for("the history to answer", PATIENCE, || {
        if till.is_shown("history-unavailable").map_err(|e| e.to_string())? {
            let detail = till.text_content("history-unavailable-detail").unwrap_or_default();
            return Ok(Err(detail));
        }
        let table = till.is_shown("history-table").map_err(|e| e.to_string())?;
        let empty = till.is_shown("history-empty").map_err(|e| e.to_string())?;
        let rows = till.find_all(&test_id("history-row")).map_err(|e| e.to_string())?;
        if table && (empty || !rows.is_empty()) { Ok(Ok(())) } else { Err("loading".into()) }
    })?
    .map_err(|detail| Error::Unexpected {
        from: "the history screen".into(),
        detail: format!("it could not read the journal: {detail}"),
    })
}

/// Types `text` into the open history's search box and waits until a row shows it;
/// returns the rows' texts.
pub fn search_history(till: &Session, text: &str) -> Result<Vec<String>> {
    till.type_into("history-search", text)?;
    till.click_on("history-apply")?;
    wait_for(&format!("a history row showing {text:?}"), PATIENCE, || {
        let texts = history_rows(till).map_err(|e| e.to_string())?;
        if texts.iter().any(|row| row.contains(text)) {
            Ok(texts.clone())
        } else {
            Err(format!("{texts:?}"))
        }
    })
}

/// The texts of the history rows on screen, in order.
pub fn history_rows(till: &Session) -> Result<Vec<String>> {
    let script = "return [...document.querySelectorAll('[data-test=\"history-row\"]')] \
                    .map((row) => row.innerText);";
    let value = till.execute(script, vec![])?;
    let rows = value.as_array().cloned().unwrap_or_default();
    Ok(rows.iter().map(|row| row.as_str().unwrap_or_default().to_owned()).collect())
}

/// Opens the detail of the history row of `partner_order_id` and waits until it shows
/// that order.
pub fn open_history_detail(till: &Session, partner_order_id: &str) -> Result<()> {
    let open = format!(
        "[data-test=\"history-row\"][data-partner-order-id=\"{partner_order_id}\"] \
         [data-test=\"history-row-open\"]"
    );
    let button = till.find(&open)?;
    till.click(&button)?;
    till.wait_shown("history-detail")?;
    till.wait_text("history-detail-partner-order-id", "the order opened", |text| {
        text == partner_order_id
    })
    .map(drop)
}

/// An unresolved order resent from the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resent {
    /// Our reference of the order, as its row carries it.
    pub partner_order_id: String,
    /// The order's status as the detail shows it after the resend.
    pub status: String,
}

/// Resends the unresolved order of the customer `surname` as staff would: found in the
/// history by the surname, opened, "Resend"; waits until the detail shows it confirmed.
pub fn resend_unresolved(till: &Session, surname: &str) -> Result<Resent> {
    open_history(till)?;
    search_history(till, surname)?;
    let script = "const row = [...document.querySelectorAll('[data-test=\"history-row\"]')] \
                    .find((row) => row.innerText.includes(arguments[0]) \
                      && row.classList.contains('state-unresolved')); \
                  return row ? row.dataset.partnerOrderId : null;";
    let found = till.execute(script, vec![json!(surname)])?;
    let partner_order_id = found.as_str().map(str::to_owned).ok_or_else(|| Error::Unexpected {
        from: "the history".into(),
        detail: "no unresolved order of that customer".into(),
    })?;

    open_history_detail(till, &partner_order_id)?;
    till.click_on("history-resend")?;
    let sent = till.locale_text("status.sent")?;
    let status = till.wait_text("history-detail-status", "the sent status", |text| text == sent)?;
    Ok(Resent { partner_order_id, status })
}
