//! One integration-test binary: the real `infer` against a fake
//! Elasticsearch that follows the reference's server rules.

mod fake_es;
mod harness;
mod output;
mod terminal;
mod tls;
mod update_input;
mod update_ok;
mod update_secrets;
mod update_server;
mod update_verify;
