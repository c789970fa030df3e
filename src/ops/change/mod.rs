//! A change to one endpoint, as one value: made from the inputs (the id,
//! the task type, the body) and, for an update, the stored endpoint; then
//! taken through its stages, each a method, so that a command can render
//! between them:
//!
//! 1. [`Change::check`] against the stored endpoint (task type, service,
//!    chunking; [`Change::check_allocations`] for `update`'s flags);
//! 2. [`Change::decide`]: what is sent (the body, trimmed to what
//!    differs), what is refused and why, what to warn of, as data
//!    ([`Decision`]);
//! 3. [`Change::request`]: its request, from the one builder of its kind
//!    (`ops::request`), secret paths included;
//! 4. [`Change::carry_out`]: sent and checked (`ops::write`), its
//!    [`Written::verdict`] the verdict, as data.
//!
//! `update`, `edit`, `rotate` and the updates of `plan`/`apply`
//! (`ops::sync`, `ops::item_write`) go through every stage that applies to
//! them; `create` and the creates of `apply` have no stored endpoint to
//! check against or decide with, so they start at `request`. Nothing is
//! printed here.

mod decide;

use anyhow::Result;
use serde_json::Value;

use crate::api::{Request, TaskType};
use crate::body::Body;
use crate::client::Client;
use crate::ops::request;
use crate::ops::stored;
use crate::ops::write::{self, Write, Written};

pub use decide::{Decision, Nulls, Options};

/// A change to the endpoint `id`.
#[derive(Debug)]
pub struct Change<'a> {
    pub id: &'a str,
    pub task_type: TaskType,
    /// What is sent: the inputs, and after [`Change::decide`] only what
    /// differs from the stored endpoint. [`Change::request`] moves its
    /// sections into the request; its secret paths stay, for the check.
    pub body: Body,
    kind: Kind<'a>,
}

#[derive(Debug)]
enum Kind<'a> {
    /// An update of the endpoint as read before it (`None`: not read,
    /// `update --no-preflight`).
    Update { stored: Option<&'a Value> },
    Create {
        service: &'a str,
        /// `--server-timeout`.
        timeout: Option<&'a str>,
    },
}

impl<'a> Change<'a> {
    /// An update of `stored`, which is of `task_type`.
    pub fn update(id: &'a str, task_type: TaskType, body: Body, stored: Option<&'a Value>) -> Self {
        Change {
            id,
            task_type,
            body,
            kind: Kind::Update { stored },
        }
    }

    /// An update of `stored`, of its own task type; `Err` for a task type
    /// this infer does not know.
    pub fn of_stored(id: &'a str, body: Body, stored: &'a Value) -> Result<Self> {
        let task_type = stored::task_type(stored, id)?;
        Ok(Self::update(id, task_type, body, Some(stored)))
    }

    /// A new endpoint of `service`.
    pub fn create(
        id: &'a str,
        task_type: TaskType,
        service: &'a str,
        body: Body,
        timeout: Option<&'a str>,
    ) -> Self {
        Change {
            id,
            task_type,
            body,
            kind: Kind::Create { service, timeout },
        }
    }

    /// The answer is checked against `before` rather than the endpoint the
    /// change was decided with: `edit` decides against the endpoint as the
    /// editor showed it (secrets masked), and the server answers with the
    /// endpoint as stored.
    pub fn checked_against(mut self, before: &'a Value) -> Self {
        if let Kind::Update { stored } = &mut self.kind {
            *stored = Some(before);
        }
        self
    }

