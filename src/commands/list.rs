//! `infer list`: the endpoints, as a table on a terminal and a JSON array
//! otherwise, sorted by id.

use anyhow::Result;
use serde_json::Value;

use crate::api::Request;
use crate::api::is_preconfigured;
use crate::cli::{GlobalArgs, ListArgs};
use crate::client::Client;
use crate::output::Ui;

/// A command that reads with one request: with `--curl` the request is
/// shown, else `read` is run with a client.
pub(super) fn read_with(
    global: &GlobalArgs,
    ui: &Ui,
    req: &Request,
    read: impl FnOnce(&Client) -> Result<()>,
) -> Result<()> {
    let conn = super::connect(global, global.curl, ui)?;
    if global.curl {
        return super::show_request(ui, &conn, req, &[], true);
    }
    read(&Client::new(&conn, ui)?)
}

pub fn run(args: &ListArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let req = Request::list(args.task_type);
    read_with(global, ui, &req, |client| list(args, ui, client, &req))
}

fn list(args: &ListArgs, ui: &Ui, client: &Client, req: &Request) -> Result<()> {
    // Held as the answer's text, an endpoint's values read when it is
    // shown: a cluster of thousands is listed in little more than its size.
    let listing = client.listing(req)?;
    let mut endpoints = listing.entries()?;
    endpoints.retain(|e| {
        let service_ok = args.service.as_deref().is_none_or(|s| e.service == s);
        service_ok && !(args.no_preconfigured && is_preconfigured(&e.inference_id))
    });
    endpoints.sort_by(|a, b| a.inference_id.cmp(&b.inference_id));
    // Secrets an answer should not hold are masked wherever they show,
    // an endpoint's values read one at a time.
    for entry in &endpoints {
        client.learn_secrets_of(&entry.service);
        // One that cannot be read is reported where it is shown.
        if let Ok(value) = listing.value(entry.raw) {
            crate::secret::register_value(&value, &[]);
        }
    }

    if let Some(format) = ui.data_format(crate::cli::chosen_format(args.output, args.json)) {
        let list = listing.as_list(&endpoints);
        let printed = ui.print_data(format, &list);
        return match list.failure() {
            Some(unreadable) => Err(unreadable),
            None => printed,
        };
    }
    if endpoints.is_empty() {
        ui.info("no inference endpoints match");
        return Ok(());
    }
    let rows = endpoints
        .iter()
        .map(|e| listing.value(e.raw).map(|v| row(&v)))
        .collect::<Result<Vec<_>>>()?;
    ui.print_table(
        &[
            "ID",
            "TASK TYPE",
            "SERVICE",
            "MODEL",
            "CHUNKING",
            "ALLOCATIONS",
            "",
        ],
        &rows,
    )
}

fn text<'a>(value: &'a Value, pointer: &str) -> &'a str {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
}

fn row(e: &Value) -> Vec<String> {
    let dash = |s: &str| {
        if s.is_empty() {
            "-".to_string()
        } else {
            s.to_string()
        }
    };
    let model = [
        "/service_settings/model_id",
        "/service_settings/model",
        "/service_settings/deployment_id",
    ]
    .iter()
    .map(|p| text(e, p))
    .find(|s| !s.is_empty())
    .unwrap_or_default();
    let chunking = match e.get("chunking_settings") {
        Some(c) => {
            let strategy = text(c, "/strategy");
            match c.get("max_chunk_size") {
                Some(size) => format!("{strategy}/{size}"),
                None => strategy.to_string(),
            }
        }
        None => String::new(),
    };
    let id = text(e, "/inference_id");
    vec![
        id.to_string(),
        text(e, "/task_type").to_string(),
        text(e, "/service").to_string(),
        dash(model),
        dash(&chunking),
        dash(&allocations(e)),
        if is_preconfigured(id) {
            "preconfigured".into()
        } else {
            String::new()
        },
    ]
}

/// `2`, or `adaptive 1-4` when adaptive allocations are on.
fn allocations(e: &Value) -> String {
    let adaptive = e.pointer("/service_settings/adaptive_allocations");
    if adaptive
        .and_then(|a| a.get("enabled"))
        .and_then(Value::as_bool)
        == Some(true)
    {
        let bound = |k: &str| {
            adaptive
                .and_then(|a| a.get(k))
                .map_or("?".to_string(), Value::to_string)
        };
        return format!(
            "adaptive {}-{}",
            bound("min_number_of_allocations"),
            bound("max_number_of_allocations")
        );
    }
    e.pointer("/service_settings/num_allocations")
        .map(Value::to_string)
        .unwrap_or_default()
}
