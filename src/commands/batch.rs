//! How `plan`, `apply` and `rotate` run a batch: one connection, the plan
//! of a file, the confirmation, and the writes carried out (`ops::batch`)
//! with their progress and report (`batch_view`).

use anyhow::Result;

use crate::cli::RunArgs;
use crate::client::Client;
use crate::connection::Connection;
use crate::connection::targets::{Chosen, Target};
use crate::error::Error;
use crate::ops::after_write::AfterWrite;
use crate::ops::apply;
use crate::ops::batch::How;
use crate::ops::desired::Files;
use crate::ops::sync::Item;
use crate::output::{Ui, say};
use crate::prompt;

use super::batch_view::{Progress, report};

/// The clusters a batch works on.
pub enum Targets {
    /// One, as every command connects (the default, or one `--profile`,
    /// or `--all-profiles` when the config file has one profile): the
    /// report keeps its one-cluster shape.
    One(Box<Connection>),
    /// Several (`--profile` repeated, `--all-profiles`): `clusters/`.
    Several(Vec<Target>),
}

/// The clusters of a batch, resolved once for the whole batch. `--curl`
/// shows one request, and these commands send many (or, for `plan`, only
/// reads).
pub fn targets(global: &crate::cli::GlobalArgs, command: &str, ui: &Ui) -> Result<Targets> {
    if global.curl {
        return Err(Error::usage(format!(
            "--curl shows one request, and infer {command} sends many: leave --curl out (for \
             one endpoint, infer update --curl shows its request)"
        )));
    }
    let flags = crate::connection::Flags::from(global);
    let chosen = match Chosen::of(&flags)? {
        Some(Chosen::Named(names)) if names.len() == 1 => None,
        chosen => chosen,
    };
    let Some(chosen) = chosen else {
        return Ok(Targets::One(Box::new(super::connect(global, false, ui)?)));
    };
    let mut targets = crate::connection::targets::resolve(&flags, &chosen, false)?;
    if targets.len() == 1 {
        let target = targets.remove(0);
        for note in &target.connection.notes {
            ui.debug(note);
        }
        return Ok(Targets::One(Box::new(target.connection)));
    }
    Ok(Targets::Several(targets))
}

/// The plan of a file of endpoints against the cluster of `conn` (`plan`,
/// `apply`), as its profile has them.
pub fn plan_of(
    client: &Client,
    conn: &Connection,
    args: &crate::cli::SyncArgs,
) -> Result<Vec<Item>> {
    let files = load(&args.files)?;
    let mut note = |note: String| say(&format!("infer: {note}"));
    let wanted = super::for_profile::files_for(conn, &files, &mut note)?;
    plan_for(client, &wanted, args)
}

/// The files of endpoints at `paths`, read and checked.
fn load(paths: &[std::path::PathBuf]) -> Result<Files> {
    let mut note = |note: String| say(&format!("infer: {note}"));
    crate::ops::desired::load(paths, &mut note)
}

/// The files of endpoints at `paths`, read once, then as each target's
/// profile has them (`for_profile`); a profile the files name that the
/// config file does not know is refused here, before any cluster is read.
pub fn for_each(paths: &[std::path::PathBuf], targets: &[Target]) -> Result<Vec<Files>> {
    let files = load(paths)?;
    let mut note = |text: String| say(&format!("infer: {text}"));
    targets
        .iter()
        .map(|t| super::for_profile::files_for(&t.connection, &files, &mut note))
        .collect()
}

/// The plan of `wanted` (the files as one cluster's profile has them)
/// against the cluster of `client`.
pub fn plan_for(client: &Client, wanted: &Files, args: &crate::cli::SyncArgs) -> Result<Vec<Item>> {
    let options = crate::ops::sync::Options {
        allow_replace: args.allow_replace,
        prune: args.prune,
        rotate_secrets: args.rotate_secrets,
        allow: &args.allow_fields,
    };
    crate::ops::cluster::plan(client, wanted, &options)
}

/// Ask before a batch: on a terminal unless `--yes`; without one, `--yes`
/// is required (exit 3, nothing written).
pub fn confirm(yes: bool, command: &str, question: &str) -> Result<()> {
    prompt::flows::before_batch(&mut prompt::Terminal, yes, command, question)
}

/// Carry out `items` (those with something to do), up to `--parallel` at
/// once (`ops::batch::carry_out`), with the progress on a terminal, and
/// report every item.
pub fn carry_out_all(
    ui: &Ui,
    client: &Client,
    items: &[Item],
    run: &RunArgs,
    (secrets, after): (bool, AfterWrite),
    title: &str,
) -> Result<()> {
    let names = crate::ops::batch::to_write(items)
        .map(|i| i.inference_id.clone())
        .collect();
    let progress = Progress::new(ui, names);
    let options = apply::Options {
        verify: !run.no_verify,
        secrets,
        after,
    };
    let failed = std::sync::atomic::AtomicBool::new(false);
    let how = How {
        parallel: usize::from(run.parallel),
        fail_fast: run.fail_fast.then_some(&failed),
    };
    let (outcomes, stopped) =
        crate::ops::batch::carry_out(client, items, &options, how, &|event| progress.event(event));
    progress.finish();
    report(ui, (&outcomes, title), run.format(), stopped)
}
