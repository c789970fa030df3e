//! `infer config init` on a terminal: each question asked in turn, an
//! existing profile's values as the defaults, and where each secret lives
//! asked with a hidden prompt.

use anyhow::Result;

use super::config_init::{NOTHING, absolute, checked_cloud_id, checked_url, config_path, save};
use crate::config::{self, Profile};
use crate::connection;
use crate::error::Error;
use crate::output::Ui;
use crate::prompt;
use crate::secret;

/// Each question asked on the terminal; an existing profile's values are
/// the defaults of the answers.
pub(super) fn interactive(ui: &Ui, named: Option<&str>) -> Result<()> {
    let path = config_path()?;
    let mut file = config::read(&path)?.unwrap_or_default();
    let first = file.profiles.is_empty();
    if config::read_text(&path).is_ok_and(|t| t.contains('#')) {
        ui.warn(&format!(
            "{} has comments, and rewriting it drops them",
            path.display()
        ));
    }

    // A name given with --profile (checked already) is not asked again.
    let name = match named {
        Some(name) => name.to_string(),
        None => prompt::line("Profile name", if first { "default" } else { "" })?,
    };
    config::check_profile_name(&name, "the profile name")
        .map_err(|e| Error::usage(format!("{e}; {NOTHING}")))?;
    let old = file.profiles.get(&name).cloned().unwrap_or_default();
    // The settings not asked about (time limits, client certificates…) stay.
    let mut profile = Profile {
        url: None,
        cloud_id: None,
        api_key: None,
        username: None,
        password: None,
        bearer_token: None,
        ca_cert: None,
        ..old.clone()
    };
    let place = prompt::line(
        "Elasticsearch URL, or Cloud ID",
        old.url
            .as_deref()
            .or(old.cloud_id.as_deref())
            .unwrap_or(connection::DEFAULT_URL),
    )?;
    if place.contains("://") {
        profile.url = Some(checked_url(&place, "URL")?);
    } else {
        profile.cloud_id = Some(checked_cloud_id(
            &place,
            "Cloud ID (a URL starts with http:// or https://)",
        )?);
    }
    let kind = prompt::line("Credential: api_key, basic, bearer or none", "api_key")?;
    match kind.as_str() {
        "api_key" => profile.api_key = Some(secret_reference("API key", "ES_API_KEY")?),
        "basic" => {
            profile.username = Some(prompt::line("Username", "elastic")?);
            profile.password = Some(secret_reference("Password", "ES_PASSWORD")?);
        }
        "bearer" => {
            profile.bearer_token = Some(secret_reference("Bearer token", "ES_BEARER_TOKEN")?)
        }
        "none" => {}
        other => {
            return Err(Error::usage(format!(
                "'{other}' is not a credential kind: answer api_key, basic, bearer or none; \
                 {NOTHING}"
            )));
        }
    }
    let ca = prompt::line(
        "CA certificate file (empty for the system's)",
        old.ca_cert.as_deref().unwrap_or(""),
    )?;
    if !ca.is_empty() {
        profile.ca_cert = Some(ca);
    }
    let is_default = file.default_profile.as_deref() == Some(name.as_str());
    let make_default =
        first || is_default || prompt::confirm(&format!("Make '{name}' the default profile?"))?;
    if make_default {
        file.default_profile = Some(name.clone());
    }
    file.profiles.insert(name.clone(), profile);
    save(&path, &file, &name, ui)
}

/// Where a secret lives, asked as a choice: a variable (the default), a
/// file, or typed now (hidden) and stored inline in this 0600 file. The
/// answer's shape never decides: a key made only of letters, digits and
/// `_` is still a key when it is typed where a key is asked for.
fn secret_reference(what: &str, default_var: &str) -> Result<String> {
    let lower = what.to_lowercase();
    let place = prompt::line(
        &format!(
            "Where the {lower} lives: env (an environment variable), file (a file) or here \
             (typed now, hidden, and stored in this file, mode 0600)"
        ),
        "env",
    )?;
    let (stored, said) = match place.as_str() {
        "env" => {
            let name = prompt::line("Environment variable", default_var)?;
            if !secret::is_var_name(&name) {
                secret::register(&name);
                return Err(Error::usage(format!(
                    "that is not the name of an environment variable (letters, digits and _, \
                     not starting with a digit), and it is not repeated here in case it is \
                     the {lower} itself: answer here to type the {lower}; {NOTHING}"
                )));
            }
            if std::env::var_os(&name).is_none() {
                crate::output::say(&format!(
                    "infer: note: {name} is not set in this shell; infer reads it each time it \
                     connects"
                ));
            }
            (
                format!("env:{name}"),
                format!("environment variable {name}"),
            )
        }
        "file" => {
            let path = prompt::line("File", "")?;
            let kept = existing_file(&path, &lower)?;
            (format!("file:{kept}"), format!("file {kept}"))
        }
        "here" => {
            let typed = prompt::hidden(what)?;
            (
                typed.expose_secret().to_string(),
                "inline, in the config file".to_string(),
            )
        }
        other => {
            secret::register(other);
            return Err(Error::usage(format!(
                "that is not where a {lower} can live: answer env, file or here (a {lower} is \
                 typed after answering here, hidden); {NOTHING}"
            )));
        }
    };
    crate::output::say(&format!("infer: {what} from {said}"));
    Ok(stored)
}

/// A secret's file must be there now, and be a file.
fn existing_file(path: &str, what: &str) -> Result<String> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Error::usage(format!(
            "cannot use {path} for the {what}: {e}; give the path of a file that holds it; \
             {NOTHING}"
        ))
    })?;
    if !meta.is_file() {
        return Err(Error::usage(format!(
            "{path} is not a file: give the path of a file that holds the {what}; {NOTHING}"
        )));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            crate::output::say(&format!(
                "infer: warning: {path} can be read by other users; chmod 600 it"
            ));
        }
    }
    absolute(path)
}
