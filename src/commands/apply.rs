//! `infer apply`: the plan, shown, confirmed, and carried out endpoint by
//! endpoint, up to `--parallel` at once.

use anyhow::Result;

use crate::cli::{ApplyArgs, GlobalArgs};
use crate::client::Client;
use crate::ops::apply::{self, Outcome};
use crate::ops::sync;
use crate::output::{Ui, say};

use super::sync_view;

pub fn run(args: &ApplyArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let conn = sync_view::connect(global, "apply")?;
    let client = Client::new(&conn, ui)?;
    let items = sync_view::plan_of(&client, &args.sync)?;
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
        return sync_view::report(ui, &outcomes, args.run.format(), false);
    }
    sync_view::confirm(
        args.run.yes,
        "apply",
        &format!(
            "Apply the changes to {} endpoint{}?",
            work.len(),
            if work.len() == 1 { "" } else { "s" }
        ),
    )?;
    sync_view::carry_out_all(ui, &client, &items, &args.run, args.sync.rotate_secrets)
}
