//! The end-to-end tests, one binary so that one run reports every failure. Run them one
//! at a time (`-- --test-threads=1`): each drives a window of its own on the one display.

mod crash_safety;
mod errors;
mod happy_path;
mod history_export;
mod hostile_iframe;
mod keychain;
mod one_till;
mod quote_frame;
mod webview_display;
mod window_state;
