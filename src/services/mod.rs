//! What infer knows about the services: tables of task types and required
//! secrets (elasticsearch-specification
//! `specification/inference/_types/TaskType.ts` and `CommonTypes.ts`; each
//! service's `SUPPORTED_TASK_TYPES` and secret-settings class in
//! elastic/elasticsearch), checked before a
//! create; what an update may change (`updatable.rs`); and helpers to read
//! the server's own catalogue (`GET _inference/_services`).

use serde_json::Value;

use crate::api::TaskType;

mod updatable;
pub use updatable::{Updatable, UpdateRules, secret_kinds, stored_kind};

/// `service` → its task types (elasticsearch-specification
/// `specification/inference/_types/TaskType.ts` and `CommonTypes.ts`).
const TASK_TYPES: &[(&str, &[&str])] = &[
    ("ai21", &["completion", "chat_completion"]),
    (
        "alibabacloud-ai-search",
        &["text_embedding", "rerank", "completion", "sparse_embedding"],
    ),
    (
        "amazonbedrock",
        &["chat_completion", "completion", "text_embedding"],
    ),
    (
        "amazon_sagemaker",
        &[
            "text_embedding",
            "completion",
            "chat_completion",
            "sparse_embedding",
            "rerank",
        ],
    ),
    ("anthropic", &["completion", "chat_completion"]),
    ("azureaistudio", &["text_embedding", "completion", "rerank"]),
    (
        "azureopenai",
        &["text_embedding", "completion", "chat_completion"],
    ),
    ("cohere", &["text_embedding", "rerank", "completion"]),
    ("contextualai", &["rerank"]),
    (
        "custom",
        &["text_embedding", "sparse_embedding", "rerank", "completion"],
    ),
    ("deepseek", &["completion", "chat_completion"]),
    // EIS, the Elastic Inference Service: its task types on 2026 servers (unverified).
    ("elastic", &TaskType::NAMES),
    (
        "elasticsearch",
        &["sparse_embedding", "text_embedding", "rerank"],
    ),
    ("elser", &["sparse_embedding"]),
    (
        "fireworksai",
        &["chat_completion", "completion", "text_embedding"],
    ),
    ("googleaistudio", &["text_embedding", "completion"]),
    (
        "googlevertexai",
        &["chat_completion", "completion", "text_embedding", "rerank"],
    ),
    ("groq", &["chat_completion"]),
    // sparse_embedding: HuggingFaceService.SUPPORTED_TASK_TYPES, InferenceGetServicesIT.
    (
        "hugging_face",
        &[
            "chat_completion",
            "completion",
            "rerank",
            "text_embedding",
            "sparse_embedding",
        ],
    ),
    ("jinaai", &["embedding", "text_embedding", "rerank"]),
    (
        "llama",
        &["text_embedding", "chat_completion", "completion"],
    ),
    (
        "mistral",
        &["text_embedding", "chat_completion", "completion"],
    ),
    (
        "ocigenai",
        &["text_embedding", "completion", "chat_completion", "rerank"],
    ),
    (
        "nvidia",
        &["chat_completion", "completion", "rerank", "text_embedding"],
    ),
    (
        "openai",
        &[
            "text_embedding",
            "chat_completion",
            "completion",
            "embedding",
        ],
    ),
    (
        "openshift_ai",
        &["text_embedding", "chat_completion", "completion", "rerank"],
    ),
    (
        "tencentcloud",
        &["text_embedding", "completion", "chat_completion", "rerank"],
    ),
    ("voyageai", &["text_embedding", "rerank"]),
    // rerank: IbmWatsonxService.SUPPORTED_TASK_TYPES and the spec's
    // WatsonxTaskType (CommonTypes.ts), although its TaskTypeWatsonx
    // (TaskType.ts) lacks it.
    (
        "watsonxai",
        &["text_embedding", "chat_completion", "completion", "rerank"],
    ),
];

