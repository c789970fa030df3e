//! The command line, as clap sees it. Nothing here does I/O beyond parsing;
//! `connection.rs` and the commands turn these raw values into resolved ones.

use clap::builder::TypedValueParser;
use clap::parser::ValueSource;
use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser};

use crate::api::TaskType;
pub use crate::output::{ColorChoice, OutputFormat};

const CONNECTION: &str = "Connection";
const OUTPUT: &str = "Output";
const SETTINGS: &str = "Settings";
const SECRETS: &str = "Secrets";

/// One exit code's line of help. `(3 "...")` gives a command's own wording
/// of a code.
macro_rules! exit_code {
    (0) => {
        "\n    0  done"
    };
    (1) => {
        "\n    1  unexpected failure"
    };
    (2) => {
        "\n    2  usage or invalid input; nothing was written"
    };
    (3) => {
        "\n    3  refused, nothing written: the endpoint does not match, or not confirmed"
    };
    (4) => {
        "\n    4  HTTP 4xx from Elasticsearch"
    };
    (5) => {
        "\n    5  HTTP 5xx from Elasticsearch"
    };
    (6) => {
        "\n    6  connection, TLS or timeout failure, or a redirect (not followed)"
    };
    (7) => {
        "\n    7  written, but the server did not apply everything that was asked"
    };
    (8) => {
        "\n    8  written, but the deployment did not reach its allocations in time (--wait)"
    };
    (9) => {
        "\n    9  the provider rejected the probe (probe, --probe); an update was applied"
    };
    (10) => {
        "\n   10  plan: changes pending; diff: the clusters differ"
    };
    (11) => {
        "\n   11  plan: changes pending with conflicts; apply, rotate: not everything applied"
    };
    (130) => {
        "\n  130  interrupted at a prompt; nothing was sent"
    };
    (signals) => {
        concat!(
            "\n  129  SIGHUP: the writes in flight finished, no new one was started",
            "\n  130  SIGINT (Ctrl-C): the same; at a prompt, nothing was sent",
            "\n  143  SIGTERM: the same as SIGHUP"
        )
    };
    ((10 $text:literal)) => {
        concat!("\n   10  ", $text)
    };
    ((11 $text:literal)) => {
        concat!("\n   11  ", $text)
    };
    (($code:literal $text:literal)) => {
        concat!("\n    ", $code, "  ", $text)
    };
}

/// The exit codes a command can return, shown by its `--help`; with no
/// codes, all of them (`infer --help`).
macro_rules! exit_codes {
    () => {
        exit_codes!(0 1 2 3 4 5 6 7 8 9 10 11 signals)
    };
    ($($code:tt)+) => {
        concat!("Exit codes:", $(exit_code!($code)),+)
    };
}

mod commands;
mod config;
mod connection_flags;
pub use connection_flags::ConnectionArgs;
mod diff;
mod many;
mod table_format;
mod targets;
pub use commands::*;
pub use config::*;
pub use diff::DiffArgs;
pub use many::*;
pub use table_format::TableFormat;
mod write_one;
pub use write_one::*;

const AFTER_HELP: &str = concat!(
    exit_codes!(),
    "

Settings come from flags, then ES_* variables, then the ELASTICSEARCH_* names
of Elastic's Terraform provider, then the profile (--profile, INFER_PROFILE or
default_profile in $XDG_CONFIG_HOME/infer/config.toml), then start-local's
ES_LOCAL_* variables or ./elastic-start-local/.env, then defaults. The URL, the
credential and what to trust come from one of these as a unit: a profile named
with --profile or INFER_PROFILE is used whole; else the flags and variables
once they give a URL or a credential; else the default profile, start-local or
the defaults. A credential never goes to a URL given elsewhere: infer refuses.
`infer config show` says where each value came from, and what is not used.
Give one kind of credential: an API key, a username and password, or a bearer
token."
);

#[derive(Debug, Parser)]
#[command(
    name = "infer",
    version,
    about = "Change Elasticsearch inference endpoints from a terminal, a script or CI",
    after_help = AFTER_HELP,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
