//! `infer rotate`: the same new secret for every matching endpoint, each
//! sent as `update` sends a secret, up to `--parallel` at once; on several
//! clusters, each cluster's endpoints with the secret its profile is given
//! (`body::per_profile`), the clusters at once (`clusters/`).

use anyhow::{Context, Result};
use serde_json::{Value, json};
use std::sync::Mutex;

use crate::body::per_profile::{self, Split};
use crate::body::{self, Body, Inputs};
use crate::cli::{GlobalArgs, RotateArgs};
use crate::client::Client;
use crate::connection::targets::Target;
use crate::error::Error;
use crate::ops::after_write::AfterWrite;
use crate::ops::rotate::{self as rules, Selection, item, provider_of};
use crate::ops::sync::Item;
use crate::output::{Data, Ui, say};

use super::batch::{self, Targets};
use super::batch_view::{and_list, endpoints};
use super::clusters::{self, Cluster, Report, Section};

pub fn run(args: &RotateArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let given = [&args.secret_prompts, &args.secret_envs, &args.secret_files];
    if given.iter().all(|flags| flags.is_empty()) {
        return Err(Error::usage(
            "rotate what? give the new secret with --secret-env NAME=VAR, --secret-file \
             NAME=PATH or --secret NAME",
        ));
    }
    let after = AfterWrite::from_flags((false, None), args.probe, global.curl, "write")?;
    per_profile::check_prompts(&args.secret_prompts)?;
    let split = per_profile::split(&args.secret_envs, &args.secret_files)?;
    let targets = batch::targets(global, "rotate", ui)?;
    let profiles: Vec<Option<&str>> = match &targets {
        Targets::One(conn) => vec![conn.profile_in_use()],
        Targets::Several(targets) => targets.iter().map(|t| Some(t.profile.as_str())).collect(),
    };
    split.check_profiles(&profiles)?;
    let shared = body::build(&Inputs {
        secret_prompts: &args.secret_prompts,
        ..split.shared.inputs()
    })?;
    let secrets = profiles
        .iter()
        .map(|profile| split.for_profile(&shared, *profile))
        .collect::<Result<Vec<Body>>>()?;
    for (secret, profile) in secrets.iter().zip(&profiles) {
        if names_of(secret).is_empty() {
            return Err(Error::usage(format!(
                "rotate what on the cluster of profile {}? give it a secret too, with \
                 --secret-env NAME=VAR (every cluster) or --secret-env {0}:NAME=VAR",
                profile.unwrap_or_default()
            )));
        }
    }
    match &targets {
        Targets::One(conn) => one(args, ui, &Client::new(conn, ui)?, &secrets[0], after),
        Targets::Several(targets) => several(args, ui, targets, (&secrets, &split), after),
    }
}

/// The names of the secrets a body gives (`api_key`).
fn names_of(secret: &Body) -> Vec<String> {
    secret
        .secret_paths
        .iter()
        .map(|p| body::bare(p).to_string())
        .collect()
}

/// The endpoints of the cluster of `client`, the secrets of each service
/// learned.
fn read_cluster(client: &Client) -> Result<Vec<Value>> {
    let listing = crate::ops::cluster::read(client)?;
    let cluster = listing
        .entries()?
        .iter()
        .map(|e| listing.value(e.raw))
        .collect::<Result<Vec<Value>>>()?;
    for endpoint in &cluster {
        client.learn_secrets_of(crate::stored::service(endpoint));
    }
    Ok(cluster)
}

fn selection(args: &RotateArgs) -> Selection<'_> {
    Selection {
        ids: &args.ids,
        service: args.service.as_deref(),
        task_type: args.task_type,
    }
}

