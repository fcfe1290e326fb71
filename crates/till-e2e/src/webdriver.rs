//! A small W3C WebDriver client: the commands the till's tests use and nothing more.
//!
//! Elements are found by CSS selector; the page and Revendo's simulated page both name
//! what tests touch with `data-test` attributes, so [`test_id`] builds most selectors.

use std::path::Path;
use std::time::Duration;

use base64::Engine;
use serde_json::{Value, json};

use crate::{Error, Result};

/// The start of the key under which WebDriver names an element reference (the rest of
/// the key differs between the specification and WebKitWebDriver).
const ELEMENT_KEY_PREFIX: &str = "element-6066-11e4-";

/// The CSS selector of the element whose `data-test` attribute is `name`.
pub fn test_id(name: &str) -> String {
    format!("[data-test=\"{name}\"]")
}

/// One WebDriver session: one running app and its window.
#[derive(Debug)]
pub struct Session {
    http: reqwest::blocking::Client,
    base: String,
    id: String,
}

/// An element of the page, valid while the document that holds it lives.
#[derive(Debug, Clone)]
pub struct Element {
    key: String,
    id: String,
    selector: String,
}

impl Element {
    /// The selector it was found with, for messages.
    pub fn selector(&self) -> &str {
        &self.selector
    }

    fn reference(&self) -> Value {
        let mut reference = serde_json::Map::new();
        reference.insert(self.key.clone(), Value::String(self.id.clone()));
        Value::Object(reference)
    }
}

/// A window's place on the screen and its outer size, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowRect {
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
}

impl WindowRect {
    fn from_value(value: &Value) -> Result<WindowRect> {
        let number = |name: &str| {
            value[name].as_f64().map(|number| number.round() as i64).ok_or_else(|| {
                Error::Unexpected { from: "window rect".into(), detail: value.to_string() }
            })
        };
        Ok(WindowRect {
            x: number("x")?,
            y: number("y")?,
            width: number("width")?,
            height: number("height")?,
        })
    }
}

impl Session {
    /// Opens a session on the WebDriver server at `server` (`http://127.0.0.1:PORT`) with
    /// the W3C `capabilities` object; for tauri-driver this starts the app.
    pub fn create(server: &str, capabilities: Value) -> Result<Session> {
        let http = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(120))
            .no_proxy()
            .build()?;
        let base = server.trim_end_matches('/').to_owned();
        let body = json!({ "capabilities": capabilities });
        let value = send(&http, reqwest::Method::POST, &format!("{base}/session"), Some(body))?;

