//! `infer apply`: a file of endpoints made so on the cluster: creates, updates, replaces and
//! prunes, with a report; on a pipe and on a terminal.

mod after_write;
mod overlays;
mod terminal;

use crate::fake_es::{Behavior, FakeEs};
use crate::harness::fleet::{FILE, by_id, changed_endpoints, cluster};
use crate::harness::{arg, bounded, fifo, file, infer_at, run};
use serde_json::{Value, json};

/// `apply -f PATH --yes --parallel 1 --fail-fast`.
fn one_at_a_time_fail_fast(path: &std::path::Path) -> [String; 7] {
    [
        "apply",
        "-f",
        &arg(path),
        "--yes",
        "--parallel",
        "1",
        "--fail-fast",
    ]
    .map(String::from)
}

/// A file of `n` Cohere rerank endpoints `rr-I`, each with its key in the variable `KI`.
fn reranks(n: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let text = (0..n)
        .map(|i| format!("- {{inference_id: rr-{i}, task_type: rerank, service: cohere, service_settings: {{model_id: m, api_key: env:K{i}}}}}"))
        .collect::<Vec<_>>()
        .join("\n");
    file("e.yaml", text)
}

#[test]
fn a_failure_does_not_stop_the_others_unless_fail_fast() {
    let es = FakeEs::with_behavior(Behavior {
        rejected_api_key: Some("co-bad".into()),
        ..Behavior::current()
    });
    let (_d, path) = reranks(6);
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
    let out = run(cmd.args(one_at_a_time_fail_fast(&path)))
        .expect(11)
        .stderr_has("0 verified, 0 done, 0 not verified, 1 failed, 0 skipped, 5 not started");
    assert_eq!(by_id(&out.json())["rr-3"]["status"], "not_started");
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
    // Ctrl-C once the first writes have reached the server, not after a fixed pause.
    let started = std::time::Instant::now();
    while es.writes().len() < 2 && started.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
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
fn a_fifo_as_an_endpoints_file_secret_is_refused_not_waited_for() {
    let es = crate::fake_es::FakeEs::with_behavior(crate::fake_es::Behavior::current());
    let dir = tempfile::tempdir().expect("dir");
    let pipe = fifo(dir.path(), "key");
    let (_f, endpoints) = file(
        "endpoints.json",
        format!(
            r#"[{{"inference_id": "rr", "task_type": "rerank", "service": "cohere",
                 "service_settings": {{"api_key": "file:{}", "model_id": "rerank-english-v3.0"}}}}]"#,
            arg(&pipe)
        ),
    );
    // In a plan, a secret that cannot be read is the endpoint's conflict:
    // skipped, the others applied (exit 11), nothing written for it.
    let out =
        run(bounded()
            .env("ES_URL", es.url())
            .args(["apply", "-f", &arg(&endpoints), "--yes"]))
        .expect(11)
        .stdout_has(&format!(
            "refers to {}, which cannot be read: it is a pipe (FIFO), not a regular file",
            arg(&pipe)
        ));
    assert!(es.endpoint("rr").is_none(), "{}", out.stdout);
}

/// A conflict is skipped, never sent: it is no failed write, so `--fail-fast` writes the
/// others (it stopped them all when a skipped conflict counted as a failure).
#[test]
fn fail_fast_does_not_stop_for_a_conflict() {
    let es = FakeEs::start();
    let (_d, path) = reranks(4);
    let mut cmd = infer_at(&es.url());
    // rr-0's key is unset: a conflict, skipped.
    for i in 1..4 {
        cmd.env(format!("K{i}"), "co-good-key");
    }
    let out = run(cmd.args(one_at_a_time_fail_fast(&path))).expect(11);
    let report = by_id(&out.json());
    assert_eq!(report["rr-0"]["status"], "skipped");
    for id in ["rr-1", "rr-2", "rr-3"] {
        assert_eq!(report[id]["status"], "verified", "{id}: {}", out.stderr);
    }
    assert!(
        out.stderr
            .contains("3 verified, 0 done, 0 not verified, 0 failed, 1 skipped, 0 not started"),
        "{}",
        out.stderr
    );
}
