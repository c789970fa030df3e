//! The resolved connection: where Elasticsearch is and how to authenticate,
//! from flags and environment variables (flags win). Nothing clap-specific
//! leaves this module.

use anyhow::Result;
use base64::Engine;
use std::path::PathBuf;
use std::time::Duration;

use crate::cli::GlobalArgs;
use crate::cloud_id;
use crate::error::Error;
use crate::prompt;
use crate::secret::Secret;

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
}

impl Connection {
    /// The time limit of `req`: `--timeout`, or longer than the server's own
    /// limit on its call to the provider (30 s, or 120 s for completion and
    /// chat_completion; ref 3.3), so infer never gives up on a request the
    /// server will still complete.
    pub fn timeout_for(&self, req: &crate::api::Request) -> Duration {
        use crate::api::TaskType;
        self.timeout.unwrap_or(match req.task_type() {
            Some(TaskType::Completion | TaskType::ChatCompletion) => Duration::from_secs(150),
            _ => Duration::from_secs(60),
        })
    }
}

#[derive(Debug)]
pub enum Credentials {
    /// The encoded key, sent verbatim (ref 9.1, Auth; ref 13.11).
    ApiKey(Secret),
    /// `password` is `None` only when nothing will be sent (a dry run).
    Basic {
        username: String,
        password: Option<Secret>,
    },
    Bearer(Secret),
}

impl Credentials {
    /// The `Authorization` header value.
    pub fn header(&self) -> Secret {
        match self {
            Credentials::ApiKey(key) => Secret::new(format!("ApiKey {}", key.expose_secret())),
            Credentials::Basic { username, password } => {
                let pass = password.as_ref().map_or("", Secret::expose_secret);
                let pair =
                    base64::engine::general_purpose::STANDARD.encode(format!("{username}:{pass}"));
                Secret::new(format!("Basic {pair}"))
            }
            Credentials::Bearer(token) => Secret::new(format!("Bearer {}", token.expose_secret())),
        }
    }

    /// The raw texts of this credential, for `secret::scrub`.
    pub fn texts(&self) -> Vec<String> {
        let header = self.header();
        let encoded = header
            .expose_secret()
            .split_once(' ')
            .map(|(_, v)| v.to_string());
        let raw = match self {
            Credentials::ApiKey(key) | Credentials::Bearer(key) => Some(key),
            Credentials::Basic { password, .. } => password.as_ref(),
        };
        raw.map(|s| s.expose_secret().to_string())
            .into_iter()
            .chain(encoded)
            .collect()
    }

    /// The header as it may be shown: scheme and mask.
    pub fn masked_header(&self) -> String {
        let scheme = match self {
            Credentials::ApiKey(_) => "ApiKey",
            Credentials::Basic { .. } => "Basic",
            Credentials::Bearer(_) => "Bearer",
        };
        format!("{scheme} {}", crate::secret::MASK)
    }
}

/// `offline`: nothing will be sent, so a missing password is not asked for.
pub fn resolve(args: &GlobalArgs, offline: bool) -> Result<Connection> {
    let base_url = resolve_url(args)?;
    let credentials = resolve_credentials(args, offline)?;
    if let Some(creds) = &credentials
        && reqwest::header::HeaderValue::from_str(creds.header().expose_secret()).is_err()
    {
        return Err(Error::usage(
            "the credential holds characters an HTTP header cannot carry (a line break \
             inside it?): check the value",
        ));
    }
    let ca_fingerprint = args
        .ca_fingerprint
        .as_deref()
        .map(|f| {
            crate::tls::parse_fingerprint(f)
                .map_err(|e| Error::usage(format!("--ca-fingerprint: {e}")))
        })
        .transpose()?;
    let trust = [
        (args.ca_cert.is_some(), "--ca-cert"),
        (ca_fingerprint.is_some(), "--ca-fingerprint"),
        (args.insecure, "--insecure"),
    ];
    let chosen: Vec<&str> = trust
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, flag)| *flag)
        .collect();
    if let [first, second, ..] = chosen.as_slice() {
        return Err(Error::usage(format!(
            "{first} and {second} both say which server certificates to trust: keep one"
        )));
    }
    Ok(Connection {
        base_url,
        credentials,
        ca_cert: args.ca_cert.clone(),
        ca_fingerprint,
        client_cert: args.client_cert.clone(),
        client_key: args.client_key.clone(),
        insecure: args.insecure,
        connect_timeout: args.connect_timeout.unwrap_or(Duration::from_secs(10)),
        timeout: args.timeout,
        retries: args.retries,
        retry_budget: Duration::from_secs(60),
    })
}

/// One value given on the command line or in the environment.
struct Given<'a> {
    flag: &'static str,
    var: &'static str,
    from_env: bool,
    value: &'a str,
}

/// Of several alternatives, keep those from the highest level (flags, then
/// variables) and refuse two at one level.
fn pick<'a>(given: Vec<Given<'a>>, what: &str) -> Result<Option<Given<'a>>> {
    let (flags, vars): (Vec<_>, Vec<_>) = given.into_iter().partition(|g| !g.from_env);
    let level = if flags.is_empty() { vars } else { flags };
    let mut level = level.into_iter();
    match (level.next(), level.next()) {
        (Some(a), Some(b)) if a.from_env => Err(Error::usage(format!(
            "{} and {} are both set, but only one {what} can be used: unset one, \
             or choose on the command line with {} or {}",
            a.var, b.var, a.flag, b.flag
        ))),
        (Some(a), Some(b)) => Err(Error::usage(format!(
            "{} and {} were both given, but only one {what} can be used: drop one",
            a.flag, b.flag
        ))),
        (first, _) => Ok(first),
    }
}

