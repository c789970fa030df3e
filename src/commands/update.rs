//! `infer update`: check the inputs, read the endpoint (pre-flight), send
//! the update, and check that the server applied it.

use anyhow::{Result, anyhow};
use serde_json::Value;

use crate::api::{self, Request, TaskType};
use crate::body::{self, Body, Inputs};
use crate::cli::{GlobalArgs, UpdateArgs};
use crate::client::{self, Client};
use crate::connection;
use crate::error::Error;
use crate::output::Ui;
use crate::validate;
use crate::verify;

pub fn run(args: &UpdateArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let id = args.inference_id.as_str();
    validate::inference_id(id)?;
    if args.no_preflight && args.task_type.is_none() {
        return Err(Error::usage(
            "--no-preflight needs --task-type: without the pre-flight read infer cannot \
             know the endpoint's task type, and the update path requires it",
        ));
    }
    let body = body::build(&Inputs {
        settings: args.settings.as_deref(),
        service_settings: args.service_settings.as_deref(),
        task_settings: args.task_settings.as_deref(),
        chunking_settings: args.chunking_settings.as_deref(),
        sets: &args.sets,
        num_allocations: args.num_allocations,
        secret_prompts: &args.secret_prompts,
        secret_envs: &args.secret_envs,
        secret_files: &args.secret_files,
    })?;
    let file_task_type = check_identity_locally(&body, id, args)?;
    validate::body(&body, args.task_type.or(file_task_type))?;
    for warning in &body.warnings {
        ui.warn(warning);
    }
    if body.sections.contains_key("chunking_settings") {
        ui.info(
            "note: chunking_settings replace the stored ones as a whole; \
             settings left out take their defaults",
        );
    }
    for path in &body.literal_secrets {
        ui.warn(&format!(
            "{path} was written on the command line, where the process list and shell \
             history can see it; next time use --secret-env or --secret-file"
        ));
    }

    let offline = args.dry_run && args.no_preflight;
    let conn = connection::resolve(global, offline)?;
    let client = if offline {
        None
    } else {
        Some(Client::new(&conn, ui)?)
    };

    let (task_type, before) = match (&client, args.task_type) {
        (Some(client), _) if !args.no_preflight => {
            let stored = preflight(client, id)?;
            (
                check_against_stored(&body, args, file_task_type, &stored)?,
                Some(stored),
            )
        }
        (_, Some(tt)) => (tt, None),
        (_, None) => unreachable!("--no-preflight without --task-type was refused above"),
    };

    let mut request = Request::update(task_type, id, body.to_json());
    request.secret_paths = body.secret_paths.clone();

    let Some(client) = client.filter(|_| !args.dry_run) else {
        ui.print_json(&client::describe(&request, &conn))?;
        ui.info("dry run: nothing was written");
        return Ok(());
    };

    let answer = client
        .send(&request)
        .map_err(|e| with_hint(e, before.as_ref()))?;
    let endpoint = api::endpoint_from_answer(&answer, id).unwrap_or(answer);
    ui.print_json(&endpoint)?;

    if args.no_verify {
        let sent: Vec<String> = sent_paths(&body);
        ui.info(&format!(
            "updated {task_type} endpoint '{id}' (not verified: --no-verify): sent {}",
            sent.join(", ")
        ));
        return Ok(());
    }
    let report = verify::compare(
        &body.sections,
        &body.secret_paths,
        before.as_ref(),
        &endpoint,
    );
    let notes = report.notes(ui);
    let failures = report.failures();
    for note in &notes {
        if failures > 0 {
            eprintln!("infer: {note}");
        } else {
            ui.info(note);
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
    ui.info(&summary(task_type, id, &report));
    Ok(())
}

/// What the settings file says about its endpoint, checked without the
/// server: its id must be this one; its task type must be a task type and
/// agree with `--task-type`; `service` can only be checked by pre-flight.
fn check_identity_locally(body: &Body, id: &str, args: &UpdateArgs) -> Result<Option<TaskType>> {
    if let Some(other) = body.inference_id.as_deref().filter(|other| *other != id) {
        return Err(Error::refused(format!(
            "the settings are for endpoint '{other}', not '{id}': use the settings of '{id}', \
             or remove inference_id from them"
        )));
    }
    let file_tt = match &body.task_type {
        Some(text) => Some(
            text.parse::<TaskType>()
                .map_err(|e| Error::usage(format!("task_type in the settings: {e}")))?,
        ),
        None => None,
    };
    if let (Some(file), Some(flag)) = (file_tt, args.task_type)
        && file != flag
    {
        return Err(Error::refused(format!(
            "the settings are for a {file} endpoint, but --task-type says {flag}: \
                 make them agree"
        )));
    }
    if let (Some(service), true) = (&body.service, args.no_preflight) {
        return Err(Error::usage(format!(
            "the settings name service '{service}', which can only be checked against the \
             stored endpoint, and the server rejects it in an update body: drop \
             --no-preflight, or remove service from the settings"
        )));
    }
    Ok(file_tt)
}

/// `GET /_inference/{id}`: the stored endpoint.
fn preflight(client: &Client, id: &str) -> Result<Value> {
    let answer = client.send(&Request::get_endpoint(id))?;
    api::endpoint_from_answer(&answer, id).ok_or_else(|| {
        anyhow!("the server's answer to GET /_inference/{id} holds no endpoint '{id}'")
    })
}

/// The refusals that need the stored endpoint (exit 3). Returns the task
/// type to put in the path.
fn check_against_stored(
    body: &Body,
    args: &UpdateArgs,
    file_tt: Option<TaskType>,
    stored: &Value,
) -> Result<TaskType> {
    let id = args.inference_id.as_str();
    let stored_text = stored
        .get("task_type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let stored_tt: TaskType = stored_text.parse().map_err(|_| {
        anyhow!("endpoint '{id}' has task type '{stored_text}', which this infer does not know")
    })?;
    for (given, origin) in [
        (args.task_type, "--task-type"),
        (file_tt, "task_type in the settings"),
    ] {
        if let Some(given) = given.filter(|g| *g != stored_tt) {
            return Err(Error::refused(format!(
                "{origin} is {given}, but endpoint '{id}' is a {stored_tt} endpoint, and the \
                 task type cannot change: use {stored_tt}, or leave it out"
            )));
        }
    }
    let stored_service = stored
        .get("service")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if let Some(service) = body.service.as_deref().filter(|s| *s != stored_service) {
        return Err(Error::refused(format!(
            "the settings are for service '{service}', but endpoint '{id}' uses \
             '{stored_service}', and the service cannot change: fix or remove service"
        )));
    }
    if body.sections.contains_key("chunking_settings") {
        validate::chunking_allowed(stored_tt).map_err(Error::refused)?;
    }
    Ok(stored_tt)
}

/// Server errors that have a known cause get the fix appended. `before` is
/// the pre-flight read, when there was one.
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
        // Newer servers call the provider during an update (ref 3.10).
        "the server tried the new settings against the provider and the call failed; the \
         stored endpoint is unchanged: check the key, URL or model"
            .to_string()
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

fn sent_paths(body: &Body) -> Vec<String> {
    let mut paths = Vec::new();
    for (section, value) in &body.sections {
        leaf_paths(section, value, &mut paths);
    }
    let redacted: Vec<String> = paths
        .into_iter()
        .map(|p| {
            if body.secret_paths.contains(&p)
                || crate::secret::is_secret_field(p.rsplit('.').next().unwrap_or(&p))
            {
                format!("{p} (secret)")
            } else {
                p
            }
        })
        .collect();
    redacted
}

fn leaf_paths(path: &str, value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                leaf_paths(&format!("{path}.{k}"), v, out);
            }
        }
        _ => out.push(path.to_string()),
    }
}

fn summary(task_type: TaskType, id: &str, report: &verify::Report) -> String {
    let applied = report.applied();
    let secrets = report.secrets();
    let mut line = format!("updated {task_type} endpoint '{id}'");
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
