//! A change cut in the middle: a replace whose create fails, whose answers are lost, or which a
//! signal lands in; every endpoint is old or new afterwards, none absent, and a report is
//! printed.

use serde_json::{Value, json};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::fake_es::{Behavior, FakeEs, Fault, openai_embedding};
use crate::harness::{arg, file, infer_at, run, update_at};

const KEY: &str = "co-replaced-key-4242";

/// `n` OpenAI endpoints `r0`… on the newest fake, and a file that makes each a Cohere one (a
/// replace: the service changes).
fn cluster(n: usize) -> (FakeEs, tempfile::TempDir, std::path::PathBuf) {
    let es = FakeEs::with_behavior(Behavior::current());
    let mut wanted = Vec::new();
    for i in 0..n {
        es.insert(openai_embedding(&format!("r{i}")));
        wanted.push(
            json!({"inference_id": format!("r{i}"), "task_type": "text_embedding",
            "service": "cohere", "service_settings": {"model_id": "embed-english-v3.0",
            "api_key": "env:K"}}),
        );
    }
    let (dir, path) = file("e.json", Value::Array(wanted).to_string());
    (es, dir, path)
}

fn apply(es: &FakeEs, path: &std::path::Path, folder: &std::path::Path) -> crate::harness::Run {
    run(infer_at(&es.url()).current_dir(folder).env("K", KEY).args([
        "apply",
        "-f",
        &arg(path),
        "--allow-replace",
        "--yes",
    ]))
}

fn service_of(es: &FakeEs, id: &str) -> Option<String> {
    es.endpoint(id)
        .and_then(|e| e["service"].as_str().map(str::to_string))
}

fn no_temporary_left(es: &FakeEs) {
    let all = run(infer_at(&es.url()).args(["list", "--json"])).json();
    let ids: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["inference_id"].as_str())
        .collect();
    assert!(!ids.iter().any(|id| id.contains("-infer-tmp-")), "{ids:?}");
}

#[test]
fn a_create_half_that_fails_once_is_tried_again() {
    let (es, dir, path) = cluster(1);
    es.fault_when(
        "PUT",
        "/_inference/text_embedding/r0",
        Fault::Status(500),
        1,
    );
    apply(&es, &path, dir.path()).expect(0).never_shows(KEY);
    assert_eq!(service_of(&es, "r0").as_deref(), Some("cohere"));
    no_temporary_left(&es);
}

#[test]
fn a_create_half_the_server_keeps_refusing_is_reported_with_the_old_settings_kept() {
    let (es, dir, path) = cluster(1);
    es.fault_when(
        "PUT",
        "/_inference/text_embedding/r0",
        Fault::Status(500),
        3,
    );
    let out = apply(&es, &path, dir.path()).expect(11);
    let report = out.json();
    let error = report[0]["error"].as_str().unwrap_or_default().to_string();
    assert!(error.contains("endpoint 'r0' was deleted, and creating it anew failed; it does not exist now (read back)"), "{error}");
    assert!(
        error.contains("its settings before the delete are in"),
        "{error}"
    );
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("infer-replaced-r0-")
        })
        .collect();
    assert_eq!(kept.len(), 1, "{error}");
    let text = std::fs::read_to_string(kept[0].path()).unwrap();
    assert!(text.contains("\"api_key\": \"env:R0_API_KEY\""), "{text}");
    assert!(
        text.contains("text-embedding-3-small"),
        "the old settings: {text}"
    );
    no_temporary_left(&es);
}

#[test]
fn a_lost_create_answer_is_read_back_not_reported_as_missing() {
    let (es, dir, path) = cluster(1);
    es.fault_when("PUT", "/_inference/text_embedding/r0", Fault::LoseAnswer, 1);
    let out = apply(&es, &path, dir.path()).expect(0);
    assert!(!out.stdout.contains("create it again"), "{}", out.stdout);
    assert!(out.stdout.contains("the answer was lost"), "{}", out.stdout);
    assert_eq!(service_of(&es, "r0").as_deref(), Some("cohere"));
    let creates = es
        .writes()
        .iter()
        .filter(|w| w.method == "PUT" && w.path == "/_inference/text_embedding/r0")
        .count();
    assert_eq!(creates, 1, "created once");
}

