//! Service knowledge (each service's `SUPPORTED_TASK_TYPES` and secret settings class, the
//! specification's `inference/_types/TaskType.ts`, `CommonTypes.ts`, `Services.ts` and
//! per-service docs): task types, services, secret fields and documented settings keys.

use super::Obj;
use std::collections::BTreeSet;

/// Every documented `service_settings` key of every service, except `keep`, as ignored paths.
pub(super) fn frozen_service_settings(keep: &[&str]) -> Vec<String> {
    let keys: BTreeSet<&str> = SERVICES
        .iter()
        .flat_map(|(svc, _)| service_settings_keys(svc).iter().copied())
        .filter(|k| !keep.contains(k))
        .collect();
    keys.iter()
        .map(|k| format!("service_settings.{k}"))
        .collect()
}

#[rustfmt::skip]
pub(super) const TASK_TYPES: &[&str] =
    &["sparse_embedding", "text_embedding", "rerank", "completion", "chat_completion", "embedding"];
/// Specification `InferenceEndpoint.chunking_settings`: the task types that take chunking settings.
pub(super) const EMBEDDING_TYPES: &[&str] = &["sparse_embedding", "text_embedding", "embedding"];

/// Specification `inference/_types/TaskType.ts` and `CommonTypes.ts`.
#[rustfmt::skip]
const SERVICES: &[(&str, &[&str])] = &[
    ("ai21", &["completion", "chat_completion"]),
    ("alibabacloud-ai-search", &["text_embedding", "rerank", "completion", "sparse_embedding"]),
    ("amazonbedrock", &["chat_completion", "completion", "text_embedding"]),
    ("amazon_sagemaker", &["text_embedding", "completion", "chat_completion", "sparse_embedding", "rerank"]),
    ("anthropic", &["completion", "chat_completion"]),
    ("azureaistudio", &["text_embedding", "completion", "rerank"]),
    ("azureopenai", &["text_embedding", "completion", "chat_completion"]),
    ("cohere", &["text_embedding", "rerank", "completion"]),
    ("contextualai", &["rerank"]),
    ("custom", &["text_embedding", "sparse_embedding", "rerank", "completion"]),
    ("deepseek", &["completion", "chat_completion"]),
    ("elasticsearch", &["sparse_embedding", "text_embedding", "rerank"]),
    ("elser", &["sparse_embedding"]),
    ("fireworksai", &["chat_completion", "completion", "text_embedding"]),
    ("googleaistudio", &["text_embedding", "completion"]),
    ("googlevertexai", &["chat_completion", "completion", "text_embedding", "rerank"]),
    ("groq", &["chat_completion"]),
    ("hugging_face", &["chat_completion", "completion", "rerank", "text_embedding"]),
    ("jinaai", &["embedding", "text_embedding", "rerank"]),
    ("llama", &["text_embedding", "chat_completion", "completion"]),
    ("mistral", &["text_embedding", "chat_completion", "completion"]),
    ("nvidia", &["chat_completion", "completion", "rerank", "text_embedding"]),
    ("openai", &["text_embedding", "chat_completion", "completion", "embedding"]),
    ("openshift_ai", &["text_embedding", "chat_completion", "completion", "rerank"]),
    ("voyageai", &["text_embedding", "rerank"]),
    ("watsonxai", &["text_embedding", "chat_completion", "completion"]),
];

/// What the newest servers offer beyond the specification's lists: each service's
/// `SUPPORTED_TASK_TYPES` (`IbmWatsonxService`, `HuggingFaceService`, `InferenceGetServicesIT`).
#[rustfmt::skip]
const NEWEST_SERVICES: &[(&str, &[&str])] = &[
    ("elastic", &["sparse_embedding", "text_embedding", "embedding", "rerank", "completion", "chat_completion"]),
    ("hugging_face", &["chat_completion", "completion", "rerank", "text_embedding", "sparse_embedding"]),
    ("ocigenai", &["text_embedding", "completion", "chat_completion", "rerank"]),
    ("tencentcloud", &["text_embedding", "completion", "chat_completion", "rerank"]),
    ("watsonxai", &["text_embedding", "chat_completion", "completion", "rerank"]),
];

