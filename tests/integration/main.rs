//! One integration-test binary: the real `infer` against a fake
//! Elasticsearch that follows the reference's server rules.

mod check;
mod create;
mod credentials;
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
mod leaks;
mod lifecycle_errors;
mod live;
mod output;
mod probe_wait;
mod profiles;
mod retries;
mod scenarios;
mod services;
mod sweep;
mod terminal;
mod tls;
mod tls_setup;
mod update_input;
mod update_ok;
mod update_rules;
mod update_secrets;
mod update_server;
mod update_verify;
mod versions;
