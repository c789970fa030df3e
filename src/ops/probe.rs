//! One small inference call through an endpoint: the proof that its
//! provider key works, which Elasticsearch never shows otherwise
//! (`ModelConfigurations.toFilteredXContent` leaves secrets out).

use anyhow::Result;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

use crate::api::{Request, TaskType};
use crate::client::Client;
use crate::error::Error;

/// What the endpoint answered.
#[derive(Debug)]
pub struct Probe {
    pub took: Duration,
    /// The answer's shape in words: "an embedding of 1536 dimensions".
    pub shape: String,
    /// The answer itself, shown only when asked for.
    pub answer: Value,
}

/// Whether infer can probe an endpoint of this task type (checked before
/// an update with `--probe` writes anything).
pub fn probeable(task_type: TaskType) -> Result<()> {
    if task_type == TaskType::ChatCompletion {
        return Err(Error::usage(
            "infer probe does not probe chat_completion endpoints yet (they answer only as a \
             stream): leave --probe out, or probe a completion endpoint of the same provider",
        ));
    }
    Ok(())
}

/// The input fitted to the task type: a text, or a query and two documents.
fn input(task_type: TaskType) -> Result<Value> {
    probeable(task_type)?;
    Ok(match task_type {
        TaskType::Rerank => json!({
            "query": "Which city is the capital of France?",
            "input": ["Paris is the capital of France.", "Berlin is the capital of Germany."]
        }),
        _ => json!({ "input": "infer probe: is this endpoint working?" }),
    })
}

/// Send one inference call through endpoint `id`. An HTTP error is the
/// provider's (or the endpoint's) rejection: [`Error::ProbeRejected`].
pub fn probe(client: &Client, id: &str, task_type: TaskType) -> Result<Probe> {
    let request = Request::infer(task_type, id, input(task_type)?);
    let started = Instant::now();
    let answer = client
        .send(&request)
        .map_err(|e| match e.downcast_ref::<Error>() {
            Some(Error::Http { status, message }) if from_provider(*status, message) => {
                Error::ProbeRejected(format!(
                    "the probe of endpoint '{id}' failed: {}",
                    message.lines().next().unwrap_or_default()
                ))
                .into()
            }
            _ => e,
        })?;
    Ok(Probe {
        took: started.elapsed(),
        shape: shape(task_type, &answer),
        answer,
    })
}

/// Whether an error answer is the provider's rejection, passed on by
/// Elasticsearch ("… status code for request from inference entity id …"),
/// rather than Elasticsearch's own (a task type that does not match).
fn from_provider(status: u16, message: &str) -> bool {
    matches!(status, 401 | 403 | 429)
        || message.contains("for request from inference entity id")
        || message.contains("validation call to service")
}

/// The answer in a few words, never its vectors (the response shapes of
/// `inference.inference`: elasticsearch-specification
/// `specification/inference/inference/InferenceResponse.ts`, `_types/Results.ts`).
fn shape(task_type: TaskType, answer: &Value) -> String {
    let first = |key: &str| {
        answer
            .get(key)
            .and_then(Value::as_array)
            .and_then(|a| a.first())
    };
    match task_type {
        TaskType::TextEmbedding | TaskType::Embedding => {
            let vector = first("text_embedding")
                .or_else(|| first("text_embedding_bytes"))
                .or_else(|| first("text_embedding_bits"))
                .or_else(|| first("embeddings"))
                .and_then(|e| e.get("embedding"))
                .and_then(Value::as_array);
            match vector {
                Some(v) => format!("an embedding of {} dimensions", v.len()),
                None => "an answer without an embedding".to_string(),
            }
        }
        TaskType::SparseEmbedding => {
            let tokens = first("sparse_embedding")
                .and_then(|e| e.get("embedding"))
                .and_then(Value::as_object)
                .map(|m| m.len());
            match tokens {
                Some(n) => format!("a sparse embedding of {n} tokens"),
                None => "an answer without a sparse embedding".to_string(),
            }
        }
        TaskType::Rerank => {
            let ranked = answer.get("rerank").and_then(Value::as_array);
            match ranked {
                Some(r) => format!("{} ranked documents", r.len()),
                None => "an answer without a ranking".to_string(),
            }
        }
        TaskType::Completion | TaskType::ChatCompletion => {
            let text = first("completion")
                .and_then(|c| c.get("result"))
                .and_then(Value::as_str);
            match text {
                Some(t) => format!("a completion of {} characters", t.chars().count()),
                None => "an answer without a completion".to_string(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_in_words() {
        let emb = json!({"text_embedding": [{"embedding": [0.1, 0.2, 0.3]}]});
        assert_eq!(
            shape(TaskType::TextEmbedding, &emb),
            "an embedding of 3 dimensions"
        );
        let sparse = json!({"sparse_embedding": [{"is_truncated": false, "embedding": {"a": 1.0, "b": 0.5}}]});
        assert_eq!(
            shape(TaskType::SparseEmbedding, &sparse),
            "a sparse embedding of 2 tokens"
        );
        let rerank = json!({"rerank": [{"index": 0, "relevance_score": 0.9}, {"index": 1, "relevance_score": 0.1}]});
        assert_eq!(shape(TaskType::Rerank, &rerank), "2 ranked documents");
        assert_eq!(
            shape(
                TaskType::Completion,
                &json!({"completion": [{"result": "OK"}]})
            ),
            "a completion of 2 characters"
        );
        assert_eq!(
            shape(TaskType::Rerank, &json!({})),
            "an answer without a ranking"
        );
    }
}
