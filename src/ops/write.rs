//! A write to one endpoint, carried out: sent, its answer read, and
//! checked against what was asked (`verify.rs`). Known server errors get
//! their fix appended. Nothing is printed here: the commands render it.

use anyhow::Result;
use serde_json::{Map, Value};

use crate::api::{self, Request, TaskType};
use crate::body::Body;
use crate::client::Client;
use crate::error::Error;
use crate::server::Server;
use crate::services;
use crate::verify::{self, Report};

/// The settings of an in-cluster deployment, which no other service takes.
const ALLOCATIONS: [&str; 3] = ["num_allocations", "adaptive_allocations", "num_threads"];

/// What a write is, for its messages.
pub struct Write<'a> {
    pub verb: &'static str,
    pub id: &'a str,
    pub task_type: TaskType,
    pub body: &'a Body,
    /// The endpoint before the write, when it was read.
    pub before: Option<&'a Value>,
    pub verify: bool,
}

/// The body a request sends, as a map (empty when it has none): what the
/// check compares the answer with.
pub fn sent(request: &Request) -> &Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    request
        .body
        .as_deref()
        .and_then(Value::as_object)
        .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
}

/// What came back from a write the server accepted.
#[derive(Debug)]
pub struct Written {
    /// The server's answer as it came.
    pub answer: Value,
    /// The endpoint in it, when it shows one.
    pub endpoint: Option<Value>,
    /// The check, unless `verify` was off or there is no endpoint.
    pub report: Option<Report>,
    /// The server, when the report's advice depends on it.
    pub server: Server,
    /// The write's answer was lost, with this error: `endpoint` and the
    /// check are of what the server held when read back.
    pub lost: Option<String>,
}

/// What the check of a write found, as data: each command renders it
/// (`update` exits 7 on `NotVerified`, `apply` reports it per endpoint).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The answer holds what was asked, and only that.
    Verified,
    /// Not checked (`--no-verify`).
    Unchecked,
    /// The check found this many problems.
    NotVerified(usize),
    /// The answer shows no endpoint, so nothing could be checked.
    Unshown,
}

impl Written {
    /// The one rule that judges a write's outcome.
    pub fn verdict(&self) -> Verdict {
        if self.endpoint.is_none() {
            return Verdict::Unshown;
        }
        match self.report.as_ref().map(Report::failures) {
            None => Verdict::Unchecked,
            Some(0) => Verdict::Verified,
            Some(failures) => Verdict::NotVerified(failures),
        }
    }
}

/// Send `request` and check the answer (a 200 is not proof: #139651, #137129).
/// `Err` when the server refused the write, or answered something that
/// cannot be read (then the message says it was written).
pub fn execute(client: &Client, request: &Request, write: &Write) -> Result<Written> {
    let (verb, id) = (write.verb, write.id);
    let mut lost = None;
    let answer = match client.send(request) {
        Ok(answer) => answer,
        Err(e) if is_lost(&e) => {
            // Sent, perhaps applied, its answer lost: the server says what
            // it holds, and that is what is reported.
            let Ok(held) = read_back(client, id) else {
                return Err(with_hint(e, write, sent(request)));
            };
            let Some(held) = held else {
                return Err(e.context(format!(
                    "its answer was lost, and endpoint '{id}' does not exist now (read back): \
                     it was not {verb}"
                )));
            };
            lost = Some(format!("{e:#}"));
            serde_json::json!({"endpoints": [held]})
        }
        Err(e) => {
            if let Some(Error::UnreadableAnswer(message)) = e.downcast_ref::<Error>() {
                return Err(Error::NotApplied(format!(
                    "endpoint '{id}' was {verb}, but its answer cannot be read: {message}; \
                     check it with infer get {id}"
                ))
                .into());
            }
            return Err(with_hint(e, write, sent(request)));
        }
    };
    let endpoint = api::endpoint_from_answer(&answer, id);
    // After a lost answer the read-back is the only word on what happened:
    // it is checked even under --no-verify.
    let report = endpoint
        .as_ref()
        .filter(|_| write.verify || lost.is_some())
        .map(|e| {
            let mut report =
                verify::compare(sent(request), &write.body.secret_paths, write.before, e);
            report.expect_followers(&write.body.follows, e);
            report
        });
    // The advice for a chunking reset depends on what the server accepts.
    let server = if report.as_ref().is_some_and(Report::chunking_changed) {
        client.server().unwrap_or(Server::Unknown)
    } else {
        Server::Unknown
    };
    Ok(Written {
        answer,
        endpoint,
        report,
        server,
        lost,
    })
}

