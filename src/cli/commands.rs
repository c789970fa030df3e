//! The subcommands, and the arguments of those that read, probe or delete
//! (the ones that write: `write_one.rs`, `many.rs`).

use clap::{Args, Subcommand};

use super::many::{ApplyArgs, PlanArgs, RotateArgs};
use super::write_one::{CREATE_AFTER_HELP, CreateArgs, EditArgs, UPDATE_AFTER_HELP, UpdateArgs};
use super::{ConfigCommand, OutputFormat, format_parser, task_type_parser};
use crate::api::TaskType;

// Parsed once per run: the size of a variant costs nothing worth boxing for.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show inference endpoints, in the shape `update --settings` accepts
    #[command(after_help = concat!("\
With several ids: a JSON array of the endpoints found; each one that cannot be
read is reported on stderr, and the exit code is the first failure's.

Examples:
  infer get my-e5 > my-e5.json
  infer get my-e5 my-openai | jq -r '.[].service'

", exit_codes!(0 1 2 4 5 6 130)))]
    Get(GetArgs),

    /// List inference endpoints: a table on a terminal, JSON when piped
    #[command(after_help = concat!("Example:\n  infer list --task-type text_embedding --no-preconfigured\n\n", exit_codes!(0 1 2 4 5 6 130)))]
    List(ListArgs),

    /// Create an inference endpoint (PUT /_inference/{task_type}/{id})
    #[command(after_help = CREATE_AFTER_HELP)]
    Create(CreateArgs),

    /// Change an existing inference endpoint (PUT /_inference/{task_type}/{id}/_update)
    #[command(after_help = UPDATE_AFTER_HELP)]
    Update(UpdateArgs),

    /// Edit an endpoint in $VISUAL or $EDITOR, then send only what changed
    #[command(after_help = concat!("Example:\n  EDITOR=nano infer edit my-openai\n\n", exit_codes!(0 1 2 3 4 5 6 7 signals)))]
    Edit(EditArgs),

    /// Delete inference endpoints (asks first on a terminal)
    #[command(after_help = concat!("\
With several ids each is deleted in turn, and a failure does not stop the
others; the exit code is the first failure's. A preconfigured endpoint (its id
starts with '.') is refused unless --force is given.

Examples:
  infer delete old-e5 --dry-run
  infer delete old-e5 --yes
  infer delete old-e5 old-openai --yes

", exit_codes!(0 1 2 (3 "refused, nothing deleted: not confirmed, or preconfigured without --force") 4 5 6 signals)))]
    Delete(DeleteArgs),

    /// Send one small inference request through an endpoint: proof that it (and its key) works
    #[command(after_help = concat!("Sends POST /_inference/{task_type}/{id} with a short input fitted to the task type\n\
(a text; a query and two documents for rerank) and reports the time and the shape of\n\
the answer, never the vectors unless --answer is given. Exit 9 when the provider\n\
rejects it (a wrong key, a quota).\n\nExample:\n  infer probe my-openai\n\n", exit_codes!(0 1 2 4 5 6 9 130)))]
    Probe(ProbeArgs),

    /// Write the cluster's endpoints as a file plan and apply read, secrets as env: references
    #[command(after_help = EXPORT_AFTER_HELP)]
    Export(ExportArgs),

    /// Compare a file of endpoints with the cluster: what apply would do
    #[command(after_help = PLAN_AFTER_HELP)]
    Plan(PlanArgs),

    /// Make the cluster's endpoints what a file of endpoints says
    #[command(after_help = APPLY_AFTER_HELP)]
    Apply(ApplyArgs),

    /// Rotate a provider secret across many endpoints at once
    #[command(after_help = ROTATE_AFTER_HELP)]
    Rotate(RotateArgs),

    /// Compare the endpoints of two clusters (two profiles): what only one has, what differs
    #[command(after_help = super::diff::DIFF_AFTER_HELP)]
    Diff(super::DiffArgs),

    /// Show the services the server offers, and their settings
    #[command(after_help = concat!("Example:\n  infer services openai --task-type text_embedding\n\n", exit_codes!(0 1 2 4 5 6 130)))]
    Services(ServicesArgs),

    /// Check that this connection can do the job: reachable, authenticated, privileged
    #[command(after_help = concat!("Checks GET /, who the credentials are (GET /_security/_authenticate) and\n\
whether they hold manage_inference and monitor_inference. Exit 0 when they do,\n\
3 when a privilege is missing; 4, 5 or 6 when a request fails.\n\nExample:\n  ES_API_KEY=... infer check --url https://es.example:9200\n\n", exit_codes!(0 1 2 (3 "a privilege is missing") 4 5 6 130)))]
    Check(CheckArgs),

    /// Profiles: show the connection in use and where each value comes from, list, create
    #[command(subcommand)]
    Config(ConfigCommand),

    /// Print a static shell completion script; `COMPLETE=SHELL infer` prints a dynamic one
    #[command(after_help = concat!("\
Examples:
  infer completions bash > ~/.local/share/bash-completion/completions/infer
  source <(COMPLETE=bash infer)     # dynamic: endpoint ids and profiles too

