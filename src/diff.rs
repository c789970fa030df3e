//! The smallest update that turns a stored endpoint into the one asked
//! for: only the keys that changed, never the read-only ones. The server
//! merges service and task settings by top-level key
//! (`ServiceSettings.updateServiceSettings`, `TaskSettings.updatedTaskSettings`),
//! and replaces an object under such a key whole (unverified), so a changed
//! key is sent with its whole value, the stored value with the change
//! applied; chunking settings are replaced, so they are sent whole too
//! (#149723).

use serde_json::{Map, Value};

use crate::body::{Body, SECTIONS};
use crate::secret;

const READ_ONLY: [&str; 3] = ["inference_id", "task_type", "service"];
/// The sections the server merges by top-level key.
const MERGED: [&str; 2] = ["service_settings", "task_settings"];

/// The update, from an edited copy of the endpoint. A key that was removed
/// becomes `null` (reset or clear, #126479): whether it can be sent is
/// decided with the server's rules. An empty body means nothing changed.
/// `Err` says what is wrong with the edited text and how to fix it.
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
        if section == "chunking_settings" {
            match (old, new) {
                (Some(_), None) => body.warnings.push(
                    "chunking_settings was removed, but an update cannot remove them: they \
                     stay (give other chunking settings to change them)"
                        .to_string(),
                ),
                (_, Some(new)) if old != Some(new) => {
                    body.sections.insert(section.into(), new.clone());
                }
                _ => {}
            }
            continue;
        }
        let empty = Map::new();
        let old = old.and_then(Value::as_object).unwrap_or(&empty);
        let new = new.and_then(Value::as_object).unwrap_or(&empty);
        let mut changes = Map::new();
        for (key, value) in new {
            if old.get(key) != Some(value) {
                changes.insert(key.clone(), value.clone());
            }
        }
        for key in old.keys().filter(|k| !new.contains_key(*k)) {
            changes.insert(key.clone(), Value::Null);
        }
        if !changes.is_empty() {
            body.sections.insert(section.into(), Value::Object(changes));
        }
    }
    Ok(body)
}

/// Make every object the body sets under a top-level key of service or
/// task settings whole: the stored object with the change applied, a
/// `null` inside it removing that key. Sent alone, the change would replace
/// the stored object and lose its other keys (unverified). Secrets are
/// write-only, so an object of secrets stays as given.
pub fn whole_objects(body: &mut Body, stored: &Value) {
    // Chunking without a strategy is a change to the stored chunking; the
    // server replaces chunking whole (#149723), so it is sent whole.
    if let (Some(Value::Object(change)), Some(Value::Object(old))) = (
        body.sections.get("chunking_settings"),
        stored.get("chunking_settings"),
    ) && !change.is_empty()
        && !change.contains_key("strategy")
    {
        let mut whole = old.clone();
        apply(&mut whole, change);
        body.sections
            .insert("chunking_settings".into(), Value::Object(whole));
    }
    let secret_paths = body.secret_paths.clone();
    for section in MERGED {
        let Some(Value::Object(map)) = body.sections.get_mut(section) else {
            continue;
        };
        for (key, value) in map.iter_mut() {
            let path = format!("{section}.{key}");
            if secret::is_secret_field(key) || secret_paths.contains(&path) {
                continue;
            }
            let Value::Object(change) = value else {
                continue;
            };
            let mut whole = match stored.get(section).and_then(|s| s.get(key)) {
                Some(Value::Object(old)) => old.clone(),
                _ => Map::new(),
            };
            apply(&mut whole, change);
            *value = Value::Object(whole);
        }
    }
}

/// Apply `change` to `into`: objects key by key, `null` removes.
fn apply(into: &mut Map<String, Value>, change: &Map<String, Value>) {
    for (key, value) in change {
        match (into.get_mut(key), value) {
            (_, Value::Null) => {
                into.shift_remove(key);
            }
            (Some(Value::Object(old)), Value::Object(inner)) => apply(old, inner),
            _ => {
                into.insert(key.clone(), value.clone());
            }
        }
    }
}

/// Leave out of `body` the values the stored endpoint already has, by
/// top-level key: merging the same value changes nothing, but it can set
/// off a warning, or a call to the provider on newer servers (#140003). A
/// `null` for a key that is not stored has nothing to reset. Secrets
/// (write-only) and `num_allocations` (a live count, #115233, which 8.17
/// wants in every update of an in-cluster endpoint,
/// elastic/elasticsearch@2afb4b65) always stay. Returns what was left out.
pub fn prune_unchanged(body: &mut Body, stored: &Value) -> Vec<String> {
    let mut dropped = Vec::new();
    let secret_paths = body.secret_paths.clone();
    let keep = |path: &str, key: &str| {
        path == "service_settings.num_allocations"
            || secret_paths
                .iter()
                .any(|s| s == path || s.starts_with(&format!("{path}.")))
            || secret::is_secret_field(key)
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
            map.retain(|key, value| {
                let path = format!("{section}.{key}");
                let before = old.and_then(|o| o.get(key));
                let unchanged = match value {
                    Value::Null => before.is_none(),
                    _ => before == Some(value),
                };
                if unchanged && !keep(&path, key) {
                    dropped.push(path);
                    return false;
                }
                true
            });
            return !map.is_empty();
        }
        true
    });
    dropped
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
                "service_settings.rate_limit",
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
    fn removals_become_nulls_and_read_only_keys_are_refused() {
        let mut edited = stored();
        edited["service_settings"]
            .as_object_mut()
            .unwrap()
            .remove("dimensions");
        edited.as_object_mut().unwrap().remove("task_settings");
        let body = smallest_update(&stored(), &edited).unwrap();
        assert_eq!(
            body.to_json(),
            json!({"service_settings": {"dimensions": null}, "task_settings": {"user": null}})
        );
        assert_eq!(
            body.null_paths(),
            ["service_settings.dimensions", "task_settings.user"]
        );

        let mut edited = stored();
        edited["service"] = json!("cohere");
        let err = smallest_update(&stored(), &edited).unwrap_err();
        assert!(err.contains("service cannot change"), "{err}");
        let err = smallest_update(&stored(), &json!({"settings": {}})).unwrap_err();
        assert!(err.contains("unknown key 'settings'"), "{err}");
    }

    #[test]
    fn nested_objects_are_sent_whole() {
        let stored = json!({"service_settings": {"adaptive_allocations":
            {"enabled": true, "min_number_of_allocations": 1, "max_number_of_allocations": 4}}});
        let mut body = Body {
            sections: json!({"service_settings": {"adaptive_allocations":
                {"max_number_of_allocations": 8, "min_number_of_allocations": null}}})
            .as_object()
            .cloned()
            .unwrap(),
            ..Body::default()
        };
        whole_objects(&mut body, &stored);
        assert_eq!(
            body.to_json(),
            json!({"service_settings": {"adaptive_allocations":
                {"enabled": true, "max_number_of_allocations": 8}}})
        );
    }
}
