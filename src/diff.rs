//! The smallest update that turns a stored endpoint into an edited copy:
//! only the keys that changed, never the read-only ones. Service and task
//! settings are merged by the server, so a changed key is sent alone;
//! chunking settings are replaced, so they are sent whole (ref 3.7).

use serde_json::{Map, Value};

use crate::body::{Body, SECTIONS};
use crate::secret;

const READ_ONLY: [&str; 3] = ["inference_id", "task_type", "service"];

/// The update, with warnings about edits an update cannot make (removing
/// a setting). An empty body means nothing changed. `Err` says what is
/// wrong with the edited text and how to fix it.
pub fn smallest_update(stored: &Value, edited: &Value) -> Result<Body, String> {
    let Value::Object(edited) = edited else {
        return Err("the endpoint must be a JSON object".into());
    };
    let mut body = Body::default();
    for (key, value) in edited {
        if READ_ONLY.contains(&key.as_str()) {
            if stored.get(key) != Some(value) {
                return Err(format!(
                    "{key} cannot change (it was {}, now {value}): put it back",
                    stored
                        .get(key)
                        .map_or("absent".to_string(), Value::to_string)
                ));
            }
        } else if !SECTIONS.contains(&key.as_str()) {
            return Err(format!(
                "unknown key '{key}': an endpoint has {}, {}",
                READ_ONLY.join(", "),
                SECTIONS.join(", ")
            ));
        } else if !value.is_object() {
            return Err(format!("{key} must be a JSON object"));
        }
    }
    for section in SECTIONS {
        let old = stored.get(section);
        let new = edited.get(section);
        match (old, new) {
            (Some(_), None) => body.warnings.push(format!(
                "{section} was removed, but an update cannot remove settings: it stays"
            )),
            (_, Some(new)) if section == "chunking_settings" && old != Some(new) => {
                body.sections.insert(section.into(), new.clone());
            }
            (old, Some(Value::Object(new))) => {
                let empty = Map::new();
                let old = old.and_then(Value::as_object).unwrap_or(&empty);
                let changes = changed(old, new, section, &mut body.warnings);
                if !changes.is_empty() {
                    body.sections.insert(section.into(), Value::Object(changes));
                }
            }
            _ => {}
        }
    }
    Ok(body)
}

/// Leave out of `body` the values the stored endpoint already has: merging
/// the same value changes nothing, but it can set off a warning, or a call
/// to the provider on newer servers (ref 3.10). Secrets (write-only) and
/// `num_allocations` (a live count, which 8.17 wants in every update of an
/// in-cluster endpoint; ref 3.9) always stay. Returns what was left out.
pub fn prune_unchanged(body: &mut Body, stored: &Value) -> Vec<String> {
    let mut dropped = Vec::new();
    let secret_paths = body.secret_paths.clone();
    let keep = |path: &str| {
        path == "service_settings.num_allocations"
            || secret_paths.iter().any(|s| s == path)
            || secret::is_secret_field(path.rsplit('.').next().unwrap_or(path))
    };
    body.sections.retain(|section, value| {
        let old = stored.get(section);
        if section == "chunking_settings" {
            let same = old == Some(value);
            if same {
                dropped.push(section.clone());
            }
            return !same;
        }
        if let Value::Object(map) = value {
            prune(map, old, section, &keep, &mut dropped);
            return !map.is_empty();
        }
        true
    });
    dropped
}

fn prune(
    map: &mut Map<String, Value>,
    old: Option<&Value>,
    path: &str,
    keep: &dyn Fn(&str) -> bool,
    dropped: &mut Vec<String>,
) {
    map.retain(|key, value| {
        let child = format!("{path}.{key}");
        let before = old.and_then(|o| o.get(key));
        if keep(&child) {
            return true;
        }
        match value {
            Value::Object(inner) if !inner.is_empty() => {
                prune(inner, before, &child, keep, dropped);
                !inner.is_empty()
            }
            _ if before == Some(value) => {
                dropped.push(child);
                false
            }
            _ => true,
        }
    });
}

/// The keys of `new` that differ from `old`, nested objects by their
/// changed keys; a removed key is warned about.
fn changed(
    old: &Map<String, Value>,
    new: &Map<String, Value>,
    path: &str,
    warnings: &mut Vec<String>,
) -> Map<String, Value> {
    let mut out = Map::new();
    for (key, value) in new {
        match (old.get(key), value) {
            (Some(o), v) if o == v => {}
            (Some(Value::Object(o)), Value::Object(n)) => {
                let inner = changed(o, n, &format!("{path}.{key}"), warnings);
                if !inner.is_empty() {
                    out.insert(key.clone(), Value::Object(inner));
                }
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    for key in old.keys().filter(|k| !new.contains_key(*k)) {
        warnings.push(format!(
            "{path}.{key} was removed, but an update cannot remove a setting: it stays"
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn stored() -> Value {
        json!({"inference_id": "e", "task_type": "text_embedding", "service": "openai",
            "service_settings": {"model_id": "m", "rate_limit": {"requests_per_minute": 3000}, "dimensions": 8},
            "task_settings": {"user": "a"},
            "chunking_settings": {"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1}})
    }

    #[test]
    fn only_changed_keys_and_whole_chunking() {
        let mut edited = stored();
        edited["service_settings"]["rate_limit"]["requests_per_minute"] = json!(500);
        edited["chunking_settings"]["max_chunk_size"] = json!(300);
        let body = smallest_update(&stored(), &edited).unwrap();
        assert_eq!(
            body.to_json(),
            json!({"service_settings": {"rate_limit": {"requests_per_minute": 500}},
                   "chunking_settings": {"strategy": "sentence", "max_chunk_size": 300, "sentence_overlap": 1}})
        );
        assert!(body.warnings.is_empty());
    }

    #[test]
    fn unchanged_values_are_pruned_but_secrets_and_allocations_stay() {
        let mut body = Body {
            sections: json!({
            "service_settings": {"model_id": "m", "api_key": "k", "num_allocations": 1,
                                 "rate_limit": {"requests_per_minute": 3000}, "dimensions": 9},
            "task_settings": {"user": "a"},
            "chunking_settings": {"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1}
        })
        .as_object()
        .cloned()
        .unwrap(),
            ..Body::default()
        };
        let dropped = prune_unchanged(&mut body, &stored());
        assert_eq!(
            dropped,
            [
                "service_settings.model_id",
                "service_settings.rate_limit.requests_per_minute",
                "task_settings.user",
                "chunking_settings"
            ]
        );
        assert_eq!(
            body.to_json(),
            json!({"service_settings": {"api_key": "k", "num_allocations": 1, "dimensions": 9}})
        );
    }

    #[test]
    fn no_change_is_an_empty_body() {
        assert!(smallest_update(&stored(), &stored()).unwrap().is_empty());
    }

    #[test]
    fn removals_are_warned_about_and_read_only_keys_refused() {
        let mut edited = stored();
        edited["service_settings"]
            .as_object_mut()
            .unwrap()
            .remove("dimensions");
        edited.as_object_mut().unwrap().remove("task_settings");
        let body = smallest_update(&stored(), &edited).unwrap();
        assert!(body.is_empty());
        assert_eq!(body.warnings.len(), 2, "{:?}", body.warnings);

        let mut edited = stored();
        edited["service"] = json!("cohere");
        let err = smallest_update(&stored(), &edited).unwrap_err();
        assert!(err.contains("service cannot change"), "{err}");
        let err = smallest_update(&stored(), &json!({"settings": {}})).unwrap_err();
        assert!(err.contains("unknown key 'settings'"), "{err}");
    }
}
