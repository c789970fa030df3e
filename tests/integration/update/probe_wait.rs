//! `update --probe` and `--wait`: a probe after the write, and waiting until an in-cluster
//! deployment has scaled.

use crate::fake_es::{Behavior, FakeEs, elser, openai_embedding};
use crate::harness::terminal::on_terminal;
use crate::harness::{fake_with_emb, infer_at, run, update_at};

/// A cluster holding the OpenAI endpoint `emb`, whose provider answers
/// every inference request with 429 (a quota).
fn quota_exhausted_with_emb() -> FakeEs {
    let es = FakeEs::with_behavior(Behavior {
        inference_quota_exhausted: true,
        ..Behavior::default()
    });
    es.insert(openai_embedding("emb"));
    es
}

#[test]
fn update_probe_says_the_update_was_applied_when_the_provider_refuses() {
    let es = quota_exhausted_with_emb();
    run(infer_at(&es.url()).env("NEW_KEY", "sk-new-key-1234").args([
        "--retries",
        "0",
        "update",
        "emb",
        "--secret-env",
        "api_key=NEW_KEY",
        "--probe",
    ]))
    .expect(9)
    .stderr_has("sent service_settings.api_key (secret, not readable back)")
    .stderr_has("endpoint 'emb' was updated, but the probe of endpoint 'emb' failed: HTTP 429")
    .never_shows("sk-new-key-1234");
    assert_eq!(
        es.secrets("emb")["api_key"],
        "sk-new-key-1234",
        "the update was applied"
    );

    let ok = FakeEs::start();
    ok.insert(openai_embedding("emb"));
    run(infer_at(&ok.url()).env("NEW_KEY", "sk-new-key-1234").args([
        "update",
        "emb",
        "--secret-env",
        "api_key=NEW_KEY",
        "--probe",
    ]))
    .expect(0)
    .stderr_has("probe of text_embedding endpoint 'emb': answered in");
}

#[test]
fn wait_polls_until_the_deployment_has_scaled() {
    let es = FakeEs::with_behavior(Behavior {
        deployment_scales_after: Some(2),
        ..Behavior::default()
    });
    es.insert(elser("sparse"));
    run(infer_at(&es.url()).args(["update", "sparse", "--num-allocations", "3", "--wait"]))
        .expect(0)
        .stderr_has("deployment 'sparse' is ready: 3/3 allocations, fully allocated");
    let polls = es
        .requests()
        .iter()
        .filter(|r| r.path == "/_ml/trained_models/sparse/_stats")
        .count();
    assert_eq!(polls, 3, "two polls find it starting, the third ready");
}

#[test]
fn wait_that_times_out_says_the_update_was_applied() {
    let es = FakeEs::with_behavior(Behavior {
        deployment_scales_after: None,
        ..Behavior::default()
    });
    es.insert(elser("sparse"));
    update_at(&es, &["sparse", "--num-allocations", "3", "--wait", "--wait-timeout", "1s"])
    .expect(8)
    .stderr_has("endpoint 'sparse' was updated, but its deployment 'sparse' has 1/3 allocations, starting after");
    assert_eq!(
        es.endpoint("sparse").unwrap()["service_settings"]["num_allocations"],
        3
    );
}

#[test]
fn wait_is_for_in_cluster_endpoints_and_checked_before_writing() {
    let es = fake_with_emb();
    run(infer_at(&es.url()).args(["update", "emb", "--set", "task_settings.user=x", "--wait"]))
        .expect(2)
        .stderr_has("--wait waits for the deployment of an elasticsearch or elser endpoint, and this one uses the openai service");
    run(infer_at(&es.url()).env("K", "co-key").args([
        "create",
        "x",
        "--task-type",
        "rerank",
        "--service",
        "cohere",
        "--secret-env",
        "api_key=K",
        "--wait",
    ]))
    .expect(2)
    .stderr_has("uses the cohere service");
    assert!(es.writes().is_empty());
}

#[test]
fn wait_shows_progress_on_a_terminal() {
    let es = FakeEs::with_behavior(Behavior {
        deployment_scales_after: Some(1),
        ..Behavior::default()
    });
    es.insert(elser("sparse"));
    let url = es.url();
    let tty = on_terminal(
        "update sparse --num-allocations 2 --wait",
        &[("ES_URL", url.as_str())],
        &[],
    );
    assert_eq!(tty.code, 0, "{}", tty.screen);
    assert!(
        tty.screen
            .contains("waiting for deployment 'sparse': 1/2 allocations, starting"),
        "{}",
        tty.screen
    );
    assert!(
        tty.screen.contains("deployment 'sparse' is ready"),
        "{}",
        tty.screen
    );
}

#[test]
fn update_probe_of_a_chat_endpoint_is_refused_before_writing() {
    let es = FakeEs::start();
    es.insert(
        serde_json::json!({"inference_id": "chat", "task_type": "chat_completion",
        "service": "openai", "service_settings": {"api_key": "sk-old", "model_id": "gpt-4o"}}),
    );
    run(infer_at(&es.url()).env("K", "sk-new-key-1").args([
        "update",
        "chat",
        "--secret-env",
        "api_key=K",
        "--probe",
    ]))
    .expect(2)
    .stderr_has("infer probe does not probe chat_completion endpoints yet");
    assert!(es.writes().is_empty());
}

#[test]
fn a_probe_after_an_update_with_nothing_to_send_says_the_endpoint_is_unchanged() {
    let es = quota_exhausted_with_emb();
    run(infer_at(&es.url()).args([
        "--retries",
        "0",
        "update",
        "emb",
        "--set",
        "task_settings.user=alice",
        "--probe",
    ]))
    .expect(9)
    .stderr_has("no change: endpoint 'emb' already has these values; nothing was sent")
    .stderr_has("endpoint 'emb' is unchanged, but the probe of endpoint 'emb' failed: HTTP 429")
    .never_shows("was updated");
    assert!(
        es.writes().iter().all(|w| !w.path.ends_with("/_update")),
        "only the probe was sent"
    );
}
