//! `plan`, `apply` and `rotate`: a file of endpoints against the cluster.

use serde_json::{Value, json};
use std::collections::BTreeMap;

use crate::fake_es::{Behavior, FakeEs, cohere_rerank, elser, openai_embedding};
use crate::harness::{arg, file, infer_at, run};

pub(crate) const FILE: &str = r#"
- inference_id: emb
  task_type: text_embedding
  service: openai
  service_settings:
    model_id: text-embedding-3-small
    api_key: env:OPENAI_KEY
    rate_limit: {requests_per_minute: 500}
  task_settings: {user: search-team}
- inference_id: rr-new
  task_type: rerank
  service: cohere
  service_settings:
    model_id: rerank-english-v3.0
    api_key: env:COHERE_KEY
- inference_id: sparse
  task_type: sparse_embedding
  service: elasticsearch
  service_settings: {num_allocations: 1, model_id: .elser_model_2}
"#;

fn cluster() -> FakeEs {
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(openai_embedding("emb"));
    es.insert(elser("sparse"));
    es.insert(cohere_rerank("old"));
    es
}

/// `n` OpenAI endpoints on `es`, and the file that changes each one's task settings.
fn changed_endpoints(es: &FakeEs, n: usize) -> Value {
    let list = (0..n)
        .map(|i| {
            let mut e = openai_embedding(&format!("e{i}"));
            es.insert(e.clone());
            e["task_settings"]["user"] = json!("changed");
            e["service_settings"]
                .as_object_mut()
                .unwrap()
                .remove("api_key");
            e
        })
        .collect();
    Value::Array(list)
}

fn by_id(list: &Value) -> BTreeMap<String, Value> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| (e["inference_id"].as_str().unwrap().to_string(), e.clone()))
        .collect()
}

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
fn apply_creates_updates_prunes_and_reports() {
    let es = cluster();
    let (_d, path) = file("endpoints.yaml", FILE);
    let out = run(infer_at(&es.url()).env("COHERE_KEY", "co-new-key-1").args([
        "apply",
        "-f",
        &arg(&path),
        "--prune",
        "--yes",
    ]))
    .expect(0)
    .stderr_has("2 verified, 1 done, 0 not verified, 0 failed, 0 skipped, 0 not started")
    .never_shows("co-new-key-1");
    let report = by_id(&out.json());
    assert_eq!(report["emb"]["status"], "verified");
    assert_eq!(report["rr-new"]["status"], "verified");
    assert_eq!(report["old"]["status"], "done");
    assert_eq!(report["sparse"]["status"], "no_change");
    assert_eq!(es.secrets("rr-new")["api_key"], "co-new-key-1");
    assert!(es.endpoint("old").is_none(), "pruned");
    assert_eq!(
        es.endpoint("emb").unwrap()["task_settings"]["user"],
        "search-team"
    );
    // Secrets are not sent to an existing endpoint without --rotate-secrets.
    let put = es
        .writes()
        .into_iter()
        .find(|w| w.path.ends_with("/emb/_update"))
        .unwrap();
    assert!(put.json()["service_settings"].get("api_key").is_none());
    // Each endpoint was written once.
    let mut paths: Vec<String> = es.writes().iter().map(|w| w.path.clone()).collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), es.writes().len(), "a write was sent twice");

    // Applied: in sync.
    run(infer_at(&es.url()).env("COHERE_KEY", "co-new-key-1").args([
        "plan",
        "-f",
        &arg(&path),
        "--prune",
    ]))
    .expect(0);
}

#[test]
fn rotate_secrets_sends_them_to_existing_endpoints_too() {
    let es = cluster();
    let (_d, path) = file("endpoints.yaml", FILE);
    run(infer_at(&es.url())
        .env("COHERE_KEY", "co-new-key-1")
        .env("OPENAI_KEY", "sk-rotated-via-file")
        .args(["apply", "-f", &arg(&path), "--rotate-secrets", "--yes"]))
    .expect(0);
    assert_eq!(es.secrets("emb")["api_key"], "sk-rotated-via-file");
}

#[test]
fn without_a_terminal_apply_needs_yes_and_writes_nothing() {
    let es = cluster();
    let (_d, path) = file("endpoints.yaml", FILE);
    run(infer_at(&es.url())
        .env("COHERE_KEY", "k")
        .args(["apply", "-f", &arg(&path)]))
    .expect(3)
    .stderr_has(
        "infer apply asks before it writes, and there is no terminal to ask on: pass --yes",
    );
    assert!(es.writes().is_empty());
}

