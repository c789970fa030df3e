//! `infer plan`: a file of endpoints against the cluster, on a pipe and on a terminal, and
//! saved plans.

mod files;
mod overlays;
mod saved;
mod terminal;

use crate::fake_es::{Behavior, FakeEs, elser, openai_embedding};
use crate::harness::fleet::{FILE, by_id, cluster};
use crate::harness::{arg, file, infer_at, run};
use serde_json::json;

#[test]
fn plan_reads_the_cluster_once_and_says_what_apply_would_do() {
    let es = cluster();
    let (_d, path) = file("endpoints.yaml", FILE);
    let out = run(infer_at(&es.url())
        .env("COHERE_KEY", "co-new-key-1")
        .args(["plan", "-f", &arg(&path)]))
    .expect(10)
    .stderr_has("Plan: 1 to create, 1 to update, 0 to replace, 0 to delete; 1 unchanged; 1 not in the file.");
    let plan = by_id(&out.json());
    assert_eq!(plan["emb"]["action"], "update");
    assert_eq!(
        plan["emb"]["changes"],
        json!([{"path": "service_settings.rate_limit.requests_per_minute", "from": 3000, "to": 500},
               {"path": "task_settings.user", "from": "alice", "to": "search-team"}])
    );
    assert_eq!(plan["rr-new"]["action"], "create");
    assert_eq!(plan["sparse"]["action"], "no_change");
    assert_eq!(plan["old"]["action"], "not_in_file");
    let reads: Vec<String> = es.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        reads
            .iter()
            .filter(|p| p.starts_with("/_inference"))
            .count(),
        1,
        "{reads:?}"
    );
    assert_eq!(reads[0], "/_inference/_all");
    assert!(es.writes().is_empty());
    assert!(!out.stdout.contains("co-new-key-1"));
}

#[test]
fn plan_exit_codes_tell_in_sync_from_pending_from_conflicts() {
    let es = cluster();
    let (_d, path) = file("e.json", json!([es.endpoint("emb").unwrap()]).to_string());
    run(infer_at(&es.url()).args(["plan", "-f", &arg(&path)])).expect(0);
    // The newest server judges a key its service may not update: pending, with a warning.
    let (_d, path) = file(
        "e.yaml",
        "- {inference_id: emb, task_type: text_embedding, service: openai, service_settings: {model_id: text-embedding-3-large}}",
    );
    let out = run(infer_at(&es.url()).args(["plan", "-f", &arg(&path)])).expect(10);
    let item = &by_id(&out.json())["emb"];
    assert_eq!(item["action"], "update", "{}", out.stdout);
    assert!(
        item["warnings"][0]
            .as_str()
            .unwrap()
            .contains("service_settings.model_id: infer's table says the openai service does not update it; the server judges it"),
        "{}",
        out.stdout
    );
    // A null the openai service reads as "not given": a conflict infer knows.
    let (_d, path) = file(
        "e.yaml",
        "- {inference_id: emb, task_type: text_embedding, service: openai, service_settings: {dimensions: null}}",
    );
    let out = run(infer_at(&es.url()).args(["plan", "-f", &arg(&path)]))
        .expect(11)
        .stderr_has("with conflicts");
    assert!(
        by_id(&out.json())["emb"]["conflicts"][0]
            .as_str()
            .unwrap()
            .contains("service_settings.dimensions: the openai service does not reset a setting sent as null"),
        "{}",
        out.stdout
    );
}

#[test]
fn inline_secrets_are_refused_naming_the_endpoint_and_key() {
    let es = cluster();
    let (_d, path) = file(
        "e.yaml",
        "- {inference_id: emb, task_type: text_embedding, service: openai, service_settings: {api_key: sk-INLINE-123456}}",
    );
    run(infer_at(&es.url()).args(["plan", "-f", &arg(&path)]))
        .expect(2)
        .stderr_has(
            "('emb'): service_settings.api_key must be a reference, env:VARIABLE or file:PATH",
        )
        .never_shows("sk-INLINE-123456");
}

