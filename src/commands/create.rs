//! `infer create`: check what can be checked (id, task type, chunking, the
//! secrets the service needs), then PUT the new endpoint and check the
//! server's answer as `update` does.

use anyhow::Result;
use serde_json::{Map, Value};

use crate::api::{self, TaskType};
use crate::body::{self, Body};
use crate::cli::{CreateArgs, GlobalArgs};
use crate::client::Client;
use crate::connection::Origin;
use crate::error::Error;
use crate::output::Ui;
use crate::secret;
use crate::services;
use crate::validate;

use super::write;
use crate::ops::after_write;
use crate::ops::change::Change;
use crate::ops::stored;

pub fn run(args: &CreateArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let id = args.inference_id.as_str();
    validate::inference_id(id)?;
    let mut body = body::build(&super::inputs(&args.settings, &[]))?;
    // `--from` reads its source first, even for a dry run.
    let early = args
        .from
        .as_ref()
        .map(|_| super::connect(global, false, ui))
        .transpose()?;
    let early_client = early.as_ref().map(|c| Client::new(c, ui)).transpose()?;
    if let (Some(source), Some(client)) = (&args.from, &early_client) {
        copy_from(&mut body, client, source, id, ui)?;
    }
    let (task_type, service) = identity(&body, args)?;
    check_locally(&body, args, (task_type, &service))?;
    let after = write::after_flags(&args.wait, false, global.curl, "create")?;
    if after.wait.is_some() {
        after_write::require_in_cluster(&service)?;
    }

    let late;
    let conn = match &early {
        Some(conn) => conn,
        None => {
            late = super::connect(global, args.dry_run || global.curl, ui)?;
            &late
        }
    };
    // What the service keeps secret, from the server's catalogue when
    // infer's table does not know it, before the body is shown. `--curl`
    // asks nothing; a dry run asks only a server it was pointed at.
    let asks =
        !global.curl && (!args.dry_run || !matches!(conn.origin_of("url"), Some(Origin::Default)));
    let early_client = match early_client {
        None if asks && secret::needs_catalogue(&service) => Some(Client::new(conn, ui)?),
        other => other,
    };
    let asked = early_client.as_ref().filter(|_| asks);
    learn_service(ui, &mut body, asked, &service, task_type)?;

    let mut change = Change::create(
        id,
        task_type,
        &service,
        body,
        args.server_timeout.as_deref(),
    );
    let request = change.request();
    if args.dry_run || global.curl {
        super::show_request(ui, conn, &request, &change.body.secret_sources, global.curl)?;
        if args.dry_run {
            ui.info("dry run: nothing was created");
        }
        return Ok(());
    }
    let client = match early_client {
        Some(client) => client,
        None => Client::new(conn, ui)?,
    };
    let endpoint = write::send_and_verify(&client, ui, (&change, &request), !args.no_verify)?;
    write::after(&client, ui, after, ("created", id, task_type), &endpoint)
}

/// What can be checked of the new endpoint without the server: no null, the
/// body's rules, what its service needs, `--server-timeout`.
fn check_locally(
    body: &Body,
    args: &CreateArgs,
    (task_type, service): (TaskType, &str),
) -> Result<()> {
    if let Some(path) = body.null_paths().first() {
        // A create answers a null with a parse error (#126479).
        return Err(Error::usage(format!(
            "{path} is null: a new endpoint takes a value or nothing; leave the key out for \
             its default"
        )));
    }
    validate::body(body, Some(task_type))?;
    services::check_create(service, task_type, body.sections.get("service_settings"))
        .map_err(Error::usage)?;
    if let Some(text) = &args.server_timeout {
        api::parse_time_limit(text).map_err(|e| Error::usage(format!("--server-timeout {e}")))?;
    }
    Ok(())
}

/// What the service keeps secret and what it needs, from the server's
/// catalogue when infer's tables do not know it (`client`: a server that
/// may be asked), before the body is shown: its secrets masked, the inputs
/// reported, and a new endpoint of a service only the catalogue describes
/// checked against it.
fn learn_service(
    ui: &Ui,
    body: &mut Body,
    client: Option<&Client>,
    service: &str,
    task_type: TaskType,
) -> Result<()> {
    if let Some(client) = client {
        client.learn_secrets_of(service);
    }
    body.know_secrets_of(service);
    write::report_inputs(ui, body);
    if services::is_known(service) {
        return Ok(());
    }
    // The server's catalogue describes the services infer's tables lag.
    match client.and_then(Client::catalogue) {
        Some(catalogue) => services::check_create_by_catalogue(
            catalogue,
            service,
            task_type,
            body.sections.get("service_settings"),
        )
        .map_err(Error::usage),
        None => {
            ui.warn(&format!(
                "infer does not know the service '{service}', and there is no catalogue of the \
                 server's services to check it against: the server decides; `infer services` \
                 lists what it offers"
            ));
            Ok(())
        }
    }
}

