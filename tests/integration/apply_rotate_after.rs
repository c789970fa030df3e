//! `apply` and `rotate` with `--wait` and `--probe`: each written endpoint
//! waited for and probed after its write, as `update` does, reported with
//! its endpoint; and `edit`'s request carries its secret paths as
//! `update`'s does.

use serde_json::Value;

use crate::edit::editor;
use crate::fake_es::{Behavior, FakeEs, elser, ocigenai_embedding, openai_embedding};
use crate::harness::{arg, file, infer_at, run};

const SPARSE_TO_3: &str = r#"
- inference_id: sparse
  task_type: sparse_embedding
  service: elasticsearch
  service_settings: {num_allocations: 3, num_threads: 1, model_id: .elser_model_2, deployment_id: sparse}
"#;

const KEY: &str = "sk-rotated-openai-key-5150";

/// A current server holding `endpoint`, its behaviour changed by `change`.
fn holding(endpoint: Value, change: impl FnOnce(&mut Behavior)) -> FakeEs {
    let mut behavior = Behavior::current();
    change(&mut behavior);
    let es = FakeEs::with_behavior(behavior);
    es.insert(endpoint);
    es
}

/// How often the deployment's stats were read.
fn stats_reads(es: &FakeEs) -> usize {
    es.requests()
        .iter()
        .filter(|r| r.path == "/_ml/trained_models/sparse/_stats")
        .count()
}

fn outcome(report: &Value, id: &str) -> Value {
    report
        .as_array()
        .and_then(|all| all.iter().find(|o| o["inference_id"] == id))
        .cloned()
        .unwrap_or_else(|| panic!("no outcome for {id} in {report}"))
}

#[test]
fn apply_wait_waits_for_each_deployment_it_scaled() {
    let es = holding(elser("sparse"), |b| b.deployment_scales_after = Some(2));
    let (_d, path) = file("endpoints.yaml", SPARSE_TO_3);
    let out =
        run(infer_at(&es.url()).args(["apply", "-f", &arg(&path), "--yes", "--wait"])).expect(0);
    let sparse = outcome(&out.json(), "sparse");
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
    let sparse = outcome(&out.json(), "sparse");
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
fn apply_wait_is_for_in_cluster_endpoints_and_checked_before_writing() {
    let es = holding(openai_embedding("emb"), |_| {});
    let (_d, path) = file(
        "endpoints.yaml",
        r#"
- inference_id: emb
  task_type: text_embedding
  service: openai
  service_settings: {model_id: text-embedding-3-small, api_key: env:OPENAI_KEY}
  task_settings: {user: someone-else}
"#,
    );
    run(infer_at(&es.url()).args(["apply", "-f", &arg(&path), "--yes", "--wait"]))
        .expect(2)
        .stderr_has(
            "--wait waits for the deployment of an elasticsearch or elser endpoint, and 'emb' \
             uses the openai service: leave --wait out",
        );
    assert!(es.writes().is_empty());
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
    .stderr_has("--probe works after a write, and --dry-run writes nothing: leave one out");
    assert!(es.writes().is_empty());
}

fn rotate_probe(es: &FakeEs) -> crate::harness::Run {
    run(infer_at(&es.url()).env("NEW_OPENAI_KEY", KEY).args([
        "--retries",
        "0",
        "rotate",
        "emb",
        "--secret-env",
        "api_key=NEW_OPENAI_KEY",
        "--probe",
        "--yes",
    ]))
}

#[test]
fn rotate_probe_proves_each_new_key() {
    let es = holding(openai_embedding("emb"), |_| {});
    let out = rotate_probe(&es).expect(0).never_shows(KEY);
    let emb = outcome(&out.json(), "emb");
    assert_eq!(emb["status"], "verified");
    assert!(
        emb["notes"]
            .to_string()
            .contains("probe of text_embedding endpoint 'emb': answered in "),
        "{emb}"
    );
    assert_eq!(es.secrets("emb")["api_key"], KEY);
}

#[test]
fn a_rejected_probe_after_rotate_exits_9_and_says_the_key_was_sent() {
    let es = holding(openai_embedding("emb"), |b| {
        b.inference_quota_exhausted = true
    });
    let out = rotate_probe(&es).expect(9).never_shows(KEY);
    let emb = outcome(&out.json(), "emb");
    assert!(
        emb["error"].as_str().unwrap().contains(
            "endpoint 'emb' was updated, but the probe of endpoint 'emb' failed: HTTP 429"
        ),
        "{emb}"
    );
    assert_eq!(
        es.secrets("emb")["api_key"],
        KEY,
        "the rotation was applied"
    );
}

/// A secret the service keeps (`tenancy_id` of ocigenai) whose name says
/// nothing, too short to be masked by its value alone: the request's
/// secret paths mask it in the `-vv` log of the request, as `update`'s do.
#[test]
fn edit_masks_the_secrets_of_its_service_in_the_request_log() {
    let es = holding(ocigenai_embedding("oci"), |_| {});
    let (_d, ed) = editor(
        r#"sed -i 's/"service_settings": {/"service_settings": {"tenancy_id": "t1x", "user_id": "u2y", "fingerprint": "f3z", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIBVQ\\n-----END PRIVATE KEY-----\\n",/' "$1""#,
    );
    run(infer_at(&es.url())
        .env("EDITOR", &ed)
        .args(["-vv", "edit", "oci", "--yes"]))
    .expect(0)
    .never_shows("\"t1x\"")
    .never_shows("\"u2y\"");
    assert_eq!(es.secrets("oci")["tenancy_id"], "t1x", "the edit was sent");
}

/// A new secret starts no deployment: `rotate --wait` is refused before
/// anything is written, as `update --wait` is for a provider's endpoint.
#[test]
fn rotate_wait_on_a_providers_endpoint_is_refused_before_writing() {
    let es = holding(openai_embedding("emb"), |_| {});
    run(infer_at(&es.url()).env("NEW_OPENAI_KEY", KEY).args([
        "rotate",
        "emb",
        "--secret-env",
        "api_key=NEW_OPENAI_KEY",
        "--wait",
        "--yes",
    ]))
    .expect(2)
    .stderr_has("--wait waits for the deployment of an elasticsearch or elser endpoint, and 'emb' uses the openai service: leave --wait out")
    .never_shows(KEY);
    assert!(es.writes().is_empty());
}
