//! How every write is shown (update, create, edit): notes about the inputs,
//! the field-by-field view, and the outcome of `ops::write`: the endpoint
//! on stdout, the check's findings and a one-line summary on stderr; then
//! `--wait` and `--probe` (`ops::after_write`) as they go.

use anyhow::Result;
use serde_json::Value;

use crate::api::{Request, TaskType};
use crate::body::Body;
use crate::cli::WaitArgs;
use crate::client::Client;
use crate::error::Error;
use crate::ops::after_write::{self, After};
use crate::ops::change::Change;
use crate::ops::wait;
use crate::ops::{
    self,
    write::{Verdict, Write},
};
use crate::output::{Style, Ui, say};
use crate::secret;
use crate::verify;
use std::time::Duration;

/// Warnings and notes about the inputs, before anything is sent.
pub fn report_inputs(ui: &Ui, body: &Body) {
    for warning in &body.warnings {
        ui.warn(warning);
    }
    for path in &body.literal_secrets {
        ui.warn(&format!(
            "{path} was written on the command line, where the process list and shell \
             history can see it; next time use --secret-env or --secret-file"
        ));
    }
}

/// One line per value the body sets: the stored value and the new one.
/// Chunking settings are replaced whole, so they show whole.
pub fn change_lines(ui: &Ui, body: &Body, before: Option<&Value>) -> Vec<String> {
    let mut lines = Vec::new();
    for (section, value) in &body.sections {
        for (path, new) in crate::body::leaves(section, value) {
            let old = before.and_then(|b| crate::body::at(b, &path));
            let is_secret = body.secret_paths.contains(&path)
                || secret::is_secret_field(path.rsplit('.').next().unwrap_or(&path));
            let line = if is_secret {
                format!("{path}: (secret, will change)")
            } else if before.is_none() {
                format!("{path}: {}", ui.paint(Style::Good, &shown(&new)))
            } else if old == Some(&new) {
                // Part of an object sent whole (the server replaces a nested
                // object whole, unverified): kept as it is.
                format!("{path}: {} (kept)", shown(&new))
            } else {
                let shown_old = old.map_or("(not set)".to_string(), Value::to_string);
                format!(
                    "{path}: {} → {}",
                    ui.paint(Style::Bad, &shown_old),
                    ui.paint(Style::Good, &shown(&new)),
                )
            };
            lines.push(line);
        }
    }
    lines
}

/// A new value as shown: `null` is a reset (#126479).
fn shown(value: &Value) -> String {
    match value {
        Value::Null => "(reset to the default, or cleared)".to_string(),
        other => other.to_string(),
    }
}

/// Send the write, print the endpoint the server answers with, and report
/// the check that it holds what was asked, and only that (`ops::write`).
/// Once the server has answered the write, every message says that it was
/// written, whatever fails afterwards.
pub fn send_and_verify(
    client: &Client,
    ui: &Ui,
    (change, request): (&Change, &Request),
    verify: bool,
) -> Result<Value> {
    let write = &change.write(verify);
    let (verb, tt, id) = (write.verb, write.task_type, write.id);
    // From here a signal lets the write finish and be reported.
    crate::interrupt::watch();
    let written = change.carry_out(client, request, verify)?;
    if let Some(lost) = &written.lost {
        ui.warn(&format!(
            "the answer to this write was lost ({lost}); endpoint '{id}' as the server holds it \
             now (read back), and its check, follow"
        ));
    }
    let verdict = written.verdict();
    let Some(endpoint) = written.endpoint else {
        ui.print_json(&written.answer)
            .map_err(|e| unprinted(e, write))?;
        return Err(Error::NotApplied(format!(
            "endpoint '{id}' was {verb}, but the server's answer (on stdout) does not show it, \
             so it was not verified: check it with infer get {id}"
        ))
        .into());
    };
    ui.print_json(&endpoint).map_err(|e| unprinted(e, write))?;
    let Some(report) = written.report else {
        ui.info(&format!(
            "{verb} {tt} endpoint '{id}' (not verified: --no-verify): sent {}",
            sent_leaves(ops::write::sent(request))
        ));
        return Ok(endpoint);
    };
    let notes = report.notes(id, written.server, &|t| ui.paint(Style::Bad, t));
    if let Verdict::NotVerified(failures) = verdict {
        for note in notes {
            say(&format!("infer: {note}"));
        }
        return Err(Error::NotApplied(format!(
            "endpoint '{id}' was written, but verification found {failures} {} (above); \
             the server's answer is on stdout",
            if failures == 1 { "problem" } else { "problems" }
        ))
        .into());
    }
    notes.iter().for_each(|note| ui.info(note));
    ui.info(&summary(write, &report));
    Ok(endpoint)
}

