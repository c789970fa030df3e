//! Carrying out one item of a plan: the same write `create`, `update` and
//! `delete` send, checked the same way, and its outcome as data.

use anyhow::Result;
use serde::Serialize;
use serde_json::Value;

use crate::api::Request;
use crate::body::Body;
use crate::client::Client;
use crate::ops::replace;
use crate::ops::sync::{self, Action, Item};
use crate::ops::write::{self, Write};
use crate::output::Ui;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Written, and the server's answer holds what was asked.
    Verified,
    /// Written; not checked (`--no-verify`, or a delete).
    Done,
    /// Written, but the check found a difference (exit 7 for one endpoint).
    NotVerified,
    Failed,
    /// Not attempted: a conflict, or nothing to do.
    Skipped,
    /// Not started: interrupted, or stopped by `--fail-fast`.
    NotStarted,
    NoChange,
}

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
}

impl Outcome {
    pub fn new(item: &Item, status: Status) -> Self {
        Outcome {
            inference_id: item.inference_id.clone(),
            action: item.action,
            status,
            error: None,
            notes: item.conflicts.clone(),
        }
    }

    pub fn is_ok(&self) -> bool {
        matches!(
            self.status,
            Status::Verified | Status::Done | Status::NoChange
        )
    }
}

/// Carry out `item`. `secrets`: send the file's secrets with an update
/// (`--rotate-secrets`; a create always sends them).
pub fn carry_out(client: &Client, item: &Item, verify: bool, secrets: bool) -> Outcome {
    if !item.pending() {
        return Outcome::new(item, Status::NoChange);
    }
    if !item.conflicts.is_empty() {
        return Outcome::new(item, Status::Skipped);
    }
    let result = match item.action {
        Action::Create => create_as(client, item, &item.inference_id, verify),
        Action::Update => update(client, item, verify, secrets),
        Action::Replace => replace::replace(client, item, verify),
        Action::Delete => delete(client, item).map(|()| (Status::Done, Vec::new())),
        _ => Ok((Status::NoChange, Vec::new())),
    };
    let mut outcome = Outcome::new(item, Status::Done);
    match result {
        Ok((status, notes)) => {
            outcome.status = status;
            outcome.notes = notes;
        }
        Err(e) => {
            outcome.status = Status::Failed;
            outcome.error = Some(format!("{e:#}"));
        }
    }
    outcome
}

fn checked(client: &Client, request: &Request, write: &Write) -> Result<(Status, Vec<String>)> {
    let written = write::execute(client, request, write)?;
    let lost = written.lost.map(|e| {
        format!("the answer was lost ({e}); what follows is what the server holds (read back)")
    });
    let Some(report) = written.report else {
        return Ok((Status::Done, lost.into_iter().collect()));
    };
    let mut notes: Vec<String> = lost.into_iter().collect();
    notes.extend(report.notes(&Ui::silent(), write.id, written.server));
    let status = if report.failures() > 0 {
        Status::NotVerified
    } else {
        Status::Verified
    };
    Ok((status, notes))
}

/// Create `item`'s endpoint under `id` (its own, or a replace's temporary
/// one).
pub fn create_as(
    client: &Client,
    item: &Item,
    id: &str,
    verify: bool,
) -> Result<(Status, Vec<String>)> {
    let Some(wanted) = &item.desired else {
        anyhow::bail!("nothing to create");
    };
    let (json, secret_paths) = sync::create_body(wanted)?;
    let mut sections = json.as_object().cloned().unwrap_or_default();
    sections.shift_remove("service");
    let body = Body {
        sections,
        secret_paths: secret_paths.clone(),
        ..Body::default()
    };
    let mut request = Request::create(wanted.task_type, id, json, None);
    request.secret_paths = secret_paths;
    checked(
        client,
        &request,
        &Write {
            verb: "created",
            id,
            task_type: wanted.task_type,
            body: &body,
            before: None,
            verify,
        },
    )
}

fn update(
    client: &Client,
    item: &Item,
    verify: bool,
    secrets: bool,
) -> Result<(Status, Vec<String>)> {
    let (Some(wanted), Some(planned)) = (&item.desired, &item.body) else {
        anyhow::bail!("nothing to update");
    };
    let mut body = planned.clone();
    if secrets {
        body.secret_paths = sync::add_secrets(&mut body.sections, wanted)?;
    }
    let mut request = Request::update(
        wanted.task_type,
        &wanted.id,
        Value::Object(body.sections.clone()),
    );
    request.secret_paths = body.secret_paths.clone();
    checked(
        client,
        &request,
        &Write {
            verb: "updated",
            id: &wanted.id,
            task_type: wanted.task_type,
            body: &body,
            before: item.stored.as_ref(),
            verify,
        },
    )
}

pub fn delete(client: &Client, item: &Item) -> Result<()> {
    client.send(&Request::delete(&item.inference_id, None, false, false))?;
    Ok(())
}