/// The secrets a new endpoint of `service` must have: each inner list is
/// "one of these" (elasticsearch-specification `CommonTypes.ts` and the
/// server's `*SecretSettings` classes, such as `AzureOpenAiSecretSettings`).
/// Services whose secret is optional (ai21, groq),
/// missing from the spec (llama), a map (custom) or absent are not listed.
fn required_secrets(service: &str) -> &'static [&'static [&'static str]] {
    match service {
        "openai" => &[&["api_key", "client_secret"]],
        "azureopenai" => &[&["api_key", "entra_id", "client_secret"]],
        "amazonbedrock" | "amazon_sagemaker" => &[&["access_key"], &["secret_key"]],
        "googlevertexai" => &[&["service_account_json"]],
        "cohere"
        | "mistral"
        | "googleaistudio"
        | "anthropic"
        | "hugging_face"
        | "jinaai"
        | "watsonxai"
        | "alibabacloud-ai-search"
        | "azureaistudio"
        | "deepseek"
        | "fireworksai"
        | "nvidia"
        | "openshift_ai"
        | "contextualai"
        | "voyageai" => &[&["api_key"]],
        _ => &[],
    }
}

/// The services that run in the cluster, on a trained-model deployment.
pub fn is_in_cluster(service: &str) -> bool {
    matches!(service, "elasticsearch" | "elser")
}

/// The services in infer's table, for shell completion.
pub fn names() -> impl Iterator<Item = &'static str> {
    TASK_TYPES.iter().map(|(s, _)| *s)
}

/// Whether infer's table knows `service`.
pub fn is_known(service: &str) -> bool {
    TASK_TYPES.iter().any(|(s, _)| *s == service)
}

/// Check a new endpoint against the tables: the service offers the task
/// type, and every required secret is there. The message says the fix.
pub fn check_create(
    service: &str,
    task_type: TaskType,
    service_settings: Option<&Value>,
) -> Result<(), String> {
    if let Some((_, types)) = TASK_TYPES.iter().find(|(s, _)| *s == service)
        && !types.contains(&task_type.as_str())
    {
        return Err(format!(
            "the {service} service does not offer {task_type} endpoints; it offers {}",
            types.join(", ")
        ));
    }
    for group in required_secrets(service) {
        let present = group
            .iter()
            .any(|name| service_settings.and_then(|s| s.get(name)).is_some());
        if !present {
            let first = group[0];
            let which = match group {
                [one] => format!("the secret {one}"),
                _ => format!("one of the secrets {}", group.join(", ")),
            };
            return Err(format!(
                "endpoints of the {service} service need {which} in service_settings: add \
                 --secret-env {first}=VAR, --secret-file {first}=PATH or --secret {first}"
            ));
        }
    }
    Ok(())
}

/// The entry of `service` in a `_services` answer (an array of
/// `{service, name, task_types, configurations}`).
pub fn catalogue_entry<'a>(catalogue: &'a Value, service: &str) -> Option<&'a Value> {
    catalogue
        .as_array()?
        .iter()
        .find(|s| s.get("service").and_then(Value::as_str) == Some(service))
}

