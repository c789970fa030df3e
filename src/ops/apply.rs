//! Carrying out one item of a plan: the same write `create`, `update` and
//! `delete` send, checked the same way, and its outcome as data.

use anyhow::Result;
use serde::Serialize;
use serde_json::Value;

use crate::client::Client;
use crate::ops::after_write::{self, After};
use crate::ops::item_write::{self, Done};
use crate::ops::replace;
use crate::ops::sync::{Action, Item};

pub use crate::ops::item_write::Status;

/// What happened to one endpoint.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub inference_id: String,
    pub action: Action,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The exit code `update` gives for the `--wait` or `--probe` that
    /// failed after the write (its message is `error`).
    #[serde(skip)]
    pub after_failure: Option<u8>,
}

impl Outcome {
    pub fn new(item: &Item, status: Status) -> Self {
        Outcome {
            inference_id: item.inference_id.clone(),
            action: item.action,
            status,
            error: None,
            notes: item.conflicts.clone(),
            after_failure: None,
        }
    }

    pub fn is_ok(&self) -> bool {
        matches!(
            self.status,
            Status::Verified | Status::Done | Status::NoChange
        )
    }
}

/// How each item is carried out.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Check each write's answer.
    pub verify: bool,
    /// Send the file's secrets with an update (`--rotate-secrets`; a
    /// create always sends them).
    pub secrets: bool,
    /// `--wait` and `--probe` after each write.
    pub after: After,
}

/// Carry out `item`.
pub fn carry_out(client: &Client, item: &Item, options: &Options) -> Outcome {
    if !item.pending() {
        return Outcome::new(item, Status::NoChange);
    }
    if !item.conflicts.is_empty() {
        return Outcome::new(item, Status::Skipped);
    }
    let verify = options.verify;
    let result = match item.action {
        Action::Create => item_write::create_as(client, item, &item.inference_id, verify),
        Action::Update => item_write::update(client, item, verify, options.secrets),
        Action::Replace => replace::replace(client, item, verify),
        Action::Delete => item_write::delete(client, item).map(|()| Done::plain(Status::Done)),
        _ => Ok(Done::plain(Status::NoChange)),
    };
    let mut outcome = Outcome::new(item, Status::Done);
    match result {
        Ok(done) => {
            outcome.status = done.status;
            outcome.notes = done.notes;
            if item.action != Action::Delete {
                after(client, item, options.after, done.endpoint, &mut outcome);
            }
        }
        Err(e) => {
            outcome.status = Status::Failed;
            outcome.error = Some(format!("{e:#}"));
        }
    }
    outcome
}

/// `--wait`, then `--probe`, after the write of `item`, as `update` does
/// them: only after a write whose answer was checked and held what was
/// asked; a failure is the outcome's error, with `update`'s exit code.
fn after(
    client: &Client,
    item: &Item,
    after: After,
    endpoint: Option<Value>,
    outcome: &mut Outcome,
) {
    if after.wait.is_none() && !after.probe {
        return;
    }
    let (Some(wanted), Some(endpoint)) = (&item.desired, endpoint) else {
        outcome.notes.push(NOT_AFTER.to_string());
        return;
    };
    if outcome.status == Status::NotVerified {
        outcome.notes.push(NOT_AFTER.to_string());
        return;
    }
    let verb = match item.action {
        Action::Update => "updated",
        _ => "created",
    };
    let what = (verb, item.inference_id.as_str(), wanted.task_type);
    match after_write::wait_and_probe(client, after, what, &endpoint) {
        Ok(lines) => outcome.notes.extend(lines),
        Err(e) => {
            outcome.after_failure = Some(crate::error::exit_code(&e));
            outcome.error = Some(format!("{e:#}"));
        }
    }
}

const NOT_AFTER: &str =
    "the write was not verified, so infer did not wait for the deployment or probe the endpoint";

/// What `--wait` and `--probe` need of every item that writes, checked
/// before anything is written: an in-cluster endpoint to wait for, a task
/// type infer can probe.
pub fn check_after(items: &[Item], after: After) -> Result<()> {
    for item in items
        .iter()
        .filter(|i| i.pending() && i.conflicts.is_empty())
    {
        let Some(wanted) = item.desired.as_ref() else {
            continue;
        };
        if after.wait.is_some() && !crate::services::is_in_cluster(&wanted.service) {
            return Err(crate::error::Error::usage(format!(
                "--wait waits for the deployment of an elasticsearch or elser endpoint, and \
                 '{}' uses the {} service: leave --wait out",
                wanted.id, wanted.service
            )));
        }
        if after.probe {
            crate::ops::probe::probeable(wanted.task_type)?;
        }
    }
    Ok(())
}
