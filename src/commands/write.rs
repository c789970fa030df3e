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
use crate::server::Server;
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
                format!("{path}: {}", ui.paint(Style::Good, &shown(&new)))
            } else if old == Some(&new) {
                // Part of an object sent whole (ref 15.4): kept as it is.
                format!("{path}: {} (kept)", shown(&new))
            } else {
                let shown_old = old.map_or("(not set)".to_string(), Value::to_string);
                format!(
                    "{path}: {} → {}",
                    ui.paint(Style::Bad, &shown_old),
                    ui.paint(Style::Good, &shown(&new)),
                )
            };
            lines.push(line);
        }
    }
    lines
}

/// A new value as shown: `null` is a reset (ref 15.2).
fn shown(value: &Value) -> String {
    match value {
        Value::Null => "(reset to the default, or cleared)".to_string(),
        other => other.to_string(),
    }
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
/// that it holds what was asked, and only that (ref 3.11: a 200 is not
/// proof). Once the server has answered the write, every message says that
/// it was written, whatever fails afterwards.
pub fn send_and_verify(
    client: &Client,
    ui: &Ui,
    request: &Request,
    write: &Write,
) -> Result<Value> {
    let (verb, tt, id) = (write.verb, write.task_type, write.id);
    let answer = client.send(request).map_err(|e| {
        if let Some(Error::UnreadableAnswer(message)) = e.downcast_ref::<Error>() {
            return Error::NotApplied(format!(
                "endpoint '{id}' was {verb}, but its answer cannot be read: {message}; check \
                 it with infer get {id}"
            ))
            .into();
        }
        with_hint(e, write)
    })?;
    let Some(endpoint) = api::endpoint_from_answer(&answer, id) else {
        ui.print_json(&answer).map_err(|e| unprinted(e, write))?;
        return Err(Error::NotApplied(format!(
            "endpoint '{id}' was {verb}, but the server's answer (on stdout) does not show it, \
             so it was not verified: check it with infer get {id}"
        ))
        .into());
    };
    ui.print_json(&endpoint).map_err(|e| unprinted(e, write))?;

    if !write.verify {
        ui.info(&format!(
            "{verb} {tt} endpoint '{id}' (not verified: --no-verify): sent {}",
            listed(
                &leaves_of(write.body)
                    .into_iter()
                    .map(|(p, _)| p)
                    .collect::<Vec<_>>()
            )
        ));
        return Ok(endpoint);
    }
    let report = verify::compare(
        &write.body.sections,
        &write.body.secret_paths,
        write.before,
        &endpoint,
    );
    // The advice for a chunking reset depends on what the server accepts.
    let server = if report.chunking_changed() {
        client.server().unwrap_or(Server::Unknown)
    } else {
        Server::Unknown
    };
    let failures = report.failures();
    for note in report.notes(ui, id, server) {
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
    Ok(endpoint)
}

/// stdout failed after the server answered the write (a full disk, say).
fn unprinted(err: anyhow::Error, write: &Write) -> anyhow::Error {
    err.context(format!(
        "endpoint '{}' was {}, but its answer could not be written to stdout; check it with \
         infer get {}",
        write.id, write.verb, write.id
    ))
}

/// Paths in one line: a few by name, the rest counted.
fn listed(paths: &[impl AsRef<str>]) -> String {
    const SHOWN: usize = 6;
    let names: Vec<&str> = paths.iter().take(SHOWN).map(AsRef::as_ref).collect();
    match paths.len().saturating_sub(SHOWN) {
        0 => names.join(", "),
        more => format!("{} and {more} more", names.join(", ")),
    }
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
    let resets = report.resets();
    let mut parts = Vec::new();
    if !applied.is_empty() {
        parts.push(format!("verified {}", listed(&applied)));
    }
    if !resets.is_empty() {
        parts.push(format!("reset {}", listed(&resets)));
    }
    if !secrets.is_empty() {
        parts.push(format!(
            "sent {} (secret, not readable back)",
            listed(&secrets)
        ));
    }
    let mut line = format!("{} {} endpoint '{}'", write.verb, write.task_type, write.id);
    if !parts.is_empty() {
        line.push_str(&format!(": {}", parts.join("; ")));
    }
    line
}

/// Server errors that have a known cause get the fix appended: the same
/// way out infer gives when it refuses a change itself.
fn with_hint(err: anyhow::Error, write: &Write) -> anyhow::Error {
    let Some(Error::Http { status, message }) = err.downcast_ref::<Error>() else {
        return err;
    };
    let before = write.before;
    if let Some(hint) = api::rejection(message).and_then(|r| rejection_hint(&r, write)) {
        return Error::Http {
            status: *status,
            message: format!("{message}\n  hint: {hint}"),
        }
        .into();
    }
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

/// The way out of a rejection by a new server (ref 15.1, 15.3, 15.5),
/// for when infer's own check did not stop the write (`--no-preflight`,
/// `--allow-field`, or a table that lags the server).
fn rejection_hint(rejection: &api::Rejection, write: &Write) -> Option<String> {
    let id = write.id;
    // The stored endpoint names its service; without the pre-flight read,
    // the leftover form of the 400 does ("unknown to the [openai] service").
    let named = write
        .before
        .and_then(|b| b.get("service"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| match rejection {
            api::Rejection::Keys { service, .. } => service.clone(),
            _ => None,
        });
    let service = named.as_deref().unwrap_or("endpoint's");
    Some(match rejection {
        api::Rejection::Keys { section, keys, .. } => {
            let sent_in = |section: &str, key: &str| {
                write
                    .body
                    .sections
                    .get(section)
                    .is_some_and(|s| s.get(key).is_some())
            };
            let lines: Vec<String> = keys
                .iter()
                .map(|key| {
                    let in_task = section.as_deref() == Some("task_settings")
                        || (section.is_none()
                            && sent_in("task_settings", key)
                            && !sent_in("service_settings", key));
                    if in_task {
                        format!(
                            "task_settings.{key} is not a task setting the {service} service \
                             takes: check its name (infer services {service} lists them), or \
                             leave it out"
                        )
                    } else {
                        format!(
                            "the {service} service does not update service_settings.{key}: \
                             create a new endpoint with the new value and point your index at \
                             it (infer get {id} > {id}.json, change it, then infer create \
                             NEW_ID --settings {id}.json with its secrets)"
                        )
                    }
                })
                .collect();
            lines.join("\n  hint: ")
        }
        api::Rejection::SecretKind { stored, received } => format!(
            "endpoint '{id}' uses {stored} as its secret, and its kind cannot change: rotate \
             {stored} (--secret-env {stored}=VAR), or create a new endpoint that uses \
             {received} and point your index at it"
        ),
        api::Rejection::Preconfigured => format!(
            "'{id}' is a preconfigured endpoint, which cannot be changed: create an endpoint \
             of your own instead"
        ),
    })
}
