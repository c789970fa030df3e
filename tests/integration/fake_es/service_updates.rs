//! The update rules that differ per version and per service: which `service_settings` keys an
//! update consumes (9.5+), what is left over, strict parsers, `null` resets, the in-cluster
//! allocation parser, the secret rules of #149628 and preconfigured endpoints (#150368).
//! Service classes are under `x-pack/plugin/inference/src/main/java/org/elasticsearch/xpack/
//! inference/services/`.

use super::errors::{Res, bad_request, es_error, java_map, validation_failed};
use super::{NullResets, Obj};
use serde_json::{Value, json};

const EMBEDDINGS: &[&str] = &["text_embedding", "embedding", "sparse_embedding"];

/// The non-secret `service_settings` keys each service's update parser (or
/// `updateServiceSettings`) consumes on 9.5+, per task type.
#[rustfmt::skip]
pub(super) fn update_keys(service: &str, task_type: &str) -> &'static [&'static str] {
    let embeddings = EMBEDDINGS.contains(&task_type);
    match service {
        // openai/embeddings/OpenAiEmbeddingsServiceSettings.java (updateServiceSettings; OAuth2
        // fields from the OAuth2 common settings)
        "openai" => &["organization_id", "max_input_tokens", "rate_limit", "client_id", "scopes", "token_url"],
        // azureopenai/embeddings/AzureOpenAiEmbeddingsServiceSettings.java (unverified)
        "azureopenai" => &["rate_limit", "max_input_tokens", "headers", "client_id", "scopes", "tenant_id"],
        // custom/CustomServiceSettings.java (#146242)
        "custom" => &["url", "headers", "query_parameters", "request", "response", "input_type", "rate_limit",
            "batch_size", "max_input_tokens"],
        // Amazon SageMaker service settings (#147597)
        "amazon_sagemaker" => &["batch_size"],
        // groq/completion/GroqChatCompletionServiceSettings.java
        "groq" => &["organization_id", "rate_limit"],
        // ai21/completion/Ai21ChatCompletionServiceSettings.java
        "ai21" => &["rate_limit"],
        // Hugging Face settings (#147143, #157900); watsonxai settings (#147250);
        // jinaai/rerank/JinaAIRerankServiceSettings.java and the Jina embeddings settings;
        // the tencentcloud, ocigenai and llama (#151766) embeddings and chat settings; the
        // amazonbedrock embeddings and completion settings
        "hugging_face" | "watsonxai" | "jinaai" | "tencentcloud" | "ocigenai" | "llama" | "amazonbedrock"
            if embeddings => &["rate_limit", "max_input_tokens"],
        "hugging_face" | "watsonxai" | "jinaai" | "tencentcloud" | "ocigenai" | "llama" | "amazonbedrock" => &["rate_limit"],
        // the alibabacloud-ai-search service settings
        "alibabacloud-ai-search" => &["http_schema", "rate_limit", "max_input_tokens"],
        // elastic/sparseembeddings/ElasticInferenceServiceSparseEmbeddingsServiceSettings.java;
        // the other EIS task types: none (unverified)
        "elastic" if task_type == "sparse_embedding" => &["max_batch_size"],
        // the Vertex AI embeddings settings (TransportUpdateInferenceModelActionTests default body)
        "googlevertexai" if task_type == "text_embedding" => &["max_batch_size"],
        // the anthropic and cohere service settings (rate_limit only)
        "anthropic" | "cohere" => &["rate_limit"],
        // openshiftai settings (#147480; per task type unverified)
        "openshift_ai" => &["rate_limit", "max_input_tokens"],
        // elasticsearch/ElasticsearchInternalServiceSettings.java
        "elasticsearch" | "elser" => &["num_allocations", "adaptive_allocations"],
        _ => &[],
    }
}

/// Services whose strict update parser rejects an unknown key at parse time (#157900 and the
/// parsers it follows): Llama, AI21, Anthropic, Amazon Bedrock, Watsonx rerank, Alibaba, Jina
/// rerank, OCI, Tencent, EIS sparse, Hugging Face.
fn strict_parser(service: &str, task_type: &str) -> bool {
    match service {
        "llama"
        | "ai21"
        | "anthropic"
        | "amazonbedrock"
        | "alibabacloud-ai-search"
        | "ocigenai"
        | "tencentcloud"
        | "hugging_face" => true,
        "watsonxai" | "jinaai" => task_type == "rerank",
        "elastic" => task_type == "sparse_embedding",
        _ => false,
    }
}

