//! The rules the server enforces, checked before anything is sent so that a
//! mistake costs no request (`MlStrings.isValidId`, the chunking settings
//! classes, the in-cluster update rules: each cited below).

use anyhow::Result;
use serde_json::Value;

use crate::api::TaskType;
use crate::body::{Body, kind_of};
use crate::error::Error;

/// An id that can be written: `MlStrings.isValidId`,
/// `[a-z0-9](?:[a-z0-9_\-.]*[a-z0-9])?`, not `_all` (`MlStrings.java`). Ids starting
/// with `.` are the preconfigured endpoints, which cannot be changed.
pub fn inference_id(id: &str) -> Result<()> {
    if crate::api::is_preconfigured(id) {
        return Err(Error::usage(format!(
            "'{id}' is a preconfigured endpoint (its id starts with '.'), and Elasticsearch \
             does not allow changing it: create an endpoint of your own instead"
        )));
    }
    pattern(id)
}

/// An id that can be read or deleted: a preconfigured one (`.` and a valid
/// id) as well.
pub fn any_inference_id(id: &str) -> Result<()> {
    fits_a_url(id)?;
    pattern(id.strip_prefix('.').unwrap_or(id)).map_err(|_| {
        Error::usage(format!(
            "invalid inference id '{id}': Elasticsearch accepts lowercase letters, digits, \
             '_', '-' and '.', starting and ending with a letter or digit"
        ))
    })
}

/// The longest request line Elasticsearch reads
/// (`http.max_initial_line_length`, 4kb by default): an id longer than
/// this cannot reach the server in a URL.
const MAX_REQUEST_LINE: usize = 4096;

/// An id longer than a request line is a usage error, said without
/// repeating the id.
fn fits_a_url(id: &str) -> Result<()> {
    if id.len() > MAX_REQUEST_LINE {
        return Err(Error::usage(format!(
            "an inference id of {} characters cannot be sent: Elasticsearch reads a request \
             line of at most {MAX_REQUEST_LINE} bytes (http.max_initial_line_length); check the \
             id",
            id.chars().count()
        )));
    }
    Ok(())
}

fn pattern(id: &str) -> Result<()> {
    fits_a_url(id)?;
    let edge = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    let inner = |c: char| edge(c) || matches!(c, '_' | '-' | '.');
    let valid = id.starts_with(edge) && id.ends_with(edge) && id.chars().all(inner);
    if !valid || id == "_all" {
        return Err(Error::usage(format!(
            "invalid inference id '{id}': Elasticsearch accepts lowercase letters, digits, \
             '_', '-' and '.', starting and ending with a letter or digit"
        )));
    }
    Ok(())
}

/// Everything about a body that can be checked without the server.
pub fn body(body: &Body, task_type: Option<TaskType>) -> Result<()> {
    if let Some(chunking) = body.sections.get("chunking_settings") {
        if let Some(tt) = task_type {
            chunking_allowed(tt).map_err(Error::usage)?;
        }
        self::chunking(chunking).map_err(Error::usage)?;
    }
    num_allocations(body)
}

/// [`body`], for an update whose chunking settings may be a change to the
/// stored ones (no `strategy`): those are checked once made whole.
pub fn update_body(body: &Body, task_type: Option<TaskType>) -> Result<()> {
    match body.sections.get("chunking_settings") {
        Some(c) if is_partial_chunking(c) => {
            if let Some(tt) = task_type {
                chunking_allowed(tt).map_err(Error::usage)?;
            }
            num_allocations(body)
        }
        _ => self::body(body, task_type),
    }
}

/// Chunking settings without a strategy: a change to the stored ones.
pub fn is_partial_chunking(settings: &Value) -> bool {
    settings
        .as_object()
        .is_some_and(|m| !m.is_empty() && !m.contains_key("strategy"))
}

fn num_allocations(body: &Body) -> Result<()> {
    if let Some(n) = body
        .sections
        .get("service_settings")
        .and_then(|s| s.get("num_allocations"))
    {
        if n.is_null() {
            // Left to `ops::allocations`, which names the way to switch.
            return Ok(());
        }
        // 8.17 answers 400 `Failed to parse [num_allocations]` (the 8.17-era
        // `TransportUpdateInferenceModelAction`, elastic/elasticsearch@2afb4b65).
        if n.as_u64().is_none_or(|n| n == 0) {
            let fix = match n.as_str() {
                Some(text) if text.parse::<u64>().is_ok_and(|v| v > 0) => format!(
                    ": that is a string; write --set service_settings.num_allocations:={text} \
                     (or --num-allocations {text})"
                ),
                _ => String::new(),
            };
            return Err(Error::usage(format!(
                "service_settings.num_allocations must be a positive integer, not {n}{fix}"
            )));
        }
    }
    Ok(())
}

