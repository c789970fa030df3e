//! `infer update`: check the inputs, read the endpoint (pre-flight), send
//! the update, and check that the server applied it.

use anyhow::Result;
use serde_json::Value;

use crate::api::{Request, TaskType};
use crate::body::{self, Body};
use crate::cli::{GlobalArgs, UpdateArgs};
use crate::client::Client;
use crate::connection;
use crate::error::Error;
use crate::ops::change;
use crate::output::{Ui, say};
use crate::validate;

use super::after;
use super::write;
use crate::ops::write::Write;

pub fn run(args: &UpdateArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let id = args.inference_id.as_str();
    validate::inference_id(id)?;
    if args.no_preflight && args.task_type.is_none() {
        return Err(Error::usage(
            "--no-preflight needs --task-type: without the pre-flight read infer cannot \
             know the endpoint's task type, and the update path requires it",
        ));
    }
    let mut body = body::build(&super::inputs(&args.settings, &args.unsets))?;
    let file_task_type = check_identity_locally(&body, id, args)?;
    if body.is_empty() {
        let given = match args.settings.settings.as_deref() {
            Some("-") => "the settings from stdin hold no settings; ",
            Some(_) => "the settings file holds no settings; ",
            None => "",
        };
        return Err(Error::usage(format!(
            "nothing to update: {given}give --settings with service_settings, task_settings \
             or chunking_settings, or --service-settings, --task-settings, \
             --chunking-settings, --set, --unset, --num-allocations or a secret flag"
        )));
    }
    if args.no_preflight {
        validate::body(&body, args.task_type.or(file_task_type))?;
    } else {
        validate::update_body(&body, args.task_type.or(file_task_type))?;
    }
    if let Some(text) = &args.server_timeout {
        crate::api::parse_time_limit(text)
            .map_err(|e| Error::usage(format!("--server-timeout {e}")))?;
    }
    let wait = after::wait_limit(&args.wait, global.curl)?;
    if args.probe && global.curl {
        return Err(Error::usage(
            "--probe sends an inference request after the update, and --curl sends nothing: \
             leave one out",
        ));
    }
    if body.sections.contains_key("chunking_settings") {
        ui.info(
            "note: chunking_settings replace the stored ones as a whole; \
             settings left out take their defaults",
        );
    }

    // `--curl` sends nothing; it reads the endpoint only to learn a task
    // type it was not given.
    let skip_read = args.no_preflight || (global.curl && args.task_type.is_some());
    let preflight = !skip_read;
    let offline = (args.dry_run || global.curl) && !preflight;
    let conn = connection::resolve(global, offline)?;
    let client = if offline {
        None
    } else {
        Some(Client::new(&conn, ui)?)
    };

    let (task_type, before) = match (&client, args.task_type) {
        (Some(client), _) if preflight => {
            let stored = super::read_endpoint(client, id, None)?;
            let tt = check_against_stored(&body, args, file_task_type, &stored)?;
            allocations_only_in_cluster(&body, args, service_of(&stored))?;
            super::mask_secrets(client, &stored);
            body.know_secrets_of(service_of(&stored));
            write::report_inputs(ui, &body);
            if wait.is_some() {
                after::require_in_cluster(service_of(&stored))?;
            }
            if args.probe {
                crate::ops::probe::probeable(tt)?;
            }
            let options = change::Options {
                allow: &args.allow_fields,
                nulls: change::Nulls::Refuse,
            };
            let planned =
                change::plan_update(client, id, tt, &stored, std::mem::take(&mut body), &options)?;
            planned.debug.iter().for_each(|line| ui.debug(line));
            planned.refused(id)?;
            if !planned.unchanged.is_empty() {
                ui.info(&format!(
                    "already stored, not sent: {}",
                    write::listed(&planned.unchanged)
                ));
            }
            body = planned.body;
            if body.is_empty() {
                if global.curl {
                    // stdout holds a command or nothing (a script may run it).
                    ui.warn(&format!(
                        "no change: endpoint '{id}' already has these values; there is no \
                         request to show"
                    ));
                    return Ok(());
                }
                ui.info(&format!(
                    "no change: endpoint '{id}' already has these values; nothing was sent"
                ));
                ui.print_json(&stored)?;
                return finish(client, ui, args, (id, tt), &stored, wait);
            }
            planned.warnings.iter().for_each(|w| ui.warn(w));
            (tt, Some(stored))
        }
        (_, Some(tt)) => {
            write::report_inputs(ui, &body);
            warn_unread(ui, &body);
            (tt, None)
        }
        (_, None) => unreachable!("--no-preflight without --task-type was refused above"),
    };

    if args.dry_run || (ui.is_verbose() && !global.curl) {
        let lines = write::change_lines(ui, &body, before.as_ref());
        let heading = if args.dry_run {
            "would change"
        } else {
            "changing"
        };
        say(&format!("infer: {heading} {task_type} endpoint '{id}':"));
        for line in lines {
            say(&format!("  {line}"));
        }
    }
    // The sections move into the request: a body can be large.
    let mut request = Request::update(
        task_type,
        id,
        Value::Object(std::mem::take(&mut body.sections)),
    );
    request.secret_paths = body.secret_paths.clone();
    if let (Some(text), Some(client)) = (&args.server_timeout, &client) {
        server_timeout(client, ui, &mut request, text)?;
    }

    let Some(client) = client.filter(|_| !args.dry_run && !global.curl) else {
        super::show_request(ui, &conn, &request, &body.secret_sources, global.curl)?;
        if args.dry_run {
            ui.info("dry run: nothing was written");
        }
        return Ok(());
    };
    let endpoint = write::send_and_verify(
        &client,
        ui,
        &request,
        &Write {
            verb: "updated",
            id,
            task_type,
            body: &body,
            before: before.as_ref(),
            verify: !args.no_verify,
        },
    )
    .inspect_err(|_| {
        if wait.is_some() || args.probe {
            ui.warn(
                "the update was not verified, so infer did not wait for the deployment or \
                 probe the endpoint",
            );
        }
    })?;
    finish(&client, ui, args, (id, task_type), &endpoint, wait)
}

