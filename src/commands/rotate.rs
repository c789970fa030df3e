//! `infer rotate`: the same new secret for every matching endpoint, each
//! sent as `update` sends a secret, up to `--parallel` at once.

use anyhow::Result;
use serde_json::{Value, json};

use crate::body::{self, Inputs};
use crate::cli::{GlobalArgs, RotateArgs};
use crate::client::Client;
use crate::error::Error;
use crate::ops::after_write::AfterWrite;
use crate::ops::rotate::{Selection, item, provider_of, select};
use crate::ops::sync::Item;
use crate::output::{Data, Ui, say};

use super::batch;

pub fn run(args: &RotateArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let secret = body::build(&Inputs {
        secret_prompts: &args.secret_prompts,
        secret_envs: &args.secret_envs,
        secret_files: &args.secret_files,
        ..Inputs::default()
    })?;
    let names: Vec<String> = secret
        .secret_paths
        .iter()
        .map(|p| p.trim_start_matches("service_settings.").to_string())
        .collect();
    if names.is_empty() {
        return Err(Error::usage(
            "rotate what? give the new secret with --secret-env NAME=VAR, --secret-file \
             NAME=PATH or --secret NAME",
        ));
    }
    let after = AfterWrite::from_flags((false, None), args.probe, global.curl, "write")?;
    let conn = batch::connect(global, "rotate", ui)?;
    let client = Client::new(&conn, ui)?;
    let listing = crate::ops::cluster::read(&client)?;
    let cluster = listing
        .entries()?
        .iter()
        .map(|e| listing.value(e.raw))
        .collect::<Result<Vec<Value>>>()?;
    for endpoint in &cluster {
        client.learn_secrets_of(crate::stored::service(endpoint));
    }
    let selection = Selection {
        ids: &args.ids,
        service: args.service.as_deref(),
        task_type: args.task_type,
    };
    let chosen = select(&selection, &cluster, &names)?;
    let items: Vec<Item> = chosen
        .into_iter()
        .map(|stored| item(&client, stored, &secret))
        .collect::<Result<_>>()?;
    crate::ops::apply::check_after(&items, after)?;
    if args.dry_run || ui.stdout_is_terminal() || ui.is_verbose() {
        show(&items, &names);
    }
    if args.dry_run {
        let listed: Vec<Value> = items
            .iter()
            .map(|i| {
                let (service, host) = i.stored.as_ref().map(provider_of).unwrap_or_default();
                json!({"inference_id": i.inference_id, "service": service, "host": host,
                       "secrets": names, "conflicts": i.conflicts, "warnings": i.warnings})
            })
            .collect();
        let format = ui.data_format(args.run.format());
        ui.print_data(format.unwrap_or(Data::Json), &Value::Array(listed))?;
        ui.info("dry run: nothing was written");
        return Ok(());
    }
    batch::confirm(
        args.run.yes,
        "rotate",
        &format!(
            "Rotate {} on {} endpoint{} of {}?",
            names.join(", "),
            items.len(),
            if items.len() == 1 { "" } else { "s" },
            items
                .first()
                .and_then(|i| i.stored.as_ref())
                .map(provider_of)
                .map_or(String::new(), |(service, host)| format!(
                    "{service} at {host}"
                ))
        ),
    )?;
    batch::carry_out_all(ui, &client, &items, &args.run, (false, after))
}

/// Each endpoint a rotation would write, with its service, host and state.
fn show(items: &[Item], names: &[String]) {
    for item in items {
        let state = match item.conflicts.first() {
            Some(conflict) => format!("refused: {conflict}"),
            None => format!("{} (secret, will change)", names.join(", ")),
        };
        let (service, host) = item.stored.as_ref().map(provider_of).unwrap_or_default();
        say(&format!(
            "infer: rotate {} ({service}, {host}): {state}",
            item.inference_id
        ));
        for warning in &item.warnings {
            say(&format!("infer:     warning: {warning}"));
        }
    }
}
