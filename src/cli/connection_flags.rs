//! The command line's connection settings: their flags, made from the one
//! list of settings (`vocabulary::CONNECTION_SETTINGS`) and the help shown
//! here, and what they give, handed to `connection` as its plain input
//! (`connection::Flags`).

use clap::builder::{BoolishValueParser, TypedValueParser};
use clap::{Arg, ArgAction, ArgMatches, Command, FromArgMatches};
use std::path::PathBuf;

use super::{CONNECTION, GlobalArgs, time_limit};
use crate::connection::Flags;
use crate::vocabulary::{CONNECTION_SETTINGS, connection_setting};

/// What a connection flag reads.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Path,
    /// A time limit, checked as it is read and kept as written.
    Limit,
    Count,
    /// No value: `--insecure` (its variable takes a yes or a no).
    Switch,
}

/// A connection flag as `--help` shows it: the setting's key (whose flag
/// and variable `vocabulary::CONNECTION_SETTINGS` gives), what it reads,
/// its value's name and its help.
struct Shown {
    key: &'static str,
    kind: Kind,
    value_name: &'static str,
    help: &'static str,
}

const fn shown(
    key: &'static str,
    kind: Kind,
    value_name: &'static str,
    help: &'static str,
) -> Shown {
    Shown {
        key,
        kind,
        value_name,
        help,
    }
}

/// The connection flags in the order `--help` lists them.
const SHOWN: [Shown; 14] = [
    shown(
        "url",
        Kind::Text,
        "URL",
        "Elasticsearch URL [default: http://localhost:9200]",
    ),
    shown(
        "cloud_id",
        Kind::Text,
        "ID",
        "Elastic Cloud ID, used instead of --url",
    ),
    shown(
        "api_key",
        Kind::Text,
        "KEY",
        "API key: the encoded value, or ID:KEY (encoded for you)",
    ),
    shown(
        "username",
        Kind::Text,
        "USER",
        "Username for basic authentication",
    ),
    shown(
        "password",
        Kind::Text,
        "PASSWORD",
        "Password for basic authentication (asked for on a terminal when missing)",
    ),
    shown("bearer_token", Kind::Text, "TOKEN", "Bearer token"),
    shown(
        "ca_cert",
        Kind::Path,
        "PATH",
        "Trust this PEM CA certificate (Elasticsearch's http_ca.crt) instead of the system roots",
    ),
    shown(
        "ca_fingerprint",
        Kind::Text,
        "HEX",
        "Trust the CA in the server's chain with this SHA-256 fingerprint (64 hex digits), then \
         verify as usual",
    ),
    shown(
        "client_cert",
        Kind::Path,
        "PATH",
        "Client certificate (PEM) for servers that ask for one; needs --client-key",
    ),
    shown(
        "client_key",
        Kind::Path,
        "PATH",
        "Private key (PEM) of --client-cert",
    ),
    shown(
        "retries",
        Kind::Count,
        "N",
        "How many times to retry a request that failed to connect or met a busy server \
         [default: 3]",
    ),
    shown(
        "connect_timeout",
        Kind::Limit,
        "DURATION",
        "Time limit to connect [default: 10s]",
    ),
    shown(
        "timeout",
        Kind::Limit,
        "DURATION",
        "Time limit of each request [default: longer than the server's own: 60s, 150s for \
         completion endpoints]",
    ),
    shown(
        "insecure",
        Kind::Switch,
        "",
        "Do not verify the server's TLS certificate (warns on every run)",
    ),
];

/// The connection settings given on the command line or in their `ES_*`
/// variables (clap reads both), as text, by key.
#[derive(Debug, Clone, Default)]
pub struct ConnectionArgs {
    values: Vec<(&'static str, String)>,
}

impl ConnectionArgs {
    /// The text of the setting `key`, if given.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, text)| text.as_str())
    }
}

/// The clap argument of a connection flag.
fn argument(flag: &Shown) -> Arg {
    let setting = connection_setting(flag.key).expect("every flag is a connection setting");
    let mut arg = Arg::new(flag.key)
        .long(setting.flag.trim_start_matches("--"))
        .global(true)
        .help(flag.help)
        .help_heading(CONNECTION);
    if let Some(var) = setting.var {
        arg = arg.env(var).hide_env_values(true);
    }
    match flag.kind {
        Kind::Switch => {
            return arg
                .action(ArgAction::SetTrue)
                .value_parser(BoolishValueParser::new());
        }
        Kind::Text => arg = arg.value_parser(clap::value_parser!(String)),
        Kind::Path => arg = arg.value_parser(clap::value_parser!(PathBuf)),
        Kind::Count => arg = arg.value_parser(clap::value_parser!(u32)),
        Kind::Limit => {
            arg = arg
                .value_parser(clap::builder::StringValueParser::new().try_map(|t| time_limit(&t)))
                .allow_hyphen_values(true);
        }
    }
    arg.action(ArgAction::Set).value_name(flag.value_name)
}

