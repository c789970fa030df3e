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
mod edges;
mod edit;
mod export;
mod fake_es;
mod fake_example;
mod get_list;
mod harness;
mod input;
mod live;
mod man;
mod output;
mod plan;
mod probe_wait;
mod rotate;
mod secrets;
mod server;
mod services;
mod several;
mod terminal;
mod update;
