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
use crate::ops::after_write::AfterWrite;
use crate::ops::apply;
use crate::ops::cluster;
use crate::ops::desired;
use crate::ops::saved_plan::{self, Cluster, SavedPlan};
use crate::ops::sync::{self, Action};
use crate::output::Ui;

use super::{batch, batch_view, clusters};
use crate::connection::targets::Target;

pub fn run(args: &ApplyArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let wait = (args.wait, args.wait_timeout.as_deref());
    let after = AfterWrite::from_flags(wait, args.probe, global.curl, "write")?;
    if let Some(path) = &args.plan {
        return run_saved(path, args, global, ui, after);
    }
    let conn = match batch::targets(global, "apply", ui)? {
        batch::Targets::One(conn) => conn,
        batch::Targets::Several(targets) => return several(args, &targets, ui, after),
    };
    let client = Client::new(&conn, ui)?;
    let items = batch::plan_of(&client, &conn, &args.sync)?;
    carry_out(ui, &client, &items, args, (args.sync.rotate_secrets, after))
}

/// `apply` on several clusters: each planned at once with its profile's
/// values of the files, the plans shown, one confirmation naming every
/// cluster to be written, and the writes carried out at once across them
/// (`clusters::write_all`).
fn several(args: &ApplyArgs, targets: &[Target], ui: &Ui, after: AfterWrite) -> Result<()> {
    let wanted = batch::for_each(&args.sync.files, targets)?;
    let logs = clusters::logs(targets, ui);
    let planned = clusters::plan_each(targets, &logs, &|index, client| {
        let items = batch::plan_for(client, &wanted[index], &args.sync)?;
        apply::check_after(&items, after)?;
        Ok(items)
    })?;
    clusters::show_plans(ui, &planned)?;
    let question = |writing: &[&clusters::Cluster]| {
        let each: Vec<String> = writing
            .iter()
            .map(|c| format!("{} on {}", batch_view::endpoints(c.to_write()), c.name()))
            .collect();
        format!("Apply the changes to {}?", batch_view::and_list(&each))
    };
    clusters::write_all(
        ui,
        &planned,
        &args.run,
        (args.sync.rotate_secrets, after),
        ("apply", &question),
    )
}

/// Show the plan, ask, and carry it out.
fn carry_out(
    ui: &Ui,
    client: &Client,
    items: &[sync::Item],
    args: &ApplyArgs,
    (secrets, after): (bool, AfterWrite),
) -> Result<()> {
    apply::check_after(items, after)?;
    let work: Vec<&sync::Item> = items.iter().filter(|i| i.pending()).collect();
    batch_view::show_plan(ui, items)?;
    if work.iter().all(|i| !i.conflicts.is_empty()) {
        let outcomes = crate::ops::batch::none_started(items);
        if work.is_empty() {
            ui.info("nothing to do: the cluster has what the file says");
        }
        return batch_view::report(ui, (&outcomes, "Apply"), args.run.format(), false);
    }
    batch::confirm(
        args.run.yes,
        "apply",
        &format!(
            "Apply the changes to {} endpoint{}?",
            work.len(),
            if work.len() == 1 { "" } else { "s" }
        ),
    )?;
    batch::carry_out_all(ui, client, items, &args.run, (secrets, after), "Apply")
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
    after: AfterWrite,
) -> Result<()> {
    let plan = saved_plan::read(path)?;
    let batch::Targets::One(conn) = batch::targets(global, "apply", ui)? else {
        return Err(Error::usage(format!(
            "--plan carries out the plan of one cluster, and several were given: {} was made \
             for {}; give the --profile of that cluster",
            path.display(),
            plan.cluster.shown()
        )));
    };
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
