//! `infer config`: the connection in use and where each value comes from
//! (`show`), the profiles in the file (`list`), and a new profile asked for
//! on a terminal (`init`).

use anyhow::Result;
use serde_json::{Value, json};

use crate::cli::{ConfigCommand, GlobalArgs};
use crate::config::{self, Profile};
use crate::connection;
use crate::error::Error;
use crate::output::Ui;
use crate::prompt;
use crate::secret;

pub fn run(action: &ConfigCommand, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    match action {
        ConfigCommand::Show { json } => show(global, ui, *json),
        ConfigCommand::List { json } => list(ui, *json),
        ConfigCommand::Init => init(ui, global.profile.as_deref()),
    }
}

fn show(global: &GlobalArgs, ui: &Ui, json: bool) -> Result<()> {
    // Offline: showing the connection never asks for a password.
    let conn = connection::resolve(global, true)?;
    let settings: Vec<Value> = conn
        .shown
        .iter()
        .map(|(key, value, origin)| json!({"setting": key, "value": value, "from": origin.to_string()}))
        .collect();
    if json || !ui.stdout_is_terminal() {
        return ui.print_json(&json!({
            "config_file": config::path().map(|p| p.display().to_string()),
            "profile": conn.profile.as_ref().map(|(name, _)| name),
            "settings": settings,
        }));
    }
    match &conn.profile {
        Some((name, path)) => ui.print_line(&format!("profile {name} from {}", path.display()))?,
        None => ui.print_line("no profile")?,
    }
    let rows: Vec<Vec<String>> = conn
        .shown
        .iter()
        .map(|(key, value, origin)| vec![key.to_string(), value.clone(), origin.to_string()])
        .collect();
    ui.print_table(&["SETTING", "VALUE", "FROM"], &rows)
}

fn list(ui: &Ui, json: bool) -> Result<()> {
    let path =
        config::path().ok_or_else(|| Error::usage("no config file: set HOME or INFER_CONFIG"))?;
    let file = config::read(&path)?.unwrap_or_default();
    let credential = |p: &Profile| {
        if p.api_key.is_some() {
            "api_key"
        } else if p.username.is_some() {
            "basic"
        } else if p.bearer_token.is_some() {
            "bearer"
        } else {
            "none"
        }
    };
    if json || !ui.stdout_is_terminal() {
        let profiles: serde_json::Map<String, Value> = file
            .profiles
            .iter()
            .map(|(name, p)| {
                (
                    name.clone(),
                    json!({
                        "url": p.url.as_deref().map(secret::url::shown),
                        "cloud_id": p.cloud_id, "credential": credential(p),
                        "default": file.default_profile.as_deref() == Some(name),
                    }),
                )
            })
            .collect();
        return ui
            .print_json(&json!({"config_file": path.display().to_string(), "profiles": profiles}));
    }
    if file.profiles.is_empty() {
        ui.info(&format!(
            "no profiles in {}; `infer config init` writes one",
            path.display()
        ));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = file
        .profiles
        .iter()
        .map(|(name, p)| {
            vec![
                name.clone(),
                p.url
                    .as_deref()
                    .map(secret::url::shown)
                    .or(p.cloud_id.clone())
                    .unwrap_or_else(|| "-".into()),
                credential(p).into(),
                if file.default_profile.as_deref() == Some(name) {
                    "default".into()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    ui.print_table(&["PROFILE", "URL OR CLOUD ID", "CREDENTIAL", ""], &rows)
}

fn init(ui: &Ui, named: Option<&str>) -> Result<()> {
    if !prompt::can_prompt() {
        return Err(Error::usage(
            "infer config init asks its questions on a terminal, and there is none: write the \
             config file by hand (see the README)",
        ));
    }
    let path =
        config::path().ok_or_else(|| Error::usage("no config file: set HOME or INFER_CONFIG"))?;
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
        return Err(Error::usage("a profile needs a name; nothing was written"));
    }
    // An existing profile's values are the defaults of the answers.
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
            .unwrap_or(crate::connection::DEFAULT_URL),
    )?;
    if place.contains("://") {
        profile.url = Some(place);
    } else {
        profile.cloud_id = Some(place);
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
                 nothing was written"
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
    config::write(&path, &file)?;
    ui.info(&format!(
        "wrote profile '{name}' to {} (mode 0600)",
        path.display()
    ));
    Ok(())
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
