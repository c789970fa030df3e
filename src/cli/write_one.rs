//! The arguments of the commands that write one endpoint: `create`,
//! `update` and `edit`, their settings inputs and `--wait`.

use clap::Args;

use super::{SECRETS, SETTINGS, task_type_parser};
use crate::api::TaskType;

pub(super) const UPDATE_AFTER_HELP: &str = concat!(
    "\
Settings are applied in this order, later wins: --settings, the section flags
(--service-settings, --task-settings, --chunking-settings, deep-merged), --set,
--num-allocations, then secrets.

Examples:
  infer update my-e5 --set service_settings.num_allocations:=4
  infer update my-openai --secret-env api_key=OPENAI_API_KEY
  infer update my-openai --settings changes.json
  infer update my-id --task-type text_embedding --settings - --no-preflight --dry-run < body.json

",
    exit_codes!(0 1 2 3 4 5 6 7 8 9 signals)
);

pub(super) const CREATE_AFTER_HELP: &str = concat!(
    "\
Settings are applied in this order, later wins: --settings, the section flags
(--service-settings, --task-settings, --chunking-settings, deep-merged), --set,
--num-allocations, then secrets.

Examples:
  infer create my-openai --task-type text_embedding --service openai \\
      --set service_settings.model_id=text-embedding-3-small --secret-env api_key=OPENAI_API_KEY
  infer create my-e5 --task-type text_embedding --service elasticsearch \\
      --settings e5.json --server-timeout 2m

",
    exit_codes!(0 1 2 4 5 6 7 8 signals)
);

/// The settings inputs, shared by `create` and `update`.
#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// JSON file with service_settings, task_settings and/or chunking_settings (- for stdin);
    /// the object GET /_inference/{id} returns is accepted too
    #[arg(long, value_name = "FILE", help_heading = SETTINGS)]
    pub settings: Option<String>,

    /// service_settings to merge in: a JSON object, or @PATH
    #[arg(long, value_name = "JSON", help_heading = SETTINGS)]
    pub service_settings: Option<String>,

    /// task_settings to merge in: a JSON object, or @PATH
    #[arg(long, value_name = "JSON", help_heading = SETTINGS)]
    pub task_settings: Option<String>,

    /// chunking_settings (they replace the stored ones): a JSON object, or @PATH
    #[arg(long, value_name = "JSON", help_heading = SETTINGS)]
    pub chunking_settings: Option<String>,

    /// Set one value: SECTION.KEY[.KEY...]=STRING or SECTION.KEY:=JSON (repeatable)
    #[arg(long = "set", value_name = "ASSIGNMENT", help_heading = SETTINGS)]
    pub sets: Vec<String>,

    /// Set service_settings.num_allocations
    #[arg(long, value_name = "N", allow_negative_numbers = true, help_heading = SETTINGS)]
    pub num_allocations: Option<i64>,

    /// Ask for service_settings.NAME with a hidden prompt (terminal only)
    #[arg(long = "secret", value_name = "NAME", help_heading = SECRETS)]
    pub secret_prompts: Vec<String>,

    /// Read service_settings.NAME from the environment variable VAR
    #[arg(long = "secret-env", value_name = "NAME=VAR", help_heading = SECRETS)]
    pub secret_envs: Vec<String>,

    /// Read service_settings.NAME from a file (- for stdin)
    #[arg(long = "secret-file", value_name = "NAME=PATH", help_heading = SECRETS)]
    pub secret_files: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The id of the new endpoint
    #[arg(value_name = "INFERENCE_ID")]
    pub inference_id: String,

    /// Task type of the new endpoint (or task_type in --settings)
    #[arg(short = 't', long, value_name = "TYPE", ignore_case = true, value_parser = task_type_parser())]
    pub task_type: Option<TaskType>,

    /// Service of the new endpoint, e.g. openai or elasticsearch (or service in --settings)
    #[arg(long, value_name = "SERVICE")]
    pub service: Option<String>,

    /// Start from a copy of this endpoint's settings (its secrets must still be given)
    #[arg(long, value_name = "INFERENCE_ID")]
    pub from: Option<String>,

    #[command(flatten)]
    pub settings: SettingsArgs,

    /// How long the server may wait for the provider (its `timeout` parameter), e.g. 90s or 2m
    #[arg(long, value_name = "DURATION", allow_hyphen_values = true)]
    pub server_timeout: Option<String>,

    /// Do not compare the server's answer with what was asked
    #[arg(long)]
    pub no_verify: bool,

    /// Print the request that would be sent, secrets masked, and send nothing
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub wait: WaitArgs,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The inference endpoint to change
    #[arg(value_name = "INFERENCE_ID")]
    pub inference_id: String,

    /// Task type of the endpoint; found by pre-flight when omitted
    #[arg(short = 't', long, value_name = "TYPE", ignore_case = true, value_parser = task_type_parser())]
    pub task_type: Option<TaskType>,

    #[command(flatten)]
    pub settings: SettingsArgs,

    /// Reset service_settings.KEY or task_settings.KEY to its default, or clear it: sends
    /// null, which only the newest servers understand (repeatable)
    #[arg(long = "unset", value_name = "PATH", help_heading = SETTINGS)]
    pub unsets: Vec<String>,

    /// Do not read the endpoint before writing (then --task-type is required)
    #[arg(long)]
    pub no_preflight: bool,

    /// Do not compare the server's answer with what was asked
    #[arg(long)]
    pub no_verify: bool,

    /// Print the request that would be sent, secrets masked, with the stored and new value
    /// of each key, and send no write
    #[arg(long)]
    pub dry_run: bool,

    /// How long the server may wait for the provider (its `timeout` parameter, sent only to
    /// Elasticsearch 9.5 and later, which accept it), e.g. 90s or 2m
    #[arg(long, value_name = "DURATION", allow_hyphen_values = true)]
    pub server_timeout: Option<String>,

    /// Send service_settings.KEY (or a null at PATH) although infer's table says the service
    /// cannot update it, for when the table lags the server (repeatable)
    #[arg(long = "allow-field", value_name = "KEY")]
    pub allow_fields: Vec<String>,

    #[command(flatten)]
    pub wait: WaitArgs,

    /// After the update, send one small inference request through the endpoint, to prove
    /// that it (and a new key) works
    #[arg(long, conflicts_with = "dry_run")]
    pub probe: bool,
}

/// `--wait`, shared by `create` and `update`.
#[derive(Debug, Args)]
pub struct WaitArgs {
    /// Wait until the deployment of an elasticsearch or elser endpoint has its allocations
    #[arg(long, conflicts_with = "dry_run")]
    pub wait: bool,

    /// How long --wait waits, e.g. 90s or 10m (default 5m)
    #[arg(long, value_name = "DURATION", requires = "wait")]
    pub wait_timeout: Option<String>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The inference endpoint to edit
    #[arg(value_name = "INFERENCE_ID")]
    pub inference_id: String,

    /// Send the change without asking first
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Do not compare the server's answer with what was asked
    #[arg(long)]
    pub no_verify: bool,

    /// Send service_settings.KEY although infer's table says the service cannot update it,
    /// for when the table lags the server (repeatable)
    #[arg(long = "allow-field", value_name = "KEY")]
    pub allow_fields: Vec<String>,
}
