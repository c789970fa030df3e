//! The resolved connection: where Elasticsearch is, how to authenticate and
//! which certificates to trust, all three from one unit (`unit.rs`): the
//! flags and variables, a profile, start-local's settings, or the
//! defaults; time limits and retries value by value (`layers.rs`).
//! Its input is plain data ([`Flags`]), which `cli/` builds from the
//! command line: nothing here knows how the command line was parsed, and
//! nothing here prints (what `-v` says of the connection is returned as
//! [`Connection::notes`], for the command to show).

use anyhow::Result;
use std::path::PathBuf;
use std::time::Duration;

use crate::cloud_id;
use crate::config;
use crate::error::Error;
use crate::secret;

mod credentials;
mod layers;
mod origin;
mod start_local;
pub mod targets;
mod trust;
mod unit;
use credentials::resolve_credentials;
pub use credentials::{Credentials, rejected};
use layers::Layers;
use origin::Given;
pub use origin::{Origin, Unit};
pub use trust::parse_fingerprint;
use trust::resolve_trust;

pub const DEFAULT_URL: &str = "http://localhost:9200";

#[derive(Debug)]
pub struct Connection {
    pub base_url: reqwest::Url,
    pub credentials: Option<Credentials>,
    pub ca_cert: Option<PathBuf>,
    pub ca_fingerprint: Option<[u8; 32]>,
    pub client_cert: Option<PathBuf>,
    pub client_key: Option<PathBuf>,
    pub insecure: bool,
    pub connect_timeout: Duration,
    /// `--timeout`: one limit for every request. When not given, each
    /// request gets one that outlasts the server's own (`timeout_for`).
    pub timeout: Option<Duration>,
    /// How many times a request may be tried again (`client/retry.rs`).
    pub retries: u32,
    /// The most time spent waiting between tries, in all.
    pub retry_budget: Duration,
    /// Each setting in use, as it may be shown, and where it came from:
    /// what `infer config show` prints.
    pub shown: Vec<(&'static str, String, Origin)>,
    /// The profile loaded (its time limits and retries are used), and its
    /// file.
    pub profile: Option<(String, PathBuf)>,
    /// Where the URL and the credential come from (`unit.rs`): the
    /// profile is the cluster's only when this is it.
    pub unit: Unit,
    /// Where the connection comes from and what is not used
    /// ([`describe`]), for the command to show at `-v`: nothing here
    /// prints.
    pub notes: Vec<String>,
}

impl Connection {
    /// The profile whose cluster this is: the one loaded, when the URL and
    /// the credential came from it. A default profile that flags or
    /// variables overrode is loaded (for its time limits) but not in use:
    /// its per-environment values are not this cluster's.
    pub fn profile_in_use(&self) -> Option<&str> {
        match (&self.unit, &self.profile) {
            (Unit::Profile { name, .. }, Some((loaded, _))) if name == loaded => Some(name),
            _ => None,
        }
    }

    /// Where a setting in use came from.
    pub fn origin_of(&self, key: &str) -> Option<&Origin> {
        self.shown
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, origin)| origin)
    }

    /// The time limit of `req`: `--timeout`, or longer than the server's own
    /// limit on its call to the provider (30 s, or 120 s for completion and
    /// chat_completion; #152179), so infer never gives up on a request the
    /// server will still complete.
    pub fn timeout_for(&self, req: &crate::api::Request) -> Duration {
        use crate::api::TaskType;
        let default = match req.task_type() {
            Some(TaskType::Completion | TaskType::ChatCompletion) => Duration::from_secs(150),
            _ => Duration::from_secs(60),
        };
        // A `timeout` asked of the server is outlasted too.
        let asked = req
            .query
            .iter()
            .find(|(key, _)| *key == "timeout")
            .and_then(|(_, value)| crate::api::parse_duration(value).ok())
            .map_or(Duration::ZERO, |t| t + Duration::from_secs(30));
        self.timeout.unwrap_or(default.max(asked))
    }
}

/// What the command line gives the connection, as plain data: `cli/`
/// builds it from its arguments; nothing here knows how they were parsed.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    /// `--profile` or `INFER_PROFILE`.
    pub profile: Option<String>,
    /// Whether `INFER_PROFILE` named it, not `--profile`.
    pub profile_from_env: bool,
    /// Every `--profile` given (or `INFER_PROFILE`'s one), and
    /// `--all-profiles`: the targets of a command that takes several
    /// (`targets.rs`).
    pub profiles: Vec<String>,
    pub all_profiles: bool,
    /// Each connection setting given, by its key (`vocabulary::CONNECTION_SETTINGS`):
    /// its text, and whether its `ES_*` variable gave it rather than its flag.
    pub given: Vec<(&'static str, String, bool)>,
}

