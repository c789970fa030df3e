//! `infer`: change Elasticsearch inference endpoints from a terminal, a script or CI.

// All output goes through output.rs, which never panics on a closed pipe.
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod api;
mod body;
mod cli;
mod client;
mod cloud_id;
mod commands;
mod complete;
mod config;
mod connection;
mod controls;
mod diff;
mod error;
mod interrupt;
mod json;
mod limits;
mod local_file;
mod ops;
mod output;
mod prompt;
mod secret;
mod server;
mod services;
mod stored;
mod validate;
mod verify;
mod vocabulary;
mod yaml;

use std::process::ExitCode;

fn main() -> ExitCode {
    secret::register_environment();
    complete::if_asked();
    let args = cli::parse();
    let result = commands::run(args);
    // A signal that ended the run names the exit code, the report printed.
    let signalled = interrupt::exit_code();
    match result {
        Ok(()) => signalled.map_or(ExitCode::SUCCESS, ExitCode::from),
        Err(err) if error::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            if error::is_declined(&err) {
                output::say(&format!("infer: {err:#}"));
            } else if !error::is_silent(&err) {
                output::say(&format!("infer: error: {err:#}"));
            }
            ExitCode::from(signalled.unwrap_or_else(|| error::exit_code(&err)))
        }
    }
}
