//! The update scenarios of the server-versions table, with what infer does on each server. The
//! same table runs against the fake at each version (`server/versions.rs`) and, opt-in, against a real
//! cluster (`live.rs`).

use serde_json::{Value, json};

/// The server behaviours the table has a column for, oldest first.
pub const COLUMNS: [&str; 5] = ["8.17", "9.2", "9.4", "9.5", "current"];

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
    /// `{dir}` stands for the folder that holds `files`.
    pub args: &'static [&'static str],
    /// Variables the arguments refer to (`--secret-env`).
    pub env: &'static [(&'static str, &'static str)],
    /// Files the arguments refer to (`--secret-file`, `--settings`), by name and text.
    pub files: &'static [(&'static str, &'static str)],
    pub expect: [Expect; 5],
}

// The outcomes, named once so that the table reads as a table.
const REFUSED_KEY: Expect = expect(3, "cannot change on an endpoint of the");
const REFUSED_NULL: Expect = expect(3, "does not reset a setting sent as null");
const REFUSED_KIND: Expect = expect(3, "cannot change the kind of secret");
const REFUSED_CHUNKING: Expect = expect(
    3,
    "does not accept chunking_settings in an update (9.5 does",
);
const REFUSED_PAIR: Expect = expect(3, "rotates private_key and fingerprint together");
const LEFTOVER_400: Expect = expect(4, "service does not update service_settings.");
const THREADS_400: Expect = expect(4, "the threads of a deployment cannot change");
const CLEARED: Expect = expect(0, "cleared");
const VERIFIED: Expect = expect(0, "verified");
const NO_CHANGE: Expect = expect(0, "no change");
// Before #149628 a secret update repeats every secret of the endpoint.
const SECRETS_AGAIN: Expect = expect(4, "this server needs the provider's secret again");
const SECRET_SENT: Expect = expect(0, "(secret, not readable back)");
const TURNED_OFF: Expect = expect(
    0,
    "adaptive_allocations: turned off, as the update's other style does",
);
const REPLACES_COUNT: Expect = expect(0, "adaptive allocations replace the fixed count of 1");
const KIND_400: Expect = expect(4, "uses api_key as its secret, and its kind cannot change");
const DROPPED_7: Expect = expect(7, "not applied: task_settings.unknown_setting");
const UNKNOWN_400: Expect = expect(4, "is not a task setting the cohere service takes");
const RESET_7: Expect = expect(7, "re-create the endpoint with chunking_settings");

const NEW_PEM: &str = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ-new\n-----END PRIVATE KEY-----\n";