#[test]
fn a_lost_delete_answer_is_read_back_and_the_replace_goes_on() {
    let (es, dir, path) = cluster(1);
    es.fault_when("DELETE", "/_inference/r0", Fault::LoseAnswer, 1);
    apply(&es, &path, dir.path()).expect(0);
    assert_eq!(service_of(&es, "r0").as_deref(), Some("cohere"));
}

#[test]
fn new_settings_the_server_refuses_leave_the_endpoint_untouched() {
    let (es, dir, path) = cluster(1);
    let es = {
        drop(es);
        let es = FakeEs::with_behavior(Behavior {
            rejected_api_key: Some(KEY.into()),
            ..Behavior::current()
        });
        es.insert(openai_embedding("r0"));
        es
    };
    let out = apply(&es, &path, dir.path()).expect(11);
    let error = out.json()[0]["error"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        error.contains(
            "endpoint 'r0' was not touched: its new settings were tried first as 'r0-infer-tmp-"
        ),
        "{error}"
    );
    assert_eq!(service_of(&es, "r0").as_deref(), Some("openai"));
    let deletes: Vec<String> = es
        .writes()
        .iter()
        .filter(|w| w.method == "DELETE" && !w.path.contains("dry_run") && !w.path.contains("tmp"))
        .map(|w| w.path.clone())
        .collect();
    assert!(deletes.is_empty(), "nothing deleted: {deletes:?}");
}

#[test]
fn a_leftover_temporary_endpoint_is_deleted_by_the_next_apply() {
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(openai_embedding("emb"));
    es.insert(openai_embedding("emb-infer-tmp-0badc0de"));
    let (_d, path) = file("e.json", json!([es.endpoint("emb").unwrap()]).to_string());
    run(infer_at(&es.url()).args(["plan", "-f", &arg(&path)]))
        .expect(10)
        .stdout_has("left over by an interrupted replace");
    run(infer_at(&es.url()).args(["apply", "-f", &arg(&path), "--yes"])).expect(0);
    assert!(es.endpoint("emb-infer-tmp-0badc0de").is_none());
    assert!(es.endpoint("emb").is_some());
}

