//! `infer config`: the connection in use, where each value comes from and
//! what was given but is not used (`show`), the profiles in the file (`list`); a new profile (`init`) is
//! `config_init.rs`.

use anyhow::Result;
use serde_json::{Value, json};

use crate::cli::{ConfigCommand, GlobalArgs};
use crate::config::{self, Profile};
use crate::connection;
use crate::error::Error;
use crate::output::Ui;
use crate::secret;

pub fn run(action: &ConfigCommand, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    match action {
        ConfigCommand::Show { json } => show(global, ui, *json),
        ConfigCommand::List { json } => list(ui, *json),
        ConfigCommand::Init(args) => super::config_init::run(args, global, ui),
    }
}

fn show(global: &GlobalArgs, ui: &Ui, json: bool) -> Result<()> {
    // Offline: showing the connection never asks for a password.
    let (conn, whence) = connection::resolve_whence(global)?;
    for note in &conn.notes {
        ui.debug(note);
    }
    let entries = |list: &[(&str, String, connection::Origin)]| -> Vec<Value> {
        list.iter()
            .map(|(key, value, origin)| {
                json!({"setting": key, "value": value, "from": origin.to_string()})
            })
            .collect()
    };
    if json || !ui.stdout_is_terminal() {
        return ui.print_json(&json!({
            "config_file": config::path().map(|p| p.display().to_string()),
            "profile": conn.profile.as_ref().map(|(name, _)| name),
            "connection": whence.unit.to_string(),
            "settings": entries(&conn.shown),
            "ignored": entries(&whence.ignored),
        }));
    }
    match &conn.profile {
        Some((name, path)) => ui.print_line(&format!("profile {name} from {}", path.display()))?,
        None => ui.print_line("no profile")?,
    }
    ui.print_line(&format!(
        "connection (URL, credential, trust) from {}",
        whence.unit
    ))?;
    let rows = |list: &[(&str, String, connection::Origin)]| -> Vec<Vec<String>> {
        list.iter()
            .map(|(key, value, origin)| vec![key.to_string(), value.clone(), origin.to_string()])
            .collect()
    };
    ui.print_table(&["SETTING", "VALUE", "FROM"], &rows(&conn.shown))?;
    if whence.ignored.is_empty() {
        return Ok(());
    }
    ui.print_line("")?;
    ui.print_line("given but not used (a connection comes from one place):")?;
    ui.print_table(&["SETTING", "VALUE", "FROM"], &rows(&whence.ignored))
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
