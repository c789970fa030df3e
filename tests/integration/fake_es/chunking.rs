//! Chunking settings (`x-pack/plugin/core/src/main/java/org/elasticsearch/xpack/core/inference/
//! chunking/`, `ChunkingSettingsBuilder.java` and the per-strategy classes): validation and
//! rendering.

use super::Obj;
use super::errors::{Res, bad_request, es_error, java, validation_failed};
use serde_json::{Value, json};

/// `RecursiveChunkingSettings.java`: the most separators a `recursive` strategy takes.
const MAX_SEPARATORS: usize = 50;

pub(super) fn default_chunking() -> Value {
    json!({"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1})
}

/// A separator group's separators, after `SeparatorGroup.getSeparators()` in the
/// classes above (unverified: the server's own patterns are regexes that differ).
fn separator_group(name: &str) -> Option<Vec<&'static str>> {
    match name.trim().to_ascii_lowercase().as_str() {
        "plaintext" => Some(vec!["\n\n", "\n"]),
        "markdown" => Some(vec![
            "\n# ",
            "\n## ",
            "\n### ",
            "\n#### ",
            "\n##### ",
            "\n###### ",
            "^(?!\\s*$).*\\n*{3,}\\n",
            "^(?!\\s*$).*\\n-{3,}\\n",
            "^(?!\\s*$).*\\n_{3,}\\n",
        ]),
        _ => None,
    }
}

/// A required positive integer in `chunking_settings` (`ServiceUtils` messages).
fn chunk_int(map: &Obj, key: &str, required: bool, errors: &mut Vec<String>) -> Option<i64> {
    match map.get(key) {
        None | Some(Value::Null) => {
            if required {
                errors.push(format!(
                    "[chunking_settings] does not contain the required setting [{key}]"
                ));
            }
            None
        }
        Some(v) => {
            match v.as_i64() {
                None => {
                    errors.push(format!(
                    "field [{key}] is not of the expected type. The value [{}] cannot be converted to a [Integer]",
                    java(v)
                ));
                    None
                }
                Some(n) if n <= 0 && required => {
                    errors.push(format!("[chunking_settings] Invalid value [{n}]. [{key}] must be a positive integer"));
                    None
                }
                Some(n) => Some(n),
            }
        }
    }
}

/// Validate and render chunking settings: defaults filled in, groups expanded.
pub(super) fn build_chunking(v: &Value) -> Res<Value> {
    let Some(map) = v.as_object() else {
        return Err(bad_request(&format!(
            "Unable to parse [chunking_settings] in the request [{{chunking_settings={}}}]",
            java(v)
        )));
    };
    if map.is_empty() {
        return Ok(default_chunking());
    }
    let strategy = match map.get("strategy") {
        None | Some(Value::Null) => {
            return Err(es_error(
                400,
                "illegal_argument_exception",
                "Can't generate Chunker without ChunkingStrategy provided",
            ));
        }
        Some(s) => s.as_str().map(str::to_string).unwrap_or_else(|| java(s)),
    };
    let (label, valid): (&str, &[&str]) = match strategy.as_str() {
        "sentence" => (
            "Sentence based",
            &["strategy", "max_chunk_size", "sentence_overlap"],
        ),
        "word" => ("Word based", &["strategy", "max_chunk_size", "overlap"]),
        "recursive" => (
            "Recursive",
            &[
                "strategy",
                "max_chunk_size",
                "separator_group",
                "separators",
            ],
        ),
        "none" => ("None", &["strategy"]), // accepted keys (unverified), #129150
        other => {
            return Err(es_error(
                400,
                "illegal_argument_exception",
                &format!("Invalid chunkingStrategy {other}"),
            ));
        }
    };
    let mut errors = Vec::new();
    let invalid: Vec<&str> = map
        .keys()
        .map(String::as_str)
        .filter(|k| !valid.contains(k))
        .collect();
    if !invalid.is_empty() {
        errors.push(format!(
            "{label} chunking settings can not have the following settings: [{}]",
            invalid.join(", ")
        ));
    }
    let mut out = Obj::new();
    out.insert("strategy".into(), json!(strategy));
    if strategy != "none" {
        let min = if strategy == "sentence" { 20 } else { 10 };
        let size = chunk_int(map, "max_chunk_size", true, &mut errors).filter(|n| {
            let ok = *n >= min;
            if !ok {
                errors.push(format!(
                    "[chunking_settings] Invalid value [{n}.0]. [max_chunk_size] must be a greater than or equal to [{min}.0]"
                ));
            }
            ok
        });
        out.insert("max_chunk_size".into(), json!(size));
        match strategy.as_str() {
            "sentence" => {
                let overlap = chunk_int(map, "sentence_overlap", false, &mut errors).unwrap_or(1);
                if !(0..=1).contains(&overlap) {
                    errors.push(format!("sentence_overlap[{overlap}] must be either 0 or 1"));
                }
                out.insert("sentence_overlap".into(), json!(overlap));
            }
            "word" => {
                if let Some(size) = size {
                    let overlap = chunk_int(map, "overlap", true, &mut errors);
                    if let Some(o) = overlap.filter(|o| *o > size / 2) {
                        errors.push(format!(
                            "overlap[{o}] must be less than or equal to half of max chunk size"
                        ));
                    }
                    out.insert("overlap".into(), json!(overlap));
                }
            }
            _ => {
                let group = match map.get("separator_group") {
                    None | Some(Value::Null) => None,
                    Some(g) => {
                        let found = g.as_str().and_then(separator_group);
                        if found.is_none() {
                            errors.push(format!(
                                "[chunking_settings] Invalid value [{}] received. [separator_group] must be one of [markdown, plaintext]",
                                java(g)
                            ));
                        }
                        found.map(|s| s.iter().map(|x| x.to_string()).collect::<Vec<_>>())
                    }
                };
                let list = match map.get("separators") {
                    None | Some(Value::Null) => None,
                    Some(Value::Array(a)) if a.iter().all(Value::is_string) => {
                        if a.is_empty() {
                            errors.push("Recursive chunking settings can not have an empty list of separators".into()); // approximate
                        }
                        // xpack/core/inference/chunking/RecursiveChunkingSettings.java
                        if a.len() > MAX_SEPARATORS {
                            errors.push(format!(
                                "separators list size [{}] must not exceed [{MAX_SEPARATORS}]",
                                a.len()
                            ));
                        }
                        Some(
                            a.iter()
                                .filter_map(|x| x.as_str().map(String::from))
                                .collect::<Vec<_>>(),
                        )
                    }
                    Some(other) => {
                        errors.push(format!(
                            "field [separators] is not of the expected type. The value [{}] cannot be converted to a [List]",
                            java(other)
                        ));
                        None
                    }
                };
                if map.get("separator_group").is_some_and(|g| !g.is_null()) && list.is_some() {
                    errors.push("Recursive chunking settings can not have both separators and separator_set".into());
                }
                let plain = || {
                    separator_group("plaintext")
                        .unwrap_or_default()
                        .iter()
                        .map(|s| s.to_string())
                        .collect()
                };
                out.insert(
                    "separators".into(),
                    json!(list.or(group).unwrap_or_else(plain)),
                );
            }
        }
    }
    if errors.is_empty() {
        Ok(Value::Object(out))
    } else {
        Err(validation_failed("validation_exception", &errors))
    }
}
