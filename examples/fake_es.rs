//! The test suite's fake Elasticsearch as a standalone server, for
//! `bench/run.sh` and for trying infer without a cluster: prints its URL,
//! then serves until killed, keeping no log of what it was sent.
//!
//!     cargo run --example fake_es -- [8.17|9.2|9.5|current]
//!
//! `huge` and `endless` start the hostile server instead: a 1 GiB answer,
//! or a chunked answer that never ends. For the benchmark of many
//! endpoints: `many` holds 10,000 endpoints of five services, shaped as a
//! 9.x server lists them (about 4 MB for `GET /_inference/_all`, near the
//! 5 MB the issue measured on a real cluster), and `slow` answers each
//! request after 20 ms and holds 200 rerank endpoints (`s0` …).

#[path = "../tests/integration/fake_es/mod.rs"]
mod fake_es;

use fake_es::Behavior;

fn main() {
    let (behavior, hostile) = match std::env::args().nth(1).as_deref() {
        None | Some("9.5") => (Behavior::v9_5(), None),
        Some("8.17") => (Behavior::v8_17(), None),
        Some("9.2") => (Behavior::v9_2(), None),
        Some("current") => (Behavior::current(), None),
        Some("many") => (Behavior::v9_5(), None),
        Some("slow") => (
            Behavior {
                latency: Some(std::time::Duration::from_millis(20)),
                ..Behavior::v9_5()
            },
            None,
        ),
        Some("huge") => (Behavior::v9_5(), Some(fake_es::Hostile::Huge(1 << 30))),
        Some("endless") => (Behavior::v9_5(), Some(fake_es::Hostile::Endless)),
        Some(other) => {
            eprintln!(
                "fake_es: unknown mode {other:?}; use 8.17, 9.2, 9.5, current, many, slow, huge or endless"
            );
            std::process::exit(2);
        }
    };
    let es = fake_es::FakeEs::with_behavior(fake_es::Behavior {
        forgets_requests: true,
        ..behavior
    });
    es.insert(fake_es::cohere_rerank("bench"));
    es.insert(fake_es::openai_embedding("my-openai"));
    es.insert(fake_es::elser("my-elser"));
    match std::env::args().nth(1).as_deref() {
        Some("many") => (0..10_000).for_each(|i| es.insert(realistic(i))),
        Some("slow") => (0..200).for_each(|i| es.insert(fake_es::cohere_rerank(&format!("s{i}")))),
        _ => {}
    }
    let server = hostile.map(fake_es::HostileServer::start);
    match &server {
        Some(s) => println!("{}", s.url()),
        None => println!("{}", es.url()),
    }
    loop {
        std::thread::park();
    }
}

/// Endpoint `i` of a large cluster: five services in turn, with the
/// settings a 9.x server fills in and lists (rate limits, similarity,
/// adaptive allocations, chunking), and ids such as teams give them.
fn realistic(i: usize) -> serde_json::Value {
    use serde_json::json;
    let team = ["search", "support", "catalog", "docs"][i % 4];
    let sentence = json!({"strategy": "sentence", "max_chunk_size": 250, "sentence_overlap": 1});
    match i % 5 {
        0 => json!({
            "inference_id": format!("{team}-prod-openai-embeddings-{i:05}"),
            "task_type": "text_embedding", "service": "openai",
            "service_settings": {
                "model_id": "text-embedding-3-small", "url": "https://api.openai.com/v1/embeddings",
                "organization_id": "org-2f6a1c8b", "similarity": "dot_product", "dimensions": 1536,
                "rate_limit": {"requests_per_minute": 3000}
            },
            "task_settings": {"user": format!("{team}-indexer")},
            "chunking_settings": sentence
        }),
        1 => json!({
            "inference_id": format!("{team}-prod-elser-{i:05}"),
            "task_type": "sparse_embedding", "service": "elasticsearch",
            "service_settings": {
                "num_threads": 1, "model_id": ".elser_model_2_linux-x86_64",
                "adaptive_allocations": {
                    "enabled": true, "min_number_of_allocations": 0, "max_number_of_allocations": 32
                }
            },
            "chunking_settings": sentence
        }),
        2 => json!({
            "inference_id": format!("{team}-prod-cohere-rerank-{i:05}"),
            "task_type": "rerank", "service": "cohere",
            "service_settings": {
                "model_id": "rerank-english-v3.0", "rate_limit": {"requests_per_minute": 10000}
            },
            "task_settings": {"top_n": 10, "return_documents": true}
        }),
        3 => json!({
            "inference_id": format!("{team}-prod-azure-embeddings-{i:05}"),
            "task_type": "text_embedding", "service": "azureopenai",
            "service_settings": {
                "resource_name": format!("{team}-prod-eastus"), "deployment_id": "text-embedding-3-large",
                "api_version": "2024-02-01", "dimensions": 3072, "similarity": "dot_product",
                "rate_limit": {"requests_per_minute": 1440}
            },
            "task_settings": {"user": format!("{team}-indexer")},
            "chunking_settings": {"strategy": "word", "max_chunk_size": 300, "overlap": 100}
        }),
        _ => json!({
            "inference_id": format!("{team}-prod-bedrock-embeddings-{i:05}"),
            "task_type": "text_embedding", "service": "amazonbedrock",
            "service_settings": {
                "region": "us-east-1", "model": "amazon.titan-embed-text-v2:0",
                "provider": "amazontitan", "dimensions": 1024, "similarity": "cosine",
                "rate_limit": {"requests_per_minute": 240}
            },
            "chunking_settings": sentence
        }),
    }
}