/// Rotation on one cluster.
fn one(
    args: &RotateArgs,
    ui: &Ui,
    client: &Client,
    secret: &Body,
    after: AfterWrite,
) -> Result<()> {
    let names = names_of(secret);
    let cluster = read_cluster(client)?;
    let chosen = rules::select(&selection(args), &cluster, &names)?;
    let items: Vec<Item> = chosen
        .into_iter()
        .map(|stored| item(client, stored, secret))
        .collect::<Result<_>>()?;
    crate::ops::apply::check_after(&items, after)?;
    if args.dry_run || ui.stdout_is_terminal() || ui.is_verbose() {
        show(&items, &names, "");
    }
    if args.dry_run {
        let format = ui.data_format(args.run.format());
        ui.print_data(format.unwrap_or(Data::Json), &listed(&items, &names))?;
        ui.info("dry run: nothing was written");
        return Ok(());
    }
    batch::confirm(
        args.run.yes,
        "rotate",
        &format!("Rotate {} on {}?", names.join(", "), what(&items)),
    )?;
    batch::carry_out_all(ui, client, &items, &args.run, (false, after), "Rotate")
}

/// `2 endpoints of openai at the default host`.
fn what(items: &[Item]) -> String {
    let provider = items
        .first()
        .and_then(|i| i.stored.as_ref())
        .map(provider_of)
        .map_or(String::new(), |(service, host)| {
            format!(" of {service} at {host}")
        });
    format!("{}{provider}", endpoints(items.len()))
}

/// What `--dry-run` lists: each endpoint, its provider, and its state.
fn listed(items: &[Item], names: &[String]) -> Value {
    let listed = items
        .iter()
        .map(|i| {
            let (service, host) = i.stored.as_ref().map(provider_of).unwrap_or_default();
            json!({"inference_id": i.inference_id, "service": service, "host": host,
                   "secrets": names, "conflicts": i.conflicts, "warnings": i.warnings})
        })
        .collect();
    Value::Array(listed)
}

/// Rotation on several clusters: each read and selected at once, each
/// with its own secret; refused as a whole (nothing written) when an id or
/// a glob matches in none of them, or when one secret would reach two
/// providers across them.
fn several(
    args: &RotateArgs,
    ui: &Ui,
    targets: &[Target],
    (secrets, split): (&[Body], &Split),
    after: AfterWrite,
) -> Result<()> {
    let logs = clusters::logs(targets, ui);
    let seen: Mutex<Vec<Vec<Value>>> = Mutex::new(vec![Vec::new(); targets.len()]);
    let planned = clusters::plan_each(targets, &logs, &|index, client| {
        let secret = &secrets[index];
        let cluster = read_cluster(client)?;
        let chosen = rules::select_present(&selection(args), &cluster, &names_of(secret))?;
        let items: Vec<Item> = chosen
            .into_iter()
            .map(|stored| item(client, stored, secret))
            .collect::<Result<_>>()?;
        crate::ops::apply::check_after(&items, after)?;
        if let Ok(mut seen) = seen.lock() {
            seen[index] = cluster;
        }
        Ok(items)
    })?;
    let seen = seen.into_inner().unwrap_or_default();
    check_across(args, &planned, &seen, split)?;
    let shown = args.dry_run || ui.stdout_is_terminal() || ui.is_verbose();
    for cluster in &planned {
        match &cluster.planned {
            Ok((_, items)) if shown => {
                let prefix = format!("{}: ", cluster.target.profile);
                show(items, &names_of(&secrets[cluster.index]), &prefix);
            }
            Ok(_) => {}
            Err(e) => say(&clusters::failed_line(cluster.target, e)),
        }
    }
    if args.dry_run {
        return dry_run_several(args, ui, &planned, secrets);
    }
    let question = |writing: &[&Cluster]| {
        let each: Vec<String> = writing
            .iter()
            .map(|c| {
                let names = names_of(&secrets[c.index]).join(", ");
                format!(
                    "{names} on {} on {}",
                    what(c.items().unwrap_or_default()),
                    c.name()
                )
            })
            .collect();
        format!("Rotate {}?", and_list(&each))
    };
    clusters::write_all(
        ui,
        &planned,
        &args.run,
        (false, after),
        ("rotate", &question),
    )
}

