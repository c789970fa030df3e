//! One integration-test binary: the real `infer` against a fake
//! Elasticsearch that follows the server rules cited in `src/` and
//! `fake_es/` (Elasticsearch's own files, PRs and issues).
//!
//! One file or folder per command (`get.rs`, `list.rs`, `create.rs`,
//! `update/`, `edit/`, `delete.rs`, `probe.rs`, `services.rs`, `check.rs`,
//! `export.rs`, `plan/`, `apply/`, `rotate.rs`, `diff/`, `config/`, `completions.rs`,
//! `man.rs`); what cuts across commands in its own folder:
//!
//! - `clusters/`: `plan`, `apply` and `rotate` on several clusters at once.
//! - `connection/`: credentials, profiles, start-local, TLS.
//! - `secrets/`: secrets never shown, masked where a server echoes them; escapes.
//! - `server/`: server versions, errors, hostile and odd answers, retries, interruptions.
//! - `output/`: help, formats, messages, `--curl`, the one sink to the terminal.
//! - `terminal/`: hidden prompts and questions on a real terminal.
//! - `input/`: hostile input and its limits.
//! - `harness/`: the shared fixtures: running infer, the pty, files of
//!   endpoints, the server-versions table, an endpoint of every service.
//! - `fake_es/`: the fake Elasticsearch; `fake_example.rs` its runnable
//!   example; `live.rs` the opt-in lane against a real cluster.

mod apply;
mod check;
mod clusters;
mod completions;
mod config;
mod connection;
mod create;
mod delete;
mod diff;
mod docs;
mod edit;
mod export;
mod fake_es;
mod fake_example;
mod get;
mod harness;
mod input;
mod list;
mod live;
mod man;
mod output;
mod plan;
mod probe;
mod rotate;
mod secrets;
mod server;
mod services;
mod terminal;
mod update;
