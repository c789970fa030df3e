//! `infer config`'s subcommands, and the answers `config init` takes as
//! flags.

use clap::{Arg, ArgAction, ArgGroup, ArgMatches, Args, Command, FromArgMatches, Subcommand};
use clap::{ValueHint, value_parser};
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
    #[command(flatten)]
    pub from: CredentialSources,

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
        [
            &self.from.api_key,
            &self.from.password,
            &self.from.bearer_token,
        ]
        .iter()
        .any(|s| s.env.is_some() || s.file.is_some())
            || self.no_credential
            || self.default
    }
}

/// Where `config init` is told a credential is: the variable that holds it, or its file.
#[derive(Debug)]
pub struct Source {
    pub env: Option<String>,
    pub file: Option<PathBuf>,
}

/// The answers of `--api-key-env`/`-file`, `--password-env`/`-file` and
/// `--bearer-token-env`/`-file`, whose flags are made from [`SOURCE_FLAGS`].
#[derive(Debug)]
pub struct CredentialSources {
    pub api_key: Source,
    pub password: Source,
    pub bearer_token: Source,
}

/// A credential's two flags: the ids (their names are the same with `-`
/// for `_`) and the help of each.
struct SourceFlags {
    env: (&'static str, &'static str, &'static str),
    file: (&'static str, &'static str, &'static str),
}

/// The credential-source flags in the order `--help` lists them.
const SOURCE_FLAGS: [SourceFlags; 3] = [
    SourceFlags {
        env: (
            "api_key_env",
            "api-key-env",
            "The API key is in this environment variable (stored as env:VAR)",
        ),
        file: (
            "api_key_file",
            "api-key-file",
            "The API key is in this file (stored as file:PATH)",
        ),
    },
    SourceFlags {
        env: (
            "password_env",
            "password-env",
            "The password of --username is in this environment variable",
        ),
        file: (
            "password_file",
            "password-file",
            "The password of --username is in this file",
        ),
    },
    SourceFlags {
        env: (
            "bearer_token_env",
            "bearer-token-env",
            "The bearer token is in this environment variable",
        ),
        file: (
            "bearer_token_file",
            "bearer-token-file",
            "The bearer token is in this file",
        ),
    },
];

/// One credential-source flag: one of the group `credential`.
fn source_flag((id, long, help): (&'static str, &'static str, &'static str)) -> Arg {
    Arg::new(id)
        .long(long)
        .help(help)
        .action(ArgAction::Set)
        .group("credential")
        .help_heading(ANSWERS)
}

impl Args for CredentialSources {
    fn augment_args(cmd: Command) -> Command {
        SOURCE_FLAGS.iter().fold(cmd, |cmd, flags| {
            cmd.arg(
                source_flag(flags.env)
                    .value_name("VAR")
                    .value_hint(ValueHint::Other)
                    .value_parser(value_parser!(String)),
            )
            .arg(
                source_flag(flags.file)
                    .value_name("PATH")
                    .value_hint(ValueHint::FilePath)
                    .value_parser(value_parser!(PathBuf)),
            )
        })
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for CredentialSources {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let [api_key, password, bearer_token] = SOURCE_FLAGS.map(|flags| Source {
            env: matches
                .try_get_one::<String>(flags.env.0)
                .ok()
                .flatten()
                .cloned(),
            file: matches
                .try_get_one::<PathBuf>(flags.file.0)
                .ok()
                .flatten()
                .cloned(),
        });
        Ok(CredentialSources {
            api_key,
            password,
            bearer_token,
        })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}
