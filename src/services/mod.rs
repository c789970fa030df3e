//! What infer knows about the services: the reference's tables of task
//! types and required secrets (ref 6.1, 7.2, 15.6), checked before a
//! create; what an update may change (`updatable.rs`); and helpers to read
//! the server's own catalogue (`GET _inference/_services`).

use serde_json::Value;

use crate::api::TaskType;

mod updatable;
pub use updatable::{Updatable, UpdateRules, secret_kinds};

/// `service` → its task types (ref 6.1).
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
    // EIS, the Elastic Inference Service (ref 15.6).
    (
        "elastic",
        &[
            "sparse_embedding",
            "text_embedding",
            "embedding",
            "rerank",
            "completion",
            "chat_completion",
        ],
    ),
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
    // sparse_embedding: HuggingFaceService.SUPPORTED_TASK_TYPES (ref 15.6).
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
    // rerank: IbmWatsonxService.SUPPORTED_TASK_TYPES, although the spec's
    // TaskTypeWatsonx lacks it (ref 15.6).
    (
        "watsonxai",
        &["text_embedding", "chat_completion", "completion", "rerank"],
    ),
];

/// The secrets a new endpoint of `service` must have: each inner list is
/// "one of these" (ref 7.2). Services whose secret is optional (ai21, groq),
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn create_checks_task_types_and_secrets() {
        assert!(
            check_create(
                "openai",
                TaskType::TextEmbedding,
                Some(&json!({"api_key": "k"}))
            )
            .is_ok()
        );
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
        assert!(
            check_create(
                "azureopenai",
                TaskType::Completion,
                Some(&json!({"entra_id": "e"}))
            )
            .is_ok()
        );
        assert!(check_create("elasticsearch", TaskType::SparseEmbedding, None).is_ok());
        assert!(check_create("brand-new-service", TaskType::Rerank, None).is_ok());
    }
}
