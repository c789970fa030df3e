//! One integration-test binary: the real `infer` against a fake
//! Elasticsearch that follows the server rules cited in `src/` and
//! `fake_es/` (Elasticsearch's own files, PRs and issues).

mod check;
mod completion;
mod config_init;
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
mod man;
mod many;
mod messages;
mod odd_lists;
mod output;
mod probe_wait;
mod profiles;
mod prompts;
mod retries;
mod round_trip;
mod scenarios;
mod secret_knowledge;
mod services;
mod several;
mod start_local;
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