/// Check a new endpoint of a service infer's tables do not know against
/// the server's catalogue: the server offers the service and the task
/// type, and every setting it marks `required` for that task type is
/// there (nested settings are named by their dotted path).
pub fn check_create_by_catalogue(
    catalogue: &Value,
    service: &str,
    task_type: TaskType,
    service_settings: Option<&Value>,
) -> Result<(), String> {
    let Some(entry) = catalogue_entry(catalogue, service) else {
        let offered: Vec<&str> = catalogue
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.get("service").and_then(Value::as_str))
            .collect();
        let offered = if offered.is_empty() {
            "none".to_string()
        } else {
            offered.join(", ")
        };
        return Err(format!(
            "this server has no service '{service}'; it offers: {offered}"
        ));
    };
    let listed = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|t| t.as_str().map(str::to_string))
            .collect()
    };
    let types = listed(entry.get("task_types"));
    if !types.is_empty() && !types.iter().any(|t| t == task_type.as_str()) {
        return Err(format!(
            "the {service} service does not offer {task_type} endpoints; it offers {}",
            types.join(", ")
        ));
    }
    let configurations = entry.get("configurations").and_then(Value::as_object);
    for (key, field) in configurations.into_iter().flatten() {
        let required = field.get("required") == Some(&Value::Bool(true));
        let for_this = listed(field.get("supported_task_types"));
        let applies = for_this.is_empty() || for_this.iter().any(|t| t == task_type.as_str());
        let given = service_settings.is_some_and(|ss| crate::body::at(ss, key).is_some());
        if required && applies && !given {
            let sensitive = field.get("sensitive") == Some(&Value::Bool(true));
            let text = field.get("type").is_none_or(|t| t == "str");
            let how = if sensitive {
                format!("--secret-env {key}=VAR or --secret-file {key}=PATH")
            } else if text {
                format!("--set service_settings.{key}=VALUE")
            } else {
                format!("--set service_settings.{key}:=VALUE")
            };
            return Err(format!(
                "endpoints of the {service} service need service_settings.{key} (the server's \
                 catalogue marks it required): add it with {how}"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Whether a new endpoint with these settings passes the check.
    fn creates(service: &str, task_type: TaskType, settings: Value) -> bool {
        check_create(service, task_type, Some(&settings)).is_ok()
    }

    #[test]
    fn create_checks_task_types_and_secrets() {
        assert!(creates(
            "openai",
            TaskType::TextEmbedding,
            json!({"api_key": "k"})
        ));
        let err =
            check_create("openai", TaskType::Rerank, Some(&json!({"api_key": "k"}))).unwrap_err();
        assert!(
            err.contains("does not offer rerank endpoints; it offers text_embedding"),
            "{err}"
        );
        let err =
            check_create("cohere", TaskType::Rerank, Some(&json!({"model_id": "m"}))).unwrap_err();
        assert!(err.contains("need the secret api_key"), "{err}");
        let err = check_create(
            "amazonbedrock",
            TaskType::Completion,
            Some(&json!({"access_key": "a"})),
        )
        .unwrap_err();
        assert!(err.contains("secret_key"), "{err}");
        assert!(creates(
            "azureopenai",
            TaskType::Completion,
            json!({"entra_id": "e"})
        ));
        assert!(check_create("elasticsearch", TaskType::SparseEmbedding, None).is_ok());
        assert!(check_create("brand-new-service", TaskType::Rerank, None).is_ok());
    }

    #[test]
    fn the_catalogue_checks_a_service_the_tables_do_not_know() {
        let catalogue = json!([{"service": "acme", "task_types": ["rerank"], "configurations": {
            "auth.signature": {"required": true, "sensitive": true},
            "model_id": {"required": true, "supported_task_types": ["text_embedding"]},
            "url": {"required": false}}}]);
        let check =
            |service, tt, ss: Value| check_create_by_catalogue(&catalogue, service, tt, Some(&ss));
        assert!(
            check(
                "acme",
                TaskType::Rerank,
                json!({"auth": {"signature": "s"}})
            )
            .is_ok()
        );
        let err = check("acme", TaskType::Rerank, json!({})).unwrap_err();
        assert!(
            err.contains("need service_settings.auth.signature"),
            "{err}"
        );
        assert!(err.contains("--secret-env auth.signature=VAR"), "{err}");
        let err = check("acme", TaskType::Completion, json!({})).unwrap_err();
        assert!(
            err.contains("does not offer completion endpoints; it offers rerank"),
            "{err}"
        );
        let err = check("nope", TaskType::Rerank, json!({})).unwrap_err();
        assert!(
            err.contains("has no service 'nope'; it offers: acme"),
            "{err}"
        );
    }
}
