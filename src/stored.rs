//! What a stored endpoint says of itself (the object `GET _inference/{id}`
//! shows, elasticsearch-specification
//! `specification/inference/_types/Services.ts` `InferenceEndpointInfo`):
//! its id, its service and its task type, read in one place. The lowest
//! layer: it names no module of the crate, so every layer may read an
//! endpoint through it (`ops::stored` adds the checks).
//!
//! Other JSON that happens to have a `service` key (an entry of the
//! server's `_services` catalogue, a plan file, a file of endpoints) is
//! read where it is read, not here.

use serde_json::{Map, Value};

/// `key` of an endpoint as a map, when it is a string.
fn text_in<'v>(endpoint: &'v Map<String, Value>, key: &str) -> Option<&'v str> {
    endpoint.get(key).and_then(Value::as_str)
}

fn text<'v>(endpoint: &'v Value, key: &str) -> &'v str {
    endpoint
        .as_object()
        .and_then(|map| text_in(map, key))
        .unwrap_or_default()
}

/// Its `inference_id` (empty when it names none).
pub fn id(endpoint: &Value) -> &str {
    text(endpoint, "inference_id")
}

/// Its `service` (empty when it names none).
pub fn service(endpoint: &Value) -> &str {
    text(endpoint, "service")
}

/// Its `task_type` as written (empty when it names none).
pub fn task_type_name(endpoint: &Value) -> &str {
    text(endpoint, "task_type")
}

/// The `service` of an endpoint held as a map, when it names one.
pub fn service_in(endpoint: &Map<String, Value>) -> Option<&str> {
    text_in(endpoint, "service")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_endpoint_says_its_id_service_and_task_type() {
        let e = json!({"inference_id": "a", "service": "openai", "task_type": "completion"});
        assert_eq!(
            (id(&e), service(&e), task_type_name(&e)),
            ("a", "openai", "completion")
        );
        let odd = json!({"inference_id": 1});
        assert_eq!(
            (id(&odd), service(&odd), task_type_name(&odd)),
            ("", "", "")
        );
        assert_eq!(service(&json!("not an object")), "");
    }
}