/// `--from SOURCE`: the source endpoint's task type, service and settings,
/// under what was given (which wins). Secrets are never read back
/// (`ModelConfigurations.toFilteredXContent`), so they must be given again;
/// an in-cluster endpoint's own
/// deployment is not copied, since the new endpoint gets its own.
fn copy_from(body: &mut Body, client: &Client, source: &str, id: &str, ui: &Ui) -> Result<()> {
    validate::any_inference_id(source)?;
    let stored = super::read_endpoint(client, source, None)?;
    let named = |text: &str| Some(text.to_string()).filter(|t| !t.is_empty());
    body.task_type = body
        .task_type
        .take()
        .or_else(|| named(stored::task_type_name(&stored)));
    body.service = body
        .service
        .take()
        .or_else(|| named(stored::service(&stored)));
    if body.inference_id.as_deref() == Some(source) {
        body.inference_id = Some(id.to_string());
    }
    let mut sections = Map::new();
    for section in body::SECTIONS {
        let Some(Value::Object(copied)) = stored.get(section) else {
            continue;
        };
        let mut copied = copied.clone();
        if copied.get("deployment_id").and_then(Value::as_str) == Some(source) {
            copied.shift_remove("deployment_id");
        }
        if section == "service_settings" {
            leave_out_old_model(&mut copied, body.sections.get(section), source, ui);
        }
        if !copied.is_empty() {
            sections.insert(section.to_string(), Value::Object(copied));
        }
    }
    for (section, given) in std::mem::take(&mut body.sections) {
        match sections.get_mut(&section) {
            Some(Value::Object(copied)) if section != "chunking_settings" => {
                body::merge(copied, given);
            }
            _ => {
                sections.insert(section, given);
            }
        }
    }
    body.sections = sections;
    Ok(())
}

/// The settings that describe a model rather than the endpoint: its
/// vectors' size and similarity, the tokens it takes, the kind of numbers
/// it returns.
const MODEL_SETTINGS: [&str; 5] = [
    "dimensions",
    "similarity",
    "max_input_tokens",
    "embedding_type",
    "element_type",
];

/// A copy given another model (`model_id`, or `model` for the services
/// that call it so) leaves out the settings of the old one, with a
/// warning naming them. Left out rather than refused: the server fills
/// them in for the new model (its dimensions, its similarity, its token
/// limit), so the copy works as the user meant, where copying them would
/// make an endpoint that asks the new model for the old one's vectors
/// (a 400 from the provider, or an index mapped for the wrong size) and
/// refusing would make the user unset what they never set. What the user
/// gives with the new model is kept.
fn leave_out_old_model(
    copied: &mut Map<String, Value>,
    given: Option<&Value>,
    source: &str,
    ui: &Ui,
) {
    let changed = ["model_id", "model"].into_iter().find_map(|key| {
        let new = given?.get(key)?;
        let old = copied.get(key)?;
        (new != old).then(|| (key, old.clone(), new.clone()))
    });
    let Some((key, old, new)) = changed else {
        return;
    };
    let left: Vec<String> = MODEL_SETTINGS
        .into_iter()
        .filter(|k| copied.shift_remove(*k).is_some())
        .map(|k| format!("service_settings.{k}"))
        .collect();
    if left.is_empty() {
        return;
    }
    let shown = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_string);
    ui.warn(&format!(
        "service_settings.{key} changes from {} to {}, so the copy of '{source}' left out {}, \
         which belong to the old model: the server sets them for the new one; give them with \
         --set if it needs other values",
        shown(&old),
        shown(&new),
        left.join(", ")
    ));
}

/// The task type and service: from the flags, or from a settings file (the
/// object `infer get` prints); where both give one, they must agree.
fn identity(body: &Body, args: &CreateArgs) -> Result<(TaskType, String)> {
    let id = &args.inference_id;
    if let Some(other) = body.inference_id.as_deref().filter(|o| o != id) {
        return Err(Error::usage(format!(
            "the settings are for endpoint '{other}', not '{id}': remove inference_id from \
             them to use them for '{id}'"
        )));
    }
    let task_type = match (args.task_type, body.file_task_type()?) {
        (Some(flag), Some(file)) if flag != file => {
            return Err(Error::usage(format!(
                "--task-type says {flag}, but the settings say {file}: make them agree"
            )));
        }
        (Some(tt), _) | (None, Some(tt)) => tt,
        (None, None) => {
            return Err(Error::usage(format!(
                "a new endpoint needs a task type: add --task-type, one of {}",
                TaskType::NAMES.join(", ")
            )));
        }
    };
    let service = match (args.service.as_deref(), body.service.as_deref()) {
        (Some(flag), Some(file)) if flag != file => {
            return Err(Error::usage(format!(
                "--service says {flag}, but the settings say {file}: make them agree"
            )));
        }
        (Some(s), _) | (None, Some(s)) if !s.is_empty() => s.to_string(),
        _ => {
            return Err(Error::usage(
                "a new endpoint needs a service: add --service, e.g. openai or \
                 elasticsearch (`infer services` lists them)",
            ));
        }
    };
    Ok((task_type, service))
}
