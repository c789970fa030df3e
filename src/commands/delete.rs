//! `infer delete`: ask on a terminal (or take `--yes`), then delete each
//! endpoint. With `--dry-run` the server lists the pipelines and indices
//! that still use each one, and deletes nothing. A preconfigured endpoint
//! (its id starts with `.`) is refused here unless `--force` is given, as
//! the server would refuse it.

use anyhow::Result;
use serde_json::{Map, Value};

use crate::api::Request;
use crate::api::is_preconfigured;
use crate::cli::{DeleteArgs, GlobalArgs};
use crate::client::Client;
use crate::error::Error;
use crate::ops::stored;
use crate::output::Ui;
use crate::prompt;
use crate::validate;

use super::per_id::{PerId, quoted};

pub fn run(args: &DeleteArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let ids = &args.endpoints.inference_ids;
    for id in ids {
        validate::any_inference_id(id)?;
    }
    let preconfigured: Vec<&str> = ids
        .iter()
        .map(String::as_str)
        .filter(|id| is_preconfigured(id))
        .collect();
    if !args.force && !args.dry_run && !preconfigured.is_empty() {
        let (what, it) = match preconfigured.as_slice() {
            [_] => ("is a preconfigured endpoint (its id starts", "it"),
            _ => ("are preconfigured endpoints (their ids start", "them"),
        };
        return Err(Error::refused(format!(
            "{} {what} with '.'), which Elasticsearch deletes only when forced: pass --force \
             to delete {it} anyway; nothing was deleted",
            quoted(&preconfigured)
        )));
    }
    if global.curl {
        let conn = super::connect(global, true, ui)?;
        for id in ids {
            if !needs_force_note(args, id, ui) {
                let req = Request::delete(id, args.endpoints.task_type, args.dry_run, args.force);
                super::show_request(ui, &conn, &req, &[], true)?;
            }
        }
        return Ok(());
    }
    let names: Vec<&str> = ids.iter().map(String::as_str).collect();
    let need_not_ask = args.dry_run || args.yes;
    prompt::flows::delete_can_ask(&mut prompt::Terminal, need_not_ask, &quoted(&names))?;
    let conn = super::connect(global, false, ui)?;
    let client = Client::new(&conn, ui)?;
    let several = ids.len() > 1;

    let mut outcome = PerId::run(
        ids,
        if args.dry_run { "checked" } else { "deleted" },
        |id| {
            let answer = if args.dry_run {
                dry_run(&client, args, ui, id)?
            } else {
                Some(delete(&client, args, id)?)
            };
            if several && !args.dry_run {
                ui.info(&format!("deleted endpoint '{id}'"));
            }
            Ok(answer.map(|a| (id.to_string(), a)))
        },
    );
    let answers: Vec<(String, Value)> = std::mem::take(&mut outcome.done)
        .into_iter()
        .flatten()
        .collect();
    if several {
        let items = answers.into_iter().map(|(id, a)| with_id(&id, a)).collect();
        ui.print_json(&Value::Array(items))?;
    } else if let Some((id, answer)) = answers.into_iter().next() {
        ui.print_json(&answer)?;
        if args.dry_run {
            ui.info(&usage_summary(&id, &answer));
        } else {
            ui.info(&format!("deleted endpoint '{id}'"));
        }
    }
    outcome.finish()
}

/// Ask the server what uses `id`; `None` for a preconfigured endpoint
/// without `--force`, which the server would refuse (nothing is sent).
fn dry_run(client: &Client, args: &DeleteArgs, ui: &Ui, id: &str) -> Result<Option<Value>> {
    if needs_force_note(args, id, ui) {
        return Ok(None);
    }
    let answer = client.send(&Request::delete(
        id,
        args.endpoints.task_type,
        true,
        args.force,
    ))?;
    if args.endpoints.inference_ids.len() > 1 {
        ui.info(&usage_summary(id, &answer));
    }
    Ok(Some(answer))
}

/// Confirm on a terminal unless `--yes`, then delete.
fn delete(client: &Client, args: &DeleteArgs, id: &str) -> Result<Value> {
    if !args.yes {
        let stored = super::read_endpoint(client, id, args.endpoints.task_type)?;
        let what = format!(
            "{} endpoint '{id}' ({})",
            or_unknown(stored::task_type_name(&stored)),
            or_unknown(stored::service(&stored))
        );
        prompt::flows::delete_one(&mut prompt::Terminal, &what)?;
    }
    // From here a signal lets the deletes in flight finish and be reported.
    crate::interrupt::watch();
    match client.send(&Request::delete(
        id,
        args.endpoints.task_type,
        false,
        args.force,
    )) {
        Ok(answer) => Ok(answer),
        // Sent, perhaps applied, its answer lost: what does the server hold?
        Err(e) if matches!(e.downcast_ref::<Error>(), Some(Error::Connection(_))) => {
            match crate::ops::write::read_back(client, id) {
                Ok(None) => Ok(serde_json::json!({
                    "acknowledged": true,
                    "note": format!("the answer was lost ({e:#}); read back: '{id}' is gone"),
                })),
                Ok(Some(_)) => Err(e.context(format!(
                    "its answer was lost, and endpoint '{id}' still exists (read back): it was \
                     not deleted"
                ))),
                Err(_) => Err(e),
            }
        }
        Err(e) => Err(with_hint(e)),
    }
}

/// For a dry run of a preconfigured endpoint without `--force`: say that
/// deleting it needs `--force`, and that nothing is sent. Whether it did.
fn needs_force_note(args: &DeleteArgs, id: &str, ui: &Ui) -> bool {
    if !args.dry_run || args.force || !is_preconfigured(id) {
        return false;
    }
    ui.info(&format!(
        "dry run: '{id}' is a preconfigured endpoint: deleting it needs --force (without it \
         infer refuses, and so would Elasticsearch); add --force to this dry run to list \
         what uses it; nothing was sent"
    ));
    true
}

/// One answer among several, with the id it is about first.
fn with_id(id: &str, answer: Value) -> Value {
    let mut object = Map::new();
    object.insert("inference_id".into(), Value::String(id.to_string()));
    if let Value::Object(fields) = answer {
        object.extend(fields);
    }
    Value::Object(object)
}

/// `?` for what the stored endpoint does not name.
fn or_unknown(text: &str) -> &str {
    if text.is_empty() { "?" } else { text }
}

/// What a dry run found: the pipelines and indices that use the endpoint.
fn usage_summary(id: &str, answer: &Value) -> String {
    let names = |key: &str| -> Vec<String> {
        answer
            .get(key)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let (pipelines, indexes) = (names("pipelines"), names("indexes"));
    if pipelines.is_empty() && indexes.is_empty() {
        return format!("dry run: no pipeline or index uses '{id}'; nothing was deleted");
    }
    format!(
        "dry run: '{id}' is used by pipelines [{}] and indices [{}]; deleting it needs \
         --force; nothing was deleted",
        pipelines.join(", "),
        indexes.join(", ")
    )
}

/// A referenced endpoint answers 409, a preconfigured one 400: both say
/// `force` (`TransportDeleteInferenceEndpointActionTests` for the 400; the
/// 409's text unverified).
fn with_hint(err: anyhow::Error) -> anyhow::Error {
    match err.downcast_ref::<Error>() {
        Some(Error::Http { status, message }) if message.contains("force") => Error::Http {
            status: *status,
            message: format!(
                "{message}\n  hint: infer delete --dry-run lists what uses it; --force deletes \
                 it anyway"
            ),
        }
        .into(),
        _ => err,
    }
}
