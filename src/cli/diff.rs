//! `infer diff`: the endpoints of two clusters compared.

use clap::Args;
use std::path::PathBuf;

pub const DIFF_AFTER_HELP: &str = concat!(
    "\
Reads each cluster once (GET /_inference/_all, both at the same time) and says
which endpoints only one of them has, and for each endpoint both have, the
settings that differ, field by field. Secrets are never compared nor shown (the
server does not return them); the live num_allocations of an autoscaling
endpoint (adaptive_allocations enabled) is not a difference. Each cluster is a
profile of the config file, used whole: ES_URL, ES_API_KEY and the like are not
used. With -f, compares what each cluster would become once the files are
applied (without --prune). A table on a terminal, JSON when piped or with --json.

Examples:
  infer diff --profile staging --profile prod
  infer diff --profile staging --profile prod 'search-*' --json
  infer diff --profile staging --profile prod -f endpoints/

",
    exit_codes!((0 "the clusters are alike") 1 2 4 5 6 (10 "the clusters differ") 130)
);

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Endpoint ids or globs (`*`, `?`) to compare; all when none
    #[arg(value_name = "ID_OR_GLOB")]
    pub ids: Vec<String>,

    /// Compare what each cluster would become with this file or folder of endpoints applied
    /// (repeatable)
    #[arg(short = 'f', long = "file", value_name = "PATH")]
    pub files: Vec<PathBuf>,

    #[command(flatten)]
    pub format: super::TableFormat,
}
