//! `infer diff --profile A --profile B`: the endpoints of two clusters
//! compared (`ops::drift`), each read once and both at the same time, each
//! with its own profile's connection (`connection::targets`).

use anyhow::{Context, Result};
use serde_json::Value;

use crate::api::listing::Listing;
use crate::cli::{DiffArgs, GlobalArgs};
use crate::client::Client;
use crate::connection::targets::{self, Chosen, Target};
use crate::error::Error;
use crate::ops::desired::Files;
use crate::ops::drift::{self, Drift, Side};
use crate::output::{Style, Ui};

pub fn run(args: &DiffArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    if global.curl {
        return Err(Error::usage(
            "--curl shows one request, and infer diff reads two clusters: leave --curl out",
        ));
    }
    if args.ids.iter().any(|id| id.is_empty()) {
        return Err(Error::usage(
            "an empty endpoint id: name an id or a glob, or none to compare every endpoint",
        ));
    }
    let targets = two_targets(global)?;
    // -v: where each connection comes from.
    for target in &targets {
        for note in &target.connection.notes {
            ui.debug(&format!("{}: {note}", target.profile));
        }
    }
    // The files are checked before anything is read.
    let wanted = match args.files.is_empty() {
        true => None,
        false => Some(files_for_each(&args.files, &targets)?),
    };
    let drift = compared(args, &targets, wanted.as_ref(), ui)?;
    match ui.data_format(args.format.chosen()) {
        Some(format) => ui.print_data(format, &drift)?,
        None => {
            for line in lines(ui, &drift) {
                ui.print_line(&line)?;
            }
        }
    }
    ui.info(&summary(&drift));
    // The plan convention: 0 alike, 10 differ.
    match drift.is_alike() {
        true => Ok(()),
        false => Err(Error::Status(10).into()),
    }
}

/// The drift between the two clusters. The answers are dropped on return,
/// before the result is shown: the two are never held at once.
fn compared(
    args: &DiffArgs,
    targets: &[Target; 2],
    wanted: Option<&[Files; 2]>,
    ui: &Ui,
) -> Result<Drift> {
    let [a, b] = read_both(targets, ui)?;
    let (mut side_a, mut side_b) = (Side::new(&a)?, Side::new(&b)?);
    if let Some([for_a, for_b]) = wanted {
        // Each cluster as the files would leave it.
        for (side, files) in [(&mut side_a, for_a), (&mut side_b, for_b)] {
            files.each(&mut |endpoint| side.apply(as_applied(endpoint)))?;
        }
    }
    let picked =
        |id: &str| args.ids.is_empty() || args.ids.iter().any(|p| crate::ops::glob::glob(p, id));
    // An id or a glob that matches nothing in either cluster: refused as
    // rotate refuses it.
    let ids: Vec<&str> = side_a.ids().chain(side_b.ids()).collect();
    for pattern in &args.ids {
        if !ids.iter().any(|id| crate::ops::glob::glob(pattern, id)) {
            return Err(Error::refused(format!(
                "no endpoint matches '{pattern}' in either cluster: check the ids (infer list \
                 --profile NAME shows what a cluster has)"
            )));
        }
    }
    let profiles = [targets[0].profile.clone(), targets[1].profile.clone()];
    drift::compare(profiles, [&side_a, &side_b], &picked)
}

/// The files of endpoints as each target's cluster has them
/// (`batch::for_each`), before either cluster is read.
fn files_for_each(paths: &[std::path::PathBuf], targets: &[Target; 2]) -> Result<[Files; 2]> {
    let wanted = super::batch::for_each(paths, targets)?;
    <[Files; 2]>::try_from(wanted).map_err(|_| anyhow::anyhow!("two targets, and not two files"))
}

