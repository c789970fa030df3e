//! The Elasticsearch inference API as infer speaks it: task types, the
//! requests (paths percent-encoded segment by segment), and the server's
//! answers and error bodies (`errors.rs`).
//! Rules cite Elasticsearch's own sources: elastic/elasticsearch files and
//! classes, its PRs and issues (`#N`), and elastic/elasticsearch-specification
//! (`specification/…`).

use serde_json::Value;
use std::fmt;

mod errors;
pub mod listing;
pub use crate::secret::{excerpt, shorten};
pub use errors::{Rejection, rejection, render_error};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskType {
    SparseEmbedding,
    TextEmbedding,
    Embedding,
    Rerank,
    Completion,
    ChatCompletion,
}

impl TaskType {
    /// The server's enum (elasticsearch-specification
    /// `specification/inference/_types/TaskType.ts`; rest-api-spec `inference.update.json`).
    pub const NAMES: [&'static str; 6] = [
        "sparse_embedding",
        "text_embedding",
        "embedding",
        "rerank",
        "completion",
        "chat_completion",
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskType::SparseEmbedding => "sparse_embedding",
            TaskType::TextEmbedding => "text_embedding",
            TaskType::Embedding => "embedding",
            TaskType::Rerank => "rerank",
            TaskType::Completion => "completion",
            TaskType::ChatCompletion => "chat_completion",
        }
    }

    /// Only embedding task types take `chunking_settings` (`InferenceEndpoint`
    /// in elasticsearch-specification `specification/inference/_types/Services.ts`).
    pub fn takes_chunking(self) -> bool {
        matches!(
            self,
            TaskType::SparseEmbedding | TaskType::TextEmbedding | TaskType::Embedding
        )
    }
}

impl fmt::Display for TaskType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TaskType {
    type Err = String;

    /// Case-insensitive, as the server's `TaskType.fromString`
    /// (`server/src/main/java/org/elasticsearch/inference/TaskType.java`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        Ok(match lower.as_str() {
            "sparse_embedding" => TaskType::SparseEmbedding,
            "text_embedding" => TaskType::TextEmbedding,
            "embedding" => TaskType::Embedding,
            "rerank" => TaskType::Rerank,
            "completion" => TaskType::Completion,
            "chat_completion" => TaskType::ChatCompletion,
            _ => {
                return Err(format!(
                    "unknown task type '{s}': use one of {}",
                    TaskType::NAMES.join(", ")
                ));
            }
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// One call to the server: method, path segments (encoded when the URL is
/// built), query parameters, and an optional JSON body.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    pub segments: Vec<String>,
    pub query: Vec<(&'static str, String)>,
    /// Shared with the body's writer while it is sent (`client/encode.rs`).
    pub body: Option<std::sync::Arc<Value>>,
    /// Dotted body paths that hold secrets beyond the ones every service
    /// uses (`secret::is_secret_field`): masked wherever the body is shown.
    pub secret_paths: Vec<String>,
}

impl Request {
    fn new(method: Method, segments: &[&str]) -> Self {
        Request {
            method,
            segments: segments.iter().map(|s| s.to_string()).collect(),
            query: Vec::new(),
            body: None,
            secret_paths: Vec::new(),
        }
    }

    /// `GET /`: the server's name, version and flavour.
    pub fn root() -> Self {
        Request::new(Method::Get, &[])
    }

    /// `GET /_security/_authenticate`: who the credentials are.
    pub fn authenticate() -> Self {
        Request::new(Method::Get, &["_security", "_authenticate"])
    }

    /// `POST /_security/user/_has_privileges` for cluster privileges.
    pub fn has_privileges(cluster: &[&str]) -> Self {
        let mut req = Request::new(Method::Post, &["_security", "user", "_has_privileges"]);
        req.body = Some(serde_json::json!({ "cluster": cluster }).into());
        req
    }

