//! The Elasticsearch inference API as infer speaks it: task types, request
//! paths (percent-encoded segment by segment), and the server's error bodies.
//! Rules cite `../shared/reference/elasticsearch-inference-api.md` ("ref N").

use serde_json::Value;
use std::fmt;
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
    /// The server's enum (ref 2, notes; ref 6.1).
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

    /// Only embedding task types take `chunking_settings` (ref 6.2).
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

    /// Case-insensitive, as the server's `TaskType.fromString` (ref 3.2).
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
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
        }
    }
}

/// One call to the server: method, path segments (encoded when the URL is
/// built), and an optional JSON body.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    pub segments: Vec<String>,
    pub body: Option<Value>,
    /// Dotted body paths that hold secrets beyond the ones every service
    /// uses (`secret::is_secret_field`): masked wherever the body is shown.
    pub secret_paths: Vec<String>,
}

impl Request {
    /// `GET /_inference/{inference_id}`: the pre-flight read.
    pub fn get_endpoint(inference_id: &str) -> Self {
        Request {
            method: Method::Get,
            segments: vec!["_inference".into(), inference_id.into()],
            body: None,
            secret_paths: Vec::new(),
        }
    }

    /// `PUT /_inference/{task_type}/{inference_id}/_update`. Always PUT and
    /// always the two-segment form: the one-segment form answers 400 on
    /// servers before #121231 (ref 1.2, 3.1, 3.2).
    pub fn update(task_type: TaskType, inference_id: &str, body: Value) -> Self {
        Request {
            method: Method::Put,
            segments: vec![
                "_inference".into(),
                task_type.as_str().into(),
                inference_id.into(),
                "_update".into(),
            ],
            body: Some(body),
            secret_paths: Vec::new(),
        }
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
        format!("{}{}", base.as_str().trim_end_matches('/'), self.path())
    }
}

/// Percent-encode one path segment: everything but `A-Z a-z 0-9 _ . - ~`
/// becomes `%XX`, `/` included, so no id can change the route (ref 9.1,
/// "Path escaping").
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

/// Pick the endpoint out of a GET answer (`{"endpoints": [...]}`, ref 2) or
/// an update answer (the endpoint object itself, ref 3.5).
pub fn endpoint_from_answer(answer: &Value, inference_id: &str) -> Option<Value> {
    match answer.get("endpoints").and_then(Value::as_array) {
        Some(list) => list
            .iter()
            .find(|e| e.get("inference_id").and_then(Value::as_str) == Some(inference_id))
            .cloned(),
        None if answer.get("inference_id").is_some() => Some(answer.clone()),
        None => None,
    }
}

/// Render an error answer in one line, from either shape the server uses
/// (ref 8.1): an `error` object with `type`, `reason`, `caused_by`, or a
/// plain `error` string. A body that is not JSON (a proxy's HTML page) is
/// shown as an excerpt.
pub fn render_error(status: u16, reason_phrase: &str, body: &str) -> String {
    let head = format!("HTTP {status}");
    let Ok(json) = serde_json::from_str::<Value>(body) else {
        let excerpt = excerpt(body);
        return if excerpt.is_empty() {
            format!("{head} {reason_phrase} (empty body)")
        } else {
            format!("{head} {reason_phrase} (not an Elasticsearch answer): {excerpt}")
        };
    };
    match json.get("error") {
        Some(Value::String(text)) => format!("{head}: {text}"),
        Some(error @ Value::Object(_)) => {
            // The reason, then each distinct cause (a timeout answer has
            // only a `caused_by`, ref 3.10).
            let mut parts: Vec<String> = Vec::new();
            let mut cause = Some(error);
            while let Some(c) = cause.filter(|_| parts.len() < 4) {
                if let Some(text) = describe_cause(c).filter(|t| !parts.contains(t)) {
                    parts.push(text);
                }
                cause = c.get("caused_by");
            }
            match parts.split_first() {
                Some((first, rest)) => rest.iter().fold(format!("{head} {first}"), |line, c| {
                    format!("{line} (caused by {c})")
                }),
                None => format!("{head} {reason_phrase}"),
            }
        }
        _ => format!("{head} {reason_phrase}: {}", excerpt(body)),
    }
}

