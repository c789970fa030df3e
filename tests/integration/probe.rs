//! `infer probe`: proof that an endpoint answers, with the shape of its answer and its own
//! exit code when the provider refuses.

use crate::fake_es::{Behavior, FakeEs, cohere_rerank, openai_embedding};
use crate::harness::{fake_with_emb, infer_at, run};

#[test]
fn probe_reports_the_shape_never_the_vectors() {
    let es = fake_with_emb();
    es.insert(cohere_rerank("rr"));
    let out = run(infer_at(&es.url()).args(["probe", "emb"]))
        .expect(0)
        .stderr_has("probe of text_embedding endpoint 'emb': answered in ")
        .stderr_has("an embedding of 1536 dimensions");
    let report = out.json();
    assert_eq!(report["ok"], true);
    assert_eq!(report["shape"], "an embedding of 1536 dimensions");
    assert!(report.get("answer").is_none(), "no vectors unless asked");
    let sent = es.requests().last().unwrap().clone();
    assert_eq!(
        (sent.method.as_str(), sent.path.as_str()),
        ("POST", "/_inference/text_embedding/emb")
    );

    let out = run(infer_at(&es.url()).args(["probe", "rr", "--answer"]))
        .expect(0)
        .stderr_has("2 ranked documents");
    assert_eq!(out.json()["answer"]["rerank"].as_array().unwrap().len(), 2);
    let body = es.requests().last().unwrap().json();
    assert!(body["query"].is_string() && body["input"].as_array().unwrap().len() == 2);
}

#[test]
fn a_rejected_key_is_one_line_with_its_own_exit_code() {
    let es = FakeEs::with_behavior(Behavior {
        rejected_api_key: Some("sk-old".into()),
        ..Behavior::default()
    });
    es.insert(openai_embedding("emb"));
    let out = run(infer_at(&es.url()).args(["probe", "emb"]))
        .expect(9)
        .stderr_has("infer: error: the probe of endpoint 'emb' failed: HTTP 401 status_exception: Received an authentication error");
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
}

#[test]
fn elasticsearchs_own_refusal_is_not_the_providers() {
    let es = fake_with_emb();
    run(infer_at(&es.url()).args(["probe", "emb", "--task-type", "rerank"]))
        .expect(4)
        .stderr_has("infer: error: ")
        .stderr_has("rerank");
}
