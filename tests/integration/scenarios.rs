//! The update scenarios of the server-versions table, with what infer does on each server. The
//! same table runs against the fake at each version (`versions.rs`) and, opt-in, against a real
//! cluster (`live.rs`).

use serde_json::{Value, json};

/// The server behaviours the table has a column for, oldest first.
pub const COLUMNS: [&str; 4] = ["8.17", "9.2", "9.5", "current"];

/// What a run of infer must show: its exit code and a line of its stderr.
#[derive(Clone, Copy, Debug)]
pub struct Expect {
    pub code: i32,
    pub stderr: &'static str,
}

const fn expect(code: i32, stderr: &'static str) -> Expect {
    Expect { code, stderr }
}

/// One update scenario: the endpoint it starts from, the arguments after `infer update ID`, and
/// the expected outcome per column.
pub struct Scenario {
    pub name: &'static str,
    pub endpoint: fn(&str) -> Value,
    pub args: &'static [&'static str],
    /// Variables the arguments refer to (`--secret-env`).
    pub env: &'static [(&'static str, &'static str)],
    pub expect: [Expect; 4],
}

// The outcomes, named once so that the table reads as a table.
const REFUSED_KEY: Expect = expect(3, "cannot change on an endpoint of the");
const REFUSED_NULL: Expect = expect(3, "does not reset a setting sent as null");
const REFUSED_KIND: Expect = expect(3, "cannot change the kind of secret");
const CLEARED: Expect = expect(0, "cleared");
const VERIFIED: Expect = expect(0, "verified");
const SECRET_SENT: Expect = expect(0, "(secret, not readable back)");
const KIND_400: Expect = expect(4, "uses api_key as its secret, and its kind cannot change");
const DROPPED_7: Expect = expect(7, "not applied: task_settings.unknown_setting");
const UNKNOWN_400: Expect = expect(4, "is not a task setting the cohere service takes");
const CHUNKING_400: Expect = expect(4, "does not accept chunking_settings in an update");
const RESET_7: Expect = expect(7, "re-create the endpoint with chunking_settings");

#[rustfmt::skip]
pub const TABLE: &[Scenario] = &[
    //                                                                8.17          9.2           9.5           current
    Scenario { name: "immutable key (openai model_id)", endpoint: openai, env: &[],
        args: &["--set", "service_settings.model_id=text-embedding-3-large"],
        expect: [REFUSED_KEY, REFUSED_KEY, REFUSED_KEY, REFUSED_KEY] },
    Scenario { name: "null clears (llama max_input_tokens)", endpoint: llama, env: &[],
        args: &["--unset", "service_settings.max_input_tokens"],
        expect: [REFUSED_NULL, REFUSED_NULL, REFUSED_NULL, CLEARED] },
    Scenario { name: "nested object (adaptive max only)", endpoint: adaptive, env: &[],
        args: &["--set", "service_settings.adaptive_allocations.max_number_of_allocations:=8"],
        expect: [REFUSED_KEY, REFUSED_KEY, VERIFIED, VERIFIED] },
    Scenario { name: "allocations with adaptive allocations", endpoint: adaptive, env: &[],
        args: &["--num-allocations", "3", "--set", "service_settings.adaptive_allocations.enabled:=false"],
        expect: [REFUSED_KEY, REFUSED_KEY, VERIFIED, VERIFIED] },
    Scenario { name: "secret kind, visible (openai api_key → client_secret)", endpoint: openai,
        env: &[("NEW_SECRET", "cs-new-secret-value")], args: &["--secret-env", "client_secret=NEW_SECRET"],
        expect: [REFUSED_KIND, REFUSED_KIND, REFUSED_KIND, REFUSED_KIND] },
    Scenario { name: "secret kind, hidden (azure api_key → entra_id)", endpoint: azure,
        env: &[("NEW_SECRET", "entra-new-value")], args: &["--secret-env", "entra_id=NEW_SECRET"],
        expect: [SECRET_SENT, SECRET_SENT, SECRET_SENT, KIND_400] },
    Scenario { name: "unknown task setting (cohere)", endpoint: cohere, env: &[],
        args: &["--set", "task_settings.unknown_setting:=3"],
        expect: [DROPPED_7, DROPPED_7, UNKNOWN_400, UNKNOWN_400] },
    Scenario { name: "chunking change", endpoint: openai, env: &[],
        args: &["--chunking-settings", r#"{"strategy":"word","max_chunk_size":100,"overlap":20}"#],
        expect: [CHUNKING_400, CHUNKING_400, VERIFIED, VERIFIED] },
    Scenario { name: "chunking kept by an unrelated update", endpoint: openai, env: &[],
        args: &["--set", "task_settings.user=bob"],
        expect: [RESET_7, RESET_7, VERIFIED, VERIFIED] },
];

/// An OpenAI embedding endpoint with an API key (no OAuth2).
pub fn openai(id: &str) -> Value {
    crate::fake_es::openai_embedding(id)
}

pub fn cohere(id: &str) -> Value {
    crate::fake_es::cohere_rerank(id)
}

/// A Llama endpoint: a service on the new parsers (ref 15.2).
pub fn llama(id: &str) -> Value {
    json!({
        "inference_id": id, "task_type": "text_embedding", "service": "llama",
        "service_settings": {"api_key": "ll-old", "model_id": "all-MiniLM-L6-v2",
            "url": "http://localhost:8321/v1/inference/embeddings", "max_input_tokens": 512,
            "rate_limit": {"requests_per_minute": 500}},
        "chunking_settings": {"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1}
    })
}

/// An Azure OpenAI completion endpoint whose secret is an API key.
pub fn azure(id: &str) -> Value {
    json!({
        "inference_id": id, "task_type": "completion", "service": "azureopenai",
        "service_settings": {"api_key": "az-old", "resource_name": "r", "deployment_id": "d",
            "api_version": "2024-02-01"}
    })
}

/// An in-cluster endpoint with adaptive allocations (ref 15.4).
pub fn adaptive(id: &str) -> Value {
    json!({
        "inference_id": id, "task_type": "sparse_embedding", "service": "elasticsearch",
        "service_settings": {"num_allocations": 1, "num_threads": 1, "model_id": ".elser_model_2",
            "deployment_id": id, "adaptive_allocations":
                {"enabled": true, "min_number_of_allocations": 1, "max_number_of_allocations": 4}},
        "chunking_settings": {"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1}
    })
}
