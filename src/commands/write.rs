//! What every write shares (update, create, edit): notes about the inputs,
//! the field-by-field view, the send with hints for known server errors,
//! and the check that the server applied what was asked.

use anyhow::Result;
use serde_json::Value;

use crate::api::{self, Request, TaskType};
use crate::body::Body;
use crate::client::Client;
use crate::error::Error;
use crate::output::{Style, Ui, say};
use crate::secret;
use crate::verify;

/// Warnings and notes about the inputs, before anything is sent.
pub fn report_inputs(ui: &Ui, body: &Body) {
    for warning in &body.warnings {
        ui.warn(warning);
    }
    for path in &body.literal_secrets {
        ui.warn(&format!(
            "{path} was written on the command line, where the process list and shell \
             history can see it; next time use --secret-env or --secret-file"
        ));
    }
}

/// One line per value the body sets: the stored value and the new one.
/// Chunking settings are replaced whole, so they show whole.
pub fn change_lines(ui: &Ui, body: &Body, before: Option<&Value>) -> Vec<String> {
    let mut lines = Vec::new();
    for (section, value) in &body.sections {
        let leaves = if section == "chunking_settings" {
            vec![(section.clone(), value.clone())]
        } else {
            leaves(section, value)
        };
        for (path, new) in leaves {
            let old = before.and_then(|b| b.pointer(&format!("/{}", path.replace('.', "/"))));
            let is_secret = body.secret_paths.contains(&path)
                || secret::is_secret_field(path.rsplit('.').next().unwrap_or(&path));
            let line = if is_secret {
                format!("{path}: (secret, will change)")
            } else if before.is_none() {
                format!("{path}: {}", ui.paint(Style::Good, &new.to_string()))
            } else {
                let shown_old = old.map_or("(not set)".to_string(), Value::to_string);
                let unchanged = old == Some(&new);
                format!(
                    "{path}: {} → {}{}",
                    ui.paint(Style::Bad, &shown_old),
                    ui.paint(Style::Good, &new.to_string()),
                    if unchanged { " (unchanged)" } else { "" }
                )
            };
            lines.push(line);
        }
    }
    lines
}

/// `(dotted path, value)` for each leaf of `value` under `path`.
pub fn leaves(path: &str, value: &Value) -> Vec<(String, Value)> {
    match value {
        Value::Object(map) if !map.is_empty() => map
            .iter()
            .flat_map(|(k, v)| leaves(&format!("{path}.{k}"), v))
            .collect(),
        _ => vec![(path.to_string(), value.clone())],
    }
}

/// What a write is, for its messages.
pub struct Write<'a> {
    pub verb: &'static str,
    pub id: &'a str,
    pub task_type: TaskType,
    pub body: &'a Body,
    /// The endpoint before the write, when it was read.
    pub before: Option<&'a Value>,
    pub verify: bool,
}

/// Send `request`, print the endpoint the server answers with, and check
/// that it holds what was asked (ref 3.11: a 200 is not proof).
pub fn send_and_verify(client: &Client, ui: &Ui, request: &Request, write: &Write) -> Result<()> {
    let answer = client
        .send(request)
        .map_err(|e| with_hint(e, write.before))?;
    let endpoint = api::endpoint_from_answer(&answer, write.id).unwrap_or(answer);
    ui.print_json(&endpoint)?;
    let (verb, tt, id) = (write.verb, write.task_type, write.id);

    if !write.verify {
        let sent: Vec<String> = leaves_of(write.body).into_iter().map(|(p, _)| p).collect();
        ui.info(&format!(
            "{verb} {tt} endpoint '{id}' (not verified: --no-verify): sent {}",
            sent.join(", ")
        ));
        return Ok(());
    }
    let report = verify::compare(
        &write.body.sections,
        &write.body.secret_paths,
        write.before,
        &endpoint,
    );
    let failures = report.failures();
    for note in report.notes(ui) {
        if failures > 0 {
            say(&format!("infer: {note}"));
        } else {
            ui.info(&note);
        }
    }
    if failures > 0 {
        return Err(Error::NotApplied(format!(
            "endpoint '{id}' was written, but verification found {failures} {} (above); \
             the server's answer is on stdout",
            if failures == 1 { "problem" } else { "problems" }
        ))
        .into());
    }
    ui.info(&summary(write, &report));
    Ok(())
}

fn leaves_of(body: &Body) -> Vec<(String, Value)> {
    body.sections
        .iter()
        .flat_map(|(section, value)| leaves(section, value))
        .collect()
}

