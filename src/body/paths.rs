//! The values of a body or an endpoint by their dotted paths
//! (`service_settings.rate_limit`), and the deep merge of the inputs.

use serde_json::{Map, Value};

/// `(dotted path, value)` for each value a section sets. Chunking settings
/// are replaced whole (#149723), so they are one value.
pub fn leaves(path: &str, value: &Value) -> Vec<(String, Value)> {
    match value {
        Value::Object(map) if !map.is_empty() && path != "chunking_settings" => map
            .iter()
            .flat_map(|(k, v)| leaves(&format!("{path}.{k}"), v))
            .collect(),
        _ => vec![(path.to_string(), value.clone())],
    }
}

/// A key of `service_settings` as its short name: `service_settings.api_key`
/// and `api_key` are one.
pub fn bare(name: &str) -> &str {
    name.strip_prefix("service_settings.").unwrap_or(name)
}

/// The value at a dotted path (`service_settings.rate_limit`) of an
/// endpoint, if any.
pub fn at<'v>(endpoint: &'v Value, dotted: &str) -> Option<&'v Value> {
    let pointer: String = dotted
        .split('.')
        .map(|key| format!("/{}", key.replace('~', "~0").replace('/', "~1")))
        .collect();
    endpoint.pointer(&pointer)
}

/// Deep merge: objects merge key by key, anything else replaces.
pub fn merge(into: &mut Map<String, Value>, from: Value) {
    // Values move, not copy: a settings file can be large.
    let Value::Object(from) = from else { return };
    if into.is_empty() {
        // Moved whole: inserting a large object key by key grows the map
        // again and again.
        *into = from;
        return;
    }
    for (key, value) in from {
        match (into.get_mut(&key), value) {
            (Some(Value::Object(existing)), value @ Value::Object(_)) => merge(existing, value),
            (_, value) => {
                into.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn deep_merge_keeps_siblings() {
        let mut into = json!({"a": {"b": 1, "c": 2}, "d": 3})
            .as_object()
            .cloned()
            .unwrap();
        merge(&mut into, json!({"a": {"b": 9}, "d": {"e": 1}}));
        assert_eq!(
            Value::Object(into),
            json!({"a": {"b": 9, "c": 2}, "d": {"e": 1}})
        );
    }
}