/// A write's answer lost on the way back (the connection dropped, or the
/// time limit passed): it may have been applied.
fn is_lost(err: &anyhow::Error) -> bool {
    matches!(err.downcast_ref::<Error>(), Some(Error::Connection(_)))
}

/// What the server holds for `id` now: `None` when it has no such
/// endpoint.
pub fn read_back(client: &Client, id: &str) -> Result<Option<Value>> {
    match client.send(&Request::get_endpoint(id, None)) {
        Ok(answer) => Ok(api::endpoint_from_answer(&answer, id)),
        Err(e)
            if matches!(
                e.downcast_ref::<Error>(),
                Some(Error::Http { status: 404, .. })
            ) =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Server errors that have a known cause get the fix appended: the same
/// way out infer gives when it refuses a change itself.
fn with_hint(err: anyhow::Error, write: &Write, sent: &Map<String, Value>) -> anyhow::Error {
    let Some(Error::Http { status, message }) = err.downcast_ref::<Error>() else {
        return err;
    };
    let before = write.before;
    if let Some(hint) = api::rejection(message).and_then(|r| rejection_hint(&r, write, sent)) {
        return Error::Http {
            status: *status,
            message: format!("{message}\n  hint: {hint}"),
        }
        .into();
    }
    let hint = if message.contains("cannot be updated") && message.contains("chunking_settings") {
        // Before #149723 an update body may not carry chunking_settings
        // (`UpdateInferenceModelAction.Request`).
        "this server does not accept chunking_settings in an update (Elasticsearch added it \
         in 2026, #149723); upgrade, or re-create the endpoint with the chunking you want"
            .to_string()
    } else if message.contains("does not contain the required setting") {
        // Before #149628 any service_settings had to repeat the secret
        // (`DefaultSecretSettings.newSecretSettings`; #139651).
        "this server needs the provider's secret again with any service_settings change \
         (before #149628): add it with --secret-env NAME=VAR or --secret-file NAME=PATH"
            .to_string()
    } else if message.contains("validation call to service") {
        // Servers call the provider when an endpoint is created and, since
        // #140003, updated (`TransportUpdateInferenceModelAction`).
        "the server tried the settings against the provider and the call failed; nothing \
         was stored: check the key, URL or model"
            .to_string()
    } else if let Some(hint) = allocation_hint(message, write) {
        hint
    } else if message.contains("Cannot update OAuth2 fields") {
        // OpenAiEmbeddingsServiceSettings: OAuth2 settings change only on an
        // endpoint created with them.
        format!(
            "endpoint '{}' was created with an API key, not OAuth2, so its client_id, scopes \
             and token_url cannot be set by an update: create a new endpoint with OAuth2 and \
             point your index at it",
            write.id
        )
    } else if message.contains("separators list size") {
        // RecursiveChunkingSettings.java.
        "a recursive chunking strategy takes at most 50 separators: merge or drop some, or use \
         a separator_group"
            .to_string()
    } else if message.contains("already exists") {
        "use infer update to change it, or infer delete it first".to_string()
    } else if message.contains("Failed to parse [num_allocations]") {
        // 8.17 needs an integer num_allocations in every update of an
        // in-cluster endpoint, even one that changes only task settings (the
        // 8.17-era `TransportUpdateInferenceModelAction`, elastic/elasticsearch@2afb4b65).
        let current = before
            .and_then(|b| b.pointer("/service_settings/num_allocations"))
            .map_or("N".to_string(), Value::to_string);
        format!(
            "this server (8.17) needs service_settings.num_allocations in every update of \
             this endpoint: add --num-allocations {current}"
        )
    } else {
        return err;
    };
    Error::Http {
        status: *status,
        message: format!("{message}\n  hint: {hint}"),
    }
    .into()
}

/// The in-cluster allocation parser's 400s
/// (`ElasticsearchInternalServiceSettings.Update`): one style per update,
/// and no `num_threads`.
fn allocation_hint(message: &str, write: &Write) -> Option<String> {
    let id = write.id;
    if message.contains("[num_threads] cannot be updated") {
        return Some(format!(
            "the threads of a deployment cannot change: create a new endpoint with them and \
             point your index at it: infer create NEW_ID --from {id} --set \
             service_settings.num_threads:=N"
        ));
    }
    let one_style = message.contains("cannot be set if [adaptive_allocations] is set")
        || message.contains("does not contain one of the required settings [num_allocations");
    if !one_style {
        return None;
    }
    Some(if write.verb == "created" {
        "this server sizes a new deployment one way: give service_settings.num_allocations for \
         a fixed count, or service_settings.adaptive_allocations to let the server scale it, \
         not both"
            .to_string()
    } else {
        "an update of this server sizes the deployment one way: give --num-allocations N alone \
         for a fixed count (it turns adaptive allocations off), or \
         service_settings.adaptive_allocations alone to let the server scale it"
            .to_string()
    })
}

/// The way out of a rejection by a new server (leftover keys:
/// `TransportUpdateInferenceModelAction`, strict parsers #157900; the
/// secret kind, #149628; preconfigured endpoints, #150368),
/// for when infer's own check did not stop the write (`--no-preflight`,
/// `--allow-field`, or a table that lags the server).
fn rejection_hint(
    rejection: &api::Rejection,
    write: &Write,
    sent: &Map<String, Value>,
) -> Option<String> {
    let id = write.id;
    // The stored endpoint names its service; without the pre-flight read,
    // the leftover form of the 400 does ("unknown to the [openai] service").
    let named = write
        .before
        .map(crate::stored::service)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(|| match rejection {
            api::Rejection::Keys { service, .. } => service.clone(),
            _ => None,
        });
    let service = named.as_deref().unwrap_or("endpoint's");
    Some(match rejection {
        api::Rejection::Keys { section, keys, .. } => {
            let sent_in =
                |section: &str, key: &str| sent.get(section).is_some_and(|s| s.get(key).is_some());
            let lines: Vec<String> = keys
                .iter()
                .map(|key| {
                    let in_task = section.as_deref() == Some("task_settings")
                        || (section.is_none()
                            && sent_in("task_settings", key)
                            && !sent_in("service_settings", key));
                    if in_task {
                        format!(
                            "task_settings.{key} is not a task setting the {service} service \
                             takes: check its name (infer services {service} lists them), or \
                             leave it out"
                        )
                    } else if ALLOCATIONS.contains(&key.as_str())
                        && named
                            .as_deref()
                            .is_some_and(|s| !services::is_in_cluster(s))
                    {
                        format!(
                            "service_settings.{key} is for in-cluster (elasticsearch, elser) \
                             endpoints, and the {service} service runs no deployment of its \
                             own: leave it out"
                        )
                    } else if write.verb == "created" {
                        format!(
                            "service_settings.{key} is not a setting the {service} service \
                             takes: check its name (infer services {service} lists them), or \
                             leave it out"
                        )
                    } else {
                        format!(
                            "the {service} service does not update service_settings.{key}. {}",
                            crate::ops::way_out::way_out(id, write.before, &[key.as_str()])
                        )
                    }
                })
                .collect();
            lines.join("\n  hint: ")
        }
        api::Rejection::SecretKind { stored, received } => format!(
            "endpoint '{id}' uses {stored} as its secret, and its kind cannot change: rotate \
             {stored} (--secret-env {stored}=VAR), or create a new endpoint that uses \
             {received} and point your index at it"
        ),
        api::Rejection::Preconfigured => format!(
            "'{id}' is a preconfigured endpoint, which cannot be changed: create an endpoint \
             of your own instead"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn written(endpoint: Option<Value>, report: Option<Report>) -> Written {
        Written {
            answer: json!({}),
            endpoint,
            report,
            server: Server::Unknown,
            lost: None,
        }
    }

    #[test]
    fn one_rule_judges_every_write() {
        let sent = json!({"task_settings": {"user": "a"}});
        let sent = sent.as_object().unwrap();
        let held = json!({"task_settings": {"user": "a"}});
        let kept = json!({"task_settings": {"user": "b"}});
        let check = |endpoint: &Value| Some(verify::compare(sent, &[], None, endpoint));
        assert_eq!(
            written(Some(held.clone()), check(&held)).verdict(),
            Verdict::Verified
        );
        assert_eq!(
            written(Some(kept.clone()), check(&kept)).verdict(),
            Verdict::NotVerified(1)
        );
        assert_eq!(written(Some(held), None).verdict(), Verdict::Unchecked);
        assert_eq!(written(None, None).verdict(), Verdict::Unshown);
    }
}
