//! `infer config init`: a profile written to the config file (mode 0600),
//! from answers asked on a terminal (`config_ask.rs`), or given as flags by
//! a provisioning script. A secret never comes from the command line: a
//! flag names the variable or the file that holds it.

use anyhow::Result;
use std::path::Path;

use super::config_answers::{NOTHING, absolute, checked_cloud_id, checked_url, config_path, save};
use crate::cli::{GlobalArgs, InitArgs};
use crate::config;
use crate::error::Error;
use crate::output::Ui;
use crate::prompt;
use crate::secret;

pub fn run(args: &InitArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    refuse_secrets_on_the_command_line(global)?;
    if args.any() || Answers::of(global).any() {
        return by_flags(args, global, ui);
    }
    prompt::flows::config_init_can_ask(&mut prompt::Terminal)?;
    if let Some(name) = &global.profile {
        config::check_profile_name(name, profile_origin(global))?;
    }
    super::config_ask::interactive(ui, global.profile.as_deref())
}

/// Where the profile's name was given.
fn profile_origin(global: &GlobalArgs) -> &'static str {
    if global.sources.is_env("profile") {
        "INFER_PROFILE"
    } else {
        "--profile"
    }
}

/// `--api-key`, `--password` and `--bearer-token` given as flags (not from
/// their variables): a secret on the command line is for every user to see.
fn refuse_secrets_on_the_command_line(global: &GlobalArgs) -> Result<()> {
    for (key, flag, instead) in [
        ("api_key", "--api-key", "api-key"),
        ("password", "--password", "password"),
        ("bearer_token", "--bearer-token", "bearer-token"),
    ] {
        if global.connection.get(key).is_some() && !global.sources.is_env(key) {
            return Err(Error::usage(format!(
                "infer config init takes no secret on the command line, where other users can \
                 read it: instead of {flag}, give --{instead}-env VAR or --{instead}-file PATH \
                 (or answer the question on a terminal, where it is typed hidden); {NOTHING}"
            )));
        }
    }
    Ok(())
}

/// The connection flags given on the command line: the answers they are.
/// Their variables (`ES_URL`…) are settings of a run, not answers.
struct Answers {
    url: Option<String>,
    cloud_id: Option<String>,
    username: Option<String>,
    ca_cert: Option<String>,
    ca_fingerprint: Option<String>,
    insecure: bool,
    client_cert: Option<String>,
    client_key: Option<String>,
}

impl Answers {
    fn of(global: &GlobalArgs) -> Answers {
        let flag = |key: &str| {
            let given = global.connection.get(key).map(str::to_string);
            given.filter(|_| !global.sources.is_env(key))
        };
        Answers {
            url: flag("url"),
            cloud_id: flag("cloud_id"),
            username: flag("username"),
            ca_cert: flag("ca_cert"),
            ca_fingerprint: flag("ca_fingerprint"),
            insecure: flag("insecure").is_some(),
            client_cert: flag("client_cert"),
            client_key: flag("client_key"),
        }
    }

    fn any(&self) -> bool {
        self.url.is_some()
            || self.cloud_id.is_some()
            || self.username.is_some()
            || self.ca_cert.is_some()
            || self.ca_fingerprint.is_some()
            || self.insecure
            || self.client_cert.is_some()
            || self.client_key.is_some()
    }
}

fn by_flags(args: &InitArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let answers = Answers::of(global);
    let path = config_path()?;
    let mut file = config::read(&path)?.unwrap_or_default();
    let name = profile_name(global, &file)?;
    let old = file.profiles.get(&name).cloned();
    let new = old.is_none();
    let mut profile = old.unwrap_or_default();
    set_place(&answers, &mut profile, new)?;
    set_credential(args, &answers, &mut profile, new)?;
    set_trust(&answers, &mut profile)?;
    if let Some(limit) = global.connection.get("connect_timeout") {
        profile.connect_timeout = Some(limit.to_string());
    }
    if let Some(limit) = global.connection.get("timeout") {
        profile.timeout = Some(limit.to_string());
    }
    if let Some(retries) = global.connection.get("retries") {
        profile.retries = retries.parse().ok();
    }
    if file.profiles.is_empty() || args.default {
        file.default_profile = Some(name.clone());
    }
    file.profiles.insert(name.clone(), profile);
    save(&path, &file, &name, ui)
}

/// The profile to write: `--profile`, or `default` in a file without one.
fn profile_name(global: &GlobalArgs, file: &config::File) -> Result<String> {
    Ok(match global.profile.clone() {
        Some(name) => {
            config::check_profile_name(&name, profile_origin(global))
                .map_err(|e| Error::usage(format!("{e}; {NOTHING}")))?;
            name
        }
        None if file.profiles.is_empty() => "default".to_string(),
        None => {
            let names: Vec<&str> = file.profiles.keys().map(String::as_str).collect();
            return Err(Error::usage(format!(
                "name the profile to write with --profile NAME (the file has: {}); {NOTHING}",
                names.join(", ")
            )));
        }
    })
}

