//! How `plan`, `apply` and `rotate` show what they do: the plan, the
//! progress of a batch on a terminal, and the final report.

use anyhow::Result;
use serde_json::Value;
use std::sync::Mutex;
use std::sync::atomic::Ordering;

use crate::api::listing::Listing;
use crate::cli::RunArgs;
use crate::client::Client;
use crate::connection::{self, Connection};
use crate::error::Error;
use crate::ops::apply::{self, Outcome, Status};
use crate::ops::batch::{self, Event};
use crate::ops::sync::{Action, Item};
use crate::output::{Style, Ui, say};
use crate::prompt;

/// `GET /_inference/_all`: the cluster's endpoints, in one read.
pub fn cluster(client: &Client) -> Result<Listing> {
    client.listing(&crate::api::Request::all())
}

/// The connection, resolved once for the whole batch. `--curl` shows one
/// request, and these commands send many (or, for `plan`, only reads).
pub fn connect(global: &crate::cli::GlobalArgs, command: &str) -> Result<Connection> {
    if global.curl {
        return Err(Error::usage(format!(
            "--curl shows one request, and infer {command} sends many: leave --curl out (for \
             one endpoint, infer update --curl shows its request)"
        )));
    }
    connection::resolve(global, false)
}

/// The plan of a file of endpoints against the cluster (`plan`, `apply`).
pub fn plan_of(client: &Client, args: &crate::cli::SyncArgs) -> Result<Vec<Item>> {
    let wanted = crate::ops::desired::load(&args.files)?;
    // Read again as the plan is made: by then what the services infer
    // does not know keep secret is known.
    for service in &wanted.unknown_services {
        client.learn_secrets_of(service);
    }
    let options = crate::ops::sync::Options {
        allow_replace: args.allow_replace,
        prune: args.prune,
        rotate_secrets: args.rotate_secrets,
        allow: &args.allow_fields,
    };
    let cluster = cluster(client)?;
    // What the cluster's endpoints hold that is secret (a proxy could
    // return it) is masked wherever the plan shows it.
    for entry in cluster.entries()? {
        client.learn_secrets_of(&entry.service);
        if let Ok(value) = cluster.value(entry.raw) {
            crate::secret::register_value(&value, &[]);
        }
    }
    crate::ops::sync::plan(client, &wanted, &cluster, &options)
}

fn shown(value: Option<&Value>) -> String {
    value.map_or("(not set)".to_string(), Value::to_string)
}

/// The plan for a person: one block per endpoint that changes, the others
/// counted.
pub fn plan_lines(ui: &Ui, items: &[Item]) -> Vec<String> {
    let mut lines = Vec::new();
    for item in items {
        let id = &item.inference_id;
        let (mark, word) = match item.action {
            Action::Create => ("+", "create"),
            Action::Update => ("~", "update"),
            Action::Replace => ("-/+", "replace"),
            Action::Delete => ("-", "delete"),
            Action::NotInFile => ("?", "not in the file"),
            Action::Expected if !item.conflicts.is_empty() => ("!", "expected"),
            Action::NoChange | Action::Expected => continue,
        };
        let style = if item.conflicts.is_empty() {
            Style::Good
        } else {
            Style::Bad
        };
        let extra = match item.action {
            Action::NotInFile => " (kept; --prune deletes it)",
            _ => "",
        };
        lines.push(format!("{} {word} {id}{extra}", ui.paint(style, mark)));
        for change in &item.changes {
            let to = if change.secret {
                "(secret, from its reference)".to_string()
            } else {
                shown(change.to.as_ref())
            };
            match (&item.action, &change.from) {
                (Action::Update | Action::Replace, Some(from)) => {
                    lines.push(format!("    {}: {from} → {to}", change.path));
                }
                (Action::Update, None) => {
                    lines.push(format!("    {}: (not set) → {to}", change.path))
                }
                _ => lines.push(format!("    {}: {to}", change.path)),
            }
        }
        if let Some(used) = &item.used_by {
            lines.push(format!("    used by: {used}"));
        }
        for warning in &item.warnings {
            lines.push(format!(
                "    {} {warning}",
                ui.paint(Style::Warn, "warning:")
            ));
        }
        for conflict in &item.conflicts {
            lines.push(format!(
                "    {} {conflict}",
                ui.paint(Style::Bad, "conflict:")
            ));
        }
    }
    lines.push(summary(items));
    lines
}

/// `Plan: 1 to create, 2 to update, 0 to replace, 1 to delete; 12 unchanged; 1 conflict.`
pub fn summary(items: &[Item]) -> String {
    let count = |a: Action| items.iter().filter(|i| i.action == a).count();
    let conflicts = items.iter().filter(|i| !i.conflicts.is_empty()).count();
    let mut line = format!(
        "Plan: {} to create, {} to update, {} to replace, {} to delete; {} unchanged",
        count(Action::Create),
        count(Action::Update),
        count(Action::Replace),
        count(Action::Delete),
        count(Action::NoChange) + count(Action::Expected),
    );
    let extra = count(Action::NotInFile);
    if extra > 0 {
        line.push_str(&format!("; {extra} not in the file"));
    }
    if conflicts > 0 {
        line.push_str(&format!(
            "; {conflicts} with conflicts (apply skips {})",
            if conflicts == 1 { "it" } else { "them" }
        ));
    }
    line.push('.');
    line
}

