//! Revendo's page in a webview of its own, the second way the till can show it.
//!
//! Framed in the till's page, Revendo is a third party: WebKit on macOS keeps no storage
//! or cookies for it, and a site may refuse to be framed by a `tauri://` page. In its own
//! webview of the main window it is first-party. The page then only keeps a slot free
//! for it and tells Rust where that slot is; Rust lays the view over it.
//!
//! The view talks to the till through one command, [`revendo_view_event`], and nothing
//! else: a capability added at startup grants that command to this webview alone, and
//! only while it shows the configured Revendo origin. A script injected into the view
//! forwards the documented `revendo_*` messages that Revendo's page posts to itself (it
//! posts to `window.parent`, which is its own window when it is not framed). Rust checks
//! each message as the page checks the iframe's and hands the valid ones to the page as
//! the [`MESSAGE_EVENT`] event.

use std::sync::atomic::{AtomicU64, Ordering};

use revendo_protocol::IframeEvent;
use serde::Deserialize;
use serde_json::Value;
use tauri::ipc::CapabilityBuilder;
use tauri::webview::WebviewBuilder;
use tauri::{
    AppHandle, Emitter, LogicalPosition, LogicalSize, Manager, Runtime, Url, Webview, WebviewUrl,
    Window,
};

use crate::endpoints::Endpoints;
use crate::error::{Error, Result};

/// The label of Revendo's webview.
pub const LABEL: &str = "revendo";

/// The label of the till's own page, the only receiver of the checked messages.
pub const PAGE_LABEL: &str = "main";

/// The event that carries each checked message to the till's page.
pub const MESSAGE_EVENT: &str = "revendo-message";

/// The message types Revendo's page posts to its host, as the protocol documents them.
/// The injected script forwards these and nothing else.
pub const FORWARDED_TYPES: [&str; 8] = [
    "revendo_iframe_loaded",
    "revendo_resize",
    "revendo_scroll_to_top",
    "revendo_scroll_to_position",
    "revendo_device_selected",
    "revendo_remove_device_selected",
    "revendo_cart_updated",
    "revendo_order_complete",
];

/// Where the page's slot for Revendo is, in the window's logical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ViewBounds {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl ViewBounds {
    /// Larger than any screen a till has; a bigger value is a bug in the page.
    const LIMIT: f64 = 20_000.0;

    fn check(self) -> Result<ViewBounds> {
        let coordinates = [self.x, self.y, self.width, self.height];
        let sane = coordinates.iter().all(|value| value.is_finite() && value.abs() <= Self::LIMIT)
            && self.width >= 1.0
            && self.height >= 1.0;
        if sane {
            Ok(self)
        } else {
            Err(Error::RevendoView(format!(
                "the slot for Revendo's view is not a visible rectangle: {self:?}"
            )))
        }
    }
}

/// Messages the view sent that were not forwarded, for the log.
static DROPPED: AtomicU64 = AtomicU64::new(0);

/// Opens Revendo's webview in the main window, hidden until the page places it.
pub fn open<R: Runtime>(
    app: &AppHandle<R>,
    window: &Window<R>,
    endpoints: &Endpoints,
) -> Result<()> {
    let url = Url::parse(&endpoints.iframe_url)
        .map_err(|error| Error::RevendoView(format!("the trade-in page's URL: {error}")))?;
    app.add_capability(
        CapabilityBuilder::new("revendo-view")
            .webview(LABEL)
            .local(false)
            .remote(format!("{}/*", endpoints.origin))
            .permission("allow-revendo-view-event"),
    )?;

    let origin = endpoints.origin.clone();
    let builder = WebviewBuilder::new(LABEL, WebviewUrl::External(url))
        .initialization_script(forwarding_script(&endpoints.origin))
        .on_navigation(move |url| {
            let allowed = url.origin().ascii_serialization() == origin;
            if !allowed {
                tracing::warn!(
                    origin = url.origin().ascii_serialization(),
                    "Revendo's view may not leave Revendo; navigation refused"
                );
            }
            allowed
        });
    let view =
        window.add_child(builder, LogicalPosition::new(0.0, 0.0), LogicalSize::new(1.0, 1.0))?;
    view.hide()?;
    #[cfg(target_os = "linux")]
    gtk_overlay::lift(&view)?;
    tracing::info!("Revendo shown in a webview of its own");
    Ok(())
}