        let id = value["sessionId"].as_str().ok_or_else(|| Error::Unexpected {
            from: "new session".into(),
            detail: value.to_string(),
        })?;
        Ok(Session { http, base, id: id.to_owned() })
    }

    /// The first element matching `css`, or a WebDriver `no such element` error.
    pub fn find(&self, css: &str) -> Result<Element> {
        let body = json!({ "using": "css selector", "value": css });
        let value = self.post("element", body)?;
        element_of(&value, css)
    }

    /// Every element matching `css` (possibly none).
    pub fn find_all(&self, css: &str) -> Result<Vec<Element>> {
        let body = json!({ "using": "css selector", "value": css });
        let value = self.post("elements", body)?;
        let items = value.as_array().cloned().unwrap_or_default();
        items.iter().map(|item| element_of(item, css)).collect()
    }

    /// Clicks `element` as a pointer would (it must be visible and not covered).
    pub fn click(&self, element: &Element) -> Result<()> {
        self.post(&format!("element/{}/click", element.id), json!({})).map(drop)
    }

    /// Types `text` into `element`, key by key.
    pub fn send_keys(&self, element: &Element, text: &str) -> Result<()> {
        self.post(&format!("element/{}/value", element.id), json!({ "text": text })).map(drop)
    }

    /// Empties an input or text area.
    pub fn clear(&self, element: &Element) -> Result<()> {
        self.post(&format!("element/{}/clear", element.id), json!({})).map(drop)
    }

    /// The rendered text of `element` (empty when hidden).
    pub fn text(&self, element: &Element) -> Result<String> {
        let value = self.get(&format!("element/{}/text", element.id))?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    /// An attribute of `element`, `None` when absent.
    pub fn attribute(&self, element: &Element, name: &str) -> Result<Option<String>> {
        let value = self.get(&format!("element/{}/attribute/{name}", element.id))?;
        Ok(value.as_str().map(str::to_owned))
    }

    /// A DOM property of `element` (`value`, `disabled`, `textContent`…).
    pub fn property(&self, element: &Element, name: &str) -> Result<Value> {
        self.get(&format!("element/{}/property/{name}", element.id))
    }

    /// Runs `script` as the body of a function in the current frame with `args`; a
    /// returned promise is awaited. Elements in `args` are passed as references.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.post("execute/sync", json!({ "script": script, "args": args }))
    }

    /// `element` as a script argument.
    pub fn arg(element: &Element) -> Value {
        element.reference()
    }

    /// Moves into the iframe `frame` of the current document.
    pub fn enter_frame(&self, frame: &Element) -> Result<()> {
        self.post("frame", json!({ "id": frame.reference() })).map(drop)
    }

    /// Moves back to the top document.
    pub fn leave_frames(&self) -> Result<()> {
        self.post("frame", json!({ "id": null })).map(drop)
    }

    /// The handles of the top-level browsing contexts: one per webview of the app.
    pub fn window_handles(&self) -> Result<Vec<String>> {
        let value = self.get("window/handles")?;
        let handles = value.as_array().cloned().unwrap_or_default();
        Ok(handles.iter().filter_map(|handle| handle.as_str().map(str::to_owned)).collect())
    }

    /// The handle of the browsing context commands go to.
    pub fn window_handle(&self) -> Result<String> {
        let value = self.get("window")?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    /// Sends the next commands to the browsing context `handle`.
    pub fn switch_to_window(&self, handle: &str) -> Result<()> {
        self.post("window", json!({ "handle": handle })).map(drop)
    }

    /// Where the current window is and how large.
    pub fn window_rect(&self) -> Result<WindowRect> {
        WindowRect::from_value(&self.get("window/rect")?)
    }

    /// Moves and resizes the current window; the answer is where it ended up.
    pub fn set_window_rect(&self, rect: WindowRect) -> Result<WindowRect> {
        let WindowRect { x, y, width, height } = rect;
        let body = json!({ "x": x, "y": y, "width": width, "height": height });
        WindowRect::from_value(&self.post("window/rect", body)?)
    }

    /// Saves a PNG of the window to `path`.
    pub fn screenshot(&self, path: &Path) -> Result<()> {
        let value = self.get("screenshot")?;
        let encoded = value.as_str().ok_or_else(|| Error::Unexpected {
            from: "screenshot".into(),
            detail: "no base64 text".into(),
        })?;
        let png = base64::engine::general_purpose::STANDARD.decode(encoded).map_err(|error| {
            Error::Unexpected { from: "screenshot".into(), detail: error.to_string() }
        })?;
        std::fs::write(path, png).map_err(|error| Error::io(path, error))
    }

    /// Ends the session, which closes the app.
    pub fn delete(&self) -> Result<()> {
        let url = format!("{}/session/{}", self.base, self.id);
        send(&self.http, reqwest::Method::DELETE, &url, None).map(drop)
    }

    fn get(&self, command: &str) -> Result<Value> {
        let url = format!("{}/session/{}/{command}", self.base, self.id);
        send(&self.http, reqwest::Method::GET, &url, None)
    }

    fn post(&self, command: &str, body: Value) -> Result<Value> {
        let url = format!("{}/session/{}/{command}", self.base, self.id);
        send(&self.http, reqwest::Method::POST, &url, Some(body))
    }
}

/// One WebDriver command: its `value`, or its error as [`Error::WebDriver`].
fn send(
    http: &reqwest::blocking::Client,
    method: reqwest::Method,
    url: &str,
    body: Option<Value>,
) -> Result<Value> {
    let command = url.rsplit("/session").next().unwrap_or(url).to_owned();
    let mut request = http.request(method, url);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send()?;
    let status = response.status();
    let text = response.text()?;
    let answer: Value = serde_json::from_str(&text).map_err(|_| Error::Unexpected {
        from: format!("WebDriver {command}"),
        detail: format!("{status}: {}", text.chars().take(300).collect::<String>()),
    })?;

    let value = answer.get("value").cloned().unwrap_or(Value::Null);
    if status.is_success() {
        return Ok(value);
    }
    Err(Error::WebDriver {
        command,
        error: value["error"].as_str().unwrap_or("unknown error").to_owned(),
        message: value["message"].as_str().unwrap_or_default().to_owned(),
    })
}

fn element_of(value: &Value, css: &str) -> Result<Element> {
    let reference = value
        .as_object()
        .and_then(|object| object.iter().find(|(key, _)| key.starts_with(ELEMENT_KEY_PREFIX)));
    let Some((key, Value::String(id))) = reference else {
        return Err(Error::Unexpected { from: format!("find {css}"), detail: value.to_string() });
    };
    Ok(Element { key: key.clone(), id: id.clone(), selector: css.to_owned() })
}
