//! `infer config`'s subcommands, and the answers `config init` takes as
//! flags.

use clap::{ArgGroup, Args, Subcommand, ValueHint};
use std::path::PathBuf;

const ANSWERS: &str = "Answers";

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// The connection in use: each setting, its value (secrets masked) and where it came from
    #[command(after_help = concat!("Example:\n  infer --profile prod config show\n\n", exit_codes!(0 1 2)))]
    Show {
        /// Print JSON even on a terminal
        #[arg(long)]
        json: bool,
    },
    /// The profiles in the config file
    #[command(after_help = concat!("Example:\n  infer config list\n\n", exit_codes!(0 1 2)))]
    List {
        /// Print JSON even on a terminal
        #[arg(long)]
        json: bool,
    },
    /// Write a profile to the config file (mode 0600): asked on a terminal, or given as flags
    #[command(after_help = INIT_AFTER_HELP)]
    Init(InitArgs),
}

const INIT_AFTER_HELP: &str = concat!(
    "\
Without flags, infer asks each question on a terminal; the profile's name
given with --profile (or INFER_PROFILE) is not asked, and is letters, digits,
_ and -. With any other answer given as a flag, it asks nothing, terminal or
not. The answers are the Answers flags and the connection flags --url,
--cloud-id, --username, --ca-cert, --ca-fingerprint, --insecure, --client-cert,
--client-key, --connect-timeout, --timeout and --retries, given on the command
line (their variables are not answers). A new profile needs
where Elasticsearch is (--url or --cloud-id) and a credential (or
--no-credential); an existing one keeps what the flags do not change. A secret
is never taken on the command line: give the variable that holds it, or its
file, which must exist. Relative paths are made absolute. The first profile becomes the default;
--default makes another one the default.

Examples:
  infer config init
  infer --profile ci config init --url https://es.example:9243 \\
      --api-key-env CI_ES_API_KEY --ca-cert /etc/es/http_ca.crt --default
  infer --profile local config init --url http://localhost:9200 \\
      --username elastic --password-file ~/.elastic-password

",
    exit_codes!(0 1 2 130)
);

#[derive(Debug, Args)]
#[command(group = ArgGroup::new("credential").multiple(false))]
pub struct InitArgs {
    /// The API key is in this environment variable (stored as env:VAR)
    #[arg(long, value_name = "VAR", value_hint = ValueHint::Other, group = "credential", help_heading = ANSWERS)]
    pub api_key_env: Option<String>,

    /// The API key is in this file (stored as file:PATH)
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath, group = "credential", help_heading = ANSWERS)]
    pub api_key_file: Option<PathBuf>,

    /// The password of --username is in this environment variable
    #[arg(long, value_name = "VAR", value_hint = ValueHint::Other, group = "credential", help_heading = ANSWERS)]
    pub password_env: Option<String>,

    /// The password of --username is in this file
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath, group = "credential", help_heading = ANSWERS)]
    pub password_file: Option<PathBuf>,

    /// The bearer token is in this environment variable
    #[arg(long, value_name = "VAR", value_hint = ValueHint::Other, group = "credential", help_heading = ANSWERS)]
    pub bearer_token_env: Option<String>,

    /// The bearer token is in this file
    #[arg(long, value_name = "PATH", value_hint = ValueHint::FilePath, group = "credential", help_heading = ANSWERS)]
    pub bearer_token_file: Option<PathBuf>,

    /// No credential (a cluster without security)
    #[arg(long, group = "credential", help_heading = ANSWERS)]
    pub no_credential: bool,

    /// Make this profile the default one
    #[arg(long, help_heading = ANSWERS)]
    pub default: bool,
}

impl InitArgs {
    /// Whether any answer is given here.
    pub fn any(&self) -> bool {
        self.api_key_env.is_some()
            || self.api_key_file.is_some()
            || self.password_env.is_some()
            || self.password_file.is_some()
            || self.bearer_token_env.is_some()
            || self.bearer_token_file.is_some()
            || self.no_credential
            || self.default
    }
}
