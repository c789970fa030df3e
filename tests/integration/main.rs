//! One integration-test binary: the real `infer` against a fake
//! Elasticsearch that follows the reference's server rules.

mod check;
mod create;
mod curl;
mod delete;
mod edit;
mod edit_private;
mod escapes;
mod fake_es;
mod get_list;
mod harness;
mod hostile_server;
mod input_limits;
mod lifecycle_errors;
mod output;
mod profiles;
mod retries;
mod services;
mod terminal;
mod tls;
mod tls_setup;
mod update_input;
mod update_ok;
mod update_secrets;
mod update_server;
mod update_verify;
