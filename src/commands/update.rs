//! `infer update`: check the inputs, read the endpoint (pre-flight), send
//! the update, and check that the server applied it.

use anyhow::Result;
use serde_json::Value;

use crate::api::{Request, TaskType};
use crate::body::{self, Body};
use crate::cli::{GlobalArgs, UpdateArgs};
use crate::client::Client;
use crate::error::Error;
use crate::ops::after_write::{self, After};
use crate::ops::change::{self, Change};
use crate::ops::stored;
use crate::output::{Ui, say};
use crate::validate;

use super::write;

pub fn run(args: &UpdateArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let id = args.inference_id.as_str();
    validate::inference_id(id)?;
    let (body, file_task_type) = gather(args)?;
    let after = write::after_flags(&args.wait, args.probe, global.curl, "update")?;
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
    let conn = super::connect(global, offline, ui)?;
    let client = if offline {
        None
    } else {
        Some(Client::new(&conn, ui)?)
    };

    // The endpoint as stored: what the change is checked against and
    // decided with.
    let stored = match &client {
        Some(client) if preflight => Some(super::read_endpoint(client, id, None)?),
        _ => None,
    };
    let mut change = match (&client, &stored, args.task_type) {
        (Some(client), Some(stored), _) => {
            let change = Change::of_stored(id, body, stored)?;
            match decide(client, ui, (args, global, file_task_type, after), change)? {
                Some(change) => change,
                None => return Ok(()),
            }
        }
        (_, _, Some(tt)) => {
            write::report_inputs(ui, &body);
            warn_unread(ui, &body);
            Change::update(id, tt, body, None)
        }
        (_, _, None) => unreachable!("--no-preflight without --task-type was refused above"),
    };
    if args.dry_run || (ui.is_verbose() && !global.curl) {
        show_change(ui, args.dry_run, &change);
    }
    let mut request = change.request();
    if let (Some(text), Some(client)) = (&args.server_timeout, &client) {
        server_timeout(client, ui, &mut request, text)?;
    }

    let Some(client) = client.filter(|_| !args.dry_run && !global.curl) else {
        super::show_request(
            ui,
            &conn,
            &request,
            &change.body.secret_sources,
            global.curl,
        )?;
        if args.dry_run {
            ui.info("dry run: nothing was written");
        }
        return Ok(());
    };
    send(&client, ui, (&change, &request), after, !args.no_verify)
}

/// Send the update and check it (`write::send_and_verify`), then
/// `--wait` and `--probe`, which a write that was not verified skips.
fn send(
    client: &Client,
    ui: &Ui,
    (change, request): (&Change, &Request),
    after: After,
    verify: bool,
) -> Result<()> {
    let endpoint =
        write::send_and_verify(client, ui, (change, request), verify).inspect_err(|_| {
            if after.wait.is_some() || after.probe {
                ui.warn(
                    "the update was not verified, so infer did not wait for the deployment or \
                 probe the endpoint",
                );
            }
        })?;
    let what = ("updated", change.id, change.task_type);
    write::after(client, ui, after, what, &endpoint)
}

/// The body from the inputs, checked without the server; with the task
/// type a settings file names.
fn gather(args: &UpdateArgs) -> Result<(Body, Option<TaskType>)> {
    if args.no_preflight && args.task_type.is_none() {
        return Err(Error::usage(
            "--no-preflight needs --task-type: without the pre-flight read infer cannot \
             know the endpoint's task type, and the update path requires it",
        ));
    }
    let body = body::build(&super::inputs(&args.settings, &args.unsets))?;
    let file_task_type = check_identity_locally(&body, &args.inference_id, args)?;
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
    let task_type = args.task_type.or(file_task_type);
    if args.no_preflight {
        validate::body(&body, task_type)?;
    } else {
        validate::update_body(&body, task_type)?;
    }
    if let Some(text) = &args.server_timeout {
        crate::api::parse_time_limit(text)
            .map_err(|e| Error::usage(format!("--server-timeout {e}")))?;
    }
    Ok((body, file_task_type))
}

/// The change checked and decided against the stored endpoint
/// (`ops::change`), or `None` when there is nothing to send (said, and
/// `--wait`/`--probe` done).
fn decide<'a>(
    client: &Client,
    ui: &Ui,
    (args, global, file_task_type, after): (&UpdateArgs, &GlobalArgs, Option<TaskType>, After),
    mut change: Change<'a>,
) -> Result<Option<Change<'a>>> {
    let (id, tt) = (change.id, change.task_type);
    let stored = change.stored().unwrap_or(&Value::Null);
    change.check(&[
        (args.task_type, "--task-type"),
        (file_task_type, "task_type in the settings"),
    ])?;
    change.check_allocations(args.settings.num_allocations.map(|_| "--num-allocations"))?;
    super::mask_secrets(client, stored);
    change.body.know_secrets_of(stored::service(stored));
    write::report_inputs(ui, &change.body);
    if after.wait.is_some() {
        after_write::require_in_cluster(stored::service(stored))?;
    }
    if after.probe {
        crate::ops::probe::probeable(tt)?;
    }
    let options = change::Options {
        allow: &args.allow_fields,
        nulls: change::Nulls::Refuse,
    };
    let decision = change.decide(client, &options)?;
    decision.debug.iter().for_each(|line| ui.debug(line));
    decision.refused(id)?;
    if !decision.unchanged.is_empty() {
        ui.info(&format!(
            "already stored, not sent: {}",
            write::listed(&decision.unchanged)
        ));
    }
    if !change.body.is_empty() {
        decision.warnings.iter().for_each(|w| ui.warn(w));
        return Ok(Some(change));
    }
    if global.curl {
        // stdout holds a command or nothing (a script may run it).
        ui.warn(&format!(
            "no change: endpoint '{id}' already has these values; there is no request to show"
        ));
        return Ok(None);
    }
    ui.info(&format!(
        "no change: endpoint '{id}' already has these values; nothing was sent"
    ));
    ui.print_json(stored)?;
    write::after(client, ui, after, ("updated", id, tt), stored)?;
    Ok(None)
}

/// The change field by field, before it is sent (`--dry-run`, `-v`).
fn show_change(ui: &Ui, dry_run: bool, change: &Change) {
    let lines = write::change_lines(ui, &change.body, change.stored());
    let heading = if dry_run { "would change" } else { "changing" };
    say(&format!(
        "infer: {heading} {} endpoint '{}':",
        change.task_type, change.id
    ));
    for line in lines {
        say(&format!("  {line}"));
    }
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

/// `?timeout=` for an update, only to servers that accept it: 9.5 and
/// later; older ones answer 400 `unrecognized parameter: [timeout]`
/// (#152179; `BaseRestHandler`). The version is asked only here.
fn server_timeout(client: &Client, ui: &Ui, request: &mut Request, text: &str) -> Result<()> {
    let server = client.server()?;
    if server.accepts_timeout() {
        request.query.push(("timeout", text.to_string()));
    } else {
        // The server's own limit on its call to the provider: 30 s, 120 s
        // for completion and chat_completion (#152179; `timeout_for` in
        // `connection/mod.rs`).
        ui.warn(&format!(
            "--server-timeout not sent: {} does not accept a timeout on update (9.5 and later \
             do); the server's own limit applies (30s, or 120s for completion)",
            server.describe()
        ));
    }
    Ok(())
}