/// Whether the service's update parser declares `key` with `StatefulValue.declareNullable`, so
/// that `null` resets or clears it. Elsewhere `null` is read as "not given".
pub(super) fn nullable(null_resets: NullResets, service: &str, key: &str) -> bool {
    match null_resets {
        NullResets::Never => false,
        // #151766: Llama's parsers, the first converted
        NullResets::LlamaOnly => service == "llama",
        NullResets::NullableParsers => match service {
            // groq/completion/GroqChatCompletionServiceSettings.java
            "groq" => matches!(key, "organization_id" | "rate_limit"),
            // elasticsearch/ElasticsearchInternalServiceSettings.java (Update parser): both
            // allocation keys
            "elasticsearch" | "elser" => matches!(key, "num_allocations" | "adaptive_allocations"),
            // llama (#151766), ai21, watsonxai, alibabacloudsearch, jinaai, tencentcloud,
            // ocigenai, elastic, huggingface (#157895, #157900, #157994) update parsers
            "llama"
            | "ai21"
            | "watsonxai"
            | "alibabacloud-ai-search"
            | "jinaai"
            | "tencentcloud"
            | "ocigenai"
            | "elastic"
            | "hugging_face" => true,
            _ => false,
        },
    }
}

/// What a reset `rate_limit` becomes: the service's `DEFAULT_RATE_LIMIT_SETTINGS` (values
/// approximate).
fn default_rate_limit(service: &str) -> Value {
    let rpm = match service {
        "hugging_face" | "llama" => 3000,
        _ => 1000,
    };
    json!({ "requests_per_minute": rpm })
}

/// #150368: an existing id starting with `.` cannot be updated (after the existence check).
pub(super) fn preconfigured(id: &str) -> Res<()> {
    if id.starts_with('.') {
        return Err(bad_request(&format!(
            "Default endpoint [{id}] cannot be updated"
        )));
    }
    Ok(())
}

/// #149628: one kind of secret; AWS pairs together; never another kind than the stored one.
pub(super) fn check_secret_kind(service: &str, new: &Obj, stored: &Obj) -> Res<()> {
    let given: Vec<&str> = new.keys().map(String::as_str).collect();
    if given.is_empty() {
        return Ok(());
    }
    if matches!(service, "amazonbedrock" | "amazon_sagemaker") && given.len() == 1 {
        // #149628 PR text only; message approximate.
        return Err(validation_failed(
            "validation_exception",
            &["[secret_settings] access_key and secret_key must be updated together".into()],
        ));
    }
    let (scope, kinds): (&str, &[&str]) = match service {
        // azureopenai/AzureOpenAiSecretSettings.java
        "azureopenai" => (
            "service_settings",
            &["api_key", "entra_id", "client_secret"],
        ),
        // openai OAuth2 secret settings (#149628)
        "openai" => ("secret_settings", &["api_key", "client_secret"]),
        _ => return Ok(()),
    };
    let stored_kind = kinds.iter().find(|k| stored.contains_key(**k));
    let received = given.iter().find(|k| kinds.contains(k));
    if let (Some(s), Some(r)) = (stored_kind, received)
        && s != r
    {
        return Err(validation_failed(
            "validation_exception",
            &[format!(
                "[{scope}] only the field [{s}] can be updated for this secret, received: [{r}]"
            )],
        ));
    }
    Ok(())
}

/// `ocigenai/OciGenAiSecretSettings.java`: `private_key` must be an unencrypted PEM RSA key
/// (PKCS#8 or PKCS#1), checked on create and on update. The message is approximate.
pub(super) fn check_oci_key(service: &str, secrets: &Obj) -> Res<()> {
    let Some(key) = secrets.get("private_key").filter(|_| service == "ocigenai") else {
        return Ok(());
    };
    let text = key.as_str().unwrap_or("");
    let pem = text.contains("-----BEGIN PRIVATE KEY-----")
        || text.contains("-----BEGIN RSA PRIVATE KEY-----");
    if pem && !text.contains("ENCRYPTED") {
        return Ok(());
    }
    Err(validation_failed(
        "validation_exception",
        &["[secret_settings] [private_key] must be an unencrypted PEM-encoded RSA private key (PKCS#8 or PKCS#1)".into()],
    ))
}

