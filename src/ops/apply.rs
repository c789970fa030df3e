//! Carrying out one item of a plan: the same write `create`, `update` and
//! `delete` send, checked the same way, and its outcome as data.

use anyhow::Result;
use serde::Serialize;
use serde_json::Value;

use crate::client::Client;
use crate::error::Error;
use crate::ops::after_write::{self, AfterWrite, Step};
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
    /// The `--wait` or `--probe` that failed after the write (its message
    /// is `error`).
    #[serde(skip)]
    pub after_failure: Option<AfterFailure>,
}

/// What failed after a write was applied: the kind a command ranks and
/// turns into its exit code (`update`'s: 9, 8, or the error's own).
#[derive(Debug, Clone)]
pub enum AfterFailure {
    ProbeRejected,
    WaitTimedOut,
    Other(std::sync::Arc<anyhow::Error>),
}

impl AfterFailure {
    fn of(err: anyhow::Error) -> Self {
        match err.downcast_ref::<Error>() {
            Some(Error::ProbeRejected(_)) => AfterFailure::ProbeRejected,
            Some(Error::WaitTimedOut(_)) => AfterFailure::WaitTimedOut,
            _ => AfterFailure::Other(std::sync::Arc::new(err)),
        }
    }
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
    pub after: AfterWrite,
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
/// asked; a failure is the outcome's error and its kind. A batch waits only
/// for the endpoints that run in the cluster and notes the others.
fn after(
    client: &Client,
    item: &Item,
    mut after: AfterWrite,
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
    if after.wait.is_some() && !crate::services::is_in_cluster(crate::stored::service(&endpoint)) {
        after.wait = None;
        outcome.notes.push(NOT_WAITED.to_string());
    }
    let done = match item.action {
        Action::Update => "was updated",
        _ => "was created",
    };
    let what = (done, item.inference_id.as_str(), wanted.task_type);
    let mut lines = Vec::new();
    let mut step = |step: Step| {
        if let Step::Line(line) = step {
            lines.push(line);
        }
    };
    let result = after_write::wait_and_probe(client, after, what, &endpoint, &mut step);
    outcome.notes.extend(lines);
    if let Err(e) = result {
        outcome.error = Some(format!("{e:#}"));
        outcome.after_failure = Some(AfterFailure::of(e));
    }
}

const NOT_AFTER: &str =
    "the write was not verified, so infer did not wait for the deployment or probe the endpoint";

const NOT_WAITED: &str = "not waited for: runs outside the cluster";

/// What `--probe` needs of every item that writes, checked before anything
/// is written: a task type infer can probe. (`--wait` waits for the
/// in-cluster endpoints and notes the others.)
pub fn check_after(items: &[Item], after: AfterWrite) -> Result<()> {
    if !after.probe {
        return Ok(());
    }
    for item in items
        .iter()
        .filter(|i| i.pending() && i.conflicts.is_empty())
    {
        if let Some(wanted) = item.desired.as_ref() {
            crate::ops::probe::probeable(wanted.task_type)?;
        }
    }
    Ok(())
}