/// `chunking_settings` applies to embedding task types only (`InferenceEndpoint`
/// in elasticsearch-specification `specification/inference/_types/Services.ts`).
pub fn chunking_allowed(task_type: TaskType) -> Result<(), String> {
    if task_type.takes_chunking() {
        return Ok(());
    }
    Err(format!(
        "chunking_settings apply only to sparse_embedding, text_embedding and embedding \
         endpoints, and this one is {task_type}: drop the chunking settings"
    ))
}

const STRATEGIES: [&str; 4] = ["sentence", "word", "recursive", "none"];

/// The server's chunking rules (the classes in
/// `x-pack/plugin/core/src/main/java/org/elasticsearch/xpack/core/inference/chunking/`).
pub fn chunking(settings: &Value) -> Result<(), String> {
    let Some(map) = settings.as_object() else {
        return Err(format!(
            "chunking_settings must be a JSON object, not {}",
            kind_of(settings)
        ));
    };
    let strategy = match map.get("strategy") {
        None => {
            return Err(format!(
                "chunking_settings needs a strategy: one of {}, e.g. \
                 {{\"strategy\":\"sentence\",\"max_chunk_size\":250,\"sentence_overlap\":1}}",
                STRATEGIES.join(", ")
            ));
        }
        Some(Value::String(s)) if STRATEGIES.contains(&s.to_ascii_lowercase().as_str()) => {
            s.to_ascii_lowercase()
        }
        Some(other) => {
            return Err(format!(
                "chunking_settings.strategy {other} is not a strategy: use one of {}",
                STRATEGIES.join(", ")
            ));
        }
    };
    let (allowed, min_size): (&[&str], u64) = match strategy.as_str() {
        "sentence" => (&["strategy", "max_chunk_size", "sentence_overlap"], 20),
        "word" => (&["strategy", "max_chunk_size", "overlap"], 10),
        "recursive" => (
            &[
                "strategy",
                "max_chunk_size",
                "separators",
                "separator_group",
            ],
            10,
        ),
        _ => (&["strategy"], 0),
    };
    if let Some(key) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(format!(
            "chunking_settings.{key} is not a setting of the {strategy} strategy: \
             it takes {}",
            allowed.join(", ")
        ));
    }
    if strategy == "none" {
        return Ok(());
    }
    let size = positive_integer(map.get("max_chunk_size"), "max_chunk_size", &strategy)?;
    if size < min_size {
        return Err(format!(
            "chunking_settings.max_chunk_size must be at least {min_size} for the {strategy} \
             strategy, not {size}"
        ));
    }
    match strategy.as_str() {
        "sentence" => match map.get("sentence_overlap") {
            None => {}
            Some(v) if v.as_u64().is_some_and(|n| n <= 1) => {}
            Some(v) => {
                return Err(format!(
                    "chunking_settings.sentence_overlap must be 0 or 1, not {v}"
                ));
            }
        },
        "word" => {
            let overlap = positive_integer(map.get("overlap"), "overlap", &strategy)?;
            if overlap > size / 2 {
                return Err(format!(
                    "chunking_settings.overlap ({overlap}) must be at most half of \
                     max_chunk_size ({size}), so at most {}",
                    size / 2
                ));
            }
        }
        _ => recursive(map)?,
    }
    Ok(())
}

fn positive_integer(value: Option<&Value>, key: &str, strategy: &str) -> Result<u64, String> {
    match value {
        None => Err(format!(
            "chunking_settings.{key} is required for the {strategy} strategy"
        )),
        Some(v) => v
            .as_u64()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("chunking_settings.{key} must be a positive integer, not {v}")),
    }
}

/// The most separators a `recursive` strategy takes
/// (`x-pack/plugin/core/src/main/java/org/elasticsearch/xpack/core/inference/chunking/RecursiveChunkingSettings.java`).
const MAX_SEPARATORS: usize = 50;