/// Where Elasticsearch is, replacing the profile's.
fn set_place(answers: &Answers, profile: &mut config::Profile, new: bool) -> Result<()> {
    match (&answers.url, &answers.cloud_id) {
        (Some(_), Some(_)) => {
            return Err(Error::usage(format!(
                "give --url or --cloud-id, not both; {NOTHING}"
            )));
        }
        (Some(url), None) => {
            profile.url = Some(checked_url(url, "--url")?);
            profile.cloud_id = None;
        }
        (None, Some(id)) => {
            profile.cloud_id = Some(checked_cloud_id(id, "--cloud-id")?);
            profile.url = None;
        }
        (None, None) if new => {
            return Err(Error::usage(format!(
                "a new profile needs to know where Elasticsearch is: give --url URL or \
                 --cloud-id ID; {NOTHING}"
            )));
        }
        (None, None) => {}
    }
    Ok(())
}

/// One credential, replacing the profile's.
fn set_credential(
    args: &InitArgs,
    answers: &Answers,
    profile: &mut config::Profile,
    new: bool,
) -> Result<()> {
    let password = reference(
        &args.from.password.env,
        &args.from.password.file,
        "password",
    )?;
    match (&answers.username, &password) {
        (Some(_), None) => {
            return Err(Error::usage(format!(
                "--username needs its password: give --password-env VAR or --password-file \
                 PATH; {NOTHING}"
            )));
        }
        (None, Some(_)) => {
            let flag = if args.from.password.env.is_some() {
                "--password-env"
            } else {
                "--password-file"
            };
            return Err(Error::usage(format!(
                "{flag} needs --username USER; {NOTHING}"
            )));
        }
        _ => {}
    }
    let api_key = reference(&args.from.api_key.env, &args.from.api_key.file, "api-key")?;
    let bearer = reference(
        &args.from.bearer_token.env,
        &args.from.bearer_token.file,
        "bearer-token",
    )?;
    if api_key.is_some() || password.is_some() || bearer.is_some() || args.no_credential {
        profile.api_key = api_key;
        profile.username = answers.username.clone();
        profile.password = password;
        profile.bearer_token = bearer;
    } else if new {
        return Err(Error::usage(format!(
            "a new profile needs a credential: give --api-key-env VAR, --api-key-file PATH, \
             --username USER with --password-env VAR or --password-file PATH, \
             --bearer-token-env VAR, --bearer-token-file PATH, or --no-credential; {NOTHING}"
        )));
    }
    Ok(())
}

/// One way to trust the server, replacing the profile's, and the client
/// certificate.
fn set_trust(answers: &Answers, profile: &mut config::Profile) -> Result<()> {
    let trust = [
        answers.ca_cert.is_some(),
        answers.ca_fingerprint.is_some(),
        answers.insecure,
    ];
    match trust.iter().filter(|given| **given).count() {
        0 => {}
        1 => {
            profile.ca_cert = answers.ca_cert.as_deref().map(absolute).transpose()?;
            profile.ca_fingerprint = match &answers.ca_fingerprint {
                Some(hex) => {
                    crate::connection::parse_fingerprint(hex)
                        .map_err(|e| Error::usage(format!("--ca-fingerprint: {e}; {NOTHING}")))?;
                    Some(hex.clone())
                }
                None => None,
            };
            profile.insecure = answers.insecure.then_some(true);
        }
        _ => {
            return Err(Error::usage(format!(
                "give one way to trust the server's certificate: --ca-cert, --ca-fingerprint \
                 or --insecure; {NOTHING}"
            )));
        }
    }
    if let Some(cert) = &answers.client_cert {
        profile.client_cert = Some(absolute(cert)?);
    }
    if let Some(key) = &answers.client_key {
        profile.client_key = Some(absolute(key)?);
    }
    Ok(())
}

/// `env:VAR` or `file:PATH` for a secret given as `--NAME-env` or
/// `--NAME-file` (clap lets one through).
fn reference(
    var: &Option<String>,
    file: &Option<std::path::PathBuf>,
    name: &str,
) -> Result<Option<String>> {
    if let Some(var) = var {
        if !secret::is_var_name(var) {
            // Perhaps the secret itself: never repeated.
            secret::register(var);
            return Err(Error::usage(format!(
                "--{name}-env takes the name of an environment variable (letters, digits and _, \
                 not starting with a digit); what was given is not one, and is not repeated, as \
                 it may be the secret itself; {NOTHING}"
            )));
        }
        return Ok(Some(format!("env:{var}")));
    }
    file.as_ref()
        .map(|path| {
            existing(path, name)?;
            Ok(format!("file:{}", absolute(&path.to_string_lossy())?))
        })
        .transpose()
}

/// The file `--NAME-file` names must be there now, and be a file: a
/// profile that points at nothing would fail at its first use. Its path
/// is repeated only when it is clearly one (it may be the secret itself).
fn existing(path: &Path, name: &str) -> Result<()> {
    let text = path.to_string_lossy();
    let problem = match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => {
            crate::local_file::warn_if_public(path);
            return Ok(());
        }
        Ok(_) => "is not a file".to_string(),
        Err(e) => format!("cannot be read: {}", crate::error::io_reason(&e)),
    };
    let named = if secret::clearly_a_path(&text) {
        format!("{text} ")
    } else {
        "what was given (not repeated, as it may be the secret itself) ".to_string()
    };
    Err(Error::usage(format!(
        "--{name}-file {named}{problem}: give the path of a file that holds the secret; \
         {NOTHING}"
    )))
}