    /// The endpoint as read before the change, for an update that read it.
    pub fn stored(&self) -> Option<&'a Value> {
        match self.kind {
            Kind::Update { stored } => stored,
            Kind::Create { .. } => None,
        }
    }

    /// How its outcome is told: "updated" or "created".
    pub fn verb(&self) -> &'static str {
        match self.kind {
            Kind::Update { .. } => "updated",
            Kind::Create { .. } => "created",
        }
    }

    /// Check the inputs against the stored endpoint (exit 3): the task
    /// types they gave (each with where it came from), the service a
    /// settings file names, chunking on a task type that takes it
    /// (`ops::stored::check_identity`). Nothing to check without one.
    pub fn check(&self, given: &[(Option<TaskType>, &str)]) -> Result<()> {
        match self.stored() {
            Some(stored) => stored::check_identity(&self.body, self.id, given, stored).map(|_| ()),
            None => Ok(()),
        }
    }

    /// Allocations only on an in-cluster endpoint
    /// (`ops::stored::allocations_only_in_cluster`); `flag`: the flag that
    /// gave `num_allocations`, when one did.
    pub fn check_allocations(&self, flag: Option<&str>) -> Result<()> {
        match self.stored() {
            Some(stored) => stored::allocations_only_in_cluster(&self.body, self.id, stored, flag),
            None => Ok(()),
        }
    }

    /// Decide the update against the stored endpoint: the body becomes
    /// what is sent; the refusals, warnings and notes come back as data.
    /// A create, or an update that did not read the endpoint, is sent as
    /// given: nothing is decided.
    pub fn decide(&mut self, client: &Client, options: &Options) -> Result<Decision> {
        match self.stored() {
            Some(stored) => decide::decide(
                client,
                (self.id, self.task_type, stored),
                &mut self.body,
                options,
            ),
            None => Ok(Decision::default()),
        }
    }

    /// Its request. The body's sections move into it (a body can be
    /// large); the secret paths stay.
    pub fn request(&mut self) -> Request {
        match self.kind {
            Kind::Update { .. } => request::update(self.task_type, self.id, &mut self.body),
            Kind::Create { service, timeout } => {
                request::create(self.task_type, self.id, service, &self.body, timeout)
            }
        }
    }

    /// What the write is, for `ops::write`'s messages and check.
    pub fn write(&self, verify: bool) -> Write<'_> {
        Write {
            verb: self.verb(),
            id: self.id,
            task_type: self.task_type,
            body: &self.body,
            before: self.stored(),
            verify,
        }
    }

    /// Send `request` (this change's) and check the answer
    /// (`ops::write::execute`); [`Written::verdict`] judges it.
    pub fn carry_out(&self, client: &Client, request: &Request, verify: bool) -> Result<Written> {
        write::execute(client, request, &self.write(verify))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body() -> Body {
        let sections = json!({"service_settings": {"api_key": "k"}});
        Body {
            sections: sections.as_object().cloned().unwrap_or_default(),
            secret_paths: vec!["service_settings.api_key".into()],
            ..Body::default()
        }
    }

    #[test]
    fn each_change_makes_the_request_of_its_kind_with_its_secret_paths() {
        let stored = json!({"inference_id": "a", "task_type": "completion", "service": "openai"});
        let mut update = Change::of_stored("a", body(), &stored).unwrap();
        assert_eq!(
            (update.verb(), update.task_type),
            ("updated", TaskType::Completion)
        );
        assert_eq!(update.stored(), Some(&stored));
        let request = update.request();
        assert_eq!(request.segments.last().map(String::as_str), Some("_update"));
        assert_eq!(request.secret_paths, ["service_settings.api_key"]);
        // The sections moved into the request; the secret paths stayed for
        // the check.
        assert!(update.body.sections.is_empty());
        assert_eq!(update.write(true).body.secret_paths, request.secret_paths);

        let mut create = Change::create("b", TaskType::Completion, "openai", body(), None);
        assert_eq!((create.verb(), create.stored()), ("created", None));
        let request = create.request();
        let sent = request.body.as_deref().and_then(Value::as_object).unwrap();
        assert_eq!(sent.keys().next().map(String::as_str), Some("service"));
        assert_eq!(request.secret_paths, ["service_settings.api_key"]);
    }

    #[test]
    fn an_endpoint_of_an_unknown_task_type_is_no_change() {
        let stored = json!({"inference_id": "a", "task_type": "telepathy", "service": "x"});
        let err = Change::of_stored("a", Body::default(), &stored).unwrap_err();
        assert!(err.to_string().contains("task type 'telepathy'"), "{err}");
    }
}
