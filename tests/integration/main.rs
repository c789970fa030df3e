//! One integration-test binary: the real `infer` against a fake
//! Elasticsearch that follows the server rules cited in `src/` and
//! `fake_es/` (Elasticsearch's own files, PRs and issues).

mod apply;
mod check;
mod completions;
mod config;
mod connection;
mod create;
mod delete;
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
