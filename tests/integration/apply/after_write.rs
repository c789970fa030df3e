//! `infer apply --wait` and `--probe`: each written endpoint waited for
//! and probed after its write, as `update` does, reported with its endpoint.

use crate::fake_es::{elser, openai_embedding};
use crate::harness::fleet::by_id;
use crate::harness::{arg, file, holding, infer_at, run};

const SPARSE_TO_3: &str = r#"
- inference_id: sparse
  task_type: sparse_embedding
  service: elasticsearch
  service_settings: {num_allocations: 3, num_threads: 1, model_id: .elser_model_2, deployment_id: sparse}
"#;

const KEY: &str = "sk-rotated-openai-key-5150";

/// How often the deployment's stats were read.
fn stats_reads(es: &crate::fake_es::FakeEs) -> usize {
    es.requests()
        .iter()
        .filter(|r| r.path == "/_ml/trained_models/sparse/_stats")
        .count()
}

#[test]
fn apply_wait_waits_for_each_deployment_it_scaled() {
    let es = holding(elser("sparse"), |b| b.deployment_scales_after = Some(2));
    let (_d, path) = file("endpoints.yaml", SPARSE_TO_3);
    let out =
        run(infer_at(&es.url()).args(["apply", "-f", &arg(&path), "--yes", "--wait"])).expect(0);
    let sparse = by_id(&out.json())["sparse"].clone();
    assert_eq!(sparse["status"], "verified");
    let notes = sparse["notes"].to_string();
    assert!(
        notes.contains("deployment 'sparse' is ready: 3/3 allocations, fully allocated"),
        "{notes}"
    );
    assert_eq!(
        stats_reads(&es),
        3,
        "two polls find it starting, the third ready"
    );
}

#[test]
fn apply_wait_that_times_out_exits_8_and_says_the_update_was_applied() {
    let es = holding(elser("sparse"), |b| b.deployment_scales_after = None);
    let (_d, path) = file("endpoints.yaml", SPARSE_TO_3);
    let out = run(infer_at(&es.url()).args([
        "apply",
        "-f",
        &arg(&path),
        "--yes",
        "--wait",
        "--wait-timeout",
        "1s",
    ]))
    .expect(8);
    let sparse = by_id(&out.json())["sparse"].clone();
    assert_eq!(sparse["status"], "verified", "the write itself was applied");
    assert!(
        sparse["error"].as_str().unwrap().contains(
            "endpoint 'sparse' was updated, but its deployment 'sparse' has 1/3 allocations"
        ),
        "{sparse}"
    );
    assert_eq!(
        es.endpoint("sparse").unwrap()["service_settings"]["num_allocations"],
        3
    );
}

#[test]
fn apply_wait_waits_for_in_cluster_endpoints_and_notes_the_others() {
    let es = holding(elser("sparse"), |b| b.deployment_scales_after = Some(0));
    es.insert(openai_embedding("emb"));
    let mixed = format!(
        "{SPARSE_TO_3}{}",
        r#"
- inference_id: emb
  task_type: text_embedding
  service: openai
  service_settings: {model_id: text-embedding-3-small, api_key: env:OPENAI_KEY}
  task_settings: {user: someone-else}
"#
    );
    let (_d, path) = file("endpoints.yaml", &mixed);
    let out = run(infer_at(&es.url()).env("OPENAI_KEY", KEY).args([
        "apply",
        "-f",
        &arg(&path),
        "--yes",
        "--wait",
    ]))
    .expect(0);
    let report = by_id(&out.json());
    let emb = report["emb"].clone();
    assert_eq!(emb["status"], "verified", "{emb}");
    assert!(
        emb["notes"]
            .to_string()
            .contains("not waited for: runs outside the cluster"),
        "{emb}"
    );
    assert!(
        report["sparse"]["notes"]
            .to_string()
            .contains("deployment 'sparse' is ready"),
        "{report:?}"
    );
    assert_eq!(
        es.endpoint("emb").unwrap()["task_settings"]["user"],
        "someone-else"
    );
}

#[test]
fn wait_and_probe_with_curl_or_dry_run_are_refused_as_update_refuses_them() {
    let es = holding(elser("sparse"), |_| {});
    let (_d, path) = file("endpoints.yaml", SPARSE_TO_3);
    run(infer_at(&es.url()).args(["apply", "-f", &arg(&path), "--wait", "--curl"]))
        .expect(2)
        .stderr_has(
            "--wait watches the deployment after a write, and --curl writes nothing: leave one out",
        );
    run(infer_at(&es.url()).args(["apply", "-f", &arg(&path), "--probe", "--curl"]))
        .expect(2)
        .stderr_has("--probe sends an inference request after the write, and --curl sends nothing");
    run(infer_at(&es.url()).env("NEW_OPENAI_KEY", KEY).args([
        "rotate",
        "--secret-env",
        "api_key=NEW_OPENAI_KEY",
        "--probe",
        "--dry-run",
    ]))
    .expect(2)
    .stderr_has("the argument '--probe' cannot be used with '--dry-run'");
    assert!(es.writes().is_empty());
}
