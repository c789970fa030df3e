//! `infer config init` on a terminal: each question asked in turn, an
//! existing profile's values as the defaults, and where each secret lives
//! asked with a hidden prompt.

use anyhow::Result;

use super::config_init::{NOTHING, checked_cloud_id, checked_url, config_path, save};
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
    if std::fs::read_to_string(&path).is_ok_and(|t| t.contains('#')) {
        ui.warn(&format!(
            "{} has comments, and rewriting it drops them",
            path.display()
        ));
    }

    let name = prompt::line(
        "Profile name",
        named.unwrap_or(if first { "default" } else { "" }),
    )?;
    if name.is_empty() {
        return Err(Error::usage(format!("a profile needs a name; {NOTHING}")));
    }
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

/// Where a secret lives: a variable (the default), a file, or inline. The
/// answer is read hidden, since it may be the secret itself: a variable
/// name (`[A-Za-z_][A-Za-z0-9_]*`) is kept as `env:NAME`, `file:PATH` as it
/// is, and anything else is the secret, stored inline in this 0600 file and
/// never shown.
fn secret_reference(what: &str, default_var: &str) -> Result<String> {
    let answer = prompt::hidden_answer(&format!(
        "{what}: the name of the environment variable that holds it, file:PATH, or the \
         {lower} itself, stored inline in this file (mode 0600); typing is hidden \
         [{default_var}]: ",
        lower = what.to_lowercase()
    ))?;
    let answer = answer.trim_end_matches(['\r', '\n']);
    let (stored, said) = if answer.trim().is_empty() {
        (
            format!("env:{default_var}"),
            format!("environment variable {default_var}"),
        )
    } else if secret::is_var_name(answer.trim()) {
        let name = answer.trim();
        (
            format!("env:{name}"),
            format!("environment variable {name}"),
        )
    } else if let Some(path) = answer.trim().strip_prefix("file:") {
        (format!("file:{path}"), format!("file {path}"))
    } else {
        (
            secret::Secret::new(answer).expose_secret().to_string(),
            "inline, in the config file".to_string(),
        )
    };
    crate::output::say(&format!("infer: {what} from {said}"));
    Ok(stored)
}
