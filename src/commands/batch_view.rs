//! How `plan`, `apply` and `rotate` show what they do: the plan, the
//! progress of a batch on a terminal, and the final report.

use anyhow::Result;
use serde_json::Value;
use std::sync::Mutex;

use crate::cli::RunArgs;
use crate::client::Client;
use crate::connection::Connection;
use crate::error::Error;
use crate::ops::after_write::{self, After};
use crate::ops::apply::{self, Outcome, Status};
use crate::ops::batch::{self, Event};
use crate::ops::sync::{Action, Change, Item};
use crate::output::{Style, Ui, say};
use crate::prompt;

/// The connection, resolved once for the whole batch. `--curl` shows one
/// request, and these commands send many (or, for `plan`, only reads).
pub fn connect(global: &crate::cli::GlobalArgs, command: &str, ui: &Ui) -> Result<Connection> {
    if global.curl {
        return Err(Error::usage(format!(
            "--curl shows one request, and infer {command} sends many: leave --curl out (for \
             one endpoint, infer update --curl shows its request)"
        )));
    }
    // Several targets (issue 20) are resolved by `connection::targets`;
    // until this command reads them, it refuses rather than use one.
    if global.profiles.len() > 1 || global.all_profiles {
        return Err(Error::usage(format!(
            "infer {command} on several clusters is not available in this build: give one \
             --profile (infer diff compares two)"
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

fn shown(value: Option<&Value>) -> String {
    value.map_or("(not set)".to_string(), Value::to_string)
}

/// The mark of an action, as terraform's plan marks a resource (the legend
/// `terraform plan` prints: "Resource actions are indicated with the
/// following symbols: + create, ~ update in-place, - destroy, -/+ destroy
/// and then create replacement"), in its colours: `+` green, `~` yellow,
/// `-` red.
fn mark(ui: &Ui, action: Action) -> String {
    match action {
        Action::Create => ui.paint(Style::Good, "+"),
        Action::Update => ui.paint(Style::Warn, "~"),
        Action::Replace => format!(
            "{}/{}",
            ui.paint(Style::Bad, "-"),
            ui.paint(Style::Good, "+")
        ),
        Action::Delete => ui.paint(Style::Bad, "-"),
        Action::NotInFile => ui.paint(Style::Dim, "?"),
        Action::NoChange | Action::Expected => ui.paint(Style::Bad, "!"),
    }
}

/// The first line of an endpoint's block (`~ update emb`); `None` for one
/// in sync with nothing to say, which the summary counts.
fn heading(ui: &Ui, item: &Item) -> Option<String> {
    let id = &item.inference_id;
    let line = |word: &str| format!("{} {word} {id}", mark(ui, item.action));
    Some(match item.action {
        Action::Create => line("create"),
        Action::Update => line("update"),
        Action::Replace => line("replace"),
        Action::Delete => line("delete"),
        Action::NotInFile => format!("{}: not in the file (--prune deletes it)", line("keep")),
        Action::Expected if !item.conflicts.is_empty() => line("expected"),
        Action::NoChange if !item.conflicts.is_empty() => line("unchanged"),
        Action::NoChange | Action::Expected => return None,
    })
}

/// One change under its endpoint, marked as terraform marks an attribute:
/// `+ path: value` for a value set where there was none, `~ path: old →
/// new`, `- path: old → null` for one cleared. A secret is `(secret)`, its
/// value never shown: `~` on an endpoint that holds one (an update sends a
/// new value), `+` on one being created.
fn change_line(ui: &Ui, action: Action, change: &Change) -> String {
    let path = &change.path;
    let (style, symbol, text) = match (&change.from, &change.to) {
        _ if change.secret && action == Action::Update => {
            (Style::Warn, "~", format!("{path}: (secret)"))
        }
        _ if change.secret => (Style::Good, "+", format!("{path}: (secret)")),
        (Some(from), Some(Value::Null)) => (Style::Bad, "-", format!("{path}: {from} → null")),
        (Some(from), to) => (
            Style::Warn,
            "~",
            format!("{path}: {from} → {}", shown(to.as_ref())),
        ),
        (None, to) => (Style::Good, "+", format!("{path}: {}", shown(to.as_ref()))),
    };
    format!("  {} {text}", ui.paint(style, symbol))
}

/// The plan for a person: one block per endpoint that changes (its
/// heading, its changes, what uses it, its warnings and conflicts), the
/// others counted in the summary line.
pub fn plan_lines(ui: &Ui, items: &[Item]) -> Vec<String> {
    let mut lines = Vec::new();
    for item in items {
        let Some(heading) = heading(ui, item) else {
            continue;
        };
        lines.push(heading);
        lines.extend(
            item.changes
                .iter()
                .map(|change| change_line(ui, item.action, change)),
        );
        if let Some(used) = &item.used_by {
            lines.push(format!("    used by: {used}"));
        }
        let marked = |style: Style, word: &str, text: &String| {
            format!("  {} {text}", ui.paint(style, &format!("! {word}:")))
        };
        lines.extend(
            item.warnings
                .iter()
                .map(|w| marked(Style::Warn, "warning", w)),
        );
        lines.extend(
            item.conflicts
                .iter()
                .map(|c| marked(Style::Bad, "conflict", c)),
        );
    }
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(summary(items));
    lines
}

/// The plan before `apply` writes: on a terminal, the blocks `plan` shows,
/// on stdout as the report that follows; piped, the blocks only with `-v`
/// (on stderr, beside the JSON report), else the summary line.
pub fn show_plan(ui: &Ui, items: &[Item]) -> Result<()> {
    if ui.stdout_is_terminal() {
        for line in plan_lines(ui, items) {
            ui.print_line(&line)?;
        }
    } else if ui.is_verbose() {
        for line in plan_lines(ui, items).iter().filter(|l| !l.is_empty()) {
            say(&format!("infer: {line}"));
        }
    } else {
        ui.info(&summary(items));
    }
    Ok(())
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
    prompt::flows::before_batch(&mut prompt::Terminal, yes, command, question)
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
            "{}/{} done, {} failed",
            *done,
            self.names.len(),
            *failed
        ));
        *drawn = self.ui.redraw(*drawn, &lines);
    }

    /// Clear the block: the report that follows names every endpoint.
    pub fn finish(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.3 = self.ui.redraw(state.3, &[]);
        }
    }
}

/// Carry out `items` (those with something to do), up to `--parallel` at
/// once (`ops::batch::carry_out`), with the progress on a terminal, and
/// report every item.
pub fn carry_out_all(
    ui: &Ui,
    client: &Client,
    items: &[Item],
    run: &RunArgs,
    (secrets, after): (bool, After),
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
        batch::carry_out(client, items, &options, how, &|event| progress.event(event));
    progress.finish();
    report(ui, &outcomes, run.format(), stopped)
}

/// The report: JSON on stdout when piped, or the format `-o`/`--json`
/// asks for, lines on a terminal; and the exit code: 0 when everything
/// was applied, 11 when not, 128 and the signal's number when one stopped
/// it.
pub fn report(
    ui: &Ui,
    outcomes: &[Outcome],
    format: Option<crate::cli::OutputFormat>,
    stopped: bool,
) -> Result<()> {
    let count = |s: Status| outcomes.iter().filter(|o| o.status == s).count();
    let counts = format!(
        "{} verified, {} done, {} not verified, {} failed, {} skipped, {} not started",
        count(Status::Verified),
        count(Status::Done),
        count(Status::NotVerified),
        count(Status::Failed),
        count(Status::Skipped),
        count(Status::NotStarted),
    );
    if let Some(format) = ui.data_format(format) {
        ui.print_data(format, &outcomes)?;
        say(&format!("infer: {counts}"));
    } else {
        for outcome in outcomes.iter().filter(|o| o.status != Status::NoChange) {
            for line in outcome_lines(ui, outcome)? {
                ui.print_line(&line)?;
            }
        }
        ui.print_line(&format!("Apply: {counts}."))?;
    }
    if stopped {
        say(&format!(
            "infer: {}: the writes in flight finished, no new one was started",
            crate::interrupt::signal_name()
        ));
        return Err(Error::Status(crate::interrupt::exit_code().unwrap_or(130)).into());
    }
    if outcomes.iter().any(|o| !o.is_ok()) {
        return Err(Error::Status(11).into());
    }
    // After every write was applied, the most serious `--wait` or
    // `--probe` failure: a probe rejected (9) before a wait that ran out (8).
    match outcomes.iter().filter_map(|o| o.after_failure).max() {
        Some(code) => Err(Error::Status(code).into()),
        None => Ok(()),
    }
}

/// `--wait` and `--probe` of a batch, checked before anything is read or
/// written, as `update` checks them.
pub fn after_of(run: &RunArgs, curl: bool) -> Result<After> {
    let wait = after_write::wait_limit(run.wait, run.wait_timeout.as_deref(), curl)?;
    after_write::probe_allowed(run.probe, curl, "write")?;
    Ok(After {
        wait,
        probe: run.probe,
    })
}

/// What became of one endpoint, as its plan heading said it
/// (`~ update emb: verified`), its status red when it was not carried
/// out; then the server's error and the notes, indented.
fn outcome_lines(ui: &Ui, outcome: &Outcome) -> Result<Vec<String>> {
    let word = serde_json::to_value(outcome.status)?
        .as_str()
        .unwrap_or_default()
        .replace('_', " ");
    let status = if outcome.is_ok() {
        word
    } else {
        ui.paint(Style::Bad, &word)
    };
    let mut lines = vec![format!(
        "{} {} {}: {status}",
        mark(ui, outcome.action),
        action_word(outcome.action),
        outcome.inference_id
    )];
    for line in outcome.error.iter().chain(&outcome.notes) {
        lines.push(format!("    {line}"));
    }
    Ok(lines)
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
