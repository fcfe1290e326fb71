//! A till that cannot start says why in a dialog: staff start it from an icon and never
//! see its standard error. Started from a terminal, the line on standard error is enough.

use std::io::IsTerminal;

use rfd::{MessageButtons, MessageDialog, MessageLevel};

/// The dialog's title; the end-to-end tests find the dialog by it.
pub const TITLE: &str = "Revendo Till cannot start";

/// Shows `message` in a dialog and waits until staff close it, unless standard error is
/// a terminal.
pub fn tell_staff(message: &str) {
    if std::io::stderr().is_terminal() {
        return;
    }
    MessageDialog::new()
        .set_level(MessageLevel::Error)
        .set_title(TITLE)
        .set_description(message)
        .set_buttons(MessageButtons::Ok)
        .show();
}
