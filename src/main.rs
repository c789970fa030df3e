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
mod diff;
mod error;
mod json;
mod limits;
mod ops;
mod output;
mod prompt;
mod secret;
mod server;
mod services;
mod tls;
mod validate;
mod verify;

use std::process::ExitCode;

fn main() -> ExitCode {
    secret::register_environment();
    complete::if_asked();
    let args = cli::parse();
    match commands::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if error::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            if !error::is_silent(&err) {
                output::say(&format!("infer: error: {err:#}"));
            }
            ExitCode::from(error::exit_code(&err))
        }
    }
}
