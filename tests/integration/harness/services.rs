//! An endpoint of every service and task type infer knows, as the server lists it, with the
//! secrets each service keeps (each service's `*SecretSettings`).

use serde_json::{Map, Value, json};

// A reference's value loses its final newline (as a `file:` secret does), so the key is
// written without one.
const PEM: &str = "-----BEGIN PRIVATE KEY-----\nMIIEround\n-----END PRIVATE KEY-----";

/// The secrets of a service, by setting (each service's `*SecretSettings`).
pub fn secrets(service: &str) -> Vec<(&'static str, Value)> {
    match service {
        "elasticsearch" | "elser" | "elastic" => vec![],
        "amazonbedrock" | "amazon_sagemaker" => {
            vec![
                ("access_key", json!("AKIA-round")),
                ("secret_key", json!("sk-round-aws")),
            ]
        }
        "googlevertexai" => vec![(
            "service_account_json",
            json!("{\"type\":\"service_account\"}"),
        )],
        "custom" => vec![("secret_parameters", json!({"api_key": "cu-round-secret"}))],
        "ocigenai" => vec![
            ("tenancy_id", json!("ocid1.tenancy.oc1..round")),
            ("user_id", json!("ocid1.user.oc1..round")),
            ("fingerprint", json!("aa:bb:round")),
            ("private_key", json!(PEM)),
        ],
        // Only its catalogue entry describes it (`fake_es::acme_service`).
        "acme" => vec![
            ("credential", json!("acme-round-credential")),
            ("auth.signature", json!("acme-round-signature")),
        ],
        _ => vec![("api_key", json!("key-round-trip"))],
    }
}

/// Plain settings of an endpoint of `service`, shaped as its settings class reads them.
fn settings(service: &str, task_type: &str) -> Map<String, Value> {
    let value = match service {
        "elasticsearch" | "elser" => json!({"model_id": ".elser_model_2", "num_allocations": 1,
            "num_threads": 1}),
        "alibabacloud-ai-search" => json!({"service_id": "ops-text-embedding-001", "host": "h",
            "workspace": "default"}),
        "amazon_sagemaker" => json!({"endpoint_name": "e", "api": "openai", "region": "us-east-1"}),
        "amazonbedrock" => json!({"region": "us-east-1", "model": "m", "provider": "amazontitan"}),
        "mistral" => json!({"model": "mistral-embed"}),
        "azureaistudio" => {
            json!({"target": "https://x.inference.ai.azure.com", "provider": "openai",
            "endpoint_type": "token"})
        }
        "azureopenai" => json!({"resource_name": "r", "deployment_id": "d", "api_version": "v"}),
        "custom" => json!({"url": "https://inference.example.com/v1/embed",
            "headers": {"Authorization": "Bearer ${api_key}", "Content-Type": "application/json"},
            "request": "{\"input\": ${input}}",
            "response": {"json_parser": {"text_embeddings": "$.data[*].embedding[*]"}}}),
        "ocigenai" => json!({"region": "us-chicago-1", "compartment_id": "c", "model_id": "m"}),
        _ => json!({"model_id": format!("{service}-{task_type}-model")}),
    };
    match value {
        Value::Object(map) => map,
        _ => unreachable!(),
    }
}

pub fn endpoint(id: &str, service: &str, task_type: &str) -> Value {
    let mut ss = settings(service, task_type);
    for (key, value) in secrets(service) {
        // A nested secret (`auth.signature`) is stored at its nested place.
        match key.split_once('.') {
            Some((parent, child)) => {
                ss.insert(parent.into(), json!({ child: value }));
            }
            None => {
                ss.insert(key.into(), value);
            }
        }
    }
    let mut endpoint = json!({"inference_id": id, "task_type": task_type, "service": service, "service_settings": ss});
    if matches!(
        task_type,
        "text_embedding" | "sparse_embedding" | "embedding"
    ) {
        // What a create stores when it is given none.
        endpoint["chunking_settings"] =
            json!({"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1});
    }
    endpoint
}
