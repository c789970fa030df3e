//! `infer services`: the services the server offers, their task types, and
//! for each setting whether it is required, secret and updatable.

use anyhow::Result;
use serde_json::Value;

use crate::api::Request;
use crate::cli::{GlobalArgs, ServicesArgs};
use crate::client::Client;
use crate::error::Error;
use crate::output::Ui;

pub fn run(args: &ServicesArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let req = Request::services(args.task_type);
    super::list::read_with(global, ui, &req, |client| show(args, ui, client, &req))
}

fn show(args: &ServicesArgs, ui: &Ui, client: &Client, req: &Request) -> Result<()> {
    let answer = client.send(req)?;
    let mut services: Vec<Value> = answer.as_array().cloned().unwrap_or_default();
    services.sort_by(|a, b| name(a).cmp(name(b)));
    if let Some(wanted) = &args.service {
        let offered: Vec<&str> = services.iter().map(name).collect();
        if !offered.contains(&wanted.as_str()) {
            return Err(Error::usage(format!(
                "this server has no service '{wanted}'{}; it offers: {}",
                args.task_type
                    .map_or(String::new(), |t| format!(" for {t}")),
                offered.join(", ")
            )));
        }
        services.retain(|s| name(s) == wanted);
    }
    if let Some(format) = ui.data_format(crate::cli::chosen_format(args.output, args.json)) {
        return ui.print_data(format, &Value::Array(services));
    }
    for (i, service) in services.iter().enumerate() {
        if i > 0 {
            ui.print_line("")?;
        }
        let task_types: Vec<&str> = service
            .get("task_types")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        ui.print_line(&format!("{}: {}", name(service), task_types.join(", ")))?;
        let rows: Vec<Vec<String>> = service
            .get("configurations")
            .and_then(Value::as_object)
            .map(|c| c.iter().map(|(key, field)| row(key, field)).collect())
            .unwrap_or_default();
        ui.print_table(
            &[
                "  SETTING",
                "REQUIRED",
                "SECRET",
                "UPDATABLE",
                "DESCRIPTION",
            ],
            &rows,
        )?;
    }
    Ok(())
}

/// The name of a `_services` catalogue entry (not a stored endpoint,
/// which `crate::stored` reads).
fn name(service: &Value) -> &str {
    service
        .get("service")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

fn row(key: &str, field: &Value) -> Vec<String> {
    let flag = |k: &str| match field.get(k).and_then(Value::as_bool) {
        Some(true) => "yes",
        Some(false) => "no",
        None => "-",
    };
    vec![
        format!("  {key}"),
        flag("required").into(),
        flag("sensitive").into(),
        flag("updatable").into(),
        field
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
    ]
}

#[cfg(test)]
mod tests {
    /// The table of secret settings (`secret/settings.rs`) and the table of
    /// services (`services/mod.rs`) name the same services: checked here,
    /// above both, as `secret` lies below `services` and does not name it.
    #[test]
    fn the_table_names_the_services_infer_knows() {
        let mut ours: Vec<&str> = crate::secret::settings::TABLE
            .iter()
            .map(|r| r.service)
            .collect();
        let mut theirs: Vec<&str> = crate::services::names().collect();
        ours.sort_unstable();
        theirs.sort_unstable();
        assert_eq!(ours, theirs);
        assert!(
            crate::secret::settings::TABLE
                .iter()
                .all(|r| !r.source.is_empty())
        );
    }
}
