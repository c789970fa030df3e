//! `infer plan`: what `apply` would do with a file of endpoints, read from
//! the cluster in one request; nothing is written.

use anyhow::Result;

use crate::cli::{GlobalArgs, PlanArgs};
use crate::client::Client;
use crate::error::Error;
use crate::ops::sync;
use crate::output::Ui;

use super::sync_view;

pub fn run(args: &PlanArgs, global: &GlobalArgs, ui: &Ui) -> Result<()> {
    let conn = sync_view::connect(global, "plan")?;
    let client = Client::new(&conn, ui)?;
    let items = sync_view::plan_of(&client, &args.sync)?;
    if let Some(format) = ui.data_format(crate::cli::chosen_format(args.output, args.json)) {
        ui.print_data(format, &items)?;
        ui.info(&sync_view::summary(&items));
    } else {
        for line in sync_view::plan_lines(ui, &items) {
            ui.print_line(&line)?;
        }
    }
    // Like `terraform plan -detailed-exitcode`: CI tells "in sync" (0)
    // from "changes pending" (10; 11 when apply would skip some).
    let pending = items.iter().any(sync::Item::pending);
    let conflicts = items.iter().any(|i| !i.conflicts.is_empty());
    match (pending || conflicts, conflicts) {
        (false, _) => Ok(()),
        (true, false) => Err(Error::Status(10).into()),
        (true, true) => Err(Error::Status(11).into()),
    }
}