fn summary(write: &Write, report: &verify::Report) -> String {
    let applied = report.applied();
    let secrets = report.secrets();
    let mut line = format!("{} {} endpoint '{}'", write.verb, write.task_type, write.id);
    if !applied.is_empty() {
        line.push_str(&format!(": verified {}", applied.join(", ")));
    }
    if !secrets.is_empty() {
        line.push_str(&format!(
            "{} sent {} (secret, not readable back)",
            if applied.is_empty() { ":" } else { ";" },
            secrets.join(", ")
        ));
    }
    line
}

/// Server errors that have a known cause get the fix appended. `before` is
/// the endpoint as read before the write, when it was.
fn with_hint(err: anyhow::Error, before: Option<&Value>) -> anyhow::Error {
    let Some(Error::Http { status, message }) = err.downcast_ref::<Error>() else {
        return err;
    };
    let hint = if message.contains("cannot be updated") && message.contains("chunking_settings") {
        // Before #149723 an update body may not carry chunking_settings (ref 3.4).
        "this server does not accept chunking_settings in an update (Elasticsearch added it \
         in 2026, #149723); upgrade, or re-create the endpoint with the chunking you want"
            .to_string()
    } else if message.contains("does not contain the required setting") {
        // Before #149628 any service_settings had to repeat the secret (ref 7.3).
        "this server needs the provider's secret again with any service_settings change \
         (before #149628): add it with --secret-env NAME=VAR or --secret-file NAME=PATH"
            .to_string()
    } else if message.contains("validation call to service") {
        // Servers call the provider when an endpoint is created and, since
        // #140003, updated (ref 3.10).
        "the server tried the settings against the provider and the call failed; nothing \
         was stored: check the key, URL or model"
            .to_string()
    } else if message.contains("already exists") {
        "use infer update to change it, or infer delete it first".to_string()
    } else if message.contains("Failed to parse [num_allocations]") {
        // 8.17 needs an integer num_allocations in every update of an
        // in-cluster endpoint, even one that changes only task settings (ref 3.9).
        let current = before
            .and_then(|b| b.pointer("/service_settings/num_allocations"))
            .map_or("N".to_string(), Value::to_string);
        format!(
            "this server (8.17) needs service_settings.num_allocations in every update of \
             this endpoint: add --num-allocations {current}"
        )
    } else {
        return err;
    };
    Error::Http {
        status: *status,
        message: format!("{message}\n  hint: {hint}"),
    }
    .into()
}

/// Warn about each service_settings key that `_inference/_services` says
/// the stored endpoint's service does not update: the server may ignore it
/// silently (ref 3.8, 3.11). The list can lag the server (#147597), hence
/// `--allow-field`. Servers without the route (ref 2, notes) skip this.
pub fn warn_not_updatable(
    client: &Client,
    ui: &Ui,
    body: &Body,
    stored: &Value,
    task_type: TaskType,
    allowed: &[String],
) {
    let Some(settings) = body.sections.get("service_settings") else {
        return;
    };
    let service = stored
        .get("service")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let catalogue = match client.send(&Request::services(Some(task_type))) {
        Ok(answer) => answer,
        Err(e) => {
            ui.debug(&format!("(no updatable check: {e:#})"));
            return;
        }
    };
    let Some(configurations) = crate::services::configurations(&catalogue, service) else {
        return;
    };
    for (path, _) in leaves("", settings) {
        let key = path.trim_start_matches('.');
        let allowed_here = allowed
            .iter()
            .any(|a| a.trim_start_matches("service_settings.") == key);
        let is_secret = secret::is_secret_field(key.rsplit('.').next().unwrap_or(key))
            || body
                .secret_paths
                .contains(&format!("service_settings.{key}"));
        if allowed_here || is_secret {
            continue;
        }
        match crate::services::field(configurations, key).map(|f| f.get("updatable")) {
            Some(Some(Value::Bool(false))) => ui.warn(&format!(
                "service_settings.{key} is not updatable for the {service} service (says \
                 _inference/_services); the server may keep the old value; \
                 --allow-field {key} sends it without this warning"
            )),
            None => ui.warn(&format!(
                "service_settings.{key} is not a setting _inference/_services lists for the \
                 {service} service; the server may reject or ignore it; \
                 --allow-field {key} sends it without this warning"
            )),
            Some(_) => {}
        }
    }
}