/// The text of a connection flag in `matches`, if given.
fn value_of(matches: &ArgMatches, flag: &Shown) -> Option<String> {
    let key = flag.key;
    match flag.kind {
        Kind::Switch => matches
            .try_get_one::<bool>(key)
            .ok()
            .flatten()
            .filter(|on| **on)
            .map(|_| "true".to_string()),
        Kind::Path => matches
            .try_get_one::<PathBuf>(key)
            .ok()
            .flatten()
            .map(|p| p.to_string_lossy().into_owned()),
        Kind::Count => matches
            .try_get_one::<u32>(key)
            .ok()
            .flatten()
            .map(u32::to_string),
        Kind::Text | Kind::Limit => matches.try_get_one::<String>(key).ok().flatten().cloned(),
    }
}

impl clap::Args for ConnectionArgs {
    fn augment_args(cmd: Command) -> Command {
        SHOWN.iter().fold(cmd, |cmd, flag| cmd.arg(argument(flag)))
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for ConnectionArgs {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let values = SHOWN
            .iter()
            .filter_map(|flag| Some((flag.key, value_of(matches, flag)?)))
            .collect();
        Ok(ConnectionArgs { values })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl From<&GlobalArgs> for Flags {
    fn from(args: &GlobalArgs) -> Flags {
        let given = CONNECTION_SETTINGS
            .iter()
            .filter_map(|s| {
                let text = args.connection.get(s.key)?.to_string();
                Some((s.key, text, args.sources.is_env(s.key)))
            })
            .collect();
        Flags {
            profile: args.profiles.first().cloned(),
            profile_from_env: args.sources.is_env("profile"),
            profiles: args.profiles.clone(),
            all_profiles: args.all_profiles,
            given,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::command;
    use crate::vocabulary::CONNECTION_SETTINGS;

    /// Every setting of the one list has its flag, shown once.
    #[test]
    fn every_setting_is_shown_once() {
        let mut shown: Vec<&str> = super::SHOWN.iter().map(|s| s.key).collect();
        let mut all: Vec<&str> = CONNECTION_SETTINGS.iter().map(|s| s.key).collect();
        shown.sort_unstable();
        all.sort_unstable();
        assert_eq!(shown, all);
    }

    /// The command line's definitions of the connection settings follow
    /// the one list: the argument's id is the key, its flag and its
    /// variable are the list's.
    #[test]
    fn connection_flags_follow_the_one_list() {
        let cmd = command();
        for setting in CONNECTION_SETTINGS {
            let arg = cmd
                .get_arguments()
                .find(|a| a.get_id() == setting.key)
                .unwrap_or_else(|| panic!("no argument {}", setting.key));
            assert_eq!(
                arg.get_long().map(|l| format!("--{l}")).as_deref(),
                Some(setting.flag),
                "{}",
                setting.key
            );
            assert_eq!(
                arg.get_env().and_then(|v| v.to_str()),
                setting.var,
                "{}",
                setting.key
            );
        }
    }

    /// Every setting of the list reaches the connection when given.
    #[test]
    fn every_setting_is_handed_on() {
        let mut line = vec!["infer".to_string(), "list".to_string()];
        for setting in CONNECTION_SETTINGS {
            line.push(setting.flag.to_string());
            if setting.key != "insecure" {
                line.push(if setting.key == "retries" { "2" } else { "1s" }.to_string());
            }
        }
        let matches = command().try_get_matches_from(&line).expect("parses");
        let args = <super::GlobalArgs as clap::FromArgMatches>::from_arg_matches(&matches)
            .expect("arguments");
        let flags = crate::connection::Flags::from(&args);
        let keys: Vec<&str> = flags.given.iter().map(|(k, _, _)| *k).collect();
        let all: Vec<&str> = CONNECTION_SETTINGS.iter().map(|s| s.key).collect();
        assert_eq!(keys, all);
    }
}