    /// `GET /_inference/{inference_id}` or `/_inference/{task_type}/{inference_id}`.
    pub fn get_endpoint(inference_id: &str, task_type: Option<TaskType>) -> Self {
        match task_type {
            Some(tt) => Request::new(Method::Get, &["_inference", tt.as_str(), inference_id]),
            None => Request::new(Method::Get, &["_inference", inference_id]),
        }
    }

    /// `GET /_inference` or `/_inference/{task_type}/_all`
    /// (elasticsearch-specification `specification/inference/get/GetRequest.ts`).
    pub fn list(task_type: Option<TaskType>) -> Self {
        match task_type {
            Some(tt) => Request::new(Method::Get, &["_inference", tt.as_str(), "_all"]),
            None => Request::new(Method::Get, &["_inference"]),
        }
    }

    /// `GET /_inference/_all`: every endpoint, in one read (`_all` in
    /// elasticsearch-specification `specification/inference/get/GetRequest.ts`).
    pub fn all() -> Self {
        Request::new(Method::Get, &["_inference", "_all"])
    }

    /// `GET /_inference/_services[/{task_type}]`: a route the spec does not
    /// list, with an `updatable` flag per field (#118491; the route is in
    /// `x-pack/plugin/inference/src/main/java/.../inference/rest/Paths.java`).
    pub fn services(task_type: Option<TaskType>) -> Self {
        match task_type {
            Some(tt) => Request::new(Method::Get, &["_inference", "_services", tt.as_str()]),
            None => Request::new(Method::Get, &["_inference", "_services"]),
        }
    }

    /// `PUT /_inference/{task_type}/{inference_id}`, with the server's
    /// `timeout` for its call to the provider when given
    /// (elasticsearch-specification `specification/inference/put/PutRequest.ts`).
    pub fn create(
        task_type: TaskType,
        inference_id: &str,
        body: Value,
        timeout: Option<&str>,
    ) -> Self {
        let mut req = Request::new(
            Method::Put,
            &["_inference", task_type.as_str(), inference_id],
        );
        req.body = Some(body.into());
        if let Some(t) = timeout {
            req.query.push(("timeout", t.to_string()));
        }
        req
    }

    /// `PUT /_inference/{task_type}/{inference_id}/_update`. Always PUT and
    /// always the two-segment form: the one-segment form answers 400 on
    /// servers before #121231 (`RestUpdateInferenceModelAction`).
    pub fn update(task_type: TaskType, inference_id: &str, body: Value) -> Self {
        let mut req = Request::new(
            Method::Put,
            &["_inference", task_type.as_str(), inference_id, "_update"],
        );
        req.body = Some(body.into());
        req
    }

    /// `DELETE /_inference[/{task_type}]/{inference_id}` with the server's
    /// `dry_run` and `force` flags (elasticsearch-specification
    /// `specification/inference/delete/DeleteRequest.ts`).
    pub fn delete(
        inference_id: &str,
        task_type: Option<TaskType>,
        dry_run: bool,
        force: bool,
    ) -> Self {
        let mut req = match task_type {
            Some(tt) => Request::new(Method::Delete, &["_inference", tt.as_str(), inference_id]),
            None => Request::new(Method::Delete, &["_inference", inference_id]),
        };
        if dry_run {
            req.query.push(("dry_run", "true".into()));
        }
        if force {
            req.query.push(("force", "true".into()));
        }
        req
    }

    /// `POST /_inference/{task_type}/{inference_id}`: one inference call,
    /// as `infer probe` sends it.
    pub fn infer(task_type: TaskType, inference_id: &str, body: Value) -> Self {
        let mut req = Request::new(
            Method::Post,
            &["_inference", task_type.as_str(), inference_id],
        );
        req.body = Some(body.into());
        req
    }

    /// `GET /_ml/trained_models/{deployment_id}/_stats`: the allocation
    /// state of an in-cluster endpoint's deployment (needs `monitor_ml`).
    pub fn model_stats(deployment_id: &str) -> Self {
        Request::new(
            Method::Get,
            &["_ml", "trained_models", deployment_id, "_stats"],
        )
    }

