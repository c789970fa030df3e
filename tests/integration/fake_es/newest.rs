//! The newest servers' update rules (ref 15): what the service's update does not consume is
//! rejected, `null` resets or clears, the kind of secret cannot change, nested objects are
//! replaced by top-level key, and preconfigured endpoints get their own message.

use super::Obj;
use super::errors::{Res, bad_request, es_error, java_map, validation_failed};
use serde_json::{Value, json};

/// ref 3.8, 15.1, 15.4: the non-secret `service_settings` keys each service's update consumes.
#[rustfmt::skip]
fn updatable(service: &str) -> &'static [&'static str] {
    match service {
        "openai" => &["organization_id", "max_input_tokens", "rate_limit", "client_id", "scopes", "token_url"],
        "azureopenai" => &["rate_limit", "max_input_tokens", "headers", "client_id", "scopes", "tenant_id"],
        "custom" => &["url", "headers", "query_parameters", "request", "response", "input_type", "rate_limit",
            "batch_size", "max_input_tokens"],
        "amazon_sagemaker" => &["batch_size"],
        // Ahead of infer's table, as the catalogue says (routes.rs): the refinement's test case.
        "cohere" => &["rate_limit"],
        "watsonxai" | "groq" | "hugging_face" | "openshift_ai" | "llama" | "ai21" => &["rate_limit", "max_input_tokens"],
        "elasticsearch" | "elser" => &["num_allocations", "adaptive_allocations"],
        _ => &[],
    }
}

/// ref 15.1: services whose strict parser rejects a key at parse time.
fn strict_parser(service: &str) -> bool {
    matches!(
        service,
        "llama"
            | "ai21"
            | "anthropic"
            | "amazonbedrock"
            | "alibabacloud-ai-search"
            | "ocigenai"
            | "tencentcloud"
            | "hugging_face"
    )
}

/// ref 15.2: services on the new parsers, where `null` resets or clears.
fn resets_with_null(service: &str) -> bool {
    matches!(service, "llama" | "hugging_face" | "ai21")
}

/// ref 15.2: what a reset `rate_limit` becomes (approximate: the service's documented default).
fn default_rate_limit(service: &str) -> Value {
    let rpm = match service {
        "hugging_face" => 3000,
        "llama" => 3000,
        _ => 1000,
    };
    json!({ "requests_per_minute": rpm })
}

/// ref 15.5: an existing id starting with `.` cannot be updated (after the existence check).
pub(super) fn preconfigured(id: &str) -> Res<()> {
    if id.starts_with('.') {
        return Err(bad_request(&format!(
            "Default endpoint [{id}] cannot be updated"
        )));
    }
    Ok(())
}

/// ref 15.3: one kind of secret; AWS pairs together; never another kind than the stored one.
pub(super) fn check_secrets(service: &str, new: &Obj, stored: &Obj) -> Res<()> {
    let given: Vec<&str> = new.keys().map(String::as_str).collect();
    if given.is_empty() {
        return Ok(());
    }
    if matches!(service, "amazonbedrock" | "amazon_sagemaker") && given.len() == 1 {
        // PR text only; message approximate.
        return Err(validation_failed(
            "validation_exception",
            &["[secret_settings] access_key and secret_key must be updated together".into()],
        ));
    }
    let (scope, kinds): (&str, &[&str]) = match service {
        "azureopenai" => (
            "service_settings",
            &["api_key", "entra_id", "client_secret"],
        ),
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

/// ref 15.1: whatever the service's update did not consume is an error, in the leftover-map form
/// or, for services with a strict parser, the parse error form.
pub(super) fn leftovers(service: &str, new_ss: &Obj) -> Res<()> {
    let left: Obj = new_ss
        .iter()
        .filter(|(k, _)| !updatable(service).contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let Some(first) = left.keys().next() else {
        return Ok(());
    };
    if strict_parser(service) {
        let reason = format!("[1:2] [service_settings] unknown field [{first}]");
        return Err(es_error(400, "x_content_parse_exception", &reason));
    }
    Err(bad_request(&format!(
        "Configuration contains settings [{}] unknown to the [{service}] service",
        java_map(&left)
    )))
}

/// ref 15.2, 15.4: merge a section by top-level key; `null` resets or clears on the services that
/// support it and means "absent" elsewhere; `rate_limit: {}` leaves it unchanged.
pub(super) fn merge_section(service: &str, stored: &mut Obj, new: &Obj) {
    for (key, value) in new {
        match value {
            Value::Null if resets_with_null(service) => {
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