/// Lays Revendo's view over the page's slot, or hides it (`None`) while the slot is
/// not on screen.
pub fn place<R: Runtime>(app: &AppHandle<R>, bounds: Option<ViewBounds>) -> Result<()> {
    let view = view(app)?;
    let Some(bounds) = bounds else {
        view.hide()?;
        return Ok(());
    };
    let bounds = bounds.check()?;
    tracing::debug!(?bounds, "Revendo's view placed");
    #[cfg(target_os = "linux")]
    gtk_overlay::place(&view, bounds)?;
    #[cfg(not(target_os = "linux"))]
    {
        view.set_position(LogicalPosition::new(bounds.x, bounds.y))?;
        view.set_size(LogicalSize::new(bounds.width, bounds.height))?;
    }
    view.show()?;
    Ok(())
}

/// Loads the trade-in page again, for the next customer or after it failed to load.
pub fn reload<R: Runtime>(app: &AppHandle<R>, endpoints: &Endpoints) -> Result<()> {
    let url = Url::parse(&endpoints.iframe_url)
        .map_err(|error| Error::RevendoView(format!("the trade-in page's URL: {error}")))?;
    view(app)?.navigate(url)?;
    Ok(())
}

/// Checks one message of Revendo's view as the page checks the iframe's: from the
/// Revendo webview, showing the configured origin, a documented event that parses.
/// A valid one goes to the page; anything else is dropped and counted in the log.
pub fn forward<R: Runtime>(
    app: &AppHandle<R>,
    sender: &Webview<R>,
    endpoints: &Endpoints,
    message: Value,
) -> Result<()> {
    let checked = check_sender(sender, endpoints)
        .and_then(|()| IframeEvent::parse(&message).map_err(Error::from));
    if let Err(error) = checked {
        let dropped = DROPPED.fetch_add(1, Ordering::Relaxed) + 1;
        tracing::warn!(reason = error.code(), dropped, "message from Revendo's view dropped");
        return Err(error);
    }
    app.emit_to(PAGE_LABEL, MESSAGE_EVENT, message)?;
    Ok(())
}

fn check_sender<R: Runtime>(sender: &Webview<R>, endpoints: &Endpoints) -> Result<()> {
    if sender.label() != LABEL {
        return Err(Error::ForeignMessage(format!("webview {}", sender.label())));
    }
    let origin = sender.url()?.origin().ascii_serialization();
    if origin != endpoints.origin {
        return Err(Error::ForeignMessage(format!("origin {origin}")));
    }
    Ok(())
}

fn view<R: Runtime>(app: &AppHandle<R>) -> Result<Webview<R>> {
    app.get_webview(LABEL).ok_or_else(|| {
        Error::RevendoView("Revendo is framed in the page: the settings choose the frame".into())
    })
}

/// The script injected into Revendo's view, before its own scripts run. It forwards what
/// the page posts to its own window, from its own origin, when the type is documented;
/// Rust checks everything again.
fn forwarding_script(origin: &str) -> String {
    let origin = serde_json::to_string(origin).unwrap_or_else(|_| "\"\"".into());
    let types = serde_json::to_string(&FORWARDED_TYPES).unwrap_or_else(|_| "[]".into());
    format!(
        r#"(() => {{
  const origin = {origin};
  const forwarded = new Set({types});
  if (window.top !== window || window.location.origin !== origin) return;
  window.addEventListener("message", (event) => {{
    if (event.source !== window || event.origin !== origin) return;
    const data = event.data;
    if (!data || typeof data !== "object" || !forwarded.has(data.type)) return;
    const internals = window.__TAURI_INTERNALS__;
    if (!internals) return;
    internals.invoke("revendo_view_event", {{ message: data }}).catch(() => {{}});
  }});
}})();"#
    )
}

/// On Linux, Tauri packs every webview of a window into one vertical box, where GTK
/// stacks them instead of placing them, and moving them has no effect. Revendo's view is
/// moved onto an overlay above the page, where its margins place it.
#[cfg(target_os = "linux")]
mod gtk_overlay {
    use gtk::prelude::*;
    use tauri::{Runtime, Webview};

