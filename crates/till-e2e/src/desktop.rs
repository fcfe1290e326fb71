//! What the X display shows beside the till's webviews: native windows such as the print
//! dialog or the dialog of a till that cannot start, which WebDriver cannot see.

use std::process::Command;

use crate::{Error, Result};

/// Whether a window titled exactly `title` is on the display (`xwininfo -root -tree`).
pub fn window_shown(title: &str) -> Result<bool> {
    let listing = Command::new("xwininfo")
        .args(["-root", "-tree"])
        .output()
        .map_err(|error| Error::io("xwininfo", error))?;
    Ok(String::from_utf8_lossy(&listing.stdout).contains(&format!("\"{title}\"")))
}
