//! The arguments of the commands that manage many endpoints at once:
//! `plan`, `apply` and `rotate`.

use clap::Args;
use std::path::PathBuf;

use super::{OutputFormat, format_parser, task_type_parser};
use crate::api::TaskType;

const MANY: &str = "Many endpoints";

/// The file of endpoints and what the plan may do, shared by `plan` and `apply`.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// JSON or YAML file of endpoints (what `infer export` writes), or a folder of
    /// them (repeatable); an endpoint's `environments` and `profiles` are read for the
    /// profile in use
    #[arg(short = 'f', long = "file", value_name = "PATH", help_heading = MANY)]
    pub files: Vec<PathBuf>,

    /// Delete the endpoints the cluster has and the file does not (preconfigured ones never)
    #[arg(long, help_heading = MANY)]
    pub prune: bool,

    /// Replace (delete, then create) an endpoint whose service or task type differs
    #[arg(long, help_heading = MANY)]
    pub allow_replace: bool,

    /// Send the file's secrets to endpoints that exist too (secrets cannot be read back, so
    /// they are never compared: without this they are sent only on create)
    #[arg(long, help_heading = MANY)]
    pub rotate_secrets: bool,

    /// Send service_settings.KEY although infer's table says the service cannot update it
    /// (repeatable)
    #[arg(long = "allow-field", value_name = "KEY", help_heading = MANY)]
    pub allow_fields: Vec<String>,
}

/// How a batch of writes runs, shared by `apply` and `rotate`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Write without asking first (required without a terminal)
    #[arg(long, short = 'y', help_heading = MANY)]
    pub yes: bool,

    /// How many endpoints are written at once (one write per endpoint at a time)
    #[arg(long, value_name = "N", default_value_t = 8,
          value_parser = clap::value_parser!(u16).range(1..=64), help_heading = MANY)]
    pub parallel: u16,

    /// Start nothing new after the first failure
    #[arg(long, help_heading = MANY)]
    pub fail_fast: bool,

    /// Do not compare the server's answers with what was asked
    #[arg(long, help_heading = MANY)]
    pub no_verify: bool,

    /// Format of the report [default: lines on a terminal, json when piped]
    #[arg(short = 'o', long = "output", value_name = "FORMAT", help_heading = MANY,
          value_parser = format_parser(&["json", "yaml"]))]
    pub output: Option<OutputFormat>,

    /// Print the JSON report even on a terminal (the same as -o json)
    #[arg(long, conflicts_with = "output", help_heading = MANY)]
    pub json: bool,
}

/// What `infer rotate --wait` says: a usage error (exit 2).
pub const NO_ROTATE_WAIT: &str = "infer rotate has no --wait: a new key starts no deployment, so \
     there is nothing to wait for; to prove the new key works, use --probe";

impl RunArgs {
    /// The report's format, when one was asked for.
    pub fn format(&self) -> Option<OutputFormat> {
        super::chosen_format(self.output, self.json)
    }
}

#[derive(Debug, Args)]
#[command(mut_arg("files", |a| a.required(true)))]
pub struct PlanArgs {
    #[command(flatten)]
    pub sync: SyncArgs,

    /// Also write the plan to this file, for `infer apply --plan` (secrets as references)
    #[arg(long, value_name = "PLANFILE", help_heading = MANY)]
    pub out: Option<PathBuf>,

    #[command(flatten)]
    pub format: super::TableFormat,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("endpoints").args(["files", "plan"]).required(true)))]
pub struct ApplyArgs {
    #[command(flatten)]
    pub sync: SyncArgs,

    /// Carry out the plan `infer plan --out` saved, exactly, instead of planning again; refused
    /// when an endpoint it touches changed on the cluster since
    #[arg(long, value_name = "PLANFILE", help_heading = MANY,
          conflicts_with_all = ["files", "prune", "allow_replace", "rotate_secrets", "allow_fields"])]
    pub plan: Option<PathBuf>,

    #[command(flatten)]
    pub run: RunArgs,

    /// After each write, wait until the deployment of the elasticsearch or elser endpoint has
    /// its allocations
    #[arg(long, help_heading = MANY)]
    pub wait: bool,

    /// How long --wait waits for each endpoint, e.g. 90s or 10m (default 5m)
    #[arg(long, value_name = "DURATION", requires = "wait", help_heading = MANY)]
    pub wait_timeout: Option<String>,

    /// After each write, send one small inference request through the endpoint, to prove
    /// that it (and a new key) works
    #[arg(long, help_heading = MANY)]
    pub probe: bool,
}

#[derive(Debug, Args)]
pub struct RotateArgs {
    /// Endpoint ids or globs (`*`, `?`) to rotate; all that match the filters when none
    #[arg(value_name = "ID_OR_GLOB")]
    pub ids: Vec<String>,

    /// Only endpoints of this service
    #[arg(long, value_name = "SERVICE", help_heading = MANY)]
    pub service: Option<String>,

    /// Only endpoints of this task type
    #[arg(short = 't', long, value_name = "TYPE", ignore_case = true,
          value_parser = task_type_parser(), help_heading = MANY)]
    pub task_type: Option<TaskType>,

    /// Ask for service_settings.NAME with a hidden prompt (terminal only)
    #[arg(long = "secret", value_name = "NAME", help_heading = super::SECRETS)]
    pub secret_prompts: Vec<String>,

    /// Read service_settings.NAME from the environment variable VAR; on several clusters,
    /// PROFILE:NAME=VAR gives that profile's cluster its own
    #[arg(long = "secret-env", value_name = "NAME=VAR", help_heading = super::SECRETS)]
    pub secret_envs: Vec<String>,

    /// Read service_settings.NAME from a file (- for stdin); on several clusters,
    /// PROFILE:NAME=PATH gives that profile's cluster its own
    #[arg(long = "secret-file", value_name = "NAME=PATH", help_heading = super::SECRETS)]
    pub secret_files: Vec<String>,

    /// List what would be rotated, and write nothing
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub run: RunArgs,

    /// After each write, send one small inference request through the endpoint, to prove
    /// that the new key works (a new key starts no deployment: there is no --wait)
    #[arg(long, conflicts_with = "dry_run", help_heading = MANY)]
    pub probe: bool,
}