/// Start `apply` of four replaces whose create halves the fake holds, wait until all four
/// deletes are in, send `signals`, and return the exit code, stdout and stderr.
fn signalled(signals: &[&str]) -> (FakeEs, Option<i32>, String, String) {
    let (es, dir, path) = cluster(4);
    for i in 0..4 {
        let path = format!("/_inference/text_embedding/r{i}");
        es.fault_when("PUT", &path, Fault::Delay(Duration::from_millis(1200)), 1);
    }
    let child = Command::new(env!("CARGO_BIN_EXE_infer"))
        .env_clear()
        .env("ES_URL", es.url())
        .env("HOME", dir.path())
        .env("K", KEY)
        .current_dir(dir.path())
        .args([
            "apply",
            "-f",
            &arg(&path),
            "--allow-replace",
            "--yes",
            "--parallel",
            "8",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("infer");
    let deleted = |es: &FakeEs| {
        es.writes()
            .iter()
            .filter(|w| {
                w.method == "DELETE" && !w.path.contains("tmp") && !w.path.contains("dry_run")
            })
            .count()
    };
    let started = Instant::now();
    while deleted(&es) < 4 && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(deleted(&es), 4, "the four deletes were sent");
    for signal in signals {
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .expect("kill");
        assert!(sent.success());
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("wait");
    (
        es,
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_signal_between_a_delete_and_its_create_loses_no_endpoint() {
    for (signal, code) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
        let (es, exit, stdout, stderr) = signalled(&[signal]);
        assert_eq!(exit, Some(code), "{signal}: {stderr}");
        let report: Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{signal}: no report ({e}): {stdout}\n{stderr}"));
        assert_eq!(
            report.as_array().map(Vec::len),
            Some(4),
            "{signal}: {report}"
        );
        for i in 0..4 {
            assert_eq!(
                service_of(&es, &format!("r{i}")).as_deref(),
                Some("cohere"),
                "{signal}: r{i} is whole: {stderr}"
            );
        }
        no_temporary_left(&es);
    }
}

#[test]
fn a_second_signal_still_finishes_the_replaces_that_have_deleted() {
    let (es, exit, _stdout, stderr) = signalled(&["INT", "INT"]);
    assert_eq!(exit, Some(130), "{stderr}");
    assert!(
        stderr.contains("finishing 4 replaces before exiting"),
        "{stderr}"
    );
    for i in 0..4 {
        assert_eq!(
            service_of(&es, &format!("r{i}")).as_deref(),
            Some("cohere"),
            "r{i} is whole: {stderr}"
        );
    }
}

#[test]
fn a_signal_during_one_update_lets_it_finish_and_be_reported() {
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(openai_embedding("emb"));
    es.fault_when(
        "PUT",
        "/_inference/text_embedding/emb/_update",
        Fault::Delay(Duration::from_millis(1000)),
        1,
    );
    let home = tempfile::tempdir().unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_infer"))
        .env_clear()
        .env("ES_URL", es.url())
        .env("HOME", home.path())
        .args(["update", "emb", "--set", "task_settings.user=bob"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("infer");
    std::thread::sleep(Duration::from_millis(500));
    let sent = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(143), "{stderr}");
    assert!(
        stderr.contains("SIGTERM: finishing the writes in flight"),
        "{stderr}"
    );
    assert!(stderr.contains("verified task_settings.user"), "{stderr}");
    let shown: Value = serde_json::from_slice(&out.stdout).expect("the endpoint on stdout");
    assert_eq!(shown["task_settings"]["user"], "bob");
    assert_eq!(es.endpoint("emb").unwrap()["task_settings"]["user"], "bob");
}

#[test]
fn a_delete_whose_answer_is_lost_is_read_back() {
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(openai_embedding("gone"));
    es.insert(openai_embedding("kept"));
    es.fault_when("DELETE", "/_inference/gone", Fault::LoseAnswer, 1);
    run(infer_at(&es.url()).args(["delete", "gone", "--yes"]))
        .expect(0)
        .stdout_has("read back: 'gone' is gone");
    assert!(es.endpoint("gone").is_none());
    // A reset before the server acted: still there, and said so.
    es.fault_when("DELETE", "/_inference/kept", Fault::Reset, 1);
    run(infer_at(&es.url()).args(["delete", "kept", "--yes"]))
        .expect(6)
        .stderr_has("endpoint 'kept' still exists (read back): it was not deleted");
    assert!(es.endpoint("kept").is_some());
}

#[test]
fn a_lost_answer_is_checked_even_under_no_verify() {
    let es = FakeEs::with_behavior(Behavior::current());
    es.insert(openai_embedding("emb"));
    // Every try of the update is read and dropped, never carried out.
    es.fault_when(
        "PUT",
        "/_inference/text_embedding/emb/_update",
        Fault::Drop,
        10,
    );
    update_at(
        &es,
        &["emb", "--set", "task_settings.user=zed", "--no-verify"],
    )
    .expect(7)
    .stderr_has("the answer to this write was lost")
    .stderr_has("not applied: task_settings.user");
}

#[test]
fn a_replace_whose_create_was_applied_though_its_answers_failed_is_a_success() {
    let (es, dir, path) = cluster(1);
    es.fault_when("PUT", "/_inference/text_embedding/r0", Fault::LoseAnswer, 1);
    // The first read-back fails too; the create tried again finds it exists.
    es.fault_when("GET", "/_inference/r0", Fault::Status(500), 1);
    let out = apply(&es, &path, dir.path()).expect(0);
    assert!(
        out.stdout
            .contains("but the server holds the new endpoint (read back)"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("put it back"), "{}", out.stdout);
    assert_eq!(service_of(&es, "r0").as_deref(), Some("cohere"));
}
