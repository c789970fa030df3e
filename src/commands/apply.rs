//! `infer apply`: the plan, shown, confirmed, and carried out endpoint by
//! endpoint, up to `--parallel` at once.

use anyhow::Result;
use std::sync::atomic::Ordering;

use crate::cli::{ApplyArgs, GlobalArgs};
use crate::client::Client;
use crate::ops::apply::{self, Outcome, Status};
use crate::ops::{batch, desired, sync};
use crate::output::{Ui, say};

use super::sync_view::{self, Progress};

pub fn run(args: &ApplyArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let wanted = desired::load(&args.sync.files)?;
    let conn = sync_view::connect(global)?;
    let client = Client::new(&conn, ui)?;
    let items = sync::plan(
        &client,
        wanted,
        &sync_view::cluster(&client)?,
        &super::plan::options(&args.sync),
    )?;
    let work: Vec<&sync::Item> = items.iter().filter(|i| i.pending()).collect();
    if ui.stdout_is_terminal() || ui.is_verbose() {
        for line in sync_view::plan_lines(ui, &items) {
            say(&format!("infer: {line}"));
        }
    } else {
        ui.info(&sync_view::summary(&items));
    }
    if work.iter().all(|i| !i.conflicts.is_empty()) {
        let outcomes: Vec<Outcome> = items
            .iter()
            .map(|i| apply::carry_out(&client, i, false, false))
            .collect();
        if work.is_empty() {
            ui.info("nothing to do: the cluster has what the file says");
        }
        return sync_view::report(ui, &outcomes, args.run.json, false);
    }
    sync_view::confirm(
        args.run.yes,
        "apply",
        &format!("Apply the changes to {} endpoints?", work.len()),
    )?;
    let stop = sync_view::interrupt_flag();
    let progress = Progress::new(ui, work.iter().map(|i| i.inference_id.clone()).collect());
    let results = batch::run(
        &work,
        usize::from(args.run.parallel),
        stop,
        args.run.fail_fast,
        |item| apply::carry_out(&client, item, !args.run.no_verify, args.sync.rotate_secrets),
        Outcome::is_ok,
        |event| progress.event(event),
    );
    let mut done = results.into_iter();
    let outcomes: Vec<Outcome> = items
        .iter()
        .map(|item| {
            if !item.pending() {
                return Outcome::new(item, Status::NoChange);
            }
            done.next()
                .flatten()
                .unwrap_or_else(|| Outcome::new(item, Status::NotStarted))
        })
        .collect();
    sync_view::report(ui, &outcomes, args.run.json, stop.load(Ordering::SeqCst))
}
