//! Reading and operating a page by its `data-test` names, with bounded waits, and calling
//! the till's commands from its page as the page itself would.

use serde_json::{Value, json};

use crate::webdriver::{Element, Session, test_id};
use crate::{Error, PATIENCE, Result, wait_for};

/// Whether a named element is on screen, in the current frame.
const VISIBILITY: &str = "const el = document.querySelector(arguments[0]); \
    if (!el) return 'absent'; \
    return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' \
      ? 'visible' : 'hidden';";

impl Session {
    /// `absent`, `hidden` or `visible`: the element named `name` in the current frame.
    pub fn visibility(&self, name: &str) -> Result<String> {
        let value = self.execute(VISIBILITY, vec![json!(test_id(name))])?;
        Ok(value.as_str().unwrap_or("absent").to_owned())
    }

    /// True when the element named `name` is on screen now.
    pub fn is_shown(&self, name: &str) -> Result<bool> {
        Ok(self.visibility(name)? == "visible")
    }

    /// Waits until the element named `name` is on screen, and returns it.
    pub fn wait_shown(&self, name: &str) -> Result<Element> {
        wait_for(&format!("[data-test={name}] to show"), PATIENCE, || {
            match self.visibility(name) {
                Ok(state) if state == "visible" => Ok(()),
                Ok(state) => Err(state),
                Err(error) => Err(error.to_string()),
            }
        })?;
        self.find(&test_id(name))
    }

    /// Waits until the element named `name` is hidden or gone.
    pub fn wait_gone(&self, name: &str) -> Result<()> {
        wait_for(&format!("[data-test={name}] to hide"), PATIENCE, || match self.visibility(name) {
            Ok(state) if state != "visible" => Ok(()),
            Ok(state) => Err(state),
            Err(error) => Err(error.to_string()),
        })
    }

    /// Waits for the element named `name` and clicks it.
    pub fn click_on(&self, name: &str) -> Result<()> {
        let element = self.wait_shown(name)?;
        self.click(&element)
    }

    /// Replaces the text of the input named `name` with `text`, typed key by key.
    pub fn type_into(&self, name: &str, text: &str) -> Result<()> {
        let input = self.wait_shown(name)?;
        self.clear(&input)?;
        self.send_keys(&input, text)
    }

    /// The `textContent` of the element named `name` (also when hidden); empty when absent.
    pub fn text_content(&self, name: &str) -> Result<String> {
        let script = "const el = document.querySelector(arguments[0]); \
                      return el ? el.textContent : '';";
        let value = self.execute(script, vec![json!(test_id(name))])?;
        Ok(value.as_str().unwrap_or_default().trim().to_owned())
    }

    /// Waits until the `textContent` of `name` satisfies `accept`, and returns it.
    pub fn wait_text(
        &self,
        name: &str,
        what: &str,
        accept: impl Fn(&str) -> bool,
    ) -> Result<String> {
        wait_for(&format!("[data-test={name}] to show {what}"), PATIENCE, || {
            match self.text_content(name) {
                Ok(text) if accept(&text) => Ok(text),
                Ok(text) => Err(format!("{text:?}")),
                Err(error) => Err(error.to_string()),
            }
        })
    }

    /// Calls the till command `command` from the top page, as the page's own code does:
    /// `Ok(answer)` when it resolved, `Err(error object)` when it was rejected.
    pub fn invoke(&self, command: &str, args: Value) -> Result<Result<Value, Value>> {
        let script = "return window.__TAURI__.core.invoke(arguments[0], arguments[1]) \
                        .then((ok) => ({ ok: ok === undefined ? null : ok }), \
                              (err) => ({ err }));";
        let answer = self.execute(script, vec![json!(command), args])?;
        if let Some(ok) = answer.get("ok") {
            return Ok(Ok(ok.clone()));
        }
        if let Some(err) = answer.get("err") {
            return Ok(Err(err.clone()));
        }
        Err(Error::Unexpected { from: format!("invoke {command}"), detail: answer.to_string() })
    }

    /// The language the page speaks (`<html lang>`).
    pub fn language(&self) -> Result<String> {
        let value = self.execute("return document.documentElement.lang;", vec![])?;
        Ok(value.as_str().unwrap_or("en").to_owned())
    }

    /// The page's text for the locale key `key` in the language it speaks, from the
    /// locale files in `ui/page/locales/`.
    pub fn locale_text(&self, key: &str) -> Result<String> {
        let language = self.language()?;
        let path = crate::binaries::repository().join(format!("ui/page/locales/{language}.json"));
        let text = std::fs::read_to_string(&path).map_err(|error| Error::io(&path, error))?;
        let locale: Value = serde_json::from_str(&text).map_err(|error| Error::Unexpected {
            from: path.display().to_string(),
            detail: error.to_string(),
        })?;
        locale[key].as_str().map(str::to_owned).ok_or_else(|| Error::Unexpected {
            from: path.display().to_string(),
            detail: format!("no key {key}"),
        })
    }
}