/// `TransportUpdateInferenceModelAction.validateConsumedUpdateSettings` (`throwIfNotEmptyMap`):
/// whatever the service's update did not consume is an error, in the leftover-map form or, for
/// services with a strict parser, the parse-error form (#157900). A `null` on a key the service
/// does not consume is still a leftover: the key is in the map.
pub(super) fn leftovers(
    service: &str,
    task_type: &str,
    consumed: &[&str],
    new_ss: &Obj,
) -> Res<()> {
    let left: Obj = new_ss
        .iter()
        .filter(|(k, _)| !consumed.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let Some(first) = left.keys().next() else {
        return Ok(());
    };
    if strict_parser(service, task_type) {
        return Err(unknown_field(first));
    }
    Err(leftover_error(service, &left))
}

pub(super) fn leftover_error(service: &str, left: &Obj) -> super::errors::Reply {
    bad_request(&format!(
        "Configuration contains settings [{}] unknown to the [{service}] service",
        java_map(left)
    ))
}

/// The strict parsers' `x_content_parse_exception` (#157900).
fn unknown_field(key: &str) -> super::errors::Reply {
    es_error(
        400,
        "x_content_parse_exception",
        &format!("[1:2] [service_settings] unknown field [{key}]"),
    )
}

/// `ElasticsearchInternalServiceSettings.Update` (`elasticsearch/
/// ElasticsearchInternalServiceSettings.java`; messages from
/// `AbstractElasticsearchInternalServiceSettingsTests.java`): a strict parser; `num_threads`
/// cannot be updated (message approximate, `validation_exception` chosen); exactly one of
/// `num_allocations` and `adaptive_allocations`, and the one sent replaces the other
/// (`orElse(null)`). A `null` for either key counts as not sent (the fake's choice: both keys
/// are nullable, but a null alone leaves neither, which the parser refuses), so `null` beside
/// the other key just sends the other.
pub(super) fn one_allocation_style(new_ss: &Obj, stored: &mut Obj) -> Res<()> {
    for key in new_ss.keys() {
        match key.as_str() {
            "num_allocations" | "adaptive_allocations" => {}
            "num_threads" => {
                return Err(validation_failed(
                    "validation_exception",
                    &["[num_threads] cannot be updated".into()],
                ));
            }
            other => return Err(unknown_field(other)),
        }
    }
    let given = |k: &str| new_ss.get(k).filter(|v| !v.is_null()).cloned();
    let (num, adaptive) = (given("num_allocations"), given("adaptive_allocations"));
    match (num, adaptive) {
        (Some(_), Some(_)) => Err(validation_failed(
            "validation_exception",
            &["[num_allocations] cannot be set if [adaptive_allocations] is set".into()],
        )),
        (None, None) => Err(validation_failed(
            "validation_exception",
            &["[service_settings] does not contain one of the required settings [num_allocations, adaptive_allocations]".into()],
        )),
        (Some(n), None) => {
            stored.insert("num_allocations".into(), n);
            stored.shift_remove("adaptive_allocations");
            Ok(())
        }
        (None, Some(a)) => {
            stored.insert("adaptive_allocations".into(), a);
            stored.shift_remove("num_allocations");
            Ok(())
        }
    }
}

/// The per-service merge (9.5+): by top-level key, so a nested object sent replaces the stored
/// one (`InferenceUpdateElasticsearchInternalServiceModelIT`, each `updateServiceSettings`);
/// `null` resets `rate_limit` to the service default or clears another key where the parser
/// declares it nullable, and means "not given" elsewhere; `rate_limit: {}` leaves it unchanged
/// (#151766).
pub(super) fn merge_service_settings(
    null_resets: NullResets,
    service: &str,
    stored: &mut Obj,
    new: &Obj,
) {
    for (key, value) in new {
        match value {
            Value::Null if nullable(null_resets, service, key) => {
                if key == "rate_limit" {
                    stored.insert(key.clone(), default_rate_limit(service));
                } else {
                    stored.shift_remove(key);
                }
            }
            Value::Null => {}
            Value::Object(o) if o.is_empty() && key == "rate_limit" => {}
            _ => {
                stored.insert(key.clone(), value.clone());
            }
        }
    }
}

/// `TaskSettings.updatedTaskSettings` on 9.5+: by top-level key; `null` is "not given".
pub(super) fn merge_task_settings(stored: &mut Obj, new: &Obj) {
    for (key, value) in new {
        if !value.is_null() {
            stored.insert(key.clone(), value.clone());
        }
    }
}