#[test]
fn replace_only_with_allow_replace_and_conflicts_are_skipped() {
    let es = cluster();
    let (_d, path) = file(
        "e.yaml",
        "- {inference_id: sparse, task_type: text_embedding, service: openai, service_settings: {model_id: m, api_key: env:K}}\n\
         - {inference_id: emb, task_type: text_embedding, service: openai, service_settings: {dimensions: null}}",
    );
    es.add_reference("sparse", "pipeline:ingest-docs");
    let out = run(infer_at(&es.url()).env("K", "sk-replace-1").args([
        "apply",
        "-f",
        &arg(&path),
        "--yes",
    ]))
    .expect(11);
    let report = by_id(&out.json());
    assert_eq!(report["sparse"]["status"], "skipped");
    assert!(
        report["sparse"]["notes"][0]
            .as_str()
            .unwrap()
            .contains("only with --allow-replace")
    );
    assert_eq!(report["emb"]["status"], "skipped");
    // Only the server's dry run of the delete, to say what uses the endpoint.
    assert!(
        es.writes().iter().all(|w| w.path.contains("dry_run=true")),
        "{:?}",
        es.writes()
    );

    let plan = run(infer_at(&es.url()).env("K", "sk-replace-1").args([
        "plan",
        "-f",
        &arg(&path),
        "--allow-replace",
    ]))
    .expect(11);
    assert_eq!(
        by_id(&plan.json())["sparse"]["used_by"]["pipelines"],
        json!(["ingest-docs"])
    );
}

#[test]
fn a_failure_does_not_stop_the_others_unless_fail_fast() {
    let es = FakeEs::with_behavior(Behavior {
        rejected_api_key: Some("co-bad".into()),
        ..Behavior::current()
    });
    let file_text = (0..6)
        .map(|i| format!("- {{inference_id: rr-{i}, task_type: rerank, service: cohere, service_settings: {{model_id: m, api_key: env:K{i}}}}}"))
        .collect::<Vec<_>>()
        .join("\n");
    let (_d, path) = file("e.yaml", file_text);
    let mut cmd = infer_at(&es.url());
    for i in 0..6 {
        cmd.env(
            format!("K{i}"),
            if i == 0 { "co-bad" } else { "co-good-key" },
        );
    }
    let out = run(cmd.args(["apply", "-f", &arg(&path), "--yes", "--parallel", "1"])).expect(11);
    let report = by_id(&out.json());
    assert_eq!(report["rr-0"]["status"], "failed");
    assert!(
        report["rr-0"]["error"]
            .as_str()
            .unwrap()
            .contains("validation call to service")
    );
    assert_eq!(report["rr-5"]["status"], "verified");

    let es = FakeEs::with_behavior(Behavior {
        rejected_api_key: Some("co-bad".into()),
        ..Behavior::current()
    });
    let mut cmd = infer_at(&es.url());
    for i in 0..6 {
        cmd.env(
            format!("K{i}"),
            if i == 0 { "co-bad" } else { "co-good-key" },
        );
    }
    let out = run(cmd.args([
        "apply",
        "-f",
        &arg(&path),
        "--yes",
        "--parallel",
        "1",
        "--fail-fast",
    ]))
    .expect(11)
    .stderr_has("0 verified, 0 done, 0 not verified, 1 failed, 0 skipped, 5 not started");
    assert_eq!(by_id(&out.json())["rr-3"]["status"], "not_started");
}

#[test]
fn rotate_updates_every_matching_endpoint_and_refuses_what_it_cannot() {
    let es = cluster();
    es.insert(cohere_rerank("search-a"));
    es.insert(cohere_rerank("search-b"));
    run(infer_at(&es.url()).env("NEW", "co-rotated-key-7").args([
        "rotate",
        "search-*",
        "--secret-env",
        "api_key=NEW",
        "--dry-run",
    ]))
    .expect(0)
    .stderr_has("rotate search-a (cohere, the default host): api_key (secret, will change)")
    .never_shows("co-rotated-key-7");
    assert!(es.writes().is_empty());

    let out = run(infer_at(&es.url()).env("NEW", "co-rotated-key-7").args([
        "rotate",
        "--service",
        "cohere",
        "--secret-env",
        "api_key=NEW",
        "--yes",
    ]))
    .expect(0)
    .never_shows("co-rotated-key-7");
    assert_eq!(out.json().as_array().unwrap().len(), 3);
    for id in ["old", "search-a", "search-b"] {
        assert_eq!(es.secrets(id)["api_key"], "co-rotated-key-7", "{id}");
    }
    // An in-cluster endpoint takes no API key; a preconfigured one is never changed.
    run(infer_at(&es.url()).env("NEW", "co-rotated-key-7").args([
        "rotate",
        "sparse",
        "--secret-env",
        "api_key=NEW",
        "--yes",
    ]))
    .expect(3)
    .stderr_has("'sparse' uses the elasticsearch service, which does not take api_key");
    run(infer_at(&es.url()).env("NEW", "co-rotated-key-7").args([
        "rotate",
        "--secret-env",
        "api_key=NEW",
        "--yes",
    ]))
    .expect(3)
    .stderr_has("narrow with --service");
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
fn apply_against_a_slow_server_writes_each_endpoint_once() {
    // The speed of --parallel is measured by bench/run.sh, not here.
    let es = FakeEs::with_behavior(Behavior {
        latency: Some(std::time::Duration::from_millis(40)),
        ..Behavior::current()
    });
    let (_d, path) = file("e.json", changed_endpoints(&es, 24).to_string());
    run(infer_at(&es.url()).args(["apply", "-f", &arg(&path), "--yes", "--parallel", "8"]))
        .expect(0);
    let writes = es.writes();
    assert_eq!(writes.len(), 24);
    let mut paths: Vec<&str> = writes.iter().map(|w| w.path.as_str()).collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), 24, "one write per endpoint");
}