fn describe_cause(cause: &Value) -> Option<String> {
    let kind = cause.get("type").and_then(Value::as_str);
    let reason = cause.get("reason").and_then(Value::as_str);
    match (kind, reason) {
        (Some(k), Some(r)) => Some(format!("{k}: {r}")),
        (Some(k), None) => Some(k.to_string()),
        (None, Some(r)) => Some(r.to_string()),
        (None, None) => None,
    }
}

/// At most 200 characters of a body, tags dropped and white space folded.
fn excerpt(body: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match folded.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &folded[..cut]),
        None => folded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn segments_are_encoded_so_ids_cannot_change_the_route() {
        assert_eq!(encode_segment("my id/../x"), "my%20id%2F..%2Fx");
        let req = Request::update(TaskType::Rerank, "a/b?c#d", json!({}));
        assert_eq!(req.path(), "/_inference/rerank/a%2Fb%3Fc%23d/_update");
        let base = reqwest::Url::parse("https://h:9243/prefix/").unwrap();
        assert_eq!(
            req.url(&base),
            "https://h:9243/prefix/_inference/rerank/a%2Fb%3Fc%23d/_update"
        );
    }

    #[test]
    fn task_types_parse_case_insensitively() {
        assert_eq!("Text_Embedding".parse(), Ok(TaskType::TextEmbedding));
        let err = "bogus".parse::<TaskType>().unwrap_err();
        assert!(err.contains("sparse_embedding, text_embedding"), "{err}");
    }

    #[test]
    fn renders_both_error_shapes() {
        let object = r#"{"error":{"root_cause":[{"type":"resource_not_found_exception","reason":"Inference endpoint not found [x]"}],"type":"resource_not_found_exception","reason":"Inference endpoint not found [x]"},"status":404}"#;
        assert_eq!(
            render_error(404, "Not Found", object),
            "HTTP 404 resource_not_found_exception: Inference endpoint not found [x]"
        );
        let string = r#"{"error":"Incorrect HTTP method for uri [/x] and method [POST], allowed: [PUT]","status":405}"#;
        assert_eq!(
            render_error(405, "Method Not Allowed", string),
            "HTTP 405: Incorrect HTTP method for uri [/x] and method [POST], allowed: [PUT]"
        );
    }

    #[test]
    fn renders_caused_by_and_cause_only_errors() {
        let body = r#"{"error":{"caused_by":{"type":"timeout_exception","reason":"Request timed out after [1ms] for inference id [llama-chat]","timed_out":true}},"status":400}"#;
        assert_eq!(
            render_error(400, "Bad Request", body),
            "HTTP 400 timeout_exception: Request timed out after [1ms] for inference id [llama-chat]"
        );
    }

    #[test]
    fn renders_html_as_an_excerpt() {
        let html = "<html><head><title>502 Bad Gateway</title></head>\n<body><h1>502 Bad Gateway</h1></body></html>";
        assert_eq!(
            render_error(502, "Bad Gateway", html),
            "HTTP 502 Bad Gateway (not an Elasticsearch answer): 502 Bad Gateway 502 Bad Gateway"
        );
    }

    #[test]
    fn finds_the_endpoint_in_both_answer_shapes() {
        let listed = json!({"endpoints": [{"inference_id": "a"}, {"inference_id": "b"}]});
        assert_eq!(
            endpoint_from_answer(&listed, "b"),
            Some(json!({"inference_id": "b"}))
        );
        let direct = json!({"inference_id": "a", "task_type": "rerank"});
        assert_eq!(endpoint_from_answer(&direct, "a"), Some(direct.clone()));
        assert_eq!(
            endpoint_from_answer(&json!({"acknowledged": true}), "a"),
            None
        );
    }
}