#[rustfmt::skip]
pub const TABLE: &[Scenario] = &[
    //                                                                8.17          9.2           9.4           9.5           current
    Scenario { name: "immutable key (openai model_id)", endpoint: openai, env: &[], files: &[],
        args: &["--set", "service_settings.model_id=text-embedding-3-large"],
        expect: [REFUSED_KEY, REFUSED_KEY, REFUSED_KEY, LEFTOVER_400, LEFTOVER_400] },
    Scenario { name: "null clears (llama --unset max_input_tokens)", endpoint: llama, env: &[], files: &[],
        args: &["--unset", "service_settings.max_input_tokens"],
        expect: [REFUSED_NULL, REFUSED_NULL, REFUSED_NULL, CLEARED, CLEARED] },
    Scenario { name: "null the service reads as absent (openai rate_limit:=null)", endpoint: openai, env: &[],
        files: &[], args: &["--set", "service_settings.rate_limit:=null"],
        expect: [REFUSED_NULL, REFUSED_NULL, REFUSED_NULL, REFUSED_NULL, REFUSED_NULL] },
    Scenario { name: "groq organization_id", endpoint: groq, env: &[], files: &[],
        args: &["--set", "service_settings.organization_id=org-new"],
        expect: [REFUSED_KEY, REFUSED_KEY, REFUSED_KEY, VERIFIED, VERIFIED] },
    Scenario { name: "jina ai rerank rate_limit", endpoint: jina_rerank, env: &[], files: &[],
        args: &["--set", "service_settings.rate_limit.requests_per_minute:=100"],
        expect: [REFUSED_KEY, REFUSED_KEY, REFUSED_KEY, VERIFIED, VERIFIED] },
    Scenario { name: "watsonx rerank rate_limit", endpoint: watsonx_rerank, env: &[], files: &[],
        args: &["--set", "service_settings.rate_limit.requests_per_minute:=100"],
        expect: [REFUSED_KEY, REFUSED_KEY, REFUSED_KEY, VERIFIED, VERIFIED] },
    Scenario { name: "nested object (adaptive max only)", endpoint: adaptive, env: &[], files: &[],
        args: &["--set", "service_settings.adaptive_allocations.max_number_of_allocations:=8"],
        expect: [REFUSED_KEY, REFUSED_KEY, REFUSED_KEY, VERIFIED, VERIFIED] },
    Scenario { name: "adaptive to fixed, both given", endpoint: adaptive, env: &[], files: &[],
        args: &["--num-allocations", "3", "--set", "service_settings.adaptive_allocations.enabled:=false"],
        expect: [REFUSED_KEY, REFUSED_KEY, REFUSED_KEY, VERIFIED, TURNED_OFF] },
    Scenario { name: "adaptive to fixed (--num-allocations)", endpoint: adaptive, env: &[], files: &[],
        args: &["--num-allocations", "3"],
        expect: [RESET_7, RESET_7, VERIFIED, VERIFIED, TURNED_OFF] },
    Scenario { name: "fixed to adaptive", endpoint: fixed, env: &[], files: &[],
        args: &["--set", r#"service_settings.adaptive_allocations:={"enabled":true,"min_number_of_allocations":1,"max_number_of_allocations":4}"#],
        expect: [REFUSED_KEY, REFUSED_KEY, REFUSED_KEY, VERIFIED, REPLACES_COUNT] },
    Scenario { name: "a file with both allocation keys (live count)", endpoint: adaptive, env: &[],
        files: &[("both.json", r#"{"service_settings": {"num_allocations": 7, "adaptive_allocations":
            {"enabled": true, "min_number_of_allocations": 1, "max_number_of_allocations": 4}}}"#)],
        args: &["--settings", "{dir}/both.json"],
        expect: [NO_CHANGE, NO_CHANGE, NO_CHANGE, NO_CHANGE, NO_CHANGE] },
    Scenario { name: "num_threads", endpoint: fixed, env: &[], files: &[],
        args: &["--set", "service_settings.num_threads:=2"],
        expect: [REFUSED_KEY, REFUSED_KEY, REFUSED_KEY, LEFTOVER_400, THREADS_400] },
    Scenario { name: "oci key rotation by flags", endpoint: oci, env: &[("KEY", NEW_PEM), ("FP", "11:22:new")],
        files: &[], args: &["--secret-env", "private_key=KEY", "--secret-env", "fingerprint=FP"],
        expect: [SECRETS_AGAIN, SECRETS_AGAIN, SECRETS_AGAIN, SECRET_SENT, SECRET_SENT] },
    Scenario { name: "oci key rotation by a file", endpoint: oci, env: &[("FP", "11:22:new")],
        files: &[("key.pem", NEW_PEM)],
        args: &["--secret-file", "private_key={dir}/key.pem", "--secret-env", "fingerprint=FP"],
        expect: [SECRETS_AGAIN, SECRETS_AGAIN, SECRETS_AGAIN, SECRET_SENT, SECRET_SENT] },
    Scenario { name: "oci key without its fingerprint", endpoint: oci, env: &[("KEY", NEW_PEM)], files: &[],
        args: &["--secret-env", "private_key=KEY"],
        expect: [REFUSED_PAIR, REFUSED_PAIR, REFUSED_PAIR, REFUSED_PAIR, REFUSED_PAIR] },
    Scenario { name: "secret kind, visible (openai api_key → client_secret)", endpoint: openai,
        env: &[("NEW_SECRET", "cs-new-secret-value")], files: &[], args: &["--secret-env", "client_secret=NEW_SECRET"],
        expect: [REFUSED_KIND, REFUSED_KIND, REFUSED_KIND, REFUSED_KIND, REFUSED_KIND] },
    Scenario { name: "secret kind, hidden (azure api_key → entra_id)", endpoint: azure,
        env: &[("NEW_SECRET", "entra-new-value")], files: &[], args: &["--secret-env", "entra_id=NEW_SECRET"],
        expect: [SECRET_SENT, SECRET_SENT, SECRET_SENT, KIND_400, KIND_400] },
    Scenario { name: "unknown task setting (cohere)", endpoint: cohere, env: &[], files: &[],
        args: &["--set", "task_settings.unknown_setting:=3"],
        expect: [DROPPED_7, DROPPED_7, DROPPED_7, UNKNOWN_400, UNKNOWN_400] },
    Scenario { name: "chunking change", endpoint: openai, env: &[], files: &[],
        args: &["--chunking-settings", r#"{"strategy":"word","max_chunk_size":100,"overlap":20}"#],
        expect: [REFUSED_CHUNKING, REFUSED_CHUNKING, REFUSED_CHUNKING, VERIFIED, VERIFIED] },
    Scenario { name: "chunking kept by an unrelated update", endpoint: openai, env: &[], files: &[],
        args: &["--set", "task_settings.user=bob"],
        expect: [RESET_7, RESET_7, VERIFIED, VERIFIED, VERIFIED] },
];

/// An OpenAI embedding endpoint with an API key (no OAuth2).
pub fn openai(id: &str) -> Value {
    crate::fake_es::openai_embedding(id)
}

pub fn cohere(id: &str) -> Value {
    crate::fake_es::cohere_rerank(id)
}

/// A Groq chat endpoint (`groq/completion/GroqChatCompletionServiceSettings.java`).
pub fn groq(id: &str) -> Value {
    json!({
        "inference_id": id, "task_type": "chat_completion", "service": "groq",
        "service_settings": {"api_key": "gq-old", "model_id": "llama-3.3-70b-versatile",
            "organization_id": "org-old", "rate_limit": {"requests_per_minute": 300}}
    })
}

/// A Jina AI rerank endpoint (`jinaai/rerank/JinaAIRerankServiceSettings.java`).
pub fn jina_rerank(id: &str) -> Value {
    json!({
        "inference_id": id, "task_type": "rerank", "service": "jinaai",
        "service_settings": {"api_key": "jn-old", "model_id": "jina-reranker-v2-base-multilingual",
            "rate_limit": {"requests_per_minute": 2000}},
        "task_settings": {"top_n": 5, "return_documents": true}
    })
}

/// A watsonx rerank endpoint (`IbmWatsonxService.SUPPORTED_TASK_TYPES`).
pub fn watsonx_rerank(id: &str) -> Value {
    json!({
        "inference_id": id, "task_type": "rerank", "service": "watsonxai",
        "service_settings": {"api_key": "wx-old", "model_id": "cross-encoder/ms-marco-minilm-l-12-v2",
            "project_id": "p", "url": "https://us-south.ml.cloud.ibm.com", "api_version": "2024-05-02",
            "rate_limit": {"requests_per_minute": 120}}
    })
}

/// An OCI Generative AI embedding endpoint, its four secrets included
/// (`ocigenai/OciGenAiSecretSettings.java`).
pub fn oci(id: &str) -> Value {
    json!({
        "inference_id": id, "task_type": "text_embedding", "service": "ocigenai",
        "service_settings": {"tenancy_id": "ocid1.tenancy.oc1..old", "user_id": "ocid1.user.oc1..old",
            "fingerprint": "aa:bb:old",
            "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEold\n-----END PRIVATE KEY-----\n",
            "region": "us-chicago-1", "compartment_id": "ocid1.compartment.oc1..c",
            "model_id": "cohere.embed-english-v3.0"}
    })
}

/// A Llama endpoint: a service on the new parsers (#151766).
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

/// An in-cluster endpoint with a fixed allocation count.
pub fn fixed(id: &str) -> Value {
    crate::fake_es::elser(id)
}

/// An in-cluster endpoint with adaptive allocations.
pub fn adaptive(id: &str) -> Value {
    json!({
        "inference_id": id, "task_type": "sparse_embedding", "service": "elasticsearch",
        "service_settings": {"num_allocations": 1, "num_threads": 1, "model_id": ".elser_model_2",
            "deployment_id": id, "adaptive_allocations":
                {"enabled": true, "min_number_of_allocations": 1, "max_number_of_allocations": 4}},
        "chunking_settings": {"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1}
    })
}