    use super::ViewBounds;
    use crate::error::{Error, Result};

    pub(super) fn lift<R: Runtime>(view: &Webview<R>) -> Result<()> {
        let (done, outcome) = std::sync::mpsc::channel();
        view.with_webview(move |platform| {
            let widget = platform.inner().upcast::<gtk::Widget>();
            let lifted = widget
                .parent()
                .and_then(|parent| parent.downcast::<gtk::Box>().ok())
                .and_then(|column| {
                    let window = column.parent()?.downcast::<gtk::Container>().ok()?;
                    Some((column, window))
                })
                .map(|(column, window)| {
                    column.remove(&widget);
                    window.remove(&column);
                    let overlay = gtk::Overlay::new();
                    overlay.add(&column);
                    overlay.add_overlay(&widget);
                    window.add(&overlay);
                    overlay.show();
                });
            let _ = done.send(lifted.is_some());
        })?;
        match outcome.recv() {
            Ok(true) => Ok(()),
            _ => Err(Error::RevendoView("the window's layout is not the one expected".into())),
        }
    }

    /// The overlay gives the view its whole area; margins leave all of it but `bounds`.
    /// (A view aligned to the start would get its natural size, which WebKit makes as
    /// large as the overlay.) The page places the view again whenever the window's size
    /// changes, which keeps the right and bottom margins true.
    pub(super) fn place<R: Runtime>(view: &Webview<R>, bounds: ViewBounds) -> Result<()> {
        view.with_webview(move |platform| {
            let widget = platform.inner().upcast::<gtk::Widget>();
            let Some(overlay) = widget.parent() else { return };
            // Whole pixels: GTK lays widgets out on integer coordinates.
            let (x, y) = (bounds.x.round() as i32, bounds.y.round() as i32);
            let (width, height) = (bounds.width.round() as i32, bounds.height.round() as i32);
            widget.set_margin_start(x.max(0));
            widget.set_margin_top(y.max(0));
            widget.set_margin_end((overlay.allocated_width() - x - width).max(0));
            widget.set_margin_bottom((overlay.allocated_height() - y - height).max(0));
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_must_be_a_finite_visible_rectangle() {
        let slot = ViewBounds { x: 24.0, y: 120.5, width: 800.0, height: 640.0 };
        assert_eq!(slot.check().ok(), Some(slot));

        let refused = [
            ViewBounds { width: 0.0, ..slot },
            ViewBounds { height: -5.0, ..slot },
            ViewBounds { x: f64::NAN, ..slot },
            ViewBounds { y: f64::INFINITY, ..slot },
            ViewBounds { width: 1e9, ..slot },
        ];
        for bounds in refused {
            let error = bounds.check().expect_err("refused");
            assert_eq!(error.code(), "revendo_view", "{bounds:?}");
        }
    }

    #[test]
    fn the_script_forwards_only_documented_types_from_the_configured_origin() {
        let script = forwarding_script("http://127.0.0.1:4810");

        assert!(script.contains(r#"const origin = "http://127.0.0.1:4810";"#));
        for kind in FORWARDED_TYPES {
            assert!(script.contains(&format!("\"{kind}\"")), "{kind} forwarded");
        }
        assert!(!script.contains("revendo_configure"), "the host's own message is not forwarded");
        assert!(script.contains(r#"invoke("revendo_view_event""#));
    }

    #[test]
    fn an_origin_with_quotes_cannot_break_out_of_the_script() {
        let script = forwarding_script(r#"https://x.example";alert(1);""#);
        assert!(script.contains(r#"const origin = "https://x.example\";alert(1);\"";"#));
    }

    #[test]
    fn the_forwarded_types_are_the_ones_the_protocol_parses() {
        for kind in FORWARDED_TYPES {
            let message = serde_json::json!({ "type": kind });
            // Parsing may fail on missing fields, never on an unknown type.
            let parsed = IframeEvent::parse(&message);
            assert!(
                !matches!(parsed, Err(revendo_protocol::IframeEventError::UnknownType(_))),
                "{kind}: {parsed:?}"
            );
        }
    }
}
