//! The Revendo trade-in till: a Tauri shell around the protocol client, the order
//! journal and the built-in Revendo simulation.
//!
//! Rust owns every decision and every secret; the page is a view that calls the
//! commands in [`commands`].

mod cli;
mod commands;
mod data_dir;
mod dto;
mod endpoints;
mod error;
mod export;
mod failure_dialog;
mod finalize;
mod history;
mod key_command;
mod keychain;
mod logging;
mod quote_desk;
mod receipt;
mod revendo_view;
mod settings;
mod startup;
pub mod startup_probe;
mod till;
#[cfg(test)]
mod training_till;

use std::process::ExitCode;

use clap::Parser;

pub use cli::Cli;

/// Starts the till, or runs an administration command, and reports how it ended.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    if let Some(cli::Command::Key { action, api_base }) = &cli.command {
        return key_command::run(*action, api_base.as_deref());
    }

    match startup::launch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("revendo-pos: {error}");
            failure_dialog::tell_staff(&error.to_string());
            ExitCode::FAILURE
        }
    }
}
