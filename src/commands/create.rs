//! `infer create`: check what can be checked (id, task type, chunking, the
//! secrets the service needs), then PUT the new endpoint and check the
//! server's answer as `update` does.

use anyhow::Result;
use serde_json::{Map, Value};
use std::time::Duration;

use crate::api::{Request, TaskType};
use crate::body::{self, Body};
use crate::cli::{CreateArgs, GlobalArgs};
use crate::client::{self, Client};
use crate::connection;
use crate::error::Error;
use crate::output::Ui;
use crate::services;
use crate::validate;

use super::write::{self, Write};

pub fn run(args: &CreateArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let id = args.inference_id.as_str();
    validate::inference_id(id)?;
    let body = body::build(&super::inputs(&args.settings))?;
    let (task_type, service) = identity(&body, args)?;
    validate::body(&body, Some(task_type))?;
    services::check_create(&service, task_type, body.sections.get("service_settings"))
        .map_err(Error::usage)?;
    if !services::is_known(&service) {
        ui.warn(&format!(
            "infer does not know the service '{service}'; `infer services` lists what the \
             server offers"
        ));
    }
    let server_timeout = args
        .server_timeout
        .as_deref()
        .map(parse_duration)
        .transpose()?;
    write::report_inputs(ui, &body);

    // The service first, as in every request example (ref 12).
    let mut json = Map::new();
    json.insert("service".into(), Value::String(service.clone()));
    json.extend(body.sections.clone());
    let mut request = Request::create(
        task_type,
        id,
        Value::Object(json),
        args.server_timeout.as_deref(),
    );
    request.secret_paths = body.secret_paths.clone();

    let mut conn = connection::resolve(global, args.dry_run)?;
    if let Some(limit) = server_timeout {
        // Outlast the server's own limit, so infer never gives up first.
        conn.timeout = conn.timeout.max(limit + Duration::from_secs(30));
    }
    if args.dry_run {
        ui.print_json(&client::describe(&request, &conn))?;
        ui.info("dry run: nothing was created");
        return Ok(());
    }
    let client = Client::new(&conn, ui)?;
    write::send_and_verify(
        &client,
        ui,
        &request,
        &Write {
            verb: "created",
            id,
            task_type,
            body: &body,
            before: None,
            verify: !args.no_verify,
        },
    )
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

/// An Elasticsearch duration (`90s`, `2m`, `1h`, `500ms`), as the server's
/// `timeout` parameter takes it.
fn parse_duration(text: &str) -> Result<Duration> {
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let n: u64 = digits.parse().unwrap_or(u64::MAX);
    let duration = match unit {
        _ if n == u64::MAX => None,
        "d" => n.checked_mul(86_400).map(Duration::from_secs),
        "h" => n.checked_mul(3_600).map(Duration::from_secs),
        "m" => n.checked_mul(60).map(Duration::from_secs),
        "s" => Some(Duration::from_secs(n)),
        "ms" => Some(Duration::from_millis(n)),
        _ => None,
    };
    duration.ok_or_else(|| {
        Error::usage(format!(
            "--server-timeout '{text}' is not a duration: write a whole number and a unit, \
             e.g. 90s, 2m or 1h"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::parse_duration;
    use std::time::Duration;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        for bad in [
            "",
            "s",
            "5",
            "1.5m",
            "5 minutes",
            "-1s",
            "99999999999999999999s",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }
}
