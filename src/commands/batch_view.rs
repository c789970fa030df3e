//! How `plan`, `apply` and `rotate` show what they do: the plan, the
//! progress of a batch on a terminal, and the final report. Running the
//! batch is `batch.rs`.

use anyhow::Result;
use serde_json::Value;
use std::sync::Mutex;

use crate::error::Error;
use crate::ops::apply::AfterFailure;
use crate::ops::apply::{Outcome, Status};
use crate::ops::batch::Event;
use crate::ops::sync::{Action, FieldChange, Item};
use crate::output::{Style, Ui, say};

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
fn change_line(ui: &Ui, action: Action, change: &FieldChange) -> String {
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

/// The report: JSON on stdout when piped, or the format `-o`/`--json`
/// asks for, lines on a terminal; and the exit code: 0 when everything
/// was applied, 11 when not, 128 and the signal's number when one stopped
/// it.
pub fn report(
    ui: &Ui,
    (outcomes, title): (&[Outcome], &str),
    format: Option<crate::cli::OutputFormat>,
    stopped: bool,
) -> Result<()> {
    if let Some(format) = ui.data_format(format) {
        ui.print_data(format, &outcomes)?;
        say(&format!("infer: {}", counts(outcomes)));
    } else {
        for line in report_lines(ui, outcomes, title)? {
            ui.print_line(&line)?;
        }
    }
    if stopped {
        say(&format!(
            "infer: {}: the writes in flight finished, no new one was started",
            crate::interrupt::signal_name()
        ));
    }
    match outcome_code(outcomes, stopped) {
        0 => Ok(()),
        code => Err(Error::Status(code).into()),
    }
}

/// How many endpoints ended each way: `2 verified, 0 done, …`.
pub fn counts(outcomes: &[Outcome]) -> String {
    let count = |s: Status| outcomes.iter().filter(|o| o.status == s).count();
    format!(
        "{} verified, {} done, {} not verified, {} failed, {} skipped, {} not started",
        count(Status::Verified),
        count(Status::Done),
        count(Status::NotVerified),
        count(Status::Failed),
        count(Status::Skipped),
        count(Status::NotStarted),
    )
}

/// The report for a person: a line for each endpoint written or skipped
/// (with its error and notes), then the counts after `title` (`Apply`).
pub fn report_lines(ui: &Ui, outcomes: &[Outcome], title: &str) -> Result<Vec<String>> {
    let mut lines = Vec::new();
    for outcome in outcomes.iter().filter(|o| o.status != Status::NoChange) {
        lines.extend(outcome_lines(ui, outcome)?);
    }
    lines.push(format!("{title}: {}.", counts(outcomes)));
    Ok(lines)
}

/// The exit code of a plan: 0 when in sync, 10 when changes are pending,
/// 11 when some of them are conflicts (as `terraform plan
/// -detailed-exitcode` tells them apart).
pub fn plan_code(items: &[Item]) -> u8 {
    let pending = items.iter().any(Item::pending);
    let conflicts = items.iter().any(|i| !i.conflicts.is_empty());
    match (pending || conflicts, conflicts) {
        (false, _) => 0,
        (true, false) => 10,
        (true, true) => 11,
    }
}

/// The exit code of a batch's outcomes: 128 and the signal's number when
/// one stopped it, 11 when anything was not applied, then the most serious
/// failure after a write, else 0.
pub fn outcome_code(outcomes: &[Outcome], stopped: bool) -> u8 {
    if stopped {
        return crate::interrupt::exit_code().unwrap_or(130);
    }
    if outcomes.iter().any(|o| !o.is_ok()) {
        return 11;
    }
    most_serious(outcomes.iter().filter_map(|o| o.after_failure.as_ref())).unwrap_or(0)
}

/// After every write was applied, the exit code of the most serious
/// `--wait` or `--probe` failure (docs/exit-codes.md): a probe rejected (9),
/// then a wait that ran out (8), then the first other failure's own code.
fn most_serious<'a>(failures: impl Iterator<Item = &'a AfterFailure>) -> Option<u8> {
    let rank = |f: &AfterFailure| match f {
        AfterFailure::ProbeRejected => 2,
        AfterFailure::WaitTimedOut => 1,
        AfterFailure::Other(_) => 0,
    };
    let worst = failures.fold(None::<&AfterFailure>, |worst, f| match worst {
        Some(w) if rank(w) >= rank(f) => Some(w),
        _ => Some(f),
    })?;
    Some(match worst {
        AfterFailure::ProbeRejected => 9,
        AfterFailure::WaitTimedOut => 8,
        AfterFailure::Other(e) => crate::error::exit_code(e),
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

/// `3 endpoints`, `1 endpoint`.
pub fn endpoints(n: usize) -> String {
    format!("{n} endpoint{}", if n == 1 { "" } else { "s" })
}

/// `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn other(err: Error) -> AfterFailure {
        AfterFailure::Other(Arc::new(err.into()))
    }

    #[test]
    fn failures_after_writes_rank_by_kind_not_by_number() {
        let rank = |failures: Vec<AfterFailure>| most_serious(failures.iter());
        assert_eq!(rank(vec![]), None);
        let signalled = || other(Error::Interrupted);
        assert_eq!(
            rank(vec![signalled(), AfterFailure::ProbeRejected]),
            Some(9),
            "a rejected probe before any other failure, whatever its number"
        );
        assert_eq!(rank(vec![AfterFailure::WaitTimedOut, signalled()]), Some(8));
        assert_eq!(
            rank(vec![
                other(Error::Connection("gone".into())),
                other(Error::Http {
                    status: 503,
                    message: "busy".into()
                })
            ]),
            Some(6),
            "the first other failure's own code"
        );
    }
}