fn recursive(map: &serde_json::Map<String, Value>) -> Result<(), String> {
    match (map.get("separators"), map.get("separator_group")) {
        (Some(_), Some(_)) => {
            Err("chunking_settings has both separators and separator_group: keep one".to_string())
        }
        // RecursiveChunkingSettings.java: `separators list size [N] must not
        // exceed [50]`.
        (Some(Value::Array(list)), None)
            if list.len() > MAX_SEPARATORS && list.iter().all(Value::is_string) =>
        {
            Err(format!(
                "chunking_settings.separators holds {} separators, and Elasticsearch takes at \
                 most {MAX_SEPARATORS}: merge or drop some, or use a separator_group",
                list.len()
            ))
        }
        (Some(Value::Array(list)), None)
            if !list.is_empty() && list.iter().all(Value::is_string) =>
        {
            Ok(())
        }
        (Some(other), None) => Err(format!(
            "chunking_settings.separators must be a non-empty list of strings, not {other}"
        )),
        (None, Some(Value::String(g)))
            if matches!(g.to_ascii_lowercase().as_str(), "plaintext" | "markdown") =>
        {
            Ok(())
        }
        (None, Some(other)) => Err(format!(
            "chunking_settings.separator_group must be \"plaintext\" or \"markdown\", not {other}"
        )),
        (None, None) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_follow_the_server_pattern() {
        for ok in ["a", "my-id", "e5_small.v2", "0x"] {
            assert!(inference_id(ok).is_ok(), "{ok}");
        }
        for bad in ["", "My-Id", "-a", "a-", "a b", "a/b", "_all", "é"] {
            assert!(inference_id(bad).is_err(), "{bad}");
        }
        let err = inference_id(".elser-2-elasticsearch")
            .unwrap_err()
            .to_string();
        assert!(err.contains("preconfigured"), "{err}");
    }

    #[test]
    fn chunking_rules() {
        let ok = [
            json!({"strategy": "sentence", "max_chunk_size": 20, "sentence_overlap": 0}),
            json!({"strategy": "word", "max_chunk_size": 10, "overlap": 5}),
            json!({"strategy": "recursive", "max_chunk_size": 200, "separator_group": "Markdown"}),
            json!({"strategy": "recursive", "max_chunk_size": 200, "separators": ["\n\n"]}),
            json!({"strategy": "recursive", "max_chunk_size": 200,
                "separators": (0..50).map(|i| i.to_string()).collect::<Vec<_>>()}),
            json!({"strategy": "none"}),
        ];
        for c in ok {
            assert_eq!(chunking(&c), Ok(()), "{c}");
        }
        let bad = [
            (json!({}), "needs a strategy"),
            (json!({"strategy": "page"}), "not a strategy"),
            (
                json!({"strategy": "sentence", "max_chunk_size": 19}),
                "at least 20",
            ),
            (
                json!({"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 2}),
                "0 or 1",
            ),
            (
                json!({"strategy": "sentence", "max_chunk_size": 250, "overlap": 1}),
                "not a setting of the sentence",
            ),
            (
                json!({"strategy": "word", "max_chunk_size": 9, "overlap": 1}),
                "at least 10",
            ),
            (
                json!({"strategy": "word", "max_chunk_size": 100, "overlap": 51}),
                "at most half",
            ),
            (
                json!({"strategy": "word", "max_chunk_size": 100}),
                "overlap is required",
            ),
            (
                json!({"strategy": "recursive", "max_chunk_size": 100, "separators": ["a"], "separator_group": "markdown"}),
                "keep one",
            ),
            (
                json!({"strategy": "recursive", "max_chunk_size": 100, "separators": []}),
                "non-empty",
            ),
            (
                json!({"strategy": "recursive", "max_chunk_size": 100,
                    "separators": (0..51).map(|i| i.to_string()).collect::<Vec<_>>()}),
                "holds 51 separators, and Elasticsearch takes at most 50",
            ),
            (
                json!({"strategy": "none", "max_chunk_size": 100}),
                "not a setting of the none",
            ),
            (
                json!({"strategy": "word", "max_chunk_size": "big", "overlap": 1}),
                "positive integer",
            ),
        ];
        for (c, expected) in bad {
            let err = chunking(&c).unwrap_err();
            assert!(err.contains(expected), "{c}: {err}");
        }
    }

    #[test]
    fn chunking_only_for_embeddings() {
        assert!(chunking_allowed(TaskType::TextEmbedding).is_ok());
        assert!(chunking_allowed(TaskType::Rerank).is_err());
        assert!(chunking_allowed(TaskType::ChatCompletion).is_err());
    }
}
