//! One integration-test binary: the real `infer` against a fake
//! Elasticsearch that follows the reference's server rules.

mod check;
mod completion;
mod create;
mod curl;
mod delete;
mod edit;
mod fake_es;
mod get_list;
mod harness;
mod lifecycle_errors;
mod live;
mod man;
mod output;
mod profiles;
mod retries;
mod scenarios;
mod services;
mod several;
mod terminal;
mod tls;
mod update_input;
mod update_ok;
mod update_rules;
mod update_secrets;
mod update_server;
mod update_verify;
mod versions;