    /// Whether sending this twice does no harm: reads, and updates (the
    /// same settings merged again). A create or a delete is not.
    pub fn is_idempotent(&self) -> bool {
        self.method == Method::Get
            || self.segments.last().is_some_and(|s| s == "_update")
            // An inference call changes nothing.
            || (self.method == Method::Post && self.segments.first().is_some_and(|s| s == "_inference"))
    }

    /// The task type in the path, if any: it decides how long the server
    /// may take (#152179).
    pub fn task_type(&self) -> Option<TaskType> {
        self.segments.get(1).and_then(|s| s.parse().ok())
    }

    /// The request path, each segment percent-encoded.
    pub fn path(&self) -> String {
        self.segments
            .iter()
            .map(|s| format!("/{}", encode_segment(s)))
            .collect()
    }

    /// The full URL under `base` (which may carry a path prefix of its own).
    pub fn url(&self, base: &reqwest::Url) -> String {
        let query: Vec<String> = self
            .query
            .iter()
            .map(|(k, v)| format!("{k}={}", encode_segment(v)))
            .collect();
        let mut url = format!("{}{}", base.as_str().trim_end_matches('/'), self.path());
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query.join("&"));
        }
        url
    }
}

/// Preconfigured endpoints (Elastic's own, such as `.elser-2-elasticsearch`)
/// have ids starting with `.` (`ElasticsearchInternalService`'s constants,
/// `InternalPreconfiguredEndpoints`): listed, never changed by infer.
pub fn is_preconfigured(id: &str) -> bool {
    id.starts_with('.')
}

/// An Elasticsearch duration (`90s`, `2m`, `1h`, `500ms`), as the server's
/// `timeout` parameter takes it. The error names the text and the fix.
pub fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    use std::time::Duration;
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let n: Option<u64> = digits.parse().ok();
    let duration = n.and_then(|n| match unit {
        "d" => n.checked_mul(86_400).map(Duration::from_secs),
        "h" => n.checked_mul(3_600).map(Duration::from_secs),
        "m" => n.checked_mul(60).map(Duration::from_secs),
        "s" => Some(Duration::from_secs(n)),
        "ms" => Some(Duration::from_millis(n)),
        _ => None,
    });
    duration.ok_or_else(|| {
        format!("'{text}' is not a duration: write a whole number and a unit, e.g. 90s, 2m or 1h")
    })
}

/// A time limit: a duration above zero and at most an hour.
pub fn parse_time_limit(text: &str) -> Result<std::time::Duration, String> {
    let limit = parse_duration(text)?;
    if limit.is_zero() || limit > std::time::Duration::from_secs(3600) {
        return Err(format!(
            "'{text}' is not a usable time limit: give more than 0 and at most 1h"
        ));
    }
    Ok(limit)
}

/// Percent-encode one path segment: everything but `A-Z a-z 0-9 _ . - ~`
/// becomes `%XX`, `/` included, so no id can change the route (as
/// elasticsearch-py's `_quote` in `elasticsearch/_sync/client/utils.py`).
pub fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'.' | b'-' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Pick the endpoint out of a GET answer (`{"endpoints": [...]}`,
/// elasticsearch-specification `specification/inference/get/GetResponse.ts`)
/// or an update answer (the endpoint object itself,
/// `specification/inference/update/UpdateInferenceResponse.ts`).
pub fn endpoint_from_answer(answer: &Value, inference_id: &str) -> Option<Value> {
    match answer.get("endpoints").and_then(Value::as_array) {
        Some(list) => list
            .iter()
            .find(|e| crate::stored::id(e) == inference_id)
            .cloned(),
        None if answer.get("inference_id").is_some() => Some(answer.clone()),
        None => None,
    }
}

#[cfg(test)]
mod tests;