impl Flags {
    /// The text of `key`, and whether its variable gave it.
    fn given(&self, key: &str) -> Option<(&str, bool)> {
        self.given
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, text, from_env)| (text.as_str(), *from_env))
    }
}

/// Where the connection came from, and what was given but not used.
#[derive(Debug)]
pub struct Whence {
    /// Where the URL, the credential and the trust come from.
    pub unit: Unit,
    /// Each setting of the connection given elsewhere, and so not used,
    /// as it may be shown.
    pub ignored: Vec<(&'static str, String, Origin)>,
}

/// `offline`: nothing will be sent, so a missing password is not asked for.
pub fn resolve(flags: impl Into<Flags>, offline: bool) -> Result<Connection> {
    resolve_with(&flags.into(), offline, false).map(|(conn, _)| conn)
}

/// The connection as `config show` shows it, and where it came from:
/// nothing is sent, and a profile's reference that leads nowhere (an
/// unset variable, a file that cannot be read) is shown as such rather
/// than failing: the diagnostic must work when a diagnosis is needed.
pub fn resolve_whence(flags: impl Into<Flags>) -> Result<(Connection, Whence)> {
    resolve_with(&flags.into(), true, true)
}

/// The connection, with the notes on which unit is used and what is not.
fn resolve_with(flags: &Flags, offline: bool, show: bool) -> Result<(Connection, Whence)> {
    let selected = flags.profile.as_deref();
    let origin = if flags.profile_from_env {
        "INFER_PROFILE"
    } else {
        "--profile"
    };
    let loaded = config::load(selected, origin)?;
    start_local::register_variables();
    // Where, how to sign in and what to trust come from one unit: a
    // credential never goes to a URL another place gave (`unit.rs`).
    let (unit, found) = unit::choose(flags, loaded.as_ref())?;
    let layers = Layers {
        flags,
        profile: loaded.as_ref(),
        start_local: found.as_ref(),
        unit: Some(&unit),
    };
    let ignored = unit::ignored(&layers, &unit, credentials::shown);
    let mut shown = Vec::new();
    let base_url = resolve_url(&layers, &mut shown)?;
    let credentials = resolve_credentials(&layers, loaded.as_ref(), (offline, show), &mut shown)?;
    if let Some(creds) = &credentials
        && reqwest::header::HeaderValue::from_str(creds.header().expose_secret()).is_err()
    {
        return Err(Error::usage(
            "the credential holds characters an HTTP header cannot carry (a line break \
             inside it?): check the value",
        ));
    }
    let trust = resolve_trust(&layers, &mut shown)?;
    let (connect_timeout, timeout, retries) = resolve_limits(&layers, &mut shown)?;
    let conn = Connection {
        base_url,
        credentials,
        ca_cert: trust.ca_cert,
        ca_fingerprint: trust.ca_fingerprint,
        client_cert: trust.client_cert,
        client_key: trust.client_key,
        insecure: trust.insecure,
        connect_timeout,
        timeout,
        retries,
        retry_budget: Duration::from_secs(60),
        shown,
        profile: loaded.map(|l| (l.name, l.path)),
        unit: unit.clone(),
        notes: vec![describe(&unit, &ignored)],
    };
    Ok((conn, Whence { unit, ignored }))
}

/// The line `-v` shows on where the connection comes from and what is not
/// used.
pub fn describe(unit: &Unit, ignored: &[(&'static str, String, Origin)]) -> String {
    let mut line = format!("connection: {unit}");
    if !ignored.is_empty() {
        let names: Vec<String> = ignored
            .iter()
            .map(|(key, _, origin)| format!("{key} from {origin}"))
            .collect();
        line.push_str(&format!("; not used: {}", names.join(", ")));
    }
    line
}

/// Time limits and retries: each from the highest level that gives it,
/// whatever the unit.
fn resolve_limits(
    layers: &Layers,
    shown: &mut Vec<(&'static str, String, Origin)>,
) -> Result<(Duration, Option<Duration>, u32)> {
    let mut limit = |key: &'static str| -> Result<Option<Duration>> {
        let Some(g) = layers.first(key) else {
            return Ok(None);
        };
        let value = crate::api::parse_time_limit(&g.text)
            .map_err(|e| Error::usage(format!("{}: {e}", name_of(&g))))?;
        shown.push((key, g.text.clone(), g.origin));
        Ok(Some(value))
    };
    let connect_timeout = limit("connect_timeout")?.unwrap_or(Duration::from_secs(10));
    let timeout = limit("timeout")?;
    let retries = match layers.first("retries") {
        Some(g) => {
            let n = g.text.parse::<u32>().map_err(|_| {
                Error::usage(format!(
                    "{}: '{}' is not a whole number",
                    name_of(&g),
                    g.text
                ))
            })?;
            shown.push(("retries", g.text.clone(), g.origin));
            n
        }
        None => 3,
    };
    for (key, default) in [
        ("connect_timeout", "10s"),
        (
            "timeout",
            "60s, or 150s for completion; longer than a timeout asked of the server",
        ),
        ("retries", "3"),
    ] {
        if !shown.iter().any(|(k, _, _)| *k == key) {
            shown.push((key, default.to_string(), Origin::Default));
        }
    }
    Ok((connect_timeout, timeout, retries))
}

/// The error for a yes/no variable (`ES_INSECURE`) set to something else.
pub fn not_yes_or_no(var: &str, value: &str) -> String {
    format!(
        "{var} is '{value}', which is neither yes nor no: set it to true, 1, yes or on to skip \
         verifying the server's certificate, or to false, 0, no or off (or unset it)"
    )
}

/// How to name where a value came from in an error.
pub(super) fn name_of(g: &Given) -> String {
    match &g.origin {
        Origin::Profile(name) => format!("{} of profile '{name}'", g.key),
        Origin::StartLocal {
            var,
            file: Some(file),
        } => format!("{var} in {file}"),
        Origin::StartLocal { var, file: None } => (*var).to_string(),
        other => other.to_string(),
    }
}

fn resolve_url(
    layers: &Layers,
    shown: &mut Vec<(&'static str, String, Origin)>,
) -> Result<reqwest::Url> {
    // A URL's userinfo is a credential: never shown, whatever the URL.
    for g in layers.raw_levels("url").into_iter().flatten() {
        secret::url::register_userinfo(&g.text);
    }
    if let Ok(all) = std::env::var("ELASTICSEARCH_ENDPOINTS") {
        all.split(',').for_each(secret::url::register_userinfo);
    }
    let chosen = layers.one_of(&[&["url"], &["cloud_id"]], "way to find Elasticsearch")?;
    let (text, origin) = match chosen {
        None => {
            shown.push(("url", DEFAULT_URL.into(), Origin::Default));
            (DEFAULT_URL.to_string(), "the default URL".to_string())
        }
        Some((1, g)) => {
            let url = cloud_id::decode(&g.text).map_err(|e| {
                Error::usage(format!(
                    "invalid {}: {e}; copy the Cloud ID from the deployment's page in Elastic Cloud",
                    name_of(&g)
                ))
            })?;
            shown.push(("cloud_id", g.text.clone(), g.origin.clone()));
            (url, name_of(&g))
        }
        Some((_, g)) => {
            shown.push(("url", secret::url::shown(g.text.trim()), g.origin.clone()));
            (g.text.trim().to_string(), name_of(&g))
        }
    };
    parse_url(&text).map_err(|e| {
        Error::usage(format!(
            "invalid {origin} '{}': {e}",
            secret::url::shown(&text)
        ))
    })
}

pub fn parse_url(text: &str) -> Result<reqwest::Url, String> {
    let url = reqwest::Url::parse(text)
        .map_err(|e| format!("{e}; write it as http://HOST:PORT or https://HOST:PORT"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err("the URL must start with http:// or https:// and name a host".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("the URL contains credentials; use --username with ES_PASSWORD instead".into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("the URL must not have a query or a fragment".into());
    }
    Ok(url)
}

/// Whether `url` points at this machine, where plain HTTP exposes nothing.
pub fn is_loopback(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_checked() {
        assert!(parse_url("http://localhost:9200").is_ok());
        assert!(parse_url("https://h/prefix").is_ok());
        assert!(parse_url("localhost:9200").is_err());
        assert!(parse_url("ftp://h").is_err());
        assert!(parse_url("http://u:p@h").is_err());
        assert!(parse_url("not a url").is_err());
    }

    #[test]
    fn loopback_hosts() {
        for (u, lo) in [
            ("http://localhost:9200", true),
            ("http://127.0.0.2", true),
            ("http://[::1]:9200", true),
            ("http://es.internal:9200", false),
            ("http://10.0.0.1", false),
        ] {
            assert_eq!(is_loopback(&reqwest::Url::parse(u).unwrap()), lo, "{u}");
        }
    }
}