#[test]
fn a_folder_and_several_files_are_one_file() {
    let es = cluster();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.json"),
        json!([es.endpoint("emb").unwrap()]).to_string(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.yml"),
        "- {inference_id: sparse, task_type: sparse_embedding, service: elasticsearch}",
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not an endpoint").unwrap();
    run(infer_at(&es.url()).args(["plan", "-f", &arg(dir.path())])).expect(0);
    let (_d, twice) = file(
        "c.yaml",
        "- {inference_id: emb, task_type: text_embedding, service: openai}",
    );
    run(infer_at(&es.url()).args(["plan", "-f", &arg(dir.path()), "-f", &arg(&twice)]))
        .expect(2)
        .stderr_has("endpoint 'emb' is described twice");
}

#[test]
fn what_the_single_commands_refuse_is_a_conflict_and_old_servers_are_warned_about() {
    let es = cluster();
    let (_d, path) = file(
        "c.yaml",
        "- {inference_id: old, task_type: rerank, service: cohere, chunking_settings: {strategy: word, max_chunk_size: 100, overlap: 10}}",
    );
    let out = run(infer_at(&es.url()).args(["plan", "-f", &arg(&path)])).expect(11);
    assert!(
        by_id(&out.json())["old"]["conflicts"][0]
            .as_str()
            .unwrap()
            .contains(
                "chunking_settings apply only to sparse_embedding, text_embedding and embedding"
            ),
        "{}",
        out.stdout
    );
    let old = FakeEs::with_behavior(Behavior::v9_2());
    old.insert(openai_embedding("emb"));
    run(infer_at(&old.url()).env("NEW", "sk-new-key-77").args([
        "rotate",
        "emb",
        "--secret-env",
        "api_key=NEW",
        "--dry-run",
    ]))
    .expect(0)
    .stderr_has("warning: Elasticsearch 9.2 may reset this endpoint's chunking_settings");
}

#[test]
fn an_endpoint_in_sync_carries_no_warning_about_an_update_it_will_not_get() {
    // 9.2 may reset chunking on an update (#139574, until #141687); nothing
    // is sent to an endpoint in sync, so there is nothing to warn of.
    let es = FakeEs::with_behavior(Behavior::v9_2());
    es.insert(elser("sparse"));
    let (_d, path) = file(
        "e.json",
        json!([es.endpoint("sparse").unwrap()]).to_string(),
    );
    let out = run(infer_at(&es.url()).args(["plan", "-f", &arg(&path)])).expect(0);
    assert_eq!(
        out.json(),
        json!([{"inference_id": "sparse", "action": "no_change", "changes": [], "conflicts": []}])
    );
    assert!(!out.stderr.contains("reset"), "{}", out.stderr);
}

#[test]
fn a_files_chunking_is_checked_once_whole_it_stops_the_plan_a_change_to_it_is_a_conflict() {
    let es = cluster();
    let endpoint = |chunking: &str| {
        format!(
            "- {{inference_id: emb, task_type: text_embedding, service: openai, chunking_settings: {chunking}}}"
        )
    };
    let (_d, whole) = file("w.yaml", endpoint("{strategy: banana}"));
    run(infer_at(&es.url()).args(["plan", "-f", &arg(&whole)]))
        .expect(2)
        .stderr_has("chunking_settings.strategy \"banana\" is not a strategy");
    let (_d, partial) = file("p.yaml", endpoint("{max_chunk_size: 300}"));
    let out = run(infer_at(&es.url()).args(["plan", "-f", &arg(&partial)])).expect(11);
    let conflict = by_id(&out.json())["emb"]["conflicts"][0].clone();
    assert!(
        conflict
            .as_str()
            .is_some_and(|c| c.starts_with("chunking_settings needs a strategy")),
        "{}",
        out.stdout
    );
    assert!(es.writes().is_empty());
}