/// The task types of a service on a server with or without the `new_services`.
pub(super) fn service_task_types_on(
    new_services: bool,
    service: &str,
) -> Option<&'static [&'static str]> {
    let extra = NEWEST_SERVICES.iter().filter(|_| new_services);
    extra
        .chain(SERVICES)
        .find(|(s, _)| *s == service)
        .map(|(_, t)| *t)
}

/// Every service the newest server offers, with its task types.
pub(super) fn newest_services() -> Vec<(&'static str, &'static [&'static str])> {
    let mut all: Vec<(&str, &[&str])> = NEWEST_SERVICES.to_vec();
    all.extend(
        SERVICES
            .iter()
            .filter(|(s, _)| !NEWEST_SERVICES.iter().any(|(n, _)| n == s)),
    );
    all.sort_unstable();
    all
}

pub(super) fn service_task_types(service: &str) -> Option<&'static [&'static str]> {
    SERVICES
        .iter()
        .find(|(s, _)| *s == service)
        .map(|(_, t)| *t)
}

pub(super) fn is_in_cluster(service: &str) -> bool {
    matches!(service, "elasticsearch" | "elser")
}

/// Secret fields inside `service_settings` (each service's secret settings class:
/// `DefaultSecretSettings`, `AzureOpenAiSecretSettings`, `AwsSecretSettings`,
/// `GoogleVertexAiSecretSettings`, `OciGenAiSecretSettings`; custom `secret_parameters`).
fn secret_fields(service: &str) -> &'static [&'static str] {
    match service {
        "openai" => &["api_key", "client_secret"],
        "azureopenai" => &["api_key", "entra_id", "client_secret"],
        "amazonbedrock" | "amazon_sagemaker" => &["access_key", "secret_key"],
        "googlevertexai" => &["service_account_json"],
        "custom" => &["secret_parameters"],
        // ocigenai/OciGenAiSecretSettings.java
        "ocigenai" => &["tenancy_id", "user_id", "fingerprint", "private_key"],
        "elasticsearch" | "elser" | "elastic" => &[],
        _ => &["api_key"],
    }
}

/// What the secret-settings parser reports as missing from `provided`
/// (`DefaultSecretSettings`, ES@aee7c9dd; `ServiceUtils.missingSettingErrorMsg`).
pub(super) fn missing_secrets(service: &str, provided: &Obj, stored: &Obj) -> Vec<String> {
    let miss = |k: &str| format!("[secret_settings] does not contain the required setting [{k}]");
    match service {
        "elasticsearch" | "elser" | "elastic" | "custom" => vec![],
        "amazonbedrock" | "amazon_sagemaker" => ["access_key", "secret_key"]
            .iter()
            .filter(|k| !provided.contains_key(**k))
            .map(|k| miss(k))
            .collect(),
        // ocigenai/OciGenAiSecretSettings.java: all four required
        "ocigenai" => ["tenancy_id", "user_id", "fingerprint", "private_key"]
            .iter()
            .filter(|k| !provided.contains_key(**k))
            .map(|k| miss(k))
            .collect(),
        "googlevertexai" if !provided.contains_key("service_account_json") => {
            vec![miss("service_account_json")]
        }
        "googlevertexai" => vec![],
        // AzureOpenAiSecretSettings (approximate text)
        "azureopenai"
            if !["api_key", "entra_id", "client_secret"]
                .iter()
                .any(|k| provided.contains_key(*k)) =>
        {
            vec![
                "[secret_settings] must have either the [api_key] or the [entra_id] key set".into(),
            ]
        }
        "azureopenai" => vec![],
        "openai"
            if stored.contains_key("client_secret") || provided.contains_key("client_secret") =>
        {
            vec![]
        }
        // DefaultSecretSettings
        _ if provided.contains_key("api_key") => vec![],
        _ => vec![miss("api_key")],
    }
}

