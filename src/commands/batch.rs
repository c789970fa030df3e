//! How `plan`, `apply` and `rotate` run a batch: one connection, the plan
//! of a file, the confirmation, and the writes carried out (`ops::batch`)
//! with their progress and report (`batch_view`).

use anyhow::Result;

use crate::cli::RunArgs;
use crate::client::Client;
use crate::connection::Connection;
use crate::error::Error;
use crate::ops::after_write::AfterWrite;
use crate::ops::apply;
use crate::ops::sync::Item;
use crate::output::{Ui, say};
use crate::prompt;

use super::batch_view::{Progress, report};

/// The connection, resolved once for the whole batch. `--curl` shows one
/// request, and these commands send many (or, for `plan`, only reads).
pub fn connect(global: &crate::cli::GlobalArgs, command: &str, ui: &Ui) -> Result<Connection> {
    if global.curl {
        return Err(Error::usage(format!(
            "--curl shows one request, and infer {command} sends many: leave --curl out (for \
             one endpoint, infer update --curl shows its request)"
        )));
    }
    super::connect(global, false, ui)
}

/// The plan of a file of endpoints against the cluster of `conn` (`plan`,
/// `apply`), as its profile has them.
pub fn plan_of(
    client: &Client,
    conn: &Connection,
    args: &crate::cli::SyncArgs,
) -> Result<Vec<Item>> {
    let mut note = |note: String| say(&format!("infer: {note}"));
    let files = crate::ops::desired::load(&args.files, &mut note)?;
    let wanted = super::for_profile::files_for(conn, &files, &mut note)?;
    let options = crate::ops::sync::Options {
        allow_replace: args.allow_replace,
        prune: args.prune,
        rotate_secrets: args.rotate_secrets,
        allow: &args.allow_fields,
    };
    crate::ops::cluster::plan(client, &wanted, &options)
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
) -> Result<()> {
    let names = items
        .iter()
        .filter(|i| i.pending())
        .map(|i| i.inference_id.clone())
        .collect();
    let progress = Progress::new(ui, names);
    let options = apply::Options {
        verify: !run.no_verify,
        secrets,
        after,
    };
    let how = (usize::from(run.parallel), run.fail_fast);
    let (outcomes, stopped) =
        crate::ops::batch::carry_out(client, items, &options, how, &|event| progress.event(event));
    progress.finish();
    report(ui, &outcomes, run.format(), stopped)
}
