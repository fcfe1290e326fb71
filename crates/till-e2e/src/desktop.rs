//! What the X display shows beside the till's webviews: native windows such as the print
//! dialog, the save dialog or the dialog of a till that cannot start, which WebDriver
//! cannot see, and the close button a window manager would draw. The save dialog is
//! answered as staff would, with the keyboard (`xdotool`, whose key presses reach the
//! focused window like a real keyboard's).

use std::path::Path;
use std::process::Command;

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{ClientMessageEvent, ConnectionExt, EventMask};

use crate::{Error, PATIENCE, Result, wait_for};

/// Whether a window titled exactly `title` is on the display (`xwininfo -root -tree`).
pub fn window_shown(title: &str) -> Result<bool> {
    let listing = Command::new("xwininfo")
        .args(["-root", "-tree"])
        .output()
        .map_err(|error| Error::io("xwininfo", error))?;
    Ok(String::from_utf8_lossy(&listing.stdout).contains(&format!("\"{title}\"")))
}

/// Waits for the save dialog titled `title`, types `path` as the file's name and saves.
pub fn save_as(title: &str, path: &Path) -> Result<()> {
    let window = wait_for_window(title)?;
    xdotool(&["windowfocus", "--sync", &window])?;
    // The name field has the focus, with the proposed name in it: replace it whole. A
    // full path in that field saves there.
    xdotool(&["key", "--clearmodifiers", "ctrl+a"])?;
    xdotool(&["type", "--delay", "15", &path.display().to_string()])?;
    xdotool(&["key", "Return"])?;
    wait_for_close(title)
}

/// Waits for the dialog titled `title` and closes it with Escape, saving nothing.
pub fn dismiss(title: &str) -> Result<()> {
    let window = wait_for_window(title)?;
    xdotool(&["windowfocus", "--sync", &window])?;
    xdotool(&["key", "Escape"])?;
    wait_for_close(title)
}

/// Closes the window titled `title` as its close button would: with the
/// `WM_DELETE_WINDOW` request a window manager sends (Xvfb runs none), so that the app
/// hears a close request rather than losing its window.
pub fn press_close_button(title: &str) -> Result<()> {
    let window = wait_for_window(title)?;
    let window: u32 = window.parse().map_err(|_| Error::Unexpected {
        from: "xdotool search".into(),
        detail: format!("{window:?} is not a window id"),
    })?;
    let x11 = |error: &dyn std::fmt::Display| Error::Process {
        what: "X11 close request".into(),
        message: error.to_string(),
    };
    let (connection, _) = x11rb::connect(None).map_err(|error| x11(&error))?;
    let atom = |name: &[u8]| -> Result<u32> {
        let cookie = connection.intern_atom(false, name).map_err(|error| x11(&error))?;
        Ok(cookie.reply().map_err(|error| x11(&error))?.atom)
    };
    let protocols = atom(b"WM_PROTOCOLS")?;
    let delete = atom(b"WM_DELETE_WINDOW")?;
    let request =
        ClientMessageEvent::new(32, window, protocols, [delete, x11rb::CURRENT_TIME, 0, 0, 0]);
    connection
        .send_event(false, window, EventMask::NO_EVENT, request)
        .map_err(|error| x11(&error))?;
    connection.flush().map_err(|error| x11(&error))?;
    wait_for_close(title)
}

/// The X id of a mapped window titled exactly `title`.
fn wait_for_window(title: &str) -> Result<String> {
    wait_for(&format!("the window \"{title}\""), PATIENCE, || {
        let ids = mapped_windows(title).map_err(|error| error.to_string())?;
        ids.into_iter().next().ok_or_else(|| "not shown".to_owned())
    })
}

/// Waits until no window titled `title` is mapped; GTK keeps a closed dialog's window
/// around unmapped.
fn wait_for_close(title: &str) -> Result<()> {
    wait_for(&format!("the window \"{title}\" to close"), PATIENCE, || {
        match mapped_windows(title) {
            Ok(ids) if ids.is_empty() => Ok(()),
            Ok(_) => Err("still shown".to_owned()),
            Err(error) => Err(error.to_string()),
        }
    })
}

/// The X ids of the mapped windows titled exactly `title`.
fn mapped_windows(title: &str) -> Result<Vec<String>> {
    let pattern = format!("^{}$", regex_escape(title));
    let found = Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", &pattern])
        .output()
        .map_err(|error| Error::io("xdotool", error))?;
    Ok(String::from_utf8_lossy(&found.stdout).lines().map(str::to_owned).collect())
}

fn xdotool(args: &[&str]) -> Result<()> {
    let status =
        Command::new("xdotool").args(args).status().map_err(|error| Error::io("xdotool", error))?;
    if status.success() {
        Ok(())
    } else {
        let message = format!("{} ended with {status}", args.join(" "));
        Err(Error::Process { what: "xdotool".into(), message })
    }
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$".contains(c);
            special.then_some('\\').into_iter().chain(std::iter::once(c))
        })
        .collect()
}