/// stdout failed after the server answered the write (a full disk, say).
fn unprinted(err: anyhow::Error, write: &Write) -> anyhow::Error {
    err.context(format!(
        "endpoint '{}' was {}, but its answer could not be written to stdout; check it with \
         infer get {}",
        write.id, write.verb, write.id
    ))
}

/// Paths in one line: a few by name, the rest counted.
pub fn listed(paths: &[impl AsRef<str>]) -> String {
    named(&paths[..paths.len().min(SHOWN)], paths.len())
}

/// How many paths a summary names; the others are counted.
const SHOWN: usize = 6;

/// `first` (at most `SHOWN`) of `count` paths, the others counted.
fn named(first: &[impl AsRef<str>], count: usize) -> String {
    let names: Vec<&str> = first.iter().map(AsRef::as_ref).collect();
    match count.saturating_sub(names.len()) {
        0 => names.join(", "),
        more => format!("{} and {more} more", names.join(", ")),
    }
}

/// The dotted paths of the leaves of the sections sent, `listed`: the
/// first few named and the others counted, without a list of them all (a
/// body can hold thousands of keys).
fn sent_leaves(sent: &serde_json::Map<String, Value>) -> String {
    // The path as keys, joined only for the paths named.
    fn walk<'v>(
        path: &mut Vec<&'v str>,
        value: &'v Value,
        first: &mut Vec<String>,
        count: &mut usize,
    ) {
        match value {
            Value::Object(map) if !map.is_empty() => {
                for (k, v) in map {
                    path.push(k);
                    walk(path, v, first, count);
                    path.pop();
                }
            }
            _ => {
                *count += 1;
                if first.len() < SHOWN {
                    first.push(path.join("."));
                }
            }
        }
    }
    let (mut first, mut count) = (Vec::new(), 0);
    for (section, value) in sent
        .iter()
        .filter(|(k, _)| crate::body::SECTIONS.contains(&k.as_str()))
    {
        walk(&mut vec![section.as_str()], value, &mut first, &mut count);
    }
    named(&first, count)
}

fn summary(write: &Write, report: &verify::Report) -> String {
    let applied = report.applied();
    let secrets = report.secrets();
    let resets = report.resets();
    let mut parts = Vec::new();
    if !applied.is_empty() {
        parts.push(format!("verified {}", listed(&applied)));
    }
    if !resets.is_empty() {
        parts.push(format!("reset {}", listed(&resets)));
    }
    if !secrets.is_empty() {
        parts.push(format!(
            "sent {} (secret, not readable back)",
            listed(&secrets)
        ));
    }
    let mut line = format!("{} {} endpoint '{}'", write.verb, write.task_type, write.id);
    if !parts.is_empty() {
        line.push_str(&format!(": {}", parts.join("; ")));
    }
    line
}

/// `--wait` (its limit) and `--probe` as given to a command that writes
/// one endpoint, checked before anything is written.
pub fn after_flags(wait: &WaitArgs, probe: bool, curl: bool, verb: &str) -> Result<After> {
    let limit = after_write::wait_limit(wait.wait, wait.wait_timeout.as_deref(), curl)?;
    after_write::probe_allowed(probe, curl, verb)?;
    Ok(After { wait: limit, probe })
}

/// `--wait`, then `--probe`, after a write of one endpoint, shown as they
/// go: a probe before the deployment is ready could fail for no fault of
/// the key.
pub fn after(
    client: &Client,
    ui: &Ui,
    after: After,
    (verb, id, task_type): (&str, &str, TaskType),
    endpoint: &Value,
) -> Result<()> {
    if let Some(limit) = after.wait {
        after_write::require_in_cluster(ops::stored::service(endpoint))?;
        let mut show = |deployment: &str, status: &wait::Status, elapsed: Duration| {
            ui.progress(&format!(
                "waiting for deployment '{deployment}': {} ({}s)",
                status.describe(),
                elapsed.as_secs()
            ));
        };
        let waited = after_write::wait_for(client, verb, id, endpoint, limit, &mut show);
        ui.progress_done();
        let (deployment, status) = waited?;
        ui.info(&after_write::ready_line(&deployment, &status));
    }
    if after.probe {
        let result = after_write::probe_after(client, verb, id, task_type)?;
        ui.info(&after_write::probe_line(task_type, id, &result));
    }
    Ok(())
}