/// `--dry-run` on several clusters: a section per cluster of what would
/// be rotated; the exit code of the clusters that could not be read.
fn dry_run_several(
    args: &RotateArgs,
    ui: &Ui,
    planned: &[Cluster],
    secrets: &[Body],
) -> Result<()> {
    let sections: Vec<Section<Value>> = planned
        .iter()
        .map(|c| Section::of(c, |items| (listed(items, &names_of(&secrets[c.index])), 0)))
        .collect();
    let format = ui.data_format(args.run.format());
    ui.print_data(format.unwrap_or(Data::Json), &Report { clusters: sections })?;
    ui.info("dry run: nothing was written");
    clusters::exit(planned.iter().map(|c| c.code(|_| 0)))
}

/// What holds across the clusters, refused before anything is written
/// (exit 3): no cluster refused what it was asked to rotate (an endpoint
/// named that does not take the secret, say), every id and glob picks an
/// endpoint in one of the clusters reached (all of them reached), some
/// endpoint is picked at all, and a secret given to every cluster goes to
/// one provider in all of them.
fn check_across(
    args: &RotateArgs,
    planned: &[Cluster],
    seen: &[Vec<Value>],
    split: &Split,
) -> Result<()> {
    let all_reached = planned.iter().all(|c| c.planned.is_ok());
    let profiles: Vec<&str> = planned.iter().map(|c| c.target.profile.as_str()).collect();
    let clusters: Vec<&[Value]> = seen.iter().map(Vec::as_slice).collect();
    let unmatched = rules::unmatched(&selection(args), &clusters);
    if all_reached && !unmatched.is_empty() {
        return Err(Error::refused(format!(
            "nothing was rotated: no endpoint matches {} in any of the clusters ({}): check the \
             ids (infer list --profile NAME shows what a cluster has)",
            unmatched
                .iter()
                .map(|p| format!("'{p}'"))
                .collect::<Vec<_>>()
                .join(", "),
            profiles.join(", ")
        )));
    }
    if all_reached
        && planned
            .iter()
            .all(|c| c.items().is_none_or(<[Item]>::is_empty))
    {
        return Err(Error::refused(format!(
            "nothing was rotated: no endpoint matches in any of the clusters ({}): check the \
             ids, --service and --task-type (infer list --profile NAME shows what a cluster has)",
            profiles.join(", ")
        )));
    }
    // A typed secret (`--secret NAME`) goes to every cluster too.
    let typed = args.secret_prompts.iter().map(|n| body::bare(n));
    let shared = split.shared.names().chain(typed);
    for name in shared {
        let sharing: Vec<&Cluster> = planned
            .iter()
            .filter(|c| {
                split
                    .by_profile
                    .get(&c.target.profile)
                    .is_none_or(|own| own.names().all(|n| n != name))
            })
            .collect();
        let chosen: Vec<&Value> = sharing
            .iter()
            .flat_map(|c| c.items().unwrap_or_default())
            .filter_map(|i| i.stored.as_ref())
            .collect();
        rules::one_provider(&chosen, &selection(args)).with_context(|| {
            format!(
                "the same {name} would go to every one of {}; give each cluster its own with \
                 --secret-env PROFILE:{name}=VAR",
                and_list(
                    &sharing
                        .iter()
                        .map(|c| c.target.profile.clone())
                        .collect::<Vec<_>>()
                )
            )
        })?;
    }
    Ok(())
}

/// Each endpoint a rotation would write, with its service, host and state;
/// `prefix` names the cluster when there are several.
fn show(items: &[Item], names: &[String], prefix: &str) {
    for item in items {
        let state = match item.conflicts.first() {
            Some(conflict) => format!("refused: {conflict}"),
            None => format!("{} (secret, will change)", names.join(", ")),
        };
        let (service, host) = item.stored.as_ref().map(provider_of).unwrap_or_default();
        say(&format!(
            "infer: {prefix}rotate {} ({service}, {host}): {state}",
            item.inference_id
        ));
        for warning in &item.warnings {
            say(&format!("infer: {prefix}    warning: {warning}"));
        }
    }
}