", exit_codes!(0 1 2)))]
    Completions {
        /// The shell to generate for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Print infer's manual pages (roff), or write them all to a directory
    #[command(after_help = concat!("\
Examples:
  infer man | man -l -
  infer man config show | man -l -
  infer man --dir ~/.local/share/man/man1    # then: man infer, man infer-update

", exit_codes!(0 1 2)))]
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print, e.g. update or config show [default: infer's own]
    #[arg(value_name = "COMMAND", conflicts_with = "dir")]
    pub command: Vec<String>,

    /// Write every page (infer.1, infer-update.1, ...) into this directory instead
    #[arg(long, value_name = "DIR")]
    pub dir: Option<std::path::PathBuf>,
}

const EXPORT_AFTER_HELP: &str = concat!(
    "\
Reads the cluster once (GET /_inference/_all) and writes its endpoints, the
preconfigured ones left out, in the shape plan and apply read. Elasticsearch
never returns a secret, so each secret setting is written as env:<ID>_<SETTING>,
upper case, every other character _ (my-openai's api_key: MY_OPENAI_API_KEY);
the file is safe to commit. A custom endpoint's secret_parameters are written as
a REPLACE_ME placeholder to fill in. With adaptive allocations on, the live
num_allocations is left out.

Examples:
  infer export > endpoints.yaml
  infer export 'search-*' -o json --out endpoints.json
  infer export --out endpoints/          # a file per endpoint: endpoints/<id>.yaml
  infer plan -f endpoints/               # in sync: exit 0

",
    exit_codes!(0 1 2 4 5 6 130)
);

const PLAN_AFTER_HELP: &str = concat!(
    "\
Reads the cluster once (GET /_inference/_all) and says for each endpoint: create,
update (field by field), replace, no change, or not in the file (delete with
--prune). Fields the service cannot update are conflicts. A table on a terminal,
JSON when piped or with --json. Secrets are never compared: they are sent on
create, and on update only with --rotate-secrets. --out saves the plan (secrets
as references) for infer apply --plan, which carries out exactly it.

On several clusters (--profile repeated, or --all-profiles) each is read and
planned at once, with its own connection and its profile's values: a heading
per cluster on a terminal; piped, {\"clusters\": [...]}, a section per cluster
with its profile, url, exit_code, and report (or error). A cluster that cannot
be reached is reported and the others planned. The exit code is the most
serious: 2 (usage), then 1 (an error in a cluster), then 11, then 10. --out
saves one cluster's plan, and takes one.

Examples:
  infer export > endpoints.yaml           # start a file from the cluster
  infer plan -f endpoints.yaml
  infer plan -f endpoints/ --prune --json | jq '.[] | select(.action != \"no_change\")'
  infer plan -f endpoints/ --prune --out plan.json   # review it, then apply --plan
  infer plan --all-profiles -f endpoints/           # every cluster, each its own values

",
    exit_codes!(0 (1 "unexpected failure; on several clusters: an error in one of them") 2 4 5 6 (10 "changes pending, all of which apply can make") (11 "changes pending, and some apply would skip (conflicts)") 130)
);

const APPLY_AFTER_HELP: &str = concat!(
    "\
Computes the plan, shows it, asks on a terminal (--yes without one), then writes
each endpoint as create/update/delete would, up to --parallel at once. A failure
does not stop the others (--fail-fast does). Ctrl-C finishes the writes in
flight, starts no new one, and reports. On a terminal a progress display; piped,
only the JSON report on stdout. --plan carries out a plan infer plan --out
saved, without planning again; it refuses, before any write, a plan made for
another cluster (exit 2) or one an endpoint it writes changed since (exit 11; a
live num_allocations of adaptive allocations is no change). --wait and --probe
wait for and probe each endpoint after its write, as update does, each reported
with its endpoint; the exit code is the most serious: 11 when a write was not
applied, else 9 when a probe was rejected, 8 when a wait ran out of time.

On several clusters (--profile repeated, or --all-profiles) every cluster is
planned at once with its own values, one confirmation names each cluster to be
written, and the writes run across clusters at the same time, up to --parallel
in each. A cluster that cannot be reached is reported and the others go on
(with --fail-fast, nothing is written); a usage error in any stops them all
before any write. The report has a section per cluster, as plan's; the exit
code is the most serious: a signal, then 2, then 1 (an error in a cluster; its
section has its own code), then 11. --plan carries out one cluster's plan.

Examples:
  infer apply -f endpoints.yaml --yes --parallel 16
  infer apply --plan plan.json --yes
  infer apply --profile staging --profile prod -f endpoints/ --yes

",
    exit_codes!(0 (1 "unexpected failure; on several clusters: an error in one of them") 2 (3 "not confirmed, or no terminal to ask on without --yes; nothing written") 4 5 6 8 9 (11 "not everything was applied (the report says what), or a saved plan went stale") signals)
);

const ROTATE_AFTER_HELP: &str = concat!(
    "\
Updates the secret of every matching endpoint, concurrently, with the same
progress, report and exit codes as apply. Preconfigured endpoints and endpoints
whose service does not take the secret are refused. --probe proves each new key
after its write, as update does.

On several clusters (--profile repeated, or --all-profiles) each cluster picks
its own endpoints: an id one does not have picks nothing there, one that none
has is refused (3). --secret-env NAME=VAR gives every cluster the same secret,
--secret-env PROFILE:NAME=VAR (or --secret-file PROFILE:NAME=PATH) one cluster
its own, which wins there; a secret shared by several clusters must go to one
provider. The confirmation, report and exit codes are apply's on several
clusters.

Examples:
  infer rotate --service openai --secret-env api_key=NEW_OPENAI_KEY --dry-run
  infer rotate 'search-*' --service cohere --secret-env api_key=NEW_KEY --yes
  infer rotate --all-profiles --service openai --secret-env api_key=KEY \\
      --secret-env prod:api_key=PROD_KEY

",
    exit_codes!(0 (1 "unexpected failure; on several clusters: an error in one of them") 2 (3 "refused, or not confirmed; nothing written") 4 5 6 9 (11 "not every endpoint was rotated (the report says what)") signals)
);

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print JSON even on a terminal
    #[arg(long)]
    pub json: bool,
}

/// The endpoints `get` and `delete` act on, and the task type they must
/// have. The help of the ids is each command's: `cli::command()` gives it.
#[derive(Debug, Args)]
pub struct Endpoints {
    #[arg(value_name = "INFERENCE_ID", required = true)]
    pub inference_ids: Vec<String>,

    /// Only if it has this task type
    #[arg(short = 't', long, value_name = "TYPE", ignore_case = true, value_parser = task_type_parser())]
    pub task_type: Option<TaskType>,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    #[command(flatten)]
    pub endpoints: Endpoints,

    /// Output format [default: json]
    #[arg(short = 'o', long = "output", value_name = "FORMAT", value_parser = format_parser(&["json", "yaml"]))]
    pub output: Option<OutputFormat>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only endpoints of this task type
    #[arg(short = 't', long, value_name = "TYPE", ignore_case = true, value_parser = task_type_parser())]
    pub task_type: Option<TaskType>,

    /// Only endpoints of this service
    #[arg(long, value_name = "SERVICE")]
    pub service: Option<String>,

    /// Hide the preconfigured endpoints (ids starting with '.')
    #[arg(long)]
    pub no_preconfigured: bool,

    /// Output format [default: table on a terminal, json when piped]
    #[arg(short = 'o', long = "output", value_name = "FORMAT", value_parser = format_parser(TABLE_JSON_YAML))]
    pub output: Option<OutputFormat>,

    /// Print a JSON array even on a terminal (the same as -o json)
    #[arg(long, conflicts_with = "output")]
    pub json: bool,
}

/// The formats of a command that shows a table on a terminal.
pub(crate) const TABLE_JSON_YAML: &[&str] = &["table", "json", "yaml"];

#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// The inference endpoint to probe
    #[arg(value_name = "INFERENCE_ID")]
    pub inference_id: String,

    /// Task type of the endpoint; read from the endpoint when omitted
    #[arg(long, short = 't', value_name = "TYPE", ignore_case = true, value_parser = task_type_parser())]
    pub task_type: Option<TaskType>,

    /// Include the endpoint's answer (vectors and all) in the output
    #[arg(long)]
    pub answer: bool,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    #[command(flatten)]
    pub endpoints: Endpoints,

    /// Delete even when pipelines or indices still use it, or it is preconfigured (its id
    /// starts with '.')
    #[arg(long)]
    pub force: bool,

    /// Delete nothing; show which pipelines and indices use the endpoint
    #[arg(long)]
    pub dry_run: bool,

    /// Do not ask for confirmation (needed without a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Endpoint ids or globs (`*`, `?`) to export; all but the preconfigured ones when none
    #[arg(value_name = "ID_OR_GLOB")]
    pub ids: Vec<String>,

    /// Output format [default: yaml, or what the --out file's name says]
    #[arg(short = 'o', long = "output", value_name = "FORMAT", value_parser = format_parser(&["json", "yaml"]))]
    pub output: Option<OutputFormat>,

    /// Write to this file (named .yaml, .yml or .json), or to this folder, a file per endpoint
    /// (an existing folder, or a path ending in /) [default: stdout]
    #[arg(long = "out", value_name = "PATH")]
    pub out: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServicesArgs {
    /// Only this service
    #[arg(value_name = "SERVICE")]
    pub service: Option<String>,

    /// Only services with this task type, and their settings for it
    #[arg(short = 't', long, value_name = "TYPE", ignore_case = true, value_parser = task_type_parser())]
    pub task_type: Option<TaskType>,

    /// Output format [default: table on a terminal, json when piped]
    #[arg(short = 'o', long = "output", value_name = "FORMAT", value_parser = format_parser(TABLE_JSON_YAML))]
    pub output: Option<OutputFormat>,

    /// Print JSON even on a terminal (the same as -o json)
    #[arg(long, conflicts_with = "output")]
    pub json: bool,
}