fn service_of(endpoint: &Value) -> &str {
    endpoint
        .get("service")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// `--wait`, then `--probe`: a probe before the deployment is ready could
/// fail for no fault of the key.
fn finish(
    client: &Client,
    ui: &Ui,
    args: &UpdateArgs,
    (id, task_type): (&str, TaskType),
    endpoint: &Value,
    wait: Option<std::time::Duration>,
) -> Result<()> {
    if let Some(limit) = wait {
        after::require_in_cluster(service_of(endpoint))?;
        after::wait_for(client, ui, "updated", id, endpoint, limit)?;
    }
    if args.probe {
        after::probe_after(client, ui, "updated", id, task_type)?;
    }
    Ok(())
}

/// Without the pre-flight read, infer cannot make nested objects whole nor
/// check a `null` against the server: say what that means.
fn warn_unread(ui: &Ui, body: &Body) {
    let settings = body
        .sections
        .get("service_settings")
        .and_then(Value::as_object);
    let plain = settings.is_some_and(|map| {
        map.keys().any(|k| {
            !crate::secret::is_secret_field(k)
                && !body.secret_paths.contains(&format!("service_settings.{k}"))
        })
    });
    if plain {
        ui.info(
            "note: without the pre-flight read infer cannot tell whether the endpoint's service \
             updates these service_settings: the server decides",
        );
    }
    if settings.is_some_and(|map| map.contains_key("num_allocations")) {
        ui.warn(
            "without the pre-flight read infer cannot tell whether the endpoint's adaptive \
             allocations are enabled: on 9.6 and later a fixed num_allocations turns them off",
        );
    }
    for section in ["service_settings", "task_settings"] {
        let Some(Value::Object(map)) = body.sections.get(section) else {
            continue;
        };
        for (key, value) in map {
            if value.is_object() && !crate::secret::is_secret_field(key) {
                ui.warn(&format!(
                    "{section}.{key} is sent as given, and the server replaces the stored \
                     object with it: without the pre-flight read infer cannot add the keys it \
                     holds, so give the whole object"
                ));
            }
        }
    }
    for path in body.null_paths() {
        ui.warn(&format!(
            "{path} is sent as null without a check: only the newest servers reset a setting \
             with it, and only for some services"
        ));
    }
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
    let file_tt = body.file_task_type()?;
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

/// Allocations belong to in-cluster endpoints: on a provider's endpoint
/// there is nothing they could change, and no new endpoint would take them
/// either, so the advice is to leave them out.
fn allocations_only_in_cluster(body: &Body, args: &UpdateArgs, service: &str) -> Result<()> {
    let Some(Value::Object(settings)) = body.sections.get("service_settings") else {
        return Ok(());
    };
    let Some(key) = ["num_allocations", "adaptive_allocations", "num_threads"]
        .into_iter()
        .find(|k| settings.contains_key(*k))
    else {
        return Ok(());
    };
    if crate::services::is_in_cluster(service) {
        return Ok(());
    }
    let given = if key == "num_allocations" && args.settings.num_allocations.is_some() {
        "--num-allocations".to_string()
    } else {
        format!("service_settings.{key}")
    };
    Err(Error::usage(format!(
        "{given} is for in-cluster (elasticsearch, elser) endpoints, and '{}' uses the \
         {service} service, which runs no deployment of its own: leave {given} out",
        args.inference_id
    )))
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
    let stored_tt = super::task_type_of(stored, id)?;
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

/// `?timeout=` for an update, only to servers that accept it: 9.5 and
/// later; older ones answer 400 `unrecognized parameter: [timeout]`
/// (#152179; `BaseRestHandler`). The version is asked only here.
fn server_timeout(client: &Client, ui: &Ui, request: &mut Request, text: &str) -> Result<()> {
    let server = client.server()?;
    if server.accepts_timeout() {
        request.query.push(("timeout", text.to_string()));
    } else {
        ui.warn(&format!(
            "--server-timeout not sent: {} does not accept a timeout on update (9.5 and later \
             do); the server's own limit applies (30s, or 120s for completion)",
            server.describe()
        ));
    }
    Ok(())
}