#[test]
fn replace_deletes_then_creates_when_allowed() {
    let es = cluster();
    let (_d, path) = file(
        "e.yaml",
        "- {inference_id: sparse, task_type: text_embedding, service: openai, service_settings: {model_id: m, api_key: env:K}}",
    );
    let out = run(infer_at(&es.url()).env("K", "sk-replace-1").args([
        "apply",
        "-f",
        &arg(&path),
        "--allow-replace",
        "--yes",
    ]))
    .expect(0);
    assert_eq!(by_id(&out.json())["sparse"]["status"], "verified");
    assert_eq!(es.endpoint("sparse").unwrap()["service"], "openai");
    let writes: Vec<String> = es
        .writes()
        .iter()
        .map(|w| format!("{} {}", w.method, w.path))
        .collect();
    let writes: Vec<String> = writes
        .iter()
        .filter(|w| !w.contains("dry_run"))
        .cloned()
        .collect();
    // The new settings proved first under a temporary id, which goes once the real one exists.
    let tmp = writes[0]
        .strip_prefix("PUT /_inference/text_embedding/")
        .unwrap_or_default()
        .to_string();
    assert!(tmp.starts_with("sparse-infer-tmp-"), "{writes:?}");
    assert_eq!(
        writes,
        [
            format!("PUT /_inference/text_embedding/{tmp}"),
            "DELETE /_inference/sparse".to_string(),
            "PUT /_inference/text_embedding/sparse".to_string(),
            format!("DELETE /_inference/{tmp}?force=true"),
        ]
    );
    assert!(
        es.endpoint(&tmp).is_none(),
        "the temporary endpoint is gone"
    );
}

#[test]
fn ctrl_c_finishes_what_is_in_flight_and_starts_nothing_new() {
    let es = FakeEs::with_behavior(Behavior {
        latency: Some(std::time::Duration::from_millis(150)),
        ..Behavior::current()
    });
    let (_d, path) = file("e.json", changed_endpoints(&es, 12).to_string());
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_infer"))
        .env_clear()
        .env("ES_URL", es.url())
        .env("HOME", std::env::temp_dir())
        .args(["apply", "-f", &arg(&path), "--yes", "--parallel", "2"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(900));
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted: the writes in flight finished, no new one was started"),
        "{stderr}"
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let status = |s: &str| {
        report
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["status"] == s)
            .count()
    };
    assert!(status("verified") >= 2, "{report}");
    assert!(status("not_started") >= 1, "{report}");
    assert_eq!(status("verified") + status("not_started"), 12, "{report}");
    // What the report calls verified is what the server received, once each.
    assert_eq!(es.writes().len(), status("verified"));
}

#[test]
fn hostile_and_empty_files_are_refused_before_anything_is_written() {
    let es = cluster();
    for (name, text, message) in [
        (
            "e.yaml",
            "",
            "holds no endpoints (it is empty, or null); a file that means \"none\" says so with []",
        ),
        ("n.json", "null", "holds no endpoints"),
        // Empty JSON is no endpoints too, not a syntax error to fix.
        (
            "e.json",
            " \n",
            "e.json holds no endpoints (it is empty, or null)",
        ),
        (
            "d.yaml",
            "- inference_id: emb\n  inference_id: emb\n  task_type: text_embedding\n  service_settings: {api_key: sk-DUP-SECRET-1}\n",
            "a key is given twice in one mapping; keep one",
        ),
        (
            "q.yaml",
            "- {inference_id: emb, service_settings: {api_key: \"sk-UNCLOSED-SECRET-2",
            "invalid YAML in",
        ),
    ] {
        let (_d, path) = file(name, text);
        run(infer_at(&es.url()).args(["apply", "-f", &arg(&path), "--prune", "--yes"]))
            .expect(2)
            .stderr_has(message)
            .never_shows("sk-DUP-SECRET-1")
            .never_shows("sk-UNCLOSED-SECRET-2");
    }
    assert!(es.writes().is_empty());
    assert!(es.endpoint("old").is_some(), "nothing pruned");
    let (_d, path) = file("e.yaml", FILE);
    run(infer_at(&es.url()).args(["apply", "-f", &arg(&path), "--yes", "--curl"]))
        .expect(2)
        .stderr_has("--curl shows one request, and infer apply sends many");
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