#[command(next_help_heading = CONNECTION)]
pub struct GlobalArgs {
    /// Profile from the config file (default: its default_profile); plan, apply, rotate and
    /// diff take it more than once, one cluster each
    #[arg(
        id = "profile",
        long = "profile",
        env = "INFER_PROFILE",
        global = true,
        hide_env_values = true,
        value_name = "NAME",
        action = ArgAction::Append
    )]
    pub profiles: Vec<String>,

    /// Every profile of the config file, one cluster each (plan, apply, rotate, diff)
    #[arg(long, global = true)]
    pub all_profiles: bool,

    /// The one profile of a command that takes one: `profiles`' only name
    /// (`parse` refuses more).
    #[arg(skip)]
    pub profile: Option<String>,

    /// The connection settings (`connection_flags.rs`).
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// When to colour output
    #[arg(long, value_parser = color_parser(), default_value = "auto", global = true, value_name = "WHEN", help_heading = OUTPUT)]
    pub color: ColorChoice,

    /// Show each request and response on stderr (credentials and secrets masked)
    #[arg(short, long, action = ArgAction::Count, global = true, help_heading = OUTPUT)]
    pub verbose: u8,

    /// Print an equivalent curl command instead of sending the request (credentials and
    /// secrets as references to environment variables)
    #[arg(long, global = true, help_heading = OUTPUT)]
    pub curl: bool,

    /// Print only the result, warnings and errors
    #[arg(short, long, global = true, conflicts_with = "verbose", help_heading = OUTPUT)]
    pub quiet: bool,

    #[arg(skip)]
    pub sources: Sources,
}

/// Where each connection value came from: a flag or an environment variable.
/// Flags override variables, and two kinds of credential at one level are an
/// error, so the resolver needs to know.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    pub from_env: Vec<&'static str>,
}

impl Sources {
    pub fn is_env(&self, arg: &str) -> bool {
        self.from_env.contains(&arg)
    }
}

/// `--color`'s names, as clap reads them; the choice is `output`'s.
fn color_parser() -> impl clap::builder::TypedValueParser<Value = ColorChoice> {
    clap::builder::PossibleValuesParser::new(ColorChoice::NAMES)
        .try_map(|name| ColorChoice::from_name(&name).ok_or("not a colour choice"))
}

/// The formats a command offers, as `-o` reads them.
pub(crate) fn format_parser(
    names: &'static [&'static str],
) -> impl clap::builder::TypedValueParser<Value = OutputFormat> {
    clap::builder::PossibleValuesParser::new(names)
        .try_map(|name| OutputFormat::from_name(&name).ok_or("not an output format"))
}

/// The format asked for: `-o FORMAT`, or `--json`, its synonym.
pub fn chosen_format(output: Option<OutputFormat>, json: bool) -> Option<OutputFormat> {
    output.or(json.then_some(OutputFormat::Json))
}

pub(crate) fn task_type_parser() -> impl clap::builder::TypedValueParser<Value = TaskType> {
    clap::builder::PossibleValuesParser::new(TaskType::NAMES)
        .try_map(|name| name.parse::<TaskType>())
}

/// Colour for clap's own messages (usage errors, help), decided before
/// parsing from a `--color` in the arguments and `NO_COLOR`.
fn early_color() -> clap::ColorChoice {
    let args: Vec<String> = std::env::args().collect();
    let given = args
        .iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--color") {
            Some(rest) if rest.starts_with('=') => Some(rest[1..].to_string()),
            Some("") => args.get(i + 1).cloned(),
            _ => None,
        });
    match given.as_deref() {
        Some("never") => clap::ColorChoice::Never,
        Some("always") => clap::ColorChoice::Always,
        _ if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => {
            clap::ColorChoice::Never
        }
        _ => clap::ColorChoice::Auto,
    }
}

/// A time limit, checked as the command line is read and kept as written
/// (the connection parses it, as it parses one from a profile).
fn time_limit(text: &str) -> Result<String, String> {
    crate::api::parse_time_limit(text).map(|_| text.to_string())
}

/// The clap command: what is parsed, and what help, completions and man
/// pages show.
pub fn command() -> clap::Command {
    let cmd = Cli::command();
    // The commands that never connect take the global options (clap cannot
    // leave a global out of one subcommand) but do not show them.
    let hidden: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.clone().hide(true))
        .collect();
    // `mut_subcommands`, not `mut_subcommand`: that one moves the command
    // to the end, and pages and scripts follow this order.
    cmd.mut_subcommands(|sc| match sc.get_name() {
        "completions" | "man" => sc.args(hidden.iter().cloned()),
        "get" => sc.mut_arg("inference_ids", |a| {
            a.help("The inference endpoints to show (several: a JSON array)")
        }),
        "delete" => sc.mut_arg("inference_ids", |a| {
            a.help("The inference endpoints to delete")
        }),
        // `SettingsArgs` speaks of stored settings; a new endpoint has none.
        "create" => sc.mut_arg("chunking_settings", |a| {
            a.help(
                "chunking_settings of the new endpoint: a JSON object, or @PATH; settings \
                 left out take their defaults",
            )
        }),
        _ => sc,
    })
    .mut_subcommands(|sc| targets::hide_all_profiles(sc, &hidden))
}