/// The two targets, resolved: exactly two profiles, or a usage error that
/// says how many were given.
fn two_targets(global: &GlobalArgs) -> Result<[Target; 2]> {
    let flags = crate::connection::Flags::from(global);
    let fix = "give two: infer diff --profile A --profile B (`infer config list` lists the \
               profiles)";
    let chosen = match Chosen::of(&flags)? {
        None => {
            return Err(Error::usage(format!(
                "infer diff compares two clusters, and no profile was given: {fix}"
            )));
        }
        Some(Chosen::Named(names)) if names.len() != 2 => {
            return Err(Error::usage(format!(
                "infer diff compares two clusters, and {} profile{} given ({}): {fix}",
                names.len(),
                if names.len() == 1 { " was" } else { "s were" },
                names.join(", ")
            )));
        }
        Some(chosen) => chosen,
    };
    // Counted before any is resolved: a profile that would not resolve is
    // not the error when there are too many anyway.
    let too_many = |names: &[String]| {
        Error::usage(format!(
            "infer diff compares two clusters, and --all-profiles names {} ({}): name two with \
             --profile (`infer config list` lists the profiles)",
            names.len(),
            names.join(", ")
        ))
    };
    if chosen == Chosen::All {
        let names = targets::all_names()?;
        if names.len() > 2 {
            return Err(too_many(&names));
        }
    }
    let targets = targets::resolve(&flags, &chosen, false)?;
    <[Target; 2]>::try_from(targets).map_err(|targets| {
        let names: Vec<String> = targets.into_iter().map(|t| t.profile).collect();
        too_many(&names)
    })
}

/// Both clusters' endpoints, read at the same time, each with its own
/// connection; a failure names the profile.
fn read_both(targets: &[Target; 2], ui: &Ui) -> Result<[Listing; 2]> {
    let read = |target: &Target| -> Result<Listing> {
        // The `-v` log names the cluster each request goes to.
        let log = crate::client::Named {
            log: ui,
            name: target.profile.clone(),
        };
        let client = Client::new(&target.connection, &log)?;
        crate::ops::cluster::read_masked(&client).with_context(|| super::clusters::name(target))
    };
    let (a, b) = std::thread::scope(|scope| {
        let second = scope.spawn(|| read(&targets[1]));
        let first = read(&targets[0]);
        (first, second.join())
    });
    let b = b.map_err(|_| anyhow::anyhow!("reading the second cluster stopped unexpectedly"))?;
    Ok([a?, b?])
}

/// An endpoint of the files as the cluster would hold it once applied
/// (its secrets, never compared, left out).
fn as_applied(endpoint: crate::ops::desired::Desired) -> Value {
    let mut value = serde_json::Map::new();
    value.insert("inference_id".into(), Value::String(endpoint.id));
    value.insert(
        "task_type".into(),
        Value::String(endpoint.task_type.to_string()),
    );
    value.insert("service".into(), Value::String(endpoint.service));
    value.extend(endpoint.sections);
    Value::Object(value)
}

/// The table on a terminal: only in A, only in B, then what differs, field
/// by field.
fn lines(ui: &Ui, drift: &Drift) -> Vec<String> {
    let [a, b] = &drift.profiles;
    let mut out = Vec::new();
    for (index, (profile, mark)) in [(a, "+"), (b, "-")].into_iter().enumerate() {
        let ids = &drift.only_in[index];
        if ids.is_empty() {
            continue;
        }
        out.push(format!("Only in {profile} ({}):", ids.len()));
        let style = if index == 0 { Style::Good } else { Style::Bad };
        out.extend(
            ids.iter()
                .map(|id| format!("  {} {id}", ui.paint(style, mark))),
        );
    }
    if !drift.differ.is_empty() {
        out.push(format!("Different ({}):", drift.differ.len()));
    }
    let shown = |v: &Option<Value>| v.as_ref().map_or("(not set)".to_string(), Value::to_string);
    for endpoint in &drift.differ {
        out.push(format!(
            "  {} {}",
            ui.paint(Style::Warn, "~"),
            endpoint.inference_id
        ));
        for field in &endpoint.fields {
            out.push(format!("      {}", field.path));
            out.push(format!("        {a}: {}", shown(&field.values[0])));
            out.push(format!("        {b}: {}", shown(&field.values[1])));
        }
    }
    out
}

/// The one-line summary, on stderr.
fn summary(drift: &Drift) -> String {
    let [a, b] = &drift.profiles;
    let verdict = if drift.is_alike() { "alike" } else { "differ" };
    format!(
        "{a} and {b} {verdict}: {} only in {a}, {} only in {b}, {} different, {} alike.",
        drift.only_in[0].len(),
        drift.only_in[1].len(),
        drift.differ.len(),
        drift.alike
    )
}
