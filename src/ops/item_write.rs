//! The writes of one plan item (`apply`, `rotate`, and the two halves of a
//! replace): a create, an update or a delete, each a `Change` carried out
//! and judged as `create` and `update` carry out and judge theirs, the
//! outcome as a [`Status`]. An update was checked and decided when the plan
//! was made (`ops::sync`, `rotate`), so here it starts at its request.

use anyhow::Result;
use serde::Serialize;

use crate::api::Request;
use crate::body::Body;
use crate::client::Client;
use crate::ops::change::Change;
use crate::ops::desired::{self, Desired};
use crate::ops::sync::Item;
use crate::ops::write::Verdict;
use serde_json::{Map, Value};

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

impl From<Verdict> for Status {
    fn from(verdict: Verdict) -> Self {
        match verdict {
            Verdict::Verified => Status::Verified,
            Verdict::NotVerified(_) => Status::NotVerified,
            Verdict::Unchecked | Verdict::Unshown => Status::Done,
        }
    }
}

/// A write carried out: its status, its notes, and the endpoint the server
/// answered with (what `--wait` watches).
pub struct Done {
    pub status: Status,
    pub notes: Vec<String>,
    pub endpoint: Option<serde_json::Value>,
}

impl Done {
    /// A write with nothing to add (a delete).
    pub fn plain(status: Status) -> Self {
        Done {
            status,
            notes: Vec::new(),
            endpoint: None,
        }
    }
}

/// Carry out `change` and judge it (`Change::carry_out`, `Written::verdict`).
fn carried_out(client: &Client, mut change: Change, verify: bool) -> Result<Done> {
    let request = change.request();
    let written = change.carry_out(client, &request, verify)?;
    let mut notes: Vec<String> = written
        .lost
        .iter()
        .map(|e| {
            format!("the answer was lost ({e}); what follows is what the server holds (read back)")
        })
        .collect();
    if let Some(report) = &written.report {
        notes.extend(report.notes(change.id, written.server, &str::to_string));
    }
    Ok(Done {
        status: written.verdict().into(),
        notes,
        endpoint: written.endpoint,
    })
}

/// Create `item`'s endpoint under `id` (its own, or a replace's temporary
/// one).
pub fn create_as(client: &Client, item: &Item, id: &str, verify: bool) -> Result<Done> {
    let Some(wanted) = &item.desired else {
        anyhow::bail!("nothing to create");
    };
    let body = create_body(wanted)?;
    let change = Change::create(id, wanted.task_type, &wanted.service, body, None);
    carried_out(client, change, verify)
}

/// Send `item`'s update, decided when the plan was made (`ops::sync`);
/// `secrets`: with the file's secrets (`--rotate-secrets`).
pub fn update(client: &Client, item: &Item, verify: bool, secrets: bool) -> Result<Done> {
    let (Some(wanted), Some(planned)) = (&item.desired, &item.body) else {
        anyhow::bail!("nothing to update");
    };
    let mut body = planned.clone();
    if secrets {
        body.secret_paths = add_secrets(&mut body.sections, wanted)?;
    }
    let change = Change::update(&wanted.id, wanted.task_type, body, item.stored.as_ref());
    carried_out(client, change, verify)
}

pub fn delete(client: &Client, item: &Item) -> Result<()> {
    client.send(&Request::delete(&item.inference_id, None, false, false))?;
    Ok(())
}

/// The body of a create: the settings, and the secrets read from their
/// references (the service goes into the request: `ops::request::create`).
pub fn create_body(wanted: &Desired) -> Result<Body> {
    let mut sections = wanted.sections.clone();
    let secret_paths = add_secrets(&mut sections, wanted)?;
    Ok(Body {
        sections,
        secret_paths,
        ..Body::default()
    })
}

/// Put the secrets of `wanted` into `sections`' service settings, read
/// from their references; returns their dotted paths.
pub fn add_secrets(sections: &mut Map<String, Value>, wanted: &Desired) -> Result<Vec<String>> {
    let mut paths = Vec::new();
    for (key, reference) in &wanted.secrets {
        let path = format!("service_settings.{key}");
        let value = desired::resolve(reference, &format!("{}: {path}", wanted.id))?;
        let settings = sections
            .entry("service_settings")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(map) = settings {
            desired::place_secret(map, key, Value::String(value));
        }
        paths.push(path);
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_reports_the_verdict_update_judges_by() {
        assert_eq!(Status::from(Verdict::Verified), Status::Verified);
        assert_eq!(Status::from(Verdict::NotVerified(2)), Status::NotVerified);
        assert_eq!(Status::from(Verdict::Unchecked), Status::Done);
        assert_eq!(Status::from(Verdict::Unshown), Status::Done);
    }
}