/// Documented `service_settings` keys per service (spec per-service types and docs), secrets excluded.
#[rustfmt::skip]
pub(super) fn service_settings_keys(service: &str) -> &'static [&'static str] {
    match service {
        "openai" => &["model_id", "organization_id", "url", "dimensions", "similarity", "rate_limit",
            "max_input_tokens", "client_id", "scopes", "token_url"],
        "azureopenai" => &["resource_name", "deployment_id", "api_version", "dimensions", "similarity",
            "rate_limit", "max_input_tokens", "client_id", "scopes", "tenant_id"],
        "cohere" => &["model_id", "embedding_type", "similarity", "dimensions", "max_input_tokens",
            "rate_limit", "url"],
        "elasticsearch" => &["model_id", "deployment_id", "num_allocations", "num_threads",
            "adaptive_allocations", "long_document_strategy", "max_chunks_per_doc"],
        "elser" => &["model_id", "num_allocations", "num_threads", "adaptive_allocations"],
        "mistral" => &["model", "max_input_tokens", "rate_limit", "dimensions", "similarity"],
        "amazonbedrock" => &["region", "model", "provider", "dimensions", "similarity", "rate_limit",
            "max_input_tokens"],
        "amazon_sagemaker" => &["endpoint_name", "api", "region", "target_model",
            "target_container_hostname", "inference_component_name", "batch_size", "dimensions",
            "element_type", "similarity"],
        "googlevertexai" => &["project_id", "location", "model_id", "provider", "url", "streaming_url",
            "dimensions", "similarity", "rate_limit", "max_input_tokens", "max_batch_size"],
        "googleaistudio" => &["model_id", "rate_limit", "dimensions", "similarity", "max_input_tokens"],
        "anthropic" => &["model_id", "rate_limit"],
        "jinaai" => &["model_id", "similarity", "dimensions", "rate_limit", "element_type",
            "embedding_type", "max_input_tokens"],
        "voyageai" => &["model_id", "dimensions", "embedding_type", "rate_limit", "similarity",
            "max_input_tokens"],
        "watsonxai" => &["api_version", "project_id", "model_id", "url", "rate_limit",
            "max_input_tokens", "dimensions", "similarity"],
        "alibabacloud-ai-search" => &["service_id", "host", "workspace", "http_schema", "rate_limit",
            "max_input_tokens"],
        "groq" => &["model_id", "organization_id", "url", "rate_limit"],
        // ocigenai settings (unverified)
        "ocigenai" => &["region", "compartment_id", "model_id", "rate_limit", "max_input_tokens",
            "dimensions", "similarity"],
        // EIS settings (unverified)
        "elastic" => &["model_id", "max_batch_size", "max_input_tokens", "rate_limit", "dimensions",
            "similarity"],
        "azureaistudio" => &["target", "provider", "endpoint_type", "rate_limit", "dimensions",
            "similarity", "max_input_tokens"],
        "custom" => &["url", "headers", "query_parameters", "request", "response", "input_type",
            "rate_limit", "batch_size", "max_input_tokens", "dimensions", "similarity"],
        _ => &["model_id", "url", "rate_limit", "max_input_tokens", "dimensions", "similarity"],
    }
}

/// Documented `task_settings` keys per service.
#[rustfmt::skip]
pub(super) fn task_settings_keys(service: &str) -> &'static [&'static str] {
    match service {
        "openai" | "azureopenai" | "fireworksai" => &["user", "headers"],
        "cohere" => &["input_type", "truncate", "return_documents", "top_n"],
        "elasticsearch" => &["return_documents"],
        "elser" => &[],
        "amazonbedrock" => &["max_new_tokens", "temperature", "top_k", "top_p"],
        "anthropic" => &["max_tokens", "temperature", "top_k", "top_p"],
        "amazon_sagemaker" => &["custom_attributes", "enable_explanations", "inference_id",
            "session_id", "target_variant"],
        "googlevertexai" => &["auto_truncate", "top_n", "thinking_config", "max_tokens"],
        "jinaai" => &["input_type", "return_documents", "top_n", "late_chunking"],
        "voyageai" => &["input_type", "return_documents", "top_k", "truncation"],
        "azureaistudio" => &["do_sample", "max_new_tokens", "temperature", "top_p", "user",
            "return_documents", "top_n"],
        "alibabacloud-ai-search" => &["input_type", "return_token"],
        "custom" => &["parameters"],
        _ => &["user", "input_type", "truncate", "return_documents", "top_n", "instruction"],
    }
}

pub(super) fn take_secrets(service: &str, settings: &mut Obj) -> Obj {
    let mut secrets = Obj::new();
    for name in secret_fields(service) {
        if let Some(v) = settings.shift_remove(*name) {
            secrets.insert((*name).into(), v);
        }
    }
    secrets
}