fn given<'a>(
    args: &'a GlobalArgs,
    arg: &'static str,
    flag: &'static str,
    var: &'static str,
    value: &'a Option<String>,
) -> Option<Given<'a>> {
    value.as_deref().map(|value| Given {
        flag,
        var,
        from_env: args.sources.is_env(arg),
        value,
    })
}

fn resolve_url(args: &GlobalArgs) -> Result<reqwest::Url> {
    let options = [
        given(args, "url", "--url", "ES_URL", &args.url),
        given(
            args,
            "cloud_id",
            "--cloud-id",
            "ES_CLOUD_ID",
            &args.cloud_id,
        ),
    ];
    let chosen = pick(
        options.into_iter().flatten().collect(),
        "way to find Elasticsearch",
    )?;
    let (text, origin) = match &chosen {
        None => (DEFAULT_URL.to_string(), "the default URL".to_string()),
        Some(g) if g.flag == "--cloud-id" => {
            let url = cloud_id::decode(g.value).map_err(|e| {
                Error::usage(format!(
                    "invalid {}: {e}; copy the Cloud ID from the deployment's page in Elastic Cloud",
                    origin_of(g)
                ))
            })?;
            (url, origin_of(g))
        }
        Some(g) => (g.value.trim().to_string(), origin_of(g)),
    };
    parse_url(&text).map_err(|e| {
        Error::usage(format!(
            "invalid {origin} '{}': {e}",
            without_password(&text)
        ))
    })
}

fn origin_of(g: &Given) -> String {
    if g.from_env { g.var } else { g.flag }.to_string()
}

/// A URL as it may be shown: a password in it masked.
fn without_password(text: &str) -> String {
    match reqwest::Url::parse(text) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some(crate::secret::MASK));
            url.to_string()
        }
        _ => text.to_string(),
    }
}

fn parse_url(text: &str) -> Result<reqwest::Url, String> {
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

fn resolve_credentials(args: &GlobalArgs, offline: bool) -> Result<Option<Credentials>> {
    // Basic counts as given at a level when either half is given there.
    let basic_value = args.username.as_ref().or(args.password.as_ref());
    let basic_from_env = match (&args.username, &args.password) {
        (Some(_), Some(_)) => args.sources.is_env("username") && args.sources.is_env("password"),
        (Some(_), None) => args.sources.is_env("username"),
        _ => args.sources.is_env("password"),
    };
    let basic = basic_value.map(|value| Given {
        flag: "--username",
        var: "ES_USERNAME",
        from_env: basic_from_env,
        value,
    });
    let options = [
        given(args, "api_key", "--api-key", "ES_API_KEY", &args.api_key),
        basic,
        given(
            args,
            "bearer_token",
            "--bearer-token",
            "ES_BEARER_TOKEN",
            &args.bearer_token,
        ),
    ];
    let chosen = pick(
        options.into_iter().flatten().collect(),
        "kind of credential",
    )?;
    let Some(chosen) = chosen else {
        return Ok(None);
    };
    Ok(Some(match chosen.flag {
        "--api-key" => Credentials::ApiKey(api_key(chosen.value, &origin_of(&chosen))?),
        "--bearer-token" => Credentials::Bearer(non_empty(chosen.value, &origin_of(&chosen))?),
        _ => basic_credentials(args, offline)?,
    }))
}

/// An `id:key` pair is encoded; anything else (the `encoded` value, a Cloud
/// `essu_` key) is sent verbatim (ref 13.11). A trailing newline from `echo`
/// is dropped: it breaks keys (peers 4.2).
fn api_key(value: &str, origin: &str) -> Result<Secret> {
    let value = non_empty(value, origin)?;
    let raw = value.expose_secret();
    Ok(match raw.split_once(':') {
        Some((id, key)) if !id.is_empty() && !key.is_empty() => {
            Secret::new(base64::engine::general_purpose::STANDARD.encode(format!("{id}:{key}")))
        }
        Some(_) => {
            return Err(Error::usage(format!(
                "invalid API key in {origin}: an ID:KEY pair needs both parts; \
                 or give the encoded key as Elasticsearch returned it"
            )));
        }
        None => value,
    })
}

fn non_empty(value: &str, origin: &str) -> Result<Secret> {
    let trimmed = value.trim_end_matches(['\r', '\n']).trim();
    if trimmed.is_empty() {
        return Err(Error::usage(format!(
            "{origin} is empty: give a value or unset it"
        )));
    }
    Ok(Secret::new(trimmed))
}

fn basic_credentials(args: &GlobalArgs, offline: bool) -> Result<Credentials> {
    let Some(username) = args.username.clone().filter(|u| !u.is_empty()) else {
        return Err(Error::usage(
            "a password was given without a username: set --username or ES_USERNAME",
        ));
    };
    let password = match &args.password {
        Some(p) => Some(Secret::new(p.trim_end_matches(['\r', '\n']))),
        None if offline => None,
        None if prompt::can_prompt() => Some(prompt::hidden(&format!("Password for {username}"))?),
        None => {
            return Err(Error::usage(format!(
                "no password for user '{username}': set ES_PASSWORD \
                 (or run infer on a terminal to be asked)"
            )));
        }
    };
    Ok(Credentials::Basic { username, password })
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
    fn api_key_pairs_are_encoded_and_encoded_keys_kept() {
        let pair = api_key("my_id:my_key\n", "--api-key").unwrap();
        assert_eq!(pair.expose_secret(), "bXlfaWQ6bXlfa2V5");
        let encoded = api_key("bXlfaWQ6bXlfa2V5", "--api-key").unwrap();
        assert_eq!(encoded.expose_secret(), "bXlfaWQ6bXlfa2V5");
        assert!(api_key(":x", "ES_API_KEY").is_err());
        assert!(api_key("\n", "ES_API_KEY").is_err());
    }

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