/// Ask before a batch: on a terminal unless `--yes`; without one, `--yes`
/// is required (exit 3, nothing written).
pub fn confirm(yes: bool, command: &str, question: &str) -> Result<()> {
    if yes {
        return Ok(());
    }
    if !prompt::can_prompt() {
        return Err(Error::refused(format!(
            "infer {command} asks before it writes, and there is no terminal to ask on: pass \
             --yes; nothing was written"
        )));
    }
    if !prompt::confirm(question)? {
        return Err(Error::declined("not confirmed; nothing was written"));
    }
    Ok(())
}

/// The progress of a batch on a terminal: one line per endpoint in flight,
/// and the counts.
pub struct Progress<'a> {
    ui: &'a Ui,
    names: Vec<String>,
    state: Mutex<(Vec<usize>, usize, usize, usize)>,
}

impl<'a> Progress<'a> {
    pub fn new(ui: &'a Ui, names: Vec<String>) -> Self {
        Progress {
            ui,
            names,
            state: Mutex::new((Vec::new(), 0, 0, 0)),
        }
    }

    pub fn event(&self, event: Event) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        let (in_flight, done, failed, drawn) = &mut *state;
        match event {
            Event::Started(i) => in_flight.push(i),
            Event::Finished { index, ok } => {
                in_flight.retain(|i| *i != index);
                *done += 1;
                if !ok {
                    *failed += 1;
                }
            }
        }
        let mut lines: Vec<String> = in_flight
            .iter()
            .map(|i| format!("  → {}", self.names[*i]))
            .collect();
        lines.push(format!(
            "infer: {}/{} done, {} failed",
            *done,
            self.names.len(),
            *failed
        ));
        *drawn = self.ui.redraw(*drawn, &lines);
    }
}

/// Carry out `items` (those with something to do), up to `--parallel` at
/// once, with the progress on a terminal, and report every item: the ones
/// not written as `no_change`, the ones never started as `not_started`.
pub fn carry_out_all(
    ui: &Ui,
    client: &Client,
    items: &[Item],
    run: &RunArgs,
    secrets: bool,
) -> Result<()> {
    let work: Vec<&Item> = items.iter().filter(|i| i.pending()).collect();
    crate::interrupt::watch();
    let stop = crate::interrupt::stop_flag();
    let progress = Progress::new(ui, work.iter().map(|i| i.inference_id.clone()).collect());
    let results = batch::run(
        &work,
        usize::from(run.parallel),
        stop,
        run.fail_fast,
        |item| apply::carry_out(client, item, !run.no_verify, secrets),
        Outcome::is_ok,
        |event| progress.event(event),
    );
    let mut done = results.into_iter();
    let outcomes: Vec<Outcome> = items
        .iter()
        .map(|item| match item.pending() {
            false => Outcome::new(item, Status::NoChange),
            true => done
                .next()
                .flatten()
                .unwrap_or_else(|| Outcome::new(item, Status::NotStarted)),
        })
        .collect();
    report(ui, &outcomes, run.json, stop.load(Ordering::SeqCst))
}

/// The report: JSON on stdout when piped (or `--json`), lines on a
/// terminal; and the exit code: 0 when everything was applied, 11 when
/// not, 130 when Ctrl-C stopped it.
pub fn report(ui: &Ui, outcomes: &[Outcome], json: bool, stopped: bool) -> Result<()> {
    if json || !ui.stdout_is_terminal() {
        ui.print_json(&outcomes)?;
    } else {
        for outcome in outcomes.iter().filter(|o| o.status != Status::NoChange) {
            let word = serde_json::to_value(outcome.status)?
                .as_str()
                .unwrap_or_default()
                .replace('_', " ");
            let style = if outcome.is_ok() {
                Style::Good
            } else {
                Style::Bad
            };
            ui.print_line(&format!(
                "{} {}: {word}",
                ui.paint(style, action_word(outcome.action)),
                outcome.inference_id
            ))?;
            for line in outcome.error.iter().chain(&outcome.notes) {
                ui.print_line(&format!("    {line}"))?;
            }
        }
    }
    let count = |s: Status| outcomes.iter().filter(|o| o.status == s).count();
    let bad = outcomes.iter().filter(|o| !o.is_ok()).count();
    say(&format!(
        "infer: {} verified, {} done, {} not verified, {} failed, {} skipped, {} not started",
        count(Status::Verified),
        count(Status::Done),
        count(Status::NotVerified),
        count(Status::Failed),
        count(Status::Skipped),
        count(Status::NotStarted),
    ));
    if stopped {
        say(&format!(
            "infer: {}: the writes in flight finished, no new one was started",
            crate::interrupt::signal_name()
        ));
        return Err(Error::Status(crate::interrupt::exit_code().unwrap_or(130)).into());
    }
    if bad > 0 {
        return Err(Error::Status(11).into());
    }
    Ok(())
}

fn action_word(action: Action) -> &'static str {
    match action {
        Action::Create => "create",
        Action::Update => "update",
        Action::Replace => "replace",
        Action::Delete => "delete",
        Action::NoChange => "no change",
        Action::NotInFile => "not in file",
        Action::Expected => "expected",
    }
}