/// Parse the process arguments. A usage error is printed as infer prints
/// its own (`infer: error: …`, with clap's tips and usage line) and exits
/// 2; help and the version are printed as clap prints them.
pub fn parse() -> Cli {
    let matches = command()
        .color(early_color())
        .try_get_matches()
        .unwrap_or_else(|e| usage_error(&e));
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| usage_error(&e));
    cli.global.sources = sources(&matches);
    let command = matches.subcommand_name().unwrap_or_default();
    if let Err(text) = targets::one_unless_several(command, &cli.global) {
        crate::output::say(&format!("infer: error: {text}"));
        std::process::exit(2)
    }
    cli.global.profile = cli.global.profiles.first().cloned();
    cli
}

fn usage_error(err: &clap::Error) -> ! {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        err.exit();
    }
    let arg = err.get(ContextKind::InvalidArg);
    let text = match (arg, err.get(ContextKind::InvalidValue)) {
        // `--insecure` takes no value: a value can only come from ES_INSECURE.
        (Some(ContextValue::String(arg)), Some(ContextValue::String(value)))
            if arg.starts_with("--insecure") =>
        {
            crate::connection::not_yes_or_no("ES_INSECURE", value)
        }
        // `--wait` on rotate: said plainly, rather than clap's guess.
        (Some(ContextValue::String(arg)), _)
            if err.kind() == ErrorKind::UnknownArgument
                && arg
                    .split('=')
                    .next()
                    .is_some_and(|f| f.starts_with("--wait"))
                && matches!(err.get(ContextKind::Usage), Some(u) if u.to_string().contains("infer rotate")) =>
        {
            crate::cli::many::NO_ROTATE_WAIT.to_string()
        }
        // Plain text, as infer's own errors: no colour codes to escape.
        _ => err.render().to_string(),
    };
    let text = text.trim_end();
    let text = text.strip_prefix("error: ").unwrap_or(text);
    crate::output::say(&format!("infer: error: {text}"));
    std::process::exit(2)
}

/// A command line still being typed, as shell completion sees it: its
/// global options, and the subcommand's task type and ids so far. Parsed
/// leniently (required values may be missing); `None` when even that fails.
pub fn partial(words: &[std::ffi::OsString]) -> Option<Partial> {
    let matches = command()
        .ignore_errors(true)
        .try_get_matches_from(words)
        .ok()?;
    let mut global = GlobalArgs::from_arg_matches(&matches).ok()?;
    global.sources = sources(&matches);
    global.profile = global.profiles.first().cloned();
    // Completion runs inside the line editor: a `-v` on the line being
    // typed logs nothing there.
    global.verbose = 0;
    let sub = matches.subcommand().map(|(_, m)| m);
    let task_type = sub
        .and_then(|m| m.try_get_one::<TaskType>("task_type").ok().flatten())
        .copied();
    let ids = ["inference_ids", "inference_id"]
        .iter()
        .find_map(|id| sub?.try_get_many::<String>(id).ok().flatten())
        .map(|ids| ids.cloned().collect())
        .unwrap_or_default();
    Some(Partial {
        global,
        task_type,
        ids,
    })
}

pub struct Partial {
    pub global: GlobalArgs,
    pub task_type: Option<TaskType>,
    pub ids: Vec<String>,
}

/// Which connection values came from environment variables.
fn sources(matches: &clap::ArgMatches) -> Sources {
    let sub = matches.subcommand().map(|(_, m)| m);
    let mut sources = Sources::default();
    let keys = crate::vocabulary::CONNECTION_SETTINGS.iter().map(|s| s.key);
    for arg in keys.chain(["profile"]) {
        // A global given after the subcommand lives in the subcommand's matches.
        let source = sub
            .and_then(|m| m.value_source(arg))
            .or_else(|| matches.value_source(arg));
        if source == Some(ValueSource::EnvVariable) {
            sources.from_env.push(arg);
        }
    }
    sources
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_definition_is_consistent() {
        super::command().debug_assert();
    }
}
