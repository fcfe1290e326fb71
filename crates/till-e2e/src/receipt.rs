//! The receipt over the screen that opened it: what it says, and its two paper layouts.

use serde_json::Value;

use crate::webdriver::Session;
use crate::{Error, PATIENCE, Result, wait_for};

/// How the receipt is laid out at a moment, as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The class list of the paper (`receipt layout-roll`).
    pub paper_class: String,
    /// The paper's rendered width in CSS pixels.
    pub width: f64,
    /// The layout the print dialog will use (`<html data-print-layout>`).
    pub print_layout: String,
    /// The layouts whose print stylesheet is enabled (`media="print"`).
    pub print_sheets: Vec<String>,
    /// The layout whose toggle is pressed.
    pub pressed: String,
}

/// Waits until the receipt view shows a loaded receipt (its tracking URL on the paper).
pub fn wait_for_receipt(till: &Session) -> Result<()> {
    till.wait_shown("receipt-view")?;
    wait_for("the receipt to be loaded", PATIENCE, || {
        if till.is_shown("receipt-tracking-url").map_err(|e| e.to_string())? {
            return Ok(());
        }
        Err(till.text_content("receipt-status").unwrap_or_default())
    })
}

/// The value the receipt shows for the fact `name` (`device`, `amount`, `partner-order-id`).
pub fn fact(till: &Session, name: &str) -> Result<String> {
    till.text_content(&format!("receipt-{name}"))
}

/// The store's header lines at the top of the receipt, in order.
pub fn header_lines(till: &Session) -> Result<Vec<String>> {
    let lines = till.find_all("[data-test=\"receipt-header-line\"]")?;
    lines.iter().map(|line| till.text(line)).collect()
}

/// The `src` of the receipt's QR code; empty when there is none.
pub fn qr_source(till: &Session) -> Result<String> {
    let script = "const qr = document.querySelector('[data-test=\"receipt-qr\"]'); \
                  return qr && qr.getClientRects().length > 0 ? qr.getAttribute('src') : '';";
    Ok(till.execute(script, vec![])?.as_str().unwrap_or_default().to_owned())
}

/// Clicks the toggle of `layout` (`roll`, `a4`) and returns the layout once the paper
/// carries its class.
pub fn choose_layout(till: &Session, layout: &str) -> Result<Layout> {
    till.click_on(&format!("receipt-layout-{layout}"))?;
    let class = format!("layout-{layout}");
    wait_for(&format!("the receipt laid out as {layout}"), PATIENCE, || {
        match current_layout(till) {
            Ok(now) if now.paper_class.split_whitespace().any(|name| name == class) => Ok(now),
            Ok(now) => Err(format!("{now:?}")),
            Err(error) => Err(error.to_string()),
        }
    })
}

/// The receipt's layout as the page shows it now.
pub fn current_layout(till: &Session) -> Result<Layout> {
    let script = "const paper = document.querySelector('[data-test=\"receipt-paper\"]'); \
                  const pressed = [...document.querySelectorAll('[data-test^=\"receipt-layout-\"]')] \
                    .filter((button) => button.getAttribute('aria-pressed') === 'true') \
                    .map((button) => button.dataset.test.replace('receipt-layout-', '')); \
                  const sheets = [...document.querySelectorAll('link[data-print-layout]')] \
                    .filter((link) => link.media === 'print') \
                    .map((link) => link.dataset.printLayout); \
                  return { paperClass: paper.className, \
                    width: paper.getBoundingClientRect().width, \
                    printLayout: document.documentElement.dataset.printLayout ?? '', \
                    printSheets: sheets, pressed: pressed.join(' ') };";
    let value = till.execute(script, vec![])?;
    let text = |key: &str| value[key].as_str().unwrap_or_default().to_owned();
    let sheets = value["printSheets"].as_array().cloned().unwrap_or_default();
    let layout = Layout {
        paper_class: text("paperClass"),
        width: value["width"].as_f64().ok_or_else(|| Error::Unexpected {
            from: "the receipt's paper".into(),
            detail: value.to_string(),
        })?,
        print_layout: text("printLayout"),
        print_sheets: sheets.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        pressed: text("pressed"),
    };
    Ok(layout)
}

/// Closes the receipt and waits until it is gone.
pub fn close_receipt(till: &Session) -> Result<()> {
    till.click_on("receipt-close")?;
    till.wait_gone("receipt-view")
}
