//! `infer plan`: what `apply` would do with a file of endpoints, read from
//! the cluster in one request; nothing is written to it. With `--out`, the
//! plan is also saved for `infer apply --plan` (`ops::saved_plan`).

use anyhow::Result;
use std::path::Path;

use crate::cli::{GlobalArgs, PlanArgs};
use crate::client::Client;
use crate::error::Error;
use crate::ops::saved_plan::{self, Cluster, Entry, SavedPlan};
use crate::ops::sync;
use crate::output::Ui;

use super::clusters::{self, Section};
use super::{batch, batch_view};
use crate::connection::targets::Target;

pub fn run(args: &PlanArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    if let Some(out) = &args.out {
        not_an_input(out, &args.sync.files)?;
    }
    let conn = match batch::targets(global, "plan", ui)? {
        batch::Targets::One(conn) => conn,
        batch::Targets::Several(targets) => return several(args, &targets, ui),
    };
    let client = Client::new(&conn, ui)?;
    // What a saved plan is computed against, read before it is.
    let against = match &args.out {
        Some(_) => Some(Cluster::new(&conn.base_url, client.root()?)),
        None => None,
    };
    let items = batch::plan_of(&client, &conn, &args.sync)?;
    if let (Some(path), Some(cluster)) = (&args.out, against) {
        save(&client, args, cluster, &items, path)?;
        let shown = path.display();
        ui.info(&format!(
            "plan written to {shown}; carry out exactly this plan with: infer apply --plan \
             {shown}"
        ));
    }
    if let Some(format) = ui.data_format(args.format.chosen()) {
        ui.print_data(format, &items)?;
        ui.info(&batch_view::summary(&items));
    } else {
        for line in batch_view::plan_lines(ui, &items) {
            ui.print_line(&line)?;
        }
    }
    // Like `terraform plan -detailed-exitcode`: CI tells "in sync" (0)
    // from "changes pending" (10; 11 when apply would skip some).
    match batch_view::plan_code(&items) {
        0 => Ok(()),
        code => Err(Error::Status(code).into()),
    }
}

/// `plan` on several clusters: each planned at once, each with its
/// profile's values of the files; a section per cluster; the most serious
/// exit code (`clusters::overall`).
fn several(args: &PlanArgs, targets: &[Target], ui: &Ui) -> Result<()> {
    if args.out.is_some() {
        return Err(Error::usage(
            "--out saves the plan of one cluster, and several were given: save each with its \
             own run (infer plan --profile NAME -f FILE --out NAME.plan.json)",
        ));
    }
    let wanted = batch::for_each(&args.sync.files, targets)?;
    let logs = clusters::logs(targets, ui);
    let planned = clusters::plan_each(targets, &logs, &|index, client| {
        batch::plan_for(client, &wanted[index], &args.sync)
    })?;
    let code = |c: &clusters::Cluster| c.code(batch_view::plan_code);
    let Some(format) = ui.data_format(args.format.chosen()) else {
        clusters::blocks(ui, &planned, |_, items| {
            Ok(batch_view::plan_lines(ui, items))
        })?;
        return clusters::exit(planned.iter().map(code));
    };
    let sections: Vec<Section<&[sync::Item]>> = planned
        .iter()
        .map(|c| Section::of(c, |items| (items, code(c))))
        .collect();
    ui.print_data(format, &clusters::Report { clusters: sections })?;
    let summary = |_: &clusters::Cluster, items: &[sync::Item]| vec![batch_view::summary(items)];
    clusters::on_stderr(ui, &planned, summary, true);
    clusters::exit(planned.iter().map(code))
}

/// Save the plan of `items` to `path`, each endpoint it writes with the
/// fingerprint of what the cluster holds. The cluster is read once more
/// for those: an endpoint planned against that is no longer what the plan
/// read means the cluster changed while infer was planning.
fn save(
    client: &Client,
    args: &PlanArgs,
    cluster: Cluster,
    items: &[sync::Item],
    path: &Path,
) -> Result<()> {
    let options = saved_plan::Options {
        prune: args.sync.prune,
        allow_replace: args.sync.allow_replace,
        rotate_secrets: args.sync.rotate_secrets,
        allow_fields: args.sync.allow_fields.clone(),
    };
    let listing = crate::ops::cluster::read(client)?;
    let held = listing.by_id()?;
    let mut endpoints = Vec::new();
    for item in items.iter().filter(|i| i.pending()) {
        let now = match held.get(item.inference_id.as_str()) {
            Some(raw) => Some(listing.value(raw)?),
            None => None,
        };
        // A delete was planned from the id alone; the others from what
        // the first read held.
        let planned = item.stored.as_ref().map(saved_plan::fingerprint);
        if item.action != sync::Action::Delete
            && now.as_ref().map(saved_plan::fingerprint) != planned
        {
            return Err(Error::Several {
                code: 11,
                message: format!(
                    "endpoint '{}' changed on the cluster while infer was planning: run infer \
                     plan again; {} was not written",
                    item.inference_id,
                    path.display()
                ),
            }
            .into());
        }
        endpoints.push(Entry::of(item, now.as_ref(), &options));
    }
    let plan = SavedPlan {
        cluster,
        options,
        summary: batch_view::summary(items),
        endpoints,
    };
    saved_plan::write(path, &plan)
}

/// A plan file never replaces the endpoints it was made from, nor lands
/// in a folder of them (where the next `plan -f` would read it as one).
fn not_an_input(out: &std::path::Path, inputs: &[std::path::PathBuf]) -> Result<()> {
    let resolved = |p: &std::path::Path| {
        let parent = p.parent().filter(|d| !d.as_os_str().is_empty());
        let folder = parent
            .map_or_else(
                || std::path::PathBuf::from("."),
                std::path::Path::to_path_buf,
            )
            .canonicalize()
            .ok()?;
        Some(folder.join(p.file_name()?))
    };
    let Some(target) = resolved(out) else {
        return Ok(());
    };
    for input in inputs {
        let Ok(input) = input.canonicalize() else {
            continue;
        };
        if target == input || (input.is_dir() && target.starts_with(&input)) {
            return Err(crate::error::Error::usage(format!(
                "--out {} would write the plan over, or into, the endpoints it is made from \
                 ({}): write it elsewhere, e.g. --out plan.json; nothing was written",
                out.display(),
                input.display()
            )));
        }
    }
    Ok(())
}
