//! `infer apply`: the plan, shown, confirmed, and carried out endpoint by
//! endpoint, up to `--parallel` at once. With `--plan`, the plan is the one
//! `infer plan --out` saved (`ops::saved_plan`), carried out as it was
//! written once the cluster is found to hold what it was made against.

use anyhow::Result;
use serde_json::Value;
use std::path::Path;

use crate::cli::{ApplyArgs, GlobalArgs};
use crate::client::Client;
use crate::error::Error;
use crate::ops::after_write::After;
use crate::ops::apply::{self, Outcome};
use crate::ops::cluster;
use crate::ops::desired;
use crate::ops::saved_plan::{self, Cluster, SavedPlan};
use crate::ops::sync::{self, Action};
use crate::output::Ui;

use super::batch_view;

pub fn run(args: &ApplyArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let after = batch_view::after_of(&args.run, global.curl)?;
    if let Some(path) = &args.plan {
        return run_saved(path, args, global, ui, after);
    }
    let conn = batch_view::connect(global, "apply", ui)?;
    let client = Client::new(&conn, ui)?;
    let items = batch_view::plan_of(&client, &conn, &args.sync)?;
    carry_out(ui, &client, &items, args, (args.sync.rotate_secrets, after))
}

/// Show the plan, ask, and carry it out.
fn carry_out(
    ui: &Ui,
    client: &Client,
    items: &[sync::Item],
    args: &ApplyArgs,
    (secrets, after): (bool, After),
) -> Result<()> {
    apply::check_after(items, after)?;
    let work: Vec<&sync::Item> = items.iter().filter(|i| i.pending()).collect();
    batch_view::show_plan(ui, items)?;
    if work.iter().all(|i| !i.conflicts.is_empty()) {
        let outcomes: Vec<Outcome> = items
            .iter()
            .map(|i| apply::carry_out(client, i, &apply::Options::default()))
            .collect();
        if work.is_empty() {
            ui.info("nothing to do: the cluster has what the file says");
        }
        return batch_view::report(ui, &outcomes, args.run.format(), false);
    }
    batch_view::confirm(
        args.run.yes,
        "apply",
        &format!(
            "Apply the changes to {} endpoint{}?",
            work.len(),
            if work.len() == 1 { "" } else { "s" }
        ),
    )?;
    batch_view::carry_out_all(ui, client, items, &args.run, (secrets, after))
}

/// `apply --plan PLANFILE`: the saved plan, checked against the cluster
/// it was made for (exit 2 for another, 11 for an endpoint it writes that
/// changed since), its secrets' references readable, then carried out.
/// Nothing is written unless every check passes.
fn run_saved(
    path: &Path,
    args: &ApplyArgs,
    global: &GlobalArgs,
    ui: &Ui,
    after: After,
) -> Result<()> {
    let plan = saved_plan::read(path)?;
    let conn = batch_view::connect(global, "apply", ui)?;
    let client = Client::new(&conn, ui)?;
    let live = Cluster::new(&conn.base_url, client.root()?);
    plan.check_cluster(&live, path)?;
    let items = saved_items(&client, &plan, path)?;
    check_references(&items, plan.options.rotate_secrets)?;
    carry_out(
        ui,
        &client,
        &items,
        args,
        (plan.options.rotate_secrets, after),
    )
}

/// The items of `plan`, each with the endpoint the cluster holds now,
/// once the cluster (read once) is found to hold, for every endpoint the
/// plan writes, what the plan was made against.
fn saved_items(client: &Client, plan: &SavedPlan, path: &Path) -> Result<Vec<sync::Item>> {
    for service in plan.endpoints.iter().filter_map(|e| e.service.as_deref()) {
        client.learn_secrets_of(service);
    }
    // What the cluster's endpoints hold that is secret is masked wherever
    // the plan shows it, as `plan` does.
    let listing = cluster::read_masked(client)?;
    let held = listing.by_id()?;
    let now = |id: &str| -> Result<Option<Value>> {
        held.get(id).map(|raw| listing.value(raw)).transpose()
    };
    let changed = saved_plan::drift(plan, &now)?;
    if !changed.is_empty() {
        return Err(Error::Several {
            code: 11,
            message: format!(
                "{}: the plan no longer holds, and nothing was written: {}; make the plan again \
                 with infer plan -f FILE --out PLANFILE, and review it",
                path.display(),
                changed.join("; ")
            ),
        }
        .into());
    }
    plan.endpoints
        .iter()
        .map(|entry| Ok(entry.item(now(&entry.inference_id)?, path)))
        .collect()
}

/// Every secret the plan sends must be readable from its reference now:
/// one that is not refuses the plan before any write (exit 2), where a
/// fresh plan would have made it a conflict.
fn check_references(items: &[sync::Item], rotate_secrets: bool) -> Result<()> {
    let mut problems = Vec::new();
    for item in items
        .iter()
        .filter(|i| i.pending() && i.conflicts.is_empty())
    {
        let sends = matches!(item.action, Action::Create | Action::Replace)
            || (item.action == Action::Update && rotate_secrets);
        let Some(wanted) = item.desired.as_ref().filter(|_| sends) else {
            continue;
        };
        for (key, reference) in &wanted.secrets {
            let at = format!("{}: service_settings.{key}", wanted.origin);
            if let Err(e) = desired::resolve(reference, &at) {
                problems.push(e.to_string());
            }
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(Error::usage(format!(
        "{}; nothing was written",
        problems.join("; ")
    )))
}
