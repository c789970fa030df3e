//! `infer delete`: ask on a terminal (or take `--yes`), then delete. With
//! `--dry-run` the server lists the pipelines and indices that still use
//! the endpoint, and deletes nothing.

use anyhow::Result;
use serde_json::Value;

use crate::api::Request;
use crate::cli::{DeleteArgs, GlobalArgs};
use crate::client::Client;
use crate::connection;
use crate::error::Error;
use crate::output::Ui;
use crate::prompt;
use crate::validate;

pub fn run(args: &DeleteArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let id = args.inference_id.as_str();
    validate::any_inference_id(id)?;
    if global.curl {
        let conn = connection::resolve(global, true)?;
        let req = Request::delete(id, args.task_type, args.dry_run, args.force);
        return super::show_request(ui, &conn, &req, &[], true);
    }
    if !args.dry_run && !args.yes && !prompt::can_prompt() {
        return Err(Error::refused(format!(
            "not deleting '{id}' without confirmation, and there is no terminal to ask on: \
             pass --yes"
        )));
    }
    let conn = connection::resolve(global, false)?;
    let client = Client::new(&conn, ui)?;

    if args.dry_run {
        let answer = client.send(&Request::delete(id, args.task_type, true, args.force))?;
        ui.print_json(&answer)?;
        ui.info(&usage_summary(id, &answer));
        return Ok(());
    }
    if !args.yes {
        let stored = super::read_endpoint(&client, id, args.task_type)?;
        let what = format!(
            "{} endpoint '{id}' ({})",
            text(&stored, "task_type"),
            text(&stored, "service")
        );
        if !prompt::confirm(&format!("Delete {what}?"))? {
            return Err(Error::refused(format!(
                "not confirmed: {what} was not deleted"
            )));
        }
    }
    let answer = client
        .send(&Request::delete(id, args.task_type, false, args.force))
        .map_err(with_hint)?;
    ui.print_json(&answer)?;
    ui.info(&format!("deleted endpoint '{id}'"));
    Ok(())
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or("?")
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
/// `force` (ref 5).
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
